"""Audited writes that several areas make the same way.

``save_row``: a form that adds a record (no id yet) or changes one (its id).
``append_line``: numbered lines under a parent record (a meeting's decisions, an
interview's findings), rows ``{parent_column: parent_id, "position": n, "text": …}``; a new
line takes the next position under its parent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from dutydesk.store import audit
from dutydesk.store.context import Acting


def save_row(
    db: Database,
    table: str,
    row_id: int | None,
    values: dict[str, Any],
    *,
    by: Acting,
    at: str,
    check: Callable[[int], object] | None = None,
) -> int:
    """Insert ``values`` as a new row of ``table`` when ``row_id`` is None, else write them
    over that row (after ``check(row_id)``, which raises when it does not exist); the id."""
    if row_id is None:
        return audit.insert(db, table, values, actor=by.actor, at=at)
    if check is not None:
        check(row_id)
    audit.update(db, table, row_id, values, actor=by.actor, at=at)
    return row_id


def append_line(
    db: Database, table: str, parent: tuple[str, int], text: str, *, by: Acting, at: str
) -> int:
    """Insert ``text`` as the last line of ``parent`` (column, id) in ``table``, audited."""
    column, parent_id = parent
    position = db.execute(
        f"SELECT coalesce(max(position), 0) + 1 FROM {table} WHERE {column} = ?", [parent_id]
    ).fetchone()[0]
    return audit.insert(
        db, table, {column: parent_id, "position": position, "text": text}, actor=by.actor, at=at
    )
