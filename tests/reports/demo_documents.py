"""Every printed document, made from the demo database (tests and visual review).

``python -m tests.reports.demo_documents OUT_DIR`` writes them all as PDF files, so that
each page can be looked at (``pdftoppm -png -r 60``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from dutydesk.clock import to_site_local
from dutydesk.demo.site import DEMO_TODAY
from dutydesk.desk import Desk
from dutydesk.handover.shift_report import day_report_data, shift_report_data
from dutydesk.kpi.period import Period
from dutydesk.store.verify import verify_database
from reports.assessment import build_assessment_report
from reports.cycle import build_cycle_report
from reports.handover import build_handover_sheet
from reports.incident import build_incident_form
from reports.manual import build_handout, build_manual, handout_roles, manual_data
from reports.period import build_period_report
from reports.plan import build_plan_report
from reports.roster import build_month_roster
from reports.shift import build_day_report, build_shift_report
from reports.verification import build_verification_report

YESTERDAY = DEMO_TODAY - timedelta(days=1)


def _first(desk: Desk, sql: str) -> int:
    row = desk.db.execute(sql).fetchone()
    assert row is not None, sql
    return int(row[0])


def night_incident(desk: Desk) -> tuple[date, int, datetime]:
    """The latest demo incident reported after midnight on a night shift: (the shift's roster
    day, the incident's id, its site-local report time)."""
    zone = desk.settings.site_zone()
    rows = desk.db.execute(
        "SELECT id, reported_at FROM incidents WHERE reported_at < ? ORDER BY reported_at DESC",
        [DEMO_TODAY.isoformat()],
    ).fetchall()
    for incident_id, reported_at in rows:
        local = to_site_local(reported_at, zone)
        if local.hour < 7:
            return local.date() - timedelta(days=1), int(incident_id), local
    raise AssertionError("the demo has no incident reported after midnight")


def demo_documents(desk: Desk) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(name, build) for every kind of document, with the demo's richest examples."""
    yield "period", lambda: build_period_report(desk, desk.kpi.report(Period.month(2026, 11)))
    night, _, _ = night_incident(desk)
    yield "shift", lambda: build_shift_report(shift_report_data(desk, night, "夜"))
    yield "day", lambda: build_day_report(day_report_data(desk, YESTERDAY))
    handover = _first(
        desk,
        "SELECT h.id FROM handovers h WHERE h.status = 'locked' ORDER BY"
        " (SELECT count(*) FROM handover_open_items o WHERE o.handover_id = h.id)"
        " + (SELECT count(*) FROM handover_amendments a WHERE a.handover_id = h.id) DESC,"
        " h.id DESC LIMIT 1",
    )
    yield "handover", lambda: build_handover_sheet(desk, handover)
    incident = _first(
        desk,
        "SELECT i.id FROM incidents i ORDER BY"
        " (SELECT count(*) FROM incident_attachments a WHERE a.incident_id = i.id) DESC,"
        " (SELECT count(*) FROM incident_events e WHERE e.incident_id = i.id) DESC LIMIT 1",
    )
    yield "incident", lambda: build_incident_form(desk, incident)
    for cycle in desk.cycles.cycles():
        yield f"cycle-{cycle.id}", lambda cycle_id=cycle.id: build_cycle_report(desk, cycle_id)
    for assessment in desk.training.assessments.list():
        yield (
            f"assessment-{assessment.id}",
            lambda assessment_id=assessment.id: build_assessment_report(desk, assessment_id),
        )
    yield "plan", lambda: build_plan_report(desk, today=DEMO_TODAY)
    yield "roster", lambda: build_month_roster(desk, year=2026, month=11)
    yield "manual", lambda: build_manual(manual_data(desk))
    for role in handout_roles():
        yield f"handout-{role}", lambda role=role: build_handout(manual_data(desk), role)
    yield "verification", lambda: build_verification_report(desk, verify_database(desk.db))


def main(out_dir: str, database: str) -> None:
    from dutydesk.demo.site import demo_clock

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with Desk.open(database, clock=demo_clock()) as desk:
        for name, build in demo_documents(desk):
            (out / f"{name}.pdf").write_bytes(build())
            print(name)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
