"""Backup of the realistic database (issue 18: goal met; kept under watch).

DutyDesk: what ``dutydesk backup`` does — ``store.db.open_readonly`` and
``store.db.backup_to`` (SQLite's online backup API into a temporary file, journal mode
DELETE, then renamed into place). Baseline: Python's ``sqlite3`` backup API alone, from
the same file to a new file. Each copy is deleted before the next sample.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.common import Context, Row, failed, paired

NAME = "backup"
NEEDS_DB = True
TITLE = "backup"


def run(ctx: Context) -> list[Row]:
    from dutydesk.store import db as storage

    source = ctx.need_db()
    app_dest, base_dest = ctx.work / "backup-app.db", ctx.work / "backup-base.db"

    def app() -> None:
        app_dest.unlink(missing_ok=True)
        with storage.open_readonly(source) as db:
            storage.backup_to(db, app_dest)

    def base() -> None:
        base_dest.unlink(missing_ok=True)
        conn = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(base_dest)
        try:
            conn.backup(target)
        finally:
            target.close()
            conn.close()

    try:
        app_s, base_s, samples = paired(app, base, ctx.runs, floor=0)
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        app_dest.unlink(missing_ok=True)
        base_dest.unlink(missing_ok=True)
    row = Row(NAME, TITLE, app_s, base_s, "SQLite backup API", samples=samples)
    row.notes.append("Issue 18 counts this goal as met (0.94×); measured to keep it so.")
    return [row]
