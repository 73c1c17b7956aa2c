"""The people × days grid of a roster period, for the UI month view and the monthly PDF."""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutydesk import limits
from dutydesk.roster.holidays import iter_days

if TYPE_CHECKING:
    from dutydesk.roster.context import RosterContext

WEEKDAYS_ZH = "一二三四五六日"


@dataclass(frozen=True)
class GridCell:
    assignment_id: int
    team_id: int
    shift_code: str
    shift_name: str
    role: str
    colour: str
    source: str
    locked: bool
    served_by_other: bool
    # Who served (None: not recorded yet) and how: 'handover' or 'manual'.
    served_name: str | None = None
    served_source: str | None = None


@dataclass(frozen=True)
class GridDay:
    day: date
    kind: str  # 'workday', 'weekend', 'holiday', 'makeup' (调休上班)
    name: str  # holiday or make-up name, '' otherwise

    @property
    def weekday_zh(self) -> str:
        return WEEKDAYS_ZH[self.day.weekday()]


@dataclass(frozen=True)
class GridPerson:
    person_id: int
    name: str
    team: str


@dataclass(frozen=True)
class RosterGrid:
    start: date
    end: date
    days: tuple[GridDay, ...]
    people: tuple[GridPerson, ...]
    cells: dict[tuple[int, date], tuple[GridCell, ...]]
    missing_years: tuple[int, ...]

    def cell(self, person_id: int, day: date) -> tuple[GridCell, ...]:
        return self.cells.get((person_id, day), ())


def month_range(year: int, month: int) -> tuple[date, date]:
    limits.check_year(year, "month")
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])


def roster_grid(
    desk: RosterContext, *, start: date, end: date, team: int | str | None = None
) -> RosterGrid:
    """Everyone in the team(s) (members first, in order) and whoever has a shift in range."""
    roster = desk.roster
    cal = roster.calendar.load(start, end)
    days = []
    for day in iter_days(start, end):
        if cal.is_holiday(day):
            kind = "holiday"
        elif cal.is_makeup_workday(day):
            kind = "makeup"
        elif cal.is_weekend(day):
            kind = "weekend"
        else:
            kind = "workday"
        days.append(GridDay(day, kind, cal.name(day)))
    teams = [roster.team(team)] if team is not None else roster.teams()
    people: list[GridPerson] = []
    seen: set[int] = set()
    for t in teams:
        for member in roster.members(t.id):
            if member.person_id not in seen:
                seen.add(member.person_id)
                people.append(GridPerson(member.person_id, member.name, t.name))
    cells: dict[tuple[int, date], list[GridCell]] = {}
    team_id = teams[0].id if team is not None and teams else None
    names: dict[int, str] = {}
    for a in roster.assignments(start, end, team_id=team_id):
        served_name = None
        if a.served_person_id is not None:
            if a.served_person_id == a.person_id:
                served_name = a.person_name
            else:
                if a.served_person_id not in names:
                    names[a.served_person_id] = desk.people.get(a.served_person_id).name
                served_name = names[a.served_person_id]
        if a.person_id not in seen:
            seen.add(a.person_id)
            people.append(GridPerson(a.person_id, a.person_name, a.team))
        cells.setdefault((a.person_id, a.day), []).append(
            GridCell(
                a.id,
                a.team_id,
                a.shift_code,
                a.shift_name,
                a.role,
                a.colour,
                a.source,
                a.locked,
                a.served_person_id not in (None, a.person_id),
                served_name,
                a.served_source,
            )
        )
    return RosterGrid(
        start,
        end,
        tuple(days),
        tuple(people),
        {k: tuple(v) for k, v in cells.items()},
        tuple(cal.missing_years()),
    )
