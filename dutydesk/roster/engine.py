"""Pure roster logic: shift windows, hours per calendar day, hard rules, generation, quality.

No database here: the service in ``roster.py`` loads plain values, calls these functions
and writes the result. The same inputs always give the same roster.

Hours rule: a shift's hours are counted on the calendar day (site time zone) on which they
fall, so a 22:00–06:00 night gives 2 h to its start day and 6 h to the next day. Night
hours are the hours between 22:00 and 06:00 local time. A shift "is" a weekend or holiday
shift when the day it starts on is a weekend day or a holiday; its hours are split the same
way as above for the weekend-hours and holiday-hours columns.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from dutydesk.roster.holidays import Calendar, iter_days

DUTY_ROLES: tuple[str, ...] = ("leader", "officer", "standby")
DUTY_ROLE_LABELS: dict[str, tuple[str, str]] = {
    "leader": ("值班长", "Shift leader"),
    "officer": ("值班员", "Duty officer"),
    "standby": ("备班", "Standby"),
}
RULE_LABELS: dict[str, tuple[str, str]] = {
    "qualification": ("资质", "qualification"),
    "leave": ("请假", "leave"),
    "overlap": ("时间冲突", "overlapping shift"),
    "min_rest": ("最短休息", "minimum rest"),
    "consecutive_nights": ("连续夜班", "consecutive nights"),
    "hours_week": ("每周工时上限", "weekly hours limit"),
    "hours_month": ("每月工时上限", "monthly hours limit"),
    "unassigned": ("未排班", "not assigned"),
}
NIGHT_START, NIGHT_END = time(22, 0), time(6, 0)
# The reason of a weekly or monthly hours limit, filled in with the week's or month's key
# ({0} the year, {1} the week or month), the new total and the limit.
_HOURS_REASONS: dict[str, tuple[str, str]] = {
    "hours_week": (
        "第 {1} 周将达 {total:g} 小时（上限 {limit:g}）",
        "week {1} would reach {total:g} h (limit {limit:g})",
    ),
    "hours_month": (
        "{0} 年 {1} 月将达 {total:g} 小时（上限 {limit:g}）",
        "{0}-{1:02d} would reach {total:g} h (limit {limit:g})",
    ),
}


@dataclass(frozen=True)
class ShiftDef:
    id: int
    code: str
    name: str
    start: time
    end: time
    need_leader: int = 0
    need_officer: int = 1
    need_standby: int = 0
    is_night: bool = False
    on_rest_days: bool = True
    colour: str = "#9ecae1"

    def need(self, role: str) -> int:
        return int(getattr(self, f"need_{role}"))

    @property
    def hours(self) -> float:
        minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        if minutes <= 0:
            minutes += 24 * 60
        return minutes / 60

    def window(self, day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """Aware start and end; an end at or before the start is on the next day."""
        start = datetime.combine(day, self.start, tzinfo=tz)
        end_day = day if self.end > self.start else day + timedelta(days=1)
        end = datetime.combine(end_day, self.end, tzinfo=tz)
        return start, end


@dataclass(frozen=True)
class Rules:
    min_rest_hours: float = 12
    max_consecutive_nights: int = 2
    max_hours_week: float = 56
    max_hours_month: float = 208


@dataclass(frozen=True)
class Member:
    person_id: int
    name: str
    position: int
    full_time: bool = True
    # duty role -> last valid day (None: no expiry)
    qualifications: tuple[tuple[str, date | None], ...] = ()

    def qualified(self, role: str, day: date) -> bool:
        for qualified_role, until in self.qualifications:
            if qualified_role == role and (until is None or until >= day):
                return True
        return False


@dataclass(frozen=True)
class Row:
    """One assignment: a person in a role and slot of a shift on a day."""

    day: date
    shift_id: int
    role: str
    slot: int
    person_id: int
    source: str
    start: datetime
    end: datetime
    team_id: int = 0
    locked: bool = False
    id: int | None = None

    @property
    def key(self) -> tuple[int, date, int, str, int]:
        return (self.team_id, self.day, self.shift_id, self.role, self.slot)


@dataclass(frozen=True)
class Unfilled:
    day: date
    shift_code: str
    role: str
    slot: int
    rule: str
    reason: str
    reason_en: str


@dataclass(frozen=True)
class Violation:
    day: date
    shift_code: str
    role: str
    person_id: int
    rule: str
    detail: str
    detail_en: str


@dataclass(frozen=True)
class PersonStats:
    person_id: int
    name: str
    full_time: bool
    shifts: int
    hours: float
    night_shifts: int
    weekend_shifts: int
    holiday_shifts: int
    night_hours: float
    weekend_hours: float
    holiday_hours: float


@dataclass(frozen=True)
class QualityReport:
    start: date
    end: date
    required_slots: int
    filled_slots: int
    unfilled: tuple[Unfilled, ...]
    violations: tuple[Violation, ...]
    people: tuple[PersonStats, ...]
    balance: float | None  # min/max hours among full-time members; 1.0 is perfectly even
    missing_years: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.unfilled and not self.violations and not self.missing_years


# --- hours ---------------------------------------------------------------------------------


def _hours(a: datetime, b: datetime) -> float:
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 3600


def split_by_day(start: datetime, end: datetime, tz: ZoneInfo) -> list[tuple[date, float]]:
    """Hours of [start, end) per local calendar day."""
    pieces: list[tuple[date, float]] = []
    local = start.astimezone(tz)
    finish = end.astimezone(tz)
    day = local.date()
    while True:
        midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
        piece_end = min(midnight, finish)
        cursor = max(local, datetime.combine(day, time(0), tzinfo=tz))
        if piece_end > cursor:
            pieces.append((day, _hours(cursor, piece_end)))
        if midnight >= finish:
            return pieces
        day += timedelta(days=1)


def night_hours_by_day(start: datetime, end: datetime, tz: ZoneInfo) -> dict[date, float]:
    """Hours in 22:00–06:00 local time, by the calendar day they fall in."""
    found: dict[date, float] = defaultdict(float)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = local_start.date() - timedelta(days=1)
    while day <= local_end.date():
        for lo, hi in (
            (
                datetime.combine(day, time(0), tzinfo=tz),
                datetime.combine(day, NIGHT_END, tzinfo=tz),
            ),
            (
                datetime.combine(day, NIGHT_START, tzinfo=tz),
                datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
            ),
        ):
            a, b = max(lo, local_start), min(hi, local_end)
            if b > a:
                found[day] += _hours(a, b)
        day += timedelta(days=1)
    return dict(found)


# --- required slots -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """A cycle of days, each a list of shift codes, counted from ``anchor``."""

    cycle: tuple[tuple[str, ...], ...]
    anchor: date
    workdays_only: bool = False

    def codes_on(self, day: date, calendar: Calendar) -> tuple[str, ...]:
        if self.workdays_only and calendar.is_rest_day(day):
            return ()
        return self.cycle[(day - self.anchor).days % len(self.cycle)]


@dataclass(frozen=True)
class SlotSpec:
    day: date
    shift: ShiftDef
    role: str
    slot: int


def required_slots(
    pattern: Pattern,
    shifts: dict[str, ShiftDef],
    calendar: Calendar,
    start: date,
    end: date,
) -> list[SlotSpec]:
    slots: list[SlotSpec] = []
    for day in iter_days(start, end):
        rest_day = calendar.is_rest_day(day)
        chosen = [shifts[c] for c in pattern.codes_on(day, calendar) if c in shifts]
        for shift in sorted(chosen, key=lambda s: (s.start, s.code)):
            if rest_day and not shift.on_rest_days:
                continue
            for role in DUTY_ROLES:
                for index in range(shift.need(role)):
                    slots.append(SlotSpec(day, shift, role, index))
    return slots


# --- per-person state for rule checks --------------------------------------------------------

_MICROSECOND = timedelta(microseconds=1)


def _span_hours(lo: int, hi: int) -> float:
    # The same two roundings as timedelta.total_seconds() / 3600 in ``_hours``.
    return (hi - lo) / 1_000_000 / 3600


class _Span(NamedTuple):
    """A shift window prepared once for every rule check against it.

    ``pieces`` are its hours by calendar day as (ISO week, month, hours), in day order, for
    the running totals; ``weeks`` and ``months`` are the same hours summed per week and
    per month, for the check.
    """

    lo: int
    hi: int
    hours: float
    pieces: tuple[tuple[tuple[int, int], tuple[int, int], float], ...]
    weeks: tuple[tuple[tuple[int, int], float], ...]
    months: tuple[tuple[tuple[int, int], float], ...]


_NAIVE_EPOCH = datetime(1970, 1, 1)
_ONE_DAY, _TWO_DAYS = timedelta(days=1), timedelta(days=2)
_NIGHT_START = timedelta(hours=NIGHT_START.hour, minutes=NIGHT_START.minute)
_NIGHT_END = timedelta(hours=NIGHT_END.hour, minutes=NIGHT_END.minute)


def _wall_clock_split(a: datetime, b: datetime) -> list[tuple[date, float]]:
    """``split_by_day`` of naive local times ``a``..``b`` with no clock change between them:
    each day's hours are wall-clock differences, the same figures as the aware ones."""
    split = []
    day = a.date()
    midnight = datetime(day.year, day.month, day.day) + _ONE_DAY
    cursor = a
    while True:
        piece_end = midnight if midnight < b else b
        if piece_end > cursor:
            split.append((day, (piece_end - cursor).total_seconds() / 3600))
        if midnight >= b:
            return split
        cursor, midnight, day = midnight, midnight + _ONE_DAY, day + _ONE_DAY


