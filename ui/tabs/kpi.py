"""统计 tab: KPI tiles with trend and target, charts, drill-down, targets, PDF and Excel."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.handover.records import STATUS_LABELS as HANDOVER_STATUS
from dutydesk.incidents.records import STATUS_LABELS as INCIDENT_STATUS
from dutydesk.kpi import series as kpi_series
from dutydesk.kpi.definitions import DEFINITIONS, HANDOVER, INCIDENTS
from dutydesk.kpi.engine import (
    BREACH,
    CYCLE,
    MET,
    DrillRow,
    KpiReport,
    KpiResult,
    format_value,
)
from dutydesk.kpi.period import KINDS, Period
from ui import shortcuts
from ui.forms import FieldWithError
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.handover import shift_names, shift_text
from ui.models.kpi_drill import DrillModel
from ui.scrolling import scrolling
from ui.tabs.kpi_charts import bar_panel, incidents_per_day_panel, trend_panel
from ui.worker import Progress, run_in_background

if TYPE_CHECKING:
    from dutydesk.desk import Desk
    from ui.session import Session

_ONE_DAY = timedelta(days=1)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows for one period, computed off the GUI thread."""

    report: KpiReport
    daily: kpi_series.DailyCounts
    trend: list[kpi_series.TrendPoint]
    categories: list[tuple[str, int]]
    as_of: str = ""  # site-local "YYYY-MM-DD HH:MM" while the period is still running


def dashboard_data(desk: Any, period: Period) -> DashboardData:
    report = desk.kpi.report(period)
    tz = desk.settings.site_zone()
    running = report.as_of is not None and report.as_of < period.bounds(tz)[1]
    return DashboardData(
        report=report,
        daily=kpi_series.incidents_by_day(desk, period),
        trend=kpi_series.trend(
            desk, period, ("response_median", "resolution_median"), report=report
        ),
        categories=kpi_series.incident_categories(desk, period),
        as_of=report.as_of.astimezone(tz).strftime("%Y-%m-%d %H:%M") if running else "",
    )


_STATUS_COLOURS = {MET: "#2e7d32", BREACH: "#c62828"}


class KpiTile(QFrame):
    """One KPI: value, change against the previous period, target status. Click to drill."""

    activated = Signal(str)

    def __init__(self, result: KpiResult, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = result.definition.code
        self.result = result
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        border = _STATUS_COLOURS.get(result.status, "#b0bec5")
        self.setStyleSheet(
            f"KpiTile {{ border: 2px solid {border}; border-radius: 6px; background: white; }}"
            "KpiTile:focus { background: #e3f2fd; }"
        )
        definition = result.definition
        layout = QVBoxLayout(self)
        name = QLabel(definition.name(lang))
        name.setWordWrap(True)
        layout.addWidget(name)
        current = result.current
        self.value_label = QLabel(
            format_value(definition, current.value, lang)
            if current.value is not None
            else self.tr("无数据")
        )
        self.value_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.value_label.setToolTip(current.note(lang) or definition.formula(lang))
        layout.addWidget(self.value_label)
        self.trend_label = QLabel(self._trend_text(lang))
        layout.addWidget(self.trend_label)
        in_force = result.target_in_force
        if in_force is None:
            target = self.tr("未设目标")
        elif in_force.source == CYCLE:
            target = self.tr("目标 {0}（周期）").format(in_force.text(definition, lang))
        else:
            target = self.tr("目标 {0}（站点）").format(in_force.text(definition, lang))
        self.target_label = QLabel(target)
        self.target_label.setStyleSheet(f"color: {border};")
        if in_force is not None:
            self.target_label.setToolTip(in_force.source_text(lang))
        layout.addWidget(self.target_label)

    def _trend_text(self, lang: str) -> str:
        r = self.result
        if r.change is None:
            return self.tr("上期 {0}").format(format_value(r.definition, r.previous.value, lang))
        arrow = "→" if r.change == 0 else ("↑" if r.change > 0 else "↓")
        verdict = "" if r.improved is None else (self.tr("改善") if r.improved else self.tr("变差"))
        previous = format_value(r.definition, r.previous.value, lang)
        return self.tr("{0} {1}（上期 {2}）").format(arrow, verdict, previous)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit(self.code)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.code)
            return
        super().keyPressEvent(event)


