"""What a shift report (值班报告) shows, gathered from roster, handover and incidents.

A shift is a roster day and shift type (its code). Its handover is the one whose outgoing
shift it is, at the shift's end (see ``handover_of_shift``). Incidents are those reported
between the shift's start and end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutydesk.clock import to_iso
from dutydesk.errors import NotFound
from dutydesk.handover.records import HandoverRecord
from dutydesk.incidents.records import STATUS_LABELS
from dutydesk.roster.service import Assignment
from dutydesk.store import signing

if TYPE_CHECKING:
    from dutydesk.handover.context import ShiftReportContext


@dataclass(frozen=True)
class PersonOnDuty:
    """One person of the shift: planned in the roster and/or actually served."""

    name: str
    role: str  # printed label, e.g. 值班长
    planned: bool = True
    served: bool = True
    note: str = ""  # e.g. 替班（原：王伟）, 缺岗


@dataclass(frozen=True)
class IncidentLine:
    reference: str
    title: str
    severity: str
    status: str
    reported_at: str
    closed_at: str | None = None
    handled_by: str = ""


@dataclass(frozen=True)
class ChecklistResult:
    item: str
    ok: bool | None  # None: not checked
    note: str = ""


@dataclass(frozen=True)
class OpenItemLine:
    text: str
    owner: str = ""
    due: str = ""
    status: str = "未闭环"


@dataclass(frozen=True)
class SignatureLine:
    meaning: str  # printed label, e.g. 交班确认
    name: str
    signed_at: str


@dataclass(frozen=True)
class ShiftReportData:
    """Everything one shift report prints; ``record_hash`` is the signed handover's hash."""

    site_name: str
    timezone: str
    generated_at: str
    shift_date: str
    shift_code: str
    shift_name: str
    start_at: str
    end_at: str
    people: tuple[PersonOnDuty, ...] = ()
    incidents: tuple[IncidentLine, ...] = ()
    checklist: tuple[ChecklistResult, ...] = ()
    open_items: tuple[OpenItemLine, ...] = ()
    remarks: str = ""
    signatures: tuple[SignatureLine, ...] = ()
    record_hash: str | None = None
    process_version: int | None = None
    # Non-empty when the handover no longer matches its signatures (printed first, in red).
    signature_warnings: tuple[str, ...] = ()

    @property
    def document_id(self) -> str:
        return f"SR-{self.shift_date}-{self.shift_code}"


@dataclass(frozen=True)
class DayReportData:
    site_name: str
    timezone: str
    generated_at: str
    day: str
    shifts: tuple[ShiftReportData, ...]


def shift_report_data(
    desk: ShiftReportContext, day: date | str, shift_code: str
) -> ShiftReportData:
    """Collect one shift's report; NotFound when the roster has no such shift type."""
    day_text = day if isinstance(day, str) else day.isoformat()
    roster = desk.roster
    shift_types = roster.shift_types()
    if shift_code not in shift_types:
        raise NotFound(f"没有班次 {shift_code}", en=f"No shift type {shift_code}")
    start, end = roster.shift_window(day_text, shift_code)
    timezone = desk.settings.get("site_timezone")
    planned = [a for a in roster.assignments(day_text, day_text) if a.shift_code == shift_code]
    handover = handover_of_shift(desk, day_text, shift_code)
    return ShiftReportData(
        site_name=desk.settings.get("site_name"),
        timezone=timezone,
        generated_at=desk.now_iso(),
        shift_date=day_text,
        shift_code=shift_code,
        shift_name=shift_types[shift_code].name,
        start_at=to_iso(start),
        end_at=to_iso(end),
        people=tuple(_person_lines(desk, planned)),
        incidents=tuple(_incident_lines(desk, to_iso(start), to_iso(end))),
        checklist=tuple(_checklist(handover)) if handover else (),
        open_items=tuple(_open_items(handover)) if handover else (),
        remarks=handover.remarks if handover else "",
        signatures=tuple(
            SignatureLine(s.meaning_zh, s.person.name, s.signed_at)
            for s in (handover.signatures if handover else ())
        ),
        record_hash=desk.handover.content_hash(handover.id)
        if handover and handover.is_locked
        else None,
        process_version=_version_number(handover.process_version if handover else None),
        signature_warnings=signing.mismatch_warnings(
            desk.db, "handover", handover.id, f"交接班记录 {day_text} {shift_code}"
        )
        if handover
        else (),
    )


