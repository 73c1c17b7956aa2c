"""Property tests of the pure generator: never a hard-rule violation; balance bound.

The hard rules are checked by ``broken_rules`` below, a deliberately naive oracle written
from the rules' plain statement (every pair of a person's shifts, hours counted in
half-hour steps), sharing no code with the engine's ``_check``/``find_violations``: a
wrong rule in the engine cannot pass both.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.roster.engine import (
    DUTY_ROLES,
    GenerationInput,
    Member,
    Pattern,
    Row,
    Rules,
    ShiftDef,
    balance_figure,
    find_violations,
    generate,
    person_stats,
)
from dutydesk.roster.holidays import Calendar, library_year

TZ = ZoneInfo("Asia/Shanghai")
CALENDAR = Calendar({d: (k, n) for d, k, n in library_year(2026) or []})
START = date(2026, 9, 14)  # covers Mid-Autumn, National Day and two make-up workdays

SHIFTS = {
    "早": ShiftDef(1, "早", "早班", time(8), time(16)),
    "中": ShiftDef(2, "中", "中班", time(16), time(0)),
    "夜": ShiftDef(3, "夜", "夜班", time(0), time(8), is_night=True),
    "值": ShiftDef(4, "值", "24小时值班", time(8), time(8), need_leader=1, need_officer=1),
    "白": ShiftDef(5, "白", "白班", time(8, 30), time(17, 30), on_rest_days=False),
    "N": ShiftDef(6, "N", "晚班", time(20), time(8), is_night=True, need_standby=1),
}
BY_ID = {s.id: s for s in SHIFTS.values()}
PATTERNS = [
    Pattern((("早", "中", "夜"),), START),
    Pattern((("早", "中", "夜"), ("早", "中", "夜"), ("早", "夜")), START),
    Pattern((("值",),), START),
    Pattern((("白",),), START, workdays_only=True),
    Pattern((("白", "N"), ("白",)), START),
]


@st.composite
def scenarios(draw: st.DrawFn) -> GenerationInput:
    size = draw(st.integers(min_value=1, max_value=14))
    members = []
    for index in range(size):
        roles = draw(st.sets(st.sampled_from(DUTY_ROLES), min_size=0, max_size=3))
        members.append(
            Member(
                index + 1,
                f"P{index + 1}",
                index,
                draw(st.booleans()),
                tuple((r, None) for r in sorted(roles)),
            )
        )
    days = draw(st.integers(min_value=3, max_value=24))
    leave = {
        m.person_id: frozenset(
            START + timedelta(days=d)
            for d in draw(st.sets(st.integers(min_value=0, max_value=days), max_size=6))
        )
        for m in members
    }
    rules = Rules(
        min_rest_hours=draw(st.sampled_from([0, 8, 11, 12, 16, 24])),
        max_consecutive_nights=draw(st.integers(min_value=1, max_value=4)),
        max_hours_week=draw(st.sampled_from([24, 40, 48, 56, 72])),
        max_hours_month=draw(st.sampled_from([80, 160, 208])),
    )
    return GenerationInput(
        team_id=1,
        start=START,
        end=START + timedelta(days=days - 1),
        tz=TZ,
        pattern=draw(st.sampled_from(PATTERNS)),
        shifts=SHIFTS,
        members=tuple(members),
        rules=rules,
        calendar=CALENDAR,
        leave=leave,
    )


# --- the oracle -----------------------------------------------------------------------------

STEP = timedelta(minutes=30)  # every shift in SHIFTS starts and ends on a half hour


def required(data: GenerationInput) -> set[tuple[date, str, str, int]]:
    """(day, shift code, role, slot) the pattern asks for, from the rules as written."""
    wanted = set()
    day = data.start
    while day <= data.end:
        rest = data.calendar.is_rest_day(day)
        cycle = data.pattern.cycle
        codes = cycle[(day - data.pattern.anchor).days % len(cycle)]
        if data.pattern.workdays_only and rest:
            codes = ()
        for code in codes:
            shift = data.shifts[code]
            if rest and not shift.on_rest_days:
                continue
            for role in DUTY_ROLES:
                for slot in range(getattr(shift, f"need_{role}")):
                    wanted.add((day, code, role, slot))
        day += timedelta(days=1)
    return wanted


def local_hours(row: Row) -> dict[date, float]:
    """Hours of one shift by local calendar day, counted half an hour at a time."""
    found: dict[date, float] = defaultdict(float)
    moment = row.start
    while moment < row.end:
        found[moment.astimezone(TZ).date()] += 0.5
        moment += STEP
    return found


def broken_rules(rows: list[Row], data: GenerationInput) -> list[tuple[str, int, date]]:
    """Every (rule, person, day) a roster breaks, checked the slow and obvious way."""
    broken: list[tuple[str, int, date]] = []
    members = {m.person_id: m for m in data.members}
    rules = data.rules
    by_person: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_person[row.person_id].append(row)
        member = members.get(row.person_id)
        qualified = member is not None and any(
            role == row.role and (until is None or until >= row.day)
            for role, until in member.qualifications
        )
        if not qualified:
            broken.append(("qualification", row.person_id, row.day))
        if row.day in data.leave.get(row.person_id, frozenset()):
            broken.append(("leave", row.person_id, row.day))
    for person, own in by_person.items():
        for a in own:
            for b in own:
                if a is b:
                    continue
                if a.start < b.end and b.start < a.end:
                    broken.append(("overlap", person, a.day))
                elif a.end <= b.start:
                    rest = (b.start - a.end).total_seconds() / 3600
                    if rest < rules.min_rest_hours:
                        broken.append(("min_rest", person, b.day))
        nights = sorted({r.day for r in own if BY_ID[r.shift_id].is_night})
        run = 0
        for index, day in enumerate(nights):
            run = run + 1 if index and nights[index - 1] == day - timedelta(days=1) else 1
            if run > rules.max_consecutive_nights:
                broken.append(("consecutive_nights", person, day))
        weeks: dict[tuple[int, int], float] = defaultdict(float)
        months: dict[tuple[int, int], float] = defaultdict(float)
        for row in own:
            for day, hours in local_hours(row).items():
                weeks[day.isocalendar()[:2]] += hours
                months[(day.year, day.month)] += hours
        for week, hours in weeks.items():
            if hours > rules.max_hours_week + 1e-9:
                broken.append(("hours_week", person, date.fromisocalendar(*week, 1)))
        for month, hours in months.items():
            if hours > rules.max_hours_month + 1e-9:
                broken.append(("hours_month", person, date(*month, 1)))
    return broken


def check_slots(rows: list[Row], data: GenerationInput, unfilled: set[tuple]) -> None:
    """Each row fills a slot the pattern asks for, at its shift's times; none twice."""
    filled = []
    for row in rows:
        shift = BY_ID[row.shift_id]
        filled.append((row.day, shift.code, row.role, row.slot))
        start = datetime.combine(row.day, shift.start, tzinfo=TZ)
        end_day = row.day + timedelta(days=1) if shift.end <= shift.start else row.day
        assert (row.start, row.end) == (start, datetime.combine(end_day, shift.end, tzinfo=TZ))
    assert len(filled) == len(set(filled))
    assert set(filled) | unfilled == required(data)
    assert not set(filled) & unfilled


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_generated_roster_never_breaks_a_hard_rule(data: GenerationInput) -> None:
    result = generate(data)
    assert broken_rules(list(result.rows), data) == []
    # every required slot is either filled or reported with a rule and a reason
    for gap in result.unfilled:
        assert gap.rule and gap.reason
    check_slots(
        list(result.rows), data, {(g.day, g.shift_code, g.role, g.slot) for g in result.unfilled}
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_the_engine_and_the_oracle_agree_on_a_tampered_roster(
    data: GenerationInput, draw: st.DataObject
) -> None:
    """Hand some shifts to other people: the engine finds a broken rule iff the oracle does."""
    rows = list(generate(data).rows)
    if not rows:
        return
    people = [m.person_id for m in data.members]
    for _ in range(draw.draw(st.integers(min_value=1, max_value=4))):
        index = draw.draw(st.integers(min_value=0, max_value=len(rows) - 1))
        other = draw.draw(st.sampled_from(people))
        old = rows[index]
        rows[index] = Row(
            old.day, old.shift_id, old.role, old.slot, other, old.source, old.start, old.end
        )
    engine = find_violations(
        rows,
        shifts_by_id=BY_ID,
        members={m.person_id: m for m in data.members},
        rules=data.rules,
        leave=data.leave,
        tz=TZ,
    )
    oracle = broken_rules(rows, data)
    assert bool(engine) == bool(oracle)
    assert {v.rule for v in engine} <= {rule for rule, _person, _day in oracle}


@settings(max_examples=25, deadline=None)
@given(size=st.integers(min_value=6, max_value=21), weeks=st.integers(min_value=4, max_value=8))
def test_balance_stays_above_the_bound_when_the_team_is_large_enough(size: int, weeks: int) -> None:
    """Bound: with three 8-hour shifts, everyone qualified, no leave, and at least four
    shifts per member on average (size <= 3 * days / 4), min/max hours >= 0.75 and
    nights differ by at most three."""
    days = weeks * 7
    members = tuple(Member(i + 1, f"P{i + 1}", i, True, (("officer", None),)) for i in range(size))
    if size > 3 * days / 4:
        return
    data = GenerationInput(
        team_id=1,
        start=START,
        end=START + timedelta(days=days - 1),
        tz=TZ,
        pattern=PATTERNS[0],
        shifts=SHIFTS,
        members=members,
        rules=Rules(min_rest_hours=12, max_consecutive_nights=2),
        calendar=CALENDAR,
    )
    result = generate(data)
    assert result.unfilled == ()
    stats = person_stats(
        result.rows,
        shifts_by_id=BY_ID,
        people={m.person_id: (m.name, True) for m in members},
        calendar=CALENDAR,
        tz=TZ,
        start=data.start,
        end=data.end,
    )
    balance = balance_figure(stats)
    assert balance is not None and balance >= 0.75
    nights = [s.night_shifts for s in stats]
    assert max(nights) - min(nights) <= 3
