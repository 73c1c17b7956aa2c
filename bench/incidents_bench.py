"""Incident search benchmark: 180,000 Chinese incidents, search and list as ratios to raw FTS5.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/incidents_bench.py [--count 180000]

Builds a database in a temporary folder with the bulk path (``executemany`` straight
into the tables, one transaction, then the search index in one pass). The bulk rows are
written WITHOUT audit rows: this database is for speed only, and ``dutydesk verify``
would rightly report every row as written outside DutyDesk (``--verify`` runs verify on
a small audited database instead, to show the bulk path is the only shortcut).

Every timing is the median of several runs, measured in the same process against the
bare SQLite query on the same file: the raw FTS5 MATCH on the bigram index and on a
trigram index built for comparison, and the LIKE scan that the bigram index replaces.
Writes bench/results/incidents.json and bench/results/incidents.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dutydesk.clock import fixed_clock, to_iso  # noqa: E402
from dutydesk.demo.incidents import CASES, LOCATIONS, UNITS  # noqa: E402
from dutydesk.desk import Desk  # noqa: E402
from dutydesk.incidents import search as incident_search  # noqa: E402
from dutydesk.incidents.service import IncidentFilter  # noqa: E402
from dutydesk.people.auth import LEADER, OFFICER  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TWO_CHAR = ("空调", "告警", "张伟", "停电", "王伟")
LONGER = ("空调压缩机", "UPS电池", "交换机端口", "通知张伟")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 浩 宇 欣 婷".split()


def median_ms(fn: Callable[[], Any], runs: int = 7) -> float:
    fn()  # warm the page cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        loc=rng.choice(LOCATIONS), unit=rng.choice(UNITS), n=rng.choice((5, 8, 12, 30, 80))
    )


def build(path: Path, count: int, seed: int = 11) -> dict[str, float]:
    """The big database through the bulk path; returns build timings in seconds."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    desk = Desk.open(path, create=True, clock=fixed_clock(now))
    admin = desk.initialise(
        site_name="基准测试值班室", admin_name="管理员", admin_employee_no="admin",
        admin_password="bench-password",
    )  # fmt: skip
    people = [admin.id]
    names = []
    for index in range(40):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        names.append(name)
        roles = [LEADER, OFFICER] if index < 6 else [OFFICER]
        people.append(
            desk.people.add(admin, name=name, employee_no=f"{1000 + index}", roles=roles).id
        )
    names.append("张伟")
    ref = desk.incidents.reference
    severities = ref.severities()
    leaves = {c.name: c.id for c in ref.categories() if c.name in CASES}
    sources = [s.id for s in ref.sources()]
    timings: dict[str, float] = {}
    start = time.perf_counter()
    span = timedelta(days=3650)
    first = now - span
    incidents: list[tuple[Any, ...]] = []
    notes: list[tuple[Any, ...]] = []
    for index in range(count):
        category = rng.choice(list(leaves))
        cases, _targets = CASES[category]
        title_text, description_text, note_text, resolution_text = rng.choice(cases)
        severity = rng.choices(severities, [5, 15, 35, 45])[0]
        reported = first + span * (index / count) + timedelta(minutes=rng.randrange(30))
        ack = reported + timedelta(minutes=rng.uniform(1, severity.respond_minutes * 1.3))
        resolved = ack + timedelta(minutes=rng.uniform(5, severity.resolve_minutes * 1.1))
        closed = resolved + timedelta(hours=rng.uniform(0.5, 10))
        reporter, handler, leader = rng.choice(people), rng.choice(people), rng.choice(people[:7])
        is_open = index >= count - 40
        response = max(0, int((ack - reported).total_seconds() // 60) + 1)
        resolution = max(0, int((resolved - reported).total_seconds() // 60) + 1)
        title = _fill(title_text, rng)
        description = _fill(description_text, rng)
        iso = to_iso(reported)
        incidents.append(
            (
                index + 1, title, description, rng.choice(LOCATIONS), severity.id,
                leaves[category], rng.choice(sources), "new" if is_open else "closed", iso,
                reporter, reported.date().isoformat(), rng.choice(("白班", "夜班")),
                None if is_open else to_iso(ack), None if is_open else handler,
                None if is_open else to_iso(resolved), None if is_open else handler,
                None if is_open else _fill(resolution_text, rng),
                None if is_open else to_iso(closed), None if is_open else leader,
                None if is_open else response, None if is_open else resolution,
                None if is_open else severity.respond_minutes,
                None if is_open else severity.resolve_minutes,
                None if is_open else int(response <= severity.respond_minutes),
                None if is_open else int(resolution <= severity.resolve_minutes),
                iso, iso,
            )
        )  # fmt: skip
        if rng.random() < 0.6:
            text = _fill(note_text, rng)
            if rng.random() < 0.5:
                text = f"已电话通知{rng.choice(names)}，{text}"
            notes.append((index + 1, to_iso(ack), handler, "note", text, to_iso(ack)))
    timings["generate_s"] = round(time.perf_counter() - start, 2)
    db = desk.db
    start = time.perf_counter()
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO incidents (id, title, description, location, severity_id, category_id,"
            " source_id, status, reported_at, reported_by, shift_date, shift_code,"
            " acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution,"
            " closed_at, closed_by, response_minutes, resolution_minutes,"
            " respond_target_minutes, resolve_target_minutes, responded_on_time,"
            " resolved_on_time, created_at, updated_at)"
            f" VALUES ({', '.join('?' * 27)})",
            incidents,
        )
        db.conn.executemany(
            "INSERT INTO incident_events (incident_id, at, author_id, kind, body, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            notes,
        )
    timings["insert_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    incident_search.rebuild(db)
    timings["bigram_index_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    with db.atomic():
        # Only for comparison: the trigram index SQLite offers out of the box.
        db.execute(
            "CREATE VIRTUAL TABLE bench_trigram USING fts5(plain, content='incident_search',"
            " content_rowid='id', tokenize='trigram')"
        )
        db.execute("INSERT INTO bench_trigram (bench_trigram) VALUES ('rebuild')")
    timings["trigram_index_s"] = round(time.perf_counter() - start, 2)
    db.execute("ANALYZE")
    desk.close()
    return timings


def index_sizes(conn: sqlite3.Connection) -> dict[str, float | None]:
    try:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'incident_fts%'"
            " OR name LIKE 'bench_trigram%' OR name = 'incident_search' GROUP BY name"
        ).fetchall()
    except sqlite3.Error:
        return {"bigram_fts_mb": None, "trigram_fts_mb": None, "search_table_mb": None}
    sizes: dict[str, float] = {}
    for name, size in rows:
        key = (
            "bigram_fts_mb"
            if name.startswith("incident_fts")
            else "trigram_fts_mb"
            if name.startswith("bench_trigram")
            else "search_table_mb"
        )
        sizes[key] = sizes.get(key, 0) + size / 1048576
    return {k: round(v, 1) for k, v in sizes.items()}


def measure(path: Path) -> dict[str, Any]:
    desk = Desk.open(path, clock=fixed_clock(datetime(2026, 11, 25, tzinfo=UTC)))
    conn = desk.db.conn
    service = desk.incidents
    out: dict[str, Any] = {"queries": []}

    def raw_bigram(query: str) -> list[int]:
        plan = incident_search.plan(query)
        return [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT 50",
                [plan.match],
            )
        ]

    def raw_trigram(query: str) -> list[int]:
        return [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM bench_trigram WHERE bench_trigram MATCH ?"
                " ORDER BY rowid DESC LIMIT 50",
                ['"' + query + '"'],
            )
        ]

    def naive_same_answer(query: str) -> list[int]:
        # The obvious SQL for the same page: hits joined to incidents, newest reported first.
        return [
            r[0]
            for r in conn.execute(
                "SELECT i.id FROM incidents i WHERE i.id IN (SELECT rowid FROM incident_fts"
                " WHERE incident_fts MATCH ?) ORDER BY i.reported_at DESC, i.id DESC LIMIT 50",
                [incident_search.plan(query).match],
            )
        ]

    def like_first_page(query: str) -> list[int]:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM incident_search WHERE plain LIKE ? ORDER BY id DESC LIMIT 50",
                [f"%{query}%"],
            )
        ]

    def like_count(query: str) -> int:
        return int(
            conn.execute(
                "SELECT count(*) FROM incident_search WHERE plain LIKE ?", [f"%{query}%"]
            ).fetchone()[0]
        )

    for query in TWO_CHAR + LONGER:
        flt = IncidentFilter(query=query)
        total_bigram = conn.execute(
            "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?",
            [incident_search.plan(query).match],
        ).fetchone()[0]
        total_like = like_count(query)
        total_trigram = conn.execute(
            "SELECT count(*) FROM bench_trigram WHERE bench_trigram MATCH ?", ['"' + query + '"']
        ).fetchone()[0]
        row: dict[str, Any] = {
            "query": query,
            "chars": len(query),
            "matches_bigram": total_bigram,
            "matches_like": total_like,
            "matches_trigram": total_trigram,
            "service_first_page_ms": median_ms(lambda f=flt: service.search(f, limit=50)),
            "service_count_ms": median_ms(lambda f=flt: service.count(f), runs=3),
            "raw_bigram_fts_ms": median_ms(lambda q=query: raw_bigram(q)),
            "raw_trigram_fts_ms": median_ms(lambda q=query: raw_trigram(q)),
            "naive_join_sort_ms": median_ms(lambda q=query: naive_same_answer(q), runs=3),
            "like_first_page_ms": median_ms(lambda q=query: like_first_page(q), runs=3),
            "like_full_scan_ms": median_ms(lambda q=query: like_count(q), runs=3),
        }
        baseline = row["raw_trigram_fts_ms"] if len(query) >= 3 else row["raw_bigram_fts_ms"]
        row["baseline"] = "raw trigram FTS5" if len(query) >= 3 else "raw bigram FTS5"
        row["ratio_service_to_raw_fts"] = round(row["service_first_page_ms"] / baseline, 2)
        out["queries"].append(row)
    one = IncidentFilter(query="王")
    out["one_char_query_ms"] = median_ms(lambda: service.search(one, limit=50), runs=3)
    raw_list = (
        "SELECT * FROM incidents ORDER BY reported_at DESC, id DESC LIMIT 50"  # the bare minimum
    )
    out["list_first_page_ms"] = median_ms(lambda: service.search(None, limit=50))
    out["raw_list_first_page_ms"] = median_ms(lambda: conn.execute(raw_list).fetchall())
    out["list_ratio"] = round(out["list_first_page_ms"] / out["raw_list_first_page_ms"], 2)
    page = service.search(None, limit=50)
    deep = page
    for _ in range(20):
        assert deep.next_cursor is not None
        deep = service.search(None, limit=50, after=deep.next_cursor)
    cursor = deep.next_cursor
    out["list_page_21_ms"] = median_ms(lambda: service.search(None, limit=50, after=cursor))
    filtered = IncidentFilter(query="空调", statuses=("closed",), severity_ids=(1, 2))
    out["filtered_search_first_page_ms"] = median_ms(lambda: service.search(filtered, limit=50))
    out["overdue_count_ms"] = median_ms(service.overdue_count)
    out["index_sizes"] = index_sizes(conn)
    out["incidents"] = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    out["notes"] = conn.execute("SELECT count(*) FROM incident_events").fetchone()[0]
    out["db_file_mb"] = round(path.stat().st_size / 1048576, 1)
    out["memory"] = tab_memory(desk)
    desk.close()
    return out


def tab_memory(desk: Desk) -> dict[str, float]:
    """Python heap of the list model with its first page, and of the whole tab."""
    from PySide6.QtWidgets import QApplication

    from ui.models.incidents import IncidentListModel

    app = QApplication.instance() or QApplication([])
    tracemalloc.start()
    base = tracemalloc.take_snapshot()
    model = IncidentListModel(desk)
    model.set_filter(IncidentFilter())
    model_bytes = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(base, "filename"))
    from ui.session import Session
    from ui.tabs.incidents import IncidentsTab

    before = tracemalloc.take_snapshot()
    session = Session(desk, desk.people.by_employee_no("admin"))
    tab = IncidentsTab(session)
    tab.resize(1300, 800)
    tab.show()
    app.processEvents()
    tab_bytes = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    rss = None
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:
        pass
    result = {
        "model_first_page_rows": model.rowCount(),
        "model_first_page_kb": round(model_bytes / 1024, 1),
        "tab_rows_loaded": tab.model.rowCount(),
        "tab_python_heap_kb": round(tab_bytes / 1024, 1),
        "process_max_rss_mb": None if rss is None else round(rss, 1),
    }
    tab.close()
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Incident search benchmark",
        "",
        f"{result['measured']['incidents']:,} incidents, {result['measured']['notes']:,} notes;"
        f" database {result['measured']['db_file_mb']} MB; {result['machine']}.",
        f"Build: {result['build']}.",
        "Times are medians in milliseconds; ratios are the service's first page (50 rows,"
        " joined, as dataclasses) over the raw FTS5 MATCH on the same file in the same run"
        " (bigram index for 2-character queries, SQLite's trigram index for 3+).",
        "",
        "| query | chars | matches | service page | raw bigram FTS5 | raw trigram FTS5"
        " (matches) | naive join+sort | LIKE first page | LIKE full scan | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for q in result["measured"]["queries"]:
        lines.append(
            f"| {q['query']} | {q['chars']} | {q['matches_bigram']} |"
            f" {q['service_first_page_ms']} | {q['raw_bigram_fts_ms']} |"
            f" {q['raw_trigram_fts_ms']} ({q['matches_trigram']}) | {q['naive_join_sort_ms']} |"
            f" {q['like_first_page_ms']} |"
            f" {q['like_full_scan_ms']} | {q['ratio_service_to_raw_fts']} |"
        )
    m = result["measured"]
    lines += [
        "",
        f"- List first page: {m['list_first_page_ms']} ms vs raw"
        f" `ORDER BY reported_at DESC LIMIT 50` {m['raw_list_first_page_ms']} ms"
        f" (ratio {m['list_ratio']}); page 21 by keyset: {m['list_page_21_ms']} ms.",
        f"- Filtered search (空调, closed, severity I/II): {m['filtered_search_first_page_ms']} ms;"
        f" one-character query (王, LIKE fallback): {m['one_char_query_ms']} ms;"
        f" overdue count: {m['overdue_count_ms']} ms.",
        f"- Index sizes (MB): {m['index_sizes']}.",
        f"- Memory: {m['memory']}.",
        "",
        "The trigram index returns nothing for 2-character queries (matches 0), which is why"
        " DutyDesk keeps its own bigram index. The bench database is written by the bulk"
        " path without audit rows: it is for speed only.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=180_000)
    parser.add_argument("--keep", help="keep the database at this path")
    parser.add_argument(
        "--verify", action="store_true", help="also check a small audited database verifies"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="dutydesk-bench-"))
    path = Path(args.keep) if args.keep else folder / "incidents.db"
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    build_timings = build(path, args.count)
    measured = measure(path)
    result: dict[str, Any] = {
        "benchmark": "incidents",
        "when": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "machine": f"{platform.system()} {platform.machine()}, Python"
        f" {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores",
        "build": build_timings,
        "measured": measured,
        "total_s": round(time.perf_counter() - started, 1),
    }
    if args.verify:
        result["verify_small_audited_db"] = verify_small(folder / "small.db")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "incidents.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (RESULTS / "incidents.md").write_text(markdown(result), encoding="utf-8")
    return 0


def verify_small(path: Path) -> bool:
    """The audited path (the demo generator) verifies clean."""
    from dutydesk.demo.site import create_demo
    from dutydesk.store.verify import verify_database

    with create_demo(path, seed=3) as desk:
        return verify_database(desk.db).ok


if __name__ == "__main__":
    sys.exit(main())
