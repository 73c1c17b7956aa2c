"""What an auditor relies on: each way of changing a DutyDesk file, and what verify says.

Every test works on its own copy of the demo database (locked handovers, closed
incidents, signatures, a long audit chain) and changes it the way someone with a raw
SQLite tool would.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.errors import NotADutyDeskDatabase
from dutydesk.store import archive, audit
from dutydesk.store import db as storage
from dutydesk.store.verify import Expected, verify_path


@pytest.fixture
def copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "duty.db"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def raw(copy: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection: no DutyDesk pragmas, autocommit."""
    conn = sqlite3.connect(str(copy), isolation_level=None)
    yield conn
    conn.close()


def _checks(path: Path, expected: Expected | None = None) -> set[str]:
    return {p.check for p in verify_path(path, expected=expected).problems}


def test_the_untouched_fixture_passes(copy: Path) -> None:
    report = verify_path(copy)
    assert report.ok, report.problems[:5]
    assert report.signatures > 0 and report.records_checked > 1000


# --- 1. writers in other processes while verify runs -------------------------------------


def _writer(path: str, started: object, stop: object) -> None:
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    with Desk.open(path, clock=demo_clock()) as desk:
        admin = desk.people.by_employee_no("admin")
        severity = desk.db.execute("SELECT min(id) FROM incident_severities").fetchone()[0]
        category = desk.db.execute("SELECT min(id) FROM incident_categories").fetchone()[0]
        number = 0
        while not stop.is_set():  # type: ignore[attr-defined]
            number += 1
            incident = desk.incidents.report(
                admin, title=f"并发写入 {number}", severity_id=severity, category_id=category
            )
            desk.incidents.add_note(admin, incident.id, f"备注 {number}")
            desk.settings.set(admin, "backup_keep", str(10 + number % 5))
            if number == 3:
                started.set()  # type: ignore[attr-defined]


def test_writers_in_other_processes_cause_no_false_problems(copy: Path) -> None:
    context = multiprocessing.get_context("spawn")
    started, stop = context.Event(), context.Event()
    writers = [context.Process(target=_writer, args=(str(copy), started, stop)) for _ in range(2)]
    for writer in writers:
        writer.start()
    try:
        assert started.wait(120)
        heads = []
        for _ in range(3):
            report = verify_path(copy)
            assert report.ok, report.problems[:5]
            heads.append(report.audit_rows)
    finally:
        stop.set()
        for writer in writers:
            writer.join(60)
    assert [w.exitcode for w in writers] == [0, 0]
    assert heads == sorted(heads) and heads[-1] > heads[0]  # the writers did write meanwhile
    assert verify_path(copy).ok


# --- 2. a forged audit row with its chain recomputed, caught by the manifest or head -----


def _forge_audit_row(copy: Path) -> None:
    """Change one audit row and recompute every hash after it: the chain is whole again."""
    conn = sqlite3.connect(str(copy), isolation_level=None)
    conn.executescript("DROP TRIGGER audit_log_no_update;")
    rows = conn.execute(
        "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
        " after_json FROM audit_log ORDER BY seq"
    ).fetchall()
    target = rows[len(rows) // 2][0]
    conn.execute("BEGIN")
    conn.execute("UPDATE audit_log SET actor_label = '伪造者' WHERE seq = ?", [target])
    prev = audit.GENESIS_HASH
    for row in conn.execute(
        "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
        " after_json FROM audit_log ORDER BY seq"
    ).fetchall():
        new_hash = audit.row_hash_values(prev, *row)
        if row[0] >= target:
            conn.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                [prev, new_hash, row[0]],
            )
        prev = new_hash
    conn.execute("COMMIT")
    conn.executescript(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
    )
    conn.close()


def test_a_forged_and_rechained_audit_row_is_caught_by_the_manifest_and_the_head(
    copy: Path, tmp_path: Path
) -> None:
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    exported = tmp_path / "audit.db"
    with Desk.open(copy, clock=demo_clock()) as desk:
        manifest = archive.export_for_audit(desk, exported, exporter=None)
    assert verify_path(exported, expected=Expected(manifest=manifest)).ok
    _forge_audit_row(exported)
    assert verify_path(exported).ok  # alone, the file looks whole: that is why anchors exist
    report = verify_path(exported, expected=Expected(manifest=manifest))
    tables = {p.table for p in report.problems if p.check == "manifest"}
    assert {"file_sha256", "audit_head_hash"} <= tables
    assert not verify_path(exported, expected=Expected(head=manifest.audit_head_hash)).ok
    assert verify_path(exported, expected=Expected(head=report.audit_head)).ok


