"""Shift report (值班报告) and daily report from plain data.

The documents take the frozen dataclasses of ``dutydesk.shift_report``, which fills them
from roster, handover and incidents. Times are ISO-8601 UTC text and are printed in the
site time zone.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from dutydesk.clock import format_site_date, format_site_time, parse_iso
from dutydesk.handover.shift_report import (
    ChecklistResult,
    DayReportData,
    IncidentLine,
    OpenItemLine,
    PersonOnDuty,
    ShiftReportData,
    SignatureLine,
)
from reports.document import (
    DocumentInfo,
    ProgressCallback,
    data_table,
    key_value_table,
    paragraph,
    styles,
    titled_pdf,
)


def _local(iso: str | None, timezone: str, *, with_date: bool = True) -> str:
    return format_site_time(iso, timezone, with_date=with_date, empty="—")


def _shift_time(iso: str | None, timezone: str, shift_date: str) -> str:
    """``08:15`` on the shift's own date; with the date when it falls on another day."""
    if iso and format_site_date(iso, timezone) != shift_date:
        return f"{format_site_date(iso, timezone)}\n{_local(iso, timezone, with_date=False)}"
    return _local(iso, timezone, with_date=False)


def _duration(start: str, end: str | None) -> str:
    if not end:
        return "—"
    minutes = int((parse_iso(end) - parse_iso(start)).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} 分钟"
    return f"{minutes // 60} 小时 {minutes % 60} 分"


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def shift_story(data: ShiftReportData, *, heading: bool = True) -> list[Flowable]:
    """The flowables of one shift; the daily report repeats them per shift."""
    s = styles()
    tz = data.timezone
    story: list[Flowable] = []
    if heading:
        story.append(
            paragraph(f"{data.shift_date} {data.shift_name}（{data.shift_code}）", s.heading)
        )
    served = sum(1 for p in data.people if p.served)
    planned = sum(1 for p in data.people if p.planned)
    open_count = sum(1 for i in data.incidents if not i.closed_at)
    pairs = [
        ("站点", data.site_name),
        ("班次", f"{data.shift_name}（{data.shift_code}）"),
        ("时间", f"{_local(data.start_at, tz)} 至 {_local(data.end_at, tz)}"),
        ("到岗", f"计划 {planned} 人，实到 {served} 人"),
        ("事件", f"共 {len(data.incidents)} 起，未关闭 {open_count} 起"),
        ("执行流程版本", f"第 {data.process_version} 版" if data.process_version else "—"),
    ]
    story.append(key_value_table(pairs, key_width=30 * mm))
    story.append(paragraph("值班人员", s.subheading))
    story.append(
        data_table(
            ["姓名", "岗位", "计划", "实到", "说明"],
            [[p.name, p.role, _yes_no(p.planned), _yes_no(p.served), p.note] for p in data.people]
            or [["—", "", "", "", "无排班记录"]],
            col_widths=[30 * mm, 26 * mm, 16 * mm, 16 * mm, 86 * mm],
        )
    )
    story.append(paragraph("事件及处置时间", s.subheading))
    rows = [
        [
            i.reference,
            i.title,
            i.severity,
            _shift_time(i.reported_at, tz, data.shift_date),
            _shift_time(i.closed_at, tz, data.shift_date),
            _duration(i.reported_at, i.closed_at),
            i.status,
            i.handled_by,
        ]
        for i in data.incidents
    ]
    story.append(
        data_table(
            ["编号", "事件", "等级", "接报", "关闭", "用时", "状态", "处置人"],
            rows or [["—", "本班无事件", "", "", "", "", "", ""]],
            col_widths=[
                18 * mm,
                36 * mm,
                14 * mm,
                22 * mm,
                22 * mm,
                22 * mm,
                18 * mm,
                22 * mm,
            ],
        )
    )
    story.append(paragraph("交接清单检查结果", s.subheading))
    marks = {True: "正常", False: "异常", None: "未检查"}
    story.append(
        data_table(
            ["检查项目", "结果", "说明"],
            [[c.item, marks[c.ok], c.note] for c in data.checklist] or [["—", "", "无清单"]],
            col_widths=[70 * mm, 20 * mm, 84 * mm],
        )
    )
    story.append(paragraph("遗留事项", s.subheading))
    story.append(
        data_table(
            ["事项", "责任人", "时限", "状态"],
            [[o.text, o.owner, o.due, o.status] for o in data.open_items]
            or [["无遗留事项", "", "", ""]],
            col_widths=[96 * mm, 26 * mm, 30 * mm, 22 * mm],
        )
    )
    story.append(paragraph("备注", s.subheading))
    story.append(paragraph(data.remarks or "无", s.body))
    signature_rows = [[g.meaning, g.name, _local(g.signed_at, tz)] for g in data.signatures] or [
        ["未签名", "", ""]
    ]
    block: list[Flowable] = [
        paragraph("签名", s.subheading),
        data_table(
            ["签名含义", "签名人", "时间"],
            signature_rows,
            col_widths=[40 * mm, 50 * mm, 84 * mm],
        ),
    ]
    if data.record_hash:
        block.append(Spacer(1, 2 * mm))
        block.append(paragraph(f"记录哈希 SHA-256：{data.record_hash}", s.small))
    story.append(KeepTogether(block))
    return story


