"""Actions (整改措施): assignment, completion with evidence, verification by another person.

Mixed into ``ImprovementService`` (``desk.improvement``), whose problem methods these use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dutydesk import limits
from dutydesk.clock import site_today
from dutydesk.errors import Conflict, Locked, NotFound, PermissionDenied, ValidationError
from dutydesk.improvement.context import ImprovementContext
from dutydesk.improvement.feedback import check_choice
from dutydesk.people import auth
from dutydesk.people.auth import Person
from dutydesk.people.inputs import clean_text
from dutydesk.store.context import AreaService
from dutydesk.store.rows import from_row
from dutydesk.store.where import Where

if TYPE_CHECKING:
    from dutydesk.improvement.problems import ImprovementProblem

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
        return limits.check_day(value, field).isoformat()
    try:
        return limits.check_day(date.fromisoformat((value or "").strip()), field).isoformat()
    except (ValueError, AttributeError):
        raise ValidationError(
            field,
            f"{label}不是有效日期（YYYY-MM-DD）：{value!r}",
            en=f"{label_en} is not a date (YYYY-MM-DD): {value!r}",
        ) from None


_ACTION_SELECT = (
    "SELECT a.*, p.title AS problem_title, o.name AS owner_name, v.name AS verifier_name"
    " FROM actions a LEFT JOIN problems p ON p.id = a.problem_id"
    " JOIN people o ON o.id = a.owner_id LEFT JOIN people v ON v.id = a.verified_by"
)


class ActionsMixin(AreaService[ImprovementContext]):
    """The action half of ``ImprovementService``."""

    # Provided by ImprovementService.
    def problem(self, problem_id: int) -> ImprovementProblem:
        raise NotImplementedError

    def _update_problem(
        self, actor: Person, problem_id: int, changes: dict[str, Any], action: str
    ) -> None:
        raise NotImplementedError

    def _reopen(
        self, actor: Person, current: ImprovementProblem, reason: str, status: str | None = None
    ) -> None:
        raise NotImplementedError

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
        where = Where(
            ("a.status", status),
            ("a.owner_id", owner_id),
            ("a.problem_id", problem_id),
            ("a.cycle_id", cycle_id),
        )
        if overdue_only:
            where.add("a.status = 'open' AND a.due_on < ?", today)
        if unfinished_only:
            where.add("a.status IN ('open', 'done')")
        rows = self._db.query(f"{_ACTION_SELECT} {where} ORDER BY a.due_on, a.id", where.params)
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
        actor = auth.require(actor, "improvement.manage", self._db)
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
        if problem is not None and problem.status == "closed":
            raise Conflict(
                f"问题 {problem.id} 已关闭，请先重开再添加措施",
                en=f"Problem {problem.id} is closed; reopen it before adding actions",
            )
        if cycle_id is not None:
            self._desk.cycles.require_open(cycle_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            action_id = self._insert(
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
                by=actor,
                at=now,
            )
            if problem is not None and problem.status in ("open", "analysing", "verifying"):
                self._update_problem(actor, problem.id, {"status": "acting"}, "status")
        return self.action(action_id)

    def complete_action(
        self, actor: Person, action_id: int, *, done_on: date | str, evidence: str
    ) -> Action:
        """The owner (or a leader) records the action as done, with its evidence."""
        actor = auth.require(actor, "improvement.act", self._db)
        current = self.action(action_id)
        if actor.id != current.owner_id and not auth.permitted(
            actor, "improvement.manage", self._db
        ):
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
        return self._close_action(
            actor, current, {"status": "done", "done_on": done, "evidence": evidence}, "complete"
        )

    def verify_action(
        self, actor: Person, action_id: int, *, effective: bool, note: str = ""
    ) -> Action:
        """A person other than the owner judges the action; not effective reopens the problem."""
        actor = auth.require(actor, "improvement.verify", self._db)
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
            self._update(
                "actions",
                action_id,
                {
                    "status": "effective" if effective else "not_effective",
                    "verified_by": actor.id,
                    "verified_at": now,
                    "verification_note": note,
                    "updated_at": now,
                },
                by=actor,
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
        actor = auth.require(actor, "improvement.manage", self._db)
        reason = clean_text("reason", reason, "取消原因", "Reason", limit=1000)
        current = self.action(action_id)
        if current.status != "open":
            raise Conflict(
                f"整改措施 {action_id} 不在进行中，不能取消",
                en=f"Action {action_id} is not open; it cannot be cancelled",
            )
        return self._close_action(
            actor, current, {"status": "cancelled", "verification_note": reason}, "cancel"
        )

    def _close_action(
        self, actor: Person, current: Action, changes: dict[str, Any], event: str
    ) -> Action:
        """An open action leaves ``open`` (done or cancelled); its problem moves along."""
        now = self._desk.now_iso()
        with self._db.atomic():
            self._update(
                "actions",
                current.id,
                {**changes, "updated_at": now},
                by=actor,
                at=now,
                action=event,
            )
            self._follow_actions(actor, current.problem_id)
        return self.action(current.id)

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
        actor = auth.require(actor, "improvement.manage", self._db)
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
        self._update(
            "actions",
            action_id,
            {"cycle_id": cycle_id, "updated_at": now},
            by=actor,
            at=now,
            action="assign_cycle",
        )
        return self.action(action_id)


def _action(row: dict[str, Any], today: str) -> Action:
    return from_row(Action, row, overdue=row["status"] == "open" and row["due_on"] < today)
