"""One shift end to end: roster → incident → handover signed → reports → KPIs → verify.

This is where the separately built features meet: the handover takes its times from the
roster and its incident summary from the incident log, the incoming signature records who
served, and the shift report and KPIs read all three.
"""

from __future__ import annotations

from datetime import timedelta

import pdfplumber

from dutydesk.clock import to_iso
from dutydesk.desk import Desk
from dutydesk.handover.shift_report import shift_report_data
from dutydesk.kpi.period import Period
from dutydesk.store.verify import verify_database
from reports.shift import build_shift_report
from tests.conftest import PASSWORD
from tests.core.handover_helpers import good_values
from tests.fixtures_kpi import at

DAY = "2026-10-08"


def test_a_whole_shift(desk: Desk, crew, admin, clock, tmp_path) -> None:
    li, wang, leader = crew["officer"], crew["officer2"], crew["leader"]
    roster = desk.roster
    clock.set(at(10, 1, 9))
    roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    roster.add_shift_type(admin, code="N", name="夜班", start="20:00", end="08:00", is_night=True)
    team = roster.add_team(admin, name="一班")
    roster.set_members(admin, team.id, [li.id, wang.id])
    for person in (li, wang):
        roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    roster.set_assignment(admin, team_id=team.id, day=DAY, shift_code="D",
                          duty_role="officer", person_id=li.id)  # fmt: skip
    roster.set_assignment(admin, team_id=team.id, day=DAY, shift_code="N",
                          duty_role="officer", person_id=wang.id)  # fmt: skip

    # During the day shift: one incident resolved, one left open.
    ref = desk.incidents.reference
    severity, category = ref.severity_by_code("III").id, ref.categories()[0].id
    clock.set(at(10, 8, 10))
    fixed = desk.incidents.report(li, title="机房空调告警", severity_id=severity,
                                  category_id=category, reported_at=at(10, 8, 10))  # fmt: skip
    desk.incidents.acknowledge(li, fixed.id, at=at(10, 8, 10, 5))
    clock.set(at(10, 8, 11))
    desk.incidents.resolve(li, fixed.id, resolution="已重启空调", at=at(10, 8, 11))
    clock.set(at(10, 8, 15))
    still_open = desk.incidents.report(li, title="门禁离线", severity_id=severity,
                                       category_id=category, reported_at=at(10, 8, 15))  # fmt: skip

    # Handover at 20:00: times come from the roster, the summary from the incident log.
    clock.set(at(10, 8, 19, 50))
    record = desk.handover.start(li, shift_date=DAY, outgoing_shift_code="D",
                                 incoming_shift_code="N", incoming_person_id=wang.id)  # fmt: skip
    assert record.shift_boundary_at == to_iso(roster.shift_window(DAY, "D")[1])
    summary = record.incident_summary
    assert summary.by_status == {"resolved": 1, "new": 1}
    assert [i.title for i in summary.open_incidents] == ["门禁离线"]
    desk.handover.set_values(li, record.id, good_values(record))
    clock.advance(minutes=5)
    desk.handover.submit(li, record.id, password=PASSWORD)
    clock.advance(minutes=3)
    locked = desk.handover.accept(wang, record.id, password=PASSWORD)
    assert locked.is_locked and locked.figures is not None and locked.figures.on_time

    # The incoming signature recorded who served the night shift.
    night = next(a for a in roster.assignments(DAY, DAY) if a.shift_code == "N")
    assert night.served_person_id == wang.id and night.served_source == "handover"

    # The shift report carries people, incidents, checklist, signatures and the hash.
    data = shift_report_data(desk, DAY, "D")
    assert [p.name for p in data.people] == [li.name]
    assert {i.title for i in data.incidents} == {"机房空调告警", "门禁离线"}
    assert data.record_hash == desk.handover.content_hash(record.id)
    assert {s.meaning for s in data.signatures} == {"交班确认", "接班确认"}
    out = tmp_path / "shift.pdf"
    build_shift_report(data, out)
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "值班报告" in text and "门禁离线" in text and data.record_hash[:16] in text

    # KPIs see the same day; verify is clean.
    day = Period.day(at(10, 8, 0).date())
    values = desk.kpi.values(day)
    # At 19:58 the day shift is handed over (so due and complete); the night has not begun.
    completeness = values["record_completeness"]
    assert (completeness.numerator, completeness.denominator) == (1, 1)
    assert values["resolution_rate"].value == 50
    assert values["handover_duration_median"].value == 8
    clock.set(at(10, 8, 15) + timedelta(days=1))
    # Next afternoon the night shift has ended without a handover record: 1 of 2.
    assert desk.kpi.values(day)["record_completeness"].value == 50
    desk.incidents.acknowledge(leader, still_open.id, at=clock())
    report = verify_database(desk.db)
    assert report.ok, report.problems
    assert report.signatures >= 2
