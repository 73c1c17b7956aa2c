"""Verification of a DutyDesk file: storage, schema, the audit chain, records, signatures.

Every check reads the same snapshot: one read transaction is held for the whole run, so
writers committing meanwhile (the window, another command) are simply not seen, never
half seen. Every check streams its rows so memory stays flat whatever the size of the
file. SQLite does the bulk of the comparing: it writes each record's audit image and
returns only the records whose newest image differs, and it writes each audit row's
canonical JSON for Python's sha256 and compares the hash; whatever it does not pass is
examined again in Python, whose definitions (``audit.canonical_json``,
``audit.row_hash_values``) alone decide what is reported.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlite_utils import Database

from dutydesk.store import audit, signing
from dutydesk.store import db as storage

if TYPE_CHECKING:
    from dutydesk.store.archive import Manifest

_T = TypeVar("_T")


@dataclass(frozen=True)
class VerifyProblem:
    """One finding; ``table`` and ``row`` say where, ``message`` what (Chinese, English)."""

    check: str
    table: str
    row: str
    message: str
    message_en: str


@dataclass(frozen=True)
class VerifyReport:
    problems: tuple[VerifyProblem, ...]
    audit_rows: int
    audit_head: str
    signatures: int
    records_checked: int
    # Which expectations were checked besides the file itself ("manifest", "head").
    anchors: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Expected:
    """What the file must match from outside: an export manifest and/or a printed head."""

    manifest: Manifest | None = None
    head: str | None = None
    path: Path | None = None  # the file itself, for its sha256 and size


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 20_000
# Worker processes for the audit chain's hashes (0: all in this process), and from what
# chain length they are worth their start-up.
CHAIN_WORKERS = min(4, max(1, (os.cpu_count() or 1) - 1))
# False: integrity_check runs on the snapshot's own connection, before the other checks.
STORAGE_THREAD = True
PARALLEL_MIN_ROWS = 200_000
# Chain workers yield the cores to this process (see _yield_to_this_process).
WORKER_NICENESS = 10
# Beyond this many findings of one check only their number is kept (memory stays flat).
MAX_PROBLEMS_PER_CHECK = 1_000
FETCH = 2_000
CHAIN_STRETCH = 100_000  # rows a stretch checked alone: progress (and Cancel) between them


class _Findings:
    def __init__(self) -> None:
        self.kept: list[VerifyProblem] = []
        self.per_check: dict[str, int] = {}

    def add(self, problem: VerifyProblem) -> None:
        seen = self.per_check.get(problem.check, 0) + 1
        self.per_check[problem.check] = seen
        if seen <= MAX_PROBLEMS_PER_CHECK:
            self.kept.append(problem)

    def uncounted(self, check: str, more: int) -> None:
        """Findings beyond what a worker kept: counted, not listed."""
        if more:
            self.per_check[check] = max(self.per_check.get(check, 0), MAX_PROBLEMS_PER_CHECK)
            self.per_check[check] += more

    def __iadd__(self, problems: list[VerifyProblem]) -> _Findings:
        for problem in problems:
            self.add(problem)
        return self

    def result(self) -> tuple[VerifyProblem, ...]:
        extra = [
            VerifyProblem(
                check,
                "-",
                "-",
                f"另有 {count - MAX_PROBLEMS_PER_CHECK:,} 个同类问题未逐条列出",
                f"{count - MAX_PROBLEMS_PER_CHECK:,} more problems of this check not listed",
            )
            for check, count in self.per_check.items()
            if count > MAX_PROBLEMS_PER_CHECK
        ]
        return (*self.kept, *extra)


class _Meter:
    """Overall progress in rows: the chain, the audited records and the indexed incidents."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done, self._next = progress, total, 0, PROGRESS_EVERY
        # Rows checked so far by worker processes (they are not ticked here).
        self.elsewhere: Callable[[], int] = lambda: 0

    def _shown(self) -> int:
        return min(self.done + self.elsewhere(), self.total)

    def tick(self, count: int = 1) -> None:
        self.done += count
        if self.progress is not None and self.done >= self._next:
            self._next = self.done + PROGRESS_EVERY
            self.progress(self._shown(), self.total)

    def wait(self) -> None:
        """Nothing new checked here, but a long wait still reports (and may be cancelled)."""
        if self.progress is not None:
            self.progress(self._shown(), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def verify_database(
    db: Database, *, progress: Progress | None = None, expected: Expected | None = None
) -> VerifyReport:
    """Every check, each reported with table and row; a damaged file never stops the run.

    A check that cannot read its rows (damaged pages) becomes a problem of its own; text
    that is not valid UTF-8 (bytes changed behind SQLite) is read with replacement
    characters, so the rows it is in show up as changed instead of crashing the check.
    ``progress(done, total)`` is called now and then; ``expected`` adds the manifest and
    head comparisons.
    """
    audit.load_every_area()  # every area's audited tables, signed records, search index
    findings = _Findings()
    original_text_factory = db.conn.text_factory
    own_transaction = not db.conn.in_transaction

    def guarded(what: str, step: Callable[[], _T], empty: _T) -> _T:
        try:
            try:
                return step()
            except (UnicodeDecodeError, sqlite3.OperationalError) as error:
                # Python's sqlite3 reports undecodable text as OperationalError.
                if db.conn.text_factory is _tolerant_text or (
                    isinstance(error, sqlite3.OperationalError) and "decode" not in str(error)
                ):
                    raise
                findings.add(
                    VerifyProblem(
                        "integrity",
                        what,
                        "-",
                        f"{what} 中有不是有效 UTF-8 的文本（文件字节被改动）",
                        f"{what} holds text that is not valid UTF-8 (bytes were changed)",
                    )
                )
                db.conn.text_factory = _tolerant_text
                return step()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            findings.add(
                VerifyProblem(
                    "integrity",
                    what,
                    "-",
                    f"无法读取 {what}：{error}",
                    f"Cannot read {what}: {error}",
                )
            )
            return empty

    parallel: _ParallelChain | None = None
    storage_checks: _StorageChecks | None = None
    watcher = _Watcher.open(db) if own_transaction else None
    try:
        # The first read fixes the snapshot; counting gives the progress total.
        total, counts = 0, dict[str, int]()
        for _attempt in range(3):
            if own_transaction:
                # One snapshot for every check (WAL: writers go on, unseen by it).
                db.conn.execute("BEGIN")
            total, counts = guarded("database", lambda: _progress_total(db), (0, dict[str, int]()))
            # integrity_check and foreign_key_check run in SQLite without the GIL: on a
            # second connection in this very snapshot they overlap the checks below.
            storage_checks = _StorageChecks.open(db, watcher)
            if storage_checks is None or watcher is None:
                break  # not possible here: the checks run one after the other
            if not watcher.changed():
                storage_checks.thread.start()
                break
            # A writer committed between the two connections' first reads: try again.
            storage_checks.stop()
            storage_checks = None
            db.conn.execute("ROLLBACK")
        if watcher is not None:
            watcher.close()
            watcher = None
        # The storage checks weigh about as much as the rows checked in Python.
        storage_weight = max(1, total // 2)
        meter = _Meter(progress, total + storage_weight)
        if progress is not None:
            progress(0, meter.total)
        # A long chain is hashed by other processes while the checks below run here.
        audit_count = counts.get("audit_log", 0)
        parallel = _ParallelChain.start(db, audit_count)
        if parallel is not None:
            meter.elsewhere = parallel.rows_done
        storage_rows: tuple[list[str], list[tuple[str, int, str]]] | None = None
        if storage_checks is None:
            storage_rows = _storage_rows(db, guarded)
            meter.tick(storage_weight)
        schema_problems = guarded("schema", lambda: _check_schema(db), list[VerifyProblem]())
        record_problems, records = guarded(
            "records", lambda: _check_records(db, meter, counts), (list[VerifyProblem](), 0)
        )
        signature_problems, signatures = guarded(
            "signatures", lambda: _check_signatures(db), (list[VerifyProblem](), 0)
        )
        search_problems = guarded(
            "incident_search", lambda: _check_search_index(db, meter), list[VerifyProblem]()
        )
        chain_problems, audit_rows, head, more = guarded(
            "audit_log",
            lambda: (
                (parallel.result(db, meter) if parallel else None)
                or _check_chain(db, meter, audit_count)
            ),
            (list[VerifyProblem](), 0, audit.GENESIS_HASH, 0),
        )
        if storage_checks is not None:
            storage_rows = storage_checks.result(meter)
            if storage_rows is None:  # the second connection failed: here, as before
                storage_rows = _storage_rows(db, guarded)
            meter.tick(storage_weight)
        assert storage_rows is not None
        integrity_rows, foreign_key_rows = storage_rows
        for text in integrity_rows:
            findings.add(
                VerifyProblem(
                    "integrity", "-", "-", f"完整性检查：{text}", f"integrity_check: {text}"
                )
            )
        for table, rowid, parent in foreign_key_rows:
            findings.add(_broken_reference(table, rowid, parent))
        findings += schema_problems
        findings += record_problems
        findings += signature_problems
        findings += search_problems
        findings += chain_problems
        findings.uncounted("audit_chain", more)
        anchors: tuple[str, ...] = ()
        if expected is not None:
            anchor_problems, anchors = _check_expected(db, expected, audit_rows, head)
            findings += anchor_problems
        meter.finish()
    finally:
        db.conn.text_factory = original_text_factory
        if watcher is not None:
            watcher.close()
        if storage_checks is not None:  # stopped early (cancelled, say): nothing left running
            storage_checks.stop()
        if parallel is not None:  # stopped early (cancelled, say): no workers left behind
            parallel.executor.shutdown(wait=False, cancel_futures=True)
        if own_transaction and db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
    return VerifyReport(findings.result(), audit_rows, head, signatures, records, anchors)


def _storage_rows(
    db: Database, guarded: Callable[..., Any]
) -> tuple[list[str], list[tuple[str, int, str]]]:
    """integrity_check and foreign_key_check on the snapshot's own connection."""
    integrity: list[str] = guarded("database", lambda: storage.integrity_problems(db), [])
    keys: list[tuple[str, int, str]] = guarded("database", lambda: _foreign_key_rows(db.conn), [])
    return integrity, keys


def _broken_reference(table: str, rowid: Any, parent: str) -> VerifyProblem:
    return VerifyProblem(
        "foreign_keys",
        table,
        str(rowid),
        f"外键失效：{table} 第 {rowid} 行引用的 {parent} 不存在",
        f"Broken reference: {table} row {rowid} points to a missing {parent} row",
    )


def _foreign_key_rows(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """foreign_key_check of every table but the audit log when the chain's own pass over
    its rows checks the log's references (the log is most of the file: read once)."""
    skip = {"audit_log"} if _chain_references(conn) is not None else set()
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if row[0] not in skip
    ]
    return [
        (row[0], row[1], row[2])
        for table in tables
        for row in conn.execute(f'PRAGMA foreign_key_check("{table}")')
    ]


def _main_file(db: Database) -> str | None:
    try:
        path = db.execute("PRAGMA database_list").fetchone()[2]
    except sqlite3.Error:
        return None
    return path if path and Path(path).is_file() else None


def _connect_ro(path: str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"{Path(path).resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=storage.BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=check_same_thread,
    )
    conn.execute(f"PRAGMA busy_timeout = {int(storage.BUSY_TIMEOUT_MS)}")
    return conn


class _Watcher:
    """Tells whether any connection committed to the file since it was opened.

    Opened before verify's snapshot is taken; if ``PRAGMA data_version`` has not moved
    once a second connection has begun reading, no commit fell between the two, so both
    read the very same state.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.version = self._version()

    @classmethod
    def open(cls, db: Database) -> _Watcher | None:
        path = _main_file(db)
        if path is None:
            return None
        try:
            return cls(_connect_ro(path))
        except sqlite3.Error:
            return None

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """Whether a commit happened since the last call (or the opening)."""
        try:
            version = self._version()
        except sqlite3.Error:
            return True
        moved, self.version = version != self.version, version
        return moved

    def close(self) -> None:
        self.conn.close()


class _StorageChecks:
    """integrity_check and foreign_key_check on a second connection, in a thread.

    Both run inside SQLite, which releases the GIL, so they use a second core while this
    thread checks the chain and the records. The second connection reads the same
    snapshot: it begins reading after verify's own transaction did, and the watcher
    proves no commit fell between the two; otherwise it is not used.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows: tuple[list[str], list[tuple[str, int, str]]] | None = None
        self.failed = False
        self.thread = threading.Thread(target=self._run, name="verify-storage", daemon=True)

    @classmethod
    def open(cls, db: Database, watcher: _Watcher | None) -> _StorageChecks | None:
        """The second connection, reading; its thread is started once the watcher has
        shown that no commit fell between the two connections' first reads."""
        if watcher is None or not db.conn.in_transaction or STORAGE_THREAD is False:
            return None
        path = _main_file(db)
        if path is None:
            return None
        try:
            conn = _connect_ro(path, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            conn.close()
            return None
        return cls(conn)

    def _run(self) -> None:
        try:
            integrity = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
            keys = _foreign_key_rows(self.conn)
            self.rows = ([] if integrity == ["ok"] else integrity, keys)
        except (sqlite3.Error, UnicodeDecodeError):
            self.failed = True  # checked again on the snapshot's own connection

    def result(self, meter: _Meter) -> tuple[list[str], list[tuple[str, int, str]]] | None:
        """Wait for the thread (the progress callback still runs, so Cancel works)."""
        while self.thread.is_alive():
            # A sleep, not join(timeout): a timed lock wait never times out when the
            # process clock is moved (libfaketime, as in `make test-next-year`).
            time.sleep(0.1)
            meter.wait()
        self.stop()
        return None if self.failed else self.rows

    def stop(self) -> None:
        if self.thread.ident is not None and self.thread.is_alive():
            self.conn.interrupt()
            self.thread.join()
        self.conn.close()


def _tolerant_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def verify_path(
    path: Path | str, *, progress: Progress | None = None, expected: Expected | None = None
) -> VerifyReport:
    """Verify a file without migrating it (an audit copy must be checked as it is).

    A file that is not a DutyDesk database (zero bytes, no tables, another program's
    SQLite file) raises NotADutyDeskDatabase instead of listing missing tables.
    """
    db = storage.open_readonly(path, require_dutydesk=True)
    try:
        if expected is not None and expected.path is None:
            expected = Expected(expected.manifest, expected.head, Path(path))
        return verify_database(db, progress=progress, expected=expected)
    finally:
        db.close()


def _progress_total(db: Database) -> tuple[int, dict[str, int]]:
    """Rows to check in all (the progress total), and the row count of the audit log and
    of each audited table."""
    tables = set(db.table_names())
    total = int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    counts: dict[str, int] = {"audit_log": total}
    for name in audit.AUDITED_TABLES:
        if name in tables:
            counts[name] = int(db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            total += counts[name]
    if "incidents" in tables:
        total += counts.get("incidents", 0)
    return total, counts


# --- schema ------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _normalised(sql: str | None) -> str:
    return _SPACE.sub(" ", sql or "").strip()


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of everything the migrations define.

    Left out: SQLite's own objects (sqlite_*: statistics, sequences, automatic indexes,
    which follow from the table SQL) and the shadow tables of virtual tables (their
    layout belongs to the SQLite version; FTS content is checked separately).
    """
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    virtual = [
        name for type_, name, _, sql in rows if type_ == "table" and "VIRTUAL TABLE" in (sql or "")
    ]
    schema: dict[tuple[str, str], str] = {}
    for type_, name, table, sql in rows:
        if name.startswith("sqlite_") or table.startswith("sqlite_"):
            continue
        if any(table.startswith(v + "_") and table != v for v in virtual):
            continue
        schema[(type_, name)] = _normalised(sql)
    return schema


@cache
def expected_schema(applied: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """The schema the named migrations create, built once per process in memory."""
    from dutydesk.store.migrations import known_migration_names, migrations

    db = Database(memory=True, execute_plugins=False)
    try:
        known = known_migration_names()
        stop = known[len(applied)] if len(applied) < len(known) else None
        if stop is None:
            migrations.apply(db)
        else:
            migrations.apply(db, stop_before=stop)
        return _schema_of(db.conn)
    finally:
        db.close()


def _check_schema(db: Database) -> list[VerifyProblem]:
    from dutydesk.store.migrations import known_migration_names

    applied = tuple(storage.applied_migrations(db))
    known = known_migration_names()
    if list(applied) != known[: len(applied)]:
        return [
            VerifyProblem(
                "schema",
                "_sqlite_migrations",
                "-",
                f"结构变更记录与本程序不符：{', '.join(applied)}",
                f"The applied migrations do not match this program's: {', '.join(applied)}",
            )
        ]
    want = expected_schema(applied)
    have = _schema_of(db.conn)
    problems: list[VerifyProblem] = []
    labels = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
    for key in sorted(set(want) | set(have)):
        type_, name = key
        label = labels.get(type_, type_)
        if key not in have:
            zh, en = f"缺少{label} {name}（已被删除）", f"The {type_} {name} is missing (dropped)"
        elif key not in want:
            zh, en = (
                f"多出{label} {name}（不是本程序创建的）",
                f"An extra {type_} {name} that DutyDesk does not create",
            )
        elif key[1] != "_sqlite_migrations" and have[key] != want[key]:
            zh, en = f"{label} {name} 的定义被改动", f"The {type_} {name} was altered"
        else:
            continue
        problems.append(VerifyProblem("schema", name, type_, zh, en))
    return problems


# --- the audit chain ---------------------------------------------------------------------


_CHAIN_COLUMNS = (
    "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
    " after_json, prev_hash, hash FROM audit_log"
)


@dataclass
class _ChainPart:
    """One stretch of the chain: every row in it checked against the row before it, which
    may lie in the stretch before (the parts need no joining)."""

    problems: list[VerifyProblem]
    more: int  # problems found beyond the kept ones
    count: int
    last_seq: int | None
    last_hash: Any


def _chain_problem(seq: Any, zh: str, en: str) -> VerifyProblem:
    return VerifyProblem("audit_chain", "audit_log", str(seq), zh, en)


def _gap(expected: int, seq: Any) -> VerifyProblem:
    return _chain_problem(
        seq,
        f"审计记录序号不连续：应为 {expected}，实为 {seq}（有记录被删除）",
        f"Audit sequence gap: expected {expected}, found {seq} (rows removed)",
    )


def _broken_link(seq: Any) -> VerifyProblem:
    return _chain_problem(
        seq,
        f"审计记录 {seq} 与前一条的哈希链断开",
        f"Audit row {seq} does not link to the previous row's hash",
    )


def _altered(seq: Any) -> VerifyProblem:
    return _chain_problem(
        seq,
        f"审计记录 {seq} 的内容与其哈希不符（已被改动）",
        f"Audit row {seq} does not match its hash (it was altered)",
    )


# The fast form of a row's check, all in SQLite: it writes the row's canonical JSON
# (json_object escapes text exactly as audit.canonical_json does, and the keys are given
# in sorted order), a Python function hashes the bytes, and SQLite compares that with the
# stored hash and the stored link with the hash of the row numbered just before, and
# looks up the rows it refers to. Only a row failing any of these is returned; there the
# one definition (audit.row_hash_values), the nearest earlier row and the lookups decide
# what is reported. A passing fast hash means the bytes hashed
# are exactly those the row was written with: a real or any odd value is printed by
# SQLite unlike the definition, so such a row never passes by mistake and goes to Python.
# A blob makes json_object fail outright; the stretch is then read again in the guarded
# form, which leaves rows holding one to Python (the guard costs about an eighth of
# the time).
_SHA256 = "dutydesk_sha256_hex"
_PLAIN = ("a.at", "a.actor_id", "a.actor_label", "a.action", "a.entity", "a.entity_id")
_CHAIN_HASH = (
    f"{_SHA256}(CAST(a.prev_hash || json_object('action', a.action, 'actor_id', a.actor_id,"
    " 'actor_label', a.actor_label, 'after', a.after_json, 'at', a.at,"
    " 'before', a.before_json, 'entity', a.entity, 'entity_id', a.entity_id, 'seq', a.seq)"
    " AS BLOB))"
)
_CHAIN_GUARDED_HASH = (
    "CASE WHEN typeof(a.prev_hash) = 'text'"
    + "".join(f" AND typeof({c}) IN ('text', 'integer', 'null')" for c in _PLAIN)
    + " AND typeof(a.before_json) IN ('text', 'integer', 'null')"
    " AND typeof(a.after_json) IN ('text', 'integer', 'null')"
    f" THEN {_CHAIN_HASH} END"
)


def _odd_rows_sql(guarded: bool, references: list[tuple[str, str, str]]) -> str:
    fast = _CHAIN_GUARDED_HASH if guarded else _CHAIN_HASH
    values = "".join(f', a."{column}"' for column, _, _ in references)
    found = "".join(
        f' AND (a."{column}" IS NULL'
        f' OR EXISTS (SELECT 1 FROM "{parent}" AS r WHERE r."{key}" = a."{column}"))'
        for column, parent, key in references
    )
    return (
        f"SELECT a.seq, a.prev_hash, p.seq, p.hash{values} FROM audit_log AS a"
        " LEFT JOIN audit_log AS p ON p.seq = a.seq - 1"
        " WHERE a.seq BETWEEN :first AND :last"
        f" AND ({fast} = a.hash AND a.prev_hash = p.hash{found}) IS NOT 1 ORDER BY a.seq"
    )


def _chain_references(conn: sqlite3.Connection) -> list[tuple[str, str, str]] | None:
    """The audit log's references (column, parent table, parent column), checked in the
    chain's pass over its rows instead of by foreign_key_check reading them all again;
    None when one is not a plain single-column reference (foreign_key_check does it)."""
    rows = conn.execute("PRAGMA foreign_key_list('audit_log')").fetchall()
    references: list[tuple[str, str, str]] = []
    for row in rows:
        names = (row[3], row[2], row[4])
        if sum(1 for other in rows if other[0] == row[0]) != 1 or not all(
            isinstance(name, str) and _IDENTIFIER.fullmatch(name) for name in names
        ):
            return None
        parent_columns = {info[1] for info in conn.execute(f'PRAGMA table_info("{row[2]}")')}
        if row[4] not in parent_columns:  # no such parent: foreign_key_check reports it
            return None
        references.append(names)
    return references


def _sha256_hex(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _row_matches_its_hash(conn: sqlite3.Connection, seq: int) -> bool:
    """The one definition (audit.row_hash_values) for a row the fast form did not pass."""
    row = conn.execute(f"{_CHAIN_COLUMNS} WHERE seq = ?", [seq]).fetchone()
    if row is None:
        return False
    seq, at, actor_id, label, action, entity, entity_id, before, after, prev, hash_ = row
    try:
        computed = audit.row_hash_values(
            prev, seq, at, actor_id, label, action, entity, entity_id, before, after
        )
    except (TypeError, ValueError):
        return False
    return bool(computed == hash_)


def _walk_chain(conn: sqlite3.Connection, first: int, last: int) -> _ChainPart:
    """Sequence, link, hash and references of every row numbered first..last."""
    conn.create_function(_SHA256, 1, _sha256_hex, deterministic=True)
    references = _chain_references(conn) or []
    try:
        return _walk_stretch(conn, first, last, references, guarded=False)
    except sqlite3.OperationalError as error:
        if "decode" in str(error):
            raise  # undecodable text: the caller reads again with a tolerant decoder
        # a blob: rows holding one go to Python
        return _walk_stretch(conn, first, last, references, guarded=True)


def _walk_stretch(
    conn: sqlite3.Connection,
    first: int,
    last: int,
    references: list[tuple[str, str, str]],
    *,
    guarded: bool,
) -> _ChainPart:
    part = _ChainPart([], 0, 0, None, None)
    low, high = conn.execute(
        "SELECT min(seq), max(seq) FROM audit_log WHERE seq BETWEEN ? AND ?", [first, last]
    ).fetchone()
    if low is None:
        return part
    # Row numbers are unique integers: the stretch holds every number from low to high but
    # those missing in the gaps found below.
    part.count = high - low + 1
    part.last_seq = high
    part.last_hash = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [high]).fetchone()[0]
    cursor = conn.execute(_odd_rows_sql(guarded, references), {"first": low, "last": high})
    while chunk := cursor.fetchmany(FETCH):
        for seq, prev, before_seq, before_hash, *values in chunk:
            found: list[VerifyProblem] = []
            if before_seq is None:  # the first row, or rows before it were removed
                earlier = conn.execute(
                    "SELECT seq, hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                    [seq],
                ).fetchone()
                expected_seq, before_hash = (
                    (earlier[0] + 1, earlier[1]) if earlier else (1, audit.GENESIS_HASH)
                )
                if seq != expected_seq:
                    found.append(_gap(expected_seq, seq))
                    if seq > low:
                        part.count -= seq - expected_seq
            if prev != before_hash:
                found.append(_broken_link(seq))
            if not _row_matches_its_hash(conn, seq):
                found.append(_altered(seq))
            for (_, parent, key), value in zip(references, values, strict=True):
                if (
                    value is not None
                    and not conn.execute(
                        f'SELECT count(*) FROM "{parent}" WHERE "{key}" = ?', [value]
                    ).fetchone()[0]
                ):
                    found.append(_broken_reference("audit_log", seq, parent))
            for problem in found:
                if len(part.problems) < MAX_PROBLEMS_PER_CHECK:
                    part.problems.append(problem)
                else:
                    part.more += 1
    return part


def _chain_bounds(conn: sqlite3.Connection, stretches: int) -> list[tuple[int, int]]:
    """About ``stretches`` ranges of row numbers covering the whole chain in the snapshot
    (from 1, or from a lower number a forger used, to the head)."""
    low, high = conn.execute("SELECT min(seq), max(seq) FROM audit_log").fetchone()
    if high is None:
        return []
    low = min(low, 1)
    size = max(1, -(-(high - low + 1) // stretches))
    return [(first, min(first + size - 1, high)) for first in range(low, high + 1, size)]


def _joined(parts: list[_ChainPart]) -> tuple[list[VerifyProblem], int, str, int]:
    """(problems, rows, head hash, problems not kept) of the stretches in order."""
    problems = [problem for part in parts for problem in part.problems]
    head = next((p.last_hash for p in reversed(parts) if p.last_seq is not None), None)
    return (
        problems,
        sum(part.count for part in parts),
        audit.GENESIS_HASH if head is None else head,
        sum(part.more for part in parts),
    )


def _check_chain(
    db: Database, meter: _Meter, rows: int
) -> tuple[list[VerifyProblem], int, str, int]:
    """The whole chain in this process: (problems, rows, head hash, problems not kept);
    ``rows`` (the count, 0 if unknown) only sets the size of the stretches."""
    parts: list[_ChainPart] = []
    for first, last in _chain_bounds(db.conn, max(1, rows // CHAIN_STRETCH)):
        parts.append(_walk_chain(db.conn, first, last))
        meter.tick(parts[-1].count)
    return _joined(parts)


class _ParallelChain:
    """The chain's hashes checked by worker processes while this one does the rest.

    Sound within the one snapshot: the rows up to the snapshot's head are committed and the
    audit log refuses every update and delete, so a worker's own read of seq a..b sees
    exactly what the snapshot holds (rows appended meanwhile lie beyond the head and are
    not read). A row changed behind the triggers while verify runs is reported either
    way. Once its own checks are done this process takes the stretches no worker has
    begun, from the last one back, reading them in its own snapshot.
    """

    def __init__(self, executor: Any, futures: list[Any], bounds: list[tuple[int, int]]) -> None:
        self.executor, self.futures, self.bounds = executor, futures, bounds

    @classmethod
    def start(cls, db: Database, rows: int) -> _ParallelChain | None:
        workers = CHAIN_WORKERS
        if workers < 1:
            return None
        try:
            path = db.execute("PRAGMA database_list").fetchone()[2]
            # small enough for this process to take its share at the end
            bounds = _chain_bounds(db.conn, workers * 16)
        except sqlite3.Error:
            return None
        if not path or not Path(path).is_file() or rows < PARALLEL_MIN_ROWS:
            return None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            executor = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_yield_to_this_process,
            )
            futures = [executor.submit(_chain_stretch, path, *bound) for bound in bounds]
        except (OSError, RuntimeError):
            return None
        return cls(executor, futures, bounds)

    def rows_done(self) -> int:
        """Rows in the stretches the workers have finished (progress counts them here)."""
        return sum(
            future.result().count
            for future in self.futures
            if future.done() and not future.cancelled() and future.exception() is None
        )

    def result(
        self, db: Database, meter: _Meter
    ) -> tuple[list[VerifyProblem], int, str, int] | None:
        """The whole chain; None when the workers could not run (then check it here)."""
        from concurrent.futures.process import BrokenProcessPool

        parts: list[_ChainPart | None] = [None] * len(self.futures)
        try:
            for index in reversed(range(len(self.futures))):
                if not self.futures[index].cancel():
                    break  # begun by a worker, and so are all before it
                own = _walk_chain(db.conn, *self.bounds[index])
                meter.tick(own.count)
                parts[index] = own
            for index, future in enumerate(self.futures):
                if parts[index] is None:
                    while not future.done():  # polled: progress goes on, and Cancel works
                        time.sleep(0.1)
                        meter.wait()
                    parts[index] = future.result()
        except (BrokenProcessPool, OSError, EOFError):
            return None
        finally:
            self.executor.shutdown(cancel_futures=True)
        return _joined([part for part in parts if part])


def _yield_to_this_process() -> None:
    """A worker runs at a lower priority. integrity_check, the longest single check, runs
    in this process and cannot be split: when the cores are short it must not wait for
    chain stretches, which this process takes over from the end once its own checks end."""
    if hasattr(os, "nice"):
        try:
            os.nice(WORKER_NICENESS)
        except OSError:
            pass  # not allowed here: the worker runs as it is


def _chain_stretch(path: str, first: int, last: int) -> _ChainPart:
    """Check seq first..last of the file at ``path`` (runs in a worker process)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.text_factory = _tolerant_text
        conn.execute(f"PRAGMA busy_timeout = {int(storage.BUSY_TIMEOUT_MS)}")
        return _walk_chain(conn, first, last)
    finally:
        conn.close()


# --- records against their newest audit image --------------------------------------------


def _check_records(
    db: Database, meter: _Meter, counts: dict[str, int]
) -> tuple[list[VerifyProblem], int]:
    problems: list[VerifyProblem] = []
    checked = 0
    existing_tables = set(db.table_names())
    for name in audit.AUDITED_TABLES:
        if name not in existing_tables:
            continue
        table_problems, table_checked = _check_table(db, name, meter, counts.get(name))
        problems += table_problems
        checked += table_checked
    return problems, checked


_NEWEST_IMAGE = (
    "SELECT seq FROM audit_log WHERE entity = :entity AND entity_id = CAST(t.id AS TEXT)"
    " AND (before_json IS NOT NULL OR after_json IS NOT NULL) ORDER BY seq DESC LIMIT 1"
)


def _check_table(
    db: Database, name: str, meter: _Meter, count: int | None
) -> tuple[list[VerifyProblem], int]:
    """Each row joined with its newest audit image in one streamed query (index lookups).

    Where SQLite can write the row's audit image itself (no secrets, no blob columns), the
    two texts are compared in the query's result and only a row whose texts differ is read
    again and compared in Python; otherwise every row is compared in Python. A blob in a
    column meant for text makes SQLite's image fail: the table is then read again with
    every column guarded, which leaves such rows to Python.
    """
    spec = audit.AUDITED_TABLES[name]
    for guarded in (False, True):
        image_sql = _image_sql(db, name, spec, guarded=guarded)
        if image_sql is None:
            break
        try:
            problems, checked = _check_table_by_text(db, name, spec, image_sql, meter, count)
        except sqlite3.OperationalError as error:
            if "decode" in str(error):
                raise  # undecodable text: guarded() reads again with a tolerant decoder
            continue
        return problems + _missing_rows(db, name), checked
    problems, checked = _check_table_in_python(db, name, spec, meter)
    return problems + _missing_rows(db, name), checked


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _image_sql(db: Database, name: str, spec: audit.AuditedTable, *, guarded: bool) -> str | None:
    """SQL giving the row's audit image text exactly as ``audit.canonical_json`` would
    write it, or NULL where SQLite would write a value otherwise (a real where Python's
    text differs, or, ``guarded``, a blob); None when the table cannot be done so at all.

    A passing comparison must mean the row holds what its image says. A value SQLite
    writes unlike Python can only make the texts differ, except a real close to one the
    image has: so a real goes to Python, in every column that can hold one (a column of
    text affinity turns one into text). Unguarded, a blob makes json_object fail."""
    if spec.secret_columns:
        return None
    info = list(db.execute(f'PRAGMA table_info("{name}")'))
    columns = [(row[1], str(row[2]).upper()) for row in info]
    if (
        not columns
        or len(columns) > 60  # json_object takes at most 127 arguments
        or any(not _IDENTIFIER.fullmatch(column) for column, _ in columns)
        or any("BLOB" in declared for _, declared in columns)
    ):
        return None
    # A real in a column of REAL affinity is written by Python (its repr, as the audit
    # image has it; json() keeps a number's text as it is); a real elsewhere, or one that
    # is not finite, leaves the row to Python.
    reals = {column for column, declared in columns if _real_affinity(declared)}
    integer_key = _rowid_alias(db, name, info)
    _register_real_json(db.conn)
    odd = [
        f'(typeof(t."{column}") = \'real\' AND {_REAL_JSON}(t."{column}") IS NULL)'
        if column in reals
        else f"typeof(t.\"{column}\") = 'real'"
        for column, declared in columns
        if guarded or not (column in integer_key or _text_affinity(declared))
    ]
    if guarded:
        odd += [f"typeof(t.\"{column}\") = 'blob'" for column, _ in columns]
    pairs = ", ".join(
        f"'{column}', CASE WHEN typeof(t.\"{column}\") = 'real'"
        f' THEN json({_REAL_JSON}(t."{column}")) ELSE t."{column}" END'
        if column in reals
        else f"'{column}', t.\"{column}\""
        for column in sorted(c for c, _ in columns)
    )
    image = f"json_object({pairs})"
    return f"CASE WHEN {' OR '.join(odd)} THEN NULL ELSE {image} END" if odd else image


_REAL_JSON = "dutydesk_real_json"


def _rowid_alias(db: Database, name: str, info: list[Any]) -> set[str]:
    """The column that is the table's rowid (an integer, whatever is written), if any."""
    keys = [row for row in info if row[5] > 0]
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()
    if len(keys) != 1 or str(keys[0][2]).upper() != "INTEGER" or sql is None:
        return set()
    return set() if "WITHOUT ROWID" in _normalised(sql[0]).upper() else {keys[0][1]}


def _text_affinity(declared: str) -> bool:
    """SQLite's affinity rules: TEXT for CHAR, CLOB or TEXT, unless INT comes first."""
    return "INT" not in declared and any(word in declared for word in ("CHAR", "CLOB", "TEXT"))


def _real_affinity(declared: str) -> bool:
    """SQLite's affinity rules: REAL for REAL, FLOA or DOUB, unless INT or a text or blob
    affinity comes first in the rule order."""
    if "INT" in declared or any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return False
    if not declared or "BLOB" in declared:
        return False
    return any(word in declared for word in ("REAL", "FLOA", "DOUB"))


def _register_real_json(conn: sqlite3.Connection) -> None:
    """Once a connection: replacing a function while a statement is still open (a read
    that stopped at undecodable text) fails in SQLite."""
    try:
        conn.execute(f"SELECT {_REAL_JSON}(NULL)").fetchone()
    except sqlite3.OperationalError:
        conn.create_function(_REAL_JSON, 1, _real_json, deterministic=True)


def _real_json(value: Any) -> str | None:
    """A finite real as ``audit.canonical_json`` writes it (float.__repr__), else None."""
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return None


# The newest audit image of row t (deletions excluded: a row that exists has an image).
_NEWEST_IMAGE_TEXT = (
    "SELECT a.after_json FROM audit_log AS a WHERE a.entity = :entity"
    " AND a.entity_id = CAST(t.id AS TEXT)"
    " AND (a.before_json IS NOT NULL OR a.after_json IS NOT NULL) ORDER BY a.seq DESC LIMIT 1"
)
RECORD_SPAN = 20_000  # ids per query: progress (and Cancel) between them


def _spans(
    conn: sqlite3.Connection, table: str, first: int, last: int
) -> Iterator[tuple[int, int]]:
    """Ranges of at most RECORD_SPAN ids covering first..last, each starting at an id that
    exists (a stray huge id does not make a long walk through empty ranges)."""
    low: int | None = first
    while low is not None and low <= last:
        high = min(low + RECORD_SPAN - 1, last)
        yield low, high
        low = conn.execute(f'SELECT min(id) FROM "{table}" WHERE id > ?', [high]).fetchone()[0]


def _check_table_by_text(
    db: Database,
    name: str,
    spec: audit.AuditedTable,
    image_sql: str,
    meter: _Meter,
    count: int | None,
) -> tuple[list[VerifyProblem], int]:
    """SQLite compares each row's audit image text with the one it writes for the row and
    returns only the rows that differ (or have no image, or hold a real or a blob); those
    are compared again in Python, which alone decides. Queried in spans of ids."""
    problems: list[VerifyProblem] = []
    if count is None:
        count = int(db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
    low, high = db.execute(f'SELECT min(id), max(id) FROM "{name}"').fetchone()
    integer_ids = db.execute(
        f"SELECT count(*) FROM pragma_table_info('{name}')"
        " WHERE name = 'id' AND pk = 1 AND upper(type) = 'INTEGER'"
    ).fetchone()[0]
    spans: Iterable[tuple[Any, Any]]
    if not isinstance(low, int) or not isinstance(high, int) or not integer_ids:
        spans = [(None, None)]  # ids are not the rowid: one query
    else:
        spans = _spans(db.conn, name, low, high)
    # Equal texts give 1; different, missing (NULL) or unwritable (a real, a blob) do not.
    differing = (
        f'SELECT t.id FROM "{name}" AS t WHERE (({_NEWEST_IMAGE_TEXT}) = {image_sql}) IS NOT 1'
    )
    columns: list[str] | None = None
    ticked = 0
    for first, last in spans:
        if first is None:
            found_ids = db.execute(f"{differing} ORDER BY t.id", {"entity": name})
        else:
            found_ids = db.execute(
                f"{differing} AND t.id BETWEEN :first AND :last ORDER BY t.id",
                {"entity": name, "first": first, "last": last},
            )
        for (row_id,) in found_ids.fetchall():
            newest = db.execute(
                f'SELECT a.seq, a.after_json FROM "{name}" AS t'
                f" LEFT JOIN audit_log AS a ON a.seq = ({_NEWEST_IMAGE})"
                " WHERE t.id = :id",
                {"entity": name, "id": row_id},
            ).fetchone()
            found = db.execute(f'SELECT * FROM "{name}" WHERE id = ?', [row_id])
            columns = columns or [c[0] for c in found.description]
            values = found.fetchone()
            if values is not None and newest is not None:
                problem = _compare_row(name, spec, columns, newest[0], newest[1], values)
                if problem is not None:
                    problems.append(problem)
        step = count - ticked if first is None else min(last - first + 1, count - ticked)
        meter.tick(step)
        ticked += step
    meter.tick(count - ticked)
    return problems, count


def _check_table_in_python(
    db: Database, name: str, spec: audit.AuditedTable, meter: _Meter
) -> tuple[list[VerifyProblem], int]:
    problems: list[VerifyProblem] = []
    checked = 0
    cursor = db.execute(
        f'SELECT a.seq, a.after_json, t.* FROM "{name}" AS t'
        f" LEFT JOIN audit_log AS a ON a.seq = ({_NEWEST_IMAGE}) ORDER BY t.id",
        {"entity": name},
    )
    columns = [c[0] for c in cursor.description][2:]
    while chunk := cursor.fetchmany(FETCH):
        for seq, image, *values in chunk:
            checked += 1
            problem = _compare_row(name, spec, columns, seq, image, values)
            if problem is not None:
                problems.append(problem)
        meter.tick(len(chunk))
    return problems, checked


def _compare_row(
    name: str,
    spec: audit.AuditedTable,
    columns: list[str],
    seq: int | None,
    image: str | None,
    values: Iterable[Any],
) -> VerifyProblem | None:
    """One row against its newest audit image (None: no image at all)."""
    values = list(values)
    row = dict(zip(columns, values, strict=True))
    if spec.secret_columns or any(type(v) is bytes for v in values):
        current = audit.snapshot(name, row)
    else:
        current = row
    key = str(row["id"])
    if seq is None:
        return VerifyProblem(
            "records",
            name,
            key,
            f"{name} 第 {key} 行不在审计记录中（绕过程序写入）",
            f"{name} row {key} has no audit entry (written outside DutyDesk)",
        )
    if image != audit.canonical_json(current) and (
        (loaded := _loads(image)) is None or loaded != _as_audited(loaded, current)
    ):
        changed = _changed_columns(loaded, current)
        return VerifyProblem(
            "records",
            name,
            key,
            f"{name} 第 {key} 行与审计记录不符，被改动的字段：{changed}",
            f"{name} row {key} differs from its audit trail; changed: {changed}",
        )
    return None


def _missing_rows(db: Database, name: str) -> list[VerifyProblem]:
    problems: list[VerifyProblem] = []
    # Rows the trail says exist but the table lacks: deleted behind the core, unless the
    # newest image records the deletion.
    missing = db.execute(
        "SELECT entity_id FROM (SELECT DISTINCT entity_id FROM audit_log WHERE entity = ?) AS d"
        f' WHERE NOT EXISTS (SELECT 1 FROM "{name}" AS t WHERE t.id = d.entity_id)',
        [name],
    )
    for (entity_id,) in missing:
        newest = db.execute(
            "SELECT after_json FROM audit_log WHERE entity = ? AND entity_id = ?"
            " AND (before_json IS NOT NULL OR after_json IS NOT NULL)"
            " ORDER BY seq DESC LIMIT 1",
            [name, entity_id],
        ).fetchone()
        if newest is None or newest[0] is None:
            continue
        problems.append(
            VerifyProblem(
                "records",
                name,
                str(entity_id),
                f"{name} 第 {entity_id} 行已被删除，但审计记录中没有删除操作",
                f"{name} row {entity_id} was deleted outside DutyDesk",
            )
        )
    return problems


def _loads(image: str | None) -> dict[str, Any] | None:
    try:
        loaded = None if image is None else json.loads(image)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _as_audited(image: dict[str, Any] | None, row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The row as its audit image would show it: a column added by a later migration is
    absent from older images and reads as NULL there, so a NULL in it is no change."""
    if image is None or row is None:
        return row
    return {k: v for k, v in row.items() if k in image or v is not None}


def _changed_columns(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    old, new = old or {}, new or {}
    changed = sorted(
        k
        for k in set(old) | set(new)
        if k not in old
        or k not in new
        or audit.canonical_json(old[k]) != audit.canonical_json(new[k])
    )
    return ", ".join(changed) or "-"


# --- signatures --------------------------------------------------------------------------


def _content_sha256(content: dict[str, Any] | None) -> str | None:
    if content is None:
        return None
    try:
        return hashlib.sha256(audit.canonical_json(content).encode("utf-8")).hexdigest()
    except (TypeError, ValueError):  # a blob where text belongs
        return None


class _EveryContent:
    """One entity's contents streamed in id order; asked in rising id order."""

    def __init__(self, db: Database, entity: str) -> None:
        self._db, self._entity = db, entity
        self._rows = signing.SIGNABLE_EVERY[entity](db)
        self._ahead: tuple[int, dict[str, Any] | None] | None = next(self._rows, None)
        self._asked = -1

    def hash_of(self, entity_id: int) -> str | None:
        if entity_id < self._asked:  # out of order (an odd id text): build it alone
            return _one_content_hash(self._db, self._entity, entity_id)
        self._asked = entity_id
        while self._ahead is not None and self._ahead[0] < entity_id:
            self._ahead = next(self._rows, None)
        if self._ahead is None or self._ahead[0] != entity_id:
            return None  # gone
        return _content_sha256(self._ahead[1])


def _one_content_hash(db: Database, entity: str, entity_id: int) -> str | None:
    try:
        return signing.content_hash(db, entity, entity_id)
    except (LookupError, TypeError, ValueError):  # gone, or a blob for text
        return None


def _bad_signature(signature_id: int, zh: str, en: str) -> tuple[int, VerifyProblem]:
    """A signature row that names no record verify can check, keyed for signature order."""
    return signature_id, VerifyProblem("signatures", "signatures", str(signature_id), zh, en)


def _check_signatures(db: Database) -> tuple[list[VerifyProblem], int]:
    """Every signature against its record's content now. Signatures are read by record, so
    an entity that streams its contents (``signing.SIGNABLE_EVERY``) builds each record in
    one pass; the problems are reported in signature order."""
    found: list[tuple[int, VerifyProblem]] = []
    count = 0
    streams: dict[str, _EveryContent] = {}
    last: tuple[str, int] | None = None
    current: str | None = None
    cursor = db.execute(
        "SELECT id, entity, entity_id, meaning, content_hash FROM signatures"
        " ORDER BY entity, CAST(entity_id AS INTEGER), id"
    )
    while chunk := cursor.fetchmany(FETCH):
        for signature_id, entity, raw_entity_id, meaning, stored in chunk:
            count += 1
            try:
                entity_id = int(raw_entity_id)
            except (TypeError, ValueError):
                found.append(
                    _bad_signature(
                        signature_id,
                        f"签名 {signature_id} 的记录编号无效：{raw_entity_id!r}",
                        f"Signature {signature_id} has an invalid record id {raw_entity_id!r}",
                    )
                )
                continue
            if entity not in signing.SIGNABLE:
                found.append(
                    _bad_signature(
                        signature_id,
                        f"签名 {signature_id} 指向未知的记录类型 {entity}",
                        f"Signature {signature_id} is on an unknown record type {entity}",
                    )
                )
                continue
            # A record signed twice (handed over, taken over) is hashed once: same snapshot.
            if last != (entity, entity_id):
                last = (entity, entity_id)
                if entity in signing.SIGNABLE_EVERY:
                    if entity not in streams:
                        streams[entity] = _EveryContent(db, entity)
                    current = streams[entity].hash_of(entity_id)
                else:
                    current = _one_content_hash(db, entity, entity_id)
            if current != stored:
                found.append(
                    (
                        signature_id,
                        VerifyProblem(
                            "signatures",
                            entity,
                            str(entity_id),
                            f"{entity} 第 {entity_id} 条记录在签名（{meaning}）后被改动",
                            f"{entity} record {entity_id} changed after it was signed ({meaning})",
                        ),
                    )
                )
    found.sort(key=lambda pair: pair[0])
    return [problem for _, problem in found], count


# --- the incident search index -----------------------------------------------------------


IndexRows = Callable[[Database], Iterable[tuple[int, list[str | None], str | None, str | None]]]
IndexText = Callable[[Iterable[str | None]], tuple[str, str]]
# The incident area registers how its index rows are read and built (store imports no area).
_search_index: list[tuple[IndexRows, IndexText]] = []


def register_search_index(rows: IndexRows, text: IndexText) -> None:
    """How to read every incident's index row, and how its row should read."""
    _search_index[:] = [(rows, text)]


def _check_search_index(db: Database, meter: _Meter) -> list[VerifyProblem]:
    """Every incident has an up-to-date index row, and the FTS index holds exactly those."""
    tables = set(db.table_names())
    if not _search_index or "incidents" not in tables or "incident_search" not in tables:
        return []
    incident_index_rows, index_text = _search_index[0]
    problems: list[VerifyProblem] = []

    def stale(incident_id: Any, zh: str, en: str) -> None:
        problems.append(
            VerifyProblem(
                "search_index",
                "incident_search",
                str(incident_id),
                f"事故 {incident_id} 的搜索索引{zh}（运行 dutydesk incidents reindex 修复）",
                f"The search index of incident {incident_id} {en}"
                " (repair: dutydesk incidents reindex)",
            )
        )

    count = 0
    for incident_id, texts, terms, plain in incident_index_rows(db):
        count += 1
        if count % FETCH == 0:
            meter.tick(FETCH)
        if terms is None:
            stale(incident_id, "缺失", "is missing")
        elif (terms, plain) != _index_text_or_none(index_text, texts):
            stale(incident_id, "已过时", "is out of date")
    meter.tick(count % FETCH)
    for (incident_id,) in db.execute(
        "SELECT id FROM incident_search WHERE id NOT IN (SELECT id FROM incidents)"
    ):
        stale(incident_id, "指向不存在的事故", "points to no incident")
    if "incident_fts_docsize" in tables:
        for (incident_id,) in db.execute(
            "SELECT id FROM incident_search WHERE id NOT IN (SELECT id FROM incident_fts_docsize)"
            " UNION SELECT id FROM incident_fts_docsize"
            " WHERE id NOT IN (SELECT id FROM incident_search)"
        ):
            stale(
                incident_id, "不在全文索引中或多余", "is missing from, or extra in, the FTS index"
            )
    return problems


def _index_text_or_none(
    index_text: Callable[[list[str | None]], tuple[str, str]], texts: list[Any]
) -> tuple[str, str] | None:
    try:
        return index_text(texts)
    except (TypeError, AttributeError):  # a blob or number where text belongs: stale
        return None


# --- expectations from outside: the manifest and a printed head --------------------------


MANIFEST_FIELDS = {
    "file_sha256": ("文件 SHA-256", "file sha256"),
    "file_size": ("文件大小", "file size"),
    "audit_head_hash": ("审计链头哈希", "audit head hash"),
    "audit_rows": ("审计记录条数", "audit row count"),
    "row_counts": ("各表行数", "row counts"),
    "migrations": ("结构变更", "migrations"),
}


def _check_expected(
    db: Database, expected: Expected, audit_rows: int, head: str
) -> tuple[list[VerifyProblem], tuple[str, ...]]:
    problems: list[VerifyProblem] = []
    anchors: list[str] = []
    if expected.head is not None:
        anchors.append("head")
        wanted = expected.head.strip().lower()
        if head != wanted:  # the whole hash: a prefix could be forged by brute force
            problems.append(
                VerifyProblem(
                    "head",
                    "audit_log",
                    str(audit_rows),
                    f"审计链头哈希与给定值不符：给定 {wanted}，文件为 {head}",
                    f"The audit head differs from the one given: {wanted} given, {head} found",
                )
            )
    manifest = expected.manifest
    if manifest is not None:
        anchors.append("manifest")
        for name, listed, found in _manifest_differences(db, manifest, expected.path):
            zh, en = MANIFEST_FIELDS.get(name, (name, name))
            problems.append(
                VerifyProblem(
                    "manifest",
                    name,
                    "-",
                    f"文件与清单不一致：{zh}（清单 {listed}，文件 {found}）",
                    f"The file does not match its manifest: {en} ({listed} listed, {found} found)",
                )
            )
    return problems, tuple(anchors)


def _manifest_differences(
    db: Database, manifest: Manifest, path: Path | None
) -> Iterator[tuple[str, str, str]]:
    if path is not None and path.is_file():
        size = path.stat().st_size
        if size != manifest.file_size:
            yield "file_size", f"{manifest.file_size:,}", f"{size:,}"
        digest = storage.file_sha256(path)
        if digest != manifest.file_sha256:
            yield "file_sha256", manifest.file_sha256, digest
    rows, head = audit.head(db)
    if head != manifest.audit_head_hash:
        yield "audit_head_hash", manifest.audit_head_hash, head
    if rows != manifest.audit_rows:
        yield "audit_rows", str(manifest.audit_rows), str(rows)
    counts = storage.table_counts(db)
    if counts != manifest.row_counts:
        differing = sorted(
            name
            for name in set(counts) | set(manifest.row_counts)
            if counts.get(name) != manifest.row_counts.get(name)
        )
        listed = ", ".join(f"{n}={manifest.row_counts.get(n, '-')}" for n in differing)
        found = ", ".join(f"{n}={counts.get(n, '-')}" for n in differing)
        yield "row_counts", listed, found
    applied = storage.applied_migrations(db)
    if applied != list(manifest.migrations):
        yield "migrations", ", ".join(manifest.migrations), ", ".join(applied)
