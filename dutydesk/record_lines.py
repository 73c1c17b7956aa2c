"""Numbered lines under a parent record: a meeting's decisions, an interview's findings.

Each line is a row ``{parent_column: parent_id, "position": n, "text": …}``; a new line
takes the next position under its parent.
"""

from __future__ import annotations

from sqlite_utils import Database

from dutydesk.store import audit
from dutydesk.store.context import Acting


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
