"""KPI charts drawn with reportlab.graphics, so any document can embed them."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from dutydesk.kpi.series import DailyCounts, TrendPoint
from reports.document import INK, MUTED
from reports.fonts import FONT, register_fonts

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a2a", "#b23a48", "#7d5ba6", "#c9a227")


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(0, height - 11, text, fontName=FONT, fontSize=10, fillColor=INK))


def _empty(drawing: Drawing, width: float, height: float) -> Drawing:
    drawing.add(
        String(
            width / 2,
            height / 2,
            "本期无数据",
            fontName=FONT,
            fontSize=9,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return drawing


def incidents_per_day(data: DailyCounts, *, width: float = 170 * mm) -> Drawing:
    """Stacked bars: incidents reported per day, one colour per severity."""
    register_fonts()
    height = 62 * mm
    drawing = Drawing(width, height)
    _title(drawing, "每日事件数（按严重程度）", width, height)
    if not data.days or not any(any(day) for day in data.counts):
        return _empty(drawing, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 24, 30
    chart.width, chart.height = width - 120, height - 52
    chart.data = [
        [data.counts[d][s] for d in range(len(data.days))] for s in range(len(data.severities))
    ]
    chart.categoryAxis.style = "stacked"
    # A date axis: about a dozen labelled days (every day for a week or two), so a week,
    # a month and a quarter all read as dates; the caption says how they are written.
    step = max(1, math.ceil(len(data.days) / 12))
    chart.categoryAxis.categoryNames = [
        f"{d:%m-%d}" if index % step == 0 else "" for index, d in enumerate(data.days)
    ]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 0
    drawing.add(
        String(
            chart.x + chart.width / 2,
            6,
            f"日期（月-日，{data.days[0]:%Y-%m-%d} 至 {data.days[-1]:%Y-%m-%d}）",
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 0.5
    for index, severity in enumerate(data.severities):
        chart.bars[index].fillColor = colors.HexColor(severity.colour)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 88, height - 24
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [(colors.HexColor(s.colour), s.name) for s in data.severities]
    drawing.add(legend)
    return drawing


def trend_chart(
    points: Sequence[TrendPoint],
    series: Sequence[tuple[str, str]],
    *,
    title: str,
    width: float = 170 * mm,
) -> Drawing:
    """Lines over consecutive periods; ``series`` is (kpi code, legend label). Gaps stay gaps."""
    register_fonts()
    height = 58 * mm
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    if not any(p.values.get(code) is not None for p in points for code, _ in series):
        return _empty(drawing, width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 26
    chart.width, chart.height = width - 130, height - 46
    chart.data = [[p.values.get(code) for p in points] for code, _ in series]
    chart.categoryAxis.categoryNames = [p.period.short_label() for p in points]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for index in range(len(series)):
        chart.lines[index].strokeColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        chart.lines[index].strokeWidth = 1.6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 92, height - 24
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), label) for i, (_, label) in enumerate(series)
    ]
    drawing.add(legend)
    return drawing


def horizontal_bars(
    pairs: Sequence[tuple[str, float]],
    *,
    title: str,
    width: float = 170 * mm,
    colour: str = "#1f5f8b",
) -> Drawing:
    """Labelled horizontal bars (category breakdown, hours per person)."""
    register_fonts()
    row = 11
    height = max(30 * mm, len(pairs) * row + 36)
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    if not pairs:
        return _empty(drawing, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 90, 16
    chart.width, chart.height = width - 120, height - 36
    chart.data = [[value for _, value in reversed(pairs)]]
    chart.categoryAxis.categoryNames = [label for label, _ in reversed(pairs)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor(colour)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing
