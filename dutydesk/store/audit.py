"""The append-only, hash-chained audit trail and the audited write helpers.

Every change made through the core goes through ``insert``/``update``/``delete`` here (or
``record`` for events that change no row), inside the caller's transaction, so that
the row and its audit entry commit or roll back together.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from dutydesk import limits
from dutydesk.errors import PermissionDenied

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who an audit row is attributed to: a person, or a labelled non-person."""

    person_id: int | None
    label: str

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(None, label)

    @classmethod
    def anonymous(cls) -> Actor:
        return cls(None, "anonymous")


@dataclass(frozen=True)
class AuditedTable:
    """A table whose every row must match its last audited after-image.

    ``secret_columns`` are stored in the audit trail only as a sha256, never in clear.
    """

    name: str
    secret_columns: frozenset[str] = field(default_factory=frozenset)


# Feature modules add their tables here; verify() checks each of them.
AUDITED_TABLES: dict[str, AuditedTable] = {
    "settings": AuditedTable("settings"),
    "people": AuditedTable("people", frozenset({"password_hash"})),
    "signatures": AuditedTable("signatures"),
}


def register_table(spec: AuditedTable) -> None:
    AUDITED_TABLES[spec.name] = spec


# The areas declare what they own when their modules are imported: audited tables (above),
# signable records (``signing``), the search index (``verify``), permissions (``people``).
# ``dutydesk.desk`` imports an area the first time it is used, so whoever needs all of
# them (verify, an unknown permission) asks for every area first.
_area_loaders: list[Callable[[], None]] = []

# The module that composes every area and adds the loader when it is imported. A process
# that has imported only the store (``verify_path`` from a script or a worker) has no
# loader yet, so ``load_every_area`` imports it by name: the store still depends on no area
# (tests/core/test_import_graph.py), and such a process sees every area all the same.
AREAS_MODULE = "dutydesk.desk"


def add_area_loader(load: Callable[[], None]) -> None:
    """``load()`` imports every area (``dutydesk.desk`` adds it)."""
    _area_loaders.append(load)


_area_lock = threading.RLock()  # a worker's verify and the window may ask at once


def load_every_area() -> None:
    """Import every area now, so each has declared its tables, records and permissions."""
    with _area_lock:
        importlib.import_module(AREAS_MODULE)  # once per process: adds its loader
        while _area_loaders:
            _area_loaders[0]()  # kept until it has run through, so others wait for it
            _area_loaders.pop(0)


# One encoder for every call: json.dumps with options builds a new encoder each time, which
# is a fifth of the cost of verifying a long audit chain.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text as is: the form every hash is taken over."""
    return _CANONICAL.encode(value)


def _fingerprint(value: bytes | str) -> str:
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    return "sha256:" + hashlib.sha256(data).hexdigest()


def snapshot(table: str, row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The audit image of a row: secrets and blobs become fingerprints."""
    if row is None:
        return None
    spec = AUDITED_TABLES.get(table)
    secrets = spec.secret_columns if spec else frozenset()
    image: dict[str, Any] = {}
    for column, value in row.items():
        if value is not None and (column in secrets or isinstance(value, bytes)):
            image[column] = _fingerprint(value)
        else:
            image[column] = value
    return image


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return row_hash_values(
        prev_hash,
        row["seq"],
        row["at"],
        row["actor_id"],
        row["actor_label"],
        row["action"],
        row["entity"],
        row["entity_id"],
        row["before_json"],
        row["after_json"],
    )


_text = json.encoder.encode_basestring  # the C encoder canonical_json uses for text


def _json_scalar(value: Any) -> str:
    if type(value) is str:
        return _text(value)
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return canonical_json(value)


def row_hash_values(
    prev_hash: str,
    seq: Any,
    at: Any,
    actor_id: Any,
    actor_label: Any,
    action: Any,
    entity: Any,
    entity_id: Any,
    before_json: Any,
    after_json: Any,
) -> str:
    """The hash of one audit row: sha256 of the previous hash and the row's canonical JSON.

    The JSON is the exact text ``canonical_json`` gives for the row's dict (sorted keys,
    no spaces), assembled directly: this runs once per row when a long chain is checked.
    """
    s = _json_scalar
    body = (
        f'{{"action":{s(action)},"actor_id":{s(actor_id)},"actor_label":{s(actor_label)},'
        f'"after":{s(after_json)},"at":{s(at)},"before":{s(before_json)},'
        f'"entity":{s(entity)},"entity_id":{s(entity_id)},"seq":{s(seq)}}}'
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def head(db: Database) -> tuple[int, str]:
    found = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (found[0], found[1]) if found else (0, GENESIS_HASH)


def record(
    db: Database,
    *,
    actor: Actor,
    at: str,
    action: str,
    entity: str,
    entity_id: int | str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> int:
    """Append one audit row chained to the previous one; returns its sequence number.

    The head is read inside the write transaction, so two writers cannot fork the chain.
    """
    with db.atomic():
        return _append(
            db,
            actor=actor,
            at=at,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )


def _check_values(values: dict[str, Any]) -> None:
    """Every stored text free of control characters, every date within the site's years."""
    for column, value in values.items():
        limits.check_value(value, column)


