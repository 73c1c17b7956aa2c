"""Opening, migrating and refusing database files without changing them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import (
    DamagedDatabase,
    DatabaseOpenError,
    NewerSchemaError,
    NotADutyDeskDatabase,
    UnwritableLocation,
)
from dutydesk.store import db as storage
from dutydesk.store.migrations import known_migration_names


def test_a_new_database_gets_every_migration_and_our_application_id(db_path: Path) -> None:
    db = storage.open_database(db_path, create=True)
    assert storage.applied_migrations(db) == known_migration_names()
    assert db.execute("PRAGMA application_id").fetchone()[0] == storage.APPLICATION_ID
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"people", "audit_log", "settings", "signatures"} <= set(db.table_names())
    db.close()


def test_reopening_applies_nothing_and_keeps_the_data(desk: Desk, db_path: Path) -> None:
    desk.close()
    with Desk.open(db_path) as reopened:
        assert reopened.people.by_employee_no("admin").name == "管理员甲"
        assert storage.applied_migrations(reopened.db) == known_migration_names()


def test_a_missing_file_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="不存在"):
        storage.open_database(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_a_text_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("值班记录，不是数据库", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NotADutyDeskDatabase) as caught:
        storage.open_database(path, create=True)
    assert "不是 DutyDesk 数据库" in caught.value.message
    assert "not a DutyDesk database" in caught.value.message_en
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotADutyDeskDatabase, match="SQLite"):
        storage.open_database(path, create=True)
    assert path.read_bytes() == before


def test_a_damaged_file_is_reported_and_left_unchanged(desk: Desk, db_path: Path) -> None:
    storage._checkpoint(db_path)
    desk.close()
    storage._checkpoint(db_path)
    data = bytearray(db_path.read_bytes())
    # Keep the 100-byte header so the file still looks like SQLite; ruin the schema page.
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    with pytest.raises((DamagedDatabase, NotADutyDeskDatabase)) as caught:
        storage.open_database(db_path)
    assert caught.value.message
    assert db_path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(
    desk: Desk, db_path: Path
) -> None:
    desk.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('dutydesk', '9999_from_the_future', '2030-01-01')"
    )
    desk.db.conn.commit()
    desk.close()
    storage._checkpoint(db_path)
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as caught:
        Desk.open(db_path)
    assert "9999_from_the_future" in caught.value.message
    assert "newer DutyDesk" in caught.value.message_en
    assert db_path.read_bytes() == before


def test_a_folder_that_does_not_exist_is_an_unwritable_location(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UnwritableLocation):
        storage.open_database(blocker / "duty.db", create=True)


def test_backup_and_restore_round_trip_keeps_the_replaced_file(
    desk: Desk, admin, db_path: Path, tmp_path: Path, clock
) -> None:
    backup = storage.backup_to(desk.db, tmp_path / "copy.db")
    desk.people.add(admin, name="后来者", employee_no="3001", roles=["officer"])
    desk.close()
    kept = storage.restore_from(backup, db_path, now=clock(), actor=admin)
    assert kept is not None and kept.exists()
    with Desk.open(db_path) as restored:
        numbers = [p.employee_no for p in restored.people.list()]
        assert "3001" not in numbers and "admin" in numbers
    with Desk.open(kept) as replaced:
        assert "3001" in [p.employee_no for p in replaced.people.list()]


def test_restoring_a_damaged_backup_changes_nothing(
    desk: Desk, admin, db_path: Path, tmp_path: Path, clock
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    desk.close()
    storage._checkpoint(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError):
        storage.restore_from(bad, db_path, now=clock(), actor=admin)
    assert db_path.read_bytes() == before


def test_rotating_backups_are_daily_and_keep_the_newest(desk: Desk, tmp_path: Path, clock) -> None:
    folder = tmp_path / "backups"
    made = []
    for _day in range(5):
        first = storage.rotating_backup(desk.db, folder, stem="duty", now=clock(), keep=3)
        again = storage.rotating_backup(desk.db, folder, stem="duty", now=clock(), keep=3)
        assert first is not None and again is None
        made.append(first)
        clock.advance(hours=23)
        assert storage.rotating_backup(desk.db, folder, stem="duty", now=clock(), keep=3) is None
        clock.advance(hours=1)
    left = sorted(folder.glob("duty-*.db"))
    assert [p.name for p in left] == [p.name for p in made[-3:]]
