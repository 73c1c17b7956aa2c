"""Issue 16 parts 4 and 7: two programs on one file; files from a newer DutyDesk."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import NewerSchemaError
from dutydesk.store import db as storage
from dutydesk.store.migrations import schema_version
from dutydesk.store.paths import backups_dir_for

STARTER = """
import sys, time
from pathlib import Path
from dutydesk.desk import Desk
go = Path(sys.argv[2])
with Desk.open(sys.argv[1]) as desk:
    while not go.exists():
        time.sleep(0.005)
    made = desk.automatic_backup()
    print(made or "none")
"""


@pytest.mark.parametrize("round_", range(3))
def test_two_programs_starting_at_once_make_exactly_one_backup(
    desk: Desk, db_path: Path, tmp_path: Path, round_: int
) -> None:
    desk.close()
    go = tmp_path / f"go-{round_}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(db_path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    time.sleep(1.0)  # both are open and waiting (the test does not depend on it)
    go.touch()
    outputs = [child.communicate(timeout=120) for child in children]
    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    folder = backups_dir_for(db_path)
    made = sorted(p.name for p in folder.iterdir())
    assert len(made) == 1 and made[0].endswith(".db"), made  # no .partial, no lock left
    assert sorted(out.strip() != "none" for out, _ in outputs) == [False, True]
    with storage.open_readonly(folder / made[0]) as copy:
        assert copy.execute("SELECT count(*) FROM people").fetchone()[0] >= 1


def test_backup_temporary_names_are_unique(desk: Desk, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    real_connect = sqlite3.connect

    def spy(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(str(name))
        return real_connect(name, *args, **kwargs)

    monkeypatch.setattr(storage.sqlite3, "connect", spy)
    storage.backup_to(desk.db, tmp_path / "a.db")
    storage.backup_to(desk.db, tmp_path / "b.db")
    partials = [Path(name).name for name in seen if name.endswith(".partial")]
    assert len(partials) == 2 and partials[0] != partials[1]
    assert str(os.getpid()) in partials[0]


def test_a_file_with_a_newer_user_version_is_refused_unchanged(desk: Desk, db_path: Path) -> None:
    desk.db.execute(f"PRAGMA user_version = {schema_version() + 988}")
    desk.close()
    storage._checkpoint(db_path)
    before = db_path.read_bytes()
    names_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(NewerSchemaError) as caught:
        Desk.open(db_path)
    assert str(schema_version() + 988) in caught.value.message
    assert "未作任何修改" in caught.value.message
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == names_before


def test_a_file_with_an_unknown_migration_is_refused_unchanged(desk: Desk, db_path: Path) -> None:
    desk.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('dutydesk', '9999_future', '2030-01-01')"
    )
    desk.close()
    storage._checkpoint(db_path)
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as caught:
        Desk.open(db_path)
    assert "9999_future" in caught.value.message
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "blocks"),
    [
        ("", True),  # just created by another program, not yet written
        ("123 {now}", True),  # held a moment ago
        ("123 {old}", False),  # left by a program that died 20 minutes ago
    ],
)
def test_a_backup_lock_is_stale_by_the_time_its_holder_wrote_in_it(
    desk: Desk, db_path: Path, content: str, blocks: bool
) -> None:
    folder = backups_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / f".{db_path.stem}.backup-lock"
    now = time.time()
    lock.write_text(content.format(now=f"{now:.0f}", old=f"{now - 20 * 60:.0f}"))
    made = desk.automatic_backup()
    assert (made is None) is blocks
    assert lock.exists() is blocks  # a stale lock is cleared with the backup made
