"""Connections between features that were built apart; ``connect(desk)`` joins them.

Each feature exposes optional hooks (documented where they are declared). Joining them
here keeps every feature testable alone while the running application sees one whole.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from dutydesk.clock import to_iso
from dutydesk.errors import NotFound
from dutydesk.handover.records import IncidentSummary, OpenIncident
from dutydesk.people.auth import Person

if TYPE_CHECKING:
    from dutydesk.desk import Desk


def connect(desk: Desk) -> None:
    desk.cycles.kpi_provider = desk.kpi.snapshot
    desk.handover.shift_window_provider = lambda day, code: shift_window(desk, day, code)
    desk.handover.incident_summary_provider = lambda start, end: incident_summary(desk, start, end)
    desk.handover.served_recorder = lambda **kwargs: record_served(desk, **kwargs)
    desk.handover.process_version_provider = desk.process.version_text_in_force


def shift_window(desk: Desk, day: str, shift_code: str) -> tuple[datetime, datetime] | None:
    """The roster's window for a shift code it knows; None lets the caller give the times."""
    if shift_code not in desk.roster.shift_types():
        return None
    return desk.roster.shift_window(day, shift_code)


def incident_summary(desk: Desk, start: datetime, end: datetime) -> IncidentSummary:
    """Counts of the shift's incidents, and every incident still open at its end."""
    db = desk.db
    low, high = to_iso(start), to_iso(end)
    by_status: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for status, severity in db.execute(
        "SELECT i.status, s.code FROM incidents i JOIN incident_severities s"
        " ON s.id = i.severity_id WHERE i.reported_at >= ? AND i.reported_at < ?",
        [low, high],
    ):
        by_status[status] = by_status.get(status, 0) + 1
        by_severity[severity] = by_severity.get(severity, 0) + 1
    still_open = tuple(
        OpenIncident(r[0], r[1], r[2], r[3], r[4])
        for r in db.execute(
            "SELECT i.id, i.title, s.code, i.status, i.reported_at FROM incidents i"
            " JOIN incident_severities s ON s.id = i.severity_id"
            " WHERE i.reported_at < ? AND i.status NOT IN ('resolved', 'closed')"
            " ORDER BY i.reported_at",
            [high],
        )
    )
    return IncidentSummary(by_status, by_severity, still_open)


def record_served(
    desk: Desk,
    *,
    shift_date: str,
    shift_code: str,
    person_id: int,
    at: str,
    actor: Person,
    assignment_id: int | None = None,
) -> None:
    """The incoming officer's signature: they served the incoming shift.

    With ``assignment_id`` (the handover's crew names the roster slot) that slot is marked.
    Otherwise (records without a crew):
    The incoming shift starts at the handover's boundary, so the assignment is the one
    of ``shift_code`` whose window contains ``at`` or starts on ``shift_date`` or the next
    day (a night-to-day handover crosses midnight). Without a matching planned slot the
    roster is left alone: the handover itself still records who took over.
    """
    roster = desk.roster
    if assignment_id is not None:
        try:
            roster.record_served_by_handover(
                actor, assignment_id=assignment_id, person_id=person_id
            )
        except NotFound:
            pass  # the slot became a gap (leave) since the start: the crew still says who
        return
    day = date.fromisoformat(shift_date)
    candidates = [
        a
        for a in roster.assignments(day, date.fromordinal(day.toordinal() + 1))
        if a.shift_code == shift_code
    ]
    chosen = [a for a in candidates if a.person_id == person_id and a.served_person_id is None]
    if not chosen:
        # A substitute: only an unambiguous open slot is theirs.
        open_slots = [a for a in candidates if a.served_person_id is None]
        if len(open_slots) != 1:
            return
        chosen = open_slots
    moment = datetime.fromisoformat(at)
    chosen.sort(key=lambda a: abs((a.starts_at - moment).total_seconds()))
    roster.record_served(actor, assignment_id=chosen[0].id, person_id=person_id, source="handover")
