"""Training (培训): courses, sessions with attendance, tests and scoring, each person's record.

Qualifications (the matrix person × duty role × shift type) live in ``qualifications``,
questionnaires in ``questionnaires``, the needs analysis in ``assessments`` and the
implementation plan in ``plans``; ``TrainingService`` gives access to all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dutydesk.clock import parse_day
from dutydesk.errors import NotFound, ValidationError
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person, register_permissions, require
from dutydesk.people.inputs import check_person, clean_text, optional_text
from dutydesk.roster.qualifications import DUTY_ROLES, QualificationService
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row, found
from dutydesk.store.rows import from_row
from dutydesk.store.where import Where
from dutydesk.training.assessments import AssessmentService
from dutydesk.training.context import TrainingContext
from dutydesk.training.interviews import InterviewService
from dutydesk.training.materials import MaterialService
from dutydesk.training.plan_resources import PlanResourceService
from dutydesk.training.plans import PlanService
from dutydesk.training.questionnaires import QuestionnaireService

register_permissions(
    {
        "training.manage": frozenset({LEADER, ADMIN}),
        "training.take_test": frozenset({OFFICER, LEADER, ADMIN}),
    }
)
for _table in (
    "training_courses",
    "training_sessions",
    "training_attendance",
    "training_tests",
    "training_test_questions",
    "training_test_attempts",
):
    audit.register_table(audit.AuditedTable(_table))

SESSION_KINDS: dict[str, tuple[str, str]] = {
    "lecture": ("讲授", "Lecture"),
    "drill": ("演练", "Drill"),
    "simulation": ("模拟", "Simulation"),
    "practice": ("实操", "Hands-on practice"),
}
ATTENDANCE: dict[str, tuple[str, str]] = {
    "invited": ("已通知", "Invited"),
    "present": ("出席", "Present"),
    "absent": ("缺席", "Absent"),
    "excused": ("请假", "Excused"),
}
TEST_KINDS: dict[str, tuple[str, str]] = {
    "single": ("单选", "Single choice"),
    "multiple": ("多选", "Multiple choice"),
}


@dataclass(frozen=True)
class Course:
    id: int
    title: str
    content: str
    process_steps: tuple[str, ...]
    duty_roles: tuple[str, ...]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    status: str


@dataclass(frozen=True)
class TrainingSession:
    id: int
    course_id: int
    course_title: str
    kind: str
    held_on: str
    trainer_id: int
    trainer_name: str
    location: str
    notes: str
    attendees: tuple[Attendee, ...]

    @property
    def present(self) -> int:
        return sum(1 for a in self.attendees if a.status == "present")


@dataclass(frozen=True)
class TestQuestionSpec:
    """``correct``: 0-based option indexes; one for single choice, one or more for multiple."""

    kind: str
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    points: int = 1


@dataclass(frozen=True)
class TestQuestion:
    id: int
    position: int
    kind: str
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    points: int


@dataclass(frozen=True)
class Test:
    id: int
    course_id: int
    session_id: int | None
    title: str
    max_score: int
    pass_mark: int
    questions: tuple[TestQuestion, ...]


@dataclass(frozen=True)
class Attempt:
    id: int
    test_id: int
    test_title: str
    person_id: int
    attempt: int
    taken_at: str
    score: int
    max_score: int
    passed: bool


@dataclass(frozen=True)
class TrainingRecord:
    """One person's training: sessions attended (or missed) and test attempts."""

    person: Person
    sessions: tuple[tuple[TrainingSession, str], ...]
    attempts: tuple[Attempt, ...]


def _role_list(roles: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(roles))
    unknown = [r for r in chosen if r not in DUTY_ROLES]
    if unknown:
        raise ValidationError(
            "duty_roles",
            f"未知值班角色：{unknown}，应为 值班长/值班员/备班",
            en=f"Unknown duty roles: {unknown}",
        )
    return chosen


