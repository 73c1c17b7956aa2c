"""The demo builders' time: each area's records are written at their story's moments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk


@contextmanager
def manual_clock(desk: Desk, start: datetime) -> Iterator[ManualClock]:
    """Inside the block ``desk``'s clock is a manual one that starts at ``start`` (the
    builder moves it on); afterwards, after an error too, the clock it had is back."""
    original = desk.clock
    clock = ManualClock(start)
    desk.clock = clock
    try:
        yield clock
    finally:
        desk.clock = original
