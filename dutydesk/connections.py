"""Connections between areas that were built apart; ``connect(desk)`` joins them.

Each area exposes optional hooks (documented where they are declared). Joining them here,
above the areas, keeps every area free of its neighbours: the handover asks the roster for
shift windows and the incident log for a summary, incidents and handovers stamp the
process version in force, the improvement cycle and the training needs analysis read KPI
figures, training links courses to the process steps. None of those areas imports another
for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dutydesk.clock import to_iso
from dutydesk.errors import NotFound
from dutydesk.people.auth import Person

if TYPE_CHECKING:
    from dutydesk.desk import Desk
    from dutydesk.handover.records import IncidentSummary
    from dutydesk.handover.service import HandoverService
    from dutydesk.improvement.cycles import CycleService
    from dutydesk.incidents.service import IncidentService
    from dutydesk.training.assessments import FiguresProvider
    from dutydesk.training.service import TrainingService

# Desk builds each service on first use; the hooks of a service are joined as it is built,
# and every hook looks its neighbour up on the desk only when called, so joining a service
# builds (and imports) none of its neighbours.


def connect_cycles(desk: Desk, cycles: CycleService) -> None:
    cycles.kpi_provider = lambda start, end: desk.kpi.snapshot(start, end)


def connect_handover(desk: Desk, handover: HandoverService) -> None:
    handover.shift_window_provider = lambda day, code: shift_window(desk, day, code)
    handover.incident_summary_provider = lambda start, end: incident_summary(desk, start, end)
    handover.served_recorder = lambda **kwargs: record_served(desk, **kwargs)
    handover.process_version_provider = lambda at: desk.process.version_text_in_force(at)
    handover.severity_names_provider = lambda: {
        s.code: s.name for s in desk.incidents.reference.severities()
    }


def connect_incidents(desk: Desk, incidents: IncidentService) -> None:
    incidents.process_version_provider = lambda at: desk.process.version_text_in_force(at)


def connect_training(desk: Desk, training: TrainingService) -> None:
    training.assessments.figures_provider = kpi_figures_provider(desk)
    training.process_steps_provider = lambda: process_step_names(desk)
    training.materials.step_names_provider = lambda: process_step_keys(desk)


# Desk attribute -> the function that joins that service's hooks.
HOOKS: dict[str, Callable[[Desk, Any], None]] = {
    "cycles": connect_cycles,
    "handover": connect_handover,
    "incidents": connect_incidents,
    "training": connect_training,
}


def connect(desk: Desk) -> None:
    """Build every service of ``desk`` now (each joins its hooks as it is built)."""
    for area in HOOKS:
        getattr(desk, area)


def process_step_names(desk: Desk) -> list[str]:
    """Step names of the duty process in force (published), for linking courses."""
    version = desk.process.latest_published()
    if version is None:
        return []
    return [step.name for _stage, step in version.definition.steps()]


def process_step_keys(desk: Desk) -> dict[str, str]:
    """Step key → name in the published process and the draft (materials attach by key)."""
    out: dict[str, str] = {}
    for version in (desk.process.latest_published(), desk.process.draft()):
        if version is not None:
            for _stage, step in version.definition.steps():
                out.setdefault(step.key, step.name)
    return out


def kpi_figures_provider(desk: Desk) -> FiguresProvider:
    """Figures from the KPI engine (``desk.kpi``) for a period; None where it has none."""

    def provide(start: date, end: date) -> dict[str, float | None]:
        from dutydesk.kpi.period import Period

        values = desk.kpi.values(Period(start, end))

        def value(code: str) -> float | None:
            found = values.get(code)
            return None if found is None else found.value

        reported = values.get("resolution_rate")
        days = (end - start).days + 1
        per_day = None
        if reported is not None and reported.denominator:
            per_day = reported.denominator / days
        return {
            "incidents_per_day": per_day,
            "response_minutes": value("response_median"),
            "resolution_minutes": value("resolution_mean"),
            "handover_minutes": value("handover_duration_median"),
            "record_completeness": value("record_completeness"),
            "hours_per_person": value("hours_per_person"),
            "hours_fairness": value("hours_fairness"),
        }

    return provide


def shift_window(desk: Desk, day: str, shift_code: str) -> tuple[datetime, datetime] | None:
    """The roster's window for a shift code it knows; None lets the caller give the times."""
    if shift_code not in desk.roster.shift_types():
        return None
    return desk.roster.shift_window(day, shift_code)


def incident_summary(desk: Desk, start: datetime, end: datetime) -> IncidentSummary:
    """Counts of the shift's incidents, and every incident still open at its end."""
    from dutydesk.handover.records import IncidentSummary, OpenIncident

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
    # The partial index holds only open incidents; left to itself the planner walks
    # incidents_reported through every earlier incident (0.2 s a handover at ten years).
    still_open = tuple(
        OpenIncident(r[0], r[1], r[2], r[3], r[4])
        for r in db.execute(
            "SELECT i.id, i.title, s.code, i.status, i.reported_at"
            " FROM incidents i INDEXED BY incidents_open"
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