def day_report_data(desk: ShiftReportContext, day: date | str) -> DayReportData:
    day_text = day if isinstance(day, str) else day.isoformat()
    codes = sorted(
        {a.shift_code for a in desk.roster.assignments(day_text, day_text)},
        key=lambda code: desk.roster.shift_window(day_text, code)[0],
    )
    return DayReportData(
        site_name=desk.settings.get("site_name"),
        timezone=desk.settings.get("site_timezone"),
        generated_at=desk.now_iso(),
        day=day_text,
        shifts=tuple(shift_report_data(desk, day_text, code) for code in codes),
    )


def _person_lines(desk: ShiftReportContext, assignments: list[Assignment]) -> list[PersonOnDuty]:
    """Planned people; a substitute who served appears on a line of their own."""
    lines: list[PersonOnDuty] = []
    for a in assignments:
        served = a.served_person_id
        if served is None or served == a.person_id:
            lines.append(PersonOnDuty(a.person_name, a.role_label, served=served is not None))
            continue
        substitute = desk.people.get(served)
        lines.append(PersonOnDuty(a.person_name, a.role_label, served=False, note="缺岗"))
        lines.append(
            PersonOnDuty(
                substitute.name,
                a.role_label,
                planned=False,
                note=f"替班（原：{a.person_name}）",
            )
        )
    return lines


def handover_of_shift(desk: ShiftReportContext, day: str, shift_code: str) -> HandoverRecord | None:
    """The handover that ends the roster shift ``shift_code`` of ``day``: its outgoing
    shift is that shift type and its handover time is the shift's end (or, for records
    with another boundary, its shift date). The live one first, locked before draft."""
    end = to_iso(desk.roster.shift_window(day, shift_code)[1])
    rows = desk.db.execute(
        "SELECT id FROM handovers WHERE outgoing_shift_code = ?"
        " AND (shift_boundary_at = ? OR shift_date = ?)"
        " ORDER BY shift_boundary_at = ? DESC, status = 'rejected', status = 'locked' DESC,"
        " id DESC LIMIT 1",
        [shift_code, end, day, end],
    ).fetchone()
    return desk.handover.get(rows[0]) if rows else None


def _incident_lines(desk: ShiftReportContext, start: str, end: str) -> list[IncidentLine]:
    rows = desk.db.execute(
        "SELECT i.id, i.title, s.name, i.status, i.reported_at, i.closed_at,"
        " coalesce(r.name, a.name, rep.name) FROM incidents i"
        " JOIN incident_severities s ON s.id = i.severity_id"
        " JOIN people rep ON rep.id = i.reported_by"
        " LEFT JOIN people a ON a.id = i.acknowledged_by"
        " LEFT JOIN people r ON r.id = i.resolved_by"
        " WHERE i.reported_at >= ? AND i.reported_at < ? ORDER BY i.reported_at",
        [start, end],
    ).fetchall()
    return [
        IncidentLine(
            f"#{r[0]}", r[1], r[2], STATUS_LABELS.get(r[3], (r[3], r[3]))[0], r[4], r[5], r[6] or ""
        )
        for r in rows
    ]


def _checklist(handover: HandoverRecord) -> list[ChecklistResult]:
    results = []
    for value in handover.items:
        item = value.item
        if item.kind == "check":
            ok = None if value.value in (None, "") else value.value in ("1", "true", "yes", "是")
            note = value.note
        else:
            ok = None if value.value in (None, "") else not value.flagged
            shown = f"{value.value}{item.unit}" if value.value not in (None, "") else ""
            note = "；".join(part for part in (shown, value.note) if part)
        results.append(ChecklistResult(f"{item.section}：{item.label}", ok, note))
    return results


def _open_items(handover: HandoverRecord) -> list[OpenItemLine]:
    return [
        OpenItemLine(
            c.title,
            owner=c.created_by_name,
            status="已闭环" if c.status == "resolved" else "未闭环",
        )
        for c in handover.carried
    ]


def _version_number(text: str | None) -> int | None:
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None
