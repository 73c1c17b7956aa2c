"""Resources of the implementation plan in the method's three kinds, 人力、物力、财力
(people, material, budget), their totals, and the plan's approval in versions.

Approving freezes a copy of the plan's content (milestones, tasks with their resources,
risks; not the progress of tasks) as version N, signed by a leader or administrator with
the password. The frozen copy never changes (append-only, signature over it); editing
the plan afterwards makes a draft that becomes version N+1 when approved again.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from dutydesk.errors import Conflict, ValidationError
from dutydesk.people.auth import ADMIN, LEADER, Person, register_permissions, require
from dutydesk.people.inputs import optional_text
from dutydesk.store import audit, signing
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row
from dutydesk.store.where import Where
from dutydesk.store.writes import save_row
from dutydesk.training.context import TrainingContext

register_permissions({"plan.approve": frozenset({LEADER, ADMIN})})
for _table in ("plan_resources", "plan_versions"):
    audit.register_table(audit.AuditedTable(_table))

RESOURCE_KINDS: dict[str, tuple[str, str]] = {
    "people": ("人力", "People"),
    "material": ("物力", "Material"),
    "budget": ("财力", "Budget"),
}
DEFAULT_UNITS = {"people": "人·天", "material": "件"}
MAX_AMOUNT = 1e12


@dataclass(frozen=True)
class Resource:
    id: int
    task_id: int | None
    milestone_id: int | None
    kind: str
    description: str
    quantity: float | None
    unit: str
    amount: float | None
    currency: str | None

    @property
    def measure(self) -> str:
        """How much, as people read it: "4 人·天", "2 件", "3,600.00 CNY"."""
        if self.kind == "budget":
            return f"{self.amount or 0:,.2f} {self.currency}"
        if self.quantity is None:
            return "—"
        return f"{self.quantity:g} {self.unit}".strip()


@dataclass(frozen=True)
class Totals:
    """Per kind, (unit or currency, total) pairs, plus the number of entries."""

    people: tuple[tuple[str, float], ...]
    material: tuple[tuple[str, float], ...]
    budget: tuple[tuple[str, float], ...]
    counts: dict[str, int]


@dataclass(frozen=True)
class PlanVersion:
    id: int
    number: int
    content: dict[str, Any]
    note: str
    approved_by: int
    approver_name: str
    approved_at: str
    content_hash: str


@dataclass(frozen=True)
class ApprovalState:
    latest: PlanVersion | None
    changed_since: bool  # the live plan differs from the latest approved version

    @property
    def label_zh(self) -> str:
        if self.latest is None:
            return "草稿，尚未批准"
        number = self.latest.number
        if self.changed_since:
            return f"第 {number} 版已批准；之后有修改，待批准为第 {number + 1} 版"
        return f"第 {self.latest.number} 版，已批准"


def _version_content(db: Database, version_id: int) -> dict[str, Any]:
    row = db.execute(
        "SELECT number, content, note FROM plan_versions WHERE id = ?", [version_id]
    ).fetchone()
    if row is None:
        raise LookupError(f"plan version {version_id}")
    return {"number": row[0], "plan": json.loads(row[1]), "note": row[2]}


signing.register_signable("plan_versions", _version_content)


def _number(field: str, value: Any, zh: str, en: str, *, positive: bool) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field, f"{zh}应为数字：{value!r}", en=f"{en} must be a number"
        ) from None
    if number != number or number > MAX_AMOUNT or (number <= 0 if positive else number < 0):
        raise ValidationError(
            field,
            f"{zh}应为{'大于 0' if positive else '不小于 0'}的数字：{value!r}",
            en=f"{en} must be {'above zero' if positive else 'zero or more'}",
        )
    return round(number, 2)


class PlanResourceService(AreaService[TrainingContext]):
    """Resources on tasks and milestones, totals, and versioned approval of the plan."""

    # -- resources -------------------------------------------------------------------------

    def resources(
        self, *, task_id: int | None = None, milestone_id: int | None = None
    ) -> builtins.list[Resource]:
        where = Where(("task_id", task_id), ("milestone_id", milestone_id))
        return [
            Resource(**r)
            for r in self._db.query(
                f"SELECT * FROM plan_resources {where}"
                " ORDER BY CASE kind WHEN 'people' THEN 1 WHEN 'material' THEN 2 ELSE 3 END, id",
                where.params,
            )
        ]

    def resource(self, resource_id: int) -> Resource:
        row = existing_row(self._db, "plan_resources", resource_id, ("资源", "resource"))
        return Resource(**row)

    def save_resource(
        self,
        actor: Person,
        *,
        kind: str,
        description: str,
        task_id: int | None = None,
        milestone_id: int | None = None,
        quantity: float | None = None,
        unit: str = "",
        amount: float | None = None,
        currency: str = "CNY",
        resource_id: int | None = None,
    ) -> Resource:
        """Add (no id) or change one resource of a task or of a milestone (exactly one)."""
        actor = require(actor, "plan.edit", self._desk.db)
        if kind not in RESOURCE_KINDS:
            raise ValidationError(
                "kind",
                f"资源类别应为 人力/物力/财力：{kind!r}",
                en=f"Unknown resource kind {kind!r}",
            )
        if (task_id is None) == (milestone_id is None):
            raise ValidationError(
                "task_id",
                "资源应属于一项任务或一个里程碑（只选其一）",
                en="A resource belongs to exactly one task or milestone",
            )
        if task_id is not None:
            self._desk.training.plan.task(task_id)
        if milestone_id is not None:
            self._desk.training.plan.milestone(milestone_id)
        text = optional_text("description", description, "资源说明", "Description", 500)
        if not text:
            raise ValidationError("description", "资源说明不能为空", en="Describe the resource")
        values: dict[str, Any] = {
            "task_id": task_id,
            "milestone_id": milestone_id,
            "kind": kind,
            "description": text,
            "quantity": None,
            "unit": "",
            "amount": None,
            "currency": None,
        }
        if kind == "budget":
            code = (currency or "").strip().upper()
            if len(code) != 3 or not code.isalpha():
                raise ValidationError(
                    "currency",
                    f"币种应为三个字母的代码（如 CNY）：{currency!r}",
                    en="Use a 3-letter currency code",
                )
            values["amount"] = _number("amount", amount, "金额", "Amount", positive=False)
            values["currency"] = code
        else:
            if quantity is not None:
                values["quantity"] = _number(
                    "quantity", quantity, "数量", "Quantity", positive=True
                )
            values["unit"] = optional_text("unit", unit, "单位", "Unit", 20) or (
                DEFAULT_UNITS[kind] if quantity is not None else ""
            )
        now = self._desk.now_iso()
        resource_id = save_row(
            self._db, "plan_resources", resource_id, values, by=actor, at=now, check=self.resource
        )
        return self.resource(resource_id)

    def remove_resource(self, actor: Person, resource_id: int) -> None:
        actor = require(actor, "plan.edit", self._desk.db)
        self.resource(resource_id)
        audit.delete(
            self._db, "plan_resources", resource_id, actor=actor.actor, at=self._desk.now_iso()
        )

    def totals(self) -> Totals:
        sums: dict[str, dict[str, float]] = {k: {} for k in RESOURCE_KINDS}
        counts = dict.fromkeys(RESOURCE_KINDS, 0)
        for r in self.resources():
            counts[r.kind] += 1
            if r.kind == "budget":
                key, value = r.currency or "", r.amount or 0.0
            elif r.quantity is not None:
                key, value = r.unit, r.quantity
            else:
                continue
            sums[r.kind][key] = round(sums[r.kind].get(key, 0.0) + value, 2)
        return Totals(
            people=tuple(sorted(sums["people"].items())),
            material=tuple(sorted(sums["material"].items())),
            budget=tuple(sorted(sums["budget"].items())),
            counts=counts,
        )

    # -- versions and approval -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """The plan's content as approved: what is planned, not how far it has got."""
        plan = self._desk.training.plan
        return {
            "milestones": [
                {"id": m.id, "title": m.title, "due_on": m.due_on, "description": m.description}
                for m in plan.milestones()
            ],
            "tasks": [
                {
                    "id": t.id,
                    "milestone_id": t.milestone_id,
                    "title": t.title,
                    "owner_id": t.owner_id,
                    "start_on": t.start_on,
                    "due_on": t.due_on,
                    "resources": t.resources,
                }
                for t in plan.tasks()
            ],
            "resources": [{k: v for k, v in r.__dict__.items()} for r in self.resources()],
            "risks": [
                {
                    "id": r.id,
                    "title": r.title,
                    "likelihood": r.likelihood,
                    "impact": r.impact,
                    "mitigation": r.mitigation,
                    "owner_id": r.owner_id,
                }
                for r in sorted(plan.risks(), key=lambda r: r.id)
            ],
        }

    def versions(self) -> builtins.list[PlanVersion]:
        rows = self._db.execute(
            "SELECT v.id, v.number, v.content, v.note, v.approved_by, p.name, v.approved_at"
            " FROM plan_versions v JOIN people p ON p.id = v.approved_by ORDER BY v.number"
        ).fetchall()
        out = []
        for r in rows:
            signatures = signing.signatures_for(self._db, "plan_versions", r[0])
            out.append(
                PlanVersion(
                    id=r[0],
                    number=r[1],
                    content=json.loads(r[2]),
                    note=r[3],
                    approved_by=r[4],
                    approver_name=r[5],
                    approved_at=r[6],
                    content_hash=signatures[0].content_hash if signatures else "",
                )
            )
        return out

    def state(self) -> ApprovalState:
        versions = self.versions()
        latest = versions[-1] if versions else None
        changed = latest is None or audit.canonical_json(latest.content) != audit.canonical_json(
            self.snapshot()
        )
        return ApprovalState(latest, changed)

    def approve(self, actor: Person, *, password: str, note: str = "") -> PlanVersion:
        """Sign the plan as it stands (批准) and freeze it as the next version."""
        actor = require(actor, "plan.approve", self._desk.db)
        state = self.state()
        content = self.snapshot()
        if not content["tasks"] and not content["milestones"]:
            raise Conflict("计划中还没有任务和里程碑，无需批准", en="The plan is empty")
        if state.latest is not None and not state.changed_since:
            raise Conflict(
                f"计划自第 {state.latest.number} 版批准后没有修改",
                en=f"The plan has not changed since version {state.latest.number}",
            )
        note = optional_text("note", note, "批准意见", "Note", 2000)
        # Checked outside the transaction so that a failed attempt is still counted.
        self._desk.people.check_password(actor, password)
        now = self._desk.now_iso()
        number = 1 if state.latest is None else state.latest.number + 1
        with self._db.atomic():
            version_id = self._insert(
                "plan_versions",
                {
                    "number": number,
                    "content": audit.canonical_json(content),
                    "note": note,
                    "approved_by": actor.id,
                    "approved_at": now,
                },
                by=actor,
                at=now,
                action="approve",
            )
            signing.sign(
                self._desk,
                signer=actor,
                password=password,
                entity="plan_versions",
                entity_id=version_id,
                meaning="approve",
            )
        return next(v for v in self.versions() if v.id == version_id)
