"""Anonymous entries, held back and entered in batches so that nothing links them to a person.

What could give an anonymous giver away, and what this module does about each:

- **Columns**: the entry stores no person, no recorder, and only the site-local day.
- **Audit sequence**: the audit row of an entry written at once would follow the giver's
  sign-in row in the hash chain. So an anonymous entry is *not* written when it is
  submitted: it waits in ``anonymous_inbox`` (not audited, keyed by a random token in a
  WITHOUT ROWID table, so its storage order is random too) and is entered later, together
  with others, by whoever's action releases the batch; its audit rows carry
  ``Actor.anonymous()`` and the day only.
- **Row ids**: a released batch is entered in random order, so ids and audit sequence
  numbers within the batch say nothing about who submitted first.
- **Time**: the day only, for the held entry and for the entry and its audit rows.

A batch is released when ``batch`` entries of a kind are waiting, when any waiting entry
is from an earlier day than today (the next day's first action), or on ``force`` (a
questionnaire being closed). One entry alone on a day is therefore released the next day
with nothing else; on such a day the day itself is all that is known, as on paper.

What this does not hide: someone watching the file change live, or comparing copies of
it taken between two submissions; SQLite's free pages may keep deleted inbox bytes until
they are reused (``secure_delete`` is switched on for the release to overwrite them).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlite_utils import Database

from dutydesk.store import audit

BATCH = 3


def hold(
    db: Database, kind: str, day: str, payload: dict[str, Any], ref: int | None = None
) -> None:
    """Keep one anonymous entry until its batch is released (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO anonymous_inbox (token, kind, ref, day, payload) VALUES (?, ?, ?, ?, ?)",
        [secrets.token_hex(16), kind, ref, day, audit.canonical_json(payload)],
    )


def waiting(db: Database, kind: str, ref: int | None = None) -> int:
    sql = "SELECT count(*) FROM anonymous_inbox WHERE kind = ?"
    params: list[Any] = [kind]
    if ref is not None:
        sql += " AND ref = ?"
        params.append(ref)
    return int(db.execute(sql, params).fetchone()[0])


def take_due(
    db: Database,
    kind: str,
    *,
    today: str,
    ref: int | None = None,
    force: bool = False,
    batch: int = BATCH,
) -> list[tuple[str, dict[str, Any]]]:
    """Remove and return (day, payload) of a due batch, shuffled; [] when none is due.

    Call inside a transaction that then enters every returned entry.
    """
    sql = "SELECT token, day, payload FROM anonymous_inbox WHERE kind = ?"
    params: list[Any] = [kind]
    if ref is not None:
        sql += " AND ref = ?"
        params.append(ref)
    rows = db.execute(sql, params).fetchall()
    if not rows:
        return []
    due = force or len(rows) >= batch or any(day < today for _token, day, _payload in rows)
    if not due:
        return []
    db.execute("PRAGMA secure_delete = ON")  # overwrite the deleted inbox rows' bytes
    for token, _day, _payload in rows:
        db.execute("DELETE FROM anonymous_inbox WHERE token = ?", [token])
    taken = [(day, json.loads(payload)) for _token, day, payload in rows]
    secrets.SystemRandom().shuffle(taken)
    return taken
