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
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutydesk.clock import parse_iso
from dutydesk.errors import DutyDeskError, NotFound, ValidationError
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

if TYPE_CHECKING:
    from dutydesk.desk import Desk

auth.register_permissions(
    {
        "kpi.read": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
        "kpi.targets": frozenset({LEADER, ADMIN}),
        "kpi.breach_to_problem": frozenset({LEADER, ADMIN}),
    }
)
audit.register_table(audit.AuditedTable("kpi_targets"))

MET, BREACH, NO_TARGET, NO_VALUE = "met", "breach", "no_target", "no_value"


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
class KpiResult:
    definition: KpiDefinition
    current: KpiValue
    previous: KpiValue
    target: float | None
    status: str  # met, breach, no_target, no_value
    change: float | None  # current − previous, when both exist

    @property
    def improved(self) -> bool | None:
        if self.change is None or self.change == 0:
            return None
        return (self.change > 0) == self.definition.higher_is_better


@dataclass(frozen=True)
class DrillRow:
    """One record behind a figure: its id and the cells shown in the drill-down list."""

    record_id: int
    cells: tuple[str, ...]


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
                    "status": r.status,
                }
                for r in self.results
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


def _minutes(later: str, earlier: str) -> float:
    return (parse_iso(later) - parse_iso(earlier)).total_seconds() / 60


