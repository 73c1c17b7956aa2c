"""Handover (交接班): checklist, open items carried over, dual sign-off, lock, amendments.

Flow: ``start`` (prefilled) → ``set_value`` … → ``submit`` (outgoing officer signs
交班确认) → ``accept`` (incoming officer signs 接班确认; the record locks and its figures
are stored) or ``reject`` (the submitted record is kept as rejected and a new draft with
the same values goes back to the outgoing officer). Locked records change only through
amendments, which are separate rows. Triggers enforce the same against raw SQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from dutydesk import limits
from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import (
    Conflict,
    DutyDeskError,
    Locked,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from dutydesk.handover.open_items import OpenItemsMixin, clean_text
from dutydesk.handover.records import (
    HISTORY_SELECT,
    NO_INCIDENT_LOG,
    STATUS_LABELS,
    Amendment,
    HandoverRecord,
    HandoverSummary,
    IncidentSummary,
    ItemValue,
    OpenItem,
    PersonRef,
    history_query,
    load_record,
    summaries,
)
from dutydesk.handover.templates import TemplateService, normalise_value
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person, register_permissions, require
from dutydesk.store import audit, signing

if TYPE_CHECKING:
    from dutydesk.desk import Desk

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
):
    audit.register_table(audit.AuditedTable(_table))

DEFAULT_PERIOD = timedelta(hours=12)
# None: the roster does not know that shift code (the caller must give the boundary).
ShiftWindowProvider = Callable[[str, str], "tuple[datetime, datetime] | None"]
IncidentSummaryProvider = Callable[[datetime, datetime], IncidentSummary]
ProcessVersionProvider = Callable[[datetime], "str | None"]


class ServedRecorder(Protocol):
    """Records that ``person_id`` really served the incoming shift ``shift_code``, which
    starts at the end of the handover's ``shift_date`` shift (so on that day or the next);
    ``at`` is the incoming signature. Called inside the signature's transaction."""

    def __call__(
        self, *, shift_date: str, shift_code: str, person_id: int, at: str, actor: Person
    ) -> None: ...


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


