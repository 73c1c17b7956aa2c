"""Roster generation, manual edits, locking, hours, leave, swaps and who served."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from dutydesk.people.auth import Person
from dutydesk.roster.engine import Rules
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD
from tests.core.roster_helpers import three_shift_team


def _audit_count(desk: Desk) -> int:
    return int(desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _count(desk: Desk, table: str) -> int:
    return int(desk.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_generation_fills_every_slot_within_the_rules_and_commits_with_audit(
    desk: Desk, admin: Person
) -> None:
    setup = three_shift_team(desk, admin, size=8)
    preview = desk.roster.preview(team=setup.team_id, start="2026-12-01", end="2026-12-31")
    assert _count(desk, "assignments") == 0, "a preview writes nothing"
    quality = preview.quality
    assert quality.required_slots == 93 and quality.filled_slots == 93
    assert quality.unfilled == () and quality.violations == ()
    assert quality.balance is not None and quality.balance >= 0.85
    desk.roster.commit(admin, preview)
    assert _count(desk, "assignments") == 93
    generated = desk.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'roster.generate'"
    ).fetchone()[0]
    assert generated == 94  # one per row plus the summary
    assert verify_database(desk.db).ok
    again = desk.roster.preview(team=setup.team_id, start="2026-12-01", end="2026-12-31")
    assert again.new_rows == () and again.removed_ids == () and again.kept == 93


def test_the_same_inputs_give_the_same_roster(tmp_path: Path) -> None:
    results = []
    for name in ("a", "b"):
        with Desk.open(
            tmp_path / f"{name}.db",
            create=True,
            clock=ManualClock(datetime(2026, 11, 25, tzinfo=UTC)),
        ) as desk:
            admin = desk.initialise(
                site_name="x",
                admin_name="管理员",
                admin_employee_no="admin",
                admin_password=PASSWORD,
            )
            setup = three_shift_team(desk, admin, size=7)
            preview = desk.roster.preview(team=setup.team_id, start="2026-12-01", end="2027-01-31")
            results.append([(r.day, r.shift_id, r.role, r.person_id) for r in preview.new_rows])
    assert results[0] == results[1]


def test_generation_never_overwrites_manual_rows_or_started_shifts(
    desk: Desk, admin: Person, clock: ManualClock
) -> None:
    setup = three_shift_team(desk, admin, size=8)
    roster = desk.roster
    roster.generate(admin, team=setup.team_id, start="2026-11-26", end="2026-12-10")
    current = roster.assignments("2026-12-05", "2026-12-05", team_id=setup.team_id)
    manual = None
    for target in setup.people:
        if target.id in {a.person_id for a in current}:
            continue
        try:
            manual = roster.set_assignment(
                admin,
                team_id=setup.team_id,
                day="2026-12-05",
                shift_code="早",
                duty_role="officer",
                person_id=target.id,
            )
            break
        except Conflict:
            continue
    assert manual is not None
    assert manual.source == "manual"
    clock.set(datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    started = {
        (a.id, a.person_id)
        for a in roster.assignments("2026-11-26", "2026-11-27", team_id=setup.team_id)
        if a.starts_at <= clock()
    }
    # a longer rest rule changes the plan, but not the manual or started rows
    roster.set_rules(admin, setup.team_id, Rules(min_rest_hours=16))
    kept = roster.preview(team=setup.team_id, start="2026-11-26", end="2026-12-10")
    assert kept.new_rows == () and kept.removed_ids == (), "by default planned rows stay"
    replaced = roster.generate(
        admin, team=setup.team_id, start="2026-11-26", end="2026-12-10", replace=True
    )
    assert replaced.removed_ids, "re-planning changes unstarted generated rows"
    after = {a.id: a for a in roster.assignments("2026-11-26", "2026-12-10")}
    assert after[manual.id].person_id == target.id and after[manual.id].source == "manual"
    for row_id, person_id in started:
        assert after[row_id].person_id == person_id and after[row_id].locked
    # even raw SQL cannot move a started shift
    locked_id = next(iter(started))[0]
    with pytest.raises(Exception, match="locked"):
        desk.db.execute("UPDATE assignments SET person_id = ? WHERE id = ?", [admin.id, locked_id])
    with pytest.raises(Conflict):
        roster.clear_assignment(admin, locked_id)


def test_unfillable_slots_say_which_slot_rule_and_why(desk: Desk, admin: Person) -> None:
    setup = three_shift_team(desk, admin, size=2, rules=Rules(min_rest_hours=12))
    preview = desk.roster.preview(team=setup.team_id, start="2026-12-01", end="2026-12-03")
    assert preview.quality.violations == ()
    assert preview.quality.unfilled
    first = preview.quality.unfilled[0]
    assert first.rule in {"min_rest", "overlap", "consecutive_nights"}
    assert "无人可排" in first.reason and first.shift_code in "早中夜"
    assert first.day >= date(2026, 12, 1)


def test_a_manual_edit_that_breaks_a_rule_is_refused_and_saves_nothing(
    desk: Desk, admin: Person
) -> None:
    setup = three_shift_team(desk, admin, size=8)
    roster = desk.roster
    person = setup.people[2]
    roster.set_assignment(
        admin,
        team_id=setup.team_id,
        day="2026-12-05",
        shift_code="中",
        duty_role="officer",
        person_id=person.id,
    )
    before = _audit_count(desk)
    with pytest.raises(Conflict, match="最短休息"):
        roster.set_assignment(
            admin,
            team_id=setup.team_id,
            day="2026-12-06",
            shift_code="夜",
            duty_role="officer",
            person_id=person.id,
        )
    with pytest.raises(ValidationError, match="人员不存在"):
        roster.set_assignment(
            admin,
            team_id=setup.team_id,
            day="2026-12-07",
            shift_code="早",
            duty_role="officer",
            person_id=9999,
        )
    assert _audit_count(desk) == before


def test_midnight_crossing_hours_are_counted_on_the_day_they_fall_in(
    desk: Desk, admin: Person
) -> None:
    roster = desk.roster
    roster.add_shift_type(admin, code="N", name="晚班", start="22:00", end="06:00", is_night=True)
    pattern = roster.add_pattern(admin, name="晚", cycle="N", anchor_day="2026-01-01")
    team = roster.add_team(admin, name="夜组", pattern_id=pattern)
    roster.set_qualification(admin, person_id=admin.id, duty_role="officer")
    roster.set_members(admin, team.id, [admin.id])
    roster.set_assignment(
        admin,
        team_id=team.id,
        day="2026-12-31",
        shift_code="N",
        duty_role="officer",
        person_id=admin.id,
    )
    start, end = roster.shift_window("2026-12-31", "N")
    assert (end - start) == timedelta(hours=8) and end.date() == date(2027, 1, 1)
    december = {s.person_id: s for s in roster.hours(start="2026-12-01", end="2026-12-31")}
    assert december[admin.id].hours == 2 and december[admin.id].night_hours == 2
    assert december[admin.id].shifts == 1
    new_year = {s.person_id: s for s in roster.hours(start="2027-01-01", end="2027-01-01")}
    assert new_year[admin.id].hours == 6 and new_year[admin.id].shifts == 0
    # 1 January is a holiday in the calendar table only when the year is known; here 2027 is
    # not, so the hours count but no holiday hours are claimed.
    assert new_year[admin.id].holiday_hours == 0


def test_leave_turns_assignments_into_gaps_that_generation_refills(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    setup = three_shift_team(desk, admin, size=7, extra=[crew["officer"]])
    roster = desk.roster
    roster.generate(admin, team=setup.team_id, start="2026-12-01", end="2026-12-14")
    officer = crew["officer"]
    mine = roster.assignments("2026-12-05", "2026-12-08", person_id=officer.id)
    assert mine
    leave = roster.leave.request(
        officer, person_id=officer.id, kind="annual", start="2026-12-05", end="2026-12-08"
    )
    assert leave.status == "pending"
    assert roster.assignments("2026-12-05", "2026-12-08", person_id=officer.id) == mine
    with pytest.raises(PermissionDenied):
        roster.leave.approve(crew["officer2"], leave.id)
    roster.leave.approve(crew["leader"], leave.id)
    assert roster.assignments("2026-12-05", "2026-12-08", person_id=officer.id) == []
    quality = roster.quality(team=setup.team_id, start="2026-12-01", end="2026-12-14")
    assert len(quality.unfilled) == len(mine)
    roster.generate(admin, team=setup.team_id, start="2026-12-01", end="2026-12-14")
    quality = roster.quality(team=setup.team_id, start="2026-12-01", end="2026-12-14")
    assert quality.unfilled == () and quality.violations == ()
    assert roster.assignments("2026-12-05", "2026-12-08", person_id=officer.id) == []


def test_bad_leave_input_gives_a_clear_error_and_saves_nothing(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leave = desk.roster.leave
    officer = crew["officer"]
    leave.request(officer, person_id=officer.id, kind="sick", start="2026-12-01", end="2026-12-03")
    before = _audit_count(desk), _count(desk, "leave_requests")
    with pytest.raises(ValidationError, match="早于开始日期") as caught:
        leave.request(
            officer, person_id=officer.id, kind="annual", start="2026-12-10", end="2026-12-09"
        )
    assert caught.value.field == "end"
    with pytest.raises(ValidationError, match="人员不存在"):
        leave.request(
            crew["leader"], person_id=4242, kind="annual", start="2026-12-10", end="2026-12-11"
        )
    with pytest.raises(ValidationError, match="日期重叠"):
        leave.request(
            officer, person_id=officer.id, kind="annual", start="2026-12-03", end="2026-12-05"
        )
    with pytest.raises(ValidationError, match="请假类型"):
        leave.request(
            officer, person_id=officer.id, kind="holiday", start="2026-12-20", end="2026-12-21"
        )
    with pytest.raises(PermissionDenied):
        leave.request(
            officer,
            person_id=crew["officer2"].id,
            kind="annual",
            start="2026-12-20",
            end="2026-12-21",
        )
    with pytest.raises(ValidationError, match="早于开始日期"):
        desk.roster.preview(team=1, start="2026-12-10", end="2026-12-01")
    assert (_audit_count(desk), _count(desk, "leave_requests")) == before


def _two_shifts(desk: Desk, admin: Person, crew: dict[str, Person]) -> tuple[int, int, int]:
    setup = three_shift_team(desk, admin, size=6, extra=[crew["officer"], crew["officer2"]])
    roster = desk.roster
    a = roster.set_assignment(
        admin,
        team_id=setup.team_id,
        day="2026-12-10",
        shift_code="早",
        duty_role="officer",
        person_id=crew["officer"].id,
    )
    b = roster.set_assignment(
        admin,
        team_id=setup.team_id,
        day="2026-12-12",
        shift_code="早",
        duty_role="officer",
        person_id=crew["officer2"].id,
    )
    return setup.team_id, a.id, b.id


def test_swap_workflow_request_accept_approve_and_permissions(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    _team, a_id, b_id = _two_shifts(desk, admin, crew)
    swaps, roster = desk.roster.swaps, desk.roster
    officer, officer2, leader = crew["officer"], crew["officer2"], crew["leader"]
    with pytest.raises(PermissionDenied):
        swaps.request(officer2, assignment_id=a_id, counterpart_id=officer.id)
    swap = swaps.request(
        officer,
        assignment_id=a_id,
        counterpart_id=officer2.id,
        counterpart_assignment_id=b_id,
        reason="家中有事",
    )
    assert swap.status == "requested"
    with pytest.raises(PermissionDenied):
        swaps.accept(officer, swap.id)
    with pytest.raises(Conflict):
        swaps.approve(leader, swap.id)  # not yet accepted
    swap = swaps.accept(officer2, swap.id)
    assert swap.status == "accepted"
    assert roster.assignment(a_id).person_id == officer.id, "nothing changes before approval"
    with pytest.raises(PermissionDenied):
        swaps.approve(officer2, swap.id)
    with pytest.raises(PermissionDenied):
        swaps.approve(crew["auditor"], swap.id)
    swap = swaps.approve(leader, swap.id, note="同意")
    assert swap.status == "approved"
    assert roster.assignment(a_id).person_id == officer2.id
    assert roster.assignment(b_id).person_id == officer.id
    assert roster.assignment(a_id).source == "swap"
    actions = [
        r[0]
        for r in desk.db.execute(
            "SELECT action FROM audit_log WHERE entity = 'swap_requests' ORDER BY seq"
        )
    ]
    assert actions == ["swap.request", "swap.accept", "swap.approve"]
    assert verify_database(desk.db).ok


def test_a_swap_that_breaks_a_rule_is_not_approved_and_rejection_needs_a_reason(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    team_id, a_id, _b_id = _two_shifts(desk, admin, crew)
    roster = desk.roster
    officer, officer2, leader = crew["officer"], crew["officer2"], crew["leader"]
    # officer2 works the late shift the evening before: taking the 08:00 shift leaves 8 h rest
    roster.set_assignment(
        admin,
        team_id=team_id,
        day="2026-12-09",
        shift_code="中",
        duty_role="officer",
        person_id=officer2.id,
    )
    swap = roster.swaps.request(officer, assignment_id=a_id, counterpart_id=officer2.id)
    roster.swaps.accept(officer2, swap.id)
    with pytest.raises(Conflict, match="最短休息"):
        roster.swaps.approve(leader, swap.id)
    assert roster.assignment(a_id).person_id == officer.id
    with pytest.raises(ValidationError):
        roster.swaps.reject(leader, swap.id, note="  ")
    rejected = roster.swaps.reject(leader, swap.id, note="休息时间不足")
    assert rejected.status == "rejected" and rejected.decision_note == "休息时间不足"


def test_a_leader_swaps_on_behalf_and_it_is_audited_as_such(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    _team, a_id, _b = _two_shifts(desk, admin, crew)
    roster = desk.roster
    with pytest.raises(PermissionDenied):
        roster.swaps.swap_on_behalf(
            crew["officer2"], assignment_id=a_id, counterpart_id=crew["officer2"].id, reason="病"
        )
    swap = roster.swaps.swap_on_behalf(
        crew["leader"], assignment_id=a_id, counterpart_id=crew["officer2"].id, reason="李丽生病"
    )
    assert swap.on_behalf and swap.status == "approved"
    assert roster.assignment(a_id).person_id == crew["officer2"].id
    row = desk.db.execute(
        "SELECT actor_label FROM audit_log WHERE action = 'swap.on_behalf'"
        " AND entity = 'assignments'"
    ).fetchone()
    assert row[0] == crew["leader"].name


def test_who_served_on_duty_and_shift_window(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    _team, a_id, _b = _two_shifts(desk, admin, crew)
    roster = desk.roster
    start, end = roster.shift_window(date(2026, 12, 10), "早")
    assert start.utcoffset() == timedelta(hours=8) and (end - start) == timedelta(hours=8)
    on_duty = roster.on_duty(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    assert [(d.person.id, d.role, d.shift.code) for d in on_duty] == [
        (crew["officer"].id, "officer", "早")
    ]
    assert roster.on_duty(datetime(2026, 12, 10, 9, 0, tzinfo=UTC)) == []
    with pytest.raises(PermissionDenied):
        roster.record_served(crew["officer2"], assignment_id=a_id, person_id=crew["leader"].id)
    with pytest.raises(PermissionDenied):
        roster.record_served(crew["auditor"], assignment_id=a_id, person_id=crew["officer"].id)
    served = roster.record_served(
        crew["leader"], assignment_id=a_id, person_id=crew["officer2"].id, source="handover"
    )
    assert served.served_person_id == crew["officer2"].id and served.served_source == "handover"
    assert (
        roster.on_duty(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))[0].person.id == crew["officer2"].id
    )
    hours = {s.person_id: s.hours for s in roster.hours(start="2026-12-10", end="2026-12-10")}
    assert hours == {crew["officer2"].id: 8.0}
    with pytest.raises(NotFound):
        roster.record_served(crew["leader"], assignment_id=999, person_id=crew["officer"].id)


def test_rejecting_and_cancelling_leave_write_the_decision_and_its_audit_row(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leave = desk.roster.leave
    officer, leader = crew["officer"], crew["leader"]
    first = leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-01", end="2026-12-01"
    )
    second = leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-05", end="2026-12-05"
    )
    rejected = leave.reject(leader, first.id, note="人手不足")
    assert (rejected.status, rejected.decision_note) == ("rejected", "人手不足")
    row = desk.db.execute(
        "SELECT decided_by FROM leave_requests WHERE id = ?", [first.id]
    ).fetchone()
    assert row[0] == leader.id
    assert leave.cancel(officer, second.id).status == "cancelled"
    actions = [a for (a,) in desk.db.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-2:] == ["leave.reject", "leave.cancel"]
    with pytest.raises(Conflict):
        leave.cancel(officer, first.id)
    assert verify_database(desk.db).ok
