"""Leave (年假 病假 事假 调休 培训) and shift swaps, each with a leader's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dutydesk.clock import parse_day
from dutydesk.errors import Conflict, PermissionDenied, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import Person
from dutydesk.people.context import PeopleContext
from dutydesk.roster.engine import RULE_LABELS, Row
from dutydesk.roster.holidays import iter_days
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    from dutydesk.roster.service import RosterService

LEAVE_KINDS: dict[str, tuple[str, str]] = {
    "annual": ("年假", "Annual leave"),
    "sick": ("病假", "Sick leave"),
    "personal": ("事假", "Personal leave"),
    "compensatory": ("调休", "Time off in lieu"),
    "training": ("培训", "Training"),
}
LEAVE_STATUS: dict[str, tuple[str, str]] = {
    "pending": ("待审批", "Pending"),
    "approved": ("已批准", "Approved"),
    "rejected": ("已驳回", "Rejected"),
    "cancelled": ("已撤销", "Cancelled"),
}
SWAP_STATUS: dict[str, tuple[str, str]] = {
    "requested": ("待对方接受", "Awaiting counterpart"),
    "accepted": ("待审批", "Awaiting approval"),
    "approved": ("已批准", "Approved"),
    "rejected": ("已驳回", "Rejected"),
    "cancelled": ("已撤销", "Cancelled"),
}


@dataclass(frozen=True)
class Leave:
    id: int
    person_id: int
    person_name: str
    kind: str
    start: date
    end: date
    status: str
    reason: str
    decision_note: str

    @property
    def kind_label(self) -> str:
        return LEAVE_KINDS[self.kind][0]


@dataclass(frozen=True)
class Swap:
    id: int
    assignment_id: int
    requester_id: int
    requester_name: str
    counterpart_id: int
    counterpart_name: str
    counterpart_assignment_id: int | None
    summary: str
    on_behalf: bool
    status: str
    reason: str
    decision_note: str


class _Requests(AreaService[PeopleContext]):
    """What leave and swap requests share: the context, the roster, recording a decision."""

    TABLE = ""

    def __init__(self, desk: PeopleContext, roster: RosterService) -> None:
        super().__init__(desk)
        self._roster = roster

    def _set_status(
        self,
        actor: Person,
        request_id: int,
        status: str,
        action: str,
        *,
        note: str | None = None,
        now: str | None = None,
    ) -> None:
        """Write a new status; with ``note`` it is a decision (who, when, why)."""
        now = now or self._desk.now_iso()
        changes: dict[str, Any] = {"status": status}
        if note is not None:
            changes |= {"decided_by": actor.id, "decided_at": now, "decision_note": note.strip()}
        self._update(self.TABLE, request_id, changes, by=actor, at=now, action=action)


class LeaveService(_Requests):
    TABLE = "leave_requests"

    def leave_days(self, person_id: int, start: date, end: date) -> set[date]:
        """Days of approved leave of a person within [start, end]."""
        days: set[date] = set()
        for first, last in self._db.execute(
            "SELECT start_day, end_day FROM leave_requests WHERE person_id = ?"
            " AND status = 'approved' AND end_day >= ? AND start_day <= ?",
            [person_id, start.isoformat(), end.isoformat()],
        ).fetchall():
            for day in iter_days(
                max(start, date.fromisoformat(first)), min(end, date.fromisoformat(last))
            ):
                days.add(day)
        return days

    def request(
        self,
        actor: Person,
        *,
        person_id: int,
        kind: str,
        start: str | date,
        end: str | date,
        reason: str = "",
    ) -> Leave:
        """Ask for leave; an officer only for themself. Overlapping open leave is refused."""
        actor = auth.require(actor, "leave.request", self._db)
        if person_id != actor.id and not auth.permitted(actor, "leave.approve", self._db):
            raise PermissionDenied(
                "值班员只能为本人申请请假", en="An officer may ask for leave only for themself"
            )
        person = self._roster._person(person_id)
        if kind not in LEAVE_KINDS:
            raise ValidationError("kind", f"未知请假类型：{kind}", en=f"Unknown leave type {kind}")
        first = start if isinstance(start, date) else parse_day(start, "start")
        last = end if isinstance(end, date) else parse_day(end, "end")
        if last < first:
            raise ValidationError(
                "end",
                f"结束日期 {last} 早于开始日期 {first}",
                en=f"The end date {last} is before the start date {first}",
            )
        if (last - first).days > 365:
            raise ValidationError("end", "请假不能超过一年", en="Leave longer than a year")
        clash = self._db.execute(
            "SELECT id, start_day, end_day FROM leave_requests WHERE person_id = ?"
            " AND status IN ('pending', 'approved') AND end_day >= ? AND start_day <= ?",
            [person_id, first.isoformat(), last.isoformat()],
        ).fetchone()
        if clash:
            raise ValidationError(
                "start",
                f"{person.name} 在 {clash[1]} 至 {clash[2]} 已有请假（#{clash[0]}），日期重叠",
                en=f"{person.name} already has leave {clash[1]}..{clash[2]} (#{clash[0]})",
            )
        now = self._desk.now_iso()
        leave_id = self._insert(
            "leave_requests",
            {
                "person_id": person_id,
                "kind": kind,
                "start_day": first.isoformat(),
                "end_day": last.isoformat(),
                "reason": (reason or "").strip(),
                "requested_by": actor.id,
                "requested_at": now,
            },
            by=actor,
            at=now,
            action="leave.request",
        )
        return self.get(leave_id)

    def get(self, leave_id: int) -> Leave:
        row = self._one_row(
            "SELECT l.*, p.name FROM leave_requests l JOIN people p ON p.id = l.person_id"
            " WHERE l.id = ?",
            [leave_id],
            f"请假记录不存在：{leave_id}",
            f"No leave request {leave_id}",
        )
        return self._leave(row)

    def _leave(self, r: dict[str, Any]) -> Leave:
        return Leave(
            r["id"],
            r["person_id"],
            r["name"],
            r["kind"],
            date.fromisoformat(r["start_day"]),
            date.fromisoformat(r["end_day"]),
            r["status"],
            r["reason"],
            r["decision_note"],
        )

    def list(self, *, status: str | None = None, person_id: int | None = None) -> list[Leave]:
        sql = "SELECT l.*, p.name FROM leave_requests l JOIN people p ON p.id = l.person_id"
        where: list[str] = []
        params: list[Any] = []
        if status:
            where.append("l.status = ?")
            params.append(status)
        if person_id is not None:
            where.append("l.person_id = ?")
            params.append(person_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY l.start_day DESC, l.id DESC"
        return [self._leave(r) for r in self._db.query(sql, params)]

    def approve(self, actor: Person, leave_id: int, *, note: str = "") -> Leave:
        """Approve; the person's not-yet-started assignments in the range become gaps."""
        actor = auth.require(actor, "leave.approve", self._db)
        leave = self.get(leave_id)
        if leave.status != "pending":
            raise Conflict(
                f"该请假已{LEAVE_STATUS[leave.status][0]}", en=f"This leave is {leave.status}"
            )
        self._roster.lock_started(actor.actor)
        now = self._desk.now_iso()
        with self._db.atomic():
            self._set_status(actor, leave_id, "approved", "leave.approve", note=note or "", now=now)
            for (row_id,) in self._db.execute(
                "SELECT id FROM assignments WHERE person_id = ? AND locked = 0"
                " AND day BETWEEN ? AND ?",
                [leave.person_id, leave.start.isoformat(), leave.end.isoformat()],
            ).fetchall():
                self._roster.swaps._cancel_for_assignment(row_id, actor, now)
                self._delete("assignments", row_id, by=actor, at=now, action="leave.gap")
        return self.get(leave_id)

    def reject(self, actor: Person, leave_id: int, *, note: str) -> Leave:
        actor = auth.require(actor, "leave.approve", self._db)
        if not (note or "").strip():
            raise ValidationError("note", "驳回须说明理由", en="A rejection needs a reason")
        leave = self.get(leave_id)
        if leave.status != "pending":
            raise Conflict(
                f"该请假已{LEAVE_STATUS[leave.status][0]}", en=f"This leave is {leave.status}"
            )
        self._set_status(actor, leave_id, "rejected", "leave.reject", note=note)
        return self.get(leave_id)

    def cancel(self, actor: Person, leave_id: int) -> Leave:
        leave = self.get(leave_id)
        if actor.id != leave.person_id and not auth.permitted(actor, "leave.approve", self._db):
            raise PermissionDenied("只能撤销本人的请假", en="You may cancel only your own leave")
        if leave.status != "pending":
            raise Conflict("只有待审批的请假可以撤销", en="Only pending leave can be cancelled")
        self._set_status(actor, leave_id, "cancelled", "leave.cancel")
        return self.get(leave_id)


