"""Connects the handover hooks to the roster and the incident log (``connect(desk)``).

Kept apart from ``handover`` so that the handover core works, and is tested, on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from dutydesk.auth import Person
from dutydesk.clock import parse_iso
from dutydesk.handover_records import IncidentSummary, OpenIncident

if TYPE_CHECKING:
    from dutydesk.desk import Desk

OPEN_LIST_LIMIT = 50


def incident_summary_provider(desk: Desk) -> Callable[[datetime, datetime], IncidentSummary]:
    """Incidents reported in [start, end) counted by status and severity, plus every
    incident still open at the handover (newest first, at most 50)."""
    from dutydesk.incidents import OPEN_STATUSES, IncidentFilter

    def summary(start: datetime, end: datetime) -> IncidentSummary:
        zone = desk.roster.timezone() if hasattr(desk, "roster") else None
        first = (start.astimezone(zone) if zone else start).date()
        last = (end.astimezone(zone) if zone else end).date()
        by_status: Counter[str] = Counter()
        by_severity: Counter[str] = Counter()
        for incident in desk.incidents.iter_all(IncidentFilter(date_from=first, date_to=last)):
            if start <= parse_iso(incident.reported_at) < end:
                by_status[incident.status] += 1
                by_severity[incident.severity_name] += 1
        open_page = desk.incidents.search(
            IncidentFilter(statuses=tuple(OPEN_STATUSES)), limit=OPEN_LIST_LIMIT * 2
        )
        still_open = [i for i in open_page.items if parse_iso(i.reported_at) < end]
        return IncidentSummary(
            by_status=dict(by_status),
            by_severity=dict(by_severity),
            open_incidents=tuple(
                OpenIncident(i.id, i.title, i.severity_name, i.status, i.reported_at)
                for i in still_open[:OPEN_LIST_LIMIT]
            ),
        )

    return summary


def served_recorder(desk: Desk) -> Callable[..., None]:
    """Marks the incoming officer as having served the roster slot of the incoming shift
    that starts at the handover (their own slot, else the first slot of that shift)."""

    def record(
        *,
        handover_id: int,
        incoming_shift_code: str,
        shift_boundary_at: str,
        person_id: int,
        at: str,
        actor: Person,
    ) -> None:
        boundary = parse_iso(shift_boundary_at)
        day = boundary.astimezone(desk.roster.timezone()).date()
        slots = [
            a
            for a in desk.roster.assignments(day - timedelta(days=1), day)
            if a.shift_code == incoming_shift_code
            and a.starts_at - timedelta(hours=2) <= boundary < a.ends_at
        ]
        if not slots:
            return  # no roster for that shift: nothing to confirm
        mine = [a for a in slots if a.person_id == person_id]
        slot = (mine or slots)[0]
        desk.roster.record_served(
            actor, assignment_id=slot.id, person_id=person_id, source="handover"
        )

    return record


def connect(desk: Desk) -> None:
    """Use the roster's shift windows and served records, the incident log and the process
    version in force, where those features are present."""
    service = desk.handover
    if hasattr(desk, "roster"):
        service.shift_window_provider = desk.roster.shift_window
        service.served_recorder = served_recorder(desk)
    if hasattr(desk, "incidents"):
        service.incident_summary_provider = incident_summary_provider(desk)
    if hasattr(desk, "process"):
        service.process_version_provider = desk.process.version_text_in_force
