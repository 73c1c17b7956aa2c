"""问题处理单: one incident as a PDF problem-handling form with its timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dutydesk.clock import format_site_time
from dutydesk.incidents.service import ACTION_LABELS, STATUS_LABELS
from reports.document import (
    DocumentInfo,
    ProgressCallback,
    data_table,
    key_value_table,
    paragraph,
    styles,
    titled_pdf,
)

if TYPE_CHECKING:
    from dutydesk.desk import Desk


def _minutes(value: int | None, target: int | None, on_time: bool | None) -> str:
    if value is None:
        return "（关闭时计算）"
    verdict = "及时" if on_time else "超时"
    return f"{value} 分钟（时限 {target} 分钟，{verdict}）"


def build_incident_form(
    desk: Desk,
    incident_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The problem-handling form of one incident; returns the PDF bytes."""
    incident = desk.incidents.get(incident_id)
    timeline = desk.incidents.timeline(incident_id)
    attachments = desk.incidents.attachments(incident_id)
    zone = desk.settings.site_zone()
    s = styles()
    info = DocumentInfo(
        title="问题处理单",
        document_id=incident.number,
        site_name=desk.settings.get("site_name"),
        generated_at=format_site_time(desk.now_iso(), zone),
        subject=f"Incident {incident.number}",
    )
    story: list[Flowable] = []
    story.append(paragraph(f"{incident.number}　{incident.title}", s.heading))
    shift = " ".join(p for p in (incident.shift_date, incident.shift_code) if p)
    story.append(
        key_value_table(
            [
                ("状态", STATUS_LABELS[incident.status][0]),
                ("严重程度", f"{incident.severity_code} {incident.severity_name}"),
                ("类别", incident.category_name),
                ("来源", incident.source_name or "—"),
                ("地点", incident.location or "—"),
                ("班次", shift or "—"),
                (
                    "上报",
                    f"{format_site_time(incident.reported_at, zone)}　{incident.reporter_name}",
                ),
                (
                    "响应",
                    f"{format_site_time(incident.acknowledged_at, zone)}　"
                    f"{incident.acknowledged_by_name or ''}".strip()
                    or "—",
                ),
                (
                    "升级",
                    f"{format_site_time(incident.escalated_at, zone)}　至 {incident.escalated_to}："
                    f"{incident.escalation_reason}"
                    if incident.escalated_at
                    else "—",
                ),
                (
                    "解决",
                    format_site_time(incident.resolved_at, zone)
                    + f"　{incident.resolved_by_name or ''}"
                    if incident.resolved_at
                    else "—",
                ),
                (
                    "关闭",
                    f"{format_site_time(incident.closed_at, zone)}　{incident.closed_by_name or ''}"
                    if incident.closed_at
                    else "—",
                ),
                (
                    "响应用时",
                    _minutes(
                        incident.response_minutes,
                        incident.respond_target_minutes,
                        incident.responded_on_time,
                    ),
                ),
                (
                    "解决用时",
                    _minutes(
                        incident.resolution_minutes,
                        incident.resolve_target_minutes,
                        incident.resolved_on_time,
                    ),
                ),
                (
                    "关联",
                    f"由 #{incident.reopened_from} 重新打开" if incident.reopened_from else "—",
                ),
            ],
            key_width=28 * mm,
        )
    )
    story.append(paragraph("问题描述", s.subheading))
    story.append(paragraph(incident.description or "（无）", s.body))
    story.append(paragraph("处理结果", s.subheading))
    story.append(paragraph(incident.resolution or "（尚未解决）", s.body))
    story.append(paragraph("处理过程", s.heading))
    rows = [
        [
            format_site_time(e.at, zone),
            ACTION_LABELS.get(e.kind, (e.kind,))[0],
            e.author_name,
            STATUS_LABELS[e.to_status][0] if e.to_status else "",
            e.body,
        ]
        for e in timeline
    ]
    story.append(
        data_table(
            ["时间", "事项", "人员", "状态", "内容"],
            rows,
            col_widths=[30 * mm, 22 * mm, 20 * mm, 16 * mm, None],
        )
    )
    if attachments:
        table = data_table(
            ["文件名", "类型", "大小", "SHA-256"],
            [[a.filename, a.mime_type, f"{a.size:,} 字节", a.sha256] for a in attachments],
            col_widths=[40 * mm, 28 * mm, 24 * mm, None],
        )
        story.append(KeepTogether([paragraph("附件", s.heading), table]))
    # The signature block is one unit: never 日期 alone at the head of the next page.
    signatures = key_value_table(
        [("处理人签字", ""), ("值班长审核", ""), ("日期", "")], key_width=28 * mm
    )
    signatures.setStyle(
        [("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    )
    story.append(KeepTogether([Spacer(1, 10 * mm), signatures]))
    return titled_pdf(info, story, out, progress=progress)
