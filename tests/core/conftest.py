"""Core fixtures shared by the tests that read the demo without changing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.store import db as storage


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Desk]:
    """The shared demo database, read-only, at the demo's fixed day."""
    db = storage.open_readonly(demo_db)
    try:
        yield Desk(db, clock=demo_clock())
    finally:
        db.close()
