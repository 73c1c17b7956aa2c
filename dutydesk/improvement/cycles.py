"""Improvement cycles (优化周期): a quarter or half-year with goals, KPI targets, actions,
an evaluation with a frozen KPI snapshot, and a leader's approval that locks it.

KPI values come from ``CycleService.kpi_provider`` when the KPI engine sets one, else the
evaluator enters them. A missing value stays ``None`` (shown as 未录入), never zero.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from dutydesk.clock import site_today
from dutydesk.errors import Conflict, Locked, NotFound, ValidationError
from dutydesk.improvement.context import ImprovementContext
from dutydesk.improvement.feedback import check_choice
from dutydesk.improvement.problems import ACTION_STATUSES, Action, as_date
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, Person
from dutydesk.people.inputs import clean_text
from dutydesk.store import audit, signing
from dutydesk.store.context import AreaService
from dutydesk.store.rows import from_row

CYCLE_KINDS: dict[str, tuple[str, str]] = {
    "quarter": ("季度", "Quarter"),
    "half_year": ("半年", "Half-year"),
}
CYCLE_STATUSES: dict[str, tuple[str, str]] = {
    "open": ("进行中", "Open"),
    "evaluated": ("已评估", "Evaluated"),
    "approved": ("已批准", "Approved"),
}
DIRECTIONS: dict[str, tuple[str, str]] = {
    "at_least": ("不低于", "At least"),
    "at_most": ("不高于", "At most"),
}
KpiProvider = Callable[[date, date], dict[str, float | None]]

auth.register_permissions(
    {
        "cycle.manage": frozenset({LEADER, ADMIN}),
        "cycle.approve": frozenset({LEADER, ADMIN}),
    }
)
audit.register_table(audit.AuditedTable("improvement_cycles"))
audit.register_table(audit.AuditedTable("cycle_targets"))

# What an approval signs: the plan, the evaluation and the frozen snapshots.
_SIGNED_COLUMNS = (
    "id",
    "kind",
    "title",
    "start_date",
    "end_date",
    "goals",
    "previous_id",
    "kpi_snapshot",
    "actions_snapshot",
    "conclusions",
    "adjustments",
    "evaluated_by",
    "evaluated_at",
)


def cycle_content(db: Database, cycle_id: int) -> dict[str, Any]:
    row = audit.fetch_row(db, "improvement_cycles", cycle_id)
    if row is None:
        raise LookupError(f"improvement cycle {cycle_id} does not exist")
    content = {column: row[column] for column in _SIGNED_COLUMNS}
    content["targets"] = [
        dict(r)
        for r in db.query(
            "SELECT kpi_key, label, target, direction, unit FROM cycle_targets"
            " WHERE cycle_id = ? ORDER BY kpi_key",
            [cycle_id],
        )
    ]
    return content


signing.register_signable("improvement_cycles", cycle_content)


@dataclass(frozen=True)
class CycleTarget:
    kpi_key: str
    label: str
    target: float
    direction: str = "at_least"
    unit: str = ""

    def met_by(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.target if self.direction == "at_least" else value <= self.target


@dataclass(frozen=True)
class Cycle:
    id: int
    kind: str
    title: str
    start_date: str
    end_date: str
    goals: tuple[str, ...]
    previous_id: int | None
    status: str
    kpi_snapshot: dict[str, float | None] | None
    actions_snapshot: tuple[dict[str, Any], ...] | None
    conclusions: str
    adjustments: str
    evaluated_by: int | None
    evaluator_name: str | None
    evaluated_at: str | None
    approved_by: int | None
    approver_name: str | None
    approved_at: str | None
    locked: bool
    created_at: str
    targets: tuple[CycleTarget, ...]


@dataclass(frozen=True)
class KpiComparison:
    kpi_key: str
    label: str
    unit: str
    direction: str
    target: float
    actual: float | None
    met: bool | None
    previous: float | None
    change: float | None


@dataclass(frozen=True)
class CycleProgress:
    days_total: int
    days_elapsed: int
    actions_total: int
    by_status: dict[str, int]
    overdue: int


@dataclass(frozen=True)
class CycleProposal:
    """The next cycle a closing proposes; nothing is stored until ``create_next``."""

    previous_id: int
    kind: str
    title: str
    start_date: str
    end_date: str
    goals: tuple[str, ...]
    targets: tuple[CycleTarget, ...]
    carried_actions: tuple[Action, ...]
    existing_id: int | None = None  # the next cycle already exists: carry into it


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def default_end(kind: str, start: date) -> date:
    return add_months(start, 3 if kind == "quarter" else 6) - timedelta(days=1)


def default_title(kind: str, start: date) -> str:
    if kind == "quarter":
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度优化周期"
    return f"{start.year}年{'上' if start.month <= 6 else '下'}半年优化周期"


class CycleService(AreaService[ImprovementContext]):
    """Plan, evaluate, approve and roll over improvement cycles."""

    def __init__(self, desk: ImprovementContext) -> None:
        super().__init__(desk)
        # The KPI engine plugs in here: (start, end) -> {kpi_key: value or None}.
        self.kpi_provider: KpiProvider | None = None

    def cycle(self, cycle_id: int) -> Cycle:
        rows = list(
            self._db.query(
                "SELECT c.*, e.name AS evaluator_name, a.name AS approver_name"
                " FROM improvement_cycles c LEFT JOIN people e ON e.id = c.evaluated_by"
                " LEFT JOIN people a ON a.id = c.approved_by WHERE c.id = ?",
                [cycle_id],
            )
        )
        if not rows:
            raise NotFound(f"优化周期不存在：{cycle_id}", en=f"No such cycle: {cycle_id}")
        row = rows[0]
        targets = tuple(
            CycleTarget(r["kpi_key"], r["label"], r["target"], r["direction"], r["unit"])
            for r in self._db.query(
                "SELECT * FROM cycle_targets WHERE cycle_id = ? ORDER BY id", [cycle_id]
            )
        )
        return from_row(
            Cycle,
            row,
            goals=tuple(json.loads(row["goals"])),
            kpi_snapshot=None if row["kpi_snapshot"] is None else json.loads(row["kpi_snapshot"]),
            actions_snapshot=None
            if row["actions_snapshot"] is None
            else tuple(json.loads(row["actions_snapshot"])),
            locked=bool(row["locked"]),
            targets=targets,
        )

    def cycles(self, *, kind: str | None = None) -> list[Cycle]:
        sql = "SELECT id FROM improvement_cycles"
        params: list[Any] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        rows = self._db.execute(sql + " ORDER BY start_date DESC, id DESC", params).fetchall()
        return [self.cycle(r[0]) for r in rows]

    def require_open(self, cycle_id: int) -> Cycle:
        cycle = self.cycle(cycle_id)
        if cycle.locked:
            raise Locked(
                f"优化周期“{cycle.title}”已批准锁定，不能再修改",
                en=f"Cycle {cycle.title} is approved and locked",
            )
        return cycle

    def create_cycle(
        self,
        actor: Person,
        *,
        kind: str,
        start_date: date | str,
        end_date: date | str | None = None,
        title: str | None = None,
        goals: Sequence[str] = (),
        targets: Sequence[CycleTarget] = (),
        previous_id: int | None = None,
    ) -> Cycle:
        actor = auth.require(actor, "cycle.manage", self._db)
        check_choice("kind", kind, CYCLE_KINDS)
        start = as_date("start_date", start_date, "开始日期", "Start date")
        end = (
            default_end(kind, date.fromisoformat(start)).isoformat()
            if end_date is None
            else as_date("end_date", end_date, "结束日期", "End date")
        )
        if end <= start:
            raise ValidationError(
                "end_date",
                f"结束日期 {end} 必须晚于开始日期 {start}",
                en=f"The end date {end} must be after the start date {start}",
            )
        clash = self._db.execute(
            "SELECT title FROM improvement_cycles WHERE kind = ? AND start_date <= ?"
            " AND ? <= end_date",
            [kind, end, start],
        ).fetchone()
        if clash:
            raise ValidationError(
                "start_date",
                f"与同类周期“{clash[0]}”时间重叠",
                en=f"Overlaps the {kind} cycle {clash[0]}",
            )
        title = clean_text(
            "title",
            title or default_title(kind, date.fromisoformat(start)),
            "周期名称",
            "Cycle title",
            limit=80,
        )
        clean_targets = _clean_targets(targets)
        if previous_id is None:
            found = self._db.execute(
                "SELECT id FROM improvement_cycles WHERE kind = ? AND end_date < ?"
                " ORDER BY end_date DESC LIMIT 1",
                [kind, start],
            ).fetchone()
            previous_id = found[0] if found else None
        else:
            self.cycle(previous_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            cycle_id = self._insert(
                "improvement_cycles",
                {
                    "kind": kind,
                    "title": title,
                    "start_date": start,
                    "end_date": end,
                    "goals": json.dumps(_clean_goals(goals), ensure_ascii=False),
                    "previous_id": previous_id,
                    "status": "open",
                    "created_by": actor.id,
                    "created_at": now,
                },
                by=actor,
                at=now,
            )
            self._write_targets(actor, cycle_id, clean_targets)
        return self.cycle(cycle_id)

    def update_plan(
        self,
        actor: Person,
        cycle_id: int,
        *,
        title: str | None = None,
        goals: Sequence[str] | None = None,
        targets: Sequence[CycleTarget] | None = None,
    ) -> Cycle:
        actor = auth.require(actor, "cycle.manage", self._db)
        cycle = self.require_open(cycle_id)
        if cycle.status != "open":
            raise Conflict(
                "周期已评估，计划不能再修改；如需调整请在评估中写明",
                en="The cycle is evaluated; its plan can no longer change",
            )
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = clean_text("title", title, "周期名称", "Cycle title", limit=80)
        if goals is not None:
            changes["goals"] = json.dumps(_clean_goals(goals), ensure_ascii=False)
        clean_targets = None if targets is None else _clean_targets(targets)
        now = self._desk.now_iso()
        with self._db.atomic():
            if changes:
                self._update(
                    "improvement_cycles", cycle_id, changes, by=actor, at=now, action="plan"
                )
            if clean_targets is not None:
                for (old_id,) in self._db.execute(
                    "SELECT id FROM cycle_targets WHERE cycle_id = ?", [cycle_id]
                ).fetchall():
                    audit.delete(self._db, "cycle_targets", old_id, actor=actor.actor, at=now)
                self._write_targets(actor, cycle_id, clean_targets)
        return self.cycle(cycle_id)

    def _write_targets(self, actor: Person, cycle_id: int, targets: Sequence[CycleTarget]) -> None:
        now = self._desk.now_iso()
        for target in targets:
            self._insert(
                "cycle_targets",
                {
                    "cycle_id": cycle_id,
                    "kpi_key": target.kpi_key,
                    "label": target.label,
                    "target": target.target,
                    "direction": target.direction,
                    "unit": target.unit,
                },
                by=actor,
                at=now,
            )

    def progress(self, cycle_id: int) -> CycleProgress:
        cycle = self.cycle(cycle_id)
        start, end = date.fromisoformat(cycle.start_date), date.fromisoformat(cycle.end_date)
        today = site_today(self._desk)
        total = (end - start).days + 1
        elapsed = min(total, max(0, (today - start).days + 1))
        actions = self._desk.improvement.actions(cycle_id=cycle_id)
        by_status = {status: 0 for status in ACTION_STATUSES}
        for action in actions:
            by_status[action.status] += 1
        return CycleProgress(
            total, elapsed, len(actions), by_status, sum(a.overdue for a in actions)
        )

    def evaluate(
        self,
        actor: Person,
        cycle_id: int,
        *,
        kpi_values: Mapping[str, float | str | None] | None = None,
        conclusions: str,
        adjustments: str = "",
    ) -> Cycle:
        """Freeze the KPI values and the actions' state; may be redone until approval."""
        actor = auth.require(actor, "cycle.manage", self._db)
        cycle = self.require_open(cycle_id)
        conclusions = clean_text("conclusions", conclusions, "评估结论", "Conclusions", limit=4000)
        snapshot: dict[str, float | None] = {t.kpi_key: None for t in cycle.targets}
        if self.kpi_provider is not None:
            provided = self.kpi_provider(
                date.fromisoformat(cycle.start_date), date.fromisoformat(cycle.end_date)
            )
            snapshot.update({k: _number(k, v) for k, v in provided.items()})
        for key, value in (kpi_values or {}).items():
            snapshot[str(key)] = _number(str(key), value)
        actions = [
            {
                "id": a.id,
                "kind": a.kind,
                "title": a.title,
                "owner": a.owner_name,
                "due_on": a.due_on,
                "done_on": a.done_on,
                "status": a.status,
                "verifier": a.verifier_name,
                "problem_id": a.problem_id,
            }
            for a in self._desk.improvement.actions(cycle_id=cycle_id)
        ]
        now = self._desk.now_iso()
        self._update(
            "improvement_cycles",
            cycle_id,
            {
                "status": "evaluated",
                "kpi_snapshot": audit.canonical_json(snapshot),
                "actions_snapshot": audit.canonical_json(actions),
                "conclusions": conclusions,
                "adjustments": (adjustments or "").strip(),
                "evaluated_by": actor.id,
                "evaluated_at": now,
            },
            by=actor,
            at=now,
            action="evaluate",
        )
        return self.cycle(cycle_id)

    def comparison(self, cycle_id: int) -> list[KpiComparison]:
        """Each target against the frozen value and the previous cycle's value."""
        cycle = self.cycle(cycle_id)
        actual = cycle.kpi_snapshot or {}
        previous: dict[str, float | None] = {}
        if cycle.previous_id is not None:
            previous = self.cycle(cycle.previous_id).kpi_snapshot or {}
        rows = []
        for target in cycle.targets:
            value = actual.get(target.kpi_key)
            before = previous.get(target.kpi_key)
            rows.append(
                KpiComparison(
                    kpi_key=target.kpi_key,
                    label=target.label,
                    unit=target.unit,
                    direction=target.direction,
                    target=target.target,
                    actual=value,
                    met=target.met_by(value),
                    previous=before,
                    change=None if value is None or before is None else value - before,
                )
            )
        return rows

    def approve(self, signer: Person, cycle_id: int, *, password: str) -> CycleProposal:
        """Sign 批准 and lock the cycle in one transaction; returns the proposed next cycle."""
        signer = auth.require(signer, "cycle.approve", self._db)
        cycle = self.require_open(cycle_id)
        if cycle.status != "evaluated":
            raise Conflict(
                f"优化周期“{cycle.title}”尚未评估，不能批准",
                en=f"Cycle {cycle.title} has no evaluation yet",
            )
        with self._db.atomic():
            signature = signing.sign(
                self._desk,
                signer=signer,
                password=password,
                entity="improvement_cycles",
                entity_id=cycle_id,
                meaning="approve",
            )
            self._update(
                "improvement_cycles",
                cycle_id,
                {
                    "status": "approved",
                    "approved_by": signer.id,
                    "approved_at": signature.signed_at,
                    "locked": 1,
                },
                by=signer,
                at=signature.signed_at,
                action="approve",
            )
        return self.propose_next(cycle_id)

    def signatures(self, cycle_id: int) -> list[signing.Signature]:
        return signing.signatures_for(self._db, "improvement_cycles", cycle_id)

    def propose_next(self, cycle_id: int) -> CycleProposal:
        cycle = self.cycle(cycle_id)
        start = date.fromisoformat(cycle.end_date) + timedelta(days=1)
        carried = tuple(
            a for a in self._desk.improvement.actions(cycle_id=cycle_id) if a.unfinished
        )
        found = self._db.execute(
            "SELECT id FROM improvement_cycles WHERE kind = ? AND start_date = ?",
            [cycle.kind, start.isoformat()],
        ).fetchone()
        if found:
            following = self.cycle(found[0])
            return CycleProposal(
                previous_id=cycle.id,
                kind=cycle.kind,
                title=following.title,
                start_date=following.start_date,
                end_date=following.end_date,
                goals=following.goals,
                targets=following.targets,
                carried_actions=carried,
                existing_id=following.id,
            )
        return CycleProposal(
            previous_id=cycle.id,
            kind=cycle.kind,
            title=default_title(cycle.kind, start),
            start_date=start.isoformat(),
            end_date=default_end(cycle.kind, start).isoformat(),
            goals=cycle.goals,
            targets=cycle.targets,
            carried_actions=carried,
        )

    def create_next(
        self,
        actor: Person,
        cycle_id: int,
        *,
        title: str | None = None,
        goals: Sequence[str] | None = None,
        targets: Sequence[CycleTarget] | None = None,
    ) -> Cycle:
        """Accept the proposal: the next cycle, with the unfinished actions carried over.

        When the next cycle was opened already, the actions are carried into it.
        """
        actor = auth.require(actor, "cycle.manage", self._db)
        previous = self.cycle(cycle_id)
        if not previous.locked:
            raise Conflict(
                "请先批准本周期，再开启下一周期", en="Approve this cycle before opening the next"
            )
        proposal = self.propose_next(cycle_id)
        with self._db.atomic():
            if proposal.existing_id is not None:
                # Opened already (before this approval): only the carry-over remains.
                created = self.require_open(proposal.existing_id)
            else:
                created = self.create_cycle(
                    actor,
                    kind=proposal.kind,
                    start_date=proposal.start_date,
                    end_date=proposal.end_date,
                    title=title or proposal.title,
                    goals=proposal.goals if goals is None else goals,
                    targets=proposal.targets if targets is None else targets,
                    previous_id=cycle_id,
                )
            now = self._desk.now_iso()
            for action in proposal.carried_actions:
                self._update(
                    "actions",
                    action.id,
                    {
                        "cycle_id": created.id,
                        "carry_count": action.carry_count + 1,
                        "updated_at": now,
                    },
                    by=actor,
                    at=now,
                    action="carry_over",
                )
        return self.cycle(created.id)


