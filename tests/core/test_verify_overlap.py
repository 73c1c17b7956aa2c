"""Issue 15 part 6: integrity_check and foreign_key_check run on a second connection, in a
thread, while the chain and the records are checked; both connections read one snapshot.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import dutydesk.store.verify as verify_module
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.store import audit
from dutydesk.store.verify import verify_path


@pytest.fixture
def copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "duty.db"
    shutil.copyfile(demo_db, path)
    return path


def _spy(monkeypatch: pytest.MonkeyPatch, commit_on_open: int, path: Path) -> dict[str, int]:
    """Count second connections opened and storage threads run; the first
    ``commit_on_open`` openings are preceded by a real DutyDesk write committed by
    another connection (between verify's snapshot and the second connection's)."""
    seen = {"open": 0, "run": 0}
    original_open = verify_module._StorageChecks.open.__func__  # type: ignore[attr-defined]
    original_run = verify_module._StorageChecks._run

    def open_(cls: Any, db: Any, watcher: Any) -> Any:
        seen["open"] += 1
        if seen["open"] <= commit_on_open:
            with Desk.open(path, clock=demo_clock()) as desk:
                admin = desk.people.by_employee_no("admin")
                desk.settings.set(admin, "backup_keep", str(20 + seen["open"]))
        return original_open(cls, db, watcher)

    def run(self: Any) -> None:
        seen["run"] += 1
        original_run(self)

    monkeypatch.setattr(verify_module._StorageChecks, "open", classmethod(open_))
    monkeypatch.setattr(verify_module._StorageChecks, "_run", run)
    return seen


def _head(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return int(conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def test_the_storage_checks_run_in_a_thread_on_the_same_snapshot(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _spy(monkeypatch, 0, copy)
    report = verify_path(copy)
    assert report.ok, report.problems[:5]
    assert seen == {"open": 1, "run": 1}


def test_a_commit_between_the_two_connections_takes_a_new_snapshot(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _spy(monkeypatch, 1, copy)
    report = verify_path(copy)
    assert report.ok, report.problems[:5]
    assert seen == {"open": 2, "run": 1}
    # The snapshot used is the one after the write, for every check.
    assert report.audit_rows == _head(copy)


def test_commits_every_time_fall_back_to_one_connection(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _spy(monkeypatch, 10, copy)
    report = verify_path(copy)
    assert report.ok, report.problems[:5]
    assert seen == {"open": 3, "run": 0}
    assert report.audit_rows == _head(copy)


@pytest.mark.parametrize("thread", [True, False])
def test_a_broken_reference_is_reported_with_or_without_the_thread(
    copy: Path, monkeypatch: pytest.MonkeyPatch, thread: bool
) -> None:
    monkeypatch.setattr(verify_module, "STORAGE_THREAD", thread)
    seen = _spy(monkeypatch, 0, copy)
    conn = sqlite3.connect(str(copy), isolation_level=None)  # foreign keys off: raw tool
    try:
        incident = conn.execute(
            "SELECT id FROM incidents WHERE status = 'new' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        conn.execute("UPDATE incidents SET severity_id = 9999 WHERE id = ?", [incident])
    finally:
        conn.close()
    report = verify_path(copy)
    keys = [p for p in report.problems if p.check == "foreign_keys"]
    assert [(p.table, p.row) for p in keys] == [("incidents", str(incident))]
    assert "records" in {p.check for p in report.problems}  # and the row's audit image differs
    assert seen["run"] == (1 if thread else 0)


def test_a_damaged_file_reports_the_same_with_or_without_the_thread(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(str(copy))
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'"
        ).fetchone()[0]
    finally:
        conn.close()
    with copy.open("r+b") as file:  # scramble one index page: integrity_check must say so
        file.seek((root - 1) * page_size)
        file.write((bytes(range(256)) * (page_size // 256 + 1))[:page_size])
    found = []
    for thread in (True, False):
        monkeypatch.setattr(verify_module, "STORAGE_THREAD", thread)
        report = verify_path(copy)
        found.append(sorted((p.check, p.table, p.message_en) for p in report.problems))
    assert found[0] == found[1]
    assert any(check == "integrity" for check, _, _ in found[0])


def test_cancelling_while_waiting_for_the_storage_checks_leaves_nothing_running(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    class Cancelled(Exception):
        pass

    release = threading.Event()
    original_run = verify_module._StorageChecks._run

    def slow_run(self: Any) -> None:
        release.wait(30)
        original_run(self)

    monkeypatch.setattr(verify_module._StorageChecks, "_run", slow_run)
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done < total and len(calls) > 3:
            release.set()
            raise Cancelled

    with pytest.raises(Cancelled):
        verify_path(copy, progress=progress)
    assert not any(t.name == "verify-storage" for t in threading.enumerate())
    assert audit.GENESIS_HASH  # the module is still usable afterwards
    assert verify_path(copy).ok


def test_a_real_changed_below_sqlites_printed_precision_is_found(copy: Path) -> None:
    """SQLite prints reals with 15 digits: the text comparison in SQL would miss this
    change, so rows with reals are compared in Python."""
    conn = sqlite3.connect(str(copy), isolation_level=None)
    try:
        team, hours = conn.execute(
            "SELECT id, min_rest_hours FROM teams WHERE min_rest_hours IS NOT NULL LIMIT 1"
        ).fetchone()
        changed = float(hours) + abs(float(hours)) * 2e-16 + 1e-15
        assert f"{changed:.15g}" == f"{float(hours):.15g}" and changed != float(hours)
        conn.execute("UPDATE teams SET min_rest_hours = ? WHERE id = ?", [changed, team])
    finally:
        conn.close()
    problems = verify_path(copy).problems
    assert [(p.check, p.table, p.row) for p in problems] == [("records", "teams", str(team))]


@pytest.mark.parametrize("workers", [True, False])
def test_a_broken_reference_in_the_audit_log_is_found_in_the_chains_own_pass(
    copy: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    """The audit log's references are checked while the chain reads its rows, not by
    foreign_key_check reading the largest table again; the finding is the same."""
    monkeypatch.setattr(verify_module, "CHAIN_WORKERS", 1)
    monkeypatch.setattr(verify_module, "PARALLEL_MIN_ROWS", 1 if workers else 10**12)
    conn = sqlite3.connect(str(copy), isolation_level=None)  # foreign keys off: raw tool
    try:
        seq = conn.execute(
            "SELECT max(seq) FROM audit_log WHERE actor_id IS NOT NULL AND seq < 50"
        ).fetchone()[0]
        conn.executescript("DROP TRIGGER audit_log_no_update;")
        conn.execute("UPDATE audit_log SET actor_id = 9999 WHERE seq = ?", [seq])
    finally:
        conn.close()
    report = verify_path(copy)
    found = sorted((p.check, p.table, p.row) for p in report.problems if p.check != "schema")
    assert found == [
        ("audit_chain", "audit_log", str(seq)),
        ("foreign_keys", "audit_log", str(seq)),
    ]
    reference = next(p for p in report.problems if p.check == "foreign_keys")
    assert "people" in reference.message_en and "people" in reference.message


def test_progress_with_a_worker_only_rises_and_ends_at_the_total(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows the worker has checked count as they finish, the rows this process checks as
    it goes; each is counted once, so the figure never falls and never passes the total."""
    monkeypatch.setattr(verify_module, "CHAIN_WORKERS", 1)
    monkeypatch.setattr(verify_module, "PARALLEL_MIN_ROWS", 1)
    counted: list[tuple[int, int]] = []
    finish = verify_module._Meter.finish

    def counted_then_finish(meter: Any) -> None:
        counted.append((meter.done + meter.elsewhere(), meter.total))  # before any clamp
        finish(meter)

    monkeypatch.setattr(verify_module._Meter, "finish", counted_then_finish)
    calls: list[tuple[int, int]] = []
    report = verify_path(copy, progress=lambda done, total: calls.append((done, total)))
    assert report.ok, report.problems[:5]
    assert counted[0][0] == counted[0][1]  # every row counted exactly once
    totals = {total for _, total in calls}
    assert len(totals) == 1
    (total,) = totals
    shown = [done for done, _ in calls]
    assert shown == sorted(shown) and shown[-1] == total and max(shown) <= total
    assert len(calls) > 3