UNITS = {
    "min": QT_TRANSLATE_NOOP("KpiTab", "分钟"),
    "h": QT_TRANSLATE_NOOP("KpiTab", "小时"),
    "%": "%",
    "count": QT_TRANSLATE_NOOP("KpiTab", "个"),
    "ratio": QT_TRANSLATE_NOOP("KpiTab", "比值"),
}


def unit_text(unit: str) -> str:
    """A KPI unit (min, h, %, count, ratio) as people write it."""
    return QCoreApplication.translate("KpiTab", UNITS.get(unit, unit))


def with_unit(name: str, unit: str) -> str:
    """ "响应时间中位数（分钟）" / "Median response time (min)"."""
    return QCoreApplication.translate("KpiTab", "{0}（{1}）").format(name, unit_text(unit))


def _label(labels: dict[str, tuple[str, str]], code: str, session: Session) -> str:
    zh, en = labels.get(code, (code, code))
    return en if session.english else zh


def _incident_cells(session: Session, row: DrillRow) -> DrillRow:
    """Title, severity, status and three stored UTC times → names and site-local times."""
    title, severity, status, *times = row.cells
    return replace(
        row,
        cells=(
            title,
            severity,
            _label(INCIDENT_STATUS, status, session),
            *(session.site_time(t) for t in times),
        ),
    )


def _handover_cells(session: Session, row: DrillRow, names: dict[str, str]) -> DrillRow:
    """The core's codes (shifts, status, on time) → the names people use."""
    day, shifts, status, completeness, on_time, minutes = row.cells
    words = {
        "yes": QCoreApplication.translate("KpiTab", "是"),
        "no": QCoreApplication.translate("KpiTab", "否"),
        "": "",
    }
    status_word = (
        QCoreApplication.translate("KpiTab", "无完整交接记录")
        if status == "missing"
        else _label(HANDOVER_STATUS, status, session)
    )
    return replace(
        row,
        cells=(
            day,
            " → ".join(shift_text(names, code) for code in shifts.split("→")),
            status_word,
            completeness,
            words.get(on_time, on_time),
            minutes,
        ),
    )