def _wall_clock_nights(a: datetime, b: datetime) -> list[tuple[date, float]]:
    """``night_hours_by_day`` of naive local times ``a``..``b`` with no clock change between."""
    found: dict[date, float] = {}
    day = a.date() - _ONE_DAY
    last = b.date()
    while day <= last:
        midnight = datetime(day.year, day.month, day.day)
        for lo, hi in (
            (midnight, midnight + _NIGHT_END),
            (midnight + _NIGHT_START, midnight + _ONE_DAY),
        ):
            lo, hi = (lo if lo > a else a), (hi if hi < b else b)
            if hi > lo:
                found[day] = found.get(day, 0.0) + (hi - lo).total_seconds() / 3600
        day += _ONE_DAY
    return list(found.items())


def _day_and_night_hours(
    start: datetime, end: datetime, tz: ZoneInfo
) -> tuple[list[tuple[date, float]], list[tuple[date, float]]]:
    """``split_by_day`` and ``night_hours_by_day`` of one window, by wall-clock arithmetic
    when no clock change can fall inside (same offset at both ends, at most two days)."""
    local, finish = start.astimezone(tz), end.astimezone(tz)
    if local.utcoffset() == finish.utcoffset() and finish - local <= _TWO_DAYS:
        a, b = local.replace(tzinfo=None), finish.replace(tzinfo=None)
        return _wall_clock_split(a, b), _wall_clock_nights(a, b)
    return split_by_day(start, end, tz), list(night_hours_by_day(start, end, tz).items())


