"""The implementation plan (实施计划): milestones, tasks and the risk register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutydesk.clock import parse_day, site_today
from dutydesk.errors import ValidationError
from dutydesk.people.auth import ADMIN, LEADER, Person, register_permissions, require
from dutydesk.people.inputs import (
    check_person,
    clean_text,
    optional_text,
)
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row, found
from dutydesk.store.writes import save_row
from dutydesk.training.context import TrainingContext

if TYPE_CHECKING:
    pass

register_permissions({"plan.edit": frozenset({LEADER, ADMIN})})
for _table in ("plan_milestones", "plan_tasks", "plan_risks"):
    audit.register_table(audit.AuditedTable(_table))

TASK_STATUSES: dict[str, tuple[str, str]] = {
    "todo": ("未开始", "To do"),
    "in_progress": ("进行中", "In progress"),
    "blocked": ("受阻", "Blocked"),
    "done": ("已完成", "Done"),
    "cancelled": ("已取消", "Cancelled"),
}
RISK_STATUSES: dict[str, tuple[str, str]] = {
    "open": ("未处理", "Open"),
    "mitigating": ("应对中", "Mitigating"),
    "closed": ("已关闭", "Closed"),
}
HIGH_RISK_SCORE = 15
MEDIUM_RISK_SCORE = 8


def risk_level(score: int) -> str:
    """'high' (≥15 of 25), 'medium' (≥8) or 'low'."""
    if score >= HIGH_RISK_SCORE:
        return "high"
    return "medium" if score >= MEDIUM_RISK_SCORE else "low"


RISK_LEVELS: dict[str, tuple[str, str]] = {
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
}


@dataclass(frozen=True)
class Milestone:
    id: int
    title: str
    due_on: str
    description: str
    done_on: str | None


@dataclass(frozen=True)
class Task:
    id: int
    milestone_id: int | None
    title: str
    owner_id: int | None
    owner_name: str
    start_on: str
    due_on: str
    status: str
    resources: str
    done_on: str | None

    def is_overdue(self, today: date) -> bool:
        return self.status not in ("done", "cancelled") and date.fromisoformat(self.due_on) < today


@dataclass(frozen=True)
class Risk:
    id: int
    title: str
    likelihood: int
    impact: int
    mitigation: str
    owner_id: int | None
    owner_name: str
    status: str

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        return risk_level(self.score)

    @property
    def is_high(self) -> bool:
        return self.level == "high" and self.status != "closed"


@dataclass(frozen=True)
class Plan:
    today: str
    milestones: tuple[Milestone, ...]
    tasks: tuple[Task, ...]
    risks: tuple[Risk, ...]

    @property
    def overdue(self) -> tuple[Task, ...]:
        day = date.fromisoformat(self.today)
        return tuple(t for t in self.tasks if t.is_overdue(day))

    @property
    def high_risks(self) -> tuple[Risk, ...]:
        return tuple(r for r in self.risks if r.is_high)


def _score_value(field: str, value: int, zh: str, en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(
            field, f"{zh}必须是 1–5 的整数，而不是 {value!r}", en=f"{en} must be 1-5, not {value!r}"
        )
    return value


class PlanService(AreaService[TrainingContext]):
    """One implementation plan per duty room; leaders and admins edit it."""

    def plan(self, *, today: date | None = None) -> Plan:
        day = today or site_today(self._desk)
        return Plan(
            today=day.isoformat(),
            milestones=tuple(self.milestones()),
            tasks=tuple(self.tasks()),
            risks=tuple(self.risks()),
        )

    # -- milestones ------------------------------------------------------------------------

    def milestones(self) -> list[Milestone]:
        return [
            Milestone(**r)
            for r in self._db.query(
                "SELECT id, title, due_on, description, done_on FROM plan_milestones"
                " ORDER BY due_on, id"
            )
        ]

    def milestone(self, milestone_id: int) -> Milestone:
        row = existing_row(self._db, "plan_milestones", milestone_id, ("里程碑", "milestone"))
        return Milestone(**row)

    def save_milestone(
        self,
        actor: Person,
        *,
        title: str,
        due_on: date | str,
        description: str = "",
        done_on: date | str | None = None,
        milestone_id: int | None = None,
    ) -> Milestone:
        """Add (no id) or change a milestone."""
        actor = require(actor, "plan.edit", self._db)
        values = {
            "title": clean_text("title", title, "里程碑名称", "Milestone title"),
            "due_on": parse_day(due_on, "due_on", "里程碑日期", "Milestone date").isoformat(),
            "description": optional_text("description", description, "说明", "Description", 4000),
            "done_on": None
            if done_on in (None, "")
            else parse_day(done_on, "done_on", "完成日期", "Done on").isoformat(),
        }
        now = self._desk.now_iso()
        milestone_id = save_row(
            self._db,
            "plan_milestones",
            milestone_id,
            values,
            by=actor,
            at=now,
            check=self.milestone,
        )
        return self.milestone(milestone_id)

    # -- tasks -----------------------------------------------------------------------------

    _TASKS = (
        "SELECT t.id, t.milestone_id, t.title, t.owner_id, coalesce(p.name, ''), t.start_on,"
        " t.due_on, t.status, t.resources, t.done_on FROM plan_tasks t"
        " LEFT JOIN people p ON p.id = t.owner_id"
    )

    def tasks(self) -> list[Task]:
        return [
            Task(*r) for r in self._db.execute(self._TASKS + " ORDER BY t.start_on, t.due_on, t.id")
        ]

    def task(self, task_id: int) -> Task:
        row = self._db.execute(self._TASKS + " WHERE t.id = ?", [task_id]).fetchone()
        return Task(*found(row, ("任务", "task"), task_id))

    def save_task(
        self,
        actor: Person,
        *,
        title: str,
        start_on: date | str,
        due_on: date | str,
        owner_id: int | None = None,
        milestone_id: int | None = None,
        status: str = "todo",
        resources: str = "",
        task_id: int | None = None,
    ) -> Task:
        """Add (no id) or change a task; a task cannot be due before it starts."""
        actor = require(actor, "plan.edit", self._db)
        start = parse_day(start_on, "start_on", "开始日期", "Start")
        due = parse_day(due_on, "due_on", "截止日期", "Due")
        if due < start:
            raise ValidationError(
                "due_on",
                f"截止日期 {due} 早于开始日期 {start}",
                en=f"The due date {due} is before the start {start}",
            )
        if status not in TASK_STATUSES:
            raise ValidationError(
                "status", f"未知任务状态「{status}」", en=f"Unknown task status {status!r}"
            )
        check_person(self._desk, owner_id, "owner_id")
        if milestone_id is not None:
            self.milestone(milestone_id)
        previous = None if task_id is None else self.task(task_id)
        now = self._desk.now_iso()
        done_on: str | None = None
        if status == "done":
            done_on = (
                previous.done_on
                if previous and previous.done_on
                else site_today(self._desk).isoformat()
            )
        values = {
            "milestone_id": milestone_id,
            "title": clean_text("title", title, "任务名称", "Task title"),
            "owner_id": owner_id,
            "start_on": start.isoformat(),
            "due_on": due.isoformat(),
            "status": status,
            "resources": optional_text("resources", resources, "所需资源", "Resources", 2000),
            "done_on": done_on,
            "updated_at": now,
        }
        task_id = save_row(self._db, "plan_tasks", task_id, values, by=actor, at=now)
        return self.task(task_id)

    def set_task_status(self, actor: Person, task_id: int, status: str) -> Task:
        task = self.task(task_id)
        return self.save_task(
            actor,
            title=task.title,
            start_on=task.start_on,
            due_on=task.due_on,
            owner_id=task.owner_id,
            milestone_id=task.milestone_id,
            status=status,
            resources=task.resources,
            task_id=task_id,
        )

    def overdue_tasks(self, *, today: date | None = None) -> list[Task]:
        day = today or site_today(self._desk)
        return [t for t in self.tasks() if t.is_overdue(day)]

    # -- risks -----------------------------------------------------------------------------

    _RISKS = (
        "SELECT r.id, r.title, r.likelihood, r.impact, r.mitigation, r.owner_id,"
        " coalesce(p.name, ''), r.status FROM plan_risks r LEFT JOIN people p ON p.id = r.owner_id"
    )

    def risks(self) -> list[Risk]:
        rows = self._db.execute(
            self._RISKS + " ORDER BY r.status = 'closed', r.likelihood * r.impact DESC, r.id"
        )
        return [Risk(*r) for r in rows]

    def risk(self, risk_id: int) -> Risk:
        row = self._db.execute(self._RISKS + " WHERE r.id = ?", [risk_id]).fetchone()
        return Risk(*found(row, ("风险", "risk"), risk_id))

    def save_risk(
        self,
        actor: Person,
        *,
        title: str,
        likelihood: int,
        impact: int,
        mitigation: str = "",
        owner_id: int | None = None,
        status: str = "open",
        risk_id: int | None = None,
    ) -> Risk:
        actor = require(actor, "plan.edit", self._db)
        if status not in RISK_STATUSES:
            raise ValidationError(
                "status", f"未知风险状态「{status}」", en=f"Unknown risk status {status!r}"
            )
        check_person(self._desk, owner_id, "owner_id")
        if risk_id is not None:
            self.risk(risk_id)
        now = self._desk.now_iso()
        values = {
            "title": clean_text("title", title, "风险", "Risk"),
            "likelihood": _score_value("likelihood", likelihood, "可能性", "Likelihood"),
            "impact": _score_value("impact", impact, "影响", "Impact"),
            "mitigation": optional_text("mitigation", mitigation, "应对措施", "Mitigation", 4000),
            "owner_id": owner_id,
            "status": status,
            "updated_at": now,
        }
        risk_id = save_row(self._db, "plan_risks", risk_id, values, by=actor, at=now)
        return self.risk(risk_id)

    def high_risks(self) -> list[Risk]:
        return [r for r in self.risks() if r.is_high]
