"""KPI engine: every figure computed from the records themselves, for any period.

A KPI whose source tables do not exist, or that has nothing to measure in a period, has no
value (None) and says why; it is never shown as zero. Boundary rules are stated in
``kpi_definitions.BOUNDARY_RULES_*``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.kpi.context import KpiContext
from dutydesk.kpi.definitions import (
    BY_CODE,
    DEFINITIONS,
    FEEDBACK,
    HANDOVER,
    IMPROVEMENT,
    INCIDENTS,
    ROSTER,
    TRAINING,
    KpiDefinition,
)
from dutydesk.kpi.period import Period
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person
from dutydesk.store import audit
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    pass

auth.register_permissions(
    {
        "kpi.read": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
        "kpi.targets": frozenset({LEADER, ADMIN}),
        "kpi.breach_to_problem": frozenset({LEADER, ADMIN}),
    }
)
audit.register_table(audit.AuditedTable("kpi_targets"))

_ONE_SECOND = timedelta(seconds=1)
MET, BREACH, NO_TARGET, NO_VALUE = "met", "breach", "no_target", "no_value"
SITE, CYCLE = "site", "cycle"  # where a target comes from
AT_LEAST, AT_MOST = "at_least", "at_most"
TARGET_SOURCE_ZH = {SITE: "站点目标", CYCLE: "优化周期目标"}
TARGET_SOURCE_EN = {SITE: "site target", CYCLE: "cycle target"}


@dataclass(frozen=True)
class KpiValue:
    """One computed figure; ``value`` None means unavailable or nothing to measure."""

    code: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    note_zh: str = ""
    note_en: str = ""

    def note(self, lang: str = "zh_CN") -> str:
        return self.note_en if lang.startswith("en") else self.note_zh


@dataclass(frozen=True)
class Target:
    """A target in force for one KPI: its value, direction and where it comes from."""

    code: str
    value: float
    direction: str  # at_least, at_most
    source: str  # site, cycle
    cycle_id: int | None = None
    cycle_title: str = ""

    def met_by(self, value: float) -> bool:
        return value >= self.value if self.direction == AT_LEAST else value <= self.value

    def text(self, definition: KpiDefinition, lang: str = "zh_CN") -> str:
        sign = "≥" if self.direction == AT_LEAST else "≤"
        return f"{sign} {format_value(definition, self.value, lang)}"

    def source_text(self, lang: str = "zh_CN") -> str:
        names = TARGET_SOURCE_EN if lang.startswith("en") else TARGET_SOURCE_ZH
        name = names[self.source]
        if not self.cycle_title:
            return name
        return f"{name}（{self.cycle_title}）" if not lang.startswith("en") else name


@dataclass(frozen=True)
class KpiResult:
    definition: KpiDefinition
    current: KpiValue
    previous: KpiValue
    target: float | None
    status: str  # met, breach, no_target, no_value
    change: float | None  # current − previous, when both exist
    target_in_force: Target | None = None

    @property
    def target_source(self) -> str | None:
        return None if self.target_in_force is None else self.target_in_force.source

    @property
    def improved(self) -> bool | None:
        if self.change is None or self.change == 0:
            return None
        return (self.change > 0) == self.definition.higher_is_better


@dataclass(frozen=True)
class DrillRow:
    """One record behind a figure: its id and the cells shown in the drill-down list.

    ``counted`` says whether the record is in the figure's numerator (rates); None for
    figures that are a statistic or a count of the rows themselves.
    """

    record_id: int
    cells: tuple[str, ...]
    counted: bool | None = None


@dataclass(frozen=True)
class CountedRecord:
    """One record a figure counts: its id, and for a rate whether it is in the numerator."""

    record_id: int
    counted: bool | None = None
    key: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeverityRow:
    severity: str
    reported: int
    response_on_time_rate: float | None
    resolution_on_time_rate: float | None


@dataclass(frozen=True)
class PersonHours:
    person_id: int
    name: str
    full_time: bool
    shifts: int
    hours: float
    night_hours: float
    weekend_hours: float
    holiday_hours: float


@dataclass(frozen=True)
class KpiReport:
    period: Period
    previous_period: Period
    results: tuple[KpiResult, ...]
    by_severity: tuple[SeverityRow, ...] = ()
    hours: tuple[PersonHours, ...] = ()
    cycle_id: int | None = None
    as_of: datetime | None = None  # the figures count what happened before this moment
    cycle_title: str = ""

    def result(self, code: str) -> KpiResult:
        for result in self.results:
            if result.definition.code == code:
                return result
        raise KeyError(code)

    def breaches(self) -> list[KpiResult]:
        return [r for r in self.results if r.status == BREACH]

    def to_json(self) -> dict[str, Any]:
        """The stable, documented shape of ``dutydesk kpi --json`` (see README)."""
        return {
            "period": _period_json(self.period),
            "previous_period": _period_json(self.previous_period),
            "cycle_id": self.cycle_id,
            "as_of": None if self.as_of is None else to_iso(self.as_of),
            "kpis": [
                {
                    "code": r.definition.code,
                    "name_zh": r.definition.name_zh,
                    "name_en": r.definition.name_en,
                    "unit": r.definition.unit,
                    "higher_is_better": r.definition.higher_is_better,
                    "value": r.current.value,
                    "numerator": r.current.numerator,
                    "denominator": r.current.denominator,
                    "note": r.current.note_en or None,
                    "previous": r.previous.value,
                    "change": r.change,
                    "target": r.target,
                    "target_direction": None
                    if r.target_in_force is None
                    else r.target_in_force.direction,
                    "target_source": r.target_source,
                    "status": r.status,
                }
                for r in self.results
            ],
            "breaches": [
                {
                    "code": r.definition.code,
                    "value": r.current.value,
                    "target": r.target,
                    "target_direction": r.target_in_force.direction,
                    "target_source": r.target_in_force.source,
                }
                for r in self.breaches()
                if r.target_in_force is not None
            ],
            "by_severity": [asdict(row) for row in self.by_severity],
            "hours": [asdict(row) for row in self.hours],
        }


def _period_json(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "kind": period.kind}


def median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def mean(values: Sequence[float]) -> float | None:
    return float(statistics.fmean(values)) if values else None


def nearest_rank(values: Sequence[float], percentile: float) -> float | None:
    """The smallest value with at least ``percentile`` % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percentile / 100 * len(ordered)))
    return float(ordered[rank - 1])


