"""Dashboard charts with Qt Charts.

Why Qt Charts although it is deprecated since Qt 6.10: in PySide6 6.12 the 2D charts of its
successor, Qt Graphs, exist only as Qt Quick items (GraphsView in QML); QtGraphsWidgets
offers 3D items only. Qt Quick needs a GPU (RHI) back end that older duty-room PCs and the
offscreen test platform cannot guarantee, while Qt Charts renders through the Graphics View
framework in software. Every chart is built here, so moving to Qt Graphs later is this file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from dutydesk.kpi.series import DailyCounts, TrendPoint

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a2a", "#b23a48")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart, parent: QWidget | None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    view.setMinimumWidth(320)
    return view


def _value_axis(maximum: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(1.0, maximum * 1.1))
    axis.setTickCount(5)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")
    return axis


def incidents_per_day_chart(
    data: DailyCounts, title: str, parent: QWidget | None = None
) -> QChartView:
    chart = _chart(title)
    series = QStackedBarSeries()
    for index, severity in enumerate(data.severities):
        bar_set = QBarSet(severity.name)
        bar_set.setColor(QColor(severity.colour))
        for day_counts in data.counts:
            bar_set.append(day_counts[index])
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([f"{d.day}" for d in data.days])
    if len(data.days) > 16:
        # A month of day numbers does not fit under the bars; the axis title gives the span.
        categories.setLabelsVisible(False)
        categories.setTitleText(f"{data.days[0]:%m-%d} – {data.days[-1]:%m-%d}")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    values = _value_axis(max((sum(day) for day in data.counts), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return _view(chart, parent)


def trend_chart(
    points: Sequence[TrendPoint],
    series_labels: Sequence[tuple[str, str]],
    title: str,
    parent: QWidget | None = None,
) -> QChartView:
    """One line per KPI over consecutive periods; a period without a value leaves a gap."""
    chart = _chart(title)
    periods = QCategoryAxis()
    periods.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for position, point in enumerate(points):
        periods.append(point.period.short_label(), position)
    periods.setRange(-0.5, len(points) - 0.5)
    chart.addAxis(periods, Qt.AlignmentFlag.AlignBottom)
    highest = max((p.values.get(code) or 0 for p in points for code, _ in series_labels), default=0)
    values = _value_axis(highest)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    for index, (code, label) in enumerate(series_labels):
        line = QLineSeries()
        line.setName(label)
        line.setColor(QColor(PALETTE[index % len(PALETTE)]))
        line.setPointsVisible(True)
        for position, point in enumerate(points):
            value = point.values.get(code)
            if value is not None:
                line.append(QPointF(position, value))
        chart.addSeries(line)
        line.attachAxis(periods)
        line.attachAxis(values)
    return _view(chart, parent)


def horizontal_bar_chart(
    pairs: Sequence[tuple[str, float]],
    title: str,
    colour: str = PALETTE[0],
    parent: QWidget | None = None,
) -> QChartView:
    chart = _chart(title)
    chart.legend().setVisible(False)
    bar_set = QBarSet(title)
    bar_set.setColor(QColor(colour))
    ordered = list(reversed(pairs))
    for _, value in ordered:
        bar_set.append(value)
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _ in ordered])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = _value_axis(max((v for _, v in pairs), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return _view(chart, parent)
