"""Storage edge cases: locks, other writers, restores of an open file, exports and upgrades."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import Conflict, DatabaseOpenError, UnwritableLocation
from dutydesk.store import archive, audit
from dutydesk.store import db as storage
from dutydesk.store.migrations import migrations
from dutydesk.store.verify import verify_database, verify_path


def _bytes_on_disk(path: Path) -> bytes:
    storage._checkpoint(path)
    return path.read_bytes()


def test_an_audited_transaction_holds_the_write_lock_from_its_start(
    desk: Desk, db_path: Path
) -> None:
    other = sqlite3.connect(db_path, timeout=0)
    try:
        with desk.db.atomic():
            # Only a read so far; a deferred BEGIN would still let the other writer in.
            audit.head(desk.db)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("INSERT INTO sign_in_failures VALUES (1, 1, 'x')")
        other.rollback()
    finally:
        other.close()


WRITER = """
import sys
from dutydesk.desk import Desk
with Desk.open(sys.argv[1]) as desk:
    admin = desk.people.by_employee_no("admin")
    for index in range(25):
        desk.settings.set(admin, "backup_keep", str(10 + index))
print("done")
"""


def test_two_processes_writing_at_once_keep_one_unbroken_chain(desk: Desk, db_path: Path) -> None:
    rows_before = audit.head(desk.db)[0]
    desk.close()
    children = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=60)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    report = verify_path(db_path)
    assert report.ok, report.problems
    assert report.audit_rows == rows_before + 50


def test_a_database_locked_by_another_program_gives_one_clear_error(
    desk: Desk, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 50)
    desk.close()
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE settings SET value = value")
    try:
        with pytest.raises(DatabaseOpenError) as caught:
            storage.open_database(db_path)
        assert "占用" in caught.value.message
        assert "in use by another program" in caught.value.message_en
    finally:
        holder.rollback()
        holder.close()


def test_an_unwritable_file_is_refused_before_anything_is_written(
    desk: Desk, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.close()
    before = _bytes_on_disk(db_path)
    monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)
    with pytest.raises(UnwritableLocation, match="不可写"):
        storage.open_database(db_path)
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_read_only_audit_copy_can_still_be_verified(desk: Desk, admin, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    archive.export_for_audit(desk, copy, exporter=admin)
    copy.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert verify_path(copy).ok
    finally:
        tmp_path.chmod(0o755)
    assert not Path(f"{copy}-wal").exists()


def test_restore_refuses_while_the_target_is_open_elsewhere(
    desk: Desk, admin, db_path: Path, tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "RESTORE_LOCK_WAIT_S", 0.05)
    backup = storage.backup_to(desk.db, tmp_path / "b.db")
    with pytest.raises(DatabaseOpenError) as caught:
        storage.restore_from(backup, db_path, now=clock(), actor=admin)
    assert "正在被其他程序使用" in caught.value.message
    assert desk.people.by_employee_no("admin")  # the open database is untouched
    assert sorted(p.name for p in tmp_path.iterdir() if "restoring" in p.name) == []


def test_restore_leaves_no_wal_of_the_old_file_and_never_overwrites_a_kept_file(
    desk: Desk, admin, db_path: Path, tmp_path: Path, clock
) -> None:
    backup = storage.backup_to(desk.db, tmp_path / "b.db")
    desk.people.add(admin, name="新人", employee_no="3001", roles=["officer"])
    desk.close()
    first = storage.restore_from(backup, db_path, now=clock(), actor=admin)
    second = storage.restore_from(backup, db_path, now=clock(), actor=admin)  # same second
    assert first and second and first != second and first.exists() and second.exists()
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()
    with Desk.open(first) as kept:
        assert kept.people.by_employee_no("3001")
    assert verify_path(db_path).ok


def test_an_export_never_overwrites_a_file(desk: Desk, admin, tmp_path: Path) -> None:
    dest = tmp_path / "audit.db"
    dest.write_text("someone's file")
    head = audit.head(desk.db)
    with pytest.raises(Conflict, match="已存在"):
        archive.export_for_audit(desk, dest, exporter=admin)
    assert dest.read_text() == "someone's file"
    assert audit.head(desk.db) == head
    assert not archive.manifest_path_for(dest).exists()


def test_an_export_onto_the_live_database_is_refused(desk: Desk, admin, db_path: Path) -> None:
    with pytest.raises(Conflict):
        archive.export_for_audit(desk, db_path, exporter=admin)
    with pytest.raises(UnwritableLocation, match=r"itself|自己"):
        storage.backup_to(desk.db, db_path)
    assert verify_database(desk.db).ok


def test_the_manifest_describes_the_copy_completely(desk: Desk, admin, tmp_path: Path) -> None:
    copy = tmp_path / "audit.db"
    manifest = archive.export_for_audit(desk, copy, exporter=admin)
    assert manifest.exporter == admin.name and manifest.exporter_id == admin.id
    assert manifest.site_name == "测试值班室"
    assert manifest.file_sha256 == storage.file_sha256(copy)
    assert manifest.file_size == copy.stat().st_size
    assert manifest.migrations == storage.applied_migrations(desk.db)
    with storage.open_readonly(copy) as copied:
        assert manifest.row_counts == storage.table_counts(copied)
        assert (manifest.audit_rows, manifest.audit_head_hash) == audit.head(copied)
        # A self-contained file: no WAL beside it that a copy to a USB stick could miss.
        assert copied.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert archive.Manifest.from_file(archive.manifest_path_for(copy)) == manifest
    assert archive.check_export(copy) == []
    # The export itself is in the copy's audit trail.
    assert audit.entries(storage.open_readonly(copy), limit=1)[0].action == "audit_export"


def test_a_foreign_json_file_is_not_taken_for_a_manifest(tmp_path: Path) -> None:
    bogus = tmp_path / "x.manifest.json"
    bogus.write_text('{"name": "not ours"}')
    with pytest.raises(Exception, match="不是 DutyDesk 审计导出清单"):
        archive.Manifest.from_file(bogus)


def test_a_pending_migration_first_keeps_a_named_copy_of_the_old_file(
    desk: Desk, db_path: Path
) -> None:
    desk.close()

    @migrations(name="0099_test_only")
    def _extra(db) -> None:
        db.execute("CREATE TABLE test_only (id INTEGER PRIMARY KEY)")

    try:
        with Desk.open(db_path) as upgraded:
            assert "test_only" in upgraded.db.table_names()
        copies = sorted(db_path.parent.glob("duty.before-0099_test_only-*.db"))
        assert len(copies) == 1
        with storage.open_readonly(copies[0]) as old:
            assert "test_only" not in old.table_names()
    finally:
        migrations._migrations[:] = [
            m for m in migrations._migrations if m.name != "0099_test_only"
        ]


def test_verifying_or_refusing_a_file_leaves_no_wal_or_shm_beside_it(
    desk: Desk, db_path: Path
) -> None:
    desk.close()
    storage._checkpoint(db_path)
    assert verify_path(db_path).ok
    with storage.open_readonly(db_path) as db:
        assert audit.head(db)[0] > 0
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["duty.db"]


def test_bytes_changed_inside_chinese_text_are_reported_not_a_crash(
    desk: Desk, admin, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    archive.export_for_audit(desk, copy, exporter=admin)
    data = bytearray(copy.read_bytes())
    name = "管理员甲".encode()
    at = data.find(name)
    assert at > 0
    data[at + 1] = 0xFF  # no longer valid UTF-8
    copy.write_bytes(bytes(data))
    report = verify_path(copy)
    assert not report.ok
    assert any("UTF-8" in p.message_en for p in report.problems)
    assert any(p.table in {"people", "audit_log"} for p in report.problems)


def test_verify_reports_progress_through_the_chain(
    desk: Desk, admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dutydesk.store.verify as verify_module

    monkeypatch.setattr(verify_module, "PROGRESS_EVERY", 2)
    for minutes in (5, 6, 7, 8):
        desk.settings.set(admin, "idle_lock_minutes", str(minutes))
    seen: list[tuple[int, int]] = []
    report = verify_database(desk.db, progress=lambda done, total: seen.append((done, total)))
    assert report.ok
    done, total = seen[-1]
    # The chain, then the audited records, then the indexed incidents: counted in rows.
    assert done == total >= report.audit_rows + report.records_checked
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) >= 3


def test_an_export_to_an_unwritable_folder_records_nothing(
    desk: Desk, admin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = audit.head(desk.db)
    monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)
    with pytest.raises(UnwritableLocation, match="不可写"):
        archive.export_for_audit(desk, tmp_path / "audit.db", exporter=admin)
    monkeypatch.undo()
    assert audit.head(desk.db) == head
    assert not (tmp_path / "audit.db").exists()
