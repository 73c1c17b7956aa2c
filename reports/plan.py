"""The implementation plan (实施计划) as PDF: a Gantt-style timeline drawn with
reportlab.graphics, the task and milestone lists and the risk register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dutydesk.clock import format_site_time
from dutydesk.training.plan_resources import (
    RESOURCE_KINDS,
    ApprovalState,
    PlanVersion,
    Resource,
    Totals,
)
from dutydesk.training.plans import RISK_LEVELS, RISK_STATUSES, TASK_STATUSES, Plan, Task
from reports.charts import _fit
from reports.document import (
    ACCENT,
    INK,
    MUTED,
    RULE,
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
from reports.fonts import FONT, register_fonts

if TYPE_CHECKING:
    from dutydesk.desk import Desk

TITLE = "实施计划"
ALERT = colors.HexColor("#c0392b")
DONE = colors.HexColor("#7b8794")
ROWS_PER_CHART = 22
_STATUS_FILL = {
    "todo": colors.HexColor("#9fb3c8"),
    "in_progress": ACCENT,
    "blocked": colors.HexColor("#d9822b"),
    "done": DONE,
    "cancelled": colors.HexColor("#d9e2ec"),
}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _span(plan: Plan) -> tuple[date, date]:
    days = [_day(plan.today)]
    days += [_day(t.start_on) for t in plan.tasks] + [_day(t.due_on) for t in plan.tasks]
    days += [_day(m.due_on) for m in plan.milestones]
    first, last = min(days), max(days)
    first = first.replace(day=1)
    last = (last.replace(day=28) + timedelta(days=4)).replace(day=1)  # first of next month
    return first, last


def _months(first: date, last: date) -> list[date]:
    out, current = [], first
    while current < last:
        out.append(current)
        current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def gantt(
    plan: Plan, rows: Sequence[tuple[str, object]], *, width: float, span: tuple[date, date]
) -> Drawing:
    """One timeline chart: ``rows`` are ("milestone", Milestone) or ("task", Task)."""
    register_fonts()
    label_width: float = 62 * mm
    row_height, top = 13.0, 18.0
    first, last = span
    total_days = max((last - first).days, 1)
    chart_width = width - label_width
    foot = 12.0
    height = top + row_height * len(rows) + foot
    drawing = Drawing(width, height)
    today = _day(plan.today)

    def x_of(day: date) -> float:
        return label_width + chart_width * (day - first).days / total_days

    for month in _months(first, last):
        x = x_of(month)
        drawing.add(Line(x, foot, x, height - top + 4, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            String(
                x + 2,
                height - 11,
                month.strftime("%Y-%m"),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
            )
        )
    for index, (kind, item) in enumerate(rows):
        y = height - top - (index + 1) * row_height
        if index % 2 == 0:
            drawing.add(
                Rect(
                    0, y, width, row_height, fillColor=colors.HexColor("#f5f7fa"), strokeColor=None
                )
            )
        if kind == "milestone":
            label = f"◆ {item.title}"  # type: ignore[attr-defined]
            due = _day(item.due_on)  # type: ignore[attr-defined]
            late = item.done_on is None and due < today  # type: ignore[attr-defined]
            fill = DONE if item.done_on else (ALERT if late else colors.HexColor("#e8a33d"))  # type: ignore[attr-defined]
            cx, cy, r = x_of(due), y + row_height / 2, 5
            drawing.add(
                Polygon(
                    [cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy],
                    fillColor=fill,
                    strokeColor=None,
                )
            )
            color = ALERT if late else INK
        else:
            task: Task = item  # type: ignore[assignment]
            overdue = task.is_overdue(today)
            label = f"{'！' if overdue else ''}{task.title}"
            x0 = x_of(_day(task.start_on))
            x1 = x_of(_day(task.due_on) + timedelta(days=1))
            fill = ALERT if overdue else _STATUS_FILL[task.status]
            drawing.add(
                Rect(x0, y + 3, max(x1 - x0, 1.5), row_height - 6, fillColor=fill, strokeColor=None)
            )
            if task.owner_name:
                drawing.add(
                    String(
                        x1 + 3,
                        y + 3.5,
                        task.owner_name,
                        fontName=FONT,
                        fontSize=6.5,
                        fillColor=MUTED,
                    )
                )
            color = ALERT if overdue else INK
        drawing.add(
            String(
                4,
                y + 3.5,
                _fit(label, 8, label_width - 8),
                fontName=FONT,
                fontSize=8,
                fillColor=color,
            )
        )
    if first <= today <= last:
        x = x_of(today)
        drawing.add(
            Line(
                x,
                foot - 2,
                x,
                height - top + 4,
                strokeColor=ALERT,
                strokeWidth=0.9,
                strokeDashArray=[3, 2],
            )
        )
        drawing.add(
            String(
                x,
                2,
                f"今天 {plan.today}",
                fontName=FONT,
                fontSize=7,
                fillColor=ALERT,
                textAnchor="middle",
            )
        )
    return drawing


def risk_matrix(plan: Plan, *, cell: float = 11 * mm) -> Drawing:
    """5 × 5 likelihood × impact grid with the number of open risks in each cell."""
    register_fonts()
    left, bottom = 16 * mm, 12 * mm
    drawing = Drawing(left + 5 * cell + 4, bottom + 5 * cell + 6)
    counts: dict[tuple[int, int], int] = {}
    for risk in plan.risks:
        if risk.status != "closed":
            counts[(risk.likelihood, risk.impact)] = (
                counts.get((risk.likelihood, risk.impact), 0) + 1
            )
    shades = {"high": "#f4b6ae", "medium": "#fbe3a6", "low": "#d4ecd5"}
    from dutydesk.training.plans import risk_level

    for likelihood in range(1, 6):
        for impact in range(1, 6):
            x, y = left + (impact - 1) * cell, bottom + (likelihood - 1) * cell
            level = risk_level(likelihood * impact)
            drawing.add(
                Rect(
                    x,
                    y,
                    cell,
                    cell,
                    fillColor=colors.HexColor(shades[level]),
                    strokeColor=colors.white,
                )
            )
            count = counts.get((likelihood, impact))
            if count:
                drawing.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - 4,
                        str(count),
                        fontName=FONT,
                        fontSize=11,
                        fillColor=INK,
                        textAnchor="middle",
                    )
                )
    for n in range(1, 6):
        drawing.add(
            String(
                left + (n - 0.5) * cell,
                bottom - 10,
                str(n),
                fontName=FONT,
                fontSize=8,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                left - 6,
                bottom + (n - 0.5) * cell - 3,
                str(n),
                fontName=FONT,
                fontSize=8,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    drawing.add(
        String(
            left + 2.5 * cell,
            0,
            "影响 →",
            fontName=FONT,
            fontSize=8,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    drawing.add(
        String(0, bottom + 5 * cell - 8, "可能性", fontName=FONT, fontSize=8, fillColor=MUTED)
    )
    return drawing


def plan_story(plan: Plan, *, width: float) -> list[Flowable]:
    s = styles()
    alert = ParagraphStyle("alert", parent=s.cell, textColor=ALERT)
    today = _day(plan.today)
    overdue, high = plan.overdue, plan.high_risks
    story: list[Flowable] = [
        key_value_table(
            [
                ("日期", plan.today),
                ("里程碑", str(len(plan.milestones))),
                (
                    "任务",
                    f"{len(plan.tasks)}（已完成 "
                    f"{sum(1 for t in plan.tasks if t.status == 'done')}）",
                ),
                (
                    "逾期任务",
                    f"{len(overdue)}"
                    + ("：" + "、".join(t.title for t in overdue) if overdue else ""),
                ),
                (
                    "高风险",
                    f"{len(high)}" + ("：" + "、".join(r.title for r in high) if high else ""),
                ),
            ],
            key_width=28 * mm,
        )
    ]

    story.append(contents_heading("一、时间线"))
    rows: list[tuple[str, object]] = []
    by_milestone: dict[int | None, list[Task]] = {}
    for task in plan.tasks:
        by_milestone.setdefault(task.milestone_id, []).append(task)
    for milestone in plan.milestones:
        rows += [("task", t) for t in by_milestone.get(milestone.id, [])]
        rows.append(("milestone", milestone))
    rows += [("task", t) for t in by_milestone.get(None, [])]
    if rows:
        span = _span(plan)
        for start in range(0, len(rows), ROWS_PER_CHART):
            story.append(gantt(plan, rows[start : start + ROWS_PER_CHART], width=width, span=span))
            story.append(Spacer(1, 2 * mm))
        story.append(
            paragraph(
                "图例：◆ 里程碑；红色为逾期任务或逾期未完成的里程碑；灰色为已完成；虚线为今天。",
                s.small,
            )
        )
    else:
        story.append(paragraph("计划中还没有任务和里程碑。", s.body))

    story.append(contents_heading("二、任务"))
    titles = {m.id: m.title for m in plan.milestones}
    task_rows = []
    for t in plan.tasks:
        late = t.is_overdue(today)
        status = TASK_STATUSES[t.status][0] + ("（逾期）" if late else "")
        task_rows.append(
            [
                titles.get(t.milestone_id or -1, ""),
                paragraph(t.title, alert if late else s.cell),
                t.owner_name,
                t.start_on,
                t.due_on,
                paragraph(status, alert if late else s.cell),
                t.resources,
            ]
        )
    story.append(
        table_or_note(
            ["里程碑", "任务", "负责人", "开始", "截止", "状态", "所需资源"],
            task_rows,
            "（无任务）",
            col_widths=[40 * mm, 58 * mm, 20 * mm, 22 * mm, 22 * mm, 30 * mm, 49 * mm],
        )
    )
    story.append(contents_heading("三、里程碑"))
    story.append(
        table_or_note(
            ["里程碑", "日期", "完成", "说明"],
            [
                [
                    m.title,
                    m.due_on,
                    m.done_on or ("逾期" if _day(m.due_on) < today else "—"),
                    m.description,
                ]
                for m in plan.milestones
            ],
            "（无里程碑）",
            col_widths=[60 * mm, 24 * mm, 24 * mm, 153 * mm],
        )
    )
    story.append(contents_heading("四、风险登记册"))
    if plan.risks:
        story.append(risk_matrix(plan))
        story.append(Spacer(1, 3 * mm))
        story.append(
            paragraph("可能性 × 影响（各 1–5）；分值 ≥ 15 为高风险，8–14 为中风险。", s.small)
        )
        story.append(Spacer(1, 2 * mm))
        risk_rows = []
        for r in plan.risks:
            style = alert if r.is_high else s.cell
            risk_rows.append(
                [
                    paragraph(r.title, style),
                    r.likelihood,
                    r.impact,
                    paragraph(str(r.score), style),
                    paragraph(RISK_LEVELS[r.level][0], style),
                    r.mitigation,
                    r.owner_name,
                    RISK_STATUSES[r.status][0],
                ]
            )
        story.append(
            data_table(
                ["风险", "可能性", "影响", "分值", "等级", "应对措施", "负责人", "状态"],
                risk_rows,
                col_widths=[
                    50 * mm,
                    14 * mm,
                    12 * mm,
                    12 * mm,
                    12 * mm,
                    103 * mm,
                    20 * mm,
                    18 * mm,
                ],
            )
        )
    else:
        story.append(paragraph("风险登记册为空。", s.body))
    return story


@dataclass(frozen=True)
class PlanBook:
    """Resources, their totals and the approved versions, shown after the plan itself."""

    resources: tuple[Resource, ...]
    totals: Totals
    state: ApprovalState
    versions: tuple[PlanVersion, ...]


def _totals_text(pairs: tuple[tuple[str, float], ...], money: bool = False) -> str:
    if not pairs:
        return "—"
    return "；".join((f"{v:,.2f} {k}" if money else f"{v:g} {k}".strip()) for k, v in pairs)


def resources_story(plan: Plan, book: PlanBook) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [contents_heading("五、资源（人力、物力、财力）")]
    tasks = {t.id: t.title for t in plan.tasks}
    milestones = {m.id: m.title for m in plan.milestones}
    story.append(
        table_or_note(
            ["所属", "类别", "说明", "数量 / 金额"],
            [
                [
                    tasks.get(r.task_id or -1, "")
                    if r.task_id
                    else "◆ " + milestones.get(r.milestone_id or -1, ""),
                    RESOURCE_KINDS[r.kind][0],
                    r.description,
                    r.measure,
                ]
                for r in book.resources
            ],
            "（尚未列出资源）",
            col_widths=[70 * mm, 18 * mm, 125 * mm, 48 * mm],
        )
    )
    story.append(paragraph("合计", s.subheading))
    t = book.totals
    story.append(
        data_table(
            ["类别", "条目", "合计"],
            [
                ["人力", t.counts["people"], _totals_text(t.people)],
                ["物力", t.counts["material"], _totals_text(t.material)],
                ["财力", t.counts["budget"], _totals_text(t.budget, money=True)],
            ],
            col_widths=[30 * mm, 20 * mm, 120 * mm],
        )
    )
    story.append(contents_heading("六、批准与版本"))
    story.append(paragraph(f"状态：{book.state.label_zh}", s.body))
    story.append(
        table_or_note(
            ["版本", "批准人", "含义", "批准时间", "意见", "内容哈希 SHA-256"],
            [
                [
                    f"第 {v.number} 版",
                    v.approver_name,
                    "批准",
                    v.approved_at,
                    v.note or "—",
                    v.content_hash,
                ]
                for v in book.versions
            ],
            "计划尚未经值班长或管理员批准。",
            col_widths=[18 * mm, 22 * mm, 14 * mm, 34 * mm, 70 * mm, 103 * mm],
        )
    )
    return story


def render_plan(
    plan: Plan,
    *,
    site_name: str,
    generated_at: datetime | str,
    zone: ZoneInfo | str,
    out: Path | str | None = None,
    progress: ProgressCallback | None = None,
    book: PlanBook | None = None,
) -> bytes:
    """The implementation plan; the footer's time is printed in the site time ``zone``."""
    info = DocumentInfo(
        title=TITLE,
        document_id=f"PLAN-{plan.today}",
        site_name=site_name,
        generated_at=format_site_time(generated_at, zone),
        landscape=True,
    )
    width = 297 * mm - 36 * mm
    story = plan_story(plan, width=width)
    if book is not None:
        story += resources_story(plan, book)
    return titled_pdf(info, story, out, progress=progress)


def build_plan_report(
    desk: Desk,
    out: Path | str | None = None,
    *,
    today: date | None = None,
    progress: ProgressCallback | None = None,
) -> bytes:
    from dutydesk.clock import parse_iso

    service = desk.training.plan_resources
    versions = tuple(service.versions())
    zone = desk.settings.site_zone()

    def local(iso: str) -> str:
        return parse_iso(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M")

    book = PlanBook(
        resources=tuple(service.resources()),
        totals=service.totals(),
        state=service.state(),
        versions=tuple(replace(v, approved_at=local(v.approved_at)) for v in versions),
    )
    return render_plan(
        desk.training.plan.plan(today=today),
        site_name=desk.settings.get("site_name"),
        generated_at=desk.clock(),
        zone=desk.settings.site_zone(),
        out=out,
        progress=progress,
        book=book,
    )