def build_shift_report(
    data: ShiftReportData,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The 值班报告 of one shift; the footer carries the signed record's hash."""
    info = DocumentInfo(
        title="值班报告",
        document_id=data.document_id,
        site_name=data.site_name,
        generated_at=_local(data.generated_at, data.timezone),
        record_hash=data.record_hash,
        warnings=data.signature_warnings,
    )
    story: list[Flowable] = []
    story.append(
        paragraph(f"{data.shift_date} {data.shift_name}（{data.shift_code}）", styles().subheading)
    )
    story += shift_story(data, heading=False)
    return titled_pdf(info, story, out, progress=progress)


def build_day_report(
    data: DayReportData,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The 值班日报: a summary of every shift of the day, then each shift in full."""
    s = styles()
    info = DocumentInfo(
        title="值班日报",
        document_id=f"DR-{data.day}",
        site_name=data.site_name,
        generated_at=_local(data.generated_at, data.timezone),
        warnings=tuple(w for shift in data.shifts for w in shift.signature_warnings),
    )
    story: list[Flowable] = []
    story.append(paragraph(f"日期：{data.day}", s.subheading))
    rows = []
    for shift in data.shifts:
        rows.append(
            [
                f"{shift.shift_name}（{shift.shift_code}）",
                f"{_local(shift.start_at, data.timezone, with_date=False)}–"
                f"{_local(shift.end_at, data.timezone, with_date=False)}",
                f"{sum(p.served for p in shift.people)}/{sum(p.planned for p in shift.people)}",
                str(len(shift.incidents)),
                str(sum(1 for i in shift.incidents if not i.closed_at)),
                str(len(shift.open_items)),
                "已签" if shift.signatures else "未签",
            ]
        )
    story.append(
        data_table(
            ["班次", "时间", "实到/计划", "事件", "未关闭", "遗留", "交接签名"],
            rows or [["当日无班次", "", "", "", "", "", ""]],
            col_widths=[34 * mm, 28 * mm, 22 * mm, 18 * mm, 20 * mm, 18 * mm, 34 * mm],
        )
    )
    for shift in data.shifts:
        story.append(PageBreak())
        story += shift_story(shift)
    return titled_pdf(info, story, out, progress=progress)


# The report's input types, importable from here as before they moved to the core.
__all__ = [
    "ChecklistResult",
    "DayReportData",
    "IncidentLine",
    "OpenItemLine",
    "PersonOnDuty",
    "ShiftReportData",
    "SignatureLine",
    "build_day_report",
    "build_shift_report",
]
