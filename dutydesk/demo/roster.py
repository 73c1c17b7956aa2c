"""Demo roster: three teams (一班/二班/三班) on 12-hour 白班/夜班 for three months, with leave,
qualifications, an approved swap and a pending swap; the handovers record who served."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, Person
from dutydesk.roster.engine import Rules
from dutydesk.roster.holidays import library_year

TEAMS = ("一班", "二班", "三班")
# The two 12-hour shifts, each with one leader: (code, name, (start, end), officers,
# is a night shift, colour).
SHIFT_TYPES: tuple[tuple[str, str, tuple[str, str], int, bool, str], ...] = (
    ("白", "白班", ("08:00", "20:00"), 2, False, "#9ecae1"),
    ("夜", "夜班", ("20:00", "08:00"), 1, True, "#807dba"),
)


def populate(desk: Desk, *, rng: random.Random, today: date, people: list[Person]) -> None:
    tz = desk.settings.site_zone()
    previous_clock = desk.clock
    start = today - timedelta(days=91)
    end = today + timedelta(days=30)
    last_known = end.year
    while last_known >= start.year and library_year(last_known) is None:
        last_known -= 1
    end = min(end, date(last_known, 12, 31))
    clock = ManualClock(datetime.combine(start - timedelta(days=7), time(9, 0), tzinfo=tz))
    desk.clock = clock
    roster = desk.roster
    admin = next(p for p in people if ADMIN in p.roles)
    for code, name, (begins, ends), need_officer, night, colour in SHIFT_TYPES:
        roster.add_shift_type(
            admin,
            code=code,
            name=name,
            start=begins,
            end=ends,
            need_leader=1,
            need_officer=need_officer,
            is_night=night,
            colour=colour,
        )
    rules = Rules(
        min_rest_hours=12, max_consecutive_nights=2, max_hours_week=60, max_hours_month=220
    )
    team_ids: dict[str, int] = {}
    for index, name in enumerate(TEAMS):
        # 白 → 夜 → 休: with the anchors one day apart, every day one team has the day
        # shift and another the night shift.
        pattern = roster.add_pattern(
            admin,
            name=f"{name}白夜休",
            cycle="白|夜|休",
            anchor_day=start + timedelta(days=index),
        )
        team_ids[name] = roster.add_team(admin, name=name, pattern_id=pattern, rules=rules).id
    members: dict[str, list[Person]] = {name: [] for name in TEAMS}
    for person in people:
        if person.team in members and AUDITOR not in person.roles:
            members[person.team].append(person)
    for name, crew in members.items():
        # the team leader first, then officers in number order
        crew.sort(key=lambda p: (LEADER not in p.roles, p.employee_no))
        for position, person in enumerate(crew):
            roster.set_qualification(admin, person_id=person.id, duty_role="officer")
            if LEADER in person.roles or position in (1, 2):
                until = start + timedelta(days=200) if position == 2 else None
                roster.set_qualification(
                    admin, person_id=person.id, duty_role="leader", valid_until=until
                )
            if position >= len(crew) - 2:
                roster.set_qualification(admin, person_id=person.id, duty_role="standby")
        roster.set_members(admin, team_ids[name], [p.id for p in crew])
    leader = next(p for p in people if LEADER in p.roles and p.team)
    officers = [p for crew in members.values() for p in crew[3:]]
    rng.shuffle(officers)
    # approved leave in the past and the near future, one pending, one rejected
    leave_plan = [
        (officers[0], "annual", start + timedelta(days=20), 5, True),
        (officers[1], "sick", start + timedelta(days=41), 2, True),
        (officers[2], "training", today + timedelta(days=6), 3, True),
        (officers[3], "compensatory", start + timedelta(days=63), 1, True),
        (officers[4], "personal", today + timedelta(days=10), 2, None),
        (officers[5], "personal", start + timedelta(days=30), 1, False),
    ]
    for person, kind, first, days, decision in leave_plan:
        clock.set(datetime.combine(first - timedelta(days=5), time(10, 15), tzinfo=tz))
        leave = roster.leave.request(
            person,
            person_id=person.id,
            kind=kind,
            start=first,
            end=first + timedelta(days=days - 1),
            reason={
                "annual": "年休假",
                "sick": "感冒发烧",
                "training": "参加市应急培训班",
                "compensatory": "节日值班调休",
                "personal": "家中有事",
            }[kind],
        )
        clock.advance(hours=2)
        if decision is True:
            roster.leave.approve(leader, leave.id, note="同意")
        elif decision is False:
            roster.leave.reject(leader, leave.id, note="当日人手不足，请改期")
    # the roster for the whole period, as the leader planned it before it began
    clock.set(datetime.combine(start - timedelta(days=5), time(15, 0), tzinfo=tz))
    for team_id in team_ids.values():
        roster.generate(admin, team=team_id, start=start, end=end)
    # an approved swap three weeks ago and a pending one next week
    for target_day, approve in (
        (today - timedelta(days=21), True),
        (today + timedelta(days=5), False),
    ):
        clock.set(datetime.combine(target_day - timedelta(days=3), time(9, 30), tzinfo=tz))
        day_rows = [a for a in roster.assignments(target_day, target_day) if a.role == "officer"]
        other_rows = [
            a
            for a in roster.assignments(
                target_day + timedelta(days=1), target_day + timedelta(days=2)
            )
            if a.role == "officer"
        ]
        done = False
        for mine in day_rows:
            for theirs in other_rows:
                if theirs.person_id == mine.person_id or theirs.team_id != mine.team_id:
                    continue
                requester = desk.people.get(mine.person_id)
                counterpart = desk.people.get(theirs.person_id)
                swap = roster.swaps.request(
                    requester,
                    assignment_id=mine.id,
                    counterpart_id=counterpart.id,
                    counterpart_assignment_id=theirs.id,
                    reason="孩子家长会，申请对调",
                )
                clock.advance(hours=3)
                roster.swaps.accept(counterpart, swap.id)
                if approve:
                    clock.advance(hours=1)
                    try:
                        roster.swaps.approve(leader, swap.id, note="同意对调")
                    except DutyDeskError:
                        roster.swaps.reject(leader, swap.id, note="休息时间不足")
                done = True
                break
            if done:
                break
    # Who served is recorded by the incoming handover signatures (demo/handover.py).
    clock.set(datetime.combine(today, time(8, 30), tzinfo=tz))
    roster.lock_started()
    desk.clock = previous_clock