# --- 3. the schema: dropped, added or altered triggers -----------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TRIGGER handovers_locked_no_update",
        "DROP TRIGGER audit_log_no_delete",
        "CREATE TRIGGER extra AFTER INSERT ON people BEGIN SELECT 1; END",
        "DROP TRIGGER incidents_no_delete; CREATE TRIGGER incidents_no_delete BEFORE DELETE"
        " ON incidents WHEN 0 BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END",
        "DROP INDEX incidents_status",
    ],
)
def test_a_changed_schema_without_any_data_change_is_reported(
    copy: Path, raw: sqlite3.Connection, sql: str
) -> None:
    raw.executescript(sql)
    report = verify_path(copy)
    assert {p.check for p in report.problems} == {"schema"}


# --- 4. INSERT OR REPLACE cannot rewrite a locked record or an audit row -----------------


def test_replace_over_a_locked_handover_is_refused(raw: sqlite3.Connection) -> None:
    row = raw.execute("SELECT * FROM handovers WHERE status = 'locked' LIMIT 1").fetchone()
    names = [c[0] for c in raw.execute("SELECT * FROM handovers LIMIT 0").description]
    values = dict(zip(names, row, strict=True)) | {"remarks": "改写"}
    marks = ", ".join("?" for _ in names)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
        raw.execute(f"INSERT OR REPLACE INTO handovers VALUES ({marks})", list(values.values()))


def test_replace_over_a_closed_incident_is_refused(raw: sqlite3.Connection) -> None:
    row = raw.execute("SELECT * FROM incidents WHERE status = 'closed' LIMIT 1").fetchone()
    assert row is not None
    marks = ", ".join("?" for _ in row)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
        raw.execute(f"REPLACE INTO incidents VALUES ({marks})", list(row))


def test_replace_over_an_audit_row_is_refused(raw: sqlite3.Connection) -> None:
    row = list(raw.execute("SELECT * FROM audit_log WHERE seq = 5").fetchone())
    row[3] = "伪造者"
    marks = ", ".join("?" for _ in row)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
        raw.execute(f"INSERT OR REPLACE INTO audit_log VALUES ({marks})", row)
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("UPDATE OR REPLACE audit_log SET seq = 5 WHERE seq = 6")


def test_the_core_fires_delete_triggers_on_replace_too(copy: Path) -> None:
    with storage.opened(copy) as db:
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


# --- 5. the search index -----------------------------------------------------------------


def test_an_incident_removed_from_the_search_index_is_reported_and_reindex_repairs_it(
    copy: Path, raw: sqlite3.Connection
) -> None:
    from dutydesk.cli.main import main
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk
    from dutydesk.incidents.service import IncidentFilter

    incident_id, terms, title = raw.execute(
        "SELECT s.id, s.terms, i.title FROM incident_search s JOIN incidents i ON i.id = s.id"
        " ORDER BY s.id LIMIT 1"
    ).fetchone()
    raw.execute(
        "INSERT INTO incident_fts (incident_fts, rowid, terms) VALUES ('delete', ?, ?)",
        [incident_id, terms],
    )
    raw.execute("DELETE FROM incident_search WHERE id = ?", [incident_id])
    problems = verify_path(copy).problems
    assert {(p.check, p.row) for p in problems} == {("search_index", str(incident_id))}
    assert main(["incidents", "reindex", str(copy)]) == 0
    assert verify_path(copy).ok
    with Desk.open(copy, clock=demo_clock()) as desk:
        found = desk.incidents.search(IncidentFilter(query=title), limit=500).items
    assert incident_id in {i.id for i in found}


def test_a_stale_search_row_is_reported(copy: Path, raw: sqlite3.Connection) -> None:
    raw.execute(
        "UPDATE incident_search SET plain = plain || 'x' WHERE id = (SELECT min(id) FROM incidents)"
    )
    assert _checks(copy) == {"search_index"}


# --- 6. a file that is not a DutyDesk database -------------------------------------------


def test_a_zero_byte_file_is_not_a_dutydesk_database(tmp_path: Path) -> None:
    from dutydesk.cli.main import main

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotADutyDeskDatabase):
        verify_path(empty)
    assert main(["verify", str(empty)]) == 2