def validate_test_question(spec: TestQuestionSpec, number: int) -> TestQuestionSpec:
    where_zh, where_en = f"第 {number} 题", f"Question {number}"
    field = f"q{number}"
    if spec.kind not in TEST_KINDS:
        raise ValidationError(
            field, f"{where_zh}：未知题型「{spec.kind}」", en=f"{where_en}: unknown type"
        )
    text = (spec.text or "").strip()
    if not text:
        raise ValidationError(field, f"{where_zh}：题目不能为空", en=f"{where_en}: text is empty")
    options = tuple(o.strip() for o in spec.options if o and o.strip())
    if len(options) < 2:
        raise ValidationError(
            field,
            f"{where_zh}：选择题至少需要两个选项",
            en=f"{where_en}: a choice question needs at least two options",
        )
    correct = tuple(sorted(set(spec.correct)))
    if not correct or any(not 0 <= c < len(options) for c in correct):
        raise ValidationError(
            field,
            f"{where_zh}：正确答案必须是本题的选项",
            en=f"{where_en}: the correct answer must be one of the options",
        )
    if spec.kind == "single" and len(correct) != 1:
        raise ValidationError(
            field,
            f"{where_zh}：单选题只能有一个正确答案",
            en=f"{where_en}: a single-choice question has exactly one correct answer",
        )
    if not isinstance(spec.points, int) or isinstance(spec.points, bool) or spec.points < 1:
        raise ValidationError(
            field,
            f"{where_zh}：分值必须是正整数",
            en=f"{where_en}: points must be a whole number > 0",
        )
    return TestQuestionSpec(spec.kind, text, options, correct, spec.points)


def score_answers(
    questions: Sequence[TestQuestion], answers: Mapping[int, Sequence[int] | int | None]
) -> int:
    """All-or-nothing per question: the chosen set must equal the correct set."""
    score = 0
    for question in questions:
        given = answers.get(question.id)
        chosen = {given} if isinstance(given, int) else set(given or ())
        if chosen == set(question.correct):
            score += question.points
    return score


