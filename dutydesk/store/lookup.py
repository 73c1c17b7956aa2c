"""Reading one record by its number, or saying which record does not exist.

Every area names a missing record the same way: "<noun>不存在：<id>" / "No such <noun>: <id>".
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlite_utils import Database

from dutydesk.errors import NotFound
from dutydesk.store import audit

T = TypeVar("T")

Noun = tuple[str, str]  # (zh, en), e.g. ("会议记录", "meeting")


def found(row: T | None, noun: Noun, row_id: int) -> T:
    """``row`` itself, or NotFound naming the ``noun`` numbered ``row_id`` when it is None."""
    if row is None:
        zh, en = noun
        raise NotFound(f"{zh}不存在：{row_id}", en=f"No such {en}: {row_id}")
    return row


def existing_row(db: Database, table: str, row_id: int, noun: Noun) -> dict[str, Any]:
    """The row numbered ``row_id`` of ``table`` (column -> value), or NotFound."""
    return found(audit.fetch_row(db, table, row_id), noun, row_id)