def _sorted_ms(joined: str | None) -> list[int]:
    """Durations in whole milliseconds joined by group_concat, in order."""
    return sorted(map(int, joined.split(","))) if joined else []


def _in_minutes(ms: int) -> float:
    # the very float timedelta.total_seconds() / 60 gives from the same milliseconds
    return ms / 1000 / 60


def _median_minutes(ordered: Sequence[int]) -> float | None:
    """``median`` of the durations in minutes, converting only the middle one or two
    (the conversion keeps the order, so they are the middle of the minutes too)."""
    n = len(ordered)
    if not n:
        return None
    if n % 2:
        return _in_minutes(ordered[n // 2])
    return (_in_minutes(ordered[n // 2 - 1]) + _in_minutes(ordered[n // 2])) / 2


def _nearest_rank_minutes(ordered: Sequence[int], percentile: float) -> float | None:
    """``nearest_rank`` of the durations in minutes, converting only the one picked."""
    if not ordered:
        return None
    return _in_minutes(ordered[max(1, math.ceil(percentile / 100 * len(ordered))) - 1])


def _minutes(later: str, earlier: str) -> float:
    return (parse_iso(later) - parse_iso(earlier)).total_seconds() / 60


@dataclass(frozen=True)
class _Window:
    """A period's limits as computed: ``end`` is the period end or now, whichever is earlier.

    ``now`` and ``today`` (site date) limit what is counted by date: ended shifts, actions
    due, sessions held.
    """

    period: Period
    start_iso: str
    end_iso: str
    end: datetime
    now: datetime
    today: date
    as_of: datetime


@dataclass
class _Context:
    tables: set[str]
    # The KPI codes to compute; None for all of them (and the by-severity table).
    codes: frozenset[str] | None = None
    values: dict[str, KpiValue] = field(default_factory=dict)
    by_severity: list[SeverityRow] = field(default_factory=list)
    hours: list[PersonHours] = field(default_factory=list)
    members: dict[str, list[CountedRecord]] = field(default_factory=dict)
    as_of: datetime | None = None
    # The drill-down wants the records behind each figure; the figures alone do not.
    want_members: bool = False

    def wants(self, codes: frozenset[str]) -> bool:
        """Whether any of ``codes`` is to be computed."""
        return self.codes is None or not self.codes.isdisjoint(codes)

    def want(self, code: str) -> bool:
        return self.codes is None or code in self.codes


# Each incident reported in [:start, :end): its durations in whole milliseconds, NULL unless
# acknowledged / resolved before :end, its targets in milliseconds and its age at :end.
# ``LIMIT -1`` keeps SQLite from copying the julianday expressions into every use.
_INCIDENT_TIMES = (
    "SELECT s.rank AS rank, s.name AS name, julianday(i.reported_at) AS reported,"
    " CASE WHEN i.acknowledged_at < :end THEN julianday(i.acknowledged_at) END AS acknowledged,"
    " CASE WHEN i.resolved_at < :end THEN julianday(i.resolved_at) END AS resolved,"
    " i.escalated_at < :end AS escalated,"
    " coalesce(i.respond_target_minutes, s.respond_minutes) * 60000 AS respond_ms,"
    " coalesce(i.resolve_target_minutes, s.resolve_minutes) * 60000 AS resolve_ms"
    " FROM incidents i JOIN incident_severities s ON s.id = i.severity_id"
    " WHERE i.reported_at >= :start AND i.reported_at < :end LIMIT -1"
)
_INCIDENT_DURATIONS = (
    "SELECT rank, name, escalated, respond_ms, resolve_ms,"
    " CAST(round((acknowledged - reported) * 86400000) AS INTEGER) AS ack_ms,"
    " CAST(round((resolved - reported) * 86400000) AS INTEGER) AS res_ms,"
    " CAST(round((julianday(:end) - reported) * 86400000) AS INTEGER) AS age_ms"
    f" FROM ({_INCIDENT_TIMES}) LIMIT -1"
)
# Per severity: reported, acknowledged, resolved, escalated; response judged and on time
# (on time 1, late 0, NULL while still within target at :end), the same for resolution;
# and the durations themselves, for the medians, means and percentiles.
_INCIDENTS_BY_SEVERITY = (
    "SELECT rank, name, count(*), count(ack_ms), count(res_ms), total(escalated),"
    " count(response), total(response), count(resolution), total(resolution),"
    " group_concat(ack_ms), group_concat(res_ms) FROM (SELECT *,"
    " CASE WHEN ack_ms IS NOT NULL THEN ack_ms <= respond_ms"
    " WHEN age_ms > respond_ms THEN 0 END AS response,"
    " CASE WHEN res_ms IS NOT NULL THEN res_ms <= resolve_ms"
    " WHEN age_ms > resolve_ms THEN 0 END AS resolution"
    f" FROM ({_INCIDENT_DURATIONS})) GROUP BY rank, name ORDER BY rank, name"
)
# Incidents reported before :end and not resolved by then, and how many of them are past
# their target (the resolve target once acknowledged, the respond target before). Two
# branches on the resolved_at index instead of an OR; CROSS JOIN keeps SQLite from
# starting at the severity table.
_OPEN_AGE = (
    "SELECT round((julianday(:end) - julianday(i.reported_at)) * 86400000) AS age_ms,"
    " CASE WHEN i.acknowledged_at < :end THEN coalesce(i.resolve_target_minutes, s.resolve_minutes)"
    " ELSE coalesce(i.respond_target_minutes, s.respond_minutes) END * 60000 AS target_ms"
    " FROM incidents i CROSS JOIN incident_severities s ON s.id = i.severity_id"
)
_OPEN_AT_END = (
    f"SELECT count(*), sum(age_ms > target_ms) FROM ({_OPEN_AGE}"
    " WHERE i.resolved_at IS NULL AND i.reported_at < :end"
    f" UNION ALL {_OPEN_AGE} WHERE i.resolved_at >= :end AND i.reported_at < :end)"
)
# Which incident codes need which part of the aggregates.
_RESPONSE_CODES = ("response_mean", "response_median", "response_p90")
_RESOLUTION_CODES = ("resolution_mean", "resolution_median", "resolution_p90")
_RESPONSE_TIMES = frozenset(_RESPONSE_CODES)
_RESOLUTION_TIMES = frozenset(_RESOLUTION_CODES)
_ON_TIME = frozenset({"response_on_time_rate", "resolution_on_time_rate"})
_AT_END = frozenset({"open_at_end", "overdue_at_end"})
_INCIDENT_FIGURES = _RESPONSE_TIMES | _RESOLUTION_TIMES | {"resolution_rate", "escalation_rate"}
_HANDOVER_LOCKED = frozenset({"handover_duration_median", "handover_on_time_rate"})
_COMPLETENESS = frozenset({"record_completeness"})
# A duration in whole milliseconds from the julianday difference, as in _INCIDENT_DURATIONS.
_MS = "CAST(round((julianday({}) - julianday(reported_at)) * 86400000) AS INTEGER)"
# Rostered shifts of [:first, :last] (by shift date and code) ended by :now or with a
# complete locked handover, and how many of them have one (record completeness).
_COMPLETE_SHIFTS = (
    "SELECT count(*), count(h.shift_date) FROM (SELECT a.day AS day, t.code AS code,"
    " max(a.ends_at) AS ends_at FROM assignments a JOIN shift_types t ON t.id = a.shift_type_id"
    " WHERE a.day BETWEEN :first AND :last GROUP BY a.day, t.code) s"
    " LEFT JOIN (SELECT DISTINCT shift_date, outgoing_shift_code FROM handovers"
    " WHERE +status = 'locked' AND completeness >= 1 AND shift_date BETWEEN :first AND :last"
    " AND locked_at <= :now) h ON h.shift_date = s.day AND h.outgoing_shift_code = s.code"
    " WHERE s.ends_at <= :now OR h.shift_date IS NOT NULL"
)


def _incident_flat_sql(codes: frozenset[str]) -> str:
    """One pass over the period's incidents for just the figures in ``codes`` that need
    no severity (no on-time judgement): reported, resolved, escalated, and the response
    and resolution durations (milliseconds, joined by commas) when their statistics are
    asked. Every incident has a severity (NOT NULL, foreign key), so the join of the
    by-severity query drops none and is left out here."""
    columns = ["count(*)"]
    if codes & _RESOLUTION_TIMES:
        resolved = _MS.format("resolved_at")
        columns.append(f"group_concat(CASE WHEN resolved_at < :end THEN {resolved} END)")
    else:
        columns.append("count(CASE WHEN resolved_at < :end THEN 1 END)")
    columns.append(
        "count(CASE WHEN escalated_at < :end THEN 1 END)" if "escalation_rate" in codes else "0"
    )
    if codes & _RESPONSE_TIMES:
        acked = _MS.format("acknowledged_at")
        columns.append(f"group_concat(CASE WHEN acknowledged_at < :end THEN {acked} END)")
    else:
        columns.append("NULL")
    return (
        f"SELECT {', '.join(columns)} FROM incidents"
        " WHERE reported_at >= :start AND reported_at < :end"
    )


class KpiService(AreaService[KpiContext]):
    """Computes KPIs, keeps site-wide targets, and turns a breach into a problem."""

    def _tz(self) -> ZoneInfo:
        return self._desk.settings.site_zone()

    # -- computing ----------------------------------------------------------------------

    def values(self, period: Period, *, codes: Sequence[str] | None = None) -> dict[str, KpiValue]:
        """All KPIs of ``period``; with ``codes``, only those KPIs, each computed by just the
        queries it needs (the same values as computing all of them)."""
        if codes is None:
            return self._compute(period).values
        computed = self._compute(period, frozenset(BY_CODE[code].code for code in codes)).values
        return {code: computed[code] for code in codes}

    def report(self, period: Period, *, cycle_id: int | None = None) -> KpiReport:
        """All KPIs for ``period`` with the previous period and targets beside them.

        Targets: the site-wide ones, overridden KPI by KPI by those of ``cycle_id``, or when
        it is None of the improvement cycle in force (see ``cycle_in_force``).
        """
        current = self._compute(period)
        previous_period = period.previous()
        previous = self._compute(previous_period).values
        if cycle_id is None:
            cycle_id = self.cycle_in_force(period)
        in_force = self.targets_in_force(cycle_id=cycle_id)
        results = []
        for definition in DEFINITIONS:
            value = current.values[definition.code]
            before = previous[definition.code]
            target_in_force = in_force.get(definition.code)
            target = None if target_in_force is None else target_in_force.value
            if value.value is None:
                status = NO_VALUE
            elif target_in_force is None:
                status = NO_TARGET
            else:
                status = MET if target_in_force.met_by(value.value) else BREACH
            change = (
                value.value - before.value
                if value.value is not None and before.value is not None
                else None
            )
            results.append(
                KpiResult(definition, value, before, target, status, change, target_in_force)
            )
        return KpiReport(
            period,
            previous_period,
            tuple(results),
            tuple(current.by_severity),
            tuple(current.hours),
            cycle_id,
            current.as_of,
            self.cycle_title(cycle_id),
        )

    def snapshot(self, start: date, end: date) -> dict[str, float | None]:
        """Plain numbers for an improvement cycle's frozen KPI snapshot."""
        return {code: v.value for code, v in self.values(Period(start, end)).items()}

    def _window(self, period: Period) -> _Window:
        tz = self._tz()
        now = self._desk.clock()
        start, period_end = period.bounds(tz)
        # Records are stamped to the second: what happened in the current second has
        # happened, so "now" as an exclusive limit is the start of the next second.
        end = min(period_end, now.replace(microsecond=0) + _ONE_SECOND)
        return _Window(
            period,
            to_iso(start),
            to_iso(end),
            end=end,
            now=now,
            today=now.astimezone(tz).date(),
            as_of=min(period_end, now),
        )

    def _compute(
        self, period: Period, codes: frozenset[str] | None = None, *, members: bool = False
    ) -> _Context:
        """The KPIs ``codes`` (None: all of them and the by-severity table) of ``period``;
        with ``members``, row by row with the records behind each figure."""
        window = self._window(period)
        context = _Context(
            tables=set(self._db.table_names()),
            codes=codes,
            as_of=window.as_of,
            want_members=members,
        )
        areas = None if codes is None else {BY_CODE[code].area for code in codes}
        for area, compute in (
            (INCIDENTS, self._incident_kpis),
            (HANDOVER, self._handover_kpis),
            (ROSTER, self._roster_kpis),
            (FEEDBACK, self._feedback_kpis),
            (IMPROVEMENT, self._action_kpis),
            (TRAINING, self._training_kpis),
        ):
            if areas is None or area in areas:
                compute(window, context)
        for code in BY_CODE if codes is None else codes:
            context.values.setdefault(code, _unavailable(code))
        return context

    def _incident_kpis(self, w: _Window, c: _Context) -> None:
        if not {"incidents", "incident_severities"} <= c.tables:
            return
        if c.want_members:
            self._incident_kpis_by_row(w, c)
        else:
            self._incident_kpis_in_sql(w, c)

    def _incident_kpis_in_sql(self, w: _Window, c: _Context) -> None:
        """The incident figures from SQL aggregates, without a timestamp parsed in Python.

        The same figures as ``_incident_kpis_by_row`` (tests/core/kpi compare the two):
        durations are whole milliseconds from julianday arithmetic (SQLite keeps times as
        integer milliseconds; rounding the difference removes the float error of the
        day fractions, under 0.1 ms over decades; the stored times are whole seconds),
        turned into minutes as ``ms / 1000 / 60``, the very float
        ``timedelta.total_seconds() / 60`` gives. A duration is on time when
        ``ms <= target * 60000``, which for the integer targets is the by-row
        ``minutes <= target`` (and ``minutes_between``'s round-up
        rule: any part of a minute over the target breaks it).

        Only what the wanted codes need runs: the by-severity aggregate for an on-time
        rate (and for every KPI, whose report shows the by-severity table), else one pass
        with just the columns asked for; the open-at-end query only for its two codes.
        Medians and percentiles convert just the durations they pick.
        """
        params = {"start": w.start_iso, "end": w.end_iso}
        v = c.values
        none_zh, none_en = "本期无事件", "no incidents in the period"
        if c.wants(_ON_TIME):  # and the by-severity table, wanted with every KPI
            per_severity = self._db.execute(_INCIDENTS_BY_SEVERITY, params).fetchall()
            reported = sum(row[2] for row in per_severity)
            escalated = sum(int(row[5]) for row in per_severity)
            resolved_count = sum(row[4] for row in per_severity)
            acked = sorted(int(ms) for row in per_severity if row[10] for ms in row[10].split(","))
            resolved = sorted(
                int(ms) for row in per_severity if row[11] for ms in row[11].split(",")
            )
            judged = ("本期无可判定的事件", "no decided incidents")
            v["response_on_time_rate"] = _rate(
                "response_on_time_rate",
                sum(int(row[7]) for row in per_severity),
                sum(row[6] for row in per_severity),
                *judged,
            )
            v["resolution_on_time_rate"] = _rate(
                "resolution_on_time_rate",
                sum(int(row[9]) for row in per_severity),
                sum(row[8] for row in per_severity),
                *judged,
            )
            for row in per_severity:
                c.by_severity.append(
                    SeverityRow(
                        row[1],
                        row[2],
                        _rate("", int(row[7]), row[6], *judged).value,
                        _rate("", int(row[9]), row[8], *judged).value,
                    )
                )
        elif c.wants(_INCIDENT_FIGURES):
            assert c.codes is not None
            reported, resolved_part, escalated, acked_part = self._db.execute(
                _incident_flat_sql(c.codes), params
            ).fetchone()
            acked = _sorted_ms(acked_part)
            if c.wants(_RESOLUTION_TIMES):
                resolved = _sorted_ms(resolved_part)
                resolved_count = len(resolved)
            else:
                resolved, resolved_count = [], resolved_part
        else:
            reported = escalated = resolved_count = 0
            acked = resolved = []
        for (mean_code, median_code, p90_code), times in (
            (_RESPONSE_CODES, acked),
            (_RESOLUTION_CODES, resolved),
        ):
            if c.want(mean_code):
                v[mean_code] = _stat(mean_code, mean([_in_minutes(ms) for ms in times]), len(times))
            if c.want(median_code):
                v[median_code] = _stat(median_code, _median_minutes(times), len(times))
            if c.want(p90_code):
                v[p90_code] = _stat(p90_code, _nearest_rank_minutes(times, 90), len(times))
        if c.want("resolution_rate"):
            v["resolution_rate"] = _rate(
                "resolution_rate", resolved_count, reported, none_zh, none_en
            )
        if c.want("escalation_rate"):
            v["escalation_rate"] = _rate("escalation_rate", escalated, reported, none_zh, none_en)
        if c.wants(_AT_END):
            open_count, overdue = self._db.execute(_OPEN_AT_END, {"end": w.end_iso}).fetchone()
            v["open_at_end"] = KpiValue("open_at_end", float(open_count))
            v["overdue_at_end"] = KpiValue("overdue_at_end", float(overdue or 0))

    def _incident_kpis_by_row(self, w: _Window, c: _Context) -> None:
        """The incident figures and the records behind each, row by row (the drill-down)."""
        columns = (
            "i.id, i.reported_at, i.acknowledged_at, i.resolved_at, i.escalated_at,"
            " coalesce(i.respond_target_minutes, s.respond_minutes),"
            " coalesce(i.resolve_target_minutes, s.resolve_minutes), s.name, s.rank"
        )
        rows = self._db.execute(
            f"SELECT {columns} FROM incidents i JOIN incident_severities s"
            " ON s.id = i.severity_id WHERE i.reported_at >= ? AND i.reported_at < ?",
            [w.start_iso, w.end_iso],
        ).fetchall()
        end = w.end_iso
        acked_rows = [r for r in rows if r[2] and r[2] < end]
        resolved_rows = [r for r in rows if r[3] and r[3] < end]
        acked = [_minutes(r[2], r[1]) for r in acked_rows]
        resolved = [_minutes(r[3], r[1]) for r in resolved_rows]
        reported = len(rows)
        none_zh, none_en = "本期无事件", "no incidents in the period"
        v = c.values
        m = c.members
        v["response_mean"] = _stat("response_mean", mean(acked), len(acked))
        v["response_median"] = _stat("response_median", median(acked), len(acked))
        v["response_p90"] = _stat("response_p90", nearest_rank(acked, 90), len(acked))
        for code in ("response_mean", "response_median", "response_p90"):
            m[code] = [CountedRecord(r[0]) for r in acked_rows]
        v["resolution_mean"] = _stat("resolution_mean", mean(resolved), len(resolved))
        v["resolution_median"] = _stat("resolution_median", median(resolved), len(resolved))
        v["resolution_p90"] = _stat("resolution_p90", nearest_rank(resolved, 90), len(resolved))
        for code in ("resolution_mean", "resolution_median", "resolution_p90"):
            m[code] = [CountedRecord(r[0]) for r in resolved_rows]
        v["resolution_rate"] = _rate("resolution_rate", len(resolved), reported, none_zh, none_en)
        m["resolution_rate"] = [CountedRecord(r[0], bool(r[3] and r[3] < end)) for r in rows]
        escalated = sum(1 for r in rows if r[4] and r[4] < end)
        v["escalation_rate"] = _rate("escalation_rate", escalated, reported, none_zh, none_en)
        m["escalation_rate"] = [CountedRecord(r[0], bool(r[4] and r[4] < end)) for r in rows]
        response_outcomes = [_on_time(r[1], r[2], r[5], w.end) for r in rows]
        resolution_outcomes = [_on_time(r[1], r[3], r[6], w.end) for r in rows]
        v["response_on_time_rate"] = _outcome_rate("response_on_time_rate", response_outcomes)
        v["resolution_on_time_rate"] = _outcome_rate("resolution_on_time_rate", resolution_outcomes)
        for code, outcomes in (
            ("response_on_time_rate", response_outcomes),
            ("resolution_on_time_rate", resolution_outcomes),
        ):
            m[code] = [
                CountedRecord(r[0], o) for r, o in zip(rows, outcomes, strict=True) if o is not None
            ]
        severities: dict[tuple[int, str], list[int]] = {}
        for index, row in enumerate(rows):
            severities.setdefault((row[8], row[7]), []).append(index)
        for (_rank, name), indexes in sorted(severities.items()):
            c.by_severity.append(
                SeverityRow(
                    name,
                    len(indexes),
                    _outcome_rate("", [response_outcomes[i] for i in indexes]).value,
                    _outcome_rate("", [resolution_outcomes[i] for i in indexes]).value,
                )
            )
        # Two branches on the resolved_at index instead of an OR that would scan every
        # earlier incident; CROSS JOIN keeps SQLite from starting at the severity table.
        open_rows = self._db.execute(
            f"SELECT {columns} FROM incidents i CROSS JOIN incident_severities s"
            " ON s.id = i.severity_id WHERE i.resolved_at IS NULL AND i.reported_at < :end"
            f" UNION ALL SELECT {columns} FROM incidents i CROSS JOIN incident_severities s"
            " ON s.id = i.severity_id WHERE i.resolved_at >= :end AND i.reported_at < :end",
            {"end": end},
        ).fetchall()
        overdue = [
            r for r in open_rows if _minutes(end, r[1]) > (r[6] if r[2] and r[2] < end else r[5])
        ]
        v["open_at_end"] = KpiValue("open_at_end", float(len(open_rows)))
        v["overdue_at_end"] = KpiValue("overdue_at_end", float(len(overdue)))
        m["open_at_end"] = [CountedRecord(r[0]) for r in sorted(open_rows, key=lambda r: r[1])]
        m["overdue_at_end"] = [CountedRecord(r[0]) for r in sorted(overdue, key=lambda r: r[1])]

    def _handover_kpis(self, w: _Window, c: _Context) -> None:
        if "handovers" not in c.tables:
            return
        first, last = w.period.start.isoformat(), w.period.end.isoformat()
        now = to_iso(w.now)
        # Shifts and handovers belong to the period of their shift date; only what has
        # happened by now counts: handovers locked, shifts ended.
        if c.wants(_HANDOVER_LOCKED):
            self._locked_handover_kpis(first, last, now, c)
        if not c.wants(_COMPLETENESS) or not {"assignments", "shift_types"} <= c.tables:
            return
        if not c.want_members:
            shifts, complete_shifts = self._db.execute(
                _COMPLETE_SHIFTS, {"first": first, "last": last, "now": now}
            ).fetchone()
            c.values["record_completeness"] = _rate(
                "record_completeness",
                complete_shifts,
                shifts,
                "本期无已结束的排班班次",
                "no rostered shift of the period has ended",
            )
            return
        complete: dict[tuple[str, str], int] = {}
        for r in self._db.execute(
            "SELECT shift_date, outgoing_shift_code, id FROM handovers WHERE +status = 'locked'"
            " AND completeness >= 1 AND shift_date BETWEEN ? AND ? AND locked_at <= ?"
            " ORDER BY id",
            [first, last, now],
        ):
            complete.setdefault((r[0], r[1]), r[2])
        # A shift is due once it has ended, or once it has been handed over (a few minutes
        # early is normal): the record is complete, so the shift counts.
        shifts = self.ended_shifts(w.period, w.now, handed_over=set(complete))
        c.members["record_completeness"] = [
            CountedRecord(complete.get(shift, 0), shift in complete, shift) for shift in shifts
        ]
        c.values["record_completeness"] = _rate(
            "record_completeness",
            sum(1 for shift in shifts if shift in complete),
            len(shifts),
            "本期无已结束的排班班次",
            "no rostered shift of the period has ended",
        )

    def _locked_handover_kpis(self, first: str, last: str, now: str, c: _Context) -> None:
        # ``+status``: the status index is no use (nearly every handover is locked), the
        # shift date index is; SQLite without ANALYZE statistics may pick the former.
        locked = self._db.execute(
            "SELECT id, duration_seconds, on_time FROM handovers WHERE +status = 'locked'"
            " AND shift_date BETWEEN ? AND ? AND locked_at <= ? ORDER BY shift_date, id",
            [first, last, now],
        ).fetchall()
        durations = [r[1] / 60 for r in locked if r[1] is not None]
        c.values["handover_duration_median"] = _stat(
            "handover_duration_median", median(durations), len(durations)
        )
        if c.want_members:
            c.members["handover_duration_median"] = [
                CountedRecord(r[0]) for r in locked if r[1] is not None
            ]
        judged = [r for r in locked if r[2] is not None]
        c.values["handover_on_time_rate"] = _rate(
            "handover_on_time_rate",
            sum(r[2] for r in judged),
            len(judged),
            "本期无已锁定的交接记录",
            "no locked handovers in the period",
        )
        if c.want_members:
            c.members["handover_on_time_rate"] = [CountedRecord(r[0], bool(r[2])) for r in judged]

    def ended_shifts(
        self,
        period: Period,
        now: datetime,
        *,
        handed_over: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    ) -> list[tuple[str, str]]:
        """Rostered shifts (shift date, shift code) of ``period`` whose every slot has ended
        by ``now``, or that are in ``handed_over`` (their handover is already complete)."""
        until = to_iso(now)
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT a.day, t.code, max(a.ends_at) FROM assignments a JOIN shift_types t"
                " ON t.id = a.shift_type_id WHERE a.day BETWEEN ? AND ?"
                " GROUP BY a.day, t.code ORDER BY a.day, min(a.starts_at), t.code",
                [period.start.isoformat(), period.end.isoformat()],
            )
            if r[2] <= until or (r[0], r[1]) in handed_over
        ]

    def _roster_kpis(self, w: _Window, c: _Context) -> None:
        if "assignments" not in c.tables:
            return
        roster = self._desk.roster
        stats = roster.hours(start=w.period.start, end=w.period.end, until=w.now)
        for s in stats:
            c.hours.append(
                PersonHours(
                    s.person_id,
                    s.name,
                    s.full_time,
                    s.shifts,
                    s.hours,
                    s.night_hours,
                    s.weekend_hours,
                    s.holiday_hours,
                )
            )
        working = [h.hours for h in c.hours if h.shifts > 0]
        c.values["hours_per_person"] = _stat("hours_per_person", mean(working), len(working))
        full_time = [h.hours for h in c.hours if h.full_time and h.shifts > 0]
        balance = min(full_time) / max(full_time) if full_time and max(full_time) > 0 else None
        c.values["hours_fairness"] = _stat("hours_fairness", balance, len(full_time))
        teams = roster.teams()
        if not teams:
            c.values["roster_gaps"] = KpiValue(
                "roster_gaps", None, note_zh="尚未设置班组", note_en="no teams set up"
            )
            return
        gaps = 0
        last = min(w.period.end, w.today)
        try:
            if last >= w.period.start:
                types, tz = roster.shift_types(), roster.timezone()
                for team in teams:
                    unfilled = roster.unfilled(team=team.id, start=w.period.start, end=last)
                    # Only slots of shifts that have begun: a future gap may yet be filled.
                    gaps += sum(
                        1
                        for u in unfilled
                        if u.shift_code not in types
                        or types[u.shift_code].window(u.day, tz)[0] <= w.now
                    )
        except DutyDeskError as error:
            c.values["roster_gaps"] = KpiValue(
                "roster_gaps", None, note_zh=error.message, note_en=error.message_en
            )
            return
        c.values["roster_gaps"] = KpiValue("roster_gaps", float(gaps))

    def _feedback_kpis(self, w: _Window, c: _Context) -> None:
        if "feedback" not in c.tables:
            return
        rows = self._db.execute(
            "SELECT status, received_at, replied_at FROM feedback"
            " WHERE received_at >= ? AND received_at < ?",
            [w.start_iso, w.end_iso],
        ).fetchall()
        none_zh, none_en = "本期无反馈", "no feedback in the period"
        c.values["feedback_received"] = KpiValue("feedback_received", float(len(rows)))
        classified = sum(1 for r in rows if r[0] != "new")
        answered = [r for r in rows if r[2] is not None and r[2] < w.end_iso]
        c.values["feedback_classified_rate"] = _rate(
            "feedback_classified_rate", classified, len(rows), none_zh, none_en
        )
        c.values["feedback_answered_rate"] = _rate(
            "feedback_answered_rate", len(answered), len(rows), none_zh, none_en
        )
        hours = [_minutes(r[2], r[1]) / 60 for r in answered]
        c.values["feedback_answer_hours"] = _stat(
            "feedback_answer_hours", median(hours), len(hours)
        )

    def _action_kpis(self, w: _Window, c: _Context) -> None:
        if "actions" not in c.tables:
            return
        first, last = w.period.start.isoformat(), w.period.end.isoformat()
        today = w.today.isoformat()
        # Only actions already due, or done ahead of a later due date: the rest is not late yet.
        due = self._db.execute(
            "SELECT due_on, done_on FROM actions WHERE status <> 'cancelled'"
            " AND due_on BETWEEN ? AND ? AND (due_on < ? OR done_on IS NOT NULL)",
            [first, last, today],
        ).fetchall()
        on_time = sum(1 for r in due if r[1] is not None and r[1] <= r[0])
        c.values["actions_on_time_rate"] = _rate(
            "actions_on_time_rate", on_time, len(due), "本期无到期措施", "no actions due"
        )
        verified = [
            r[0]
            for r in self._db.execute(
                "SELECT status FROM actions WHERE verified_at >= ? AND verified_at < ?",
                [w.start_iso, w.end_iso],
            )
        ]
        c.values["actions_effective_rate"] = _rate(
            "actions_effective_rate",
            verified.count("effective"),
            len(verified),
            "本期无验证的措施",
            "no actions verified in the period",
        )

    def _training_kpis(self, w: _Window, c: _Context) -> None:
        if not {"training_sessions", "training_attendance"} <= c.tables:
            return
        rows = self._db.execute(
            "SELECT a.status FROM training_attendance a JOIN training_sessions s"
            " ON s.id = a.session_id WHERE s.held_on BETWEEN ? AND ? AND a.status <> 'excused'",
            [w.period.start.isoformat(), min(w.period.end, w.today).isoformat()],
        ).fetchall()
        present = sum(1 for r in rows if r[0] == "present")
        c.values["training_completion"] = _rate(
            "training_completion", present, len(rows), "本期无培训", "no training in the period"
        )

    # -- drill-down ---------------------------------------------------------------------

    def members(self, period: Period, code: str) -> list[CountedRecord]:
        """The records ``code`` counts for ``period``, computed with the figure itself.

        For a rate, the members are its denominator and ``counted`` marks the numerator;
        for a statistic or a count, the members are the records measured.
        """
        definition = BY_CODE.get(code)
        if definition is None:
            raise ValidationError("code", f"未知指标：{code}", en=f"Unknown KPI: {code}")
        area = frozenset(d.code for d in DEFINITIONS if d.area == definition.area)
        return self._compute(period, area, members=True).members.get(code, [])

    def incident_ids(self, period: Period, code: str) -> list[int]:
        """The incidents behind an incident KPI, for the drill-down list."""
        if BY_CODE[code].area != INCIDENTS:
            raise ValidationError("code", f"{code} 不是事件指标", en=f"{code} is no incident KPI")
        return [m.record_id for m in self.members(period, code)]

    def incident_rows(self, period: Period, code: str) -> list[DrillRow]:
        """Incident rows behind ``code``: title, severity, status, times, counted or not."""
        members = self.members(period, code)
        found: dict[int, tuple[str, ...]] = {}
        ids = [m.record_id for m in members]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                "SELECT i.id, i.title, s.name, i.status, i.reported_at, i.acknowledged_at,"
                " i.resolved_at FROM incidents i JOIN incident_severities s"
                f" ON s.id = i.severity_id WHERE i.id IN ({marks})",
                chunk,
            ):
                found[r[0]] = (r[1], r[2], r[3], r[4], r[5] or "", r[6] or "")
        return [DrillRow(m.record_id, found[m.record_id], m.counted) for m in members]

    def handover_rows(self, period: Period, code: str = "record_completeness") -> list[DrillRow]:
        """Rows behind a handover KPI: for record completeness one per ended rostered shift
        (with its complete handover, if any); otherwise the locked handovers counted.

        Cells: shift date, shift codes ("D→N", or the one shift's code when it has no
        complete handover), status code ("missing" for no complete handover),
        completeness, on time ("yes"/"no"/""), minutes. Callers name codes for people."""
        if BY_CODE[code].area != HANDOVER:
            raise ValidationError("code", f"{code} 不是交接班指标", en=f"{code} is no handover KPI")
        members = self.members(period, code)
        ids = [m.record_id for m in members if m.record_id]
        found: dict[int, Any] = {}
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                "SELECT id, shift_date, outgoing_shift_code, incoming_shift_code, status,"
                f" completeness, on_time, duration_seconds FROM handovers WHERE id IN ({marks})",
                chunk,
            ):
                found[r[0]] = r
        rows = []
        for m in members:
            r = found.get(m.record_id)
            if r is None:  # an ended shift without a complete handover
                rows.append(DrillRow(0, (m.key[0], m.key[1], "missing", "", "", ""), m.counted))
                continue
            rows.append(
                DrillRow(
                    r[0],
                    (
                        r[1],
                        f"{r[2]}→{r[3]}",
                        r[4],
                        "" if r[5] is None else f"{100 * r[5]:.0f}%",
                        "" if r[6] is None else ("yes" if r[6] else "no"),
                        "" if r[7] is None else f"{r[7] / 60:.0f}",
                    ),
                    m.counted,
                )
            )
        return rows

    # -- targets ------------------------------------------------------------------------

    def targets(self, *, cycle_id: int | None = None) -> dict[str, float]:
        """Site-wide targets, overridden by an improvement cycle's own where given."""
        return {code: t.value for code, t in self.targets_in_force(cycle_id=cycle_id).items()}

    def site_targets(self) -> dict[str, float]:
        return {r[0]: float(r[1]) for r in self._db.execute("SELECT code, value FROM kpi_targets")}

    def targets_in_force(self, *, cycle_id: int | None = None) -> dict[str, Target]:
        """Site-wide targets, each overridden by the cycle's target for the same KPI."""
        found = {
            code: Target(code, value, AT_LEAST if BY_CODE[code].higher_is_better else AT_MOST, SITE)
            for code, value in self.site_targets().items()
            if code in BY_CODE
        }
        if cycle_id is not None and "cycle_targets" in self._db.table_names():
            for key, value, direction, title in self._db.execute(
                "SELECT t.kpi_key, t.target, t.direction, c.title FROM cycle_targets t"
                " JOIN improvement_cycles c ON c.id = t.cycle_id WHERE t.cycle_id = ?"
                " ORDER BY t.id",
                [cycle_id],
            ):
                if key in BY_CODE:
                    found[key] = Target(
                        key,
                        float(value),
                        AT_MOST if direction == AT_MOST else AT_LEAST,
                        CYCLE,
                        cycle_id,
                        title,
                    )
        return found

    def cycle_title(self, cycle_id: int | None) -> str:
        if cycle_id is None or "improvement_cycles" not in self._db.table_names():
            return ""
        row = self._db.execute(
            "SELECT title FROM improvement_cycles WHERE id = ?", [cycle_id]
        ).fetchone()
        return "" if row is None else str(row[0])

    def cycle_in_force(self, period: Period) -> int | None:
        """The improvement cycle in force at the period's end, or now if that is earlier.

        A cycle is in force on the days from its start to its end date; when two overlap,
        the one that started last.
        """
        if "improvement_cycles" not in self._db.table_names():
            return None
        on = min(period.end, self._desk.clock().astimezone(self._tz()).date()).isoformat()
        row = self._db.execute(
            "SELECT id FROM improvement_cycles WHERE start_date <= ? AND end_date >= ?"
            " ORDER BY start_date DESC, id DESC LIMIT 1",
            [on, on],
        ).fetchone()
        return None if row is None else int(row[0])

    def set_target(self, actor: Person, code: str, value: float | str | None) -> None:
        """Set (or with None clear) the site-wide target of one KPI."""
        actor = auth.require(actor, "kpi.targets", self._db)
        if code not in BY_CODE:
            raise ValidationError("code", f"未知指标：{code}", en=f"Unknown KPI: {code}")
        existing = self._db.execute("SELECT id FROM kpi_targets WHERE code = ?", [code]).fetchone()
        now = self._desk.now_iso()
        if value is None or (isinstance(value, str) and not value.strip()):
            if existing:
                audit.delete(self._db, "kpi_targets", existing[0], actor=actor.actor, at=now)
            return
        number = _target_number(BY_CODE[code], value)
        changes = {"value": number, "set_by": actor.id, "set_at": now}
        if existing:
            self._update("kpi_targets", existing[0], changes, by=actor, at=now)
        else:
            self._insert("kpi_targets", {"code": code, **changes}, by=actor, at=now)

    def breach_to_problem(self, actor: Person, report: KpiReport, code: str) -> Any:
        """Open a problem (source kpi_breach) describing a breached target, in one step."""
        actor = auth.require(actor, "kpi.breach_to_problem", self._db)
        result = report.result(code)
        if result.status != BREACH:
            raise ValidationError(
                "code",
                f"{result.definition.name_zh} 未超出目标，无需转为问题",
                en=f"{result.definition.name_en} meets its target; nothing to raise",
            )
        d = result.definition
        return self._desk.improvement.create_problem(
            actor,
            title=f"指标未达标：{d.name_zh}（{report.period.label()}）",
            category="process",
            source="kpi_breach",
            description=(
                f"{d.name_zh}：实际 {format_value(d, result.current.value)}，"
                f"目标 {format_value(d, result.target)}。\n计算方法：{d.formula_zh}"
            ),
            links=[("kpi", f"{code}:{report.period.start}:{report.period.end}")],
        )


def format_value(definition: KpiDefinition, value: float | None, lang: str = "zh_CN") -> str:
    if value is None:
        return "—"
    if definition.unit == "%":
        return f"{value:.1f}%"
    if definition.unit == "count":
        return f"{value:.0f}"
    if definition.unit == "ratio":
        return f"{value:.2f}"
    unit = {"min": ("分钟", "min"), "h": ("小时", "h")}[definition.unit]
    return f"{value:.1f} {unit[1] if lang.startswith('en') else unit[0]}"


def _target_number(definition: KpiDefinition, value: float | str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "target", f"目标值必须是数字：{value!r}", en=f"The target must be a number: {value!r}"
        ) from None
    if not math.isfinite(number) or number < 0:
        raise ValidationError("target", "目标值不能为负数", en="The target cannot be negative")
    if definition.unit == "%" and number > 100:
        raise ValidationError("target", "百分比目标不能超过 100", en="A % target is at most 100")
    if definition.unit == "ratio" and number > 1:
        raise ValidationError("target", "均衡度目标在 0–1 之间", en="A ratio target is 0-1")
    return number


def _unavailable(code: str) -> KpiValue:
    return KpiValue(code, None, note_zh="该功能尚无数据来源", note_en="no data source yet")


def _stat(code: str, value: float | None, count: int) -> KpiValue:
    if value is None:
        return KpiValue(code, None, 0, note_zh="本期无可计算的记录", note_en="nothing to measure")
    return KpiValue(code, value, None, float(count))


def _rate(code: str, numerator: int, denominator: int, none_zh: str, none_en: str) -> KpiValue:
    if not denominator:
        return KpiValue(code, None, 0, 0, none_zh, none_en)
    return KpiValue(code, 100.0 * numerator / denominator, float(numerator), float(denominator))


def _on_time(
    reported_at: str, done_at: str | None, target_minutes: int, period_end: datetime
) -> bool | None:
    """True/False once known; None while still within target at period end."""
    if done_at is not None and parse_iso(done_at) < period_end:
        return _minutes(done_at, reported_at) <= target_minutes
    elapsed = (period_end - parse_iso(reported_at)).total_seconds() / 60
    return False if elapsed > target_minutes else None


def _outcome_rate(code: str, outcomes: list[bool | None]) -> KpiValue:
    known = [o for o in outcomes if o is not None]
    return _rate(code, sum(known), len(known), "本期无可判定的事件", "no decided incidents")
