"""Quarterly KPIs: response, resolution rate, completeness (goal ≤ 2×).

DutyDesk: ``desk.kpi.values(quarter, codes=("response_median", "resolution_rate",
"record_completeness"))`` — the engine runs only the queries those KPIs need (one pass
over the quarter's incidents for the count, the resolved count and the response times;
one for the rostered shifts and their complete handovers). Baseline: the raw SQL
aggregates for the same figures: the incidents reported in the quarter, how many were
resolved by its end, the median response time (ORDER BY … LIMIT 1 OFFSET n/2), the
rostered shifts of the quarter and the locked, complete handovers among them. The
quarter is the last full quarter of the data. Information: all KPIs
(``values(quarter)``) and ``report(quarter)`` (what the 统计 tab calls: every KPI, the
previous quarter and the targets).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.common import Context, Row, failed, paired, timed
from bench.figures._desk import open_desk

NAME = "kpi"
NEEDS_DB = True
TITLE = "quarterly KPIs (response, resolution rate, completeness)"
CODES = ("response_median", "resolution_rate", "record_completeness")


def last_full_quarter(today: date) -> Any:
    from dutydesk.kpi.period import Period

    quarter = (today.month - 1) // 3 + 1
    year = today.year
    quarter -= 1
    if quarter == 0:
        year, quarter = year - 1, 4
    return Period.quarter(year, quarter)


def raw_aggregates(db: Any, start: str, end: str, first: str, last: str) -> tuple[Any, ...]:
    """What any implementation must at least ask SQLite for the same three figures."""
    reported, resolved, acked = db.execute(
        "SELECT count(*), sum(resolved_at < :end), sum(acknowledged_at < :end) FROM incidents"
        " WHERE reported_at >= :start AND reported_at < :end",
        {"start": start, "end": end},
    ).fetchone()
    middle = db.execute(
        "SELECT (julianday(acknowledged_at) - julianday(reported_at)) * 1440 AS m"
        " FROM incidents WHERE reported_at >= ? AND reported_at < ? AND acknowledged_at < ?"
        " ORDER BY m LIMIT 1 OFFSET ?",
        [start, end, end, max(0, (acked or 0) // 2)],
    ).fetchone()
    shifts = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT day, shift_type_id FROM assignments"
        " WHERE day BETWEEN ? AND ?)",
        [first, last],
    ).fetchone()[0]
    complete = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT shift_date, outgoing_shift_code FROM handovers"
        " WHERE status = 'locked' AND completeness >= 1 AND shift_date BETWEEN ? AND ?)",
        [first, last],
    ).fetchone()[0]
    return reported, resolved, middle, shifts, complete


def run(ctx: Context) -> list[Row]:
    desk = open_desk(ctx)
    try:
        tz = desk.settings.site_zone()
        quarter = last_full_quarter(ctx.now().astimezone(tz).date())
        start, end = quarter.iso_bounds(tz)
        first, last = quarter.start.isoformat(), quarter.end.isoformat()
        db = desk.db
        values = desk.kpi.values(quarter, codes=CODES)
        app_s, base_s, samples = paired(
            lambda: desk.kpi.values(quarter, codes=CODES),
            lambda: raw_aggregates(db, start, end, first, last),
            ctx.runs,
        )
        every_s, every_samples = timed(lambda: desk.kpi.values(quarter), ctx.runs)
        report_s, report_samples = timed(lambda: desk.kpi.report(quarter), ctx.runs)
        raw = raw_aggregates(db, start, end, first, last)
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        desk.close()
    row = Row(NAME, TITLE, app_s, base_s, "raw SQL aggregates", goal=2.0, samples=samples)
    shown = ", ".join(
        f"{code} {values[code].value:.4g}" if values[code].value is not None else f"{code} —"
        for code in CODES
    )
    row.notes.append(
        f"Quarter {quarter.start}–{quarter.end}: {raw[0]:,} incidents, {raw[3]:,} rostered"
        f" shifts; values {shown}."
    )
    return [
        row,
        Row(
            "kpi_all",
            "all KPIs of the quarter (values)",
            every_s,
            None,
            "",
            samples={"app": every_samples},
        ),
        Row(
            "kpi_report",
            "the 统计 tab's report(quarter) (every KPI, previous quarter, targets)",
            report_s,
            None,
            "",
            samples={"app": report_samples},
        ),
    ]
