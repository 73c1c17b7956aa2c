"""Bulk writing for the generator: the audit trail and the incident log.

``Trail`` collects audit rows exactly as ``dutydesk.store.audit`` builds them (same
canonical after-image, same hash chain) and writes them with executemany. ``Incidents``
writes incidents, their timeline events, attachments and search-index rows the way
``dutydesk.incidents.service.IncidentService`` does for a call with no explicit time
(``at=None``: every stage happens "now"): the same columns, the same audit actions and
images (one row for the incident, one for its timeline event, per stage), the same
search terms (``dutydesk.incidents.search.index_text``). Rows are kept in memory while the
incident is open and written on ``flush``, which must run before any service call reads
the database (``Trail.call`` does that).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from dutydesk.clock import minutes_between, to_iso
from dutydesk.incidents.records import ATTACHMENT_TYPES, TRANSITIONS
from dutydesk.incidents.search import index_text
from dutydesk.store import audit

T = TypeVar("T")
BATCH = 20_000


class Trail:
    """Audit rows built as ``audit.record`` would, plus the incident tables' pending rows."""

    def __init__(self, desk: Any) -> None:
        self.desk = desk
        self.db = desk.db
        self.seq, self.prev = audit.head(desk.db)
        self.pending: list[tuple[Any, ...]] = []
        self.incidents: Incidents | None = None
        self.service_calls = 0
        self.flush_seconds = 0.0
        self.seconds: dict[str, float] = {}

    def add(
        self,
        *,
        at: str,
        actor: audit.Actor,
        action: str,
        entity: str,
        entity_id: int | str | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.seq += 1
        entity_key = None if entity_id is None else str(entity_id)
        before_json = None if before is None else audit.canonical_json(before)
        after_json = None if after is None else audit.canonical_json(after)
        entry = (
            self.seq,
            at,
            actor.person_id,
            actor.label,
            action,
            entity,
            entity_key,
            before_json,
            after_json,
        )
        digest = audit.row_hash_values(self.prev, *entry)
        self.pending.append((*entry, self.prev, digest))
        self.prev = digest
        if len(self.pending) >= BATCH and self.incidents is None:
            self.flush()

    def flush(self, *, incidents: bool = True) -> None:
        """Write the pending rows; ``incidents=False`` writes only the audit rows (enough
        for a service that does not read the incident log)."""
        if incidents and self.incidents is not None:
            self.incidents.flush()
        if self.pending:
            self.db.conn.executemany(
                "INSERT INTO audit_log (seq, at, actor_id, actor_label, action, entity,"
                " entity_id, before_json, after_json, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.pending,
            )
            self.pending = []

    def commit(self) -> None:
        self.flush()
        if self.db.conn.in_transaction:
            self.db.conn.commit()

    def call(
        self, fn: Callable[..., T], *args: Any, reads_incidents: bool = False, **kwargs: Any
    ) -> T:
        """Run one core service call between bulk writes: flush first (the audit rows, and
        the incident log too when the service reads it), then follow the chain head the
        service moved."""
        began = time.perf_counter()
        self.flush(incidents=reads_incidents)
        self.service_calls += 1
        flushed = time.perf_counter()
        self.flush_seconds += flushed - began
        try:
            return fn(*args, **kwargs)
        finally:
            self.seq, self.prev = audit.head(self.db)
            name = getattr(fn, "__qualname__", "?")
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - flushed

    @property
    def rows(self) -> int:
        return self.seq


@dataclass
class Open:
    """One incident while it is written: its current row, notes and reporter's name."""

    row: dict[str, Any]
    reporter: str
    notes: list[str] = field(default_factory=list)
    stored: bool = False


@dataclass(frozen=True)
class Severity:
    id: int
    rank: int
    respond_minutes: int
    resolve_minutes: int


class Incidents:
    """Writes incidents as ``IncidentService`` would, in bulk (see the module text)."""

    def __init__(self, trail: Trail, version_in_force: Callable[[str], str | None]) -> None:
        self.trail = trail
        self.db = trail.db
        trail.incidents = self
        self.version_in_force = version_in_force
        self.columns = [r[1] for r in self.db.execute("PRAGMA table_info(incidents)")]
        self.event_columns = [r[1] for r in self.db.execute("PRAGMA table_info(incident_events)")]
        self.attachment_columns = [
            r[1] for r in self.db.execute("PRAGMA table_info(incident_attachments)")
        ]
        self.next_id = self._next("incidents")
        self.next_event = self._next("incident_events")
        self.next_attachment = self._next("incident_attachments")
        self.open: dict[int, Open] = {}
        self.dirty: dict[int, dict[str, Any]] = {}  # incident id -> row to upsert
        self.events: list[tuple[Any, ...]] = []
        self.attachments: list[tuple[Any, ...]] = []
        self.reindex: set[int] = set()
        self.indexed: dict[int, str] = {}  # terms now in incident_fts, for open incidents
        self.reported = 0
        self.notes = 0
        self.attached = 0
        placeholders = ", ".join("?" for _ in self.columns)
        self._insert = f"INSERT INTO incidents ({', '.join(self.columns)}) VALUES ({placeholders})"
        self._changed = [c for c in self.columns if c != "id"]
        self._update = (
            f"UPDATE incidents SET {', '.join(f'{c} = ?' for c in self._changed)} WHERE id = ?"
        )

    def _next(self, table: str) -> int:
        return int(self.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])

    # -- the service's writes ------------------------------------------------------------
    def _event(
        self,
        actor: audit.Actor,
        incident_id: int,
        *,
        kind: str,
        now: str,
        body: str = "",
        from_status: str | None = None,
        to_status: str | None = None,
    ) -> None:
        event_id, self.next_event = self.next_event, self.next_event + 1
        row = {
            "id": event_id,
            "incident_id": incident_id,
            "at": now,
            "author_id": actor.person_id,
            "kind": kind,
            "from_status": from_status,
            "to_status": to_status,
            "body": body,
            "recorded_at": now,
        }
        self.events.append(tuple(row[c] for c in self.event_columns))
        self.trail.add(
            at=now,
            actor=actor,
            action=f"incident_{kind}",
            entity="incident_events",
            entity_id=event_id,
            after=row,
        )

    def report(
        self,
        actor: audit.Actor,
        at: datetime,
        *,
        title: str,
        description: str,
        location: str,
        severity_id: int,
        category_id: int,
        source_id: int | None,
        shift_date: str,
        shift_code: str,
    ) -> int:
        now = to_iso(at)
        incident_id, self.next_id = self.next_id, self.next_id + 1
        row: dict[str, Any] = dict.fromkeys(self.columns)
        row.update(
            id=incident_id,
            title=title,
            description=description,
            location=location,
            severity_id=severity_id,
            category_id=category_id,
            source_id=source_id,
            status="new",
            reported_at=now,
            reported_by=actor.person_id,
            shift_date=shift_date,
            shift_code=shift_code,
            process_version=self.version_in_force(now),
            created_at=now,
            updated_at=now,
        )
        self.open[incident_id] = Open(row, actor.label)
        self.dirty[incident_id] = row
        self.trail.add(
            at=now,
            actor=actor,
            action="incident_report",
            entity="incidents",
            entity_id=incident_id,
            after=dict(row),
        )
        self._event(actor, incident_id, kind="report", now=now, to_status="new", body=title)
        self.reindex.add(incident_id)
        self.reported += 1
        return incident_id

    def status(self, incident_id: int) -> str | None:
        found = self.open.get(incident_id)
        return None if found is None else str(found.row["status"])

    def _transition(
        self,
        actor: audit.Actor,
        incident_id: int,
        action: str,
        changes: dict[str, Any],
        now: str,
        body: str = "",
    ) -> None:
        sources, target, _permission = TRANSITIONS[action]
        state = self.open[incident_id]
        row = state.row
        if row["status"] not in sources:
            raise ValueError(f"incident {incident_id} is {row['status']}; cannot {action}")
        before = dict(row)
        row.update(changes, status=target, updated_at=now)
        self.dirty[incident_id] = row
        self.trail.add(
            at=now,
            actor=actor,
            action=f"incident_{action}",
            entity="incidents",
            entity_id=incident_id,
            before=before,
            after=dict(row),
        )
        self._event(
            actor,
            incident_id,
            kind=action,
            now=now,
            body=body,
            from_status=before["status"],
            to_status=target,
        )
        self.reindex.add(incident_id)

    def acknowledge(self, actor: audit.Actor, incident_id: int, at: datetime) -> None:
        now = to_iso(at)
        self._transition(
            actor,
            incident_id,
            "acknowledge",
            {"acknowledged_at": now, "acknowledged_by": actor.person_id},
            now,
        )

    def escalate(
        self, actor: audit.Actor, incident_id: int, at: datetime, *, to: str, reason: str
    ) -> None:
        now = to_iso(at)
        self._transition(
            actor,
            incident_id,
            "escalate",
            {
                "escalated_at": now,
                "escalated_by": actor.person_id,
                "escalated_to": to,
                "escalation_reason": reason,
            },
            now,
            body=f"升级至 {to}：{reason}",
        )

    def resolve(self, actor: audit.Actor, incident_id: int, at: datetime, *, text: str) -> None:
        now = to_iso(at)
        self._transition(
            actor,
            incident_id,
            "resolve",
            {"resolved_at": now, "resolved_by": actor.person_id, "resolution": text},
            now,
            body=text,
        )

    def close(self, actor: audit.Actor, incident_id: int, at: datetime, severity: Severity) -> None:
        now = to_iso(at)
        row = self.open[incident_id].row
        response = minutes_between(row["reported_at"], row["acknowledged_at"])
        resolution = minutes_between(row["reported_at"], row["resolved_at"])
        self._transition(
            actor,
            incident_id,
            "close",
            {
                "closed_at": now,
                "closed_by": actor.person_id,
                "response_minutes": response,
                "resolution_minutes": resolution,
                "respond_target_minutes": severity.respond_minutes,
                "resolve_target_minutes": severity.resolve_minutes,
                "responded_on_time": int(response <= severity.respond_minutes),
                "resolved_on_time": int(resolution <= severity.resolve_minutes),
            },
            now,
        )

    def note(self, actor: audit.Actor, incident_id: int, at: datetime, text: str) -> None:
        now = to_iso(at)
        state = self.open[incident_id]
        if state.row["status"] == "closed":
            raise ValueError(f"incident {incident_id} is closed")
        self._event(actor, incident_id, kind="note", now=now, body=text)
        state.notes.append(text)
        self.reindex.add(incident_id)
        self.notes += 1

    def attach(
        self, actor: audit.Actor, incident_id: int, at: datetime, *, filename: str, data: bytes
    ) -> None:
        now = to_iso(at)
        suffix = filename[filename.rfind(".") :].lower()
        digest = hashlib.sha256(data).hexdigest()
        attachment_id, self.next_attachment = self.next_attachment, self.next_attachment + 1
        row = {
            "id": attachment_id,
            "incident_id": incident_id,
            "filename": filename,
            "mime_type": ATTACHMENT_TYPES[suffix],
            "size": len(data),
            "sha256": digest,
            "data": data,
            "added_at": now,
            "added_by": actor.person_id,
        }
        self.attachments.append(tuple(row[c] for c in self.attachment_columns))
        self.trail.add(
            at=now,
            actor=actor,
            action="incident_attach",
            entity="incident_attachments",
            entity_id=attachment_id,
            after=audit.snapshot("incident_attachments", row),
        )
        self._event(
            actor,
            incident_id,
            kind="attachment",
            now=now,
            body=f"{filename}（{len(data)} 字节，sha256 {digest[:12]}…）",
        )
        self.attached += 1

    # -- writing -------------------------------------------------------------------------
    def flush(self) -> None:
        conn = self.db.conn
        if self.dirty:
            new, changed = [], []
            for incident_id, r in self.dirty.items():
                state = self.open[incident_id]
                if state.stored:
                    changed.append((*(r[c] for c in self._changed), incident_id))
                else:
                    new.append(tuple(r[c] for c in self.columns))
                    state.stored = True
            conn.executemany(self._insert, new)
            conn.executemany(self._update, changed)
            self.dirty = {}
        if self.events:
            conn.executemany(
                f"INSERT INTO incident_events ({', '.join(self.event_columns)})"
                f" VALUES ({', '.join('?' for _ in self.event_columns)})",
                self.events,
            )
            self.events = []
        if self.attachments:
            conn.executemany(
                f"INSERT INTO incident_attachments ({', '.join(self.attachment_columns)})"
                f" VALUES ({', '.join('?' for _ in self.attachment_columns)})",
                self.attachments,
            )
            self.attachments = []
        if self.reindex:
            deletes, rows = [], []
            for incident_id in sorted(self.reindex):
                state = self.open[incident_id]
                r = state.row
                terms, plain = index_text(
                    [
                        r["title"],
                        r["description"],
                        r["location"],
                        r["resolution"],
                        r["escalated_to"],
                        r["escalation_reason"],
                        state.reporter,
                        *state.notes,
                    ]
                )
                old = self.indexed.get(incident_id)
                if old is not None:
                    deletes.append((incident_id, old))
                rows.append((incident_id, terms, plain))
                if r["status"] == "closed":
                    self.indexed.pop(incident_id, None)
                    del self.open[incident_id]
                else:
                    self.indexed[incident_id] = terms
            conn.executemany(
                "INSERT INTO incident_fts (incident_fts, rowid, terms) VALUES ('delete', ?, ?)",
                deletes,
            )
            conn.executemany(
                "INSERT INTO incident_search (id, terms, plain) VALUES (?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET terms = excluded.terms, plain = excluded.plain",
                rows,
            )
            conn.executemany(
                "INSERT INTO incident_fts (rowid, terms) VALUES (?, ?)",
                [(i, t) for i, t, _ in rows],
            )
            self.reindex = set()
        # Closed incidents that needed no reindex this time are final too.
        for incident_id in [i for i, s in self.open.items() if s.row["status"] == "closed"]:
            self.indexed.pop(incident_id, None)
            del self.open[incident_id]
