"""The cycle review report (周期评估报告): plan, KPIs against targets, actions, decisions,
common-problem analysis and signatures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dutydesk.clock import format_site_time
from dutydesk.improvement.cycles import (
    CYCLE_KINDS,
    CYCLE_STATUSES,
    DIRECTIONS,
    Cycle,
    KpiComparison,
)
from dutydesk.improvement.feedback import CATEGORIES
from dutydesk.improvement.meetings import MEETING_KINDS
from dutydesk.improvement.problems import ACTION_KINDS, ACTION_STATUSES, PROBLEM_STATUSES
from dutydesk.store.signing import MEANINGS, Signature, content_hash, mismatch_warnings
from reports.document import (
    ACCENT,
    MUTED,
    DocumentInfo,
    ProgressCallback,
    contents_heading,
    data_table,
    key_value_table,
    paragraph,
    styles,
    table_or_note,
    titled_pdf,
)
from reports.fonts import FONT

if TYPE_CHECKING:
    from dutydesk.desk import Desk

MISSING = "未录入"
CATEGORY_COLOURS = {
    "process": colors.HexColor("#1f5f8b"),
    "technical": colors.HexColor("#e07b39"),
    "people": colors.HexColor("#3d9970"),
}


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return MISSING
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit and unit != "%" else (f"{text}%" if unit == "%" else text)


def _met(value: bool | None) -> str:
    return {True: "达标", False: "未达标", None: "无数据"}[value]


def _achievement(row: KpiComparison, value: float | None) -> float | None:
    """Per cent of target reached (100 = exactly on target), so KPIs share one axis."""
    if value is None or row.target == 0:
        return None
    if row.direction == "at_least":
        return 100.0 * value / row.target
    return 100.0 * row.target / value if value else None


def kpi_chart(rows: list[KpiComparison], width: float = 170 * mm) -> Drawing:
    """Achievement against target per KPI, this cycle and the previous one; 100% = target."""
    height = max(45 * mm, 20 * mm + len(rows) * 14 * mm)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 48 * mm, 8 * mm
    chart.width, chart.height = width - 62 * mm, height - 18 * mm
    labels = [r.label for r in rows][::-1]
    current = [_achievement(r, r.actual) for r in rows][::-1]
    previous = [_achievement(r, r.previous) for r in rows][::-1]
    chart.data = [[v if v is not None else 0 for v in previous], [v or 0 for v in current]]
    top = max([100.0] + [v for v in current + previous if v is not None])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = min(200.0, top * 1.1)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = colors.HexColor("#b8c4ce")
    chart.bars[1].fillColor = ACCENT
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = lambda v: f"{v:.0f}%" if v else ""
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    scale = chart.width / chart.valueAxis.valueMax
    x100 = chart.x + 100 * scale
    drawing.add(
        Line(x100, chart.y, x100, chart.y + chart.height, strokeColor=colors.red, strokeWidth=0.8)
    )
    drawing.add(String(x100 + 2, chart.y + chart.height + 2, "目标", fontName=FONT, fontSize=7))
    # A missing value is drawn as no bar and named, never as a zero.
    step = chart.height / len(labels)
    for index, now in enumerate(current):
        if now is None:
            y = chart.y + step * index + step / 2 - 3
            drawing.add(
                String(chart.x + 3, y, "本期未录入", fontName=FONT, fontSize=7.5, fillColor=MUTED)
            )
    drawing.add(_legend(chart.x, height - 2, [(chart.bars[0].fillColor, "上期"), (ACCENT, "本期")]))
    return drawing


def _legend(x: float, y: float, pairs: list[tuple[Any, str]]) -> Legend:
    """A one-row legend whose top edge is at ``y`` (keeps it inside the drawing)."""
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = FONT
    legend.fontSize = 7.5
    legend.columnMaximum = 1
    legend.deltax = 22 * mm
    legend.dx = legend.dy = 7
    legend.alignment = "right"
    legend.colorNamePairs = pairs
    return legend


def category_chart(totals: dict[str, dict[str, int]], width: float = 170 * mm) -> Drawing:
    """Feedback and problems per month, stacked by category."""
    height = 60 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 40 * mm, height - 20 * mm
    months = sorted(totals)
    chart.data = [[totals[m][c] for m in months] for c in CATEGORIES]
    chart.categoryAxis.categoryNames = months
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.valueMin = 0
    for index, category in enumerate(CATEGORIES):
        chart.bars[index].fillColor = CATEGORY_COLOURS[category]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 24 * mm, height - 12 * mm
    legend.fontName = FONT
    legend.fontSize = 8
    legend.colorNamePairs = [(CATEGORY_COLOURS[c], CATEGORIES[c][0]) for c in CATEGORIES]
    drawing.add(legend)
    return drawing


def build_cycle_report(
    desk: Desk,
    cycle_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    cycle = desk.cycles.cycle(cycle_id)
    zone = desk.settings.site_zone()
    s = styles()
    signatures = desk.cycles.signatures(cycle_id)
    record_hash = content_hash(desk.db, "improvement_cycles", cycle_id) if signatures else None
    info = DocumentInfo(
        title="周期评估报告",
        document_id=f"CYCLE-{cycle.id:04d}",
        site_name=desk.settings.get("site_name"),
        generated_at=format_site_time(desk.now_iso(), zone),
        record_hash=record_hash,
        warnings=mismatch_warnings(
            desk.db, "improvement_cycles", cycle_id, f"改进周期报告《{cycle.title}》"
        ),
        subject=cycle.title,
    )
    start, end = date.fromisoformat(cycle.start_date), date.fromisoformat(cycle.end_date)
    previous = desk.cycles.cycle(cycle.previous_id) if cycle.previous_id else None
    story: list[Flowable] = [paragraph(cycle.title, s.subheading)]

    story += _plan_section(desk, cycle, previous)
    story += _kpi_section(desk, cycle, previous)
    story += _actions_section(desk, cycle)
    if progress:
        progress(1, 4)
    story += _meetings_section(desk, cycle, start, end)
    story += _analysis_section(desk, start, end)
    if progress:
        progress(2, 4)
    story += _conclusion_section(cycle)
    story += _signature_section(desk, signatures)
    return titled_pdf(info, story, out, progress=progress)


def _plan_section(desk: Desk, cycle: Cycle, previous: Cycle | None) -> list[Flowable]:
    """The plan: period, status, goals and KPI targets."""
    s = styles()
    story: list[Flowable] = []
    story.append(contents_heading("一、周期计划"))
    story.append(
        key_value_table(
            [
                ("周期", f"{CYCLE_KINDS[cycle.kind][0]}　{cycle.start_date} 至 {cycle.end_date}"),
                ("状态", CYCLE_STATUSES[cycle.status][0] + ("（已锁定）" if cycle.locked else "")),
                ("上一周期", previous.title if previous else "无"),
                ("目标", "\n".join(f"{i}. {g}" for i, g in enumerate(cycle.goals, 1)) or "无"),
            ]
        )
    )
    if cycle.targets:
        story.append(paragraph("指标目标", s.subheading))
        story.append(
            data_table(
                ["指标", "目标", "方向"],
                [
                    [t.label, _number(t.target, t.unit), DIRECTIONS[t.direction][0]]
                    for t in cycle.targets
                ],
                col_widths=[90 * mm, 45 * mm, 39 * mm],
            )
        )
    return story


def _kpi_section(desk: Desk, cycle: Cycle, previous: Cycle | None) -> list[Flowable]:
    """The KPIs against their targets, from the frozen snapshot."""
    s = styles()
    story: list[Flowable] = []
    story.append(contents_heading("二、指标完成情况"))
    zone = desk.settings.site_zone()
    rows = desk.cycles.comparison(cycle.id)
    if cycle.kpi_snapshot is None:
        story.append(paragraph("本周期尚未评估，指标快照未冻结。", s.body))
    elif rows:
        story.append(
            paragraph(
                f"指标快照冻结于 {format_site_time(cycle.evaluated_at, zone)}（评估人 "
                f"{cycle.evaluator_name or ''}）。缺失的数值显示为“{MISSING}”，不按零计。",
                s.small,
            )
        )
        story.append(
            data_table(
                ["指标", "目标", "本期", "结果", "上期", "变化"],
                [
                    [
                        r.label,
                        f"{DIRECTIONS[r.direction][0]} {_number(r.target, r.unit)}",
                        _number(r.actual, r.unit),
                        _met(r.met),
                        _number(r.previous, r.unit) if previous else "无上期",
                        "—" if r.change is None else f"{r.change:+.2f}".rstrip("0").rstrip("."),
                    ]
                    for r in rows
                ],
                col_widths=[48 * mm, 30 * mm, 24 * mm, 20 * mm, 26 * mm, 26 * mm],
            )
        )
        story.append(Spacer(1, 3 * mm))
        story.append(
            KeepTogether([paragraph("达成率（目标 = 100%）", s.subheading), kpi_chart(rows)])
        )
    else:
        story.append(paragraph("本周期未设定指标目标。", s.body))
    return story


def _actions_section(desk: Desk, cycle: Cycle) -> list[Flowable]:
    """The corrective actions, frozen at evaluation or as they stand."""
    s = styles()
    story: list[Flowable] = []
    story.append(contents_heading("三、整改措施"))
    actions: list[dict[str, Any]]
    if cycle.actions_snapshot is not None:
        actions = list(cycle.actions_snapshot)
        story.append(paragraph("以下为评估时冻结的措施状态。", s.small))
    else:
        actions = [
            {
                "id": a.id,
                "kind": a.kind,
                "title": a.title,
                "owner": a.owner_name,
                "due_on": a.due_on,
                "done_on": a.done_on,
                "status": a.status,
                "verifier": a.verifier_name,
            }
            for a in desk.improvement.actions(cycle_id=cycle.id)
        ]
    if actions:
        counts: dict[str, int] = {}
        for a in actions:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        story.append(
            paragraph(
                "　".join(f"{ACTION_STATUSES[k][0]} {v} 项" for k, v in counts.items()), s.body
            )
        )
        story.append(
            data_table(
                ["编号", "类型", "措施", "负责人", "期限", "完成", "状态", "验证人"],
                [
                    [
                        a["id"],
                        ACTION_KINDS[a["kind"]][0],
                        a["title"],
                        a["owner"],
                        a["due_on"],
                        a["done_on"] or "",
                        ACTION_STATUSES[a["status"]][0],
                        a.get("verifier") or "",
                    ]
                    for a in actions
                ],
                col_widths=[
                    12 * mm,
                    12 * mm,
                    52 * mm,
                    18 * mm,
                    21 * mm,
                    21 * mm,
                    17 * mm,
                    21 * mm,
                ],
            )
        )
    else:
        story.append(paragraph("本周期没有关联的整改措施。", s.body))
    return story


def _meetings_section(desk: Desk, cycle: Cycle, start: date, end: date) -> list[Flowable]:
    """Meetings in the period and their decisions."""
    meetings = [
        m for m in desk.meetings.meetings(start=start, end=end) if m.cycle_id in (None, cycle.id)
    ]
    return [
        contents_heading("四、会议与决议"),
        table_or_note(
            ["日期", "会议", "参会", "决议"],
            [
                [
                    m.held_on,
                    f"{MEETING_KINDS[m.kind][0]}：{m.title}",
                    "、".join(name for _id, name in m.attendees),
                    "\n".join(
                        f"{d.position}. {d.text}"
                        + (f"（转措施 {d.action_id}）" if d.action_id else "")
                        for d in m.decisions
                    )
                    or "无",
                ]
                for m in meetings
            ],
            "周期内没有会议记录。",
            col_widths=[22 * mm, 42 * mm, 40 * mm, 70 * mm],
        ),
    ]


def _analysis_section(desk: Desk, start: date, end: date) -> list[Flowable]:
    """Feedback themes, incident categories and recurring problems."""
    s = styles()
    story: list[Flowable] = []
    story.append(contents_heading("五、常见问题分析"))
    analysis = desk.improvement_analysis
    totals = analysis.category_totals(start, end)
    if totals:
        story.append(
            KeepTogether(
                [paragraph("每月反馈与问题数量（按类别）", s.subheading), category_chart(totals)]
            )
        )
    themes = analysis.feedback_themes(start, end)
    incidents = analysis.incident_categories(start, end)
    if themes or incidents:
        story.append(
            data_table(
                ["反馈主题", "次数", "事件类别", "次数"],
                [
                    [
                        themes[i].label if i < len(themes) else "",
                        themes[i].count if i < len(themes) else "",
                        incidents[i].label if i < len(incidents) else "",
                        incidents[i].count if i < len(incidents) else "",
                    ]
                    for i in range(max(len(themes), len(incidents)))
                ],
                col_widths=[60 * mm, 27 * mm, 60 * mm, 27 * mm],
            )
        )
    recurring = analysis.recurring_problems(start, end)
    story.append(paragraph("重复发生的问题", s.subheading))
    if recurring:
        story.append(
            data_table(
                ["编号", "问题", "类别", "周期内发生", "累计重开", "当前状态"],
                [
                    [
                        r.problem.id,
                        r.problem.title,
                        CATEGORIES[r.problem.category][0]
                        + (f"/{r.problem.subcategory}" if r.problem.subcategory else ""),
                        r.occurrences,
                        r.problem.reopen_count,
                        PROBLEM_STATUSES[r.problem.status][0],
                    ]
                    for r in recurring
                ],
                col_widths=[12 * mm, 66 * mm, 34 * mm, 20 * mm, 20 * mm, 22 * mm],
            )
        )
        # The chart carries its own caption and stays with it, wherever the table ends.
        story.append(
            KeepTogether(
                [
                    paragraph("重复发生的问题：周期内发生与累计重开次数", s.subheading),
                    recurring_chart(
                        [
                            (r.problem.title, r.occurrences, r.problem.reopen_count)
                            for r in recurring
                        ]
                    ),
                ]
            )
        )
    else:
        story.append(paragraph("没有重复发生的问题。", s.body))
    return story


def _conclusion_section(cycle: Cycle) -> list[Flowable]:
    """The evaluation's conclusions and adjustments."""
    story: list[Flowable] = []
    story.append(contents_heading("六、评估结论与调整"))
    story.append(
        key_value_table(
            [
                ("结论", cycle.conclusions or "尚未评估"),
                ("调整", cycle.adjustments or "无"),
            ]
        )
    )
    return story


