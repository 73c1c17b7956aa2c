"""排班 tab: month grid (people × days), cell edits with rule checks, generation with preview
and quality report, leave and swap queues, and who is on duty now and next."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.roster.changes import LEAVE_KINDS
from dutydesk.roster.engine import DUTY_ROLE_LABELS, DUTY_ROLES, RULE_LABELS, QualityReport
from dutydesk.roster.grid import month_range, roster_grid
from dutydesk.roster.holidays import missing_year_message
from dutydesk.roster.service import GenerationPreview
from dutydesk.text import pick
from ui import confirm, shortcuts
from ui.forms import FormDialog
from ui.models.roster import CELL_ROLE, LeaveQueueModel, RosterMonthModel, SwapQueueModel

if TYPE_CHECKING:
    from ui.session import Session


def quality_text(report: QualityReport, lang: str) -> str:
    """The quality report as plain text for the preview dialog."""
    en = lang == "en"
    lines = []
    for year in report.missing_years:
        lines.append(pick(missing_year_message(year), en))
    balance = "-" if report.balance is None else f"{report.balance:.3f}"
    lines.append(
        f"Slots {report.filled_slots}/{report.required_slots} filled · unfilled "
        f"{len(report.unfilled)} · violations {len(report.violations)} · balance {balance}"
        if en
        else f"岗位 {report.filled_slots}/{report.required_slots} 已排 · 空缺 "
        f"{len(report.unfilled)} · 违规 {len(report.violations)} · 均衡度（最少/最多工时）{balance}"
    )
    for gap in report.unfilled[:200]:
        rule = pick(RULE_LABELS.get(gap.rule, (gap.rule, gap.rule)), en)
        lines.append(
            f"  {gap.day} {gap.shift_code} {pick(DUTY_ROLE_LABELS[gap.role], en)} [{rule}] "
            f"{gap.reason_en if en else gap.reason}"
        )
    for v in report.violations[:200]:
        lines.append(f"  ! {v.day} {v.shift_code} #{v.person_id} {v.detail_en if en else v.detail}")
    lines.append("")
    lines.append(
        "Name  shifts  hours  nights  weekend  holiday"
        if en
        else "姓名  班次  工时  夜班  周末  节假日"
    )
    for p in report.people:
        lines.append(
            f"{p.name}  {p.shifts}  {p.hours:g}  {p.night_shifts}  {p.weekend_shifts}  "
            f"{p.holiday_shifts}"
        )
    return "\n".join(lines)


class GenerationDialog(QDialog):
    """Choose team and dates, preview (with the quality report), then commit."""

    def __init__(self, session: Session, start: date, end: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview: GenerationPreview | None = None
        self.setWindowTitle(self.tr("生成排班"))
        self.resize(720, 560)
        form = QFormLayout()
        self.team = QComboBox()
        for team in session.desk.roster.teams():
            self.team.addItem(team.name, team.id)
        form.addRow(self.tr("班组(&T)："), self.team)
        self.start = QDateEdit(QDate(start.year, start.month, start.day))
        self.end = QDateEdit(QDate(end.year, end.month, end.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("开始日期(&F)："), self.start)
        form.addRow(self.tr("结束日期(&D)："), self.end)
        self.replace = QCheckBox(self.tr("重新安排未开始的已生成班次(&R)"))
        self.replace.setToolTip(self.tr("不勾选时只填补空缺；手工调整、换班和已开始的班次始终保留"))
        form.addRow(self.replace)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("点击“预览”查看将生成的排班和质量报告"))
        self.preview_button = QPushButton(self.tr("预览(&V)"))
        self.preview_button.clicked.connect(self.run_preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.commit_button = buttons.addButton(
            self.tr("提交(&S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.commit_button.setEnabled(False)
        buttons.accepted.connect(self.run_commit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def _dates(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    @Slot()
    def run_preview(self) -> None:
        start, end = self._dates()
        try:
            self.preview = self.session.desk.roster.preview(
                team=int(self.team.currentData()),
                start=start,
                end=end,
                replace=self.replace.isChecked(),
            )
        except DutyDeskError as exc:
            self.preview = None
            self.commit_button.setEnabled(False)
            self.report.setPlainText(self.session.error_text(exc))
            return
        p = self.preview
        head = (
            f"New {len(p.new_rows)}, replaced {len(p.removed_ids)}, kept {p.kept}\n"
            if self.session.english
            else f"新增 {len(p.new_rows)}，替换 {len(p.removed_ids)}，保留 {p.kept}\n"
        )
        self.report.setPlainText(head + quality_text(p.quality, self.session.lang))
        self.commit_button.setEnabled(
            not p.quality.missing_years and bool(p.new_rows or p.removed_ids)
        )

    @Slot()
    def run_commit(self) -> None:
        if self.preview is None:
            return
        try:
            self.session.desk.roster.commit(self.session.person, self.preview)
        except DutyDeskError as exc:
            QMessageBox.warning(self, self.tr("生成排班"), self.session.error_text(exc))
            return
        self.session.data_changed.emit("roster")
        self.accept()


class CellDialog(FormDialog):
    """Put the row's person on a shift of that day (rules are checked by the core)."""

    def __init__(
        self, session: Session, person_id: int, person_name: str, day: date, parent: QWidget | None
    ) -> None:
        title = self.tr("编辑排班：{0} {1}").format(person_name, day.isoformat())
        super().__init__(session, title, parent)
        self.person_id = person_id
        self.day = day
        roster = session.desk.roster
        self.team = self.row(self.tr("班组(&T)："), QComboBox(self), "team_id")
        for team in roster.teams():
            self.team.addItem(team.name, team.id)
        self.shift = self.row(self.tr("班次(&S)："), QComboBox(self), "shift_code")
        for code, shift in roster.shift_types().items():
            self.shift.addItem(f"{code} {shift.name} {shift.start:%H:%M}–{shift.end:%H:%M}", code)
        self.role = self.row(self.tr("岗位(&R)："), QComboBox(self), "duty_role")
        for role in DUTY_ROLES:
            self.role.addItem(pick(DUTY_ROLE_LABELS[role], session.english), role)

    def submit(self) -> Any:
        assignment = self.session.desk.roster.set_assignment(
            self.session.person,
            team_id=int(self.team.currentData()),
            day=self.day,
            shift_code=self.shift.currentData(),
            duty_role=self.role.currentData(),
            person_id=self.person_id,
        )
        self.session.data_changed.emit("roster")
        return assignment


class LeaveDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None) -> None:
        super().__init__(session, self.tr("申请请假"), parent)
        self.person = self.row(self.tr("人员(&P)："), QComboBox(self), "person_id")
        if session.person.may("leave.approve"):
            for person in session.desk.people.list(active_only=True):
                self.person.addItem(f"{person.name}（{person.employee_no}）", person.id)
            self.person.setCurrentIndex(max(0, self.person.findData(session.person.id)))
        else:
            self.person.addItem(session.person.name, session.person.id)
        self.kind = self.row(self.tr("类型(&K)："), QComboBox(self), "kind")
        for key, labels in LEAVE_KINDS.items():
            self.kind.addItem(pick(labels, session.english), key)
        today = QDate(*session.site_today().timetuple()[:3])
        self.start = self.row(self.tr("开始日期(&F)："), QDateEdit(today, self), "start")
        self.end = self.row(self.tr("结束日期(&D)："), QDateEdit(today, self), "end")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.reason = self.row(self.tr("事由(&R)："), QLineEdit(self), "reason")

    def submit(self) -> Any:
        leave = self.session.desk.roster.leave.request(
            self.session.person,
            person_id=int(self.person.currentData()),
            kind=self.kind.currentData(),
            start=self.start.date().toPython(),  # type: ignore[arg-type]
            end=self.end.date().toPython(),  # type: ignore[arg-type]
            reason=self.reason.text(),
        )
        self.session.data_changed.emit("roster")
        return leave


