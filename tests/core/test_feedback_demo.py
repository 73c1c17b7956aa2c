"""The demo database holds a realistic improvement loop with two past quarterly cycles."""

from __future__ import annotations

from pathlib import Path

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.store.verify import verify_database


def test_the_demo_has_two_past_quarters_the_earlier_approved_and_locked(demo_db: Path) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        quarters = sorted(desk.cycles.cycles(kind="quarter"), key=lambda c: c.start_date)
        assert len(quarters) == 3
        earlier, later, current = quarters
        assert earlier.locked and earlier.status == "approved"
        assert [s.meaning for s in desk.cycles.signatures(earlier.id)] == ["approve"]
        assert later.status == "evaluated" and not later.locked
        assert later.previous_id == earlier.id and current.status == "open"
        assert earlier.kpi_snapshot and None in earlier.kpi_snapshot.values()
        # Unfinished actions of the approved quarter were carried into the next one.
        assert any(a.carry_count for a in desk.improvement.actions(cycle_id=later.id))
        assert desk.improvement.actions(overdue_only=True)
        assert desk.improvement.actions(status="done")
        assert desk.feedback.count() > 30
        anonymous = [f for f in desk.feedback.list() if f.anonymous]
        assert anonymous and all(f.giver_id is None for f in anonymous)
        assert desk.improvement_analysis.recurring_problems()
        assert any(d.action_id for m in desk.meetings.meetings() for d in m.decisions)
        assert verify_database(desk.db).ok
