"""The handover sheet (交接班记录): items and values, open items, incidents, signatures.

Every page carries the record's content hash, the same sha256 both signatures cover.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dutydesk.clock import format_site_time
from dutydesk.desk import Desk
from dutydesk.handover.records import (
    OPEN_ITEM_STATUS,
    HandoverRecord,
    ItemValue,
    age_text,
)
from dutydesk.handover.templates import CHECK_YES
from dutydesk.incidents.service import STATUS_LABELS
from dutydesk.store.signing import mismatch_warnings
from reports.document import (
    DocumentInfo,
    build_pdf,
    data_table,
    key_value_table,
    paragraph,
    styles,
    title_block,
)

TITLE = "交接班记录"
WARN = colors.HexColor("#b42318")
INCIDENT_STATUS = {code: labels[0] for code, labels in STATUS_LABELS.items()}


def document_id(handover_id: int) -> str:
    return f"HO-{handover_id:06d}"


def _local(text: str | None, zone: ZoneInfo) -> str:
    return format_site_time(text, zone, empty="—")


def _value_text(value: ItemValue) -> str:
    if not value.filled:
        return "（未填）"
    if value.item.kind == "check":
        return "是 ✓" if value.value == CHECK_YES else "否 ✗"
    if value.item.kind == "number" and value.item.unit:
        return f"{value.value} {value.item.unit}"
    return str(value.value)


def _duration_text(seconds: int) -> str:
    minutes = seconds // 60
    hours, mins = divmod(minutes, 60)
    return f"{hours} 小时 {mins} 分" if hours else f"{mins} 分钟"


def handover_story(
    record: HandoverRecord, *, zone: ZoneInfo, severity_names: Mapping[str, str] | None = None
) -> list[Flowable]:
    s = styles()
    names = dict(severity_names or {})

    def severity(code: str) -> str:
        return names.get(code, code)

    story: list[Flowable] = []
    out_sig, in_sig = record.signature("handover_out"), record.signature("handover_in")
    header = [
        ("记录编号", f"{document_id(record.id)}（第 {record.id} 号）"),
        ("值班日期", record.shift_date),
        (
            "交班",
            f"班次 {record.outgoing_shift_code} · {record.outgoing.name}"
            f"（工号 {record.outgoing.employee_no}）",
        ),
        (
            "接班",
            f"班次 {record.incoming_shift_code} · {record.incoming.name}"
            f"（工号 {record.incoming.employee_no}）",
        ),
        ("交接时间点", _local(record.shift_boundary_at, zone)),
        (
            "交班班次时段",
            f"{_local(record.period_start_at, zone)} 至 {_local(record.shift_boundary_at, zone)}",
        ),
        ("开始交接", _local(record.started_at, zone)),
        ("状态", record.status_label),
        ("检查表", f"{record.template_name}（第 {record.template_version} 版）"),
    ]
    if record.process_version:
        header.append(("流程版本", record.process_version))
    if record.resubmission_of:
        header.append(("前次提交", f"{document_id(record.resubmission_of)}（被退回后重新提交）"))
    if record.status == "rejected":
        who = record.rejected_by.name if record.rejected_by else "—"
        header.append(
            ("退回", f"{who} 于 {_local(record.rejected_at, zone)} 退回：{record.reject_reason}")
        )
        if record.resubmitted_as:
            header.append(("重新提交为", document_id(record.resubmitted_as)))
    story.append(key_value_table(header, key_width=32 * mm))

    story.append(paragraph("一、检查项", s.heading))
    flagged = len(record.flagged)
    missing = len(record.missing)
    story.append(
        paragraph(
            f"共 {len(record.items)} 项，其中必填 {sum(v.item.mandatory for v in record.items)} 项"
            f"（带 * 号）；异常 {flagged} 项；未填必填项 {missing} 项。",
            s.small,
        )
    )
    number = 0
    for title, values in record.sections:
        rows: list[list[str]] = []
        warn_rows: list[int] = []
        for value in values:
            number += 1
            result = _value_text(value)
            if value.flagged:
                result += "  【异常】"
                warn_rows.append(len(rows) + 1)
            rows.append(
                [
                    str(number),
                    ("* " if value.item.mandatory else "") + value.item.label,
                    result,
                    value.item.range_text or "—",
                    value.note or "",
                ]
            )
        table = data_table(
            ["序号", "检查项", "结果", "正常范围", "备注"],
            rows,
            col_widths=[11 * mm, 62 * mm, 36 * mm, 26 * mm, 39 * mm],
        )
        for row_index in warn_rows:
            table.setStyle([("TEXTCOLOR", (2, row_index), (2, row_index), WARN)])
            table.setStyle(
                [("BACKGROUND", (2, row_index), (2, row_index), colors.HexColor("#fdecea"))]
            )
        story.append(KeepTogether([paragraph(title, s.subheading), table]))
    if record.remarks:
        story.append(paragraph("备注", s.subheading))
        story.append(paragraph(record.remarks, s.body))

    story.append(paragraph("二、遗留问题", s.heading))
    if record.carried:
        open_count = sum(c.status == "open" for c in record.carried)
        story.append(
            paragraph(
                f"移交 {open_count} 项未解决；本班已解决 {len(record.carried) - open_count} 项。",
                s.small,
            )
        )
        story.append(
            data_table(
                ["编号", "问题", "提出", "已持续", "状态", "处理情况"],
                [
                    [
                        f"#{c.open_item_id}",
                        c.title
                        + (f"\n{c.detail}" if c.detail else "")
                        + (f"\n关联事件 #{c.incident_id}" if c.incident_id else ""),
                        f"{c.created_by_name}\n{_local(c.created_at, zone)}",
                        age_text(c.age_minutes),
                        OPEN_ITEM_STATUS[c.status][0],
                        (
                            f"{c.resolved_by_name} {_local(c.resolved_at, zone)}：{c.resolution}"
                            if c.status == "resolved"
                            else "继续移交"
                        ),
                    ]
                    for c in record.carried
                ],
                col_widths=[13 * mm, 52 * mm, 30 * mm, 22 * mm, 15 * mm, 42 * mm],
            )
        )
    else:
        story.append(paragraph("无遗留问题。", s.body))

    story.append(paragraph("三、本班事件概况", s.heading))
    summary = record.incident_summary
    if not summary.available:
        story.append(paragraph("未连接事件记录，本次交接不含事件统计。", s.body))
    else:
        by_status = "，".join(
            f"{INCIDENT_STATUS.get(k, k)} {v} 起" for k, v in summary.by_status.items()
        )
        by_severity = "，".join(f"{severity(k)} {v} 起" for k, v in summary.by_severity.items())
        story.append(
            key_value_table(
                [
                    ("事件总数", f"{summary.total} 起"),
                    ("按状态", by_status or "—"),
                    ("按级别", by_severity or "—"),
                ],
                key_width=32 * mm,
            )
        )
        if summary.open_incidents:
            story.append(paragraph("未结事件", s.subheading))
            story.append(
                data_table(
                    ["编号", "事件", "级别", "状态", "接报时间"],
                    [
                        [
                            f"#{i.id}",
                            i.title,
                            severity(i.severity),
                            INCIDENT_STATUS.get(i.status, i.status),
                            _local(i.reported_at, zone),
                        ]
                        for i in summary.open_incidents
                    ],
                    col_widths=[15 * mm, 75 * mm, 20 * mm, 20 * mm, 44 * mm],
                )
            )

    signatures: list[Flowable] = [paragraph("四、签名", s.heading)]
    sig_rows = []
    for meaning, label, person in (
        ("handover_out", "交班确认", record.outgoing),
        ("handover_in", "接班确认", record.incoming),
    ):
        sig = out_sig if meaning == "handover_out" else in_sig
        if sig is None:
            sig_rows.append([label, f"{person.name}（未签名）", "—", "—"])
            continue
        name = f"{sig.person.name}（工号 {sig.person.employee_no}）"
        if sig.on_behalf_of is not None:
            name += f"\n代 {sig.on_behalf_of.name} 签名"
        sig_rows.append([sig.meaning_zh, name, _local(sig.signed_at, zone), sig.content_hash])
    signatures.append(
        data_table(
            ["签名含义", "签名人", "签名时间", "所签内容 SHA-256"],
            sig_rows,
            col_widths=[22 * mm, 40 * mm, 30 * mm, 82 * mm],
            zebra=False,
        )
    )
    if record.figures is not None:
        f = record.figures
        signatures.append(Spacer(1, 2 * mm))
        signatures.append(
            key_value_table(
                [
                    ("交接用时", _duration_text(f.duration_seconds)),
                    ("是否准时", f.timing_text()),
                    (
                        "完整度",
                        f"{f.completeness:.0%}（必填 {f.mandatory_filled}/{f.mandatory_total}，"
                        f"签名 {f.signatures_present}/2）",
                    ),
                    ("锁定时间", _local(record.locked_at, zone)),
                ],
                key_width=32 * mm,
            )
        )
    story.append(KeepTogether(signatures))

    story.append(paragraph("五、更正记录", s.heading))
    if record.amendments:
        story.append(
            paragraph("以下更正在记录锁定后提出，原记录保持不变。", s.small),
        )
        story.append(
            data_table(
                ["序号", "更正人", "时间", "更正对象", "更正内容", "原因"],
                [
                    [
                        str(index),
                        a.author.name,
                        _local(a.created_at, zone),
                        a.subject,
                        a.correction,
                        a.reason,
                    ]
                    for index, a in enumerate(record.amendments, start=1)
                ],
                col_widths=[11 * mm, 20 * mm, 28 * mm, 35 * mm, 45 * mm, 35 * mm],
            )
        )
    else:
        story.append(paragraph("无更正。", s.body))
    return story


def build_handover_sheet(
    desk: Desk,
    handover_id: int,
    out: Path | str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The 交接班记录 PDF of one handover; signed records carry their content hash."""
    record = desk.handover.get(handover_id)
    zone = desk.settings.site_zone()
    moment = generated_at or desk.clock()
    signed = record.status != "draft"
    info = DocumentInfo(
        title=TITLE,
        document_id=document_id(record.id),
        site_name=desk.settings.get("site_name"),
        generated_at=format_site_time(moment, zone),
        record_hash=desk.handover.content_hash(record.id) if signed else None,
        warnings=mismatch_warnings(
            desk.db,
            "handover",
            record.id,
            f"交接班记录 {record.shift_date} {record.outgoing_shift_code}"
            f"（{document_id(record.id)}）",
        ),
        subject=f"{record.shift_date} {record.outgoing_shift_code}→{record.incoming_shift_code}",
    )
    story = title_block(info) + handover_story(
        record, zone=zone, severity_names=desk.handover.severity_names()
    )
    if not signed:
        story.insert(
            1,
            paragraph("草稿：尚未签名，内容可能变化。", styles().subheading),
        )
    return build_pdf(info, story, out, progress=progress)
