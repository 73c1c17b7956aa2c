"""The demo database holds three months of realistic, signed handovers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_database


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Desk]:
    db = storage.open_readonly(demo_db)
    try:
        yield Desk(db)
    finally:
        db.close()


def test_two_signed_handovers_a_day_for_three_months(demo: Desk) -> None:
    days = demo.db.execute(
        "SELECT count(DISTINCT shift_date), min(shift_date), max(shift_date) FROM handovers"
    ).fetchone()
    assert days[0] == 90
    per_day = demo.db.execute(
        "SELECT DISTINCT count(*) FROM handovers WHERE status <> 'rejected' GROUP BY shift_date"
    ).fetchall()
    assert per_day == [(2,)]
    locked = demo.handover.count(status="locked")
    assert locked == 179
    on_time = demo.db.execute("SELECT avg(on_time) FROM handovers WHERE status = 'locked'")
    assert 0.8 < on_time.fetchone()[0] < 1
    durations = demo.db.execute(
        "SELECT min(duration_seconds), max(duration_seconds) FROM handovers"
    ).fetchone()
    assert 5 * 60 <= durations[0] and durations[1] <= 90 * 60


def test_the_demo_shows_every_part_of_the_workflow(demo: Desk) -> None:
    rejected = demo.handover.history(status="rejected")
    assert len(rejected) == 1
    first = demo.handover.get(rejected[0].id)
    assert first.reject_reason and "机房温度" in first.reject_reason
    again = demo.handover.get(first.resubmitted_as or 0)
    assert again.status == "locked" and any("备用空调" in v.note for v in again.items)
    amended = [h for h in demo.handover.history(limit=500) if h.amendments]
    assert len(amended) == 1
    travelled = demo.db.execute(
        "SELECT max(c) FROM (SELECT count(*) c FROM handover_open_items GROUP BY open_item_id)"
    ).fetchone()[0]
    assert travelled >= 3
    resolved = demo.handover.open_items(include_resolved=True)
    assert any(i.status == "resolved" and i.resolution for i in resolved)
    on_behalf = demo.db.execute("SELECT count(*) FROM signatures WHERE on_behalf_of IS NOT NULL")
    assert on_behalf.fetchone()[0] == 1
    waiting = demo.handover.current_for(demo.people.by_employee_no("1001"))
    assert waiting is not None and waiting.status == "submitted"


def test_the_demo_handovers_verify(demo: Desk) -> None:
    report = verify_database(demo.db)
    assert report.ok, report.problems[:3]
    assert report.signatures >= 359
