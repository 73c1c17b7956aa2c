"""Dashboard charts with Qt Charts.

Why Qt Charts although it is deprecated since Qt 6.10: in PySide6 6.12 the 2D charts of its
successor, Qt Graphs, exist only as Qt Quick items (GraphsView in QML); QtGraphsWidgets
offers 3D items only. Qt Quick needs a GPU (RHI) back end that older duty-room PCs and the
offscreen test platform cannot guarantee, while Qt Charts renders through the Graphics View
framework in software. Every chart is built here, so moving to Qt Graphs later is this file.

A chart is built when its panel is first painted, that is scrolled into view (on the
dashboard the charts sit below the tiles), and Qt Charts is imported then: a chart costs
memory (the first one about 5 MiB with the library, each further one about 1 MiB) that a
person who never scrolls down does not need. Until then the panel holds a blank of the
chart's minimum size, and its table button works already.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMetaObject, QPointF, Qt, Slot
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutydesk.kpi.series import DailyCounts, TrendPoint
from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView, QValueAxis

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a2a", "#b23a48")
MIN_WIDTH = 320
MIN_HEIGHT = 220
DAILY_MIN_HEIGHT = 260


def bar_chart_height(bars: int) -> int:
    """Room for ``bars`` horizontal bars, about 26 px each, so names never elide."""
    return max(MIN_HEIGHT, 60 + 26 * bars)


def _chart(title: str) -> QChart:
    from PySide6.QtCharts import QChart
    from PySide6.QtCore import QMargins

    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart, parent: QWidget | None) -> QChartView:
    from PySide6.QtCharts import QChartView
    from PySide6.QtGui import QPainter

    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_HEIGHT)
    view.setMinimumWidth(MIN_WIDTH)
    return view


def _value_axis(maximum: float) -> QValueAxis:
    from PySide6.QtCharts import QValueAxis

    axis = QValueAxis()
    axis.setRange(0, max(1.0, maximum * 1.1))
    axis.setTickCount(5)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")
    return axis


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("KpiCharts", …) below."""
    return QCoreApplication.translate("KpiCharts", text)


# Marked here so that lupdate finds them (``_tr`` receives them as variables).
_TEXTS = (
    QT_TRANSLATE_NOOP("KpiCharts", "表格"),
    QT_TRANSLATE_NOOP("KpiCharts", "图表"),
    QT_TRANSLATE_NOOP("KpiCharts", "在图表和数据表之间切换"),
    QT_TRANSLATE_NOOP("KpiCharts", "日期"),
    QT_TRANSLATE_NOOP("KpiCharts", "合计"),
    QT_TRANSLATE_NOOP("KpiCharts", "期间"),
    QT_TRANSLATE_NOOP("KpiCharts", "数值"),
)


