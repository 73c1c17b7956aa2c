"""Verification of a DutyDesk file: storage integrity, the audit chain, records, signatures."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

import dutydesk.desk  # noqa: F401  (imports every feature, registering its tables and signables)
from dutydesk.store import audit, signing
from dutydesk.store import db as storage

_T = TypeVar("_T")


@dataclass(frozen=True)
class Problem:
    """One finding; ``table`` and ``row`` say where, ``message`` what (Chinese, English)."""

    check: str
    table: str
    row: str
    message: str
    message_en: str


@dataclass(frozen=True)
class VerifyReport:
    problems: tuple[Problem, ...]
    audit_rows: int
    audit_head: str
    signatures: int
    records_checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 20_000


def verify_database(db: Database, *, progress: Progress | None = None) -> VerifyReport:
    """Every check, each reported with table and row; a damaged file never stops the run.

    A check that cannot read its rows (damaged pages) becomes a problem of its own; text
    that is not valid UTF-8 (bytes changed behind SQLite) is read with replacement
    characters, so the rows it is in show up as changed instead of crashing the check.
    ``progress(done, total)`` is called now and then while the audit chain is walked
    (the long part: about a minute for two million rows).
    """
    problems: list[Problem] = []
    original_text_factory = db.conn.text_factory

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
                problems.append(
                    Problem(
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
            problems.append(
                Problem(
                    "integrity",
                    what,
                    "-",
                    f"无法读取 {what}：{error}",
                    f"Cannot read {what}: {error}",
                )
            )
            return empty

    try:
        for text in guarded("database", lambda: storage.integrity_problems(db), list[str]()):
            problems.append(
                Problem("integrity", "-", "-", f"完整性检查：{text}", f"integrity_check: {text}")
            )
        for table, rowid, parent in guarded(
            "database", lambda: storage.foreign_key_problems(db), list[tuple[str, int, str]]()
        ):
            problems.append(
                Problem(
                    "foreign_keys",
                    table,
                    str(rowid),
                    f"外键失效：{table} 第 {rowid} 行引用的 {parent} 不存在",
                    f"Broken reference: {table} row {rowid} points to a missing {parent} row",
                )
            )
        chain_problems, audit_rows, head = guarded(
            "audit_log",
            lambda: _check_chain(db, progress),
            (list[Problem](), 0, audit.GENESIS_HASH),
        )
        problems += chain_problems
        record_problems, records = guarded(
            "records", lambda: _check_records(db), (list[Problem](), 0)
        )
        problems += record_problems
        signature_problems, signatures = guarded(
            "signatures", lambda: _check_signatures(db), (list[Problem](), 0)
        )
        problems += signature_problems
    finally:
        db.conn.text_factory = original_text_factory
    return VerifyReport(tuple(problems), audit_rows, head, signatures, records)


def _tolerant_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def verify_path(path: Path | str, *, progress: Progress | None = None) -> VerifyReport:
    """Verify a file without migrating it (an audit copy must be checked as it is)."""
    db = storage.open_readonly(path)
    try:
        return verify_database(db, progress=progress)
    finally:
        db.close()


def _check_chain(db: Database, progress: Progress | None) -> tuple[list[Problem], int, str]:
    problems: list[Problem] = []
    total = db.execute("SELECT count(*) FROM audit_log").fetchone()[0] if progress else 0
    prev_hash = audit.GENESIS_HASH
    expected_seq = 1
    count = 0
    cursor = db.execute(
        "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
        " after_json, prev_hash, hash FROM audit_log ORDER BY seq"
    )
    names = [c[0] for c in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, total)
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(
                Problem(
                    "audit_chain",
                    "audit_log",
                    str(seq),
                    f"审计记录序号不连续：应为 {expected_seq}，实为 {seq}（有记录被删除）",
                    f"Audit sequence gap: expected {expected_seq}, found {seq} (rows removed)",
                )
            )
        if row["prev_hash"] != prev_hash:
            problems.append(
                Problem(
                    "audit_chain",
                    "audit_log",
                    str(seq),
                    f"审计记录 {seq} 与前一条的哈希链断开",
                    f"Audit row {seq} does not link to the previous row's hash",
                )
            )
        if audit.row_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(
                Problem(
                    "audit_chain",
                    "audit_log",
                    str(seq),
                    f"审计记录 {seq} 的内容与其哈希不符（已被改动）",
                    f"Audit row {seq} does not match its hash (it was altered)",
                )
            )
        prev_hash = row["hash"]
        expected_seq = seq + 1
    if progress is not None:
        progress(count, total)
    return problems, count, prev_hash


def _last_images(db: Database, table: str) -> dict[str, dict[str, Any] | None]:
    """The newest audited image of each row of ``table`` (None: audited as deleted)."""
    images: dict[str, dict[str, Any] | None] = {}
    for entity_id, after_json in db.execute(
        "SELECT entity_id, after_json FROM audit_log WHERE seq IN ("
        " SELECT max(seq) FROM audit_log WHERE entity = ?"
        " AND (before_json IS NOT NULL OR after_json IS NOT NULL) GROUP BY entity_id)",
        [table],
    ):
        images[entity_id] = None if after_json is None else json.loads(after_json)
    return images


def _rows(db: Database, table: str) -> Iterator[dict[str, Any]]:
    cursor = db.execute(f'SELECT * FROM "{table}" ORDER BY id')
    names = [c[0] for c in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def _check_records(db: Database) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    checked = 0
    existing_tables = set(db.table_names())
    for name in audit.AUDITED_TABLES:
        if name not in existing_tables:
            continue
        images = _last_images(db, name)
        seen: set[str] = set()
        for row in _rows(db, name):
            checked += 1
            key = str(row["id"])
            seen.add(key)
            if key not in images:
                problems.append(
                    Problem(
                        "records",
                        name,
                        key,
                        f"{name} 第 {key} 行不在审计记录中（绕过程序写入）",
                        f"{name} row {key} has no audit entry (written outside DutyDesk)",
                    )
                )
            elif images[key] != _as_audited(images[key], audit.snapshot(name, row)):
                changed = _changed_columns(images[key], audit.snapshot(name, row))
                problems.append(
                    Problem(
                        "records",
                        name,
                        key,
                        f"{name} 第 {key} 行与审计记录不符，被改动的字段：{changed}",
                        f"{name} row {key} differs from its audit trail; changed: {changed}",
                    )
                )
        for key, image in images.items():
            if image is not None and key not in seen:
                problems.append(
                    Problem(
                        "records",
                        name,
                        key,
                        f"{name} 第 {key} 行已被删除，但审计记录中没有删除操作",
                        f"{name} row {key} was deleted outside DutyDesk",
                    )
                )
    return problems, checked


def _as_audited(image: dict[str, Any] | None, row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The row as its audit image would show it: a column added by a later migration is
    absent from older images and reads as NULL there, so a NULL in it is no change."""
    if image is None or row is None:
        return row
    return {k: v for k, v in row.items() if k in image or v is not None}


