"""KPI table and the rows behind it as an Excel workbook (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from dutydesk.kpi.definitions import BOUNDARY_RULES_ZH
from dutydesk.kpi.engine import KpiReport, format_value

if TYPE_CHECKING:
    from dutydesk.kpi.context import KpiContext

_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="E4ECF3")
_STATUS_ZH = {"met": "达标", "breach": "未达标", "no_target": "未设目标", "no_value": "无数据"}


def _header(sheet: object, titles: list[str]) -> None:
    sheet.append(titles)  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font, cell.fill = _HEAD, _FILL


def export_kpi_workbook(desk: KpiContext, report: KpiReport, out: Path | str) -> Path:
    """Write the KPI table, per-severity rates, hours per person and the incidents behind."""
    book = Workbook()
    table = book.active
    table.title = "指标"
    _header(
        table, ["代码", "指标", "单位", "本期", "上期", "变化", "目标", "状态", "说明", "计算方法"]
    )
    for r in report.results:
        d = r.definition
        table.append(
            [
                d.code,
                d.name_zh,
                d.unit,
                r.current.value,
                r.previous.value,
                r.change,
                r.target,
                _STATUS_ZH[r.status],
                r.current.note_zh or format_value(d, r.current.value),
                d.formula_zh,
            ]
        )
    table.append([])
    table.append(["统计期", report.period.label(), report.period.start, report.period.end])
    table.append(["口径", BOUNDARY_RULES_ZH])
    severity = book.create_sheet("按严重程度")
    _header(severity, ["严重程度", "报告数", "按时响应率%", "按时解决率%"])
    for row in report.by_severity:
        severity.append(
            [row.severity, row.reported, row.response_on_time_rate, row.resolution_on_time_rate]
        )
    hours = book.create_sheet("人员工时")
    _header(hours, ["人员", "专职", "班次", "总工时", "夜班工时", "周末工时", "节假日工时"])
    for h in report.hours:
        hours.append(
            [
                h.name,
                "是" if h.full_time else "否",
                h.shifts,
                h.hours,
                h.night_hours,
                h.weekend_hours,
                h.holiday_hours,
            ]
        )
    incidents = book.create_sheet("事件明细")
    _header(
        incidents,
        ["编号", "标题", "严重程度", "状态", "报告时间", "响应时间", "解决时间", "升级时间"],
    )
    if "incidents" in desk.db.table_names():
        ids = desk.kpi.incident_ids(report.period, "resolution_rate")
        for incident_id in ids:
            i = desk.incidents.get(incident_id)
            incidents.append(
                [
                    i.id,
                    i.title,
                    i.severity_name,
                    i.status,
                    i.reported_at,
                    i.acknowledged_at,
                    i.resolved_at,
                    i.escalated_at,
                ]
            )
    for sheet in book.worksheets:
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
    out = Path(out)
    book.save(out)
    return out