class DrillDownDialog(QDialog):
    """The records behind one figure, with "raise as a problem" for a breached target."""

    def __init__(
        self, session: Session, report: KpiReport, code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.report = report
        self.code = code
        result = report.result(code)
        definition = result.definition
        self.setWindowTitle(definition.name(session.lang))
        layout = QVBoxLayout(self)
        formula = QLabel(definition.formula(session.lang))
        formula.setWordWrap(True)
        layout.addWidget(formula)
        kpi = session.desk.kpi
        if definition.area == INCIDENTS:
            headers = [
                self.tr("标题"),
                self.tr("严重程度"),
                self.tr("状态"),
                self.tr("报告时间"),
                self.tr("响应时间"),
                self.tr("解决时间"),
            ]
            rows = [_incident_cells(session, row) for row in kpi.incident_rows(report.period, code)]
        elif definition.area == HANDOVER:
            headers = [
                self.tr("班次日期"),
                self.tr("交接班次"),
                self.tr("状态"),
                self.tr("完整率"),
                self.tr("按时"),
                self.tr("时长（分钟）"),
            ]
            names = shift_names(session.desk)
            rows = [
                _handover_cells(session, row, names)
                for row in kpi.handover_rows(report.period, code)
            ]
        else:
            headers, rows = [], []
        if any(row.counted is not None for row in rows):
            # A rate: every row is in its denominator; this column marks the numerator.
            headers.append(self.tr("计入分子"))
            yes, no = self.tr("是"), self.tr("否")
            rows = [
                DrillRow(row.record_id, (*row.cells, yes if row.counted else no), row.counted)
                for row in rows
            ]
        self.rows = rows
        self.model = DrillModel(headers, rows, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        if headers:
            layout.addWidget(self.table)
        else:
            layout.addWidget(QLabel(self.tr("该指标没有可列出的单条记录。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.raise_button = QPushButton(self.tr("转为问题(&P)"), self)
        self.raise_button.setEnabled(
            result.status == BREACH and session.person.may("kpi.breach_to_problem")
        )
        self.raise_button.clicked.connect(self.raise_problem)
        buttons.addButton(self.raise_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 480)

    @Slot()
    def raise_problem(self) -> None:
        try:
            problem = self.session.desk.kpi.breach_to_problem(
                self.session.person, self.report, self.code
            )
        except DutyDeskError as error:
            QMessageBox.warning(self, self.windowTitle(), self.session.error_text(error))
            return
        self.session.data_changed.emit("feedback")
        self.raise_button.setEnabled(False)
        QMessageBox.information(
            self, self.windowTitle(), self.tr("已创建问题 #{0}").format(problem.id)
        )


class TargetsDialog(QDialog):
    """Site-wide targets, one field per KPI; an empty field clears the target."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("指标目标"))
        kpi = session.desk.kpi
        current = kpi.site_targets()
        today = session.desk.clock().astimezone(session.desk.settings.site_zone())
        cycle_id = kpi.cycle_in_force(Period.day(today.date()))
        cycle_targets = {
            code: target
            for code, target in kpi.targets_in_force(cycle_id=cycle_id).items()
            if target.source == CYCLE
        }
        inner = QWidget()
        form = QFormLayout(inner)
        intro = QLabel(self.tr("站点目标；当前优化周期对同一指标设有目标时，以周期目标为准。"))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.fields: dict[str, FieldWithError] = {}
        self.cycle_notes: dict[str, QLabel] = {}
        for definition in DEFINITIONS:
            field = FieldWithError(inner)
            value = current.get(definition.code)
            field.setText("" if value is None else f"{value:g}")
            cycle_target = cycle_targets.get(definition.code)
            if cycle_target is not None:
                note = QLabel(
                    self.tr("周期目标 {0} 优先").format(
                        cycle_target.text(definition, session.lang)
                    ),
                    field,
                )
                note.setStyleSheet("color: #555;")
                layout = field.layout()
                if layout is not None:
                    layout.addWidget(note)
                self.cycle_notes[definition.code] = note
            form.addRow(with_unit(definition.name(session.lang), definition.unit), field)
            self.fields[definition.code] = field
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(inner, self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 620)

    @Slot()
    def save(self) -> bool:
        """Save each changed target; a rejected one shows its message and the dialog stays."""
        kpi = self.session.desk.kpi
        current = kpi.site_targets()
        ok = True
        for code, field in self.fields.items():
            field.clear_error()
            text = field.text().strip()
            old = current.get(code)
            if (text == "" and old is None) or (old is not None and text == f"{old:g}"):
                continue
            try:
                kpi.set_target(self.session.person, code, text or None)
            except DutyDeskError as error:
                field.show_error(self.session.error_text(error))
                ok = False
        if ok:
            self.session.data_changed.emit("kpi")
            self.accept()
        return ok


class KpiTab(QWidget):
    """The dashboard: pick a period, read the tiles, open the records behind a figure."""

    KIND_LABELS: ClassVar[dict[str, str]] = {
        "month": QT_TRANSLATE_NOOP("KpiTab", "月"),
        "quarter": QT_TRANSLATE_NOOP("KpiTab", "季度"),
        "half": QT_TRANSLATE_NOOP("KpiTab", "半年"),
        "week": QT_TRANSLATE_NOOP("KpiTab", "周"),
        "day": QT_TRANSLATE_NOOP("KpiTab", "日"),
        "custom": QT_TRANSLATE_NOOP("KpiTab", "自定义"),
    }

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: KpiReport | None = None
        self.tiles: dict[str, KpiTile] = {}
        self.requested = self.shown = 0
        self.task: Any = None
        today = session.site_today()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind = QComboBox(self)
        for kind in ("month", "quarter", "half", "week", "day", "custom"):
            assert kind in KINDS
            self.kind.addItem(QCoreApplication.translate("KpiTab", self.KIND_LABELS[kind]), kind)
        self.start_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.end_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.previous_button = QPushButton(self.tr("◀ 上一期"), self)
        self.next_button = QPushButton(self.tr("下一期 ▶"), self)
        self.targets_button = QPushButton(self.tr("目标(&T)…"), self)
        self.pdf_button = QPushButton(self.tr("期间报告 PDF(&R)"), self)
        self.excel_button = QPushButton(self.tr("导出 Excel(&X)"), self)
        self.targets_button.setEnabled(session.person.may("kpi.targets"))
        label = QLabel(self.tr("统计期(&K)："), self)
        label.setBuddy(self.kind)
        bar.addWidget(label)
        for widget in (
            self.kind,
            self.start_edit,
            self.end_edit,
            self.previous_button,
            self.next_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.targets_button, self.pdf_button, self.excel_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.tile_grid = QGridLayout()
        self.body_layout.addLayout(self.tile_grid)
        self.chart_grid = QGridLayout()
        for column in (0, 1):
            self.chart_grid.setColumnStretch(column, 1)
        self.body_layout.addLayout(self.chart_grid)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        self.kind.currentIndexChanged.connect(self.refresh)
        self.start_edit.dateChanged.connect(self.refresh)
        self.end_edit.dateChanged.connect(self.refresh)
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.targets_button.clicked.connect(self.edit_targets)
        self.pdf_button.clicked.connect(self.make_pdf)
        self.excel_button.clicked.connect(self.export_excel)
        shortcuts.install(self, "kpi.previous", self.go_previous)
        shortcuts.install(self, "kpi.next", self.go_next)
        shortcuts.install(self, "kpi.refresh", self.refresh)
        session.data_changed.connect(self._on_data_changed)
        self.refresh()

    # -- period ---------------------------------------------------------------------------

    def period(self) -> Period:
        kind = str(self.kind.currentData())
        start = pydate(self.start_edit.date())
        if kind == "custom":
            return Period(start, pydate(self.end_edit.date()), "custom")
        return Period.containing(kind, start)

    def set_period(self, period: Period) -> None:
        for edit, day in ((self.start_edit, period.start), (self.end_edit, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        index = self.kind.findData(period.kind)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(index)
        self.kind.blockSignals(False)
        self.refresh()

    @Slot()
    def go_previous(self) -> None:
        self.set_period(self._safe_period().previous())

    @Slot()
    def go_next(self) -> None:
        current = self._safe_period()
        following = (
            Period.containing(current.kind, current.end + _ONE_DAY)
            if (current.kind != "custom")
            else Period(current.end + _ONE_DAY, current.end + _ONE_DAY * current.days, "custom")
        )
        self.set_period(following)

    def _safe_period(self) -> Period:
        try:
            return self.period()
        except DutyDeskError:
            return Period.containing("month", pydate(self.start_edit.date()))

    # -- content --------------------------------------------------------------------------

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute in a worker thread; a newer request supersedes one still running."""
        self.end_edit.setEnabled(self.kind.currentData() == "custom")
        try:
            period = self.period()
        except DutyDeskError as error:
            self.summary.setText(self.session.error_text(error))
            self.summary.setStyleSheet("color: #c62828;")
            return
        self.summary.setStyleSheet("")
        self.summary.setText(
            self.tr("正在计算 {0} 的指标…").format(period.label(self.session.lang))
        )
        self.requested += 1
        generation = self.requested
        self.task = run_in_background(
            self,
            self.tr("正在计算指标…"),
            lambda desk, _progress: dashboard_data(desk, period),
            lambda data: self._show(data, generation),
            session=self.session,
            on_error=self._failed,
            show_progress=False,
        )

    @property
    def is_current(self) -> bool:
        """True once the newest requested computation is on screen (tests, benchmarks)."""
        return self.shown == self.requested

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(self.session.error_text(error))
        self.summary.setStyleSheet("color: #c62828;")

    def _show(self, data: DashboardData, generation: int) -> None:
        if generation != self.requested:
            return  # the user has moved on to another period
        self.report = data.report
        self._show_tiles(data.report)
        self._show_charts(data)
        period = data.report.period
        text = self.tr("{0}（{1} 至 {2}），对比 {3}。未达标 {4} 项。").format(
            period.label(self.session.lang),
            period.start.isoformat(),
            period.end.isoformat(),
            data.report.previous_period.label(self.session.lang),
            len(data.report.breaches()),
        )
        if data.report.cycle_id is not None:
            text += self.tr("目标：站点目标，{0}的目标优先。").format(
                data.report.cycle_title or self.tr("优化周期")
            )
        if data.as_of:
            text += self.tr("数据截至 {0}（统计期尚未结束）。").format(data.as_of)
        self.summary.setText(text)
        self.shown = generation

    def _clear(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Hidden at once: until the deferred delete, a chart panel still painted
                # would build its chart for nothing.
                widget.hide()
                widget.deleteLater()

    def _show_tiles(self, report: KpiReport) -> None:
        self._clear(self.tile_grid)
        self.tiles = {}
        columns = 6
        for index, result in enumerate(report.results):
            tile = KpiTile(result, self.session.lang, self)
            tile.activated.connect(self.drill_down)
            self.tile_grid.addWidget(tile, index // columns, index % columns)
            self.tiles[result.definition.code] = tile

    def _show_charts(self, data: DashboardData) -> None:
        self._clear(self.chart_grid)
        self.chart_grid.addWidget(
            incidents_per_day_panel(
                data.daily, self.tr("每日事件数（按严重程度）"), self.session.lang
            ),
            0,
            0,
        )
        self.chart_grid.addWidget(
            trend_panel(
                data.trend,
                [
                    ("response_median", self.tr("响应时间中位数")),
                    ("resolution_median", self.tr("解决时间中位数")),
                ],
                self.tr("响应与解决时间趋势（分钟）"),
            ),
            0,
            1,
        )
        self.chart_grid.addWidget(
            bar_panel(data.categories, self.tr("事件类别分布"), self.tr("类别")), 1, 0
        )
        hours = sorted(data.report.hours, key=lambda h: -h.hours)[:15]
        self.chart_grid.addWidget(
            bar_panel(
                [(h.name, h.hours) for h in hours],
                self.tr("人员值班工时（小时）"),
                self.tr("姓名"),
                "#4c9a2a",
            ),
            1,
            1,
        )

    # -- actions --------------------------------------------------------------------------

    @Slot(str)
    def drill_down(self, code: str) -> DrillDownDialog | None:
        if self.report is None:
            return None
        dialog = DrillDownDialog(self.session, self.report, code, self)
        dialog.open()
        return dialog

    @Slot()
    def edit_targets(self) -> None:
        TargetsDialog(self.session, self).open()

    @Slot()
    def make_pdf(self) -> None:
        from reports.period import build_period_report
        from ui.pdf_preview import show_pdf

        period = self._safe_period()

        def work(desk: Desk, progress: Progress) -> bytes:
            return build_period_report(desk, desk.kpi.report(period), progress=progress)

        run_in_background(
            self,
            self.tr("正在生成期间报告…"),
            work,
            lambda data: show_pdf(
                self,
                data,
                title=self.tr("期间报告"),
                suggested_name=f"period-{period.start}-{period.end}.pdf",
            ),
            session=self.session,
        )

    @Slot()
    def export_excel(self) -> None:
        period = self._safe_period()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出 Excel"),
            f"kpi-{period.start}-{period.end}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_excel_to(path)

    def export_excel_to(self, path: str) -> None:
        from dutydesk.kpi.export import export_kpi_workbook

        report = self.session.desk.kpi.report(self._safe_period())
        export_kpi_workbook(self.session.desk, report, path)