def test_an_sqlite_file_with_no_tables_is_not_a_dutydesk_database(tmp_path: Path) -> None:
    from dutydesk.cli.main import main

    bare = tmp_path / "bare.db"
    sqlite3.connect(str(bare)).execute("PRAGMA user_version = 1").connection.close()
    assert bare.stat().st_size > 0
    assert main(["verify", str(bare)]) == 2


# --- 7. a failed export ------------------------------------------------------------------


def test_a_failed_export_leaves_no_audit_row_and_no_file(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    out = tmp_path / "out"
    out.mkdir()

    def disk_full(db: object, dest: Path) -> Path:
        Path(dest).write_bytes(b"SQLite format 3\x00 half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    with Desk.open(copy, clock=demo_clock()) as desk:
        head = audit.head(desk.db)
        monkeypatch.setattr(storage, "backup_to", disk_full)
        with pytest.raises(OSError):
            archive.export_for_audit(desk, out / "audit.db", exporter=None)
        monkeypatch.undo()
        assert audit.head(desk.db) == head
    assert list(out.iterdir()) == []


def test_an_export_failing_while_writing_the_manifest_leaves_nothing(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    out = tmp_path / "out"
    out.mkdir()

    def disk_full(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Desk.open(copy, clock=demo_clock()) as desk:
        head = audit.head(desk.db)
        monkeypatch.setattr(archive.os, "fsync", disk_full)
        with pytest.raises(OSError):
            archive.export_for_audit(desk, out / "audit.db", exporter=None)
        monkeypatch.undo()
        assert audit.head(desk.db) == head
        manifest = archive.export_for_audit(desk, out / "audit.db", exporter=None)
    assert sorted(p.name for p in out.iterdir()) == ["audit.db", "audit.db.manifest.json"]
    assert archive.check_export(out / "audit.db") == []
    assert verify_path(out / "audit.db", expected=Expected(manifest=manifest)).ok


def test_the_command_line_checks_a_manifest_and_a_head_and_the_report_agrees(
    copy: Path, tmp_path: Path
) -> None:
    import io

    import pdfplumber

    from dutydesk.cli.main import main
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    exported = tmp_path / "audit.db"
    with Desk.open(copy, clock=demo_clock()) as desk:
        manifest = archive.export_for_audit(desk, exported, exporter=None)
    listed = str(archive.manifest_path_for(exported))
    assert main(["verify", str(exported), "--manifest", listed]) == 0
    assert main(["verify", str(exported), "--head", manifest.audit_head_hash]) == 0
    _forge_audit_row(exported)
    assert main(["verify", str(exported)]) == 0
    assert main(["verify", str(exported), "--manifest", listed]) == 1
    assert main(["verify", str(exported), "--head", manifest.audit_head_hash]) == 1
    out = tmp_path / "verify.pdf"
    assert main(["report", "verify", str(exported), "--out", str(out), "--manifest", listed]) == 1
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as document:
        first = document.pages[0].extract_text() or ""
    assert "校验失败" in first
    assert "通过" not in first
    assert "Verification" not in first and "manifest" not in first.lower()


def test_a_chain_checked_by_worker_processes_finds_exactly_what_one_process_finds(
    copy: Path, raw: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dutydesk.store.verify as verify_module

    monkeypatch.setattr(verify_module, "CHAIN_WORKERS", 2)

    def both() -> tuple[list[tuple[str, str]], list[tuple[str, str]], str, str]:
        monkeypatch.setattr(verify_module, "PARALLEL_MIN_ROWS", 1)
        parallel = verify_path(copy)
        monkeypatch.setattr(verify_module, "PARALLEL_MIN_ROWS", 10**12)
        alone = verify_path(copy)
        rows = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert parallel.audit_rows == alone.audit_rows == rows
        return (
            sorted((p.check, p.row) for p in parallel.problems),
            sorted((p.check, p.row) for p in alone.problems),
            parallel.audit_head,
            alone.audit_head,
        )

    found, expected, head, same_head = both()
    assert found == expected == [] and head == same_head
    rows = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    stretch = -(-rows // 8)  # two workers, four stretches each
    raw.executescript("DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;")
    raw.execute("DELETE FROM audit_log WHERE seq BETWEEN ? AND ?", [stretch + 1, 2 * stretch])
    raw.execute("UPDATE audit_log SET actor_label = 'x' WHERE seq = ?", [3 * stretch + 1])
    raw.execute("UPDATE audit_log SET actor_label = 'y' WHERE seq = ?", [3 * stretch + 7])
    found, expected, head, same_head = both()
    assert found == expected and head == same_head
    assert {row for check, row in found if check == "audit_chain"} == {
        str(2 * stretch + 1),
        str(3 * stretch + 1),
        str(3 * stretch + 7),
    }
    # A row numbered before the first, a blob of the very same bytes (SQLite cannot write
    # one as JSON, so that stretch is read again), and a gap right at a stretch's start.
    raw.execute(
        "INSERT INTO audit_log SELECT 0, at, actor_id, actor_label, action, entity, entity_id,"
        " before_json, after_json, prev_hash, 'forged' FROM audit_log WHERE seq = 1"
    )
    raw.execute(
        "UPDATE audit_log SET actor_label = CAST(actor_label AS BLOB) WHERE seq = ?",
        [5 * stretch + 3],
    )
    raw.execute("DELETE FROM audit_log WHERE seq = ?", [6 * stretch + 1])
    found, expected, head, same_head = both()
    assert found == expected and head == same_head
    assert {row for check, row in found if check == "audit_chain"} == {
        "0",
        "1",
        str(2 * stretch + 1),
        str(3 * stretch + 1),
        str(3 * stretch + 7),
        str(5 * stretch + 3),
        str(6 * stretch + 2),
    }


# --- 10. verify in a process that has imported only the store ----------------------------

STORE_ONLY = """
import json, sys
from dutydesk.store.verify import verify_path
areas = sorted(m for m in sys.modules if m.startswith(("dutydesk.desk", "dutydesk.handover")))
report = verify_path(sys.argv[1])
print(json.dumps({
    "areas_before": areas,
    "problems": sorted({(p.check, p.table) for p in report.problems}),
    "counts": [report.signatures, report.records_checked],
}))
"""


def _verify_in_a_fresh_process(path: Path) -> dict[str, list]:
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", STORE_ONLY, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, list] = json.loads(done.stdout)
    return result


def test_verify_loads_every_area_itself_in_a_process_that_imported_only_the_store(
    copy: Path, raw: sqlite3.Connection
) -> None:
    """Each area declares its tables, signed records and search index when it is imported;
    a script that imports only ``dutydesk.store.verify`` got a false "unknown record type"
    on every signature, and checked no audited record and no search index at all."""
    whole = _verify_in_a_fresh_process(copy)
    assert whole["areas_before"] == []  # nothing but the store was imported before verify
    assert whole["problems"] == []
    here = verify_path(copy)
    assert whole["counts"] == [here.signatures, here.records_checked]
    assert here.signatures > 0 and here.records_checked > 1000
    raw.execute(
        "UPDATE incident_search SET plain = plain || 'x' WHERE id = (SELECT min(id) FROM incidents)"
    )
    raw.execute(
        "UPDATE incidents SET title = title || '改'"
        " WHERE id = (SELECT min(id) FROM incidents WHERE status != 'closed')"
    )
    changed = _verify_in_a_fresh_process(copy)
    assert changed["problems"] == [["records", "incidents"], ["search_index", "incident_search"]]


def test_signatures_are_checked_whatever_order_their_record_ids_come_in(
    copy: Path, raw: sqlite3.Connection
) -> None:
    """Signed handovers are rebuilt in one pass in id order; a record id that SQLite and
    Python read differently ('1_2' is 12 to Python, 1 to SQLite) is still checked right."""
    (first,), (second,), (third,) = raw.execute(
        "SELECT id FROM signatures WHERE entity = 'handover' AND CAST(entity_id AS INTEGER)"
        " BETWEEN 20 AND 99 ORDER BY id LIMIT 3 OFFSET 10"
    ).fetchall()
    raw.execute("DROP TRIGGER signatures_no_update")

    def signature_problems() -> list[tuple[str, str]]:
        return [(p.table, p.row) for p in verify_path(copy).problems if p.check == "signatures"]

    raw.execute(
        "UPDATE signatures SET entity_id = substr(entity_id, 1, 1) || '_' || substr(entity_id, 2)"
        " WHERE id = ?",
        [first],
    )
    assert signature_problems() == []  # the same record, written oddly
    raw.execute("UPDATE signatures SET entity_id = '1_' || entity_id WHERE id = ?", [second])
    raw.execute("UPDATE signatures SET entity_id = '0' || entity_id WHERE id = ?", [third])
    (wrong,) = raw.execute("SELECT entity_id FROM signatures WHERE id = ?", [second]).fetchone()
    assert signature_problems() == [("handover", str(int(wrong)))]


def test_a_real_changed_by_the_last_digit_or_to_another_type_is_caught(
    copy: Path, raw: sqlite3.Connection
) -> None:
    """SQLite writes a row's image itself where it can; a real is written by Python's
    repr, so a change in the last bit, to 15 digits, or to an exponent is still a different
    image."""
    import math

    rows = raw.execute(
        "SELECT id, completeness FROM handovers WHERE typeof(completeness) = 'real'"
        " ORDER BY id LIMIT 5"
    ).fetchall()
    assert len(rows) == 5
    raw.execute("DROP TRIGGER handovers_locked_no_update")
    changes = [
        math.nextafter(rows[0][1], 0.0),
        math.nextafter(math.nextafter(rows[1][1], 0.0), 0.0),
        0.1 + 0.2 - 0.3,
        round(rows[3][1], 15) if round(rows[3][1], 15) != rows[3][1] else rows[3][1] / 3,
        1e-300,
    ]
    for (row_id, _), value in zip(rows, changes, strict=True):
        raw.execute("UPDATE handovers SET completeness = ? WHERE id = ?", [value, row_id])
    found = {(p.table, p.row) for p in verify_path(copy).problems if p.check == "records"}
    assert found == {("handovers", str(row_id)) for row_id, _ in rows}


@pytest.mark.parametrize("given", ["a" * 5000, "deadbeef", "g" * 64, ""])
def test_a_head_that_is_not_a_sha256_hash_is_refused_before_anything_is_read(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    from dutydesk.cli.main import main

    out = tmp_path / "verify.pdf"
    for argv in (
        ["verify", str(copy), "--head", given],
        ["report", "verify", str(copy), "--out", str(out), "--head", given],
    ):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
        error = capsys.readouterr().err
        assert "64" in error and "--head" in error
        assert len(error) < 500  # one line, not the value echoed back
    assert not out.exists()


def test_a_head_in_capitals_or_with_spaces_is_the_same_head(copy: Path) -> None:
    from dutydesk.cli.main import main
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk

    with Desk.open(copy, clock=demo_clock()) as desk:
        _, head = audit.head(desk.db)
    assert main(["verify", str(copy), "--head", f" {head.upper()} "]) == 0


def test_a_value_turned_into_a_blob_of_the_same_bytes_is_caught_and_the_rest_still_checked(
    copy: Path, raw: sqlite3.Connection
) -> None:
    """SQLite cannot write a blob as JSON: the records check reads such a table again with
    every column guarded, and still finds a plain change in another row of it."""
    first, second = (
        row[0] for row in raw.execute("SELECT id FROM incident_events ORDER BY id LIMIT 2")
    )
    for (name,) in raw.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incident_events'"
    ).fetchall():
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("UPDATE incident_events SET at = CAST(at AS BLOB) WHERE id = ?", [first])
    raw.execute("UPDATE incident_events SET body = body || '。' WHERE id = ?", [second])
    found = {(p.table, p.row) for p in verify_path(copy).problems if p.check == "records"}
    assert found == {("incident_events", str(first)), ("incident_events", str(second))}


class _WorkersThatNeverBegin:
    """An executor whose workers never begin: this process takes every stretch."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def submit(self, *args: object) -> object:
        from concurrent.futures import Future

        return Future()

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_undecodable_text_in_a_stretch_this_process_takes_is_reported_not_a_crash(
    copy: Path, raw: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes changed behind SQLite can leave text that is not UTF-8. This process reads
    its stretches with the strict decoder first; it must report the text and the row, and
    the retry must still find the chain's stretches (cancelled by then) to check."""
    import concurrent.futures

    import dutydesk.store.verify as verify_module

    monkeypatch.setattr(verify_module, "PARALLEL_MIN_ROWS", 1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _WorkersThatNeverBegin)
    (last,) = raw.execute("SELECT max(seq) FROM audit_log").fetchone()
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute(
        "UPDATE audit_log SET actor_label = CAST(X'E6FF' AS TEXT) WHERE seq = ?", [last - 3]
    )
    report = verify_path(copy)
    found = {(p.check, p.table, p.row) for p in report.problems if p.check != "schema"}
    assert found == {("integrity", "audit_log", "-"), ("audit_chain", "audit_log", str(last - 3))}
    rows = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert report.audit_rows == rows
