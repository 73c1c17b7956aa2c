"""Issue 16 part 8: disk full, read-only file and folder, a database locked by another
program. Each fault is a typed DutyDesk error with a clear message, and nothing is half-saved.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import (
    DatabaseBusy,
    DiskFull,
    ReadOnlyStorage,
    StorageFault,
    UnwritableLocation,
)
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_path
from tests.conftest import START
from tests.core.test_bad_input_is_typed import fingerprint


def _submit(desk: Desk, person, text: str) -> None:  # type: ignore[no-untyped-def]
    desk.feedback.submit(person, text=text)


def test_disk_full_simulated_by_sqlite_page_limit(desk: Desk, crew) -> None:  # type: ignore[no-untyped-def]
    """Everywhere: SQLite's own page limit gives the same SQLITE_FULL as a full disk."""
    pages = desk.db.execute("PRAGMA page_count").fetchone()[0]
    desk.db.execute(f"PRAGMA max_page_count = {pages}")
    before = fingerprint(desk)
    with pytest.raises(DiskFull) as caught:
        for _ in range(200):
            _submit(desk, crew["officer"], "空调故障，" * 400)
            before = fingerprint(desk)  # what was committed so far
    assert "磁盘已满" in caught.value.message and "未保存" in caught.value.message
    assert isinstance(caught.value, sqlite3.OperationalError)  # old handlers still match
    assert fingerprint(desk) == before
    desk.db.execute(f"PRAGMA max_page_count = {pages * 100}")
    _submit(desk, crew["officer"], "恢复后可以继续保存")  # the connection is still usable


@contextlib.contextmanager
def _small_tmpfs(size_kb: int) -> Iterator[Path]:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real small file system needs root on Linux")
    where = Path(f"/tmp/dutydesk-full-{uuid.uuid4().hex[:8]}")
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        where.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)
        where.rmdir()


@pytest.mark.slow
def test_disk_full_on_a_real_small_file_system(initialised_template: Path) -> None:
    size = initialised_template.stat().st_size
    with _small_tmpfs(size // 1024 + 600) as folder:
        path = folder / "duty.db"
        shutil.copyfile(initialised_template, path)
        with Desk.open(path, clock=ManualClock(START)) as desk:
            admin = desk.people.by_employee_no("admin")
            saved = 0
            with pytest.raises(DiskFull):
                for _ in range(10_000):
                    before = fingerprint(desk)
                    desk.roster.add_team(admin, name=f"班组{saved}-" + "长" * 3000)
                    saved += 1
            assert saved > 0
            assert fingerprint(desk) == before  # the failed write left nothing behind
        copy = Path("/tmp") / f"after-full-{uuid.uuid4().hex[:8]}.db"
        try:
            shutil.copyfile(path, copy)
            for suffix in ("-wal",):
                if Path(f"{path}{suffix}").exists():
                    shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
            report = verify_path(copy)
            assert report.ok, report.problems
        finally:
            for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
                leftover.unlink(missing_ok=True)


def test_a_read_only_database_file_refuses_writes_by_name(desk: Desk, crew, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Root ignores file modes, so the file is opened read-only the way SQLite reports it."""
    before = fingerprint(desk)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    read_only = Desk(storage.DutyDeskDatabase(conn), path=db_path, clock=desk.clock)
    try:
        with pytest.raises(ReadOnlyStorage) as caught:
            read_only.feedback.submit(crew["officer"], text="只读文件")
        assert "只读" in caught.value.message
    finally:
        read_only.close()
    assert fingerprint(desk) == before


def test_a_read_only_folder_or_file_is_refused_on_opening(
    desk: Desk, db_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    desk.close()
    before = db_path.read_bytes()
    real_access = os.access

    def no_writing(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(storage.os, "access", no_writing)
    with pytest.raises(UnwritableLocation):
        Desk.open(db_path)
    with pytest.raises(UnwritableLocation):
        Desk.open(db_path.parent / "new.db", create=True)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "new.db").exists()


def test_a_read_only_folder_really_refused_when_not_root(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write into any folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UnwritableLocation):
            Desk.open(folder / "duty.db", create=True)
    finally:
        folder.chmod(0o755)


HOLDER = """
import sqlite3, sys, time
from pathlib import Path
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
Path(sys.argv[2]).touch()
while not Path(sys.argv[3]).exists():
    time.sleep(0.01)
conn.execute("ROLLBACK")
"""


def test_a_database_locked_by_another_program(
    desk: Desk, crew, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    holding, release = tmp_path / "holding", tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), str(holding), str(release)]
    )
    try:
        for _ in range(1000):
            if holding.exists():
                break
            holder.poll()
            assert holder.returncode is None
            import time

            time.sleep(0.01)
        desk.db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(DatabaseBusy) as caught:
            desk.feedback.submit(crew["officer"], text="被锁住时提交")
        assert "另一个程序" in caught.value.message
        assert isinstance(caught.value, StorageFault)
    finally:
        release.touch()
        holder.wait(timeout=30)
    desk.db.execute("PRAGMA busy_timeout = 5000")
    texts = [r[0] for r in desk.db.execute("SELECT text FROM feedback")]
    assert "被锁住时提交" not in texts
    desk.feedback.submit(crew["officer"], text="释放后提交")
    assert verify_path(db_path).ok


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("disk I/O error", "StorageIOError", "读写数据库文件时出错"),
        ("database or disk is full", "DiskFull", "磁盘已满"),
        ("attempt to write a readonly database", "ReadOnlyStorage", "只读"),
        ("database is locked", "DatabaseBusy", "另一个程序"),
        ("database disk image is malformed", "StorageIOError", "已损坏"),
    ],
)
def test_every_sqlite_fault_has_its_typed_error(
    desk: Desk, crew, monkeypatch, text: str, kind: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    """An I/O error mid-write (simulated: SQLite raises it from the write) is typed too."""
    before = fingerprint(desk)
    real = storage.Database.execute  # the sqlite-utils method under the typed wrapper

    def failing(self, sql, parameters=None):  # type: ignore[no-untyped-def]
        if sql.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            raise sqlite3.OperationalError(text)
        return real(self, sql, parameters)

    monkeypatch.setattr(storage.Database, "execute", failing)
    with pytest.raises(StorageFault) as caught:
        desk.feedback.submit(crew["officer"], text="写到一半出错")
    assert type(caught.value).__name__ == kind and words in caught.value.message
    monkeypatch.undo()
    assert fingerprint(desk) == before
