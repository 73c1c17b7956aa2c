"""Property tests of the pure generator: never a hard-rule violation; balance bound."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.roster.engine import (
    DUTY_ROLES,
    GenerationInput,
    Member,
    Pattern,
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_generated_roster_never_breaks_a_hard_rule(data: GenerationInput) -> None:
    result = generate(data)
    violations = find_violations(
        result.rows,
        shifts_by_id=BY_ID,
        members={m.person_id: m for m in data.members},
        rules=data.rules,
        leave=data.leave,
        tz=TZ,
    )
    assert violations == []
    # every required slot is either filled or reported with a rule and a reason
    keys = {r.key for r in result.rows}
    assert len(keys) == len(result.rows)
    for gap in result.unfilled:
        assert gap.rule and gap.reason


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
