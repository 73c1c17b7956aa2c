"""Property: any single change to an audited row or an audit row is found by verify.

The change is made the way a raw SQLite tool would: the table's guard triggers are taken
off, one value is written, and the triggers are put back with their exact SQL, so the
schema check sees nothing and only the data checks can catch the change.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import LEADER, OFFICER
from dutydesk.store import audit
from dutydesk.store.verify import verify_path
from tests.conftest import PASSWORD, START

Cell = tuple[str, int, str]  # table, rowid, column


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, initialised_template: Path) -> Path:
    """A small file with people, settings, an incident with notes and its audit trail."""
    path = tmp_path_factory.mktemp("property") / "template.db"
    shutil.copyfile(initialised_template, path)
    with Desk.open(path, clock=ManualClock(START)) as desk:
        admin = desk.people.by_employee_no("admin")
        officer = desk.people.add(
            admin, name="李丽", employee_no="1001", roles=[OFFICER, LEADER], password=PASSWORD
        )
        desk.settings.set(admin, "backup_keep", "9")
        severity = desk.db.execute("SELECT min(id) FROM incident_severities").fetchone()[0]
        category = desk.db.execute("SELECT min(id) FROM incident_categories").fetchone()[0]
        incident = desk.incidents.report(
            officer, title="机房空调告警", severity_id=severity, category_id=category
        )
        desk.incidents.add_note(officer, incident.id, "已联系厂家")
    assert verify_path(path).ok
    return path


def _cells(path: Path) -> tuple[list[Cell], list[Cell]]:
    conn = sqlite3.connect(str(path))
    try:
        audited: list[Cell] = []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in sorted(audit.AUDITED_TABLES):
            if table not in tables:
                continue
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]
            for (rowid,) in conn.execute(f'SELECT rowid FROM "{table}"'):
                audited += [(table, rowid, column) for column in columns]
        audit_columns = [r[1] for r in conn.execute("PRAGMA table_info('audit_log')")]
        trail = [
            ("audit_log", seq, column)
            for (seq,) in conn.execute("SELECT seq FROM audit_log")
            for column in audit_columns
        ]
        return audited, trail
    finally:
        conn.close()


NEW_VALUES = st.one_of(
    st.integers(min_value=-5, max_value=10**6),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.binary(min_size=1, max_size=8),
    st.none(),
    st.sampled_from(["", "0", "1", "admin", "[]", '["admin"]', "locked", "closed"]),
)


def _change_one_value(path: Path, cell: Cell, value: Any) -> bool:
    """Write ``value`` into one cell behind the guards; False when nothing changed."""
    table, rowid, column = cell
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            [table],
        ).fetchall()
        before = conn.execute(
            f'SELECT "{column}", typeof("{column}") FROM "{table}" WHERE rowid = ?', [rowid]
        ).fetchone()
        conn.execute("BEGIN")
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        try:
            conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', [value, rowid])
        except sqlite3.IntegrityError:  # NOT NULL, CHECK, UNIQUE: not a possible file
            conn.execute("ROLLBACK")
            return False
        after = conn.execute(
            f'SELECT "{column}", typeof("{column}") FROM "{table}" WHERE rowid = ?',
            [value if column in ("id", "seq") and isinstance(value, int) else rowid],
        ).fetchone()
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
        return after != before
    finally:
        conn.close()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), value=NEW_VALUES, in_trail=st.booleans())
def test_any_single_change_to_an_audited_row_or_an_audit_row_is_found(
    template: Path, tmp_path: Path, data: st.DataObject, value: Any, in_trail: bool
) -> None:
    audited, trail = _cells(template)
    cell = data.draw(st.sampled_from(trail if in_trail else audited), label="cell")
    path = tmp_path / "changed.db"
    shutil.copyfile(template, path)
    assume(_change_one_value(path, cell, value))
    report = verify_path(path)
    assert not report.ok, f"{cell} = {value!r} went unnoticed"
    checks = {p.check for p in report.problems}
    assert "schema" not in checks  # the guards were put back exactly
    expected = "audit_chain" if in_trail else "records"
    assert expected in checks, report.problems