class SwapService(_Requests):
    """Request → counterpart accepts → leader/admin approves (rules checked) or rejects."""

    TABLE = "swap_requests"

    def get(self, swap_id: int) -> Swap:
        row = self._one_row(
            "SELECT s.*, a.name AS requester_name, c.name AS counterpart_name,"
            " s.requested_by AS rb FROM swap_requests s"
            " JOIN people c ON c.id = s.counterpart_id"
            " JOIN people a ON a.id = s.requested_by WHERE s.id = ?",
            [swap_id],
            f"换班申请不存在：{swap_id}",
            f"No swap request {swap_id}",
        )
        return self._swap(row)

    def _swap(self, r: dict[str, Any]) -> Swap:
        return Swap(
            r["id"],
            r["assignment_id"],
            r["requested_by"],
            r["requester_name"],
            r["counterpart_id"],
            r["counterpart_name"],
            r["counterpart_assignment_id"],
            r["summary"],
            bool(r["on_behalf"]),
            r["status"],
            r["reason"],
            r["decision_note"],
        )

    def list(self, *, status: str | None = None) -> list[Swap]:
        sql = (
            "SELECT s.*, a.name AS requester_name, c.name AS counterpart_name FROM swap_requests s"
            " JOIN people c ON c.id = s.counterpart_id JOIN people a ON a.id = s.requested_by"
        )
        params: list[Any] = []
        if status:
            sql += " WHERE s.status = ?"
            params.append(status)
        sql += " ORDER BY s.id DESC"
        return [self._swap(r) for r in self._db.query(sql, params)]

    def _summary(self, assignment_id: int, other_id: int | None) -> str:
        a = self._roster.assignment(assignment_id)
        text = f"{a.day} {a.shift_name} {a.role_label} {a.person_name}"
        if other_id is not None:
            b = self._roster.assignment(other_id)
            text += f" ⇄ {b.day} {b.shift_name} {b.role_label} {b.person_name}"
        return text

    def request(
        self,
        actor: Person,
        *,
        assignment_id: int,
        counterpart_id: int,
        counterpart_assignment_id: int | None = None,
        reason: str = "",
    ) -> Swap:
        """The planned officer asks ``counterpart_id`` to take the shift (or to swap shifts)."""
        actor = auth.require(actor, "swap.request", self._db)
        mine = self._roster.assignment(assignment_id)
        if mine.person_id != actor.id:
            raise PermissionDenied(
                "只能为本人的班次申请换班（值班长可代为换班）",
                en="You may ask to swap only your own shift (a leader can swap on behalf)",
            )
        return self._create(
            actor, mine.id, counterpart_id, counterpart_assignment_id, reason, on_behalf=False
        )

    def _create(
        self,
        actor: Person,
        assignment_id: int,
        counterpart_id: int,
        counterpart_assignment_id: int | None,
        reason: str,
        *,
        on_behalf: bool,
    ) -> Swap:
        mine = self._roster.assignment(assignment_id)
        self._roster._person(counterpart_id)
        if counterpart_id == mine.person_id:
            raise ValidationError("counterpart", "不能与自己换班", en="Cannot swap with yourself")
        if mine.locked or mine.starts_at <= self._desk.clock():
            raise Conflict("该班次已开始，不能换班", en="This shift has started")
        if counterpart_assignment_id is not None:
            other = self._roster.assignment(counterpart_assignment_id)
            if other.person_id != counterpart_id:
                raise ValidationError(
                    "counterpart_assignment",
                    "对方班次不属于所选人员",
                    en="That shift is not the counterpart's",
                )
            if other.locked or other.starts_at <= self._desk.clock():
                raise Conflict("对方班次已开始，不能换班", en="The other shift has started")
        open_ = self._db.execute(
            "SELECT id FROM swap_requests WHERE assignment_id = ? AND status IN"
            " ('requested', 'accepted')",
            [assignment_id],
        ).fetchone()
        if open_:
            raise Conflict(
                f"该班次已有进行中的换班申请 #{open_[0]}", en=f"Swap #{open_[0]} is already open"
            )
        now = self._desk.now_iso()
        swap_id = self._insert(
            "swap_requests",
            {
                "assignment_id": assignment_id,
                "counterpart_id": counterpart_id,
                "counterpart_assignment_id": counterpart_assignment_id,
                "summary": self._summary(assignment_id, counterpart_assignment_id),
                "requested_by": actor.id if not on_behalf else mine.person_id,
                "on_behalf": int(on_behalf),
                "reason": (reason or "").strip(),
                "requested_at": now,
            },
            by=actor,
            at=now,
            action="swap.on_behalf" if on_behalf else "swap.request",
        )
        return self.get(swap_id)

    def accept(self, actor: Person, swap_id: int) -> Swap:
        swap = self.get(swap_id)
        if actor.id != swap.counterpart_id:
            raise PermissionDenied("只有被请求人可以接受换班", en="Only the counterpart may accept")
        if swap.status != "requested":
            raise Conflict(
                f"该申请状态为{SWAP_STATUS[swap.status][0]}", en=f"The request is {swap.status}"
            )
        now = self._desk.now_iso()
        self._update(
            "swap_requests",
            swap_id,
            {"status": "accepted", "accepted_at": now},
            by=actor,
            at=now,
            action="swap.accept",
        )
        return self.get(swap_id)

    def _rule_problem(self, swap: Swap) -> str | None:
        """Check both people against every hard rule as if the swap were done."""
        mine = self._roster.assignment(swap.assignment_id)
        other = (
            self._roster.assignment(swap.counterpart_assignment_id)
            if swap.counterpart_assignment_id is not None
            else None
        )
        shifts = self._roster.shift_types()
        ignore = frozenset(x.id for x in (mine, other) if x is not None)
        moves = [(swap.counterpart_id, mine)]
        if other is not None:
            moves.append((mine.person_id, other))
        extra: list[Row] = []
        for person_id, target in moves:
            extra.append(
                Row(
                    target.day,
                    shifts[target.shift_code].id,
                    target.role,
                    target.slot,
                    person_id,
                    "swap",
                    target.starts_at,
                    target.ends_at,
                    target.team_id,
                )
            )
        for index, (person_id, target) in enumerate(moves):
            others = tuple(r for i, r in enumerate(extra) if i != index)
            broken = self._roster.check_person_takes(
                team_id=target.team_id,
                person_id=person_id,
                day=target.day,
                shift=shifts[target.shift_code],
                role=target.role,
                ignore_ids=ignore,
                extra_rows=others,
            )
            if broken is not None:
                name = self._desk.people.get(person_id).name
                return f"{name}：{RULE_LABELS[broken[0]][0]}——{broken[1]}"
        return None

    def approve(self, actor: Person, swap_id: int, *, note: str = "") -> Swap:
        actor = auth.require(actor, "swap.approve", self._db)
        swap = self.get(swap_id)
        if swap.status != "accepted":
            raise Conflict(
                "只有对方已接受的申请可以批准", en="Only an accepted request can be approved"
            )
        self._roster.lock_started(actor.actor)
        problem = self._rule_problem(swap)
        if problem:
            raise Conflict(f"换班违反规则：{problem}", en=f"The swap breaks a rule: {problem}")
        self._apply(actor, swap, note, action="swap.approve")
        return self.get(swap_id)

    def _apply(self, actor: Person, swap: Swap, note: str, *, action: str) -> None:
        mine = self._roster.assignment(swap.assignment_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            if swap.counterpart_assignment_id is not None:
                other = self._roster.assignment(swap.counterpart_assignment_id)
                self._update(
                    "assignments",
                    other.id,
                    {"person_id": mine.person_id, "source": "swap"},
                    by=actor,
                    at=now,
                    action=action,
                )
            self._update(
                "assignments",
                mine.id,
                {"person_id": swap.counterpart_id, "source": "swap"},
                by=actor,
                at=now,
                action=action,
            )
            self._set_status(actor, swap.id, "approved", action, note=note or "", now=now)

    def reject(self, actor: Person, swap_id: int, *, note: str) -> Swap:
        actor = auth.require(actor, "swap.approve", self._db)
        if not (note or "").strip():
            raise ValidationError("note", "驳回须说明理由", en="A rejection needs a reason")
        swap = self.get(swap_id)
        if swap.status not in ("requested", "accepted"):
            raise Conflict(f"该申请状态为{SWAP_STATUS[swap.status][0]}", en="Already decided")
        self._set_status(actor, swap_id, "rejected", "swap.reject", note=note)
        return self.get(swap_id)

    def cancel(self, actor: Person, swap_id: int) -> Swap:
        swap = self.get(swap_id)
        if actor.id != swap.requester_id and not auth.permitted(actor, "swap.approve", self._db):
            raise PermissionDenied("只有申请人可以撤销", en="Only the requester may cancel")
        if swap.status not in ("requested", "accepted"):
            raise Conflict("该申请已处理", en="Already decided")
        self._set_status(actor, swap_id, "cancelled", "swap.cancel")
        return self.get(swap_id)

    def swap_on_behalf(
        self,
        actor: Person,
        *,
        assignment_id: int,
        counterpart_id: int,
        counterpart_assignment_id: int | None = None,
        reason: str,
    ) -> Swap:
        """A leader swaps for someone (illness): rules checked, approved at once, audited."""
        actor = auth.require(actor, "swap.approve", self._db)
        if not (reason or "").strip():
            raise ValidationError("reason", "代为换班须说明原因", en="Give the reason")
        self._roster.lock_started(actor.actor)
        with self._db.atomic():
            swap = self._create(
                actor,
                assignment_id,
                counterpart_id,
                counterpart_assignment_id,
                reason,
                on_behalf=True,
            )
            problem = self._rule_problem(swap)
            if problem:
                raise Conflict(f"换班违反规则：{problem}", en=f"The swap breaks a rule: {problem}")
            self._apply(actor, swap, "代为换班", action="swap.on_behalf")
        return self.get(swap.id)

    def _cancel_for_assignment(self, assignment_id: int, actor: Person, now: str) -> None:
        for (swap_id,) in self._db.execute(
            "SELECT id FROM swap_requests WHERE status IN ('requested', 'accepted')"
            " AND (assignment_id = ? OR counterpart_assignment_id = ?)",
            [assignment_id, assignment_id],
        ).fetchall():
            self._update(
                "swap_requests",
                swap_id,
                {"status": "cancelled", "decision_note": "班次因请假取消"},
                by=actor,
                at=now,
                action="swap.cancel",
            )
