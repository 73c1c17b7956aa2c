"""The needs analysis (现状评估): questionnaire results, record-derived figures, needs list.

The figures come from other features (incidents, handover, KPI) through
``AssessmentService.figures_provider``; until one is set, the report says plainly which
figures are not available yet (never zero). The author signs; the record then locks.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from dutydesk.clock import parse_day
from dutydesk.errors import Conflict, Locked, NotFound, PermissionDenied, ValidationError
from dutydesk.people.auth import ADMIN, LEADER, Person, register_permissions, require
from dutydesk.people.inputs import clean_text, optional_text
from dutydesk.store import audit, signing
from dutydesk.store.context import AreaService
from dutydesk.store.rows import from_row
from dutydesk.training.context import TrainingContext
from dutydesk.training.questionnaires import Results

register_permissions({"assessment.author": frozenset({LEADER, ADMIN})})
audit.register_table(audit.AuditedTable("assessments"))
audit.register_table(audit.AuditedTable("assessment_needs"))

FiguresProvider = Callable[[date, date], dict[str, float | None]]

# key -> (Chinese label, English label, unit): incident volume, handling time, handover
# time, record completeness and per-person load, as the KPI engine measures them.
FIGURES: dict[str, tuple[str, str, str]] = {
    "incidents_per_day": ("日均事件数", "Incidents per day", ""),
    "response_minutes": ("响应时间中位数", "Median response time", "分钟"),
    "resolution_minutes": ("平均解决时长", "Mean resolution time", "分钟"),
    "handover_minutes": ("交接班时长中位数", "Median handover time", "分钟"),
    "record_completeness": ("值班记录完整率", "Record completeness", "%"),
    "hours_per_person": ("人均值班时长", "Duty hours per person", "小时"),
    "hours_fairness": ("工时均衡度", "Fairness of duty hours", ""),
}


PRIORITIES: dict[str, tuple[str, str]] = {
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
}
# The three kinds of need the method names: 业务流程、技术支持、人员.
NEED_CATEGORIES: dict[str, tuple[str, str]] = {
    "business": ("业务", "Business process"),
    "technical": ("技术", "Technical support"),
    "people": ("人员", "People"),
}
UNCLASSIFIED = ("未分类", "Unclassified")
# Where a need came from: an interview finding, a figure from the records, a question.
SOURCE_KINDS: dict[str, tuple[str, str]] = {
    "finding": ("访谈发现", "Interview finding"),
    "figure": ("记录数据", "Figure from the records"),
    "question": ("问卷题目", "Questionnaire question"),
}
SIGN_MEANINGS = ("approve", "review")
FIGURES_ENTITY = "assessment_figures"


@dataclass(frozen=True)
class NeedSpec:
    need: str
    priority: str = "medium"
    action: str = ""
    category: str | None = None  # NEED_CATEGORIES
    source_kind: str | None = None  # SOURCE_KINDS
    source_ref: str | None = None  # finding id, figure key or question id


@dataclass(frozen=True)
class Need:
    id: int
    position: int
    need: str
    priority: str
    action: str
    category: str | None = None
    source_kind: str | None = None
    source_ref: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    label_zh: str
    label_en: str
    unit: str
    value: float | None


@dataclass(frozen=True)
class SignedBy:
    name: str
    meaning: str
    signed_at: str
    content_hash: str


@dataclass(frozen=True)
class Assessment:
    id: int
    title: str
    questionnaire_id: int | None
    period_start: str
    period_end: str
    summary: str
    author_id: int
    author_name: str
    locked: bool
    created_at: str
    needs: tuple[Need, ...]
    signatures: tuple[SignedBy, ...]


@dataclass(frozen=True)
class AssessmentReportData:
    """Everything the PDF shows, gathered by the core."""

    assessment: Assessment
    results: Results | None
    figures: tuple[Figure, ...]
    site_name: str
    record_hash: str | None
    # Non-empty when the assessment no longer matches its signatures.
    signature_warnings: tuple[str, ...] = ()
    interviews: tuple[Any, ...] = ()  # interviews.Interview
    need_sources: dict[int, str] | None = None  # need id -> where it came from, readable


def _content(db: Database, assessment_id: int) -> dict[str, Any]:
    row = audit.fetch_row(db, "assessments", assessment_id)
    if row is None:
        raise LookupError(f"assessment {assessment_id}")
    for volatile in ("locked", "updated_at"):
        row.pop(volatile)
    needs = []
    for r in db.query(
        "SELECT * FROM assessment_needs WHERE assessment_id = ? ORDER BY position",
        [assessment_id],
    ):
        need = {k: r[k] for k in ("position", "need", "priority", "action")}
        # Added by 0012: only present when set, so that earlier signatures stay valid.
        need.update({k: r[k] for k in _CLASS_COLUMNS if r.get(k) is not None})
        needs.append(need)
    content: dict[str, Any] = {"assessment": row, "needs": needs}
    interviews = _interviews_content(db, assessment_id)
    if interviews:
        content["interviews"] = interviews
    return content


_CLASS_COLUMNS = ("category", "source_kind", "source_ref")


def _interviews_content(db: Database, assessment_id: int) -> list[dict[str, Any]]:
    if "assessment_interviews" not in db.table_names():
        return []
    out = []
    for r in db.query(
        "SELECT * FROM assessment_interviews WHERE assessment_id = ? ORDER BY id",
        [assessment_id],
    ):
        interview = {k: v for k, v in r.items() if k not in ("created_at", "updated_at")}
        interview["findings"] = [
            {"id": f["id"], "position": f["position"], "text": f["text"]}
            for f in db.query(
                "SELECT * FROM interview_findings WHERE interview_id = ? ORDER BY position",
                [r["id"]],
            )
        ]
        out.append(interview)
    return out


signing.register_signable("assessments", _content)


class AssessmentService(AreaService[TrainingContext]):
    def __init__(self, desk: TrainingContext) -> None:
        super().__init__(desk)
        self.figures_provider: FiguresProvider | None = None

    def get(self, assessment_id: int) -> Assessment:
        cursor = self._db.execute(
            "SELECT a.*, p.name AS author_name FROM assessments a"
            " JOIN people p ON p.id = a.author_id WHERE a.id = ?",
            [assessment_id],
        )
        found = cursor.fetchone()
        if found is None:
            raise NotFound(
                f"现状评估不存在：{assessment_id}", en=f"No such assessment: {assessment_id}"
            )
        data = dict(zip([c[0] for c in cursor.description], found, strict=True))
        needs = tuple(
            Need(
                r["id"],
                r["position"],
                r["need"],
                r["priority"],
                r["action"],
                r.get("category"),
                r.get("source_kind"),
                r.get("source_ref"),
            )
            for r in self._db.query(
                "SELECT * FROM assessment_needs WHERE assessment_id = ? ORDER BY position",
                [assessment_id],
            )
        )
        signatures = tuple(
            SignedBy(
                self._desk.people.get(s.person_id).name, s.meaning, s.signed_at, s.content_hash
            )
            for s in signing.signatures_for(self._db, "assessments", assessment_id)
        )
        return from_row(
            Assessment, data, locked=bool(data["locked"]), needs=needs, signatures=signatures
        )

    def list(self) -> builtins.list[Assessment]:
        return [
            self.get(r[0]) for r in self._db.execute("SELECT id FROM assessments ORDER BY id DESC")
        ]

    def _values(
        self,
        title: str,
        questionnaire_id: int | None,
        period_start: date | str,
        period_end: date | str,
        summary: str,
    ) -> dict[str, Any]:
        start = parse_day(period_start, "period_start", "统计起始日", "Period start")
        end = parse_day(period_end, "period_end", "统计截止日", "Period end")
        if end < start:
            raise ValidationError(
                "period_end",
                f"统计截止日 {end} 早于起始日 {start}",
                en=f"The period ends ({end}) before it starts ({start})",
            )
        if questionnaire_id is not None:
            self._desk.training.questionnaires.get(questionnaire_id)
        return {
            "title": clean_text("title", title, "评估标题", "Title"),
            "questionnaire_id": questionnaire_id,
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "summary": optional_text("summary", summary, "评估结论", "Summary", 10000),
        }

    def create(
        self,
        actor: Person,
        *,
        title: str,
        period_start: date | str,
        period_end: date | str,
        questionnaire_id: int | None = None,
        summary: str = "",
        needs: Sequence[NeedSpec] = (),
    ) -> Assessment:
        actor = require(actor, "assessment.author", self._db)
        values = self._values(title, questionnaire_id, period_start, period_end, summary)
        clean_needs = self._clean_needs(needs, None, questionnaire_id)
        now = self._desk.now_iso()
        values.update(author_id=actor.id, locked=0, created_at=now, updated_at=now)
        with self._db.atomic():
            assessment_id = self._insert("assessments", values, by=actor, at=now)
            self._insert_needs(actor, assessment_id, clean_needs, now)
        return self.get(assessment_id)

    def _clean_needs(
        self,
        needs: Sequence[NeedSpec],
        assessment_id: int | None = None,
        questionnaire_id: int | None = None,
    ) -> builtins.list[NeedSpec]:
        out = []
        for number, spec in enumerate(needs, start=1):
            self._check_class(number, spec, assessment_id, questionnaire_id)
            if spec.priority not in PRIORITIES:
                raise ValidationError(
                    f"needs[{number}]",
                    f"第 {number} 项需求：未知优先级「{spec.priority}」",
                    en=f"Need {number}: unknown priority {spec.priority!r}",
                )
            out.append(
                NeedSpec(
                    clean_text(
                        f"needs[{number}]",
                        spec.need,
                        f"第 {number} 项需求",
                        f"Need {number}",
                        limit=500,
                    ),
                    spec.priority,
                    optional_text(f"needs[{number}]", spec.action, "措施", "Action", 1000),
                    spec.category,
                    spec.source_kind,
                    None if spec.source_ref is None else str(spec.source_ref).strip(),
                )
            )
        return out

    def _check_class(
        self,
        number: int,
        spec: NeedSpec,
        assessment_id: int | None,
        questionnaire_id: int | None,
    ) -> None:
        """The class must be 业务/技术/人员; a source must exist and belong to this assessment."""
        field = f"needs[{number}]"
        if spec.category is not None and spec.category not in NEED_CATEGORIES:
            raise ValidationError(
                field,
                f"第 {number} 项需求：类别应为 业务/技术/人员，而不是「{spec.category}」",
                en=f"Need {number}: the class must be business/technical/people",
            )
        if spec.source_kind is None and spec.source_ref is None:
            return
        if spec.source_kind not in SOURCE_KINDS or spec.source_ref in (None, ""):
            raise ValidationError(
                field,
                f"第 {number} 项需求：来源应为 访谈发现/记录数据/问卷题目 之一并注明是哪一项",
                en=f"Need {number}: name the finding, figure or question it came from",
            )
        ref = str(spec.source_ref).strip()
        ok = False
        if spec.source_kind == "figure":
            ok = ref in FIGURES
        elif spec.source_kind == "finding" and ref.isdigit() and assessment_id is not None:
            ok = bool(
                self._db.execute(
                    "SELECT 1 FROM interview_findings f JOIN assessment_interviews i"
                    " ON i.id = f.interview_id WHERE f.id = ? AND i.assessment_id = ?",
                    [int(ref), assessment_id],
                ).fetchone()
            )
        elif spec.source_kind == "question" and ref.isdigit() and questionnaire_id is not None:
            ok = bool(
                self._db.execute(
                    "SELECT 1 FROM questionnaire_questions WHERE id = ? AND questionnaire_id = ?",
                    [int(ref), questionnaire_id],
                ).fetchone()
            )
        if not ok:
            kind = SOURCE_KINDS[spec.source_kind][0]
            raise ValidationError(
                field,
                f"第 {number} 项需求：来源{kind}「{ref}」不属于本评估",
                en=f"Need {number}: source {spec.source_kind} {ref!r} is not part of this "
                "assessment",
            )

    def _insert_needs(
        self, actor: Person, assessment_id: int, needs: Sequence[NeedSpec], now: str
    ) -> None:
        for position, spec in enumerate(needs, start=1):
            self._insert(
                "assessment_needs",
                {
                    "assessment_id": assessment_id,
                    "position": position,
                    "need": spec.need,
                    "priority": spec.priority,
                    "action": spec.action,
                    **{k: getattr(spec, k) for k in _CLASS_COLUMNS if getattr(spec, k) is not None},
                },
                by=actor,
                at=now,
            )

    def _editable(self, actor: Person, assessment_id: int) -> Assessment:
        actor = require(actor, "assessment.author", self._db)
        current = self.get(assessment_id)
        if current.locked:
            raise Locked(
                f"现状评估「{current.title}」已签署，不能再修改",
                en=f"Assessment {current.title!r} is signed and cannot change",
            )
        return current

    def update(
        self,
        actor: Person,
        assessment_id: int,
        *,
        title: str,
        period_start: date | str,
        period_end: date | str,
        questionnaire_id: int | None = None,
        summary: str = "",
        needs: Sequence[NeedSpec] | None = None,
    ) -> Assessment:
        """Edit before signing; ``needs`` (when given) replaces the list of needs."""
        current = self._editable(actor, assessment_id)
        values = self._values(title, questionnaire_id, period_start, period_end, summary)
        clean_needs = (
            None
            if needs is None
            else self._clean_needs(needs, assessment_id, values["questionnaire_id"])
        )
        now = self._desk.now_iso()
        values["updated_at"] = now
        with self._db.atomic():
            self._update("assessments", assessment_id, values, by=actor, at=now)
            if clean_needs is not None:
                for need in current.needs:
                    audit.delete(self._db, "assessment_needs", need.id, actor=actor.actor, at=now)
                self._insert_needs(actor, assessment_id, clean_needs, now)
        return self.get(assessment_id)

    def sign(
        self, actor: Person, assessment_id: int, *, password: str, meaning: str = "approve"
    ) -> Assessment:
        """The author signs (批准 approve or 审核 review); the assessment then locks."""
        current = self._editable(actor, assessment_id)
        if actor.id != current.author_id:
            raise PermissionDenied(
                f"只有作者{current.author_name}可以签署此评估",
                en=f"Only the author {current.author_name} may sign this assessment",
            )
        if meaning not in SIGN_MEANINGS:
            raise ValidationError(
                "meaning", "签名含义应为 批准 或 审核", en="The meaning must be approve or review"
            )
        if not current.needs:
            raise Conflict(
                "签署前请至少列出一项已识别的需求",
                en="List at least one identified need before signing",
            )
        if current.questionnaire_id is not None:
            status = self._desk.training.questionnaires.get(current.questionnaire_id).status
            if status != "closed":
                raise Conflict(
                    "签署前请先结束所引用问卷的收集，使结果固定",
                    en="Close the linked questionnaire first so that its results are final",
                )
        # Checked outside the transaction so that a failed attempt is still counted.
        self._desk.people.check_password(actor, password)
        with self._db.atomic():
            signing.sign(
                self._desk,
                signer=actor,
                password=password,
                entity="assessments",
                entity_id=assessment_id,
                meaning=meaning,
            )
            now = self._desk.now_iso()
            self._update(
                "assessments", assessment_id, {"locked": 1}, by=actor, at=now, action="lock"
            )
            # The figures as signed, kept in the append-only trail: later edits of the
            # records never change what a signed report shows.
            audit.record(
                self._db,
                actor=actor.actor,
                at=now,
                action="figures_snapshot",
                entity=FIGURES_ENTITY,
                entity_id=assessment_id,
                after={f.key: f.value for f in self.figures(current)},
            )
        return self.get(assessment_id)

    def figures(self, assessment: Assessment) -> tuple[Figure, ...]:
        """Live figures for a draft; for a signed assessment, those it was signed with."""
        values: dict[str, float | None] = {}
        snapshot = self._snapshot(assessment.id) if assessment.locked else None
        if snapshot is not None:
            values = snapshot
        elif self.figures_provider is not None:
            values = self.figures_provider(
                date.fromisoformat(assessment.period_start),
                date.fromisoformat(assessment.period_end),
            )
        return tuple(
            Figure(key, zh, en, unit, values.get(key)) for key, (zh, en, unit) in FIGURES.items()
        )

    def _snapshot(self, assessment_id: int) -> dict[str, float | None] | None:
        found = audit.entries(self._db, entity=FIGURES_ENTITY, entity_id=assessment_id, limit=1)
        return None if not found or found[0].after is None else dict(found[0].after)

    def report_data(self, assessment_id: int) -> AssessmentReportData:
        assessment = self.get(assessment_id)
        results = (
            None
            if assessment.questionnaire_id is None
            else self._desk.training.questionnaires.results(assessment.questionnaire_id)
        )
        figures = self.figures(assessment)
        interviews = tuple(self._desk.training.interviews.list(assessment_id))
        return AssessmentReportData(
            assessment=assessment,
            results=results,
            figures=figures,
            site_name=self._desk.settings.get("site_name"),
            record_hash=assessment.signatures[-1].content_hash if assessment.signatures else None,
            signature_warnings=signing.mismatch_warnings(
                self._db, "assessments", assessment_id, f"需求评估《{assessment.title}》"
            ),
            interviews=interviews,
            need_sources={
                n.id: self.source_label(n, figures, interviews, results) for n in assessment.needs
            },
        )

    @staticmethod
    def source_label(
        need: Need,
        figures: Sequence[Figure],
        interviews: Sequence[Any],
        results: Results | None,
    ) -> str:
        """Where a need came from, as a reader sees it (Chinese)."""
        if need.source_kind is None or need.source_ref is None:
            return "—"
        kind = SOURCE_KINDS[need.source_kind][0]
        ref = need.source_ref
        if need.source_kind == "figure":
            figure = next((f for f in figures if f.key == ref), None)
            if figure is None:
                return f"{kind}：{ref}"
            value = (
                "暂无数据" if figure.value is None else f"{figure.value:g} {figure.unit}".strip()
            )
            return f"{kind}：{figure.label_zh} {value}"
        if need.source_kind == "finding":
            for interview in interviews:
                for finding in interview.findings:
                    if str(finding.id) == ref:
                        return (
                            f"{kind}：访谈 {interview.interviewee_label}"
                            f"（{interview.held_on}）第 {finding.position} 条"
                        )
            return f"{kind} {ref}"
        if results is not None:
            for result in results.questions:
                if str(result.question.id) == ref:
                    return f"{kind}：第 {result.question.position} 题 {result.question.text}"
        return f"{kind} {ref}"
