"""KPI benchmark: every KPI for one quarter of a 10-year database, against raw SQL aggregates.

``python -m bench.kpi_bench [--incidents N] [--work DIR]`` builds (or reuses) the database
with the incidents benchmark's bulk generator, adds a generated roster for the measured
quarter, then measures in one process:

- the KPI engine for the quarter (all 23 KPIs, previous-period comparison excluded), and
- the raw SQL aggregates for the same incident and roster figures (counts, sums, means,
  and the two medians by ORDER BY/OFFSET), the bare minimum any implementation must do;
- opening the 统计 dashboard tab until its tiles and four charts are shown (computed in
  a worker thread) against a bare widget holding the same number of labels, offscreen.

Results: bench/results/kpi.json and kpi.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.incidents_bench import build
from dutydesk.desk import Desk
from dutydesk.kpi.period import Period
from dutydesk.people import auth

RESULTS = Path(__file__).resolve().parent / "results"
QUARTER = Period.quarter(2026, 3)


def _median_seconds(fn: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def add_roster(desk: Desk) -> int:
    """Day and night shifts with two officers each, generated for the measured quarter."""
    admin = desk.people.by_employee_no("admin")
    roster = desk.roster
    if "D" not in roster.shift_types():
        roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00",
                              need_officer=2)  # fmt: skip
        roster.add_shift_type(admin, code="N", name="夜班", start="20:00", end="08:00",
                              need_officer=2, is_night=True)  # fmt: skip
    if not roster.teams():
        pattern = roster.add_pattern(admin, name="白夜两班", cycle="D,N", anchor_day=QUARTER.start)
        team = roster.add_team(admin, name="基准班组", pattern_id=pattern)
        members = [p.id for p in desk.people.list() if p.has_role("officer")][:24]
        roster.set_members(admin, team.id, members)
        for person_id in members:
            roster.set_qualification(admin, person_id=person_id, duty_role="officer")
        roster.generate(admin, team=team.id, start=QUARTER.start, end=QUARTER.end)
    return int(desk.db.execute("SELECT count(*) FROM assignments").fetchone()[0])


def raw_aggregates(desk: Desk) -> dict[str, Any]:
    """What any implementation must at least ask SQLite for the same figures."""
    db = desk.db
    start, end = QUARTER.iso_bounds(desk.kpi._tz())
    row = db.execute(
        "SELECT count(*), sum(resolved_at < :end), sum(escalated_at < :end),"
        " avg((julianday(resolved_at) - julianday(reported_at)) * 1440),"
        " sum(responded_on_time), sum(resolved_on_time)"
        " FROM incidents WHERE reported_at >= :start AND reported_at < :end",
        {"start": start, "end": end},
    ).fetchone()
    medians = []
    for column in ("acknowledged_at", "resolved_at"):
        count = db.execute(
            f"SELECT count(*) FROM incidents WHERE reported_at >= ? AND reported_at < ?"
            f" AND {column} < ?",
            [start, end, end],
        ).fetchone()[0]
        medians.append(
            db.execute(
                f"SELECT (julianday({column}) - julianday(reported_at)) * 1440 AS m"
                f" FROM incidents WHERE reported_at >= ? AND reported_at < ? AND {column} < ?"
                " ORDER BY m LIMIT 1 OFFSET ?",
                [start, end, end, max(0, count // 2)],
            ).fetchone()
        )
    open_at_end = db.execute(
        "SELECT (SELECT count(*) FROM incidents WHERE resolved_at IS NULL AND reported_at < :e)"
        " + (SELECT count(*) FROM incidents WHERE resolved_at >= :e AND reported_at < :e)",
        {"e": end},
    ).fetchone()[0]
    hours = db.execute(
        "SELECT person_id, sum((julianday(ends_at) - julianday(starts_at)) * 24)"
        " FROM assignments WHERE day BETWEEN ? AND ? GROUP BY person_id",
        [QUARTER.start.isoformat(), QUARTER.end.isoformat()],
    ).fetchall()
    return {"incidents": row, "medians": medians, "open": open_at_end, "hours": hours}


def dashboard_seconds(path: Path, runs: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

    from ui.session import Session
    from ui.tabs.kpi import KpiTab

    app = QApplication.instance() or QApplication([])
    desk = Desk.open(path)
    session = Session(desk, desk.people.by_employee_no("admin"))

    def open_tab() -> None:
        # The figures are computed in a worker thread; the tab counts once they are shown.
        tab = KpiTab(session)
        tab.set_period(QUARTER)
        tab.show()
        while not tab.is_current:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        tab.deleteLater()

    def bare() -> None:
        widget = QWidget()
        grid = QGridLayout(widget)
        for index in range(23):
            grid.addWidget(QLabel(f"指标 {index}\n12.3"), index // 6, index % 6)
        widget.show()
        app.processEvents()
        widget.deleteLater()

    open_tab()  # first use imports Qt Charts; measure warm opens
    result = {
        "bare_widget_s": _median_seconds(bare, runs),
        "dashboard_s": _median_seconds(open_tab, runs),
    }
    desk.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=180_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="bench/data")
    args = parser.parse_args(argv)
    auth._SCRYPT = {"n": 2**8, "r": 8, "p": 1}  # the generator's accounts only
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"kpi-{args.incidents}.db"
    built: dict[str, Any] = {}
    if not path.exists():
        built = build(path, args.incidents)
    with Desk.open(path) as desk:
        assignments = add_roster(desk)
        engine = _median_seconds(lambda: desk.kpi.values(QUARTER), args.runs)
        raw = _median_seconds(lambda: raw_aggregates(desk), args.runs)
        report = desk.kpi.report(QUARTER)
        shown = {r.definition.code: r.current.value for r in report.results}
    dashboard = dashboard_seconds(path, args.runs)
    results = {
        "date": date.today().isoformat(),
        "database": {"incidents": args.incidents, "assignments": assignments, **built},
        "quarter": QUARTER.label("en"),
        "kpi_engine_s": round(engine, 4),
        "raw_sql_s": round(raw, 4),
        "ratio": round(engine / raw, 2),
        **{k: round(v, 4) for k, v in dashboard.items()},
        "dashboard_ratio": round(dashboard["dashboard_s"] / dashboard["bare_widget_s"], 1),
        "values": shown,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "kpi.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    (RESULTS / "kpi.md").write_text(
        "# KPI benchmark\n\n"
        f"{args.incidents:,} incidents over 10 years, {assignments} roster assignments;"
        f" quarter {results['quarter']}; median of {args.runs} runs, same process.\n\n"
        "| measurement | seconds | ratio |\n|---|---:|---:|\n"
        f"| raw SQL aggregates (baseline) | {raw:.4f} | 1.00 |\n"
        f"| KPI engine, all 23 KPIs | {engine:.4f} | {results['ratio']} |\n"
        f"| bare widget with 23 labels (baseline) | {dashboard['bare_widget_s']:.4f} | 1.0 |\n"
        f"| 统计 dashboard tab, tiles and charts | {dashboard['dashboard_s']:.4f} |"
        f" {results['dashboard_ratio']} |\n"
    )
    print(json.dumps({k: v for k, v in results.items() if k != "values"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
