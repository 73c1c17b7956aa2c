"""Blank standard forms for printing: duty record, handover sheet, problem form, feedback form."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dutydesk.handover.templates import Template, TemplateItem
from reports.document import HEADER_FILL, INK, RULE, paragraph, styles

WIDTH = 174 * mm
BOX = "□"
SECTION_FILL = colors.HexColor("#f3f6f9")


def _grid(
    rows: list[list[Any]], widths: list[float], heights: list[float | None] | None = None
) -> Table:
    s = styles()
    body = [[c if isinstance(c, Flowable) else paragraph(c, s.cell) for c in row] for row in rows]
    table = Table(body, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _fields(pairs: list[tuple[str, str]], *, columns: int = 2, height: float = 9 * mm) -> Table:
    """Label cells (shaded) followed by blank writing space, ``columns`` pairs per row."""
    label_w = 24 * mm
    value_w = WIDTH / columns - label_w
    rows: list[list[Any]] = []
    for start in range(0, len(pairs), columns):
        row: list[Any] = []
        for label, value in pairs[start : start + columns]:
            row += [label, value]
        while len(row) < 2 * columns:
            row += ["", ""]
        rows.append(row)
    table = _grid(rows, [label_w, value_w] * columns, [height] * len(rows))
    for column in range(0, 2 * columns, 2):
        table.setStyle(TableStyle([("BACKGROUND", (column, 0), (column, -1), HEADER_FILL)]))
    return table


def _lines_table(header: list[str], widths: list[float], count: int, height: float) -> Table:
    rows = [header] + [[""] * len(header) for _ in range(count)]
    table = _grid(rows, widths, [8 * mm] + [height] * count)
    table.repeatRows = 1
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]))
    return table


def _area(label: str, height: float) -> Table:
    s = styles()
    table = Table(
        [[paragraph(label, s.cell_head)], [""]],
        colWidths=[WIDTH],
        rowHeights=[7 * mm, height],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.3, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ]
        )
    )
    return table


def _signatures(labels: list[str]) -> Table:
    cells = []
    for label in labels:
        cells += [label, ""]
    count = len(labels)
    widths = []
    for _ in range(count):
        widths += [22 * mm, WIDTH / count - 22 * mm]
    table = _grid([cells], widths, [12 * mm])
    for column in range(0, 2 * count, 2):
        table.setStyle(TableStyle([("BACKGROUND", (column, 0), (column, 0), HEADER_FILL)]))
    return table


def _title(text: str, code: str) -> list[Flowable]:
    s = styles()
    return [
        paragraph(text, s.title),
        paragraph(f"表单编号 {code}　　编号：__________　　第 ____ 页", s.small),
        Spacer(1, 3 * mm),
    ]


def duty_record_form() -> list[Flowable]:
    """值班记录: one shift's log, kept at the desk during the shift."""
    story = _title("值班记录", "DD-F01")
    story.append(
        _fields(
            [
                ("日期", ""),
                ("班次", f"{BOX}白班　{BOX}夜班"),
                ("值班长", ""),
                ("值班员", ""),
                ("接班时间", ""),
                ("交班时间", ""),
            ]
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        _lines_table(
            ["时间", "来电/事项内容", "处理情况", "记录人"],
            [20 * mm, 74 * mm, 58 * mm, 22 * mm],
            11,
            9.5 * mm,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        _fields(
            [
                ("设备状态", f"{BOX}正常　{BOX}异常：__________"),
                ("上级指示", ""),
            ],
            columns=1,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(_area("备注", 18 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_signatures(["值班员签字", "值班长签字"]))
    return story


HANDOVER_CHECKS = (
    "通信设备（电话、对讲机、传真）",
    "值班电话录音与未接来电",
    "业务系统登录与告警状态",
    "钥匙、印章与贵重物品",
    "文件资料与待办公文",
    "上级指示与领导批示",
)


def _answer_space(item: TemplateItem) -> str:
    """What the officer ticks or writes for one checklist item, by its kind."""
    if item.kind == "check":
        return f"{BOX}是 {BOX}否"
    if item.kind == "choice" and item.choices:
        return " ".join(f"{BOX}{choice}" for choice in item.choices)
    if item.kind == "number":
        return f"________ {item.unit}".rstrip()
    return ""


def _checklist_table(template: Template | None) -> Table:
    """The checklist of the template in use, section by section; generic items without one."""
    s = styles()
    rows: list[list[Any]] = [["序号", "检查项", "结果", "正常范围", "说明"]]
    commands: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    if template is None or not template.items:
        for number, label in enumerate(HANDOVER_CHECKS, start=1):
            rows.append([str(number), label, f"{BOX}正常 {BOX}异常", "", ""])
    else:
        number = 0
        for section, items in template.sections:
            rows.append([paragraph(section, s.cell_head), "", "", "", ""])
            commands += [
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SECTION_FILL),
            ]
            for item in items:
                number += 1
                label = ("* " if item.mandatory else "") + item.label
                rows.append([str(number), label, _answer_space(item), item.range_text, ""])
    widths = [11 * mm, 63 * mm, 38 * mm, 24 * mm, 38 * mm]
    heights: list[float | None] = [8 * mm, *([None] * (len(rows) - 1))]
    table = _grid(rows, widths, heights)
    table.repeatRows = 1
    table.setStyle(TableStyle(commands))
    return table


def handover_form(template: Template | None = None) -> list[Flowable]:
    """交接班记录: the checklist in use, open items and both officers' signatures."""
    s = styles()
    story = _title("交接班记录", "DD-F02")
    story.append(
        _fields(
            [
                ("日期", ""),
                ("交接时间", ""),
                ("交班班次", ""),
                ("接班班次", ""),
                ("交班人", ""),
                ("接班人", ""),
            ]
        )
    )
    story.append(Spacer(1, 3 * mm))
    if template is not None:
        story.append(
            paragraph(
                f"检查表：{template.name}（{template.scope_label}，第 {template.version} 版）；"
                "* 为必填项。",
                s.small,
            )
        )
    story.append(_checklist_table(template))
    # Open items, remarks and signatures are one block: a long checklist pushes them to
    # the next page together instead of leaving a table row or a signature line alone.
    story.append(
        KeepTogether(
            [
                Spacer(1, 3 * mm),
                _lines_table(
                    ["未闭环事项", "处理进展", "联系人/电话", "时限"],
                    [60 * mm, 56 * mm, 34 * mm, 24 * mm],
                    5,
                    10 * mm,
                ),
                Spacer(1, 3 * mm),
                _area("其他需要说明的事项", 16 * mm),
                Spacer(1, 3 * mm),
                _signatures(["交班人签字", "接班人签字"]),
                Spacer(1, 2 * mm),
                _signatures(["签字时间", "值班长抽查"]),
            ]
        )
    )
    return story


def problem_form() -> list[Flowable]:
    """问题处理单: one incident from report to closure."""
    story = _title("问题处理单", "DD-F03")
    story.append(
        _fields(
            [
                ("接报时间", ""),
                ("登记人", ""),
                ("来源", f"{BOX}电话 {BOX}告警 {BOX}巡查 {BOX}其他"),
                ("事件等级", f"{BOX}一般 {BOX}较大 {BOX}重大"),
                ("报告人", ""),
                ("联系电话", ""),
                ("地点", ""),
                ("类别", ""),
            ]
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(_area("现象描述", 24 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(
        _lines_table(
            ["时间", "联系对象", "处置内容", "结果"],
            [22 * mm, 36 * mm, 76 * mm, 40 * mm],
            6,
            9 * mm,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(_area("处理结果", 16 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_area("原因分析与改进建议", 16 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_fields([("上报时间", ""), ("关闭时间", "")]))
    story.append(Spacer(1, 3 * mm))
    story.append(_signatures(["值班员签字", "值班长签字"]))
    return story


def feedback_form() -> list[Flowable]:
    """意见反馈表: a suggestion or problem with the process, and its follow-up."""
    story = _title("意见反馈表", "DD-F04")
    story.append(
        _fields(
            [
                ("提出人", ""),
                ("日期", ""),
                ("岗位", f"{BOX}值班员 {BOX}值班长 {BOX}其他"),
                ("联系电话", ""),
            ]
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        _fields(
            [
                (
                    "类别",
                    f"{BOX}排班 {BOX}交接班 {BOX}问题处理 {BOX}报告 {BOX}系统工具 "
                    f"{BOX}培训 {BOX}其他",
                )
            ],
            columns=1,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(_area("问题或现状描述", 30 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_area("改进建议", 30 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_area("值班长处理意见", 18 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_area("跟踪结果（措施、责任人、完成时间）", 18 * mm))
    story.append(Spacer(1, 3 * mm))
    story.append(_signatures(["处理人签字", "日期"]))
    return story


FORMS = (
    ("值班记录", duty_record_form),
    ("交接班记录", handover_form),
    ("问题处理单", problem_form),
    ("意见反馈表", feedback_form),
)
