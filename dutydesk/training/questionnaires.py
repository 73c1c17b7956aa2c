"""Questionnaires (问卷): authoring, person-by-person responses, anonymity, results, Excel.

An anonymous questionnaire stores no link to the respondent anywhere: the response row
has no person, its audit rows are attributed to ``Actor.anonymous()`` and carry only the
day, not the time, of the answer.
"""

from __future__ import annotations

import builtins
import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dutydesk import limits
from dutydesk.clock import site_today
from dutydesk.errors import Conflict, NotFound, StorageFault, ValidationError
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person, register_permissions, require
from dutydesk.people.inputs import clean_text, optional_text
from dutydesk.store import anonymous as anonymous_store
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row
from dutydesk.store.rows import from_row
from dutydesk.training.context import TrainingContext

if TYPE_CHECKING:
    pass

register_permissions(
    {
        "questionnaire.author": frozenset({LEADER, ADMIN}),
        "questionnaire.answer": frozenset({OFFICER, LEADER, ADMIN}),
    }
)
for _table in (
    "questionnaires",
    "questionnaire_questions",
    "questionnaire_responses",
    "questionnaire_answers",
    "questionnaire_participants",
):
    audit.register_table(audit.AuditedTable(_table))

PURPOSES: dict[str, tuple[str, str]] = {
    "assessment": ("现状评估", "Current state and needs"),
    "training_eval": ("培训评估", "Training evaluation"),
    "satisfaction": ("满意度", "Satisfaction"),
    "free": ("自由", "Free"),
}
KINDS: dict[str, tuple[str, str]] = {
    "single": ("单选", "Single choice"),
    "multiple": ("多选", "Multiple choice"),
    "scale": ("量表", "Scale 1-5"),
    "text": ("文本", "Free text"),
}
STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("草稿", "Draft"),
    "open": ("收集中", "Open"),
    "closed": ("已结束", "Closed"),
}
CHOICE_KINDS = ("single", "multiple")
SCALE = (1, 2, 3, 4, 5)
_SEPARATORS = re.compile(r"[;；\n|]")
MAX_TEXT_ANSWER = 2000


@dataclass(frozen=True)
class QuestionSpec:
    """A question as authored: kind, text, options (choice kinds only), required."""

    kind: str
    text: str
    options: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    kind: str
    text: str
    options: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Questionnaire:
    id: int
    title: str
    purpose: str
    description: str
    anonymous: bool
    status: str
    created_by: int
    created_at: str
    updated_at: str
    questions: tuple[Question, ...]
    responses: int

    @property
    def purpose_zh(self) -> str:
        return PURPOSES[self.purpose][0]


@dataclass(frozen=True)
class QuestionResult:
    """``counts`` per option (choice) or per scale point 1-5; ``texts`` for free text."""

    question: Question
    answered: int
    counts: tuple[int, ...]
    average: float | None
    texts: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        if self.question.kind == "scale":
            return tuple(str(p) for p in SCALE)
        return self.question.options


@dataclass(frozen=True)
class Results:
    questionnaire: Questionnaire
    responses: int
    questions: tuple[QuestionResult, ...]


def _where(location: str, message: str, en: str) -> tuple[str, str]:
    return (f"{location}：{message}", f"{location}: {en}") if location else (message, en)


def validate_spec(
    spec: QuestionSpec, *, field: str = "questions", location: str = ""
) -> QuestionSpec:
    """Check one question; ``location`` prefixes messages (e.g. the Excel row)."""

    def fail(zh: str, en: str) -> ValidationError:
        zh, en = _where(location, zh, en)
        return ValidationError(field, zh, en=en)

    if spec.kind not in KINDS:
        raise fail(
            f"未知题型「{spec.kind}」，应为 单选/多选/量表/文本",
            f"unknown question type {spec.kind!r}; use single/multiple/scale/text",
        )
    text = (spec.text or "").strip()
    if not text:
        raise fail("题目不能为空", "the question text is empty")
    if len(text) > 500:
        raise fail("题目不能超过 500 个字符", "the question is longer than 500 characters")
    options = tuple(o.strip() for o in spec.options if o and o.strip())
    if spec.kind in CHOICE_KINDS:
        if len(options) < 2:
            raise fail(
                f"选择题「{text}」至少需要两个选项",
                f"choice question {text!r} needs at least two options",
            )
        if len(set(options)) != len(options):
            raise fail(f"选择题「{text}」的选项重复", f"choice question {text!r} repeats an option")
        for option in options:
            if _SEPARATORS.search(option):
                raise fail(
                    f"选项「{option}」不能包含分号、竖线或换行",
                    f"option {option!r} must not contain ; | or a line break",
                )
    elif options:
        raise fail(
            f"{KINDS[spec.kind][0]}题「{text}」不能有选项",
            f"a {KINDS[spec.kind][1]} question takes no options",
        )
    return QuestionSpec(spec.kind, text, options, bool(spec.required))


def _question(row: dict[str, Any]) -> Question:
    return from_row(
        Question, row, options=tuple(json.loads(row["options"])), required=bool(row["required"])
    )


