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
from datetime import date
from typing import TYPE_CHECKING, Any

from dutydesk import audit, auth
from dutydesk.auth import ADMIN, LEADER, OFFICER, Person
from dutydesk.errors import Conflict, Locked, NotFound, PermissionDenied, ValidationError
from dutydesk.feedback import CATEGORIES, check_choice, clean_text, site_today

if TYPE_CHECKING:
    from dutydesk.desk import Desk

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
ACTION_KINDS: dict[str, tuple[str, str]] = {
    "corrective": ("纠正", "Corrective"),
    "preventive": ("预防", "Preventive"),
    "improvement": ("改进", "Improvement"),
}
ACTION_STATUSES: dict[str, tuple[str, str]] = {
    "open": ("进行中", "Open"),
    "done": ("待验证", "Done, to verify"),
    "effective": ("有效", "Effective"),
    "not_effective": ("无效", "Not effective"),
    "cancelled": ("已取消", "Cancelled"),
}
UNFINISHED_ACTION = ("open", "done")
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
class Problem:
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


@dataclass(frozen=True)
class Action:
    id: int
    problem_id: int | None
    problem_title: str | None
    cycle_id: int | None
    decision_id: int | None
    kind: str
    title: str
    description: str
    owner_id: int
    owner_name: str
    created_at: str
    created_on: str
    due_on: str
    done_on: str | None
    evidence: str
    status: str
    verified_by: int | None
    verifier_name: str | None
    verified_at: str | None
    verification_note: str
    carry_count: int
    overdue: bool

    @property
    def unfinished(self) -> bool:
        return self.status in UNFINISHED_ACTION


