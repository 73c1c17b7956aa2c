"""Shared set-up for roster tests: shift types, a pattern and a team of officers."""

from __future__ import annotations

from dataclasses import dataclass

from dutydesk.desk import Desk
from dutydesk.people.auth import LEADER, OFFICER, Person
from dutydesk.roster.engine import Rules


@dataclass
class RosterSetup:
    team_id: int
    people: list[Person]


def three_shift_team(
    desk: Desk,
    admin: Person,
    *,
    size: int = 8,
    rules: Rules | None = None,
    name: str = "一班",
    extra: list[Person] | None = None,
) -> RosterSetup:
    """早 08–16, 中 16–24, 夜 00–08, one officer each, every day; ``size`` new officers."""
    roster = desk.roster
    known = roster.shift_types()
    if "早" not in known:
        roster.add_shift_type(admin, code="早", name="早班", start="08:00", end="16:00")
        roster.add_shift_type(admin, code="中", name="中班", start="16:00", end="00:00")
        roster.add_shift_type(
            admin, code="夜", name="夜班", start="00:00", end="08:00", is_night=True
        )
    pattern = roster.add_pattern(
        admin, name=f"三班倒-{name}", cycle="早,中,夜", anchor_day="2026-01-01"
    )
    team = roster.add_team(admin, name=name, pattern_id=pattern, rules=rules or Rules())
    people = list(extra or [])
    base = 3000 + 100 * len(roster.teams())
    for index in range(size):
        people.append(
            desk.people.add(
                admin,
                name=f"{name}成员{index + 1}",
                employee_no=str(base + index),
                roles=[OFFICER] if index else [LEADER, OFFICER],
                team=name,
            )
        )
    for person in people:
        roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    roster.set_members(admin, team.id, [p.id for p in people])
    return RosterSetup(team.id, people)
