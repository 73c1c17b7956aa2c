"""The incident list's first page (goal ≤ 2×).

DutyDesk: ``desk.incidents.search(None, limit=100)``, the call behind the 事件 tab's
list without a filter. Baseline: ``SELECT * FROM incidents ORDER BY reported_at DESC,
id DESC LIMIT 100``. Also, as information, page 21 by keyset.
"""

from __future__ import annotations

from bench.common import Context, Row, failed, paired
from bench.figures._desk import open_desk

NAME = "incident_list"
NEEDS_DB = True
TITLE = "incident list, first page (100 rows)"
BARE = "SELECT * FROM incidents ORDER BY reported_at DESC, id DESC LIMIT 100"


def run(ctx: Context) -> list[Row]:
    desk = open_desk(ctx)
    try:
        conn = desk.db.conn
        service = desk.incidents
        app_s, base_s, samples = paired(
            lambda: service.search(None, limit=100), lambda: conn.execute(BARE).fetchall(), ctx.runs
        )
        rows = [
            Row(
                NAME,
                TITLE,
                app_s,
                base_s,
                "SELECT … ORDER BY reported_at DESC, id DESC LIMIT 100",
                goal=2.0,
                samples=samples,
            )
        ]
        page = service.search(None, limit=100)
        for _ in range(20):
            if page.next_cursor is None:
                break
            page = service.search(None, limit=100, after=page.next_cursor)
        cursor = page.next_cursor
        if cursor is not None:
            deep_app, deep_base, deep_samples = paired(
                lambda: service.search(None, limit=100, after=cursor),
                lambda: conn.execute(
                    "SELECT * FROM incidents WHERE (reported_at, id) < (?, ?)"
                    " ORDER BY reported_at DESC, id DESC LIMIT 100",
                    list(cursor),
                ).fetchall(),
                ctx.runs,
            )
            rows.append(
                Row(
                    "incident_list_page21",
                    "incident list, page 21 by keyset",
                    deep_app,
                    deep_base,
                    "the same SELECT after the keyset (reported_at, id)",
                    samples=deep_samples,
                )
            )
        return rows
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        desk.close()
