"""Roster and handover KPIs on a hand-built October; answers worked out by hand.

Shift types: D 08:00-20:00 and N 20:00-08:00 (12 h each), one officer each.
  李丽 (officer):  D 10-01, D 10-02, N 10-03            -> 36 h
  王伟 (officer2): N 10-01, N 10-02, D 10-05, D 10-06   -> 48 h
Rostered shifts (day, code): 7. Hours per person: (36 + 48) / 2 = 42; balance 36 / 48.

Handovers, all started 5 min before their boundary, submitted +10, accepted +15 min:
  10-01 D, 10-01 N, 10-02 D complete and dual-signed; the last one started 10 min late,
  so it ends 25 min after its boundary (tolerance 15): not on time.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from dutydesk.clock import to_iso
from dutydesk.desk import Desk
from tests.core.handover_helpers import complete
from tests.fixtures_kpi import OCTOBER, at


@pytest.fixture
def rostered(desk: Desk, crew, admin, clock) -> Desk:
    clock.set(at(9, 20, 9))
    roster = desk.roster
    roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    roster.add_shift_type(admin, code="N", name="夜班", start="20:00", end="08:00", is_night=True)
    team = roster.add_team(admin, name="一班")
    li, wang = crew["officer"], crew["officer2"]
    roster.set_members(admin, team.id, [li.id, wang.id])
    for person in (li, wang):
        roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    for person, day, code in (
        (li, "2026-10-01", "D"),
        (li, "2026-10-02", "D"),
        (li, "2026-10-03", "N"),
        (wang, "2026-10-01", "N"),
        (wang, "2026-10-02", "N"),
        (wang, "2026-10-05", "D"),
        (wang, "2026-10-06", "D"),
    ):
        roster.set_assignment(
            admin,
            team_id=team.id,
            day=day,
            shift_code=code,
            duty_role="officer",
            person_id=person.id,
        )
    return desk


def _handover(desk: Desk, clock, crew, day: str, code: str, late: bool = False) -> None:
    boundary = desk.roster.shift_window(day, code)[1]
    clock.set(boundary + timedelta(minutes=10 if late else -5))
    in_code = "N" if code == "D" else "D"
    in_day = boundary.astimezone(desk.roster.timezone()).date()
    # The roster's people hand over: whoever signs 接班确认 is recorded as serving.
    (outgoing_id,) = [a.person_id for a in desk.roster.shift_crew(day, code)]
    (incoming_id,) = [a.person_id for a in desk.roster.shift_crew(in_day, in_code)]
    complete(
        desk,
        clock,
        desk.people.get(outgoing_id),
        desk.people.get(incoming_id),
        day=day,
        out_code=code,
        in_code=in_code,
        boundary=to_iso(boundary),
    )


def test_hours_balance_and_record_completeness(rostered: Desk, crew, clock) -> None:
    for day, code, late in (
        ("2026-10-01", "D", False),
        ("2026-10-01", "N", False),
        ("2026-10-02", "D", True),
    ):
        _handover(rostered, clock, crew, day, code, late)
    clock.set(at(11, 1, 9))  # October is over: every shift of it has ended
    got = {code: v.value for code, v in rostered.kpi.values(OCTOBER).items()}
    assert got["hours_per_person"] == 42
    assert got["hours_fairness"] == pytest.approx(36 / 48)
    assert got["record_completeness"] == pytest.approx(300 / 7)
    assert got["handover_duration_median"] == 15
    assert got["handover_on_time_rate"] == pytest.approx(200 / 3)
    hours = {h.name: (h.hours, h.night_hours) for h in rostered.kpi.report(OCTOBER).hours}
    assert hours["李丽"][0] == 36 and hours["王伟"][0] == 48


def test_a_handover_started_but_not_signed_does_not_count(rostered: Desk, crew, clock) -> None:
    boundary = rostered.roster.shift_window("2026-10-01", "D")[1]
    clock.set(boundary)
    rostered.handover.start(
        crew["officer"],
        shift_date="2026-10-01",
        outgoing_shift_code="D",
        incoming_shift_code="N",
        incoming_person_id=crew["officer2"].id,
    )
    got = rostered.kpi.values(OCTOBER)
    assert got["record_completeness"].value == 0
    assert got["handover_duration_median"].value is None


def test_a_period_that_includes_now_counts_only_ended_shifts_and_worked_hours(
    rostered: Desk, crew, clock
) -> None:
    """At 10-03 14:00: ended shifts are D and N of 10-01 and 10-02 (N 10-02 ends 10-03
    08:00); 李丽's N of 10-03 and 王伟's D of 10-05 and 10-06 are still to come."""
    _handover(rostered, clock, crew, "2026-10-01", "D")
    _handover(rostered, clock, crew, "2026-10-02", "D")
    clock.set(at(10, 3, 14))
    got = rostered.kpi.values(OCTOBER)
    completeness = got["record_completeness"]
    assert (completeness.numerator, completeness.denominator) == (2, 4)
    # 李丽 worked D 10-01 and D 10-02 (24 h); 王伟 N 10-01 and N 10-02, counted from 10-01
    # 20:00 to 10-03 08:00 (24 h); hours still to come count nothing.
    assert got["hours_per_person"].value == 24
    rows = rostered.kpi.handover_rows(OCTOBER, "record_completeness")
    assert [(r.cells[0], r.counted) for r in rows] == [
        ("2026-10-01", True),
        ("2026-10-01", False),
        ("2026-10-02", True),
        ("2026-10-02", False),
    ]
