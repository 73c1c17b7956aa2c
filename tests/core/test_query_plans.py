"""The planner uses the indexes meant for the handover history and the handover KPIs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from dutydesk.desk import Desk
from dutydesk.handover.records import HISTORY_SELECT
from dutydesk.incidents.records import IncidentFilter
from dutydesk.people.auth import Person

KPI_LOCKED = (
    "SELECT id, duration_seconds, on_time FROM handovers WHERE status = 'locked'"
    " AND shift_date BETWEEN ? AND ? AND locked_at <= ? ORDER BY shift_date, id"
)


def _plan(conn: sqlite3.Connection, sql: str, params: list[str] | None = None) -> str:
    return "\n".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params or []))


def test_handover_history_walks_the_boundary_index_without_sorting(desk: Desk) -> None:
    plan = _plan(
        desk.db.conn, f"{HISTORY_SELECT} ORDER BY h.shift_boundary_at DESC, h.id DESC LIMIT 200"
    )
    assert "handovers_boundary" in plan
    assert "TEMP B-TREE" not in plan


def test_statistics_steer_the_handover_kpis_off_the_status_index(
    demo_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db, copy)
    conn = sqlite3.connect(copy)
    try:
        analysed = {r[0] for r in conn.execute("SELECT tbl FROM sqlite_stat1")}
        assert "handovers" in analysed
        plan = _plan(conn, KPI_LOCKED, ["2026-07-01", "2026-09-30", "2026-11-01"])
        assert "handovers_date" in plan and "handovers_status" not in plan
        # Without statistics SQLite takes status = 'locked' for a selective equality.
        conn.execute("DROP TABLE sqlite_stat1")
        conn.commit()
    finally:
        conn.close()
    conn = sqlite3.connect(copy)
    try:
        plan = _plan(conn, KPI_LOCKED, ["2026-07-01", "2026-09-30", "2026-11-01"])
        assert "handovers_status" in plan
    finally:
        conn.close()


def test_closing_refreshes_missing_statistics_of_the_tables_used(
    desk: Desk, crew: dict[str, Person]
) -> None:
    ref = desk.incidents.reference
    desk.incidents.report(
        crew["officer"],
        title="机房空调故障",
        severity_id=ref.severities()[0].id,
        category_id=ref.categories()[0].id,
    )
    path = desk.db.conn.execute("PRAGMA database_list").fetchone()[2]
    desk.db.execute("DROP TABLE IF EXISTS sqlite_stat1")
    desk.incidents.search(IncidentFilter(statuses=("new",)))
    desk.close()
    conn = sqlite3.connect(path)
    try:
        analysed = {r[0] for r in conn.execute("SELECT tbl FROM sqlite_stat1")}
    finally:
        conn.close()
    assert "incidents" in analysed


def test_a_handover_finds_the_open_incidents_through_the_open_index(desk: Desk) -> None:
    """Starting a handover lists what is still open: without the partial index the planner
    walks every earlier incident (0.2 s a handover on a ten-year file)."""
    from datetime import UTC, datetime

    from dutydesk.connections import incident_summary

    statements: list[str] = []
    desk.db.conn.set_trace_callback(statements.append)
    try:
        incident_summary(
            desk, datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 11, 25, tzinfo=UTC)
        )
    finally:
        desk.db.conn.set_trace_callback(None)
    [open_query] = [s for s in statements if "NOT IN ('resolved', 'closed')" in s]
    plan = _plan(desk.db.conn, open_query)
    assert "incidents_open" in plan
    assert "incidents_reported" not in plan