def check_actor(
    db: Database, actor: Actor, *, entity: str = "", entity_id: int | str | None = None
) -> None:
    """Inside the write transaction: a deactivated person writes nothing.

    ``people.require`` reads the person's roles again before the action; this is the last
    reading, under the write lock, so a deactivation committed in between still stops the
    write. A person's own account row is the exception (deactivating oneself is audited).
    """
    if actor.person_id is None:
        return
    found = db.execute("SELECT active FROM people WHERE id = ?", [actor.person_id]).fetchone()
    if found is None or found[0]:
        return
    if entity == "people" and str(entity_id) == str(actor.person_id):
        return
    raise PermissionDenied(
        f"{actor.label} 的账号已停用，操作未保存",
        en=f"{actor.label}'s account is deactivated; nothing was saved",
    )


def _append(
    db: Database,
    *,
    actor: Actor,
    at: str,
    action: str,
    entity: str,
    entity_id: int | str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> int:
    check_actor(db, actor, entity=entity, entity_id=entity_id)
    seq, prev_hash = head(db)
    row: dict[str, Any] = {
        "seq": seq + 1,
        "at": at,
        "actor_id": actor.person_id,
        "actor_label": actor.label,
        "action": action,
        "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
        "before_json": None if before is None else canonical_json(before),
        "after_json": None if after is None else canonical_json(after),
    }
    row["prev_hash"] = prev_hash
    row["hash"] = row_hash(prev_hash, row)
    db.execute(
        "INSERT INTO audit_log (seq, at, actor_id, actor_label, action, entity, entity_id,"
        " before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor_id,"
        " :actor_label, :action, :entity, :entity_id, :before_json, :after_json,"
        " :prev_hash, :hash)",
        row,
    )
    return int(row["seq"])


def fetch_row(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    cursor = db.execute(f'SELECT * FROM "{table}" WHERE id = ?', [row_id])
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([c[0] for c in cursor.description], found, strict=True))


def _existing_row(db: Database, table: str, row_id: int) -> dict[str, Any]:
    found = fetch_row(db, table, row_id)
    if found is None:
        raise LookupError(f"{table} {row_id} does not exist")
    return found


def _record_row(
    db: Database,
    table: str,
    row_id: int,
    *,
    actor: Actor,
    at: str,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Audit a write to one row of ``table``: its images before and after, as snapshots."""
    record(
        db,
        actor=actor,
        at=at,
        action=action,
        entity=table,
        entity_id=row_id,
        before=snapshot(table, before),
        after=snapshot(table, after),
    )


def insert(
    db: Database,
    table: str,
    values: dict[str, Any],
    *,
    actor: Actor,
    at: str,
    action: str = "create",
) -> int:
    """Insert one row and its audit entry in one transaction; returns the new id."""
    _check_values(values)
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    with db.atomic():
        cursor = db.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values())
        )
        row_id = int(cursor.lastrowid or 0)
        _record_row(
            db, table, row_id, actor=actor, at=at, action=action, after=fetch_row(db, table, row_id)
        )
    return row_id


def update(
    db: Database,
    table: str,
    row_id: int,
    changes: dict[str, Any],
    *,
    actor: Actor,
    at: str,
    action: str = "update",
) -> dict[str, Any]:
    """Update one row and audit before and after images together; returns the new row."""
    _check_values(changes)
    assignments = ", ".join(f'"{c}" = ?' for c in changes)
    with db.atomic():
        before = _existing_row(db, table, row_id)
        db.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', [*changes.values(), row_id])
        after = fetch_row(db, table, row_id)
        assert after is not None
        _record_row(
            db, table, row_id, actor=actor, at=at, action=action, before=before, after=after
        )
    return after


def delete(
    db: Database, table: str, row_id: int, *, actor: Actor, at: str, action: str = "delete"
) -> None:
    with db.atomic():
        before = _existing_row(db, table, row_id)
        db.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
        _record_row(db, table, row_id, actor=actor, at=at, action=action, before=before)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor_id: int | None
    actor_label: str
    action: str
    entity: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def entries(
    db: Database,
    *,
    entity: str | None = None,
    entity_id: int | str | None = None,
    limit: int = 200,
    before_seq: int | None = None,
) -> list[AuditEntry]:
    """Newest first; page with ``before_seq``."""
    where: list[str] = []
    params: list[Any] = []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(str(entity_id))
    if before_seq is not None:
        where.append("seq < ?")
        params.append(before_seq)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
        f" after_json FROM audit_log {clause} ORDER BY seq DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        AuditEntry(
            seq=r[0],
            at=r[1],
            actor_id=r[2],
            actor_label=r[3],
            action=r[4],
            entity=r[5],
            entity_id=r[6],
            before=None if r[7] is None else json.loads(r[7]),
            after=None if r[8] is None else json.loads(r[8]),
        )
        for r in rows
    ]