def _number(key: str, value: float | str | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            key, f"指标 {key} 的值必须是数字：{value!r}", en=f"KPI {key} must be a number"
        ) from None
    if not math.isfinite(number):
        raise ValidationError(key, f"指标 {key} 的值无效", en=f"KPI {key} is not finite")
    return number


def _clean_goals(goals: Sequence[str]) -> list[str]:
    if isinstance(goals, str):
        goals = goals.splitlines()
    cleaned = [g.strip() for g in goals if g and g.strip()]
    for goal in cleaned:
        if len(goal) > 500:
            raise ValidationError("goals", "单条目标不能超过 500 个字符", en="A goal is too long")
    return cleaned


def _clean_targets(targets: Sequence[CycleTarget]) -> list[CycleTarget]:
    seen: set[str] = set()
    cleaned = []
    for index, target in enumerate(targets, start=1):
        key = (target.kpi_key or "").strip()
        label = (target.label or "").strip() or key
        if not key:
            raise ValidationError(
                "targets", f"第 {index} 个指标缺少代码", en=f"CycleTarget {index} has no KPI key"
            )
        if key in seen:
            raise ValidationError("targets", f"指标 {key} 重复", en=f"KPI {key} appears twice")
        seen.add(key)
        check_choice("direction", target.direction, DIRECTIONS)
        value = _number(key, target.target)
        if value is None:
            raise ValidationError(
                "targets", f"指标 {label} 缺少目标值", en=f"KPI {label} has no target value"
            )
        cleaned.append(
            CycleTarget(key, label, value, target.direction, (target.unit or "").strip())
        )
    return cleaned