def _changed_columns(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    old, new = old or {}, new or {}
    return ", ".join(sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)))


def _check_signatures(db: Database) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    count = 0
    for row in db.query("SELECT * FROM signatures ORDER BY id"):
        count += 1
        entity = row["entity"]
        try:
            entity_id = int(row["entity_id"])
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    "signatures",
                    "signatures",
                    str(row["id"]),
                    f"签名 {row['id']} 的记录编号无效：{row['entity_id']!r}",
                    f"Signature {row['id']} has an invalid record id {row['entity_id']!r}",
                )
            )
            continue
        if entity not in signing.SIGNABLE:
            problems.append(
                Problem(
                    "signatures",
                    "signatures",
                    str(row["id"]),
                    f"签名 {row['id']} 指向未知的记录类型 {entity}",
                    f"Signature {row['id']} is on an unknown record type {entity}",
                )
            )
            continue
        try:
            current = signing.content_hash(db, entity, entity_id)
        except LookupError:
            current = None
        if current != row["content_hash"]:
            problems.append(
                Problem(
                    "signatures",
                    entity,
                    str(entity_id),
                    f"{entity} 第 {entity_id} 条记录在签名（{row['meaning']}）后被改动",
                    f"{entity} record {entity_id} changed after it was signed ({row['meaning']})",
                )
            )
    return problems, count
