"""Series behind the dashboard charts and the period report: per day, per category, trends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dutydesk.clock import site_date, site_today
from dutydesk.kpi.period import Period

if TYPE_CHECKING:
    from dutydesk.kpi.context import KpiContext
    from dutydesk.kpi.engine import KpiReport


@dataclass(frozen=True)
class SeverityLegend:
    name: str
    colour: str
    name_en: str = ""

    def label(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") and self.name_en else self.name


@dataclass(frozen=True)
class DailyCounts:
    """Incidents reported per local day, one count per severity in ``severities`` order."""

    severities: tuple[SeverityLegend, ...]
    days: tuple[date, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[day_index][severity_index]


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    values: dict[str, float | None]


def incidents_by_day(desk: KpiContext, period: Period) -> DailyCounts:
    db = desk.db
    if "incidents" not in db.table_names():
        return DailyCounts((), (), ())
    severities = db.execute(
        "SELECT id, name, colour, name_en FROM incident_severities ORDER BY rank, id"
    ).fetchall()
    index = {row[0]: i for i, row in enumerate(severities)}
    tz = desk.settings.site_zone()
    start, end = period.iso_bounds(tz)
    days = tuple(period.start + timedelta(days=n) for n in range(period.days))
    grid = [[0] * len(severities) for _ in days]
    for reported_at, severity_id in db.execute(
        "SELECT reported_at, severity_id FROM incidents WHERE reported_at >= ? AND reported_at < ?",
        [start, end],
    ):
        local_day = site_date(reported_at, tz)
        grid[(local_day - period.start).days][index[severity_id]] += 1
    return DailyCounts(
        tuple(SeverityLegend(r[1], r[2], r[3] or "") for r in severities),
        days,
        tuple(tuple(row) for row in grid),
    )


def incident_categories(
    desk: KpiContext, period: Period, *, limit: int = 8
) -> list[tuple[str, int]]:
    """Incidents per top-level category, most frequent first."""
    db = desk.db
    if "incidents" not in db.table_names():
        return []
    tz = desk.settings.site_zone()
    start, end = period.iso_bounds(tz)
    parents: dict[int, tuple[int | None, str]] = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT id, parent_id, name FROM incident_categories")
    }

    def top(category_id: int) -> str:
        parent, name = parents[category_id]
        while parent is not None:
            parent, name = parents[parent]
        return name

    totals: dict[str, int] = {}
    for category_id, count in db.execute(
        "SELECT category_id, count(*) FROM incidents WHERE reported_at >= ? AND reported_at < ?"
        " GROUP BY category_id",
        [start, end],
    ):
        name = top(category_id)
        totals[name] = totals.get(name, 0) + count
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]


def trend(
    desk: KpiContext,
    period: Period,
    codes: tuple[str, ...],
    *,
    count: int = 6,
    report: KpiReport | None = None,
) -> list[TrendPoint]:
    """The KPIs ``codes`` for ``count`` consecutive periods ending with ``period``.

    With ``report`` (of ``period``, just computed), its current and previous figures are
    used for the last two points instead of computing them again.
    """
    periods = [period]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    known: dict[Period, dict[str, float | None]] = {}
    if report is not None and report.period == period:
        known[period] = {r.definition.code: r.current.value for r in report.results}
        known[report.previous_period] = {
            r.definition.code: r.previous.value for r in report.results
        }
    points = []
    for each in reversed(periods):
        if each in known:
            points.append(TrendPoint(each, {code: known[each][code] for code in codes}))
            continue
        values = desk.kpi.values(each, codes=codes)
        points.append(TrendPoint(each, {code: values[code].value for code in codes}))
    return points


def action_status_counts(desk: KpiContext) -> dict[str, int]:
    """Corrective actions by status right now (open ones split into on time and overdue)."""
    db = desk.db
    if "actions" not in db.table_names():
        return {}
    today = site_today(desk)
    counts: dict[str, int] = {}
    for status, due_on in db.execute("SELECT status, due_on FROM actions"):
        key = "overdue" if status == "open" and due_on < today.isoformat() else status
        counts[key] = counts.get(key, 0) + 1
    return counts