class _Spans:
    """``_Span`` of each distinct window, computed once (crew of one shift share a window)."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.known: dict[tuple[datetime, datetime], _Span] = {}

    def get(self, start: datetime, end: datetime) -> _Span:
        span = self.known.get((start, end))
        if span is None:
            span = self.known[(start, end)] = self.make(start, end)
        return span

    def make(self, start: datetime, end: datetime) -> _Span:
        local, finish = start.astimezone(self.tz), end.astimezone(self.tz)
        offset, end_offset = local.utcoffset(), finish.utcoffset()
        assert offset is not None and end_offset is not None
        a, b = local.replace(tzinfo=None), finish.replace(tzinfo=None)
        # epoch microseconds, exact: differences give the very hours ``_hours`` gives
        lo = (a - offset - _NAIVE_EPOCH) // _MICROSECOND
        hi = (b - end_offset - _NAIVE_EPOCH) // _MICROSECOND
        split = (
            _wall_clock_split(a, b)
            if offset == end_offset and b - a <= _TWO_DAYS
            else split_by_day(start, end, self.tz)
        )
        pieces = []
        weeks: dict[tuple[int, int], float] = {}
        months: dict[tuple[int, int], float] = {}
        for day, hours in split:
            iso = day.isocalendar()
            week, month = (iso[0], iso[1]), (day.year, day.month)
            pieces.append((week, month, hours))
            weeks[week] = weeks.get(week, 0.0) + hours
            months[month] = months.get(month, 0.0) + hours
        return _Span(
            lo,
            hi,
            _span_hours(lo, hi),
            tuple(pieces),
            tuple(weeks.items()),
            tuple(months.items()),
        )


class _PersonState:
    """A person's shifts and running totals, so that each rule check is O(1) (plus a
    binary search for the neighbouring shifts)."""

    __slots__ = ("his", "los", "month_hours", "night_days", "week_hours")

    def __init__(self) -> None:
        self.los: list[int] = []  # shift starts (epoch microseconds), sorted
        self.his: list[int] = []  # the matching ends
        self.night_days: set[int] = set()  # ordinals of the days of night shifts
        self.week_hours: dict[tuple[int, int], float] = {}
        self.month_hours: dict[tuple[int, int], float] = {}

    def add(self, span: _Span, night: bool, day: date) -> None:
        index = bisect.bisect(self.los, span.lo)
        self.los.insert(index, span.lo)
        self.his.insert(index, span.hi)
        if night:
            self.night_days.add(day.toordinal())
        week_hours, month_hours = self.week_hours, self.month_hours
        for week, month, hours in span.pieces:
            week_hours[week] = week_hours.get(week, 0.0) + hours
            month_hours[month] = month_hours.get(month, 0.0) + hours


def _check(
    state: _PersonState,
    member: Member,
    leave_days: set[date] | frozenset[date],
    rules: Rules,
    shift: ShiftDef,
    role: str,
    day: date,
    span: _Span,
) -> tuple[str, str, str] | None:
    """The first hard rule the person would break by taking this shift, or None."""
    if not member.qualified(role, day):
        label = DUTY_ROLE_LABELS[role]
        return ("qualification", f"无{label[0]}资质", f"not qualified as {label[1]}")
    if day in leave_days:
        return ("leave", "当天请假", "on leave that day")
    los = state.los
    if los:
        lo, hi = span.lo, span.hi
        his = state.his
        index = bisect.bisect(los, lo)
        for other in range(max(0, index - 2), min(len(los), index + 2)):
            other_lo, other_hi = los[other], his[other]
            if other_lo < hi and lo < other_hi:
                return ("overlap", "与另一班次时间重叠", "overlaps another shift")
            # hours as _span_hours gives them, inline: this runs for every candidate
            gap = (lo - other_hi if other_hi <= lo else other_lo - hi) / 1_000_000 / 3600
            if gap < rules.min_rest_hours:
                return (
                    "min_rest",
                    f"两班之间仅休息 {gap:g} 小时（至少 {rules.min_rest_hours:g} 小时）",
                    f"only {gap:g} h rest between shifts (minimum {rules.min_rest_hours:g} h)",
                )
    if shift.is_night:
        nights = state.night_days
        ordinal = day.toordinal()
        run = 1
        cursor = ordinal - 1
        while cursor in nights:
            run += 1
            cursor -= 1
        cursor = ordinal + 1
        while cursor in nights:
            run += 1
            cursor += 1
        if run > rules.max_consecutive_nights:
            return (
                "consecutive_nights",
                f"将连续 {run} 个夜班（上限 {rules.max_consecutive_nights}）",
                f"would be {run} nights in a row (limit {rules.max_consecutive_nights})",
            )
    for rule, worked, adding, limit in (
        ("hours_week", state.week_hours, span.weeks, rules.max_hours_week),
        ("hours_month", state.month_hours, span.months, rules.max_hours_month),
    ):
        for key, hours in adding:
            total = worked.get(key, 0.0) + hours
            if total > limit + 1e-9:
                zh, en = _HOURS_REASONS[rule]
                return (
                    rule,
                    zh.format(*key, total=total, limit=limit),
                    en.format(*key, total=total, limit=limit),
                )
    return None


def first_broken_rule(
    rows: Iterable[Row],
    *,
    shifts_by_id: dict[int, ShiftDef],
    member: Member,
    leave: set[date] | frozenset[date],
    rules: Rules,
    shift: ShiftDef,
    role: str,
    day: date,
    tz: ZoneInfo,
) -> tuple[str, str, str] | None:
    """The first hard rule ``member``, who already works ``rows``, would break by taking
    ``shift`` on ``day`` in ``role``: (rule, detail zh, detail en), or None."""
    spans = _Spans(tz)
    state = _PersonState()
    for row in rows:
        state.add(spans.get(row.start, row.end), shifts_by_id[row.shift_id].is_night, row.day)
    start, end = shift.window(day, tz)
    return _check(state, member, leave, rules, shift, role, day, spans.get(start, end))


# --- generation -----------------------------------------------------------------------------


@dataclass
class _Load:
    hours: float = 0.0
    nights: int = 0
    weekends: int = 0
    holidays: int = 0


@dataclass(frozen=True)
class GenerationInput:
    team_id: int
    start: date
    end: date
    tz: ZoneInfo
    pattern: Pattern
    shifts: dict[str, ShiftDef]  # by code
    members: tuple[Member, ...]
    rules: Rules
    calendar: Calendar
    leave: dict[int, frozenset[date]] = field(default_factory=dict)
    # rows that stay: manual, swap, started, and every row of other teams/outside the range
    fixed: tuple[Row, ...] = ()


@dataclass(frozen=True)
class GenerationResult:
    rows: tuple[Row, ...]  # new generated rows for the range (fixed rows excluded)
    unfilled: tuple[Unfilled, ...]


def _shift_by_id(shifts: dict[str, ShiftDef]) -> dict[int, ShiftDef]:
    return {s.id: s for s in shifts.values()}


def generate(data: GenerationInput) -> GenerationResult:
    """Fill every free required slot with the least-loaded eligible member; never break a rule.

    Order: day by day, shifts by start time, roles leader → officer → standby. The load key
    for a slot is (holiday shifts if a holiday slot, weekend shifts if a weekend slot,
    nights if a night slot, a rotation by position), preceded by hours (doubled for
    part-time members), so that hours stay even and ties go to the less-burdened person.

    Members are ranked by that key and checked in rank order until one may take the slot:
    the first eligible one is the least-loaded eligible one (the key ends with the person
    id, so no two are equal). Only when nobody is eligible is everyone checked, for the
    reasons the gap is reported with.
    """
    by_id = _shift_by_id(data.shifts)
    spans = _Spans(data.tz)
    states: dict[int, _PersonState] = defaultdict(_PersonState)
    loads: dict[int, _Load] = {m.person_id: _Load() for m in data.members}
    member_ids = {m.person_id for m in data.members}
    taken: set[tuple[int, date, int, str, int]] = set()
    for row in sorted(data.fixed, key=lambda r: r.start):
        shift = by_id.get(row.shift_id)
        if shift is None:
            continue
        states[row.person_id].add(spans.get(row.start, row.end), shift.is_night, row.day)
        if row.team_id == data.team_id:
            taken.add(row.key)
        if row.person_id in member_ids and data.start <= row.day <= data.end:
            _count(loads[row.person_id], row, shift, data.calendar, data.tz)
    new_rows: list[Row] = []
    unfilled: list[Unfilled] = []
    members = data.members
    count = len(members) or 1
    # Per member (by index in ``members``): state, leave, and the load figures of the key.
    person_states = [states[m.person_id] for m in members]
    leaves = [data.leave.get(m.person_id, frozenset()) for m in members]
    factors = [1 if m.full_time else 2 for m in members]
    hours = [loads[m.person_id].hours for m in members]
    holidays = [loads[m.person_id].holidays for m in members]
    weekends = [loads[m.person_id].weekends for m in members]
    nights = [loads[m.person_id].nights for m in members]
    positions = [m.position for m in members]
    person_ids = [m.person_id for m in members]
    zeros = [0] * len(members)
    by_hours = sorted((hours[i] * factors[i], i) for i in range(len(members)))
    rules, tz, calendar = data.rules, data.tz, data.calendar
    windows: dict[tuple[date, int], tuple[datetime, datetime, _Span]] = {}
    current_day, holiday, weekend, day_index = None, False, False, 0
    for spec in required_slots(data.pattern, data.shifts, calendar, data.start, data.end):
        shift, role, day = spec.shift, spec.role, spec.day
        key = (data.team_id, day, shift.id, role, spec.slot)
        if key in taken:
            continue
        window = windows.get((day, shift.id))
        if window is None:
            start, end = shift.window(day, tz)
            window = windows[(day, shift.id)] = (start, end, spans.make(start, end))
        start, end, span = window
        if day != current_day:  # slots come day by day
            current_day = day
            holiday = calendar.is_holiday(day)
            weekend = calendar.is_weekend(day)
            day_index = (day - data.start).days
        night = shift.is_night
        # Hours first (part-timers count double), then the kind of slot, then rotation:
        # ``by_hours`` keeps members in order of weighted hours, so only the members of
        # one hours level at a time need the full key.
        of_holiday = holidays if holiday else zeros
        of_weekend = weekends if weekend else zeros
        of_night = nights if night else zeros
        chosen = -1
        broken_by: dict[int, tuple[str, str, str]] = {}
        level_start, size = 0, len(by_hours)
        while chosen < 0 and level_start < size:
            # One hours level: by_hours[level_start:level_end] (the index ends each entry).
            level_end = bisect.bisect_left(by_hours, (by_hours[level_start][0], size))
            ranked = [
                (
                    of_holiday[i],
                    of_weekend[i],
                    of_night[i],
                    (positions[i] - day_index) % count,
                    person_ids[i],
                    i,
                )
                for _level, i in by_hours[level_start:level_end]
            ]
            level_start = level_end
            while ranked:  # the best first; usually it may take the slot
                score = min(ranked)
                i = score[5]
                broken = _check(
                    person_states[i], members[i], leaves[i], rules, shift, role, day, span
                )
                if broken is None:
                    chosen = i
                    break
                broken_by[i] = broken
                ranked.remove(score)
        if chosen < 0:
            # Nobody eligible: every member was checked; report in the members' order.
            refusals: Counter[str] = Counter()
            reasons: dict[str, tuple[str, str]] = {}
            for i in range(len(members)):
                broken = broken_by[i]
                refusals[broken[0]] += 1
                reasons.setdefault(broken[0], (broken[1], broken[2]))
            unfilled.append(_unfilled(spec, refusals, reasons, len(members)))
            continue
        new_rows.append(
            Row(
                day,
                shift.id,
                role,
                spec.slot,
                person_ids[chosen],
                "generated",
                start,
                end,
                data.team_id,
            )
        )
        person_states[chosen].add(span, night, day)
        del by_hours[bisect.bisect_left(by_hours, (hours[chosen] * factors[chosen], chosen))]
        hours[chosen] += span.hours
        bisect.insort(by_hours, (hours[chosen] * factors[chosen], chosen))
        nights[chosen] += int(night)
        weekends[chosen] += int(weekend)
        holidays[chosen] += int(holiday)
        taken.add(key)
    return GenerationResult(tuple(new_rows), tuple(unfilled))


def _count(load: _Load, row: Row, shift: ShiftDef, calendar: Calendar, tz: ZoneInfo) -> None:
    load.hours += _hours(row.start, row.end)
    load.nights += int(shift.is_night)
    load.weekends += int(calendar.is_weekend(row.day))
    load.holidays += int(calendar.is_holiday(row.day))


def _unfilled(
    spec: SlotSpec, refusals: Counter[str], reasons: dict[str, tuple[str, str]], members: int
) -> Unfilled:
    if not refusals:
        return Unfilled(
            spec.day,
            spec.shift.code,
            spec.role,
            spec.slot,
            "qualification",
            "班组没有成员",
            "the team has no members",
        )
    qualified = members - refusals.get("qualification", 0)
    if qualified == 0:
        rule = "qualification"
    else:
        rule = max((r for r in refusals if r != "qualification"), key=lambda r: (refusals[r], r))
    parts_zh = "，".join(f"{RULE_LABELS[r][0]} {n} 人" for r, n in sorted(refusals.items()))
    parts_en = ", ".join(f"{RULE_LABELS[r][1]}: {n}" for r, n in sorted(refusals.items()))
    example = reasons.get(rule, ("", ""))
    return Unfilled(
        spec.day,
        spec.shift.code,
        spec.role,
        spec.slot,
        rule,
        f"无人可排（{parts_zh}）；例如：{example[0]}",
        f"nobody eligible ({parts_en}); e.g. {example[1]}",
    )


# --- checking and quality -------------------------------------------------------------------


def find_violations(
    rows: Iterable[Row],
    *,
    shifts_by_id: dict[int, ShiftDef],
    members: dict[int, Member],
    rules: Rules,
    leave: dict[int, frozenset[date]],
    tz: ZoneInfo,
    only_in: tuple[date, date] | None = None,
) -> list[Violation]:
    """Every hard rule broken by some row, checked in time order against earlier rows."""
    states: dict[int, _PersonState] = defaultdict(_PersonState)
    spans = _Spans(tz)
    found: list[Violation] = []
    for row in sorted(rows, key=lambda r: (r.start, r.person_id)):
        shift = shifts_by_id[row.shift_id]
        member = members.get(row.person_id) or Member(row.person_id, "", 0)
        span = spans.get(row.start, row.end)
        broken = _check(
            states[row.person_id],
            member,
            leave.get(row.person_id, frozenset()),
            rules,
            shift,
            row.role,
            row.day,
            span,
        )
        if broken is not None and (only_in is None or only_in[0] <= row.day <= only_in[1]):
            found.append(Violation(row.day, shift.code, row.role, row.person_id, *broken))
        states[row.person_id].add(span, shift.is_night, row.day)
    return found


def person_stats(
    rows: Sequence[Row],
    *,
    shifts_by_id: dict[int, ShiftDef],
    people: dict[int, tuple[str, bool]],
    calendar: Calendar,
    tz: ZoneInfo,
    start: date,
    end: date,
) -> list[PersonStats]:
    """Hours split by calendar day and clipped to [start, end]; every person in ``people``."""
    acc: dict[int, dict[str, float]] = {pid: defaultdict(float) for pid in people}
    # Crews share windows and days: split each window and look each day up once.
    # per window: (day, hours, weekend, holiday) of its days, and its night hours by day
    windows: dict[
        tuple[datetime, datetime],
        tuple[list[tuple[date, float, bool, bool]], list[tuple[date, float]]],
    ] = {}
    kinds: dict[date, tuple[bool, bool]] = {}

    def kind(day: date) -> tuple[bool, bool]:
        found = kinds.get(day)
        if found is None:
            found = kinds[day] = (calendar.is_weekend(day), calendar.is_holiday(day))
        return found

    for row in rows:
        shift = shifts_by_id[row.shift_id]
        totals = acc.setdefault(row.person_id, defaultdict(float))
        if start <= row.day <= end:
            weekend, holiday = kind(row.day)
            totals["shifts"] += 1
            totals["night_shifts"] += int(shift.is_night)
            totals["weekend_shifts"] += int(weekend)
            totals["holiday_shifts"] += int(holiday)
        split = windows.get((row.start, row.end))
        if split is None:
            days, nights = _day_and_night_hours(row.start, row.end, tz)
            split = windows[(row.start, row.end)] = (
                [(day, hours, *kind(day)) for day, hours in days],
                nights,
            )
        for day, hours, weekend, holiday in split[0]:
            if start <= day <= end:
                totals["hours"] += hours
                if weekend:
                    totals["weekend_hours"] += hours
                if holiday:
                    totals["holiday_hours"] += hours
        for day, hours in split[1]:
            if start <= day <= end:
                totals["night_hours"] += hours
    stats = []
    for pid, totals in acc.items():
        name, full_time = people.get(pid, (str(pid), False))
        stats.append(
            PersonStats(
                person_id=pid,
                name=name,
                full_time=full_time,
                shifts=int(totals["shifts"]),
                hours=round(totals["hours"], 2),
                night_shifts=int(totals["night_shifts"]),
                weekend_shifts=int(totals["weekend_shifts"]),
                holiday_shifts=int(totals["holiday_shifts"]),
                night_hours=round(totals["night_hours"], 2),
                weekend_hours=round(totals["weekend_hours"], 2),
                holiday_hours=round(totals["holiday_hours"], 2),
            )
        )
    return sorted(stats, key=lambda s: (-s.hours, s.person_id))


def balance_figure(stats: Iterable[PersonStats]) -> float | None:
    hours = [s.hours for s in stats if s.full_time]
    if not hours or max(hours) <= 0:
        return None
    return round(min(hours) / max(hours), 3)


def unfilled_from_rows(
    slots: Iterable[SlotSpec], rows: Iterable[Row], team_id: int
) -> list[Unfilled]:
    return unfilled_from_keys(slots, {r.key for r in rows}, team_id)


def unfilled_from_keys(
    slots: Iterable[SlotSpec], present: set[tuple[int, date, int, str, int]], team_id: int
) -> list[Unfilled]:
    """The slots not in ``present`` (keys as ``Row.key``: team, day, shift id, role, slot)."""
    return [
        Unfilled(
            s.day,
            s.shift.code,
            s.role,
            s.slot,
            "unassigned",
            "该岗位无人排班",
            "nobody is assigned to this slot",
        )
        for s in slots
        if (team_id, s.day, s.shift.id, s.role, s.slot) not in present
    ]