def as_date(field: str, value: date | str | None, label: str, label_en: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        raise ValidationError(
            field,
            f"{label}不是有效日期（YYYY-MM-DD）：{value!r}",
            en=f"{label_en} is not a date (YYYY-MM-DD): {value!r}",
        ) from None


_PROBLEM_SELECT = (
    "SELECT p.*, s.name AS subcategory, o.name AS owner_name,"
    " (SELECT count(*) FROM feedback f WHERE f.problem_id = p.id) AS feedback_count,"
    " (SELECT count(*) FROM problem_links l WHERE l.problem_id = p.id) AS link_count,"
    " (SELECT count(*) FROM actions a WHERE a.problem_id = p.id"
    "  AND a.status IN ('open', 'done')) AS open_actions"
    " FROM problems p LEFT JOIN feedback_subcategories s ON s.id = p.subcategory_id"
    " LEFT JOIN people o ON o.id = p.owner_id"
)
_ACTION_SELECT = (
    "SELECT a.*, p.title AS problem_title, o.name AS owner_name, v.name AS verifier_name"
    " FROM actions a LEFT JOIN problems p ON p.id = a.problem_id"
    " JOIN people o ON o.id = a.owner_id LEFT JOIN people v ON v.id = a.verified_by"
)


class ImprovementService:
    """Problems, their links and whys, and actions from assignment to verification."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    @property
    def _db(self) -> Any:
        return self._desk.db

    # -- problems ------------------------------------------------------------------------
    def problem(self, problem_id: int) -> Problem:
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
    ) -> list[Problem]:
        where, params = [], []
        if status is not None:
            where.append("p.status = ?")
            params.append(status)
        if category is not None:
            where.append("p.category = ?")
            params.append(category)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        order = " ORDER BY CASE p.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
        rows = self._db.query(f"{_PROBLEM_SELECT} {clause}{order} p.created_at DESC", params)
        found = [_problem(r) for r in rows]
        return [p for p in found if p.recurring] if recurring_only else found

    def board(self) -> dict[str, list[Problem]]:
        """Problems grouped by status, in board column order."""
        columns: dict[str, list[Problem]] = {status: [] for status in PROBLEM_STATUSES}
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
    ) -> Problem:
        """Open a problem; given feedback entries become 已转问题 and point to it."""
        auth.require(actor, "improvement.manage")
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
            problem_id = audit.insert(
                self._db,
                "problems",
                {**values, "created_by": actor.id, "created_at": now, "updated_at": now},
                actor=actor.actor,
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
    ) -> Problem:
        """Edit the analysis; ``status`` may move between 新建/分析中/整改中/待验证 only."""
        auth.require(actor, "improvement.manage")
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

    def close_problem(self, actor: Person, problem_id: int) -> Problem:
        auth.require(actor, "improvement.manage")
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

    def reopen_problem(self, actor: Person, problem_id: int, *, reason: str) -> Problem:
        """The problem happened again: back to 整改中 (or 新建) and one more recurrence."""
        auth.require(actor, "improvement.manage")
        reason = clean_text("reason", reason, "重开原因", "Reason", limit=1000)
        self._reopen(actor, self.problem(problem_id), reason)
        return self.problem(problem_id)

    def _reopen(
        self, actor: Person, current: Problem, reason: str, status: str | None = None
    ) -> None:
        changes = {
            "status": status or ("acting" if current.open_actions else "open"),
            "closed_at": None,
            "reopen_count": current.reopen_count + 1,
        }
        with self._db.atomic():
            self._update_problem(actor, current.id, changes, "reopen")
            audit.record(
                self._db,
                actor=actor.actor,
                at=self._desk.now_iso(),
                action="reopen_reason",
                entity="problems",
                entity_id=current.id,
                after={"reason": reason},
            )

    def _update_problem(
        self, actor: Person, problem_id: int, changes: dict[str, Any], action: str
    ) -> None:
        now = self._desk.now_iso()
        changes["updated_at"] = now
        audit.update(
            self._db, "problems", problem_id, changes, actor=actor.actor, at=now, action=action
        )

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
        auth.require(actor, "improvement.manage")
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
        return audit.insert(
            self._db,
            "problem_links",
            {
                "problem_id": problem_id,
                "kind": kind,
                "ref": ref,
                "occurred_at": at,
                "note": (note or "").strip(),
            },
            actor=actor.actor,
            at=self._desk.now_iso(),
        )

    def add_feedback(self, actor: Person, problem_id: int, feedback_id: int) -> Problem:
        """Join one more feedback entry to an existing problem (reopens a closed one)."""
        current = self.problem(problem_id)
        with self._db.atomic():
            self._desk.feedback.link_problem(actor, feedback_id, problem_id=problem_id)
            if current.status == "closed":
                self._reopen(actor, current, f"再次反馈：{feedback_id}")
        return self.problem(problem_id)

    # -- actions -------------------------------------------------------------------------
    def action(self, action_id: int) -> Action:
        rows = list(self._db.query(f"{_ACTION_SELECT} WHERE a.id = ?", [action_id]))
        if not rows:
            raise NotFound(f"整改措施不存在：{action_id}", en=f"No such action: {action_id}")
        return _action(rows[0], site_today(self._desk).isoformat())

    def actions(
        self,
        *,
        status: str | None = None,
        overdue_only: bool = False,
        unfinished_only: bool = False,
        owner_id: int | None = None,
        problem_id: int | None = None,
        cycle_id: int | None = None,
    ) -> list[Action]:
        today = site_today(self._desk).isoformat()
        where, params = [], []
        for column, value in (
            ("a.status", status),
            ("a.owner_id", owner_id),
            ("a.problem_id", problem_id),
            ("a.cycle_id", cycle_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if overdue_only:
            where.append("a.status = 'open' AND a.due_on < ?")
            params.append(today)
        if unfinished_only:
            where.append("a.status IN ('open', 'done')")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.query(f"{_ACTION_SELECT} {clause} ORDER BY a.due_on, a.id", params)
        return [_action(r, today) for r in rows]

    def add_action(
        self,
        actor: Person,
        *,
        kind: str,
        title: str,
        owner_id: int,
        due_on: date | str,
        problem_id: int | None = None,
        cycle_id: int | None = None,
        description: str = "",
        decision_id: int | None = None,
    ) -> Action:
        auth.require(actor, "improvement.manage")
        check_choice("kind", kind, ACTION_KINDS)
        title = clean_text("title", title, "措施内容", "Action title", limit=200)
        owner = self._desk.people.get(owner_id)
        if not owner.active:
            raise ValidationError(
                "owner_id", f"{owner.name} 已停用，不能作为负责人", en="The owner is inactive"
            )
        due = as_date("due_on", due_on, "完成期限", "Due date")
        today = site_today(self._desk).isoformat()
        if due < today:
            raise ValidationError(
                "due_on",
                f"完成期限 {due} 早于创建日期 {today}",
                en=f"The due date {due} is before the creation date {today}",
            )
        problem = self.problem(problem_id) if problem_id is not None else None
        if cycle_id is not None:
            self._desk.cycles.require_open(cycle_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            action_id = audit.insert(
                self._db,
                "actions",
                {
                    "problem_id": problem_id,
                    "cycle_id": cycle_id,
                    "decision_id": decision_id,
                    "kind": kind,
                    "title": title,
                    "description": (description or "").strip(),
                    "owner_id": owner_id,
                    "created_by": actor.id,
                    "created_at": now,
                    "created_on": today,
                    "due_on": due,
                    "status": "open",
                    "updated_at": now,
                },
                actor=actor.actor,
                at=now,
            )
            if problem is not None and problem.status in ("open", "analysing", "verifying"):
                self._update_problem(actor, problem.id, {"status": "acting"}, "status")
        return self.action(action_id)

    def complete_action(
        self, actor: Person, action_id: int, *, done_on: date | str, evidence: str
    ) -> Action:
        """The owner (or a leader) records the action as done, with its evidence."""
        auth.require(actor, "improvement.act")
        current = self.action(action_id)
        if actor.id != current.owner_id and not actor.may("improvement.manage"):
            raise PermissionDenied(
                f"只有负责人 {current.owner_name} 或值班长可以填报完成",
                en=f"Only the owner {current.owner_name} or a leader may mark it done",
            )
        if current.status != "open":
            raise Conflict(
                f"整改措施 {action_id} 当前为“{ACTION_STATUSES[current.status][0]}”，不能填报完成",
                en=f"Action {action_id} is {current.status}; it cannot be marked done",
            )
        evidence = clean_text("evidence", evidence, "完成证据", "Evidence", limit=4000)
        done = as_date("done_on", done_on, "完成日期", "Done date")
        today = site_today(self._desk).isoformat()
        if done < current.created_on or done > today:
            raise ValidationError(
                "done_on",
                f"完成日期 {done} 必须在 {current.created_on} 与今天 {today} 之间",
                en=f"The done date {done} must lie between {current.created_on} and {today}",
            )
        now = self._desk.now_iso()
        with self._db.atomic():
            audit.update(
                self._db,
                "actions",
                action_id,
                {"status": "done", "done_on": done, "evidence": evidence, "updated_at": now},
                actor=actor.actor,
                at=now,
                action="complete",
            )
            self._follow_actions(actor, current.problem_id)
        return self.action(action_id)

    def verify_action(
        self, actor: Person, action_id: int, *, effective: bool, note: str = ""
    ) -> Action:
        """A person other than the owner judges the action; not effective reopens the problem."""
        auth.require(actor, "improvement.verify")
        current = self.action(action_id)
        if actor.id == current.owner_id:
            raise PermissionDenied(
                f"{actor.name} 是该措施的负责人，不能验证自己的措施，请由其他值班长或管理员验证",
                en=f"{actor.name} owns this action and cannot verify it; "
                "another leader or administrator must",
            )
        if current.status != "done":
            raise Conflict(
                f"整改措施 {action_id} 尚未填报完成，不能验证",
                en=f"Action {action_id} is not marked done yet",
            )
        note = (note or "").strip()
        if not effective and not note:
            raise ValidationError(
                "note", "判定无效时请说明原因", en="Say why the action was not effective"
            )
        now = self._desk.now_iso()
        with self._db.atomic():
            audit.update(
                self._db,
                "actions",
                action_id,
                {
                    "status": "effective" if effective else "not_effective",
                    "verified_by": actor.id,
                    "verified_at": now,
                    "verification_note": note,
                    "updated_at": now,
                },
                actor=actor.actor,
                at=now,
                action="verify",
            )
            if current.problem_id is not None:
                if effective:
                    self._follow_actions(actor, current.problem_id)
                else:
                    # Reopened as 整改中: the problem now needs a new action.
                    problem = self.problem(current.problem_id)
                    self._reopen(actor, problem, f"措施 {action_id} 验证无效：{note}", "acting")
        return self.action(action_id)

    def cancel_action(self, actor: Person, action_id: int, *, reason: str) -> Action:
        auth.require(actor, "improvement.manage")
        reason = clean_text("reason", reason, "取消原因", "Reason", limit=1000)
        current = self.action(action_id)
        if current.status != "open":
            raise Conflict(
                f"整改措施 {action_id} 不在进行中，不能取消",
                en=f"Action {action_id} is not open; it cannot be cancelled",
            )
        now = self._desk.now_iso()
        with self._db.atomic():
            audit.update(
                self._db,
                "actions",
                action_id,
                {"status": "cancelled", "verification_note": reason, "updated_at": now},
                actor=actor.actor,
                at=now,
                action="cancel",
            )
            self._follow_actions(actor, current.problem_id)
        return self.action(action_id)

    def _follow_actions(self, actor: Person, problem_id: int | None) -> None:
        """Move the problem along when its actions are all done or all verified."""
        if problem_id is None:
            return
        problem = self.problem(problem_id)
        if problem.status == "closed":
            return
        statuses = [a.status for a in self.actions(problem_id=problem_id)]
        if not statuses or "open" in statuses:
            return
        if "done" in statuses:
            if problem.status != "verifying":
                self._update_problem(actor, problem_id, {"status": "verifying"}, "status")
            return
        if "effective" in statuses and problem.status in ("acting", "verifying"):
            # Every action is verified (or cancelled) and the latest verdict says it worked.
            last = self._db.execute(
                "SELECT status FROM actions WHERE problem_id = ? AND verified_at IS NOT NULL"
                " ORDER BY verified_at DESC, id DESC LIMIT 1",
                [problem_id],
            ).fetchone()
            if last and last[0] == "effective":
                now = self._desk.now_iso()
                self._update_problem(
                    actor, problem_id, {"status": "closed", "closed_at": now}, "close"
                )

    def move_action_to_cycle(self, actor: Person, action_id: int, cycle_id: int | None) -> Action:
        auth.require(actor, "improvement.manage")
        current = self.action(action_id)
        if cycle_id is not None:
            self._desk.cycles.require_open(cycle_id)
        if current.cycle_id is not None and current.cycle_id != cycle_id:
            if self._desk.cycles.cycle(current.cycle_id).locked:
                raise Locked(
                    "该措施所属周期已批准锁定，只能通过结转移到下一周期",
                    en="The action's cycle is locked; carry it over instead",
                )
        now = self._desk.now_iso()
        audit.update(
            self._db,
            "actions",
            action_id,
            {"cycle_id": cycle_id, "updated_at": now},
            actor=actor.actor,
            at=now,
            action="assign_cycle",
        )
        return self.action(action_id)


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


def _problem(row: dict[str, Any]) -> Problem:
    return Problem(
        id=row["id"],
        title=row["title"],
        category=row["category"],
        subcategory_id=row["subcategory_id"],
        subcategory=row["subcategory"],
        source=row["source"],
        description=row["description"],
        whys=tuple(json.loads(row["whys"])),
        root_cause=row["root_cause"],
        priority=row["priority"],
        owner_id=row["owner_id"],
        owner_name=row["owner_name"],
        status=row["status"],
        reopen_count=row["reopen_count"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        closed_at=row["closed_at"],
        feedback_count=row["feedback_count"],
        link_count=row["link_count"],
        open_actions=row["open_actions"],
    )


def _action(row: dict[str, Any], today: str) -> Action:
    return Action(
        id=row["id"],
        problem_id=row["problem_id"],
        problem_title=row["problem_title"],
        cycle_id=row["cycle_id"],
        decision_id=row["decision_id"],
        kind=row["kind"],
        title=row["title"],
        description=row["description"],
        owner_id=row["owner_id"],
        owner_name=row["owner_name"],
        created_at=row["created_at"],
        created_on=row["created_on"],
        due_on=row["due_on"],
        done_on=row["done_on"],
        evidence=row["evidence"],
        status=row["status"],
        verified_by=row["verified_by"],
        verifier_name=row["verifier_name"],
        verified_at=row["verified_at"],
        verification_note=row["verification_note"],
        carry_count=row["carry_count"],
        overdue=row["status"] == "open" and row["due_on"] < today,
    )
