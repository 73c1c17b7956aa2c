"""The filtered incident list to Excel (openpyxl) or CSV, times in the site's time zone."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutydesk.clock import format_site_time
from dutydesk.errors import ValidationError
from dutydesk.incidents.service import STATUS_LABELS, Incident, IncidentFilter

if TYPE_CHECKING:
    from dutydesk.incidents.context import IncidentsContext

ProgressCallback = Callable[[int, int], None]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("编号", "No."),
    ("标题", "Title"),
    ("状态", "Status"),
    ("严重程度", "Severity"),
    ("类别", "Category"),
    ("来源", "Source"),
    ("地点", "Location"),
    ("上报时间", "Reported"),
    ("上报人", "Reported by"),
    ("班次日期", "Shift date"),
    ("班次", "Shift"),
    ("响应时间", "Acknowledged"),
    ("响应人", "Acknowledged by"),
    ("升级至", "Escalated to"),
    ("升级原因", "Escalation reason"),
    ("解决时间", "Resolved"),
    ("解决人", "Resolved by"),
    ("处理结果", "Resolution"),
    ("关闭时间", "Closed"),
    ("关闭人", "Closed by"),
    ("响应用时（分钟）", "Response (min)"),
    ("响应时限（分钟）", "Response target (min)"),
    ("响应及时", "Responded on time"),
    ("解决用时（分钟）", "Resolution (min)"),
    ("解决时限（分钟）", "Resolution target (min)"),
    ("解决及时", "Resolved on time"),
    ("当前超时", "Overdue now"),
    ("重新打开自", "Reopened from"),
    ("描述", "Description"),
)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def row_values(incident: Incident, zone: ZoneInfo) -> list[Any]:
    return [
        incident.number,
        incident.title,
        STATUS_LABELS[incident.status][0],
        f"{incident.severity_code} {incident.severity_name}",
        incident.category_name,
        incident.source_name,
        incident.location,
        format_site_time(incident.reported_at, zone),
        incident.reporter_name,
        incident.shift_date or "",
        incident.shift_code or "",
        format_site_time(incident.acknowledged_at, zone),
        incident.acknowledged_by_name or "",
        incident.escalated_to or "",
        incident.escalation_reason or "",
        format_site_time(incident.resolved_at, zone),
        incident.resolved_by_name or "",
        incident.resolution or "",
        format_site_time(incident.closed_at, zone),
        incident.closed_by_name or "",
        incident.response_minutes,
        incident.respond_target_minutes,
        _yes_no(incident.responded_on_time),
        incident.resolution_minutes,
        incident.resolve_target_minutes,
        _yes_no(incident.resolved_on_time),
        _yes_no(incident.overdue) if incident.is_open else "",
        f"#{incident.reopened_from}" if incident.reopened_from else "",
        incident.description,
    ]


def export_incidents(
    desk: IncidentsContext,
    out: Path | str,
    flt: IncidentFilter | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> int:
    """Write every incident matching ``flt`` to ``out`` (.xlsx or .csv); returns the count."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(
            "out",
            f"导出文件须为 .xlsx 或 .csv：{out.name}",
            en=f"Export to a .xlsx or .csv file: {out.name}",
        )
    zone = desk.settings.site_zone()
    total = desk.incidents.count(flt)
    rows = (row_values(i, zone) for i in desk.incidents.iter_all(flt))
    header = [zh for zh, _en in COLUMNS]
    written = 0

    def tick() -> None:
        if progress is not None and (written % 500 == 0 or written == total):
            progress(written, total)

    tmp = out.with_name(out.name + ".part")
    if suffix == ".csv":
        # utf-8 with BOM so that Excel on a Chinese Windows opens it without mojibake.
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for values in rows:
                writer.writerow(["" if v is None else v for v in values])
                written += 1
                tick()
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook(write_only=True)
        sheet = book.create_sheet("事件")
        sheet.freeze_panes = "A2"
        widths = [16, 36, 8, 12, 18, 10, 14, 17, 10, 11, 8, 17, 10, 16, 24, 17, 10, 36]
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        from openpyxl.cell import WriteOnlyCell

        head_cells = []
        for title in header:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = Font(bold=True)
            head_cells.append(cell)
        sheet.append(head_cells)
        for values in rows:
            sheet.append(values)
            written += 1
            tick()
        book.save(tmp)
    tmp.replace(out)
    if progress is not None:
        progress(written, written)
    return written
