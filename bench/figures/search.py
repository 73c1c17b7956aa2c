"""Search for a two-character word, first 100 rows (goal ≤ 3×).

DutyDesk: ``desk.incidents.search(IncidentFilter(query=word), limit=100)``, the call
behind the 事件 tab's search box (rows as the list shows them). Baseline: the raw FTS5
``MATCH … ORDER BY rowid DESC LIMIT 100`` on the incident index returning ids, plus
fetching those 100 incident rows by id (``SELECT * FROM incidents WHERE id IN …``).
The words are common two-character words (空调, 告警, 停电, 张伟 …) with at least 100
matches in the database; one sample searches each word once and is divided by their count.
"""

from __future__ import annotations

import sqlite3

from bench.common import Context, Row, failed, paired
from bench.figures._desk import open_desk

NAME = "search"
NEEDS_DB = True
TITLE = "search, 2-character word, first 100 rows"
CANDIDATES = ("空调", "告警", "停电", "张伟", "机房", "巡查", "漏水", "网络", "门禁", "电源")
WORDS = 3


def match_expression(word: str) -> str:
    try:
        from dutydesk.incidents import search as incident_search

        expression = incident_search.plan(word).match
        if expression:
            return expression
    except (ImportError, AttributeError):
        pass
    return '"' + word + '"'


def pick_words(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    counted = []
    for word in CANDIDATES:
        total = conn.execute(
            "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?", [match_expression(word)]
        ).fetchone()[0]
        counted.append((word, int(total)))
    rich = [c for c in counted if c[1] >= 100]
    return (rich or sorted(counted, key=lambda c: -c[1]))[:WORDS]


def run(ctx: Context) -> list[Row]:
    from dutydesk.incidents.records import IncidentFilter

    desk = open_desk(ctx)
    try:
        conn = desk.db.conn
        words = pick_words(conn)
        filters = [IncidentFilter(query=w) for w, _n in words]
        expressions = [match_expression(w) for w, _n in words]

        def app() -> None:
            for flt in filters:
                desk.incidents.search(flt, limit=100)

        def base() -> None:
            for expression in expressions:
                ids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?"
                        " ORDER BY rowid DESC LIMIT 100",
                        [expression],
                    )
                ]
                conn.execute(
                    f"SELECT * FROM incidents WHERE id IN ({','.join('?' * len(ids))})", ids
                ).fetchall()

        shown = [len(desk.incidents.search(f, limit=100).items) for f in filters]
        app_s, base_s, samples = paired(app, base, ctx.runs)
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        desk.close()
    n = len(filters)
    row = Row(
        NAME,
        TITLE,
        app_s / n,
        base_s / n,
        "FTS5 MATCH … LIMIT 100 returning ids, plus fetching those 100 rows by id",
        goal=3.0,
        samples={k: [v / n for v in vs] for k, vs in samples.items()},
    )
    row.notes.append(
        "Words (matches, rows shown): "
        + ", ".join(f"{w} ({m:,}, {s})" for (w, m), s in zip(words, shown, strict=True))
        + "; time per word."
    )
    return [row]