class QuestionnaireService(AreaService[TrainingContext]):
    """Questionnaires; authored by leaders and admins, answered by every duty officer."""

    # -- reading ---------------------------------------------------------------------------

    def get(self, questionnaire_id: int) -> Questionnaire:
        row = existing_row(self._db, "questionnaires", questionnaire_id, ("问卷", "questionnaire"))
        questions = tuple(
            _question(r)
            for r in self._db.query(
                "SELECT * FROM questionnaire_questions WHERE questionnaire_id = ?"
                " ORDER BY position",
                [questionnaire_id],
            )
        )
        responses = self._db.execute(
            "SELECT count(*) FROM questionnaire_responses WHERE questionnaire_id = ?",
            [questionnaire_id],
        ).fetchone()[0]
        return from_row(
            Questionnaire,
            row,
            anonymous=bool(row["anonymous"]),
            questions=questions,
            responses=int(responses),
        )

    def list(self, *, purpose: str | None = None) -> builtins.list[Questionnaire]:
        sql, params = "SELECT id FROM questionnaires", []
        if purpose is not None:
            sql += " WHERE purpose = ?"
            params.append(purpose)
        return [self.get(r[0]) for r in self._db.execute(sql + " ORDER BY id DESC", params)]

    def has_responded(self, person: Person, questionnaire_id: int) -> bool:
        """Whether ``person`` has answered. For an anonymous questionnaire this is kept in
        ``questionnaire_participants``, which records that they answered, never what."""
        for table in ("questionnaire_responses", "questionnaire_participants"):
            found = self._db.execute(
                f"SELECT 1 FROM {table} WHERE questionnaire_id = ? AND person_id = ?",
                [questionnaire_id, person.id],
            ).fetchone()
            if found is not None:
                return True
        return False

    # -- authoring -------------------------------------------------------------------------

    def _clean_header(self, title: str, purpose: str, description: str) -> tuple[str, str, str]:
        if purpose not in PURPOSES:
            raise ValidationError(
                "purpose",
                f"未知问卷用途：{purpose}，应为 现状评估/培训评估/满意度/自由",
                en=f"Unknown purpose {purpose!r}",
            )
        return (
            clean_text("title", title, "问卷标题", "Title"),
            purpose,
            optional_text("description", description, "说明", "Description", 2000),
        )

    def _clean_questions(self, questions: Sequence[QuestionSpec]) -> builtins.list[QuestionSpec]:
        if not questions:
            raise ValidationError(
                "questions", "问卷至少需要一道题", en="A questionnaire needs at least one question"
            )
        return [validate_spec(q, location=f"第 {i} 题") for i, q in enumerate(questions, start=1)]

    def create(
        self,
        actor: Person,
        *,
        title: str,
        purpose: str,
        questions: Sequence[QuestionSpec],
        description: str = "",
        anonymous: bool = False,
    ) -> Questionnaire:
        actor = require(actor, "questionnaire.author", self._db)
        title, purpose, description = self._clean_header(title, purpose, description)
        specs = self._clean_questions(questions)
        now = self._desk.now_iso()
        with self._db.atomic():
            qid = self._insert(
                "questionnaires",
                {
                    "title": title,
                    "purpose": purpose,
                    "description": description,
                    "anonymous": int(anonymous),
                    "status": "draft",
                    "created_by": actor.id,
                    "created_at": now,
                    "updated_at": now,
                },
                by=actor,
                at=now,
            )
            self._insert_questions(actor, qid, specs, now)
        return self.get(qid)

    def _insert_questions(
        self, actor: Person, qid: int, specs: Sequence[QuestionSpec], now: str
    ) -> None:
        for position, spec in enumerate(specs, start=1):
            self._insert(
                "questionnaire_questions",
                {
                    "questionnaire_id": qid,
                    "position": position,
                    "kind": spec.kind,
                    "text": spec.text,
                    "options": json.dumps(list(spec.options), ensure_ascii=False),
                    "required": int(spec.required),
                },
                by=actor,
                at=now,
            )

    def update(
        self,
        actor: Person,
        questionnaire_id: int,
        *,
        title: str | None = None,
        purpose: str | None = None,
        description: str | None = None,
        anonymous: bool | None = None,
        questions: Sequence[QuestionSpec] | None = None,
    ) -> Questionnaire:
        """Edit a draft; once it has been opened its questions and anonymity are fixed."""
        actor = require(actor, "questionnaire.author", self._db)
        current = self.get(questionnaire_id)
        if current.status != "draft" and (questions is not None or anonymous is not None):
            raise Conflict(
                "问卷已发布，题目和匿名设置不能再修改",
                en="The questionnaire has been opened; questions and anonymity are fixed",
            )
        title_, purpose_, description_ = self._clean_header(
            current.title if title is None else title,
            current.purpose if purpose is None else purpose,
            current.description if description is None else description,
        )
        specs = None if questions is None else self._clean_questions(questions)
        now = self._desk.now_iso()
        changes: dict[str, Any] = {
            "title": title_,
            "purpose": purpose_,
            "description": description_,
            "updated_at": now,
        }
        if anonymous is not None:
            changes["anonymous"] = int(anonymous)
        with self._db.atomic():
            self._update("questionnaires", questionnaire_id, changes, by=actor, at=now)
            if specs is not None:
                for question in current.questions:
                    audit.delete(
                        self._db,
                        "questionnaire_questions",
                        question.id,
                        actor=actor.actor,
                        at=now,
                    )
                self._insert_questions(actor, questionnaire_id, specs, now)
        return self.get(questionnaire_id)

    def set_status(self, actor: Person, questionnaire_id: int, status: str) -> Questionnaire:
        """draft → open → closed; a closed questionnaire may be reopened."""
        actor = require(actor, "questionnaire.author", self._db)
        current = self.get(questionnaire_id)
        allowed = {("draft", "open"), ("open", "closed"), ("closed", "open")}
        if (current.status, status) not in allowed:
            raise Conflict(
                f"问卷不能从「{STATUSES[current.status][0]}」改为「"
                f"{STATUSES.get(status, (status,))[0]}」",
                en=f"A questionnaire cannot go from {current.status} to {status}",
            )
        now = self._desk.now_iso()
        if current.status == "open":
            # Closing: every held answer is entered first (while it may still be).
            with self._db.atomic():
                self._release(current, force=True)
        self._update(
            "questionnaires",
            questionnaire_id,
            {"status": status, "updated_at": now},
            by=actor,
            at=now,
            action=f"questionnaire_{status}",
        )
        return self.get(questionnaire_id)

    # -- answering -------------------------------------------------------------------------

    def check_answer(
        self, question: Question, value: Any, *, location: str = ""
    ) -> tuple[str | None, int | None, str | None] | None:
        """Validate one answer; returns (choices JSON, scale, text) or None when blank.

        Choice answers are option indexes (0-based) or option texts.
        """
        field = f"q{question.position}"
        place = location or f"第 {question.position} 题"

        def fail(zh: str, en: str) -> ValidationError:
            zh, en = _where(place, zh, en)
            return ValidationError(field, zh, en=en)

        blank = value is None or (isinstance(value, str | list | tuple | set) and not value)
        if isinstance(value, str) and not value.strip():
            blank = True
        if blank:
            if question.required:
                raise fail("此题必答", "this question is required")
            return None
        if question.kind in CHOICE_KINDS:
            raw = list(value) if isinstance(value, list | tuple | set) else [value]
            picked: builtins.list[int] = []
            for item in raw:
                index = self._option_index(question, item)
                if index is None:
                    raise fail(
                        f"「{item}」不是本题的选项（{'／'.join(question.options)}）",
                        f"{item!r} is not an option of this question",
                    )
                if index not in picked:
                    picked.append(index)
            if question.kind == "single" and len(picked) != 1:
                raise fail("单选题只能选一个选项", "a single-choice question takes one option")
            return json.dumps(sorted(picked)), None, None
        if question.kind == "scale":
            try:
                number = int(str(value).strip()) if not isinstance(value, int) else value
            except ValueError:
                number = None
            if isinstance(value, bool) or number not in SCALE:
                raise fail(
                    f"量表题的答案必须是 1–5 的整数，而不是「{value}」",
                    f"a scale answer must be a whole number 1-5, not {value!r}",
                )
            return None, number, None
        text = str(value).strip()
        if len(text) > MAX_TEXT_ANSWER:
            raise fail(
                f"文本答案不能超过 {MAX_TEXT_ANSWER} 个字符",
                f"a text answer is longer than {MAX_TEXT_ANSWER} characters",
            )
        return None, None, text

    @staticmethod
    def _option_index(question: Question, item: Any) -> int | None:
        if isinstance(item, bool):
            return None
        if isinstance(item, int):
            return item if 0 <= item < len(question.options) else None
        text = str(item).strip()
        if text in question.options:
            return question.options.index(text)
        return None

    def _checked_answers(
        self, questionnaire: Questionnaire, answers: Mapping[int, Any], location: str = ""
    ) -> builtins.list[tuple[int, tuple[str | None, int | None, str | None]]]:
        known = {q.id for q in questionnaire.questions}
        stray = [k for k in answers if k not in known]
        if stray:
            raise ValidationError(
                "answers",
                f"答案引用了不属于本问卷的题目：{stray}",
                en=f"Answers refer to questions not in this questionnaire: {stray}",
            )
        checked = []
        for question in questionnaire.questions:
            value = self.check_answer(
                question,
                answers.get(question.id),
                location=f"{location}第 {question.position} 题" if location else "",
            )
            if value is not None:
                checked.append((question.id, value))
        return checked

    def submit(
        self, respondent: Person, questionnaire_id: int, *, answers: Mapping[int, Any]
    ) -> int | None:
        """Store one person's answers (keyed by question id); returns the response id.

        For an anonymous questionnaire the answers carry no trace of the person: they are
        held back and entered in a shuffled batch with others (``store/anonymous.py``), and
        None is returned; only the fact that the person answered is kept, apart from the
        answers, so that each person answers once.
        """
        respondent = require(respondent, "questionnaire.answer", self._db)
        questionnaire = self.get(questionnaire_id)
        self._require_open(questionnaire)
        if self.has_responded(respondent, questionnaire_id):
            raise Conflict(
                f"{respondent.name}已经填写过这份问卷",
                en=f"{respondent.name} has already answered this questionnaire",
            )
        checked = self._checked_answers(questionnaire, answers)
        if not questionnaire.anonymous:
            with self._db.atomic():
                return self._store(questionnaire, respondent, checked, source="desk")
        for _question_id, (_choices, _scale, text) in checked:
            if text is not None:
                limits.check_text(text, "text")
        now = self._desk.now_iso()
        with self._db.atomic():
            self._insert(
                "questionnaire_participants",
                {"questionnaire_id": questionnaire.id, "person_id": respondent.id},
                by=respondent,
                at=now,
                action="participate",
            )
            anonymous_store.hold(
                self._db,
                "questionnaire",
                site_today(self._desk).isoformat(),
                {"answers": [[q, *values] for q, values in checked]},
                ref=questionnaire.id,
            )
            self._release(questionnaire, force=False)
        return None

    def release_anonymous(self, questionnaire_id: int, *, force: bool = False) -> int:
        """Enter the held answers of an anonymous questionnaire that are due; returns how
        many responses were entered."""
        questionnaire = self.get(questionnaire_id)
        with self._db.atomic():
            return self._release(questionnaire, force=force)

    def _release_quietly(self, questionnaire: Questionnaire) -> None:
        if self._db.conn.in_transaction or not questionnaire.anonymous:
            return
        try:
            if anonymous_store.waiting(self._db, "questionnaire", questionnaire.id):
                with self._db.atomic():
                    self._release(questionnaire, force=False)
        except (StorageFault, sqlite3.OperationalError):
            pass  # a read-only copy or a busy file: closing the questionnaire releases them

    def _release(self, questionnaire: Questionnaire, *, force: bool) -> int:
        if questionnaire.status != "open":
            return 0
        due = anonymous_store.take_due(
            self._db,
            "questionnaire",
            today=site_today(self._desk).isoformat(),
            ref=questionnaire.id,
            force=force,
        )
        for day, payload in due:
            checked = [(int(q), (c, s, t)) for q, c, s, t in payload["answers"]]
            self._store(questionnaire, None, checked, source="desk", day=day)
        return len(due)

    def _require_open(self, questionnaire: Questionnaire) -> None:
        if questionnaire.status != "open":
            raise Conflict(
                f"问卷「{questionnaire.title}」当前不在收集中",
                en=f"Questionnaire {questionnaire.title!r} is not open for answers",
            )

    def _store(
        self,
        questionnaire: Questionnaire,
        respondent: Person | None,
        checked: builtins.list[tuple[int, tuple[str | None, int | None, str | None]]],
        *,
        source: str,
        day: str | None = None,
    ) -> int:
        day = day or site_today(self._desk).isoformat()
        if questionnaire.anonymous:
            # Only the day: an exact time could be matched against who was signed in.
            actor, at, person_id = audit.Actor.anonymous(), f"{day}T00:00:00+00:00", None
        else:
            assert respondent is not None
            actor, at, person_id = respondent.actor, self._desk.now_iso(), respondent.id
        response_id = audit.insert(
            self._db,
            "questionnaire_responses",
            {
                "questionnaire_id": questionnaire.id,
                "person_id": person_id,
                "submitted_on": day,
                "source": source,
            },
            actor=actor,
            at=at,
            action="respond",
        )
        for question_id, (choices, scale, text) in checked:
            audit.insert(
                self._db,
                "questionnaire_answers",
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "choices": choices,
                    "scale": scale,
                    "text": text,
                },
                actor=actor,
                at=at,
                action="respond",
            )
        return response_id

    # -- results ---------------------------------------------------------------------------

    def results(self, questionnaire_id: int) -> Results:
        # Earlier days' held answers count from today (then read the questionnaire again).
        self._release_quietly(self.get(questionnaire_id))
        questionnaire = self.get(questionnaire_id)
        out = []
        for question in questionnaire.questions:
            rows = self._db.execute(
                "SELECT choices, scale, text FROM questionnaire_answers WHERE question_id = ?"
                " ORDER BY id",
                [question.id],
            ).fetchall()
            texts: tuple[str, ...] = ()
            average = None
            if question.kind in CHOICE_KINDS:
                counts = [0] * len(question.options)
                for choices, _, _ in rows:
                    for index in json.loads(choices):
                        counts[index] += 1
            elif question.kind == "scale":
                counts = [0] * len(SCALE)
                for _, scale, _ in rows:
                    counts[scale - 1] += 1
                if rows:
                    average = sum(r[1] for r in rows) / len(rows)
            else:
                counts = []
                texts = tuple(r[2] for r in rows if r[2])
            out.append(QuestionResult(question, len(rows), tuple(counts), average, texts))
        return Results(questionnaire, questionnaire.responses, tuple(out))

    # -- Excel -----------------------------------------------------------------------------

    def export_xlsx(self, questionnaire_id: int) -> bytes:
        """The questionnaire and an empty answer sheet, to be filled without DutyDesk."""
        from dutydesk.training import questionnaire_excel

        return questionnaire_excel.export_questionnaire(self.get(questionnaire_id))

    def import_xlsx(self, actor: Person, data: bytes) -> Questionnaire:
        """Create a new draft questionnaire from an exported (or hand-made) workbook."""
        from dutydesk.training import questionnaire_excel

        actor = require(actor, "questionnaire.author", self._db)
        header, specs = questionnaire_excel.read_questionnaire(data)
        return self.create(actor, questions=specs, **header)

    def import_responses_xlsx(self, actor: Person, questionnaire_id: int, data: bytes) -> int:
        """Store every filled row of the answer sheet, all or nothing; returns the count."""
        from dutydesk.training import questionnaire_excel

        actor = require(actor, "questionnaire.author", self._db)
        questionnaire = self.get(questionnaire_id)
        self._require_open(questionnaire)
        rows = questionnaire_excel.read_responses(questionnaire, data)
        prepared: builtins.list[tuple[Person | None, builtins.list[Any]]] = []
        seen: set[int] = set()
        for row_no, employee_no, answers in rows:
            person = None
            if not questionnaire.anonymous:
                try:
                    person = self._desk.people.by_employee_no(employee_no or "")
                except NotFound:
                    raise ValidationError(
                        "工号",
                        f"「答卷」工作表第 {row_no} 行 A 列（工号）：工号「{employee_no}」不存在",
                        en=f"Sheet Responses row {row_no} column A: no person {employee_no!r}",
                    ) from None
                if person.id in seen or self.has_responded(person, questionnaire_id):
                    raise ValidationError(
                        "工号",
                        f"「答卷」工作表第 {row_no} 行 A 列（工号）：{person.name}已经填写过",
                        en=f"Sheet Responses row {row_no} column A: {employee_no} already answered",
                    )
                seen.add(person.id)
            by_id = {q.id: value for q, value in zip(questionnaire.questions, answers, strict=True)}
            checked = self._checked_answers_at(questionnaire, by_id, row_no)
            prepared.append((person, checked))
        with self._db.atomic():
            for person, checked in prepared:
                self._store(questionnaire, person, checked, source="excel")
            audit.record(
                self._db,
                actor=actor.actor,
                at=self._desk.now_iso(),
                action=f"import_responses:{len(prepared)}",
                entity="questionnaire_import",
                entity_id=questionnaire_id,
            )
        return len(prepared)

    def _checked_answers_at(
        self, questionnaire: Questionnaire, answers: Mapping[int, Any], row_no: int
    ) -> builtins.list[Any]:
        from openpyxl.utils import get_column_letter

        offset = 1 if questionnaire.anonymous else 2
        checked = []
        for question in questionnaire.questions:
            column = get_column_letter(question.position - 1 + offset)
            value = self.check_answer(
                question,
                answers.get(question.id),
                location=f"「答卷」工作表第 {row_no} 行 {column} 列（第 {question.position} 题）",
            )
            if value is not None:
                checked.append((question.id, value))
        return checked

    def results_xlsx(self, questionnaire_id: int) -> bytes:
        from dutydesk.training import questionnaire_excel

        return questionnaire_excel.export_results(self.results(questionnaire_id))


def parse_options(text: str | None) -> tuple[str, ...]:
    """Options typed in one cell or field, separated by ；, ;, | or line breaks."""
    return tuple(p.strip() for p in _SEPARATORS.split(text or "") if p.strip())
