"""The hash-chained audit trail and what verify finds when anything is changed behind it."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from dutydesk.desk import Desk
from dutydesk.store import audit
from dutydesk.store.verify import verify_database


def test_every_core_change_writes_one_chained_audit_row(desk: Desk, admin) -> None:
    before = audit.head(desk.db)[0]
    person = desk.people.add(admin, name="赵六", employee_no="1234", roles=["officer"])
    desk.people.update(admin, person.id, phone="13800000000")
    rows = audit.entries(desk.db, entity="people", entity_id=person.id)
    assert [r.action for r in rows] == ["update", "create"]
    assert rows[0].before["phone"] == "" and rows[0].after["phone"] == "13800000000"
    assert rows[0].actor_id == admin.id
    assert audit.head(desk.db)[0] == before + 2
    chain = desk.db.execute("SELECT prev_hash, hash FROM audit_log ORDER BY seq").fetchall()
    for (_, previous), (linked, _) in itertools.pairwise(chain):
        assert linked == previous


def test_passwords_never_reach_the_audit_trail_in_clear(desk: Desk, admin) -> None:
    desk.people.add(
        admin, name="钱七", employee_no="4321", roles=["officer"], password="s3cret-pass"
    )
    text = " ".join(
        (row[0] or "") + (row[1] or "")
        for row in desk.db.execute("SELECT before_json, after_json FROM audit_log")
    )
    assert "s3cret-pass" not in text
    assert "scrypt$" not in text
    assert "sha256:" in text


def test_the_audit_log_rejects_update_and_delete(desk: Desk) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        desk.db.execute("UPDATE audit_log SET actor_label = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        desk.db.execute("DELETE FROM audit_log WHERE seq = 1")
    desk.db.conn.rollback()


def test_a_failed_write_leaves_neither_row_nor_audit_entry(desk: Desk, admin) -> None:
    count = desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        audit.insert(
            desk.db,
            "people",
            {"name": "", "employee_no": "x", "created_at": "a", "updated_at": "b"},
            actor=admin.actor,
            at=desk.now_iso(),
        )
    assert desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count
    assert desk.db.execute("SELECT count(*) FROM people WHERE employee_no='x'").fetchone()[0] == 0


def test_verify_passes_on_an_untouched_database(desk: Desk, crew) -> None:
    report = verify_database(desk.db)
    assert report.ok, report.problems
    assert report.records_checked >= 5


def _bypass_triggers(desk: Desk, sql: str) -> None:
    """What an attacker with a raw SQLite tool could do: drop the guard, edit, restore it."""
    desk.db.conn.executescript(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        + sql
        + """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
    )


def test_verify_reports_a_record_changed_with_raw_sql(desk: Desk, crew) -> None:
    target = crew["officer"]
    desk.db.execute("UPDATE people SET roles = '[\"admin\"]' WHERE id = ?", [target.id])
    desk.db.conn.commit()
    problems = verify_database(desk.db).problems
    assert [(p.table, p.row) for p in problems] == [("people", str(target.id))]
    assert "roles" in problems[0].message


def test_verify_reports_rows_inserted_or_deleted_behind_the_core(desk: Desk, crew) -> None:
    desk.db.execute(
        "INSERT INTO people (name, employee_no, created_at, updated_at)"
        " VALUES ('影子', 'ghost', 'x', 'x')"
    )
    desk.db.execute("DELETE FROM sign_in_failures")
    desk.db.execute("DELETE FROM people WHERE id = ?", [crew["auditor"].id])
    desk.db.conn.commit()
    problems = verify_database(desk.db).problems
    messages = " ".join(p.message for p in problems)
    assert "不在审计记录中" in messages
    assert "已被删除" in messages


def test_verify_reports_a_one_byte_change_in_an_audit_row(desk: Desk, crew) -> None:
    _bypass_triggers(desk, "UPDATE audit_log SET actor_label = actor_label || 'x' WHERE seq = 3;")
    problems = verify_database(desk.db).problems
    assert [(p.check, p.row) for p in problems] == [("audit_chain", "3")]


def test_verify_reports_a_removed_audit_row(desk: Desk, crew) -> None:
    _bypass_triggers(desk, "DELETE FROM audit_log WHERE seq = 2;")
    problems = verify_database(desk.db).problems
    checks = {(p.check, p.table) for p in problems}
    assert ("audit_chain", "audit_log") in checks
    assert any("序号不连续" in p.message for p in problems)


def test_a_recomputed_chain_after_tampering_is_still_caught_by_record_images(
    desk: Desk, crew
) -> None:
    # Changing a record and its audit image together breaks the hash of that audit row.
    target = crew["officer"]
    desk.db.execute("UPDATE people SET phone = '110' WHERE id = ?", [target.id])
    _bypass_triggers(
        desk,
        f"UPDATE audit_log SET after_json = json_set(after_json, '$.phone', '110')"
        f" WHERE entity = 'people' AND entity_id = '{target.id}';",
    )
    problems = verify_database(desk.db).problems
    assert problems and all(p.check == "audit_chain" for p in problems)
