"""Open items (遗留问题) of the handover service: raised, carried into every draft, resolved.

A mixin of ``HandoverService``: every open item lives in ``open_items``; each draft
handover keeps its own copy (``handover_open_items``) that freezes with the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dutydesk.clock import minutes_between, parse_iso, to_iso
from dutydesk.errors import Conflict, ValidationError
from dutydesk.handover.records import HandoverRecord, OpenItem
from dutydesk.people import inputs
from dutydesk.people.auth import Person, require
from dutydesk.people.context import PeopleContext
from dutydesk.store.context import AreaService
from dutydesk.store.rows import from_row

if TYPE_CHECKING:
    pass


def clean_text(field: str, value: str, label_zh: str, label_en: str, limit: int = 2000) -> str:
    """Required handover text: up to 2000 characters unless ``limit`` says otherwise."""
    return inputs.clean_text(field, value, label_zh, label_en, limit=limit)


class OpenItemsMixin(AreaService[PeopleContext]):
    """``open_items``, ``add_open_item``, ``resolve_open_item`` and the draft copies."""

    def _draft_for(self, actor: Person, handover_id: int) -> HandoverRecord:
        raise NotImplementedError  # provided by HandoverService

    def open_items(self, *, include_resolved: bool = False) -> list[OpenItem]:
        sql = (
            "SELECT o.*, c.name AS created_by_name, r.name AS resolved_by_name FROM open_items o"
            " JOIN people c ON c.id = o.created_by LEFT JOIN people r ON r.id = o.resolved_by"
        )
        if not include_resolved:
            sql += " WHERE o.status = 'open'"
        sql += " ORDER BY o.status, o.created_at, o.id"
        now = self._desk.clock()
        return [self._open_item(row, now) for row in self._db.query(sql)]

    def open_item(self, open_item_id: int) -> OpenItem:
        row = self._one_row(
            "SELECT o.*, c.name AS created_by_name, r.name AS resolved_by_name"
            " FROM open_items o JOIN people c ON c.id = o.created_by"
            " LEFT JOIN people r ON r.id = o.resolved_by WHERE o.id = ?",
            [open_item_id],
            f"遗留问题不存在：{open_item_id}",
            f"No open item {open_item_id}",
        )
        return self._open_item(row, self._desk.clock())

    @staticmethod
    def _open_item(row: Mapping[str, Any], now: datetime) -> OpenItem:
        until = parse_iso(row["resolved_at"]) if row["resolved_at"] else now
        return from_row(OpenItem, row, age_minutes=minutes_between(row["created_at"], until))

    def add_open_item(
        self,
        actor: Person,
        *,
        title: str,
        detail: str = "",
        incident_id: int | None = None,
        handover_id: int | None = None,
    ) -> OpenItem:
        """Record a 遗留问题 during a shift, or at a handover (``handover_id`` a draft)."""
        actor = require(actor, "handover.open_items", self._db)
        clean_title = clean_text("title", title, "遗留问题标题", "Title", 200)
        if incident_id is not None and (not isinstance(incident_id, int) or incident_id < 1):
            raise ValidationError("incident_id", "事件编号无效", en="Invalid incident number")
        if handover_id is not None:
            self._draft_for(actor, handover_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            item_id = self._insert(
                "open_items",
                {
                    "title": clean_title,
                    "detail": (detail or "").strip()[:4000],
                    "incident_id": incident_id,
                    "created_at": now,
                    "created_by": actor.id,
                    "created_in_handover_id": handover_id,
                },
                by=actor,
                at=now,
            )
            self._sync_drafts(actor)
        return self.open_item(item_id)

    def resolve_open_item(self, actor: Person, open_item_id: int, *, resolution: str) -> OpenItem:
        """Close an open item: who, when and how are kept; it stops travelling on."""
        actor = require(actor, "handover.open_items", self._db)
        how = clean_text("resolution", resolution, "处理结果", "Resolution")
        item = self.open_item(open_item_id)
        if item.status == "resolved":
            raise Conflict(
                f"遗留问题「{item.title}」已由{item.resolved_by_name}解决",
                en=f"“{item.title}” was already resolved by {item.resolved_by_name}",
            )
        now = self._desk.now_iso()
        with self._db.atomic():
            self._update(
                "open_items",
                open_item_id,
                {
                    "status": "resolved",
                    "resolved_at": now,
                    "resolved_by": actor.id,
                    "resolution": how,
                },
                by=actor,
                at=now,
                action="resolve",
            )
            self._sync_drafts(actor)
        return self.open_item(open_item_id)

    def _sync_drafts(self, actor: Person) -> None:
        for (draft_id,) in self._db.execute(
            "SELECT id FROM handovers WHERE status = 'draft'"
        ).fetchall():
            self._sync_open_items(draft_id, actor)

    def _sync_open_items(self, handover_id: int, actor: Person) -> None:
        """Bring a draft's copy of the open items up to date: every open item, plus
        the ones resolved during the outgoing shift (shown with who, when and how)."""
        period_start = self._db.execute(
            "SELECT period_start_at FROM handovers WHERE id = ?", [handover_id]
        ).fetchone()[0]
        now_dt = self._desk.clock()
        wanted = {
            row["id"]: row
            for row in self._db.query(
                "SELECT o.*, c.name AS created_by_name, r.name AS resolved_by_name"
                " FROM open_items o JOIN people c ON c.id = o.created_by"
                " LEFT JOIN people r ON r.id = o.resolved_by"
                " WHERE o.status = 'open' OR o.resolved_at >= ?",
                [period_start],
            )
        }
        existing = {
            row["open_item_id"]: row
            for row in self._db.query(
                "SELECT * FROM handover_open_items WHERE handover_id = ?", [handover_id]
            )
        }
        now = to_iso(now_dt)
        for open_item_id, row in existing.items():
            if open_item_id not in wanted:
                self._delete(
                    "handover_open_items", row["id"], by=actor, at=now, action="handover_sync"
                )
        for open_item_id, row in wanted.items():
            until = parse_iso(row["resolved_at"]) if row["resolved_at"] else now_dt
            image = {
                "title": row["title"],
                "detail": row["detail"],
                "incident_id": row["incident_id"],
                "created_at": row["created_at"],
                "created_by_name": row["created_by_name"],
                "age_minutes": minutes_between(row["created_at"], until),
                "status": row["status"],
                "resolved_at": row["resolved_at"],
                "resolved_by_name": row["resolved_by_name"],
                "resolution": row["resolution"],
            }
            old = existing.get(open_item_id)
            if old is None:
                self._insert(
                    "handover_open_items",
                    {"handover_id": handover_id, "open_item_id": open_item_id, **image},
                    by=actor,
                    at=now,
                    action="handover_sync",
                )
            elif any(old[k] != v for k, v in image.items()):
                self._update(
                    "handover_open_items",
                    old["id"],
                    image,
                    by=actor,
                    at=now,
                    action="handover_sync",
                )
