"""Time handling: UTC ISO-8601 text in storage, an injectable clock everywhere else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


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


class _Settings(Protocol):
    def get(self, key: str) -> Any: ...


def site_zone(settings: _Settings) -> ZoneInfo:
    """The site's time zone from the site settings (``site_timezone``)."""
    return ZoneInfo(str(settings.get("site_timezone")))


def to_site_local(moment_or_iso: datetime | str, zone: ZoneInfo | str) -> datetime:
    """A stored UTC moment (aware datetime or ISO text with offset) as site-local time."""
    moment = parse_iso(moment_or_iso) if isinstance(moment_or_iso, str) else moment_or_iso
    if moment.tzinfo is None:
        raise ValueError("naive datetime; DutyDesk stores aware times only")
    return moment.astimezone(zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone))


# How people write times: the date, the minute, and both together.
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def format_site_time(
    moment_or_iso: datetime | str | None,
    zone: ZoneInfo | str,
    fmt: str = DATETIME_FORMAT,
    *,
    empty: str = "",
) -> str:
    """Site-local text for a stored moment: ``2026-11-25 08:05``; ``empty`` for None or ""."""
    if moment_or_iso is None or moment_or_iso == "":
        return empty
    return to_site_local(moment_or_iso, zone).strftime(fmt)


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
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)
        return self.current
