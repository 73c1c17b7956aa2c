"""Handover (交接班): checklist, open items carried over, dual sign-off, lock, amendments.

Flow: ``start`` (prefilled) → ``set_value`` … → ``submit`` (outgoing officer signs
交班确认) → ``accept`` (incoming officer signs 接班确认; the record locks and its figures
are stored) or ``reject`` (the submitted record is kept as rejected and a new draft with
the same values goes back to the outgoing officer). Locked records change only through
amendments, which are separate rows. Triggers enforce the same against raw SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Unpack

from dutydesk import limits
from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import (
    Conflict,
    Locked,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from dutydesk.handover import proposal as proposal_module
from dutydesk.handover.proposal import HandoverProposal, crew_for
from dutydesk.handover.records import (
    HISTORY_SELECT,
    NO_INCIDENT_LOG,
    STATUS_LABELS,
    Amendment,
    CrewMember,
    HandoverRecord,
    HandoverSummary,
    HistoryFilters,
    IncidentSummary,
    ItemValue,
    OpenItem,
    PersonRef,
    history_query,
    load_record,
    summaries,
)
from dutydesk.handover.signoff import ServedRecorder, SignOffMixin
from dutydesk.handover.templates import TemplateService, normalise_value
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person, register_permissions, require
from dutydesk.store import audit, signing

if TYPE_CHECKING:
    from dutydesk.handover.context import HandoverContext

register_permissions(
    {
        "handover.fill": frozenset({OFFICER, LEADER}),
        "handover.sign": frozenset({OFFICER, LEADER}),
        "handover.open_items": frozenset({OFFICER, LEADER}),
        "handover.amend": frozenset({OFFICER, LEADER, ADMIN}),
    }
)
for _table in (
    "handovers",
    "handover_values",
    "open_items",
    "handover_open_items",
    "handover_amendments",
    "handover_crew",
):
    audit.register_table(audit.AuditedTable(_table))

DEFAULT_PERIOD = timedelta(hours=12)
# None: the roster does not know that shift code (the caller must give the boundary).
ShiftWindowProvider = Callable[[str, str], "tuple[datetime, datetime] | None"]
IncidentSummaryProvider = Callable[[datetime, datetime], IncidentSummary]
ProcessVersionProvider = Callable[[datetime], "str | None"]


def _clean_date(value: str) -> str:
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except (ValueError, AttributeError, TypeError):
        raise ValidationError(
            "shift_date",
            f"日期格式应为 YYYY-MM-DD：{value}",
            en=f"Date must be YYYY-MM-DD: {value}",
        ) from None
    return limits.check_day(day, "shift_date").isoformat()


def _clean_time(field: str, value: datetime | str) -> str:
    try:
        moment = parse_iso(value) if isinstance(value, str) else value
        limits.check_day(moment, field)
        return to_iso(moment)
    except ValidationError:
        raise
    except (ValueError, TypeError, AttributeError, OverflowError):
        raise ValidationError(
            field,
            f"时间必须带时区，例如 2026-11-25T08:00:00+08:00：{value}",
            en=f"Time needs an offset, e.g. 2026-11-25T08:00:00+08:00: {value}",
        ) from None


class HandoverService(SignOffMixin):
    """``desk.handover``: everything the 交接班 tab, the reports and the CLI need.

    Optional hooks, wired by whoever owns the other features (None: not used):
    ``shift_window_provider(shift_date, shift_code) -> (start, end)`` (roster),
    ``served_recorder(*, shift_date, shift_code, person_id, at, actor)`` (roster),
    ``incident_summary_provider(start, end) -> IncidentSummary`` (incidents),
    ``process_version_provider(at) -> str | None`` (process version in force).
    """

    _desk: HandoverContext

    def __init__(self, desk: HandoverContext) -> None:
        self._desk = desk
        self.templates = TemplateService(desk)
        self.shift_window_provider: ShiftWindowProvider | None = None
        self.served_recorder: ServedRecorder | None = None
        self.incident_summary_provider: IncidentSummaryProvider | None = None
        self.process_version_provider: ProcessVersionProvider | None = None
        self.severity_names_provider: Callable[[], dict[str, str]] | None = None

    # ----------------------------------------------------------------- reading

    def get(self, handover_id: int) -> HandoverRecord:
        found = load_record(self._db, handover_id)
        if found is None:
            raise NotFound(f"交接班记录不存在：{handover_id}", en=f"No handover {handover_id}")
        return found

    def history(
        self, *, limit: int = 200, offset: int = 0, **filters: Unpack[HistoryFilters]
    ) -> list[HandoverSummary]:
        """Newest first; page with ``limit``/``offset``."""
        where, params = history_query(**filters)
        rows = self._db.query(
            f"{HISTORY_SELECT} {where} ORDER BY h.shift_boundary_at DESC, h.id DESC"
            " LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return summaries(self._db, rows)

    def count(self, **filters: Unpack[HistoryFilters]) -> int:
        where, params = history_query(**filters)
        return int(
            self._db.execute(f"SELECT count(*) FROM handovers h {where}", params).fetchone()[0]
        )

    def current_for(self, person: Person) -> HandoverRecord | None:
        """The handover waiting for ``person``: a draft to fill or a submission to take over."""
        found = self._db.execute(
            "SELECT id FROM handovers WHERE (status = 'draft' AND outgoing_person_id = ?)"
            " OR (status = 'submitted' AND incoming_person_id = ?)"
            " ORDER BY shift_boundary_at DESC, id DESC LIMIT 1",
            [person.id, person.id],
        ).fetchone()
        return self.get(found[0]) if found else None

    def pending(self) -> list[HandoverSummary]:
        """Drafts and submissions not yet taken over, oldest first."""
        rows = self._db.query(
            f"{HISTORY_SELECT} WHERE h.status IN ('draft', 'submitted')"
            " ORDER BY h.shift_boundary_at, h.id"
        )
        return summaries(self._db, rows)

    def missing_mandatory(self, handover_id: int) -> list[str]:
        return [item.label for item in self.get(handover_id).missing]

    # ------------------------------------------------------------------ start

    def propose(self, at: datetime | None = None) -> HandoverProposal:
        """The handover due at ``at`` (default now): ending and next shift from the roster,
        their people, the handover time and the ending shift type's template."""
        return proposal_module.propose(self._desk, at)

    def start_proposed(
        self,
        actor: Person,
        proposal: HandoverProposal,
        *,
        incoming_person_id: int | None = None,
        outgoing_person_id: int | None = None,
        stand_ins: Mapping[int, int] | None = None,
        remarks: str = "",
    ) -> HandoverRecord:
        """Start the proposed handover. ``incoming_person_id``: who signs 接班确认 (default
        the rostered one; anyone else stands in for them); ``stand_ins``: assignment id of
        the next shift → the person who takes that slot over instead."""
        if proposal.ending is None or proposal.next is None:
            raise ValidationError(
                "outgoing_shift_code",
                "排班中没有可交接的班次，请先在排班中定义班次类型",
                en="The roster has no shift to hand over; define shift types first",
            )
        incoming = incoming_person_id or proposal.incoming_person_id
        if incoming is None:
            raise ValidationError(
                "incoming_person_id", "请选择接班人", en="Choose the incoming officer"
            )
        return self.start(
            actor,
            shift_date=proposal.ending.day.isoformat(),
            outgoing_shift_code=proposal.ending.code,
            incoming_shift_code=proposal.next.code,
            incoming_person_id=incoming,
            outgoing_person_id=outgoing_person_id,
            shift_boundary_at=proposal.ending.end_at,
            period_start_at=proposal.ending.start_at,
            remarks=remarks,
            incoming_crew=crew_for(proposal, incoming_person_id=incoming, stand_ins=stand_ins),
        )

    def start(
        self,
        actor: Person,
        *,
        shift_date: str,
        outgoing_shift_code: str,
        incoming_shift_code: str,
        incoming_person_id: int,
        outgoing_person_id: int | None = None,
        shift_boundary_at: datetime | str | None = None,
        period_start_at: datetime | str | None = None,
        process_version: str | None = None,
        remarks: str = "",
        incoming_crew: Sequence[CrewMember] | None = None,
    ) -> HandoverRecord:
        """Open the handover of one shift, prefilled with its incidents and open items.

        Both shifts are roster shift types (their codes); any other code is refused. The
        boundary defaults to the end of the outgoing shift. ``incoming_crew`` is who takes
        over each role of the incoming shift (stand-ins included); by default the roster's
        people for that shift, with the incoming officer standing in for a planned person
        of the same role when they are not planned themselves.
        """
        actor = require(actor, "handover.fill", self._db)
        shift_date = _clean_date(shift_date)
        out_code = (outgoing_shift_code or "").strip()
        in_code = (incoming_shift_code or "").strip()
        shift_types = self._desk.roster.shift_types()
        for field, code, side in (
            ("outgoing_shift_code", out_code, "交班"),
            ("incoming_shift_code", in_code, "接班"),
        ):
            if code not in shift_types:
                known = "、".join(f"{t.name}（{c}）" for c, t in shift_types.items())
                raise ValidationError(
                    field,
                    f"{side}班次必须是排班中的班次类型（{known or '尚未定义班次类型'}），"
                    f"而不是“{code}”",
                    en=f"The {'outgoing' if side == '交班' else 'incoming'} shift must be a"
                    f" shift type of the roster ({', '.join(shift_types) or 'none defined'}),"
                    f" not “{code}”",
                )
        outgoing = self._desk.people.get(outgoing_person_id or actor.id)
        incoming = self._desk.people.get(incoming_person_id)
        if actor.id != outgoing.id and not actor.has_role(LEADER):
            raise PermissionDenied(
                "只有交班人本人或值班长可以发起交接班",
                en="Only the outgoing officer or a shift leader may start the handover",
            )
        if outgoing.id == incoming.id:
            raise ValidationError(
                "incoming_person_id",
                "交班人和接班人不能是同一人",
                en="Outgoing and incoming differ",
            )
        for who, role_zh in ((outgoing, "交班人"), (incoming, "接班人")):
            if not who.active:
                raise ValidationError(
                    "incoming_person_id" if who is incoming else "outgoing_person_id",
                    f"{role_zh}{who.name}已停用",
                    en=f"{who.name} is deactivated",
                )
        window = None
        if self.shift_window_provider is not None and (
            shift_boundary_at is None or period_start_at is None
        ):
            window = self.shift_window_provider(shift_date, out_code)
        if shift_boundary_at is None:
            if window is None:
                raise ValidationError(
                    "shift_boundary_at",
                    "请给出交接班时间点（交班班次的结束时间）",
                    en="Give the shift boundary (the end of the outgoing shift)",
                )
            shift_boundary_at = window[1]
        boundary = _clean_time("shift_boundary_at", shift_boundary_at)
        if period_start_at is None:
            period_start_at = window[0] if window else self._previous_boundary(boundary)
        period_start = _clean_time("period_start_at", period_start_at)
        if period_start > boundary:
            raise ValidationError(
                "period_start_at",
                "交班班次的开始时间晚于交接班时间点",
                en="The outgoing shift starts after the boundary",
            )
        if self._live_for(shift_date, out_code) is not None:
            raise Conflict(
                f"{shift_date} {shift_types[out_code].name}的交接班已存在",
                en=f"The handover of {shift_date} shift {out_code} already exists",
            )
        self._refuse_second_live(boundary)
        crew = self._crew(
            incoming_crew, boundary=boundary, in_code=in_code, incoming_id=incoming.id
        )
        template = self.templates.for_shift_type(shift_types[out_code].id)
        summary = self._incident_summary(parse_iso(period_start), parse_iso(boundary))
        if process_version is None and self.process_version_provider is not None:
            process_version = self.process_version_provider(parse_iso(boundary))
        now = self._desk.now_iso()
        try:
            with self._db.atomic():
                handover_id = self._write_handover(
                    {
                        "shift_date": shift_date,
                        "outgoing_shift_code": out_code,
                        "incoming_shift_code": in_code,
                        "shift_boundary_at": boundary,
                        "period_start_at": period_start,
                        "outgoing_person_id": outgoing.id,
                        "incoming_person_id": incoming.id,
                        "template_id": template.id,
                        "started_at": now,
                        "started_by": actor.id,
                        "incident_summary_json": audit.canonical_json(summary.to_json()),
                        "process_version": process_version,
                        "remarks": (remarks or "").strip(),
                    },
                    [{"item_id": item.id} for item in template.items],
                    crew,
                    actor,
                    now,
                    action="handover_start",
                    item_action="handover_prefill",
                )
        except sqlite3.IntegrityError as error:
            if "shift_boundary_at" in str(error) or "one_live" in str(error):
                self._refuse_second_live(boundary)
            raise
        return self.get(handover_id)

    def _refuse_second_live(self, boundary: str) -> None:
        """Conflict when a live (not rejected) handover exists for this handover time."""
        found = self._db.execute(
            "SELECT id FROM handovers WHERE shift_boundary_at = ? AND status <> 'rejected'",
            [boundary],
        ).fetchone()
        if found is None:
            return
        other = self.get(found[0])
        local = parse_iso(boundary).astimezone(self._desk.roster.timezone())
        when = local.strftime("%Y-%m-%d %H:%M")
        raise Conflict(
            f"{when} 的交接班已有记录 #{other.id}（{other.outgoing.name} → {other.incoming.name}，"
            f"{other.status_label}），同一交接时间只能有一份交接班记录",
            en=f"Handover #{other.id} ({other.outgoing.name} → {other.incoming.name},"
            f" {STATUS_LABELS[other.status][1].lower()}) already exists for {when};"
            " one handover per handover time",
        )

    def _crew(
        self,
        given: Sequence[CrewMember] | None,
        *,
        boundary: str,
        in_code: str,
        incoming_id: int,
    ) -> list[CrewMember]:
        """The incoming crew to store: as given (checked), else from the roster."""
        if given is None:
            day = parse_iso(boundary).astimezone(self._desk.roster.timezone()).date()
            planned = [
                a
                for a in self._desk.roster.shift_crew(day, in_code)
                if to_iso(a.starts_at) == boundary
            ]
            crew = [CrewMember(a.role, a.slot, a.person_id, a.id, a.person_id) for a in planned]
            if crew and all(c.person_id != incoming_id for c in crew):
                incoming = self._desk.people.get(incoming_id)
                wanted = "leader" if incoming.has_role(LEADER) else "officer"
                index = next(
                    (i for i, c in enumerate(crew) if c.duty_role == wanted),
                    next((i for i, c in enumerate(crew) if c.duty_role == "officer"), 0),
                )
                crew[index] = replace(crew[index], person_id=incoming_id)
            return crew
        crew = list(given)
        seen_people: set[int] = set()
        seen_slots: set[tuple[str, int]] = set()
        for member in crew:
            person = self._desk.people.get(member.person_id)
            if not person.active:
                raise ValidationError(
                    "incoming_crew", f"{person.name}已停用", en=f"{person.name} is deactivated"
                )
            if member.duty_role not in ("leader", "officer", "standby"):
                raise ValidationError(
                    "incoming_crew",
                    f"未知值班岗位：{member.duty_role}",
                    en=f"Unknown duty role {member.duty_role}",
                )
            if member.person_id in seen_people:
                raise ValidationError(
                    "incoming_crew",
                    f"{person.name}在接班人员中出现了两次",
                    en=f"{person.name} appears twice in the incoming crew",
                )
            if (member.duty_role, member.slot) in seen_slots:
                raise ValidationError(
                    "incoming_crew", "同一岗位重复", en="A role and slot appears twice"
                )
            seen_people.add(member.person_id)
            seen_slots.add((member.duty_role, member.slot))
        if crew and incoming_id not in seen_people:
            raise ValidationError(
                "incoming_person_id",
                "接班人必须是接班人员之一",
                en="The incoming officer must be one of the incoming crew",
            )
        return crew

    def _previous_boundary(self, boundary: str) -> str:
        found = self._db.execute(
            "SELECT max(shift_boundary_at) FROM handovers WHERE status <> 'rejected'"
            " AND shift_boundary_at < ?",
            [boundary],
        ).fetchone()[0]
        fallback = to_iso(parse_iso(boundary) - DEFAULT_PERIOD)
        return max(found, fallback) if found else fallback

    def _live_for(self, shift_date: str, shift_code: str) -> int | None:
        found = self._db.execute(
            "SELECT id FROM handovers WHERE shift_date = ? AND outgoing_shift_code = ?"
            " AND status <> 'rejected'",
            [shift_date, shift_code],
        ).fetchone()
        return found[0] if found else None

    def _incident_summary(self, start: datetime, end: datetime) -> IncidentSummary:
        if self.incident_summary_provider is None:
            return NO_INCIDENT_LOG
        return self.incident_summary_provider(start, end)

    # ------------------------------------------------------------------ filling

    def _draft_for(self, actor: Person, handover_id: int) -> HandoverRecord:
        actor = require(actor, "handover.fill", self._db)
        record = self.get(handover_id)
        if record.status != "draft":
            raise Locked(
                f"交接班记录 {handover_id} 已{record.status_label}，不能再修改",
                en=f"Handover {handover_id} is {STATUS_LABELS[record.status][1].lower()};"
                " it can no longer be changed",
            )
        if actor.id not in (record.outgoing.id, record.incoming.id) and not actor.has_role(LEADER):
            raise PermissionDenied(
                "只有本次交接班的交班人、接班人或值班长可以填写",
                en="Only the two officers of this handover or a shift leader may fill it in",
            )
        return record

    def set_values(
        self,
        actor: Person,
        handover_id: int,
        values: Mapping[int, Any],
        *,
        notes: Mapping[int, str] | None = None,
    ) -> HandoverRecord:
        """Fill several items at once; all are checked before any is saved."""
        record = self._draft_for(actor, handover_id)
        by_id = {v.item.id: v for v in record.items}
        changes: list[tuple[ItemValue, dict[str, Any]]] = []
        for item_id in dict.fromkeys([*values, *(notes or {})]):
            current = by_id.get(item_id)
            if current is None:
                raise ValidationError(
                    f"item:{item_id}",
                    f"检查项 {item_id} 不属于这份交接班记录",
                    en=f"Item {item_id} is not on this handover's checklist",
                )
            change: dict[str, Any] = {}
            if item_id in values:
                value, flagged = normalise_value(current.item, values[item_id])
                change.update(value=value, flagged=int(flagged))
            if notes and item_id in notes:
                change["note"] = (notes[item_id] or "").strip()[:500]
            if any(change[k] != getattr(current, k) for k in change):
                changes.append((current, change))
        now = self._desk.now_iso()
        with self._db.atomic():
            for current, change in changes:
                row_id = self._db.execute(
                    "SELECT id FROM handover_values WHERE handover_id = ? AND item_id = ?",
                    [handover_id, current.item.id],
                ).fetchone()[0]
                self._update(
                    "handover_values",
                    row_id,
                    {**change, "updated_at": now, "updated_by": actor.id},
                    by=actor,
                    at=now,
                    action="handover_fill",
                )
        return self.get(handover_id)

    def set_value(
        self, actor: Person, handover_id: int, item_id: int, value: Any, *, note: str | None = None
    ) -> ItemValue:
        record = self.set_values(
            actor,
            handover_id,
            {item_id: value},
            notes=None if note is None else {item_id: note},
        )
        return next(v for v in record.items if v.item.id == item_id)

    def set_remarks(self, actor: Person, handover_id: int, remarks: str) -> HandoverRecord:
        self._draft_for(actor, handover_id)
        self._update(
            "handovers",
            handover_id,
            {"remarks": (remarks or "").strip()[:4000]},
            by=actor,
            at=self._desk.now_iso(),
            action="handover_fill",
        )
        return self.get(handover_id)

    # ----------------------------------------------------------------- helpers

    def severity_names(self) -> dict[str, str]:
        """Incident severity code -> name ("II" -> "重大") for showing a frozen summary."""
        if self.severity_names_provider is None:
            return {}
        return self.severity_names_provider()

    def candidates(self) -> list[Person]:
        """People who can take part in a handover (active officers and leaders)."""
        return [
            p
            for p in self._desk.people.list(active_only=True)
            if p.has_role(OFFICER) or p.has_role(LEADER)
        ]

    def content_hash(self, handover_id: int) -> str:
        return signing.content_hash(self._db, "handover", handover_id)

    def content(self, handover_id: int) -> dict[str, Any]:
        built = signing.SIGNABLE["handover"](self._db, handover_id)
        content: dict[str, Any] = json.loads(audit.canonical_json(built))
        return content


__all__ = [
    "Amendment",
    "CrewMember",
    "HandoverRecord",
    "HandoverService",
    "HandoverSummary",
    "IncidentSummary",
    "ItemValue",
    "OpenItem",
    "PersonRef",
    "ServedRecorder",
]
