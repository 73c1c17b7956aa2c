"""The training qualification matrix limits rostering: expired means refused, with the reason."""

from __future__ import annotations

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import Conflict
from tests.fixtures_kpi import at


@pytest.fixture
def team(desk: Desk, crew, admin, clock):  # type: ignore[no-untyped-def]
    clock.set(at(9, 1, 9))
    roster = desk.roster
    roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    pattern = roster.add_pattern(admin, name="白班", cycle="D", anchor_day="2026-10-01")
    team = roster.add_team(admin, name="一班", pattern_id=pattern)
    roster.set_members(admin, team.id, [crew["officer"].id, crew["officer2"].id])
    for key in ("officer", "officer2"):
        roster.set_qualification(admin, person_id=crew[key].id, duty_role="officer")
    return team


def test_an_expired_matrix_entry_refuses_manual_assignment_with_its_reason(
    desk: Desk, crew, admin, team
) -> None:
    li = crew["officer"]
    desk.training.qualifications.grant(
        admin,
        person_id=li.id,
        duty_role="officer",
        gained_on="2025-01-01",
        expires_on="2026-10-05",
    )
    desk.roster.set_assignment(admin, team_id=team.id, day="2026-10-05", shift_code="D",
                               duty_role="officer", person_id=li.id)  # fmt: skip
    with pytest.raises(Conflict, match="资格已于 2026-10-05 过期"):
        desk.roster.set_assignment(admin, team_id=team.id, day="2026-10-06", shift_code="D",
                                   duty_role="officer", person_id=li.id)  # fmt: skip
    assert desk.roster.is_qualified(li.id, "officer", at(10, 5, 9).date())
    assert not desk.roster.is_qualified(li.id, "officer", at(10, 6, 9).date())


def test_generation_skips_the_expired_person(desk: Desk, crew, admin, team) -> None:
    li, wang = crew["officer"], crew["officer2"]
    desk.training.qualifications.grant(
        admin,
        person_id=li.id,
        duty_role="officer",
        gained_on="2025-01-01",
        expires_on="2026-10-03",
    )
    desk.roster.generate(admin, team=team.id, start="2026-10-04", end="2026-10-07")
    people = {a.person_id for a in desk.roster.assignments("2026-10-04", "2026-10-07")}
    assert people == {wang.id}


def test_a_person_the_matrix_does_not_list_keeps_the_roster_qualification(
    desk: Desk, crew, admin, team
) -> None:
    wang = crew["officer2"]
    assert desk.roster.is_qualified(wang.id, "officer", at(10, 6, 9).date())
