"""The 事件 tab: filtered, lazily paged incident list; quick add; detail with timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
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
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import format_site_time
from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.incidents.service import OPEN_STATUSES, STATUS_LABELS, Incident, IncidentFilter
from dutydesk.text import pick
from ui import confirm, shortcuts
from ui.forms import FormDialog, error_label
from ui.models.incidents import AttachmentModel, IncidentListModel, TimelineModel
from ui.scrolling import scrolling
from ui.session import Session
from ui.tabs.incidents_reference import ReferenceDataDialog
from ui.worker import run_in_background

AREA = "incidents"


def _qdatetime(wall: datetime) -> QDateTime:
    return QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute))


class QuickAddDialog(FormDialog):
    """登记事件: only title, severity and category are required; Enter saves."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("登记事件"), parent)
        ref = session.desk.incidents.reference
        english = session.english
        self.title = self.row(self.tr("标题(&T)："), QLineEdit(self), "title")
        self.severity = self.row(self.tr("严重程度(&V)："), QComboBox(self), "severity")
        for severity in ref.severities(active_only=True):
            name = severity.name_en if english and severity.name_en else severity.name
            self.severity.addItem(f"{severity.code} {name}", severity.id)
        self.severity.setCurrentIndex(max(0, self.severity.count() - 1))
        self.category = self.row(self.tr("类别(&C)："), QComboBox(self), "category")
        for category in ref.categories(active_only=True):
            self.category.addItem(
                category.path_en if english and category.path_en else category.path, category.id
            )
        self.category.setEditable(True)  # type to jump: 空调, 网络 …
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source = self.row(self.tr("来源(&O)："), QComboBox(self), "source")
        self.source.addItem(self.tr("（未指定）"), None)
        for source in ref.sources(active_only=True):
            self.source.addItem(source.name_en if english else source.name, source.id)
        self.location = self.row(self.tr("地点(&L)："), QLineEdit(self), "location")
        # Site wall-clock time, whatever zone the PC is set to.
        self.reported_at = self.row(
            self.tr("上报时间(&W)："),
            QDateTimeEdit(_qdatetime(session.to_site_wall(session.desk.clock())), self),
            "reported_at",
        )
        self.reported_at.setCalendarPopup(True)
        self.reported_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.description = self.row(self.tr("描述(&D)："), QPlainTextEdit(self), "description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.layout_.addStretch(1)  # spare height below the form, not between its rows
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.title.setFocus()
        self.resize(520, 420)

    @property
    def created(self) -> Incident | None:
        return cast("Incident | None", self.result_value)

    def submit(self) -> Incident:
        category = self.category.currentData()
        if (
            self.category.currentIndex() < 0
            or self.category.currentText() != self.category.itemText(self.category.currentIndex())
        ):
            category = None
        shown = self.reported_at.dateTime()
        wall = datetime(
            shown.date().year(),
            shown.date().month(),
            shown.date().day(),
            shown.time().hour(),
            shown.time().minute(),
        )
        created = self.session.desk.incidents.report(
            self.session.person,
            title=self.title.text(),
            severity_id=self.severity.currentData(),
            category_id=category,  # type: ignore[arg-type,unused-ignore]
            source_id=self.source.currentData(),
            location=self.location.text(),
            description=self.description.toPlainText(),
            reported_at=self.session.from_site_wall(wall),
        )
        self.session.data_changed.emit(AREA)
        return created


class IncidentTextDialog(FormDialog):
    """One or two text fields (resolution; escalation target and reason) for one core call:
    ``submit`` gets the texts; its refusal shows at the field (``rows``: label, core field)."""

    def __init__(
        self,
        session: Session,
        title: str,
        rows: list[tuple[str, str]],
        submit: Callable[..., Incident],
        parent: QWidget | None = None,
        multiline: int = -1,
    ) -> None:
        super().__init__(session, title, parent)
        self._submit = submit
        self.fields: list[QLineEdit | QPlainTextEdit] = []
        for index, (label, name) in enumerate(rows):
            field: QLineEdit | QPlainTextEdit
            if index == multiline:
                field = QPlainTextEdit(self)
                field.setTabChangesFocus(True)
            else:
                field = QLineEdit(self)
            self.fields.append(self.row(label, field, name))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.fields[0].setFocus()

    def submit(self) -> Incident:
        return self._submit(*self.values())

    def values(self) -> list[str]:
        return [f.toPlainText() if isinstance(f, QPlainTextEdit) else f.text() for f in self.fields]


class IncidentsTab(QWidget):
    """Attributes: ``model`` (lazy list), ``view``, ``timeline``, the filter widgets and
    ``action_buttons`` (action -> button, enabled only for allowed transitions)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desk: Desk = session.desk
        self.current: Incident | None = None
        self.last_export: Path | None = None
        self.last_task: Any = None
        self.preview: Any = None
        english = session.english
        self.model = IncidentListModel(self.desk, english=english)
        self.timeline_model = TimelineModel(self.desk, english=english)
        self.attachment_model = AttachmentModel(self.desk)
        self._build_filters()
        self._build_list()
        self._build_detail()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        # On a short screen (1366×768 with a taskbar) the detail scrolls; the window fits.
        splitter.addWidget(scrolling(self.detail, self, framed=False))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 1)
        self.overdue_label = QLabel(self)
        self._install_status_widget()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        session.data_changed.connect(self._on_data_changed)
        self.apply_filter()

    # ----- building ---------------------------------------------------------------------
    def _build_filters(self) -> None:
        english = self.session.english
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索标题、描述、备注、处理结果（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)  # never collapses to "…" at 1280 px
        shortcuts.install(self, "incidents.search", self.search.setFocus)
        self.use_dates = QCheckBox(self.tr("日期(&D)"), self)
        site_today = self.session.site_today()
        today = QDate(site_today.year, site_today.month, site_today.day)
        self.date_from = QDateEdit(today.addMonths(-1), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filter)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.use_dates.toggled.connect(self.apply_filter)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("全部状态"), ())
        self.status.addItem(self.tr("未关闭"), tuple(s for s in STATUS_LABELS if s != "closed"))
        self.status.addItem(self.tr("处理中（未解决）"), OPEN_STATUSES)
        for code, (zh, en) in STATUS_LABELS.items():
            self.status.addItem(en if english else zh, (code,))
        self.severity = QComboBox(self)
        self.category = QComboBox(self)
        self.fill_reference_combos()
        self.person = QComboBox(self)
        self.person.addItem(self.tr("全部人员"), None)
        for person in self.desk.people.list():
            self.person.addItem(person.name, person.id)
        self.shift = QLineEdit(self)
        self.shift.setPlaceholderText(self.tr("班次"))
        self.shift.setMaximumWidth(70)
        self.shift.editingFinished.connect(self.apply_filter)
        self.overdue_only = QCheckBox(self.tr("仅超时(&C)"), self)
        for combo in (self.status, self.severity, self.category, self.person):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.overdue_only.toggled.connect(self.apply_filter)
        self.add_button = QPushButton(self.tr("登记事件(&N)"), self)
        shortcuts.assign(self.add_button, "incidents.new")
        self.add_button.clicked.connect(self.quick_add)
        self.export_button = QPushButton(self.tr("导出(&E)…"), self)
        shortcuts.assign(self.export_button, "incidents.export")
        self.export_button.clicked.connect(self.export)
        self.reference_button = QPushButton(self.tr("基础数据(&B)…"), self)
        self.reference_button.setToolTip(self.tr("严重程度、事件类别、来源"))
        self.reference_button.clicked.connect(self.edit_reference)
        # Two rows so that the tab fits 1280 px in either language: search, dates and the
        # buttons first; the choice filters below.
        self.filter_bar = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        search_label = QLabel(self.tr("搜索(&Q)："), self)
        search_label.setBuddy(self.search)
        first.addWidget(search_label)
        first.addWidget(self.search, 2)
        row_one: list[QWidget] = [self.use_dates, self.date_from, self.date_to, self.overdue_only]
        for widget in row_one:
            first.addWidget(widget)
        first.addStretch(1)
        for button in (self.add_button, self.export_button, self.reference_button):
            first.addWidget(button)
        row_two: list[QWidget] = [self.status, self.severity, self.category, self.person]
        for widget in [*row_two, self.shift]:
            second.addWidget(widget)
        second.addStretch(1)
        self.filter_bar.addLayout(first)
        self.filter_bar.addLayout(second)
        self.filter_error = error_label(self)
        self.info = QLabel(self)
        self.info.setStyleSheet("color: #1f5f8b;")
        self.info.hide()
        self.add_button.setEnabled(self.session.person.may("incidents.report"))

    def fill_reference_combos(self) -> None:
        """(Re)fill the severity and category filter choices, keeping the current pick."""
        ref = self.desk.incidents.reference
        english = self.session.english
        severity, category = self.severity.currentData(), self.category.currentData()
        for combo in (self.severity, self.category):
            combo.blockSignals(True)
            combo.clear()
        self.severity.addItem(self.tr("全部级别"), ())
        for item in ref.severities():
            self.severity.addItem(
                f"{item.code} {item.name_en if english else item.name}", (item.id,)
            )
        self.category.addItem(self.tr("全部类别"), None)
        for entry in ref.categories():
            self.category.addItem(entry.path_en if english else entry.path, entry.id)
        for combo, value in ((self.severity, severity), (self.category, category)):
            found = [i for i in range(combo.count()) if combo.itemData(i) == value]
            combo.setCurrentIndex(found[0] if found else 0)
        for combo in (self.severity, self.category):
            combo.blockSignals(False)

    def _build_list(self) -> None:
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        wide = 34 if self.session.english else 0  # English status words are longer
        widths = ((0, 125), (1, 230), (2, 56 + wide), (3, 76), (4, 115), (5, 115), (6, 56 + wide))
        for column, width in widths:
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    def _build_detail(self) -> None:
        self.detail = QWidget(self)
        self.summary = QLabel(self.detail)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.action_buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for position, (action, text, shortcut, slot) in enumerate(
            (
                ("acknowledge", self.tr("响应(&A)"), "incidents.acknowledge", self.acknowledge),
                ("start", self.tr("开始处理(&T)"), "incidents.start", self.start),
                ("escalate", self.tr("升级(&U)…"), "incidents.escalate", self.escalate),
                ("resolve", self.tr("解决(&R)…"), "incidents.resolve", self.resolve),
                ("close", self.tr("关闭(&L)"), "incidents.close", self.close_incident),
                ("reopen", self.tr("重新打开(&O)…"), "incidents.reopen", self.reopen),
            )
        ):
            button = QPushButton(text, self.detail)
            shortcuts.assign(button, shortcut)
            button.clicked.connect(slot)
            button.setEnabled(False)
            self.action_buttons[action] = button
            buttons.addWidget(button, position // 4, position % 4)
        self.print_button = QPushButton(self.tr("处理单(&P)…"), self.detail)
        shortcuts.assign(self.print_button, "incidents.print")
        self.print_button.clicked.connect(self.print_form)
        self.print_button.setEnabled(False)
        buttons.addWidget(self.print_button, 1, 2)
        self.timeline = QTableView(self.detail)
        self.timeline.setModel(self.timeline_model)
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setColumnWidth(0, 120)
        self.note = QPlainTextEdit(self.detail)
        self.note.setPlaceholderText(self.tr("添加备注（Ctrl+Enter 保存）"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        self.note_button = QPushButton(self.tr("添加备注(&M)"), self.detail)
        shortcuts.assign(self.note_button, "incidents.note")
        self.note_button.clicked.connect(self.add_note)
        self.note_error = error_label(self.detail)
        self.attachments = QTableView(self.detail)
        self.attachments.setModel(self.attachment_model)
        self.attachments.verticalHeader().hide()
        self.attachments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attachments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attachments.horizontalHeader().setStretchLastSection(True)
        self.attachments.setMaximumHeight(100)
        self.attachments.doubleClicked.connect(lambda _i: self.open_attachment())
        self.attach_button = QPushButton(self.tr("添加附件(&I)…"), self.detail)
        self.attach_button.clicked.connect(self.add_attachment)
        self.open_button = QPushButton(self.tr("查看(&W)"), self.detail)
        self.open_button.clicked.connect(self.open_attachment)
        self.save_button = QPushButton(self.tr("另存为(&Y)…"), self.detail)
        self.save_button.clicked.connect(self.save_attachment)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button)
        file_row = QHBoxLayout()
        file_row.addWidget(self.attach_button)
        file_row.addWidget(self.open_button)
        file_row.addWidget(self.save_button)
        file_row.addStretch(1)
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("处理过程"), self.detail))
        layout.addWidget(self.timeline, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.note_error)
        layout.addWidget(QLabel(self.tr("附件"), self.detail))
        layout.addWidget(self.attachments)
        layout.addLayout(file_row)
        self._show_detail(None)

    def _install_status_widget(self) -> None:
        # The main window's duty summary already counts overdue incidents from start-up;
        # a window without one (tests, embedding) gets this tab's own label.
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if (
            window is not None
            and hasattr(window, "add_status_widget")
            and not hasattr(window, "duty_status")
        ):
            window.add_status_widget(self.overdue_label, permanent=True)
        elif window is not None and hasattr(window, "duty_status"):
            self.overdue_label.hide()  # unplaced, it would paint over the search label
        self.refresh_overdue()

    def closeEvent(self, event: Any) -> None:
        # A pending search must not run after the window (and its database) went away.
        self._search_timer.stop()
        super().closeEvent(event)

    # ----- list and filters -------------------------------------------------------------
    def current_filter(self) -> IncidentFilter:
        date_from: date | None = None
        date_to: date | None = None
        if self.use_dates.isChecked():
            date_from = self.date_from.date().toPython()  # type: ignore[assignment]
            date_to = self.date_to.date().toPython()  # type: ignore[assignment]
        return IncidentFilter(
            query=self.search.text(),
            date_from=date_from,
            date_to=date_to,
            statuses=tuple(self.status.currentData() or ()),
            severity_ids=tuple(self.severity.currentData() or ()),
            category_id=self.category.currentData(),
            person_id=self.person.currentData(),
            shift_code=self.shift.text().strip() or None,
            overdue_only=self.overdue_only.isChecked(),
        )

    @Slot()
    def apply_filter(self) -> None:
        keep = self.current.id if self.current else None
        try:
            self.model.set_filter(self.current_filter())
        except DutyDeskError as error:
            self.filter_error.setText(self.session.error_text(error))
            self.filter_error.show()
            return
        self.filter_error.hide()
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and self.model.rowCount() and keep is None:
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        else:
            self._show_detail(None)

    @Slot()
    def refresh_overdue(self) -> None:
        count = self.desk.incidents.overdue_count()
        self.overdue_label.setText(self.tr("超时事件：{0}").format(count))
        self.overdue_label.setStyleSheet("color: #b00020;" if count else "")

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        if area == AREA:
            self.apply_filter()
            self.refresh_overdue()

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        incident = self.model.incident(current.row()) if current.isValid() else None
        self._show_detail(incident)

    def select_incident(self, incident_id: int) -> None:
        row = self.model.row_of(incident_id)
        if row >= 0:
            self.view.selectRow(row)

    def _show_detail(self, incident: Incident | None) -> None:
        self.current = incident
        self.timeline_model.load(incident.id if incident else None)
        self.attachment_model.load(incident.id if incident else None)
        person = self.session.person
        allowed = self.desk.incidents.allowed_actions(incident, person) if incident else []
        for action, button in self.action_buttons.items():
            button.setEnabled(action in allowed)
        can_write = "note" in allowed
        self.note.setEnabled(can_write)
        self.note_button.setEnabled(can_write)
        self.attach_button.setEnabled(can_write)
        self.print_button.setEnabled(incident is not None)
        self.open_button.setEnabled(incident is not None)
        self.save_button.setEnabled(incident is not None)
        self.note_error.hide()
        if incident is None:
            self.summary.setText(self.tr("选择左侧事件查看详情，或按 Ctrl+N 登记新事件。"))
            return
        self.summary.setText(self._summary_html(incident))

    def _source_text(self, incident: Incident) -> str:
        """The source by its English name in English, where the site gave one."""
        if not self.session.english or incident.source_id is None:
            return incident.source_name or ""
        sources = self.desk.incidents.reference.sources()
        found = next((s for s in sources if s.id == incident.source_id), None)
        return (found.name_en or found.name) if found else incident.source_name or ""

    def _summary_html(self, incident: Incident) -> str:
        from html import escape

        zone = self.model._zone
        english = self.session.english
        rows = [
            (self.tr("状态"), pick(STATUS_LABELS[incident.status], english)),
            (self.tr("级别"), self.model.cell_text(incident, self.model.COL_SEVERITY)),
            (self.tr("类别"), self.model.cell_text(incident, self.model.COL_CATEGORY)),
            (self.tr("来源"), self._source_text(incident)),
            (self.tr("地点"), incident.location),
            (
                self.tr("上报"),
                f"{format_site_time(incident.reported_at, zone)} {incident.reporter_name}",
            ),
        ]
        if incident.acknowledged_at:
            rows.append(
                (
                    self.tr("响应"),
                    format_site_time(incident.acknowledged_at, zone)
                    + f" {incident.acknowledged_by_name}",
                )
            )
        if incident.escalated_at:
            rows.append((self.tr("升级"), f"{incident.escalated_to}：{incident.escalation_reason}"))
        if incident.resolution:
            rows.append((self.tr("处理结果"), incident.resolution))
        if incident.closed_at:
            rows.append(
                (
                    self.tr("用时"),
                    self.tr("响应 {0} 分钟，解决 {1} 分钟").format(
                        incident.response_minutes, incident.resolution_minutes
                    ),
                )
            )
        if incident.reopened_from:
            rows.append(
                (self.tr("关联"), self.tr("由 #{0} 重新打开").format(incident.reopened_from))
            )
        if incident.overdue:
            rows.append((self.tr("超时"), self.tr("已超过时限")))
        if incident.description:
            rows.append((self.tr("描述"), incident.description))
        body = "".join(
            f"<tr><td style='color:#616e7c;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(v or '')}</td></tr>"
            for k, v in rows
        )
        colour = incident.severity_colour
        return (
            f"<h3 style='color:{colour}'>{escape(incident.number)} {escape(incident.title)}</h3>"
            f"<table>{body}</table>"
        )

    def _refresh_current(self, incident: Incident) -> None:
        self.model.replace(incident)
        self._show_detail(incident)
        self.refresh_overdue()
        self.session.data_changed.emit(AREA)

    def _fail(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("事件"), self.session.error_text(error))

    # ----- actions ----------------------------------------------------------------------
    @Slot()
    def quick_add(self) -> QuickAddDialog | None:
        if not self.session.person.may("incidents.report"):
            return None
        dialog = QuickAddDialog(self.session, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.open()
        return dialog

    @Slot()
    def edit_reference(self) -> Any:
        """基础数据: open the reference-data dialog; refresh the choices once it closes."""
        dialog = ReferenceDataDialog(self.session, self)
        dialog.finished.connect(lambda _result: self._reference_closed())
        dialog.open()
        return dialog

    def _reference_closed(self) -> None:
        self.fill_reference_combos()
        self.session.data_changed.emit(AREA)

    def _added(self, dialog: QuickAddDialog) -> None:
        if dialog.created is not None:
            self.select_incident(dialog.created.id)

    def _do(self, fn: Any) -> None:
        if self.current is None:
            return
        try:
            incident = fn(self.current.id)
        except DutyDeskError as error:
            self._fail(error)
            return
        self._refresh_current(incident)

    @Slot()
    def acknowledge(self) -> None:
        self._do(lambda i: self.desk.incidents.acknowledge(self.session.person, i))

    @Slot()
    def start(self) -> None:
        self._do(lambda i: self.desk.incidents.start(self.session.person, i))

    @Slot()
    def close_incident(self) -> None:
        if self.current is None:
            return
        text = self.tr(
            "关闭事件 {0}“{1}”？\n关闭后事件的记录不能再修改，需要时只能重新打开并说明原因。"
        ).format(self.current.number, self.current.title)
        if not confirm.confirm(self, self.tr("关闭事件"), text, self.tr("关闭事件")):
            return
        self._do(lambda i: self.desk.incidents.close(self.session.person, i))

    def escalate_dialog(self) -> IncidentTextDialog:
        rows = [
            (self.tr("升级至(&T)："), "escalated_to"),
            (self.tr("原因(&R)："), "escalation_reason"),
        ]
        return IncidentTextDialog(
            self.session, self.tr("升级事件"), rows, self.submit_escalation, self, 1
        )

    def resolve_dialog(self) -> IncidentTextDialog:
        rows = [(self.tr("处理结果(&R)："), "resolution")]
        return IncidentTextDialog(
            self.session, self.tr("解决事件"), rows, self.submit_resolution, self, 0
        )

    @Slot()
    def escalate(self) -> None:
        self.escalate_dialog().exec()

    def submit_escalation(self, to: str, reason: str) -> Incident:
        assert self.current is not None
        incident = self.desk.incidents.escalate(
            self.session.person, self.current.id, to=to, reason=reason
        )
        self._refresh_current(incident)
        return incident

    @Slot()
    def resolve(self) -> None:
        self.resolve_dialog().exec()

    def submit_resolution(self, text: str) -> Incident:
        assert self.current is not None
        incident = self.desk.incidents.resolve(
            self.session.person, self.current.id, resolution=text
        )
        self._refresh_current(incident)
        return incident

    @Slot()
    def reopen(self) -> None:
        if self.current is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("重新打开"),
            self.tr("已关闭的事件不会改动；将登记一个关联的新事件。原因："),
        )
        if ok:
            self.submit_reopen(reason)

    def submit_reopen(self, reason: str) -> Incident | None:
        assert self.current is not None
        try:
            incident = self.desk.incidents.reopen(
                self.session.person, self.current.id, reason=reason
            )
        except DutyDeskError as error:
            self._fail(error)
            return None
        self.session.data_changed.emit(AREA)
        self.select_incident(incident.id)
        return incident

    @Slot()
    def add_note(self) -> None:
        if self.current is None:
            return
        try:
            self.desk.incidents.add_note(
                self.session.person, self.current.id, self.note.toPlainText()
            )
        except DutyDeskError as error:
            self.note_error.setText(self.session.error_text(error))
            self.note_error.show()
            return
        self.note.clear()
        self.note_error.hide()
        self._refresh_current(self.desk.incidents.get(self.current.id))

    @Slot()
    def add_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("添加附件"),
            "",
            self.tr("图片、PDF 和文档 (*.png *.jpg *.jpeg *.gif *.bmp *.pdf *.txt *.doc *.docx"
                    " *.xls *.xlsx);;所有文件 (*)"),
        )  # fmt: skip
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> bool:
        assert self.current is not None
        try:
            data = path.read_bytes()
        except OSError as error:
            self._fail(error)
            return False
        try:
            self.desk.incidents.add_attachment(
                self.session.person, self.current.id, filename=path.name, data=data
            )
        except DutyDeskError as error:
            self._fail(error)
            return False
        self._refresh_current(self.desk.incidents.get(self.current.id))
        return True

    def _selected_attachment(self) -> Any:
        index = self.attachments.currentIndex()
        row = index.row() if index.isValid() else 0
        return self.attachment_model.attachment(row)

    @Slot()
    def open_attachment(self) -> Path | None:
        """Write the file to a temporary folder and open it with the system viewer."""
        import tempfile

        item = self._selected_attachment()
        if item is None:
            return None
        folder = Path(str(tempfile.mkdtemp(prefix="dutydesk-")))
        target: Path = folder / str(item.filename)
        target.write_bytes(self.desk.incidents.attachment_data(item.id))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    @Slot()
    def save_attachment(self) -> None:
        item = self._selected_attachment()
        if item is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存附件"), item.filename)
        if path:
            self.save_attachment_to(Path(path))

    def save_attachment_to(self, path: Path) -> Path | None:
        item = self._selected_attachment()
        if item is None:
            return None
        path.write_bytes(self.desk.incidents.attachment_data(item.id))
        return path

    @Slot()
    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出事件列表"),
            f"事件-{self.session.site_today().isoformat()}.xlsx",
            self.tr("Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Any:
        from dutydesk.incidents.export import export_incidents

        flt = self.current_filter()

        def work(desk: Desk, progress: Any) -> int:
            return export_incidents(desk, path, flt, progress=progress)

        def done(count: int) -> None:
            self.last_export = path
            self.info.setText(self.tr("已导出 {0} 条事件到 {1}").format(count, path))
            self.info.show()

        self.last_task = run_in_background(self, self.tr("正在导出事件…"), work, done)
        return self.last_task

    @Slot()
    def print_form(self) -> Any:
        if self.current is None:
            return None
        incident = self.current

        def work(desk: Desk, progress: Any) -> bytes:
            from reports.incident import build_incident_form

            return build_incident_form(desk, incident.id, progress=progress)

        def done(data: bytes) -> None:
            from ui.pdf_preview import show_pdf

            self.preview = show_pdf(
                self, data, title=self.tr("问题处理单"), suggested_name=f"{incident.number}.pdf"
            )

        self.last_task = run_in_background(self, self.tr("正在生成问题处理单…"), work, done)
        return self.last_task
