"""Site time, in one place.

Storage keeps every moment as UTC ISO-8601 text with an explicit offset, to the second
(``to_iso`` / ``parse_iso``). People see the duty room's own time: the site time zone is
a setting (``desk.settings.site_zone()``), and everything that shows or prints a time goes
through this module:

- ``site_now(desk)`` / ``site_today(desk)``: now and today at the site, from the desk's
  injectable clock (never the wall clock of the PC, whose zone may differ).
- ``to_site_local(moment_or_iso, zone)``: a stored UTC text or an aware datetime as a
  site-local aware datetime.
- ``format_site_time(...)``, ``format_site_date(...)``: the forms people write,
  ``2026-11-25 08:00`` and ``2026-11-25`` (``08:00`` when the date is already clear).
- ``minutes_between(start, end)``: whole minutes between two moments, with the one
  rounding rule of the application (see its docstring).
- ``parse_day(value, field)``: a typed or entered day (``YYYY-MM-DD``) as a ``date``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from dutydesk import limits
from dutydesk.errors import ValidationError

Clock = Callable[[], datetime]

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"
DATE_TIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """Store times as UTC with an explicit offset, to the second."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime; DutyDesk stores aware times only")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without offset: {text!r}")
    return moment


# -- the site ---------------------------------------------------------------------------


class _SiteSettings(Protocol):
    def site_zone(self) -> ZoneInfo: ...


class SiteDesk(Protocol):
    """What site time needs from a Desk: its clock and its settings."""

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> _SiteSettings: ...


def zone_of(zone: ZoneInfo | str) -> ZoneInfo:
    """A ZoneInfo from a zone or its name ("Asia/Shanghai")."""
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)


def site_now(desk: SiteDesk) -> datetime:
    """Now at the duty room: the desk's clock in the site time zone."""
    return desk.clock().astimezone(desk.settings.site_zone())


def site_today(desk: SiteDesk) -> date:
    """Today's date at the duty room (the site time zone), from the desk's clock."""
    return site_now(desk).date()


def to_site_local(moment_or_iso: datetime | str, zone: ZoneInfo | str) -> datetime:
    """A stored UTC text or an aware datetime, as an aware datetime in the site zone."""
    moment = parse_iso(moment_or_iso) if isinstance(moment_or_iso, str) else moment_or_iso
    if moment.tzinfo is None:
        raise ValueError("naive datetime; site time needs an aware moment")
    return moment.astimezone(zone_of(zone))


def format_site_time(
    moment_or_iso: datetime | str | None,
    zone: ZoneInfo | str,
    fmt: str | None = None,
    *,
    with_date: bool = True,
    seconds: bool = False,
    empty: str = "",
) -> str:
    """A moment as people write it at the site: ``2026-11-25 08:00`` (or ``08:00``).

    ``None`` or empty text gives ``empty``; ``seconds`` adds ``:SS`` (verification records);
    ``fmt`` (one of the formats above) overrides both.
    """
    if not moment_or_iso:
        return empty
    local = to_site_local(moment_or_iso, zone)
    if fmt is not None:
        return local.strftime(fmt)
    pattern = TIME_FORMAT + (":%S" if seconds else "")
    if with_date:
        pattern = f"{DATE_FORMAT} {pattern}"
    return local.strftime(pattern)


def format_site_date(moment_or_iso: datetime | str | None, zone: ZoneInfo | str) -> str:
    """The site-local date of a moment: ``2026-11-25`` ("" for None)."""
    if not moment_or_iso:
        return ""
    return to_site_local(moment_or_iso, zone).strftime(DATE_FORMAT)


def site_date(moment_or_iso: datetime | str, zone: ZoneInfo | str) -> date:
    """The date at the site when the moment happened (a UTC evening is the next site day)."""
    return to_site_local(moment_or_iso, zone).date()


def site_day_start(day: date, zone: ZoneInfo | str) -> datetime:
    """Midnight at the site at the start of ``day``, as an aware datetime."""
    return datetime.combine(day, datetime.min.time(), tzinfo=zone_of(zone))


# -- durations --------------------------------------------------------------------------


def minutes_between(start: datetime | str, end: datetime | str) -> int:
    """Whole minutes from ``start`` to ``end``, rounded UP, never negative.

    The one rounding rule of DutyDesk. Durations are measured against targets (respond
    within 30 minutes, hand over within the tolerance) and a target is broken by any part
    of a minute: 30 min 1 s is 31 minutes against a 30-minute target. Rounding up is
    therefore the only rule that never hides a breach, and it is the rule the incident
    figures stored at closing (response_minutes, resolution_minutes) have always used, so
    stored figures stay as they are. The ages of open handover items, which used to be
    rounded down, are computed on reading and never stored: they now count a started
    minute as a minute too (an item raised 10 seconds ago is "1 分钟" old).
    """
    first = parse_iso(start) if isinstance(start, str) else start
    last = parse_iso(end) if isinstance(end, str) else end
    seconds = (last - first) / timedelta(seconds=1)
    return max(0, math.ceil(seconds / 60))


# -- days -------------------------------------------------------------------------------


def parse_day(
    value: date | str | None,
    field: str = "day",
    label_zh: str = "日期",
    label_en: str = "Date",
) -> date:
    """A day given as a date or as ``YYYY-MM-DD`` text; ValidationError on ``field`` if not."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise ValidationError(
                field,
                f"{label_zh}格式应为 YYYY-MM-DD：{value}",
                en=f"{label_en} is written YYYY-MM-DD: {value}",
            ) from None
    # Days outside the years the site can use are refused here, once for every area.
    return limits.check_day(day, field)


# -- clocks for tests and the demo ------------------------------------------------------


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers the same time (tests, demo generation)."""
    return lambda: moment


class ManualClock:
    """A clock that moves only when told to (tests, demo generation)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment

    def advance(self, **delta: float) -> datetime:
        self.current = self.current + timedelta(**delta)
        return self.current