def _signature_section(desk: Desk, signatures: list[Signature]) -> list[Flowable]:
    """Who approved the cycle, with the signed content's hash."""
    zone = desk.settings.site_zone()
    return [
        contents_heading("七、签名"),
        table_or_note(
            ["签名人", "含义", "时间", "内容哈希 SHA-256"],
            [
                [
                    desk.people.get(sig.person_id).name,
                    MEANINGS[sig.meaning][0],
                    format_site_time(sig.signed_at, zone),
                    sig.content_hash,
                ]
                for sig in signatures
            ],
            "本周期尚未批准签名。",
            col_widths=[24 * mm, 16 * mm, 32 * mm, 102 * mm],
        ),
    ]


def recurring_chart(
    rows: list[tuple[str, int, int]], width: float = 170 * mm, limit: int = 8
) -> Drawing:
    """Occurrences and reopenings of the most recurring problems."""
    rows = rows[:limit]
    height = 18 * mm + len(rows) * 9 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 62 * mm, 8 * mm
    chart.width, chart.height = width - 75 * mm, height - 16 * mm
    chart.data = [[r[1] for r in rows][::-1], [r[2] for r in rows][::-1]]
    chart.categoryAxis.categoryNames = [
        (t if len(t) <= 16 else t[:15] + "…") for t, _o, _r in rows
    ][::-1]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = FONT
    chart.bars[0].fillColor = ACCENT
    chart.bars[1].fillColor = colors.HexColor("#c0392b")
    drawing.add(chart)
    drawing.add(
        _legend(
            chart.x, height - 1, [(ACCENT, "周期内发生"), (colors.HexColor("#c0392b"), "累计重开")]
        )
    )
    return drawing