def _target_met(value: float, target: float, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


@dataclass(frozen=True)
class _Window:
    period: Period
    start_iso: str
    end_iso: str
    end: datetime


@dataclass
class _Context:
    tables: set[str]
    values: dict[str, KpiValue] = field(default_factory=dict)
    by_severity: list[SeverityRow] = field(default_factory=list)
    hours: list[PersonHours] = field(default_factory=list)


class KpiService:
    """Computes KPIs, keeps site-wide targets, and turns a breach into a problem."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    @property
    def _db(self) -> Any:
        return self._desk.db

    def _tz(self) -> ZoneInfo:
        return ZoneInfo(self._desk.settings.get("site_timezone"))

    # -- computing ----------------------------------------------------------------------

    def values(self, period: Period, *, codes: Sequence[str] | None = None) -> dict[str, KpiValue]:
        """All KPIs of ``period``; with ``codes``, only the areas those KPIs need are read."""
        areas = None if codes is None else {BY_CODE[code].area for code in codes}
        return self._compute(period, areas).values

    def report(self, period: Period, *, cycle_id: int | None = None) -> KpiReport:
        """All KPIs for ``period`` with the previous period and targets beside them."""
        current = self._compute(period)
        previous_period = period.previous()
        previous = self._compute(previous_period).values
        targets = self.targets(cycle_id=cycle_id)
        results = []
        for definition in DEFINITIONS:
            value = current.values[definition.code]
            before = previous[definition.code]
            target = targets.get(definition.code)
            if value.value is None:
                status = NO_VALUE
            elif target is None:
                status = NO_TARGET
            else:
                met = _target_met(value.value, target, definition.higher_is_better)
                status = MET if met else BREACH
            change = (
                value.value - before.value
                if value.value is not None and before.value is not None
                else None
            )
            results.append(KpiResult(definition, value, before, target, status, change))
        return KpiReport(
            period,
            previous_period,
            tuple(results),
            tuple(current.by_severity),
            tuple(current.hours),
            cycle_id,
        )

    def snapshot(self, start: date, end: date) -> dict[str, float | None]:
        """Plain numbers for an improvement cycle's frozen KPI snapshot."""
        return {code: v.value for code, v in self.values(Period(start, end)).items()}

    def _compute(self, period: Period, areas: set[str] | None = None) -> _Context:
        tz = self._tz()
        window = _Window(period, *period.iso_bounds(tz), end=period.bounds(tz)[1])
        context = _Context(tables=set(self._db.table_names()))
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
        for definition in DEFINITIONS:
            context.values.setdefault(definition.code, _unavailable(definition.code))
        return context

    def _incident_kpis(self, w: _Window, c: _Context) -> None:
        if not {"incidents", "incident_severities"} <= c.tables:
            return
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
        acked = [_minutes(r[2], r[1]) for r in rows if r[2] and r[2] < end]
        resolved = [_minutes(r[3], r[1]) for r in rows if r[3] and r[3] < end]
        reported = len(rows)
        none_zh, none_en = "本期无事件", "no incidents in the period"
        v = c.values
        v["response_median"] = _stat("response_median", median(acked), len(acked))
        v["response_p90"] = _stat("response_p90", nearest_rank(acked, 90), len(acked))
        v["resolution_mean"] = _stat("resolution_mean", mean(resolved), len(resolved))
        v["resolution_median"] = _stat("resolution_median", median(resolved), len(resolved))
        v["resolution_rate"] = _rate("resolution_rate", len(resolved), reported, none_zh, none_en)
        escalated = sum(1 for r in rows if r[4] and r[4] < end)
        v["escalation_rate"] = _rate("escalation_rate", escalated, reported, none_zh, none_en)
        response_outcomes = [_on_time(r[1], r[2], r[5], w.end) for r in rows]
        resolution_outcomes = [_on_time(r[1], r[3], r[6], w.end) for r in rows]
        v["response_on_time_rate"] = _outcome_rate("response_on_time_rate", response_outcomes)
        v["resolution_on_time_rate"] = _outcome_rate("resolution_on_time_rate", resolution_outcomes)
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
        overdue = sum(
            1 for r in open_rows if _minutes(end, r[1]) > (r[6] if r[2] and r[2] < end else r[5])
        )
        v["open_at_end"] = KpiValue("open_at_end", float(len(open_rows)))
        v["overdue_at_end"] = KpiValue("overdue_at_end", float(overdue))

    def _handover_kpis(self, w: _Window, c: _Context) -> None:
        if "handovers" not in c.tables:
            return
        first, last = w.period.start.isoformat(), w.period.end.isoformat()
        locked = self._db.execute(
            "SELECT duration_seconds, on_time FROM handovers"
            " WHERE status = 'locked' AND shift_date BETWEEN ? AND ?",
            [first, last],
        ).fetchall()
        durations = [r[0] / 60 for r in locked if r[0] is not None]
        c.values["handover_duration_median"] = _stat(
            "handover_duration_median", median(durations), len(durations)
        )
        judged = [r[1] for r in locked if r[1] is not None]
        c.values["handover_on_time_rate"] = _rate(
            "handover_on_time_rate",
            sum(judged),
            len(judged),
            "本期无已锁定的交接记录",
            "no locked handovers in the period",
        )
        if not {"assignments", "shift_types"} <= c.tables:
            return
        shifts = self._db.execute(
            "SELECT DISTINCT a.day, t.code FROM assignments a JOIN shift_types t"
            " ON t.id = a.shift_type_id WHERE a.day BETWEEN ? AND ?",
            [first, last],
        ).fetchall()
        complete = {
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT shift_date, outgoing_shift_code FROM handovers WHERE status = 'locked'"
                " AND completeness >= 1 AND shift_date BETWEEN ? AND ?",
                [first, last],
            )
        }
        done = sum(1 for shift in shifts if (shift[0], shift[1]) in complete)
        c.values["record_completeness"] = _rate(
            "record_completeness", done, len(shifts), "本期无排班班次", "no rostered shifts"
        )

    def _roster_kpis(self, w: _Window, c: _Context) -> None:
        roster = getattr(self._desk, "roster", None)
        if roster is None or "assignments" not in c.tables:
            return
        stats = roster.hours(start=w.period.start, end=w.period.end)
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
        try:
            for team in teams:
                gaps += len(
                    roster.quality(team=team.id, start=w.period.start, end=w.period.end).unfilled
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
        due = self._db.execute(
            "SELECT due_on, done_on FROM actions WHERE status <> 'cancelled'"
            " AND due_on BETWEEN ? AND ?",
            [first, last],
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
            [w.period.start.isoformat(), w.period.end.isoformat()],
        ).fetchall()
        present = sum(1 for r in rows if r[0] == "present")
        c.values["training_completion"] = _rate(
            "training_completion", present, len(rows), "本期无培训", "no training in the period"
        )

    # -- drill-down ---------------------------------------------------------------------

    def incident_ids(self, period: Period, code: str) -> list[int]:
        """The incidents behind an incident KPI, for the drill-down list."""
        if BY_CODE[code].area != "incidents":
            raise ValidationError("code", f"{code} 不是事件指标", en=f"{code} is no incident KPI")
        start, end = period.iso_bounds(self._tz())
        if code in ("open_at_end", "overdue_at_end"):
            sql = (
                "SELECT id, reported_at FROM incidents WHERE resolved_at IS NULL"
                " AND reported_at < :end UNION ALL SELECT id, reported_at FROM incidents"
                " WHERE resolved_at >= :end AND reported_at < :end ORDER BY 2"
            )
            return [r[0] for r in self._db.execute(sql, {"end": end})]
        sql = "SELECT id FROM incidents WHERE reported_at >= ? AND reported_at < ?"
        return [r[0] for r in self._db.execute(sql + " ORDER BY reported_at", [start, end])]

    def incident_rows(self, period: Period, code: str) -> list[DrillRow]:
        """Incident rows behind ``code``: id, title, severity, status, times."""
        ids = self.incident_ids(period, code)
        rows = []
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            rows += [
                DrillRow(r[0], (r[1], r[2], r[3], r[4], r[5] or "", r[6] or ""))
                for r in self._db.execute(
                    "SELECT i.id, i.title, s.name, i.status, i.reported_at, i.acknowledged_at,"
                    " i.resolved_at FROM incidents i JOIN incident_severities s"
                    f" ON s.id = i.severity_id WHERE i.id IN ({marks}) ORDER BY i.reported_at",
                    chunk,
                )
            ]
        return rows

    def handover_rows(self, period: Period) -> list[DrillRow]:
        """Handovers of the period's shift dates: date, shifts, status, completeness, timing."""
        if "handovers" not in self._db.table_names():
            return []
        return [
            DrillRow(
                r[0],
                (
                    r[1],
                    f"{r[2]} → {r[3]}",
                    r[4],
                    "" if r[5] is None else f"{100 * r[5]:.0f}%",
                    "" if r[6] is None else ("是" if r[6] else "否"),
                    "" if r[7] is None else f"{r[7] / 60:.0f}",
                ),
            )
            for r in self._db.execute(
                "SELECT id, shift_date, outgoing_shift_code, incoming_shift_code, status,"
                " completeness, on_time, duration_seconds FROM handovers"
                " WHERE shift_date BETWEEN ? AND ? ORDER BY shift_date, id",
                [period.start.isoformat(), period.end.isoformat()],
            )
        ]

    # -- targets ------------------------------------------------------------------------

    def targets(self, *, cycle_id: int | None = None) -> dict[str, float]:
        """Site-wide targets, overridden by an improvement cycle's own where given."""
        found = {r[0]: float(r[1]) for r in self._db.execute("SELECT code, value FROM kpi_targets")}
        if cycle_id is not None and "cycle_targets" in self._db.table_names():
            for key, value in self._db.execute(
                "SELECT kpi_key, target FROM cycle_targets WHERE cycle_id = ?", [cycle_id]
            ):
                if key in BY_CODE:
                    found[key] = float(value)
        return found

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
            audit.update(self._db, "kpi_targets", existing[0], changes, actor=actor.actor, at=now)
        else:
            audit.insert(
                self._db, "kpi_targets", {"code": code, **changes}, actor=actor.actor, at=now
            )

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
        improvement = getattr(self._desk, "improvement", None)
        if improvement is None:
            raise NotFound("问题管理功能不可用", en="Problem management is not available")
        d = result.definition
        return improvement.create_problem(
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
