"""Time handling: UTC ISO-8601 text in storage, an injectable clock everywhere else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

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
