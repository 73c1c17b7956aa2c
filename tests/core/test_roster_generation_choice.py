"""The generator's fast path (running per-person totals, members ranked by load and checked
lazily) chooses exactly what the plain rule gives: for every slot, of all members, the one
with the lowest load key among those who break no rule, each checked from scratch against
everything they already work.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.roster.engine import (
    GenerationInput,
    GenerationResult,
    Row,
    _day_and_night_hours,
    _Spans,
    _unfilled,
    first_broken_rule,
    generate,
    night_hours_by_day,
    required_slots,
    split_by_day,
)
from tests.core.test_roster_properties import BY_ID, scenarios


def plain_generate(data: GenerationInput) -> GenerationResult:
    """Every member checked for every slot, every check from the person's whole list."""
    worked: dict[int, list[Row]] = defaultdict(list)
    load = {m.person_id: [0.0, 0, 0, 0] for m in data.members}  # hours, holidays, weekends, nights
    taken = set()

    def count(row: Row) -> None:
        figures = load[row.person_id]
        figures[0] += (row.end.astimezone(UTC) - row.start.astimezone(UTC)).total_seconds() / 3600
        figures[1] += int(data.calendar.is_holiday(row.day))
        figures[2] += int(data.calendar.is_weekend(row.day))
        figures[3] += int(BY_ID[row.shift_id].is_night)

    for row in data.fixed:
        worked[row.person_id].append(row)
        taken.add(row.key)
        if row.person_id in load and data.start <= row.day <= data.end:
            count(row)
    rows, unfilled = [], []
    for spec in required_slots(data.pattern, data.shifts, data.calendar, data.start, data.end):
        key = (data.team_id, spec.day, spec.shift.id, spec.role, spec.slot)
        if key in taken:
            continue
        best = None
        refusals: Counter[str] = Counter()
        reasons: dict[str, tuple[str, str]] = {}
        for member in data.members:
            broken = first_broken_rule(
                sorted(worked[member.person_id], key=lambda r: r.start),
                shifts_by_id=BY_ID,
                member=member,
                leave=data.leave.get(member.person_id, frozenset()),
                rules=data.rules,
                shift=spec.shift,
                role=spec.role,
                day=spec.day,
                tz=data.tz,
            )
            if broken is not None:
                refusals[broken[0]] += 1
                reasons.setdefault(broken[0], (broken[1], broken[2]))
                continue
            hours, holidays, weekends, nights = load[member.person_id]
            score = (
                hours * (1 if member.full_time else 2),
                holidays if data.calendar.is_holiday(spec.day) else 0,
                weekends if data.calendar.is_weekend(spec.day) else 0,
                nights if spec.shift.is_night else 0,
                (member.position - (spec.day - data.start).days) % (len(data.members) or 1),
                member.person_id,
            )
            if best is None or score < best[0]:
                best = (score, member)
        if best is None:
            unfilled.append(_unfilled(spec, refusals, reasons, len(data.members)))
            continue
        start, end = spec.shift.window(spec.day, data.tz)
        row = Row(spec.day, spec.shift.id, spec.role, spec.slot, best[1].person_id, "generated",
                  start, end, data.team_id)  # fmt: skip
        worked[row.person_id].append(row)
        count(row)
        taken.add(key)
        rows.append(row)
    return GenerationResult(tuple(rows), tuple(unfilled))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(min_value=0, max_value=10))
def test_the_fast_generator_chooses_what_the_plain_rule_chooses(
    data: GenerationInput, fixed_days: int
) -> None:
    assert generate(data) == plain_generate(data)
    # Again with the first days' rows kept (fixed): only the gaps after them are filled.
    cut = data.start + timedelta(days=fixed_days)
    kept = tuple(r for r in generate(data).rows if r.day < cut)
    again = replace(data, fixed=kept)
    assert generate(again) == plain_generate(again)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    st.integers(min_value=1, max_value=60 * 60),
)
def test_a_prepared_window_has_the_hours_split_by_day_gives(
    zone: str, start: datetime, minutes: int
) -> None:
    """Across clock changes too: the wall-clock shortcut is taken only where it is exact."""
    tz = ZoneInfo(zone)
    begin = start.replace(tzinfo=tz)
    end = (begin.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)
    span = _Spans(tz).make(begin, end)
    split = split_by_day(begin, end, tz)
    assert [hours for _week, _month, hours in span.pieces] == [hours for _day, hours in split]
    assert [(w, m) for w, m, _hours in span.pieces] == [
        (day.isocalendar()[:2], (day.year, day.month)) for day, _hours in split
    ]
    assert span.hours == (end.astimezone(UTC) - begin.astimezone(UTC)).total_seconds() / 3600
    assert _day_and_night_hours(begin, end, tz) == (
        split,
        list(night_hours_by_day(begin, end, tz).items()),
    )
