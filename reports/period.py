"""Period review report (周/月/季度报告): KPIs with targets, trends, charts, actions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dutydesk.clock import format_site_time
from dutydesk.kpi import series as kpi_series
from dutydesk.kpi.definitions import BOUNDARY_RULES_ZH
from dutydesk.kpi.engine import BREACH, MET, KpiReport, KpiResult, format_value
from reports.document import (
    DocumentInfo,
    ProgressCallback,
    data_table,
    paragraph,
    styles,
    titled_pdf,
)
from reports.kpi_charts import horizontal_bars, incidents_per_day, trend_chart

if TYPE_CHECKING:
    from dutydesk.desk import Desk

_STATUS = {MET: "达标", BREACH: "未达标", "no_target": "未设目标", "no_value": "无数据"}
_ACTION_STATUS = {
    "open": "进行中",
    "overdue": "已逾期",
    "done": "已完成待验证",
    "effective": "验证有效",
    "not_effective": "验证无效",
    "cancelled": "已取消",
}


def _trend_arrow(result: KpiResult) -> str:
    if result.change is None:
        return "—"
    if result.change == 0:
        return "→ 持平"
    arrow = "↑" if result.change > 0 else "↓"
    verdict = "改善" if result.improved else "变差"
    return f"{arrow} {verdict}"


def _section(title: str, first: Flowable) -> KeepTogether:
    """A heading that never stands alone at the foot of a page."""
    return KeepTogether([paragraph(title, styles().heading), first])


def kpi_rows(report: KpiReport) -> list[list[str]]:
    rows = []
    for r in report.results:
        d = r.definition
        current = (
            format_value(d, r.current.value)
            if r.current.value is not None
            else (r.current.note_zh or "无数据")
        )
        rows.append(
            [
                d.name_zh,
                current,
                format_value(d, r.previous.value),
                _trend_arrow(r),
                "—" if r.target_in_force is None else r.target_in_force.text(d),
                _STATUS[r.status],
            ]
        )
    return rows


def breach_rows(report: KpiReport) -> list[list[str]]:
    """One row per breached target: KPI, value, target, which target it is."""
    return [
        [
            r.definition.name_zh,
            format_value(r.definition, r.current.value),
            r.target_in_force.text(r.definition),
            r.target_in_force.source_text(),
        ]
        for r in report.breaches()
        if r.target_in_force is not None
    ]


def build_period_report(
    desk: Desk,
    report: KpiReport,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    s = styles()
    period = report.period
    tz = desk.settings.site_zone()
    info = DocumentInfo(
        title=f"值班工作报告（{period.label()}）",
        document_id=f"KPI-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
        site_name=desk.settings.get("site_name"),
        generated_at=format_site_time(desk.clock(), tz),
        subject="period review",
    )
    story: list[Flowable] = []
    breaches = report.breaches()
    as_of = ""
    if report.as_of is not None and report.as_of < period.bounds(tz)[1]:
        moment = report.as_of.astimezone(tz)
        as_of = f"数据截至 {moment:%Y-%m-%d %H:%M}，统计期尚未结束，只计已发生的。"
    targets = "目标：站点目标" + (
        f"，{report.cycle_title or '优化周期'}的目标优先。" if report.cycle_id is not None else "。"
    )
    story.append(
        paragraph(
            f"统计期：{period.start} 至 {period.end}；对比上期：{report.previous_period.label()}。",
            s.body,
        )
    )
    if as_of:
        story.append(paragraph(as_of, s.body))
    story.append(
        _section(
            "未达标指标",
            paragraph(
                f"未达标指标 {len(breaches)} 项"
                + (f"：{'、'.join(b.definition.name_zh for b in breaches)}。" if breaches else "。")
                + targets,
                s.body,
            ),
        )
    )
    if breaches:
        story.append(
            data_table(
                ["指标", "本期", "目标", "目标来源"],
                breach_rows(report),
                col_widths=[46 * mm, 30 * mm, 30 * mm, 62 * mm],
            )
        )
    story.append(paragraph("一、关键指标", s.heading))
    story.append(
        data_table(
            ["指标", "本期", "上期", "趋势", "目标", "状态"],
            kpi_rows(report),
            col_widths=[46 * mm, 30 * mm, 24 * mm, 20 * mm, 26 * mm, 22 * mm],
        )
    )
    story.append(paragraph(f"统计口径：{BOUNDARY_RULES_ZH}", s.small))
    story.append(_section("二、事件", incidents_per_day(kpi_series.incidents_by_day(desk, period))))
    story.append(Spacer(1, 3 * mm))
    points = kpi_series.trend(desk, period, ("response_median", "resolution_median"), report=report)
    story.append(
        trend_chart(
            points,
            [("response_median", "响应时间中位数"), ("resolution_median", "解决时间中位数")],
            title="响应与解决时间趋势（分钟）",
        )
    )
    if report.by_severity:
        story.append(
            data_table(
                ["严重程度", "报告数", "按时响应率", "按时解决率"],
                [
                    [
                        row.severity,
                        row.reported,
                        "—"
                        if row.response_on_time_rate is None
                        else f"{row.response_on_time_rate:.1f}%",
                        "—"
                        if row.resolution_on_time_rate is None
                        else f"{row.resolution_on_time_rate:.1f}%",
                    ]
                    for row in report.by_severity
                ],
            )
        )
    categories = kpi_series.incident_categories(desk, period)
    story.append(_section("三、主要问题类别", horizontal_bars(categories, title="事件类别分布")))
    hours = [(h.name, h.hours) for h in sorted(report.hours, key=lambda h: -h.hours)]
    story.append(
        _section(
            "四、人员工时",
            horizontal_bars(hours, title="人员值班工时（小时）", colour="#4c9a2a"),
        )
    )
    counts = kpi_series.action_status_counts(desk)
    actions: Flowable = (
        data_table(
            ["状态", "数量"],
            [[_ACTION_STATUS.get(k, k), v] for k, v in sorted(counts.items())],
            col_widths=[50 * mm, 30 * mm],
        )
        if counts
        else paragraph("尚无整改措施记录。", s.body)
    )
    story.append(_section("五、整改措施状态", actions))
    return titled_pdf(info, story, out, progress=progress)