class HandoverService(OpenItemsMixin):
    """``desk.handover``: everything the 交接班 tab, the reports and the CLI need.

    Optional hooks, wired by whoever owns the other features (None: not used):
    ``shift_window_provider(shift_date, shift_code) -> (start, end)`` (roster),
    ``served_recorder(*, shift_date, shift_code, person_id, at, actor)`` (roster),
    ``incident_summary_provider(start, end) -> IncidentSummary`` (incidents),
    ``process_version_provider(at) -> str | None`` (process version in force).
    """

    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self.templates = TemplateService(desk)
        self.shift_window_provider: ShiftWindowProvider | None = None
        self.served_recorder: ServedRecorder | None = None
        self.incident_summary_provider: IncidentSummaryProvider | None = None
        self.process_version_provider: ProcessVersionProvider | None = None

    # ----------------------------------------------------------------- reading

    def get(self, handover_id: int) -> HandoverRecord:
        found = load_record(self._db, handover_id)
        if found is None:
            raise NotFound(f"交接班记录不存在：{handover_id}", en=f"No handover {handover_id}")
        return found

    def history(
        self,
        *,
        status: str | None = None,
        person_id: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        shift_code: str | None = None,
        flagged_only: bool = False,
        limit: int = 200,
        offset: int = 0,
    ) -> list[HandoverSummary]:
        """Newest first; page with ``limit``/``offset``."""
        where, params = history_query(
            status=status,
            person_id=person_id,
            date_from=date_from,
            date_to=date_to,
            shift_code=shift_code,
            flagged_only=flagged_only,
        )
        rows = self._db.query(
            f"{HISTORY_SELECT} {where} ORDER BY h.shift_boundary_at DESC, h.id DESC"
            " LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return summaries(self._db, rows)

    def count(self, **filters: Any) -> int:
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
    ) -> HandoverRecord:
        """Open the handover of one shift, prefilled with its incidents and open items."""
        actor = require(actor, "handover.fill", self._db)
        shift_date = _clean_date(shift_date)
        out_code = (outgoing_shift_code or "").strip()
        in_code = (incoming_shift_code or "").strip()
        if not out_code or not in_code:
            raise ValidationError(
                "outgoing_shift_code", "交班和接班的班次都必须填写", en="Both shifts are required"
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
            try:
                window = self.shift_window_provider(shift_date, out_code)
            except DutyDeskError:
                if shift_boundary_at is None:
                    raise
                # The roster does not know this shift; the boundary given is enough.
                window = None
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
                f"{shift_date} 班次 {out_code} 的交接班已存在",
                en=f"The handover of {shift_date} shift {out_code} already exists",
            )
        template = self.templates.for_shift(out_code)
        summary = self._incident_summary(parse_iso(period_start), parse_iso(boundary))
        if process_version is None and self.process_version_provider is not None:
            process_version = self.process_version_provider(parse_iso(boundary))
        now = self._desk.now_iso()
        with self._db.atomic():
            handover_id = audit.insert(
                self._db,
                "handovers",
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
                actor=actor.actor,
                at=now,
                action="handover_start",
            )
            for item in template.items:
                audit.insert(
                    self._db,
                    "handover_values",
                    {"handover_id": handover_id, "item_id": item.id},
                    actor=actor.actor,
                    at=now,
                    action="handover_prefill",
                )
            self._sync_open_items(handover_id, actor)
        return self.get(handover_id)

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
                audit.update(
                    self._db,
                    "handover_values",
                    row_id,
                    {**change, "updated_at": now, "updated_by": actor.id},
                    actor=actor.actor,
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
        audit.update(
            self._db,
            "handovers",
            handover_id,
            {"remarks": (remarks or "").strip()[:4000]},
            actor=actor.actor,
            at=self._desk.now_iso(),
            action="handover_fill",
        )
        return self.get(handover_id)

    # ----------------------------------------------------------------- sign-off

    def _check_signer(
        self, signer: Person, officer: PersonRef, on_behalf_of: Person | None, side: str
    ) -> None:
        signer = require(signer, "handover.sign", self._db)
        if on_behalf_of is None:
            if signer.id != officer.id:
                raise PermissionDenied(
                    f"只有{side}{officer.name}本人可以签名（或由值班长代签）",
                    en=f"Only {officer.name} may sign here (or a shift leader on their behalf)",
                )
            return
        if on_behalf_of.id != officer.id:
            raise PermissionDenied(
                f"代签对象必须是{side}{officer.name}",
                en=f"A signature on behalf must be for {officer.name}",
            )
        if not signer.has_role(LEADER) or signer.id == officer.id:
            raise PermissionDenied(
                "只有值班长可以代签", en="Only a shift leader may sign on someone's behalf"
            )

    def submit(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The outgoing officer signs 交班确认; refused while mandatory items are empty."""
        record = self.get(handover_id)
        self._check_signer(signer, record.outgoing, on_behalf_of, "交班人")
        if record.status != "draft":
            raise Locked(
                f"交接班记录 {handover_id} 已{record.status_label}",
                en=f"Handover {handover_id} is no longer a draft",
            )
        missing = record.missing
        if missing:
            names = "、".join(f"「{i.section}／{i.label}」" for i in missing)
            raise ValidationError(
                "items",
                f"还有 {len(missing)} 个必填项未填写：{names}",
                en=f"{len(missing)} mandatory items are empty: "
                + ", ".join(f"{i.section} / {i.label}" for i in missing),
            )
        # Checked first outside the transaction so that a wrong password is still counted.
        self._desk.people.check_password(signer, password)
        now = self._desk.now_iso()
        with self._db.atomic():
            self._sync_open_items(handover_id, signer)
            audit.update(
                self._db,
                "handovers",
                handover_id,
                {"status": "submitted", "submitted_at": now},
                actor=signer.actor,
                at=now,
                action="handover_submit",
            )
            signing.sign(
                self._desk,
                signer=signer,
                password=password,
                entity="handover",
                entity_id=handover_id,
                meaning="handover_out",
                on_behalf_of=on_behalf_of,
            )
        return self.get(handover_id)

    def accept(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The incoming officer signs 接班确认: the record locks and its figures are stored."""
        record = self._submitted(handover_id)
        self._check_signer(signer, record.incoming, on_behalf_of, "接班人")
        self._desk.people.check_password(signer, password)
        with self._db.atomic():
            signature = signing.sign(
                self._desk,
                signer=signer,
                password=password,
                entity="handover",
                entity_id=handover_id,
                meaning="handover_in",
                on_behalf_of=on_behalf_of,
            )
            figures = self._figures(record, signature.signed_at)
            audit.update(
                self._db,
                "handovers",
                handover_id,
                {"status": "locked", "locked_at": signature.signed_at, **figures},
                actor=signer.actor,
                at=signature.signed_at,
                action="handover_lock",
            )
            if self.served_recorder is not None:
                self.served_recorder(
                    shift_date=record.shift_date,
                    shift_code=record.incoming_shift_code,
                    person_id=record.incoming.id,
                    at=signature.signed_at,
                    actor=signer,
                )
        return self.get(handover_id)

    def _submitted(self, handover_id: int) -> HandoverRecord:
        record = self.get(handover_id)
        if record.status != "submitted":
            raise Conflict(
                f"交接班记录 {handover_id} 当前为“{record.status_label}”，不能接班确认或退回",
                en=f"Handover {handover_id} is not awaiting take-over",
            )
        return record

    def _figures(self, record: HandoverRecord, signed_at: str) -> dict[str, Any]:
        tolerance = self._desk.settings.get_int("handover_tolerance_minutes")
        signed = parse_iso(signed_at)
        limit = parse_iso(record.shift_boundary_at) + timedelta(minutes=tolerance)
        mandatory = [v for v in record.items if v.item.mandatory]
        mandatory_filled = sum(v.filled for v in mandatory)
        signatures = len({s.meaning for s in record.signatures} | {"handover_in"})
        return {
            "duration_seconds": max(
                0, int((signed - parse_iso(record.started_at)).total_seconds())
            ),
            "on_time": int(signed <= limit),
            "tolerance_minutes": tolerance,
            "mandatory_total": len(mandatory),
            "mandatory_filled": mandatory_filled,
            "items_total": len(record.items),
            "items_filled": sum(v.filled for v in record.items),
            "flagged_count": len(record.flagged),
            "signatures_present": signatures,
            "completeness": round((mandatory_filled + signatures) / (len(mandatory) + 2), 4),
        }

    def reject(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        reason: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The incoming officer refuses to take over, with a reason.

        The submitted record stays as it was signed (status 已退回) and a new draft with
        the same values goes back to the outgoing officer; returns that new draft.
        """
        why = clean_text("reason", reason, "退回原因", "Reason")
        record = self._submitted(handover_id)
        self._check_signer(signer, record.incoming, on_behalf_of, "接班人")
        self._desk.people.check_password(signer, password)
        now = self._desk.now_iso()
        with self._db.atomic():
            audit.update(
                self._db,
                "handovers",
                handover_id,
                {
                    "status": "rejected",
                    "rejected_at": now,
                    "rejected_by": signer.id,
                    "reject_reason": why,
                },
                actor=signer.actor,
                at=now,
                action="handover_reject",
            )
            row = audit.fetch_row(self._db, "handovers", handover_id)
            assert row is not None
            copy = {
                k: row[k]
                for k in (
                    "shift_date",
                    "outgoing_shift_code",
                    "incoming_shift_code",
                    "shift_boundary_at",
                    "period_start_at",
                    "outgoing_person_id",
                    "incoming_person_id",
                    "template_id",
                    "started_at",
                    "started_by",
                    "incident_summary_json",
                    "process_version",
                    "remarks",
                )
            }
            new_id = audit.insert(
                self._db,
                "handovers",
                {**copy, "resubmission_of": handover_id},
                actor=signer.actor,
                at=now,
                action="handover_return",
            )
            for value in record.items:
                audit.insert(
                    self._db,
                    "handover_values",
                    {
                        "handover_id": new_id,
                        "item_id": value.item.id,
                        "value": value.value,
                        "flagged": int(value.flagged),
                        "note": value.note,
                        "updated_at": value.updated_at,
                    },
                    actor=signer.actor,
                    at=now,
                    action="handover_return",
                )
            self._sync_open_items(new_id, signer)
        return self.get(new_id)

    # --------------------------------------------------------------- amendments

    def amend(
        self,
        actor: Person,
        handover_id: int,
        *,
        subject: str,
        correction: str,
        reason: str,
    ) -> Amendment:
        """A correction to a locked record: who, when, why and what; the record stays."""
        actor = require(actor, "handover.amend", self._db)
        record = self.get(handover_id)
        if record.status != "locked":
            raise Conflict(
                "只有已锁定的交接班记录才能更正；未锁定的记录请直接修改",
                en="Only locked handovers take amendments; edit a draft directly",
            )
        if actor.id not in (record.outgoing.id, record.incoming.id) and not (
            actor.has_role(LEADER) or actor.has_role(ADMIN)
        ):
            raise PermissionDenied(
                "只有本次交接班的两名值班员、值班长或管理员可以更正",
                en="Only the two officers of this handover, a leader or an admin may amend it",
            )
        now = self._desk.now_iso()
        values: dict[str, Any] = {
            "handover_id": handover_id,
            "author_id": actor.id,
            "created_at": now,
            "subject": clean_text("subject", subject, "更正对象", "Subject", 200),
            "correction": clean_text("correction", correction, "更正内容", "Correction"),
            "reason": clean_text("reason", reason, "更正原因", "Reason"),
        }
        amendment_id = audit.insert(
            self._db,
            "handover_amendments",
            values,
            actor=actor.actor,
            at=now,
            action="amend",
        )
        return next(a for a in self.get(handover_id).amendments if a.id == amendment_id)

    # ----------------------------------------------------------------- helpers

    def severity_names(self) -> dict[str, str]:
        """Incident severity code -> name ("II" -> "重大") for showing a frozen summary."""
        incidents = getattr(self._desk, "incidents", None)
        if incidents is None:
            return {}
        return {s.code: s.name for s in incidents.reference.severities()}

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
        return json.loads(audit.canonical_json(signing.SIGNABLE["handover"](self._db, handover_id)))


__all__ = [
    "Amendment",
    "HandoverRecord",
    "HandoverService",
    "HandoverSummary",
    "IncidentSummary",
    "ItemValue",
    "OpenItem",
    "PersonRef",
    "ServedRecorder",
]