class _Blank(QWidget):
    """Stands in for a chart until the chart is first painted (scrolled into view)."""

    def __init__(self, panel: ChartPanel, height: int) -> None:
        super().__init__(panel)
        self.panel = panel
        self.setMinimumSize(MIN_WIDTH, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Not while painting (the panel swaps this widget for the chart), and only if it is
        # still in view once the layout has settled: a panel added with its tiles is
        # painted once where the tiles will be, before the layout moves it down.
        QMetaObject.invokeMethod(self.panel, "build_if_seen", Qt.ConnectionType.QueuedConnection)


class ChartPanel(QWidget):
    """A chart with its numbers one click away: 表格 shows the table, 图表 the chart again.

    ``build`` makes the chart view when the panel is first seen (or ``view`` is read);
    the table is made on the first 表格 click (or when ``table`` is read)."""

    def __init__(
        self,
        build: Callable[[], QChartView],
        title: str,
        min_height: int,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build = build
        self._headers = list(headers)
        self._rows = rows
        self._view: QChartView | None = None
        self._table: QTableWidget | None = None
        self.stack = QStackedWidget(self)
        self.blank = _Blank(self, min_height)
        self.stack.addWidget(self.blank)
        self.title = QLabel(title, self)
        self.toggle = QPushButton(_tr("表格"), self)
        self.toggle.setToolTip(_tr("在图表和数据表之间切换"))
        self.toggle.clicked.connect(self.flip)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    @property
    def view(self) -> QChartView:
        """The chart (made now if it has not been seen yet)."""
        if self._view is None:
            view = self._build()
            view.chart().setTitle("")  # the panel's label shows it
            showing_blank = self.stack.currentWidget() is self.blank
            self.stack.insertWidget(0, view)
            self.stack.removeWidget(self.blank)
            self.blank.deleteLater()
            if showing_blank:
                self.stack.setCurrentWidget(view)
            self._view = view
        return self._view

    @Slot()
    def build_if_seen(self) -> None:
        if self._view is None and not self.blank.visibleRegion().isEmpty():
            self.view  # noqa: B018  (the property builds it)

    @property
    def table(self) -> QTableWidget:
        """The numbers of the chart (made now if 表格 has not been clicked yet)."""
        if self._table is None:
            table = QTableWidget(len(self._rows), len(self._headers), self)
            table.setHorizontalHeaderLabels(self._headers)
            for row, values in enumerate(self._rows):
                for column, value in enumerate(values):
                    item = QTableWidgetItem("" if value is None else str(value))
                    if isinstance(value, int | float):
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(row, column, item)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            self.stack.addWidget(table)
            self._table = table
        return self._table

    @Slot()
    def flip(self) -> None:
        to_table = self._table is None or self.stack.currentWidget() is not self._table
        if to_table:
            self.stack.setCurrentWidget(self.table)
        else:
            self.stack.setCurrentIndex(0)  # the chart, or its blank until it is painted
        self.toggle.setText(_tr("图表") if to_table else _tr("表格"))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 1)


def incidents_per_day_panel(data: DailyCounts, title: str, lang: str = "zh_CN") -> ChartPanel:
    headers = [_tr("日期"), *(s.label(lang) for s in data.severities), _tr("合计")]
    rows = [
        [f"{day:%Y-%m-%d}", *counts, sum(counts)]
        for day, counts in zip(data.days, data.counts, strict=True)
    ]
    return ChartPanel(
        lambda: incidents_per_day_chart(data, title, lang=lang),
        title,
        DAILY_MIN_HEIGHT,
        headers,
        rows,
    )


def trend_panel(
    points: Sequence[TrendPoint], series_labels: Sequence[tuple[str, str]], title: str
) -> ChartPanel:
    headers = [_tr("期间"), *(label for _, label in series_labels)]
    rows = [
        [
            point.period.short_label(),
            *(
                "" if point.values.get(code) is None else _number(point.values[code] or 0)
                for code, _ in series_labels
            ),
        ]
        for point in points
    ]
    return ChartPanel(
        lambda: trend_chart(points, series_labels, title), title, MIN_HEIGHT, headers, rows
    )


def bar_panel(
    pairs: Sequence[tuple[str, float]], title: str, name_header: str, colour: str = "#1f5f8b"
) -> ChartPanel:
    rows = [[label, _number(value)] for label, value in pairs]
    return ChartPanel(
        lambda: horizontal_bar_chart(pairs, title, colour),
        title,
        bar_chart_height(len(pairs)),
        [name_header, _tr("数值")],
        rows,
    )


def incidents_per_day_chart(
    data: DailyCounts, title: str, parent: QWidget | None = None, *, lang: str = "zh_CN"
) -> QChartView:
    from PySide6.QtCharts import QBarSet, QCategoryAxis, QStackedBarSeries

    chart = _chart(title)
    series = QStackedBarSeries()
    for index, severity in enumerate(data.severities):
        bar_set = QBarSet(severity.label(lang))
        bar_set.setColor(QColor(severity.colour))
        for day_counts in data.counts:
            bar_set.append(day_counts[index])
        series.append(bar_set)
    chart.addSeries(series)
    # Dates as a value axis under the bars (bar i sits at x = i): a label every ``step``
    # days, upright text that never elides to "…" as bar-category labels do.
    days = QCategoryAxis()
    days.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = 1 if len(data.days) <= 10 else (3 if len(data.days) <= 31 else 7)
    for index, day in enumerate(data.days):
        if index % step == 0:
            days.append(f"{day:%m-%d}", index)
    days.setRange(-0.5, max(len(data.days), 1) - 0.5)
    days.setGridLineVisible(False)
    if data.days:
        days.setTitleText(f"{data.days[0]:%Y-%m-%d} – {data.days[-1]:%Y-%m-%d}")
    chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(days)
    values = _value_axis(max((sum(day) for day in data.counts), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    view = _view(chart, parent)
    view.setMinimumHeight(DAILY_MIN_HEIGHT)
    return view


def trend_chart(
    points: Sequence[TrendPoint],
    series_labels: Sequence[tuple[str, str]],
    title: str,
    parent: QWidget | None = None,
) -> QChartView:
    """One line per KPI over consecutive periods; a period without a value leaves a gap."""
    from PySide6.QtCharts import QCategoryAxis, QLineSeries

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
    """Names down the left in full, one bar each, the value just past the bar's end.

    The view grows with the number of bars (about 26 px each) so names never elide.
    """
    from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries

    chart = _chart(title)
    chart.legend().setVisible(False)
    bar_set = QBarSet(title)
    bar_set.setColor(QColor(colour))
    bar_set.setLabelColor(QColor("#222222"))
    ordered = list(reversed(pairs))
    for _, value in ordered:
        bar_set.append(round(value, 1))
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setLabelsPrecision(4)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _ in ordered])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    # Room to the right of the longest bar for its value label.
    values = _value_axis(max((v for _, v in pairs), default=0) * 1.15)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    view = _view(chart, parent)
    view.setMinimumHeight(bar_chart_height(len(pairs)))
    return view