class TrainingService(AreaService[TrainingContext]):
    """Courses, sessions, attendance, tests and attempts; leaders and admins manage.

    The area's other services hang off it: ``questionnaires``, ``assessments``,
    ``qualifications`` and ``plan`` (the implementation plan).
    """

    def __init__(self, desk: TrainingContext) -> None:
        super().__init__(desk)
        self.questionnaires = QuestionnaireService(desk)
        self.assessments = AssessmentService(desk)
        self.interviews = InterviewService(desk)
        self.qualifications = QualificationService(desk)
        self.plan = PlanService(desk)
        self.plan_resources = PlanResourceService(desk)
        self.materials = MaterialService(desk)
        # Step names of the published process, for linking courses (joined in connections).
        self.process_steps_provider: Callable[[], list[str]] | None = None

    # -- courses ---------------------------------------------------------------------------

    def _course(self, row: dict[str, Any]) -> Course:
        return from_row(
            Course,
            row,
            process_steps=tuple(json.loads(row["process_steps"])),
            duty_roles=tuple(json.loads(row["duty_roles"])),
        )

    def course(self, course_id: int) -> Course:
        row = existing_row(self._db, "training_courses", course_id, ("课程", "course"))
        return self._course(row)

    def courses(self) -> list[Course]:
        return [
            self._course(r) for r in self._db.query("SELECT * FROM training_courses ORDER BY id")
        ]

    def _course_values(
        self, title: str, content: str, process_steps: Sequence[str], duty_roles: Sequence[str]
    ) -> dict[str, Any]:
        steps = [s.strip() for s in process_steps if s and s.strip()]
        return {
            "title": clean_text("title", title, "课程名称", "Course title"),
            "content": optional_text("content", content, "课程内容", "Content", 10000),
            "process_steps": json.dumps(steps, ensure_ascii=False),
            "duty_roles": json.dumps(_role_list(duty_roles)),
        }

    def _unique_title(self, title: str, course_id: int | None = None) -> None:
        found = self._db.execute(
            "SELECT id FROM training_courses WHERE title = ?", [title]
        ).fetchone()
        if found and found[0] != course_id:
            raise ValidationError(
                "title", f"课程「{title}」已存在", en=f"A course named {title!r} already exists"
            )

    def add_course(
        self,
        actor: Person,
        *,
        title: str,
        content: str = "",
        process_steps: Sequence[str] = (),
        duty_roles: Sequence[str] = (),
    ) -> Course:
        actor = require(actor, "training.manage", self._db)
        values = self._course_values(title, content, process_steps, duty_roles)
        self._unique_title(values["title"])
        now = self._desk.now_iso()
        values["created_at"] = values["updated_at"] = now
        course_id = self._insert("training_courses", values, by=actor, at=now)
        return self.course(course_id)

    def update_course(
        self,
        actor: Person,
        course_id: int,
        *,
        title: str,
        content: str = "",
        process_steps: Sequence[str] = (),
        duty_roles: Sequence[str] = (),
    ) -> Course:
        actor = require(actor, "training.manage", self._db)
        self.course(course_id)
        values = self._course_values(title, content, process_steps, duty_roles)
        self._unique_title(values["title"], course_id)
        now = self._desk.now_iso()
        values["updated_at"] = now
        self._update("training_courses", course_id, values, by=actor, at=now)
        return self.course(course_id)

    def process_steps(self) -> list[str]:
        """Step names of the duty process in force (published), for linking courses."""
        if self.process_steps_provider is None:
            return []
        return self.process_steps_provider()

    # -- sessions --------------------------------------------------------------------------

    def session(self, session_id: int) -> TrainingSession:
        selected = self._db.execute(
            "SELECT s.id, s.course_id, c.title, s.kind, s.held_on, s.trainer_id, p.name,"
            " s.location, s.notes FROM training_sessions s"
            " JOIN training_courses c ON c.id = s.course_id"
            " JOIN people p ON p.id = s.trainer_id WHERE s.id = ?",
            [session_id],
        ).fetchone()
        row = found(selected, ("培训场次", "session"), session_id)
        attendees = tuple(
            Attendee(r[0], r[1], r[2])
            for r in self._db.execute(
                "SELECT a.person_id, p.name, a.status FROM training_attendance a"
                " JOIN people p ON p.id = a.person_id WHERE a.session_id = ?"
                " ORDER BY p.employee_no",
                [session_id],
            )
        )
        return TrainingSession(
            id=row[0],
            course_id=row[1],
            course_title=row[2],
            kind=row[3],
            held_on=row[4],
            trainer_id=row[5],
            trainer_name=row[6],
            location=row[7],
            notes=row[8],
            attendees=attendees,
        )

    def sessions(self, *, course_id: int | None = None) -> list[TrainingSession]:
        sql, params = "SELECT id FROM training_sessions", []
        if course_id is not None:
            sql += " WHERE course_id = ?"
            params.append(course_id)
        rows = self._db.execute(sql + " ORDER BY held_on DESC, id DESC", params).fetchall()
        return [self.session(r[0]) for r in rows]

    def add_session(
        self,
        actor: Person,
        *,
        course_id: int,
        kind: str,
        held_on: date | str,
        trainer_id: int,
        attendee_ids: Sequence[int] = (),
        location: str = "",
        notes: str = "",
    ) -> TrainingSession:
        actor = require(actor, "training.manage", self._db)
        self.course(course_id)
        if kind not in SESSION_KINDS:
            raise ValidationError(
                "kind",
                f"未知培训形式「{kind}」，应为 讲授/演练/模拟/实操",
                en=f"Unknown session kind {kind!r}; use lecture/drill/simulation/practice",
            )
        day = parse_day(held_on, "held_on", "培训日期", "Date")
        check_person(self._desk, trainer_id, "trainer_id")
        for person_id in attendee_ids:
            check_person(self._desk, person_id, "attendees")
        now = self._desk.now_iso()
        with self._db.atomic():
            session_id = self._insert(
                "training_sessions",
                {
                    "course_id": course_id,
                    "kind": kind,
                    "held_on": day.isoformat(),
                    "trainer_id": trainer_id,
                    "location": optional_text("location", location, "地点", "Location", 200),
                    "notes": optional_text("notes", notes, "备注", "Notes", 4000),
                    "created_at": now,
                    "updated_at": now,
                },
                by=actor,
                at=now,
            )
            for person_id in dict.fromkeys(attendee_ids):
                self._insert(
                    "training_attendance",
                    {"session_id": session_id, "person_id": person_id, "status": "invited"},
                    by=actor,
                    at=now,
                )
        return self.session(session_id)

    def set_attendance(
        self, actor: Person, session_id: int, person_id: int, status: str
    ) -> TrainingSession:
        """Record who came; a person not yet on the list is added."""
        actor = require(actor, "training.manage", self._db)
        self.session(session_id)
        if status not in ATTENDANCE:
            raise ValidationError(
                "status",
                f"未知出勤状态「{status}」，应为 已通知/出席/缺席/请假",
                en=f"Unknown attendance {status!r}",
            )
        check_person(self._desk, person_id, "person_id")
        now = self._desk.now_iso()
        found = self._db.execute(
            "SELECT id FROM training_attendance WHERE session_id = ? AND person_id = ?",
            [session_id, person_id],
        ).fetchone()
        if found:
            self._update(
                "training_attendance",
                found[0],
                {"status": status},
                by=actor,
                at=now,
                action="attendance",
            )
        else:
            self._insert(
                "training_attendance",
                {"session_id": session_id, "person_id": person_id, "status": status},
                by=actor,
                at=now,
                action="attendance",
            )
        return self.session(session_id)

    # -- tests -----------------------------------------------------------------------------

    def test(self, test_id: int) -> Test:
        row = existing_row(self._db, "training_tests", test_id, ("测试", "test"))
        questions = tuple(
            from_row(
                TestQuestion,
                r,
                options=tuple(json.loads(r["options"])),
                correct=tuple(json.loads(r["correct"])),
            )
            for r in self._db.query(
                "SELECT * FROM training_test_questions WHERE test_id = ? ORDER BY position",
                [test_id],
            )
        )
        return from_row(Test, row, questions=questions)

    def tests(self, *, course_id: int | None = None) -> list[Test]:
        sql, params = "SELECT id FROM training_tests", []
        if course_id is not None:
            sql += " WHERE course_id = ?"
            params.append(course_id)
        return [self.test(r[0]) for r in self._db.execute(sql + " ORDER BY id", params)]

    def add_test(
        self,
        actor: Person,
        *,
        course_id: int,
        title: str,
        pass_mark: int,
        questions: Sequence[TestQuestionSpec],
        session_id: int | None = None,
    ) -> Test:
        actor = require(actor, "training.manage", self._db)
        self.course(course_id)
        if session_id is not None and self.session(session_id).course_id != course_id:
            raise ValidationError(
                "session_id",
                "所选培训场次不属于该课程",
                en="The session belongs to a different course",
            )
        title = clean_text("title", title, "测试名称", "Test title")
        if not questions:
            raise ValidationError(
                "questions", "测试至少需要一道题", en="A test needs at least one question"
            )
        specs = [validate_test_question(q, i) for i, q in enumerate(questions, start=1)]
        max_score = sum(q.points for q in specs)
        if isinstance(pass_mark, bool) or not isinstance(pass_mark, int) or pass_mark < 0:
            raise ValidationError(
                "pass_mark",
                "及格分必须是不小于 0 的整数",
                en="The pass mark must be a whole number ≥ 0",
            )
        if pass_mark > max_score:
            raise ValidationError(
                "pass_mark",
                f"及格分 {pass_mark} 高于满分 {max_score}",
                en=f"The pass mark {pass_mark} is above the maximum score {max_score}",
            )
        now = self._desk.now_iso()
        with self._db.atomic():
            test_id = self._insert(
                "training_tests",
                {
                    "course_id": course_id,
                    "session_id": session_id,
                    "title": title,
                    "max_score": max_score,
                    "pass_mark": pass_mark,
                    "created_at": now,
                },
                by=actor,
                at=now,
            )
            for position, spec in enumerate(specs, start=1):
                self._insert(
                    "training_test_questions",
                    {
                        "test_id": test_id,
                        "position": position,
                        "kind": spec.kind,
                        "text": spec.text,
                        "options": json.dumps(list(spec.options), ensure_ascii=False),
                        "correct": json.dumps(list(spec.correct)),
                        "points": spec.points,
                    },
                    by=actor,
                    at=now,
                )
        return self.test(test_id)

    def take_test(
        self,
        person: Person,
        test_id: int,
        *,
        answers: Mapping[int, Sequence[int] | int | None],
    ) -> Attempt:
        """Score one attempt of ``person`` (the signed-in test taker) and store it."""
        person = require(person, "training.take_test", self._db)
        test = self.test(test_id)
        by_id = {q.id: q for q in test.questions}
        clean: dict[str, list[int]] = {}
        for question_id, given in answers.items():
            question = by_id.get(question_id)
            if question is None:
                raise ValidationError(
                    "answers",
                    f"答案引用了不属于本测试的题目：{question_id}",
                    en=f"Answer to a question not in this test: {question_id}",
                )
            chosen = [given] if isinstance(given, int) else list(given or ())
            if any(
                isinstance(c, bool) or not isinstance(c, int) or not 0 <= c < len(question.options)
                for c in chosen
            ):
                raise ValidationError(
                    f"q{question.position}",
                    f"第 {question.position} 题：所选答案不是本题的选项",
                    en=f"Question {question.position}: the answer is not one of the options",
                )
            if question.kind == "single" and len(chosen) > 1:
                raise ValidationError(
                    f"q{question.position}",
                    f"第 {question.position} 题：单选题只能选一个",
                    en=f"Question {question.position}: choose one option only",
                )
            clean[str(question_id)] = sorted(set(chosen))
        score = score_answers(test.questions, {int(k): v for k, v in clean.items()})
        now = self._desk.now_iso()
        with self._db.atomic():
            attempt_no = (
                1
                + self._db.execute(
                    "SELECT count(*) FROM training_test_attempts"
                    " WHERE test_id = ? AND person_id = ?",
                    [test_id, person.id],
                ).fetchone()[0]
            )
            attempt_id = self._insert(
                "training_test_attempts",
                {
                    "test_id": test_id,
                    "person_id": person.id,
                    "attempt": attempt_no,
                    "taken_at": now,
                    "answers": json.dumps(clean, sort_keys=True),
                    "score": score,
                    "max_score": test.max_score,
                    "passed": int(score >= test.pass_mark),
                },
                by=person,
                at=now,
                action="take_test",
            )
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        rows = self._attempts(Where(("a.id", attempt_id)))
        if not rows:
            raise NotFound(f"测试记录不存在：{attempt_id}", en=f"No such attempt: {attempt_id}")
        return rows[0]

    def attempts(
        self, *, test_id: int | None = None, person_id: int | None = None
    ) -> list[Attempt]:
        return self._attempts(Where(("a.test_id", test_id), ("a.person_id", person_id)))

    def _attempts(self, where: Where) -> list[Attempt]:
        return [
            Attempt(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]))
            for r in self._db.execute(
                "SELECT a.id, a.test_id, t.title, a.person_id, a.attempt, a.taken_at, a.score,"
                " a.max_score, a.passed FROM training_test_attempts a"
                f" JOIN training_tests t ON t.id = a.test_id {where}"
                " ORDER BY a.taken_at, a.id",
                where.params,
            )
        ]

    # -- records ---------------------------------------------------------------------------

    def record(self, person_id: int) -> TrainingRecord:
        person = self._desk.people.get(person_id)
        sessions = tuple(
            (self.session(r[0]), r[1])
            for r in self._db.execute(
                "SELECT a.session_id, a.status FROM training_attendance a"
                " JOIN training_sessions s ON s.id = a.session_id"
                " WHERE a.person_id = ? ORDER BY s.held_on, s.id",
                [person_id],
            )
        )
        return TrainingRecord(person, sessions, tuple(self.attempts(person_id=person_id)))
