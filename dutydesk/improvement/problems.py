"""Problems (问题) with a 5-why root cause, and their actions (整改措施) with verification.

A problem's status follows its actions: an action added moves it to 整改中, all actions
done to 待验证, all verified effective closes it; an action verified not effective, or a
new occurrence linked to a closed problem, reopens it and counts a recurrence.
Links to incidents, handovers, shifts, process steps and KPIs are (kind, ref) text pairs
without foreign keys until those features' tables exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dutydesk.errors import Conflict, NotFound, ValidationError
from dutydesk.improvement.actions import (
    ACTION_KINDS,
    ACTION_STATUSES,
    UNFINISHED_ACTION,
    Action,
    ActionsMixin,
    as_date,
)
from dutydesk.improvement.feedback import CATEGORIES, check_choice
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person
from dutydesk.people.inputs import clean_text
from dutydesk.store import audit
from dutydesk.store.rows import from_row
from dutydesk.store.where import Where

if TYPE_CHECKING:
    pass

# Re-exported: callers import the action vocabulary from here, too.
__all__ = [
    "ACTION_KINDS",
    "ACTION_STATUSES",
    "UNFINISHED_ACTION",
    "Action",
    "ImprovementProblem",
    "ImprovementService",
    "ProblemLink",
    "as_date",
]

SOURCES: dict[str, tuple[str, str]] = {
    "feedback": ("反馈", "Feedback"),
    "incident": ("事件", "Incident"),
    "kpi_breach": ("指标未达标", "KPI breach"),
    "review": ("评审", "Review"),
}
PRIORITIES: dict[str, tuple[str, str]] = {
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
}
PROBLEM_STATUSES: dict[str, tuple[str, str]] = {
    "open": ("新建", "Open"),
    "analysing": ("分析中", "Analysing"),
    "acting": ("整改中", "Acting"),
    "verifying": ("待验证", "Verifying"),
    "closed": ("已关闭", "Closed"),
}
LINK_KINDS: dict[str, tuple[str, str]] = {
    "incident": ("事件", "Incident"),
    "handover": ("交接班", "Handover"),
    "shift": ("班次", "Shift"),
    "process_step": ("流程步骤", "Process step"),
    "kpi": ("指标", "KPI"),
}
# A problem reported at least this often (feedback + linked records), or reopened, recurs.
RECURRING_OCCURRENCES = 2

auth.register_permissions(
    {
        "improvement.manage": frozenset({LEADER, ADMIN}),
        "improvement.verify": frozenset({LEADER, ADMIN}),
        "improvement.act": frozenset({OFFICER, LEADER, ADMIN}),
    }
)
for _table in ("problems", "problem_links", "actions"):
    audit.register_table(audit.AuditedTable(_table))


@dataclass(frozen=True)
class ImprovementProblem:
    id: int
    title: str
    category: str
    subcategory_id: int | None
    subcategory: str | None
    source: str
    description: str
    whys: tuple[str, ...]
    root_cause: str
    priority: str
    owner_id: int | None
    owner_name: str | None
    status: str
    reopen_count: int
    reopen_reason: str
    created_at: str
    updated_at: str
    closed_at: str | None
    feedback_count: int
    link_count: int
    open_actions: int

    @property
    def occurrences(self) -> int:
        return self.feedback_count + self.link_count

    @property
    def recurring(self) -> bool:
        return self.reopen_count > 0 or self.occurrences >= RECURRING_OCCURRENCES


@dataclass(frozen=True)
class ProblemLink:
    id: int
    problem_id: int
    kind: str
    ref: str
    occurred_at: str
    note: str


_PROBLEM_SELECT = (
    "SELECT p.*, s.name AS subcategory, o.name AS owner_name,"
    " (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id) AS feedback_count,"
    " (SELECT count(*) FROM problem_links l WHERE l.problem_id = p.id) AS link_count,"
    " (SELECT count(*) FROM actions a WHERE a.problem_id = p.id"
    "  AND a.status IN ('open', 'done')) AS open_actions"
    " FROM problems p LEFT JOIN feedback_subcategories s ON s.id = p.subcategory_id"
    " LEFT JOIN people o ON o.id = p.owner_id"
)


class ImprovementService(ActionsMixin):
    """Problems, their links and whys, and actions from assignment to verification."""

    # -- problems ------------------------------------------------------------------------
    def problem(self, problem_id: int) -> ImprovementProblem:
        rows = list(self._db.query(f"{_PROBLEM_SELECT} WHERE p.id = ?", [problem_id]))
        if not rows:
            raise NotFound(f"问题不存在：{problem_id}", en=f"No such problem: {problem_id}")
        return _problem(rows[0])

    def problems(
        self,
        *,
        status: str | None = None,
        category: str | None = None,
        recurring_only: bool = False,
    ) -> list[ImprovementProblem]:
        where = Where(("p.status", status), ("p.category", category))
        order = " ORDER BY CASE p.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
        rows = self._db.query(f"{_PROBLEM_SELECT} {where}{order} p.created_at DESC", where.params)
        found = [_problem(r) for r in rows]
        return [p for p in found if p.recurring] if recurring_only else found

    def board(self) -> dict[str, list[ImprovementProblem]]:
        """Problems grouped by status, in board column order."""
        columns: dict[str, list[ImprovementProblem]] = {status: [] for status in PROBLEM_STATUSES}
        for problem in self.problems():
            columns[problem.status].append(problem)
        return columns

    def links(self, problem_id: int) -> list[ProblemLink]:
        rows = self._db.query(
            "SELECT * FROM problem_links WHERE problem_id = ? ORDER BY occurred_at, id",
            [problem_id],
        )
        return [ProblemLink(**r) for r in rows]

    def create_problem(
        self,
        actor: Person,
        *,
        title: str,
        category: str,
        source: str,
        priority: str = "medium",
        description: str = "",
        subcategory_id: int | None = None,
        owner_id: int | None = None,
        whys: Sequence[str] = (),
        root_cause: str = "",
        feedback_ids: Iterable[int] = (),
        links: Iterable[tuple[str, str]] = (),
    ) -> ImprovementProblem:
        """Open a problem; given feedback entries become 已转问题 and point to it."""
        actor = auth.require(actor, "improvement.manage", self._db)
        values = {
            "title": clean_text("title", title, "问题标题", "Problem title", limit=120),
            "category": check_choice("category", category, CATEGORIES),
            "source": check_choice("source", source, SOURCES),
            "priority": check_choice("priority", priority, PRIORITIES),
            "description": (description or "").strip(),
            "subcategory_id": subcategory_id,
            "owner_id": owner_id,
            "whys": json.dumps(_clean_whys(whys), ensure_ascii=False),
            "root_cause": (root_cause or "").strip(),
            "status": "open",
        }
        self._desk.feedback._check_subcategory(category, subcategory_id)
        if owner_id is not None:
            self._desk.people.get(owner_id)
        feedback_ids = list(dict.fromkeys(feedback_ids))
        for feedback_id in feedback_ids:
            entry = self._desk.feedback.get(feedback_id)
            if entry.status not in ("new", "classified"):
                raise Conflict(
                    f"反馈 {feedback_id} 已处理，不能再转为新问题",
                    en=f"Feedback {feedback_id} is already handled",
                )
        clean_links = [_clean_link(kind, ref) for kind, ref in links]
        now = self._desk.now_iso()
        with self._db.atomic():
            problem_id = self._insert(
                "problems",
                {**values, "created_by": actor.id, "created_at": now, "updated_at": now},
                by=actor,
                at=now,
            )
            for feedback_id in feedback_ids:
                self._desk.feedback.link_problem(actor, feedback_id, problem_id=problem_id)
            for kind, ref in clean_links:
                self._insert_link(actor, problem_id, kind, ref, now, "")
        return self.problem(problem_id)

    def update_problem(
        self,
        actor: Person,
        problem_id: int,
        *,
        title: str | None = None,
        description: str | None = None,
        priority: str | None = None,
        owner_id: int | None = None,
        subcategory_id: int | None = None,
        whys: Sequence[str] | None = None,
        root_cause: str | None = None,
        status: str | None = None,
    ) -> ImprovementProblem:
        """Edit the analysis; ``status`` may move between 新建/分析中/整改中/待验证 only."""
        actor = auth.require(actor, "improvement.manage", self._db)
        current = self.problem(problem_id)
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = clean_text("title", title, "问题标题", "Problem title", limit=120)
        if description is not None:
            changes["description"] = description.strip()
        if priority is not None:
            changes["priority"] = check_choice("priority", priority, PRIORITIES)
        if owner_id is not None:
            self._desk.people.get(owner_id)
            changes["owner_id"] = owner_id
        if subcategory_id is not None:
            self._desk.feedback._check_subcategory(current.category, subcategory_id)
            changes["subcategory_id"] = subcategory_id
        if whys is not None:
            changes["whys"] = json.dumps(_clean_whys(whys), ensure_ascii=False)
        if root_cause is not None:
            changes["root_cause"] = root_cause.strip()
        if status is not None:
            check_choice("status", status, PROBLEM_STATUSES)
            if status == "closed" or current.status == "closed":
                raise Conflict(
                    "关闭或重开问题请使用“关闭”“重开”操作",
                    en="Use close or reopen to close or reopen a problem",
                )
            changes["status"] = status
        if not changes:
            return current
        self._update_problem(actor, problem_id, changes, "update")
        return self.problem(problem_id)

    def close_problem(self, actor: Person, problem_id: int) -> ImprovementProblem:
        actor = auth.require(actor, "improvement.manage", self._db)
        current = self.problem(problem_id)
        if current.status == "closed":
            return current
        if current.open_actions:
            raise Conflict(
                f"问题 {problem_id} 还有 {current.open_actions} 项未完成或未验证的整改措施",
                en=f"Problem {problem_id} has {current.open_actions} unfinished actions",
            )
        now = self._desk.now_iso()
        self._update_problem(actor, problem_id, {"status": "closed", "closed_at": now}, "close")
        return self.problem(problem_id)

    def reopen_problem(self, actor: Person, problem_id: int, *, reason: str) -> ImprovementProblem:
        """The problem happened again: back to 整改中 (or 新建) and one more recurrence."""
        actor = auth.require(actor, "improvement.manage", self._db)
        reason = clean_text("reason", reason, "重开原因", "Reason", limit=1000)
        self._reopen(actor, self.problem(problem_id), reason)
        return self.problem(problem_id)

    def _reopen(
        self, actor: Person, current: ImprovementProblem, reason: str, status: str | None = None
    ) -> None:
        changes = {
            "status": status or ("acting" if current.open_actions else "open"),
            "closed_at": None,
            "reopen_count": current.reopen_count + 1,
            "reopen_reason": reason,
        }
        self._update_problem(actor, current.id, changes, "reopen")

    def _update_problem(
        self, actor: Person, problem_id: int, changes: dict[str, Any], action: str
    ) -> None:
        now = self._desk.now_iso()
        changes["updated_at"] = now
        self._update("problems", problem_id, changes, by=actor, at=now, action=action)

    def add_link(
        self,
        actor: Person,
        problem_id: int,
        *,
        kind: str,
        ref: str,
        occurred_at: str | None = None,
        note: str = "",
    ) -> ProblemLink:
        """Link an incident/handover/shift/process step/KPI; on a closed problem it recurs."""
        actor = auth.require(actor, "improvement.manage", self._db)
        kind, ref = _clean_link(kind, ref)
        current = self.problem(problem_id)
        if self._db.execute(
            "SELECT 1 FROM problem_links WHERE problem_id = ? AND kind = ? AND ref = ?",
            [problem_id, kind, ref],
        ).fetchone():
            raise ValidationError(
                "ref", f"该{LINK_KINDS[kind][0]}已关联此问题", en="This link already exists"
            )
        with self._db.atomic():
            link_id = self._insert_link(
                actor, problem_id, kind, ref, occurred_at or self._desk.now_iso(), note
            )
            if current.status == "closed":
                self._reopen(actor, current, f"再次发生：{LINK_KINDS[kind][0]} {ref}")
        row = audit.fetch_row(self._db, "problem_links", link_id)
        assert row is not None
        return ProblemLink(**row)

    def _insert_link(
        self, actor: Person, problem_id: int, kind: str, ref: str, at: str, note: str
    ) -> int:
        return self._insert(
            "problem_links",
            {
                "problem_id": problem_id,
                "kind": kind,
                "ref": ref,
                "occurred_at": at,
                "note": (note or "").strip(),
            },
            by=actor,
            at=self._desk.now_iso(),
        )

    def add_feedback(self, actor: Person, problem_id: int, feedback_id: int) -> ImprovementProblem:
        """Join one more feedback entry to an existing problem (reopens a closed one)."""
        current = self.problem(problem_id)
        with self._db.atomic():
            self._desk.feedback.link_problem(actor, feedback_id, problem_id=problem_id)
            if current.status == "closed":
                self._reopen(actor, current, f"再次反馈：{feedback_id}")
        return self.problem(problem_id)


def _clean_whys(whys: Sequence[str]) -> list[str]:
    if isinstance(whys, str):
        whys = [whys]
    cleaned = [w.strip() for w in whys]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if len(cleaned) > 5:
        raise ValidationError("whys", "“五问”最多五条", en="At most five whys")
    for index, why in enumerate(cleaned, start=1):
        if not why:
            raise ValidationError(
                "whys", f"第 {index} 问为空，请按顺序填写", en=f"Why {index} is empty"
            )
        if len(why) > 500:
            raise ValidationError("whys", f"第 {index} 问过长", en=f"Why {index} is too long")
    return cleaned


def _clean_link(kind: str, ref: str) -> tuple[str, str]:
    check_choice("kind", kind, LINK_KINDS)
    ref = (str(ref) if ref is not None else "").strip()
    if not ref:
        raise ValidationError("ref", "请填写关联记录编号", en="Enter the linked record's number")
    if len(ref) > 60:
        raise ValidationError("ref", "关联编号过长", en="The reference is too long")
    return kind, ref


def _problem(row: dict[str, Any]) -> ImprovementProblem:
    return from_row(ImprovementProblem, row, whys=tuple(json.loads(row["whys"])))