class RosterTab(QWidget):
    """The roster area. Keyboard: Alt+←/→ month, Enter edit, Del clear, Ctrl+G generate."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Today's column, scrolled to once the grid is on screen (see showEvent).
        today = session.desk.clock().astimezone(session.desk.roster.timezone()).date()
        self.month = (today.year, today.month)
        roster = session.desk.roster

        self.previous_button = QPushButton(self.tr("◀ 上月"))
        self.previous_button.setToolTip("Alt+←")
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton(self.tr("下月 ▶"))
        self.next_button.setToolTip("Alt+→")
        self.next_button.clicked.connect(self.go_next)
        self.today_button = QPushButton(self.tr("本月(&M)"))
        self.today_button.clicked.connect(self.go_today)
        self.month_label = QLabel()
        self.month_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.team = QComboBox()
        self.team.addItem(self.tr("全部班组"), None)
        for team in roster.teams():
            self.team.addItem(team.name, team.id)
        self.team.currentIndexChanged.connect(self.refresh)
        team_label = QLabel(self.tr("班组(&T)："))
        team_label.setBuddy(self.team)
        self.generate_button = QPushButton(self.tr("生成排班(&G)…"))
        self.generate_button.clicked.connect(self.open_generation)
        self.pdf_button = QPushButton(self.tr("月度排班表 PDF(&P)"))
        self.pdf_button.clicked.connect(self.make_pdf)
        self.hours_button = QPushButton(self.tr("导出工时(&E)…"))
        self.hours_button.clicked.connect(self.export_hours)
        self.swap_button = QPushButton(self.tr("申请换班(&W)…"))
        self.swap_button.clicked.connect(self.swap_current)
        self.served_button = QPushButton(self.tr("确认值班(&Q)…"))
        self.served_button.clicked.connect(self.served_current)
        self.calendar_button = QPushButton(self.tr("节假日(&Y)…"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.setup_button = QPushButton(self.tr("排班设置(&U)…"))
        self.setup_button.clicked.connect(self.open_setup)
        self.setup_button.setEnabled(session.person.may("roster.setup"))
        may_edit = session.person.may("roster.edit")
        self.generate_button.setEnabled(may_edit)
        self.swap_button.setEnabled(session.person.may("swap.request"))
        self.served_button.setEnabled(session.person.may("roster.served"))

        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.month_label,
            self.next_button,
            self.today_button,
            team_label,
            self.team,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.generate_button,
            self.swap_button,
            self.served_button,
            self.calendar_button,
            self.setup_button,
            self.pdf_button,
            self.hours_button,
        ):
            bar.addWidget(widget)

        self.notice = QLabel()
        self.notice.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.notice.setVisible(False)

        self.model = RosterMonthModel(session.lang, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setDefaultSectionSize(44)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.doubleClicked.connect(self.edit_cell)
        self.view.setAccessibleName(self.tr("排班表"))

        self.now_label = QLabel()
        self.now_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        duty_box = QGroupBox(self.tr("当前值班 / 下一班"))
        duty_layout = QVBoxLayout(duty_box)
        duty_layout.addWidget(self.now_label)
        duty_layout.addWidget(self.next_label)

        self.leave_model = LeaveQueueModel(session.lang, self)
        self.leave_view = QTableView()
        self.leave_view.setModel(self.leave_model)
        self.leave_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.leave_view.horizontalHeader().setStretchLastSection(True)
        self.leave_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.leave_request_button = QPushButton(self.tr("申请请假(&L)…"))
        self.leave_request_button.clicked.connect(self.request_leave)
        self.leave_approve_button = QPushButton(self.tr("批准(&A)"))
        self.leave_approve_button.clicked.connect(self.approve_leave)
        self.leave_reject_button = QPushButton(self.tr("驳回(&R)…"))
        self.leave_reject_button.clicked.connect(self.reject_leave)
        may_approve_leave = session.person.may("leave.approve")
        self.leave_approve_button.setEnabled(may_approve_leave)
        self.leave_reject_button.setEnabled(may_approve_leave)
        self.leave_request_button.setEnabled(session.person.may("leave.request"))
        leave_page = QWidget()
        leave_layout = QVBoxLayout(leave_page)
        leave_layout.addWidget(self.leave_view)
        leave_buttons = QHBoxLayout()
        for button in (
            self.leave_request_button,
            self.leave_approve_button,
            self.leave_reject_button,
        ):
            leave_buttons.addWidget(button)
        leave_layout.addLayout(leave_buttons)

        self.swap_model = SwapQueueModel(session.lang, self)
        self.swap_view = QTableView()
        self.swap_view.setModel(self.swap_model)
        self.swap_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.swap_view.horizontalHeader().setStretchLastSection(True)
        self.swap_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.swap_accept_button = QPushButton(self.tr("接受(&C)"))
        self.swap_accept_button.clicked.connect(self.accept_swap)
        self.swap_approve_button = QPushButton(self.tr("批准换班(&O)"))
        self.swap_approve_button.clicked.connect(self.approve_swap)
        self.swap_reject_button = QPushButton(self.tr("驳回换班(&J)…"))
        self.swap_reject_button.clicked.connect(self.reject_swap)
        may_approve_swap = session.person.may("swap.approve")
        self.swap_approve_button.setEnabled(may_approve_swap)
        self.swap_reject_button.setEnabled(may_approve_swap)
        swap_page = QWidget()
        swap_layout = QVBoxLayout(swap_page)
        swap_layout.addWidget(self.swap_view)
        swap_buttons = QHBoxLayout()
        for button in (self.swap_accept_button, self.swap_approve_button, self.swap_reject_button):
            swap_buttons.addWidget(button)
        swap_layout.addLayout(swap_buttons)

        self.queues = QTabWidget()
        self.queues.addTab(leave_page, self.tr("请假"))
        self.queues.addTab(swap_page, self.tr("换班"))

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(duty_box)
        side_layout.addWidget(self.queues, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        shortcuts.install(self, "roster.previous", self.go_previous)
        shortcuts.install(self, "roster.next", self.go_next)
        shortcuts.install(self, "roster.generate", self.open_generation)
        shortcuts.install(self, "roster.refresh", self.refresh)
        shortcuts.install(self.view, "roster.edit", self.edit_current)
        shortcuts.install(self.view, "roster.edit_keypad", self.edit_current)
        shortcuts.install(self.view, "roster.clear", self.clear_current)
        session.data_changed.connect(self._on_data_changed)
        self.refresh()

    # --- navigation and refresh ------------------------------------------------------------

    def _team_id(self) -> int | None:
        value = self.team.currentData()
        return None if value is None else int(value)

    @Slot()
    def refresh(self) -> None:
        desk = self.session.desk
        self._reload_teams()
        year, month = self.month
        start, end = month_range(year, month)
        grid = roster_grid(desk, start=start, end=end, team=self._team_id())
        now = desk.clock()
        today = now.astimezone(desk.roster.timezone()).date()
        kept = self.view.currentIndex()
        same_month = self.model.grid is not None and self.model.grid.start == start
        self.model.set_grid(grid, today)
        if same_month and kept.isValid() and kept.row() < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(kept.row(), kept.column()))
        self._today_column = (today - start).days if start <= today <= end else None
        # A table scrolled before it has a size keeps its header out of step with its
        # cells once shown: a hidden grid scrolls when it is first shown (showEvent).
        if self.view.isVisible():
            self._scroll_to_today()
        self.month_label.setText(self.tr("{0} 年 {1} 月").format(year, month))
        if grid.missing_years:
            self.notice.setText(
                "；".join(
                    pick(missing_year_message(y), self.session.english) for y in grid.missing_years
                )
            )
            self.notice.setVisible(True)
        else:
            self.notice.setVisible(False)
        queues: tuple[tuple[QTableView, Any, list[Any]], ...] = (
            (self.leave_view, self.leave_model, desk.roster.leave.list()[:500]),
            (self.swap_view, self.swap_model, desk.roster.swaps.list()[:500]),
        )
        for view, model, items in queues:
            # The request that was selected stays selected (by id) after the reload.
            current = view.currentIndex()
            kept_id = model.items[current.row()].id if current.isValid() else None
            model.set_items(items)
            row = next((i for i, item in enumerate(items) if item.id == kept_id), None)
            if row is not None:
                view.setCurrentIndex(model.index(row, max(current.column(), 0)))
        self._refresh_duty()

    def _duty_text(self, items: list[Any]) -> str:
        if not items:
            return self.tr("（无）")
        first = items[0]
        tz = self.session.desk.roster.timezone()
        window = f"{first.assignment.starts_at.astimezone(tz):%m-%d %H:%M}"
        comma, colon = (", ", ": ") if self.session.english else ("，", "：")
        people = comma.join(
            f"{pick(DUTY_ROLE_LABELS[d.role], self.session.english)} {d.person.name}" for d in items
        )
        return f"{first.shift.name} {window}{colon}{people}"

    def _refresh_duty(self) -> None:
        roster = self.session.desk.roster
        now = self.session.desk.clock()
        self.now_label.setText(self.tr("当前：") + self._duty_text(roster.on_duty(now)))
        self.next_label.setText(self.tr("下一班：") + self._duty_text(roster.next_on_duty(now)))

    def set_month(self, year: int, month: int) -> None:
        self.month = (year, month)
        self.refresh()

    @Slot()
    def go_previous(self) -> None:
        year, month = self.month
        self.set_month(year - (month == 1), 12 if month == 1 else month - 1)

    @Slot()
    def go_next(self) -> None:
        year, month = self.month
        self.set_month(year + (month == 12), 1 if month == 12 else month + 1)

    @Slot()
    def _scroll_to_today(self) -> None:
        """Put today's column in the middle of the grid (again once the grid has its size)."""
        column = getattr(self, "_today_column", None)
        if column is not None and self.model.rowCount() > 0:
            self.view.scrollTo(
                self.model.index(0, column), QAbstractItemView.ScrollHint.PositionAtCenter
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            QTimer.singleShot(0, self._scroll_to_today)

    @Slot()
    def go_today(self) -> None:
        desk = self.session.desk
        today = desk.clock().astimezone(desk.roster.timezone()).date()
        self.set_month(today.year, today.month)

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        if area in ("roster", "people"):
            self.refresh()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("排班"), self.session.error_text(exc))

    # --- cells ---------------------------------------------------------------------------

    @Slot()
    def edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.edit_cell(index)

    def edit_cell(self, index: QModelIndex) -> bool:
        """Ask for team, shift and role; the core checks the rules. Returns True if saved."""
        grid = self.model.grid
        if grid is None or not index.isValid():
            return False
        person = grid.people[index.row()]
        day = grid.days[index.column()].day
        dialog = CellDialog(self.session, person.person_id, person.name, day, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @Slot()
    def clear_current(self) -> None:
        index = self.view.currentIndex()
        cells = self.model.data(index, CELL_ROLE) if index.isValid() else ()
        if not cells:
            return
        text = self.tr("清除这一格的排班？\n这一天这个人不再排班；需要时重新编辑这一格。")
        if not confirm.confirm(self, self.tr("清除排班"), text, self.tr("清除排班")):
            return
        self.clear_cells(cells)

    def clear_cells(self, cells: Any) -> None:
        try:
            for cell in cells:
                self.session.desk.roster.clear_assignment(self.session.person, cell.assignment_id)
        except DutyDeskError as exc:
            self._error(exc)
        self.session.data_changed.emit("roster")

    def _current_assignment(self) -> Any:
        index = self.view.currentIndex()
        cells = self.model.data(index, CELL_ROLE) if index.isValid() else ()
        if not cells:
            QMessageBox.information(self, self.tr("排班"), self.tr("请先选择一个有排班的格子"))
            return None
        return self.session.desk.roster.assignment(cells[0].assignment_id)

    @Slot()
    def swap_current(self) -> QDialog | None:
        from ui.tabs.roster_dialogs import SwapDialog

        assignment = self._current_assignment()
        if assignment is None:
            return None
        dialog = SwapDialog(self.session, assignment, self)
        dialog.open()
        return dialog

    @Slot()
    def served_current(self) -> QDialog | None:
        from ui.tabs.roster_dialogs import ServedDialog

        assignment = self._current_assignment()
        if assignment is None:
            return None
        dialog = ServedDialog(self.session, assignment, self)
        dialog.open()
        return dialog

    @Slot()
    def open_setup(self) -> QDialog | None:
        from ui.tabs.roster_setup import SetupDialog

        if not self.session.person.may("roster.setup"):
            return None
        dialog = SetupDialog(self.session, self)
        dialog.open()
        return dialog

    def _reload_teams(self) -> None:
        teams = self.session.desk.roster.teams()
        known = [self.team.itemData(i) for i in range(1, self.team.count())]
        if known == [t.id for t in teams]:
            return
        current = self.team.currentData()
        self.team.blockSignals(True)
        while self.team.count() > 1:
            self.team.removeItem(1)
        for team in teams:
            self.team.addItem(team.name, team.id)
        self.team.setCurrentIndex(max(0, self.team.findData(current)))
        self.team.blockSignals(False)

    @Slot()
    def open_calendar(self) -> QDialog:
        from ui.tabs.roster_dialogs import CalendarDialog

        dialog = CalendarDialog(self.session, self)
        dialog.open()
        return dialog

    # --- generation, PDF, hours ------------------------------------------------------------

    @Slot()
    def open_generation(self) -> GenerationDialog | None:
        if not self.session.person.may("roster.edit"):
            return None
        start, end = month_range(*self.month)
        dialog = GenerationDialog(self.session, start, end, self)
        team = self._team_id()
        if team is not None:
            dialog.team.setCurrentIndex(max(0, dialog.team.findData(team)))
        dialog.open()
        return dialog

    @Slot()
    def make_pdf(self) -> None:
        from ui.worker import run_in_background

        year, month = self.month
        team = self._team_id()

        def work(desk: Any, progress: Any) -> bytes:
            from reports.roster import build_month_roster

            return build_month_roster(desk, year=year, month=month, team=team)

        def done(data: bytes) -> None:
            from ui.pdf_preview import show_pdf

            show_pdf(self, data, title=self.tr("月度排班表"))

        run_in_background(self, self.tr("正在生成排班表 PDF"), work, done)

    @Slot()
    def export_hours(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出工时"), "hours.xlsx", self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if not path:
            return
        from ui.worker import run_in_background

        start, end = month_range(*self.month)
        team = self._team_id()

        def work(desk: Any, progress: Any) -> int:
            from dutydesk.roster.exports import export_hours

            return export_hours(desk, path, start=start, end=end, team=team)

        run_in_background(self, self.tr("正在导出工时"), work, None)

    # --- leave -----------------------------------------------------------------------------

    def _selected(self, view: QTableView, items: list[Any]) -> Any:
        index = view.currentIndex()
        return items[index.row()] if index.isValid() and index.row() < len(items) else None

    @Slot()
    def request_leave(self) -> None:
        LeaveDialog(self.session, self).exec()

    @Slot()
    def approve_leave(self) -> None:
        item = self._selected(self.leave_view, self.leave_model.items)
        if item is None:
            return
        try:
            self.session.desk.roster.leave.approve(self.session.person, item.id)
        except DutyDeskError as exc:
            self._error(exc)
            return
        self.session.data_changed.emit("roster")

    @Slot()
    def reject_leave(self) -> None:
        item = self._selected(self.leave_view, self.leave_model.items)
        if item is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("驳回请假"), self.tr("驳回理由："))
        if not ok:
            return
        text = self.tr(
            "驳回 {0} 的请假（{1} 至 {2}）？\n驳回后这份申请结束，不能撤销；"
            "申请人会看到驳回理由，需要时重新申请。"
        ).format(item.person_name, item.start.isoformat(), item.end.isoformat())
        if not confirm.confirm(self, self.tr("驳回请假"), text, self.tr("驳回请假")):
            return
        try:
            self.session.desk.roster.leave.reject(self.session.person, item.id, note=note)
        except DutyDeskError as exc:
            self._error(exc)
            return
        self.session.data_changed.emit("roster")

    # --- swaps -----------------------------------------------------------------------------

    @Slot()
    def accept_swap(self) -> None:
        item = self._selected(self.swap_view, self.swap_model.items)
        if item is None:
            return
        try:
            self.session.desk.roster.swaps.accept(self.session.person, item.id)
        except DutyDeskError as exc:
            self._error(exc)
            return
        self.session.data_changed.emit("roster")

    @Slot()
    def approve_swap(self) -> None:
        item = self._selected(self.swap_view, self.swap_model.items)
        if item is None:
            return
        try:
            self.session.desk.roster.swaps.approve(self.session.person, item.id)
        except DutyDeskError as exc:
            self._error(exc)
            return
        self.session.data_changed.emit("roster")

    @Slot()
    def reject_swap(self) -> None:
        item = self._selected(self.swap_view, self.swap_model.items)
        if item is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("驳回换班"), self.tr("驳回理由："))
        if not ok:
            return
        text = self.tr(
            "驳回 {0} 与 {1} 的换班（{2}）？\n驳回后这份申请结束，不能撤销；"
            "排班保持不变，双方会看到驳回理由。"
        ).format(item.requester_name, item.counterpart_name, item.summary)
        if not confirm.confirm(self, self.tr("驳回换班"), text, self.tr("驳回换班")):
            return
        try:
            self.session.desk.roster.swaps.reject(self.session.person, item.id, note=note)
        except DutyDeskError as exc:
            self._error(exc)
            return
        self.session.data_changed.emit("roster")
