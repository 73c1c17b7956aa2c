"""The 交接班 tab: the current handover's checklist, open items, sign-off and history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.handover.service import HandoverRecord
from dutydesk.handover.templates import CHECK_NO, CHECK_YES
from ui import shortcuts
from ui.models.handover import (
    ITEM_ROLE,
    ChecklistModel,
    HistoryModel,
    OpenItemsModel,
    local_time,
    shift_names,
    shift_text,
    status_text,
)
from ui.session import Session
from ui.tabs.handover_dialogs import (
    OpenItemDialog,
    RecordDialog,
    ResolveDialog,
    SignDialog,
    StartDialog,
    TemplatesDialog,
)

Index = QModelIndex | QPersistentModelIndex
NO_DATE = QDate(2000, 1, 1)
REMARKS_IDLE_MS = 1500  # typed remarks are saved after this pause (and on leaving the box)


class CheckCombo(QComboBox):
    """The 是/否 editor: Y or 1 chooses 是, N or 0 chooses 否, so no mouse is needed."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        wanted = {"y": CHECK_YES, "1": CHECK_YES, "n": CHECK_NO, "0": CHECK_NO}.get(
            event.text().lower()
        )
        if wanted is not None and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            self.setCurrentIndex(self.findData(wanted))
            return
        super().keyPressEvent(event)


class ChecklistView(QTableView):
    """Enter saves the cell being edited and moves to the same column of the next item.

    The focus stays in the table; a value the core refused keeps the cursor on its cell.
    Enter on a cell that is not being edited moves on as well.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stay_on_cell = False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        stay, self.stay_on_cell = self.stay_on_cell, False
        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, hint)
            return
        current = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if not stay:
            self._move_down(current)

    def _move_down(self, current: QModelIndex | QPersistentModelIndex) -> None:
        model = self.model()
        if model is None or not current.isValid():
            return
        below = model.index(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._move_down(self.currentIndex())
            return
        super().keyPressEvent(event)


class ChecklistDelegate(QStyledItemDelegate):
    """Editors by item kind: 是/否 and choices as combo boxes, text and numbers as lines.

    Every edit is saved through the core at once; a refused value shows its message.
    """

    def __init__(self, tab: HandoverTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self.editor = self._make_editor(parent, index)
        return self.editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def commit_open_editor(self) -> None:
        """Save and close the cell being edited (before a refresh, a signature, sign-out)."""
        editor = self.editor
        if editor is not None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _make_editor(self, parent: QWidget, index: Index) -> QWidget:
        value = index.data(ITEM_ROLE)
        if index.column() == ChecklistModel.COL_VALUE and value is not None:
            if value.item.kind in ("check", "choice"):
                combo = CheckCombo(parent) if value.item.kind == "check" else QComboBox(parent)
                combo.addItem("", "")
                if value.item.kind == "check":
                    combo.addItem(QCoreApplication.translate("HandoverTab", "是"), CHECK_YES)
                    combo.addItem(QCoreApplication.translate("HandoverTab", "否"), CHECK_NO)
                else:
                    for choice in value.item.choices:
                        combo.addItem(choice, choice)
                return combo
        editor = QLineEdit(parent)
        if value is not None and value.item.kind == "number":
            editor.setPlaceholderText(value.item.range_text)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        current = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findData(current)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(current))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentData() or ""
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:  # pragma: no cover
            return
        self.tab.save_cell(index.row(), index.column(), text)


class HandoverTab(QWidget):
    """Current handover (checklist + open items + sign-off) and the history of records."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desk = session.desk
        self.record: HandoverRecord | None = None
        # The record whose remarks were typed and are not saved yet (None: nothing pending).
        self._remarks_pending_for: int | None = None
        self._loading_remarks = False
        self._remarks_timer = QTimer(self)
        self._remarks_timer.setSingleShot(True)
        self._remarks_timer.setInterval(REMARKS_IDLE_MS)
        self._remarks_timer.timeout.connect(self.save_remarks)
        self.pages = QTabWidget(self)
        self.pages.addTab(self._build_current(), self.tr("当前交接班"))
        self.pages.addTab(self._build_history(), self.tr("历史记录"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        for name, slot in (
            ("handover.current", lambda: self.pages.setCurrentIndex(0)),
            ("handover.history", lambda: self.pages.setCurrentIndex(1)),
            ("handover.refresh", self.refresh),
        ):
            shortcuts.install(self, name, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.data_changed.connect(self._on_data_changed)
        self.refresh()

    # ------------------------------------------------------------------ layout

    def _build_current(self) -> QWidget:
        page = QWidget(self)
        self.pending = QComboBox(page)
        self.pending.setMinimumWidth(360)
        self.pending.activated.connect(self._pending_chosen)
        pending_label = QLabel(self.tr("待处理的交接班(&J)："), page)
        pending_label.setBuddy(self.pending)
        self.start_button = QPushButton(self.tr("发起交接班(&N)…"), page)
        self.start_button.clicked.connect(self.start_handover)
        self.submit_button = QPushButton(self.tr("交班确认(&C)…"), page)
        self.submit_button.clicked.connect(lambda: self.sign("submit"))
        self.accept_button = QPushButton(self.tr("接班确认(&A)…"), page)
        self.accept_button.clicked.connect(lambda: self.sign("accept"))
        self.reject_button = QPushButton(self.tr("退回(&R)…"), page)
        self.reject_button.clicked.connect(lambda: self.sign("reject"))
        self.print_button = QPushButton(self.tr("打印预览(&P)…"), page)
        self.print_button.clicked.connect(lambda: self.print_preview(self._record_id()))
        self.templates_button = QPushButton(self.tr("检查表模板(&T)…"), page)
        self.templates_button.clicked.connect(self.show_templates)
        top = QHBoxLayout()
        top.addWidget(pending_label)
        top.addWidget(self.pending, 1)
        for button in (
            self.start_button,
            self.submit_button,
            self.accept_button,
            self.reject_button,
            self.print_button,
            self.templates_button,
        ):
            top.addWidget(button)
        self.header = QLabel(page)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.missing = QLabel(page)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b42318;")

        self.checklist_model = ChecklistModel(self)
        self.checklist = ChecklistView(page)
        self.checklist.setModel(self.checklist_model)
        self.delegate = ChecklistDelegate(self)
        self.checklist.setItemDelegate(self.delegate)
        self.checklist.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setTabKeyNavigation(True)
        self.checklist.setWordWrap(True)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(ChecklistModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ChecklistModel.COL_NOTE, QHeaderView.ResizeMode.Stretch)
        # Wrapped rows take their height from the final column widths, not the first layout.
        self._row_heights = QTimer(self)
        self._row_heights.setSingleShot(True)
        self._row_heights.setInterval(0)
        self._row_heights.timeout.connect(self.checklist.resizeRowsToContents)
        header.sectionResized.connect(lambda *_args: self._row_heights.start())
        self.checklist.setColumnWidth(ChecklistModel.COL_SECTION, 110)
        self.checklist.setColumnWidth(ChecklistModel.COL_VALUE, 150)
        self.checklist.setColumnWidth(ChecklistModel.COL_RANGE, 100)
        checklist_label = QLabel(
            self.tr(
                "检查项(&K)：方向键选择，直接输入或 F2 编辑，回车保存并到下一项"
                "（是/否：Y 或 N）；* 为必填项"
            ),
            page,
        )
        checklist_label.setBuddy(self.checklist)

        left = QWidget(page)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.header)
        left_layout.addWidget(checklist_label)
        left_layout.addWidget(self.checklist, 1)
        left_layout.addWidget(self.missing)
        self.remarks = QPlainTextEdit(left)
        self.remarks.setTabChangesFocus(True)
        self.remarks.setFixedHeight(56)
        self.remarks.textChanged.connect(self._remarks_edited)
        self.remarks.installEventFilter(self)
        remarks_label = QLabel(self.tr("交接备注(&M)："), left)
        remarks_label.setBuddy(self.remarks)
        self.save_remarks_button = QPushButton(self.tr("保存备注(&G)"), left)
        self.save_remarks_button.clicked.connect(self.save_remarks)
        remarks_row = QHBoxLayout()
        remarks_row.addWidget(remarks_label)
        remarks_row.addWidget(self.remarks, 1)
        remarks_row.addWidget(self.save_remarks_button)
        left_layout.addLayout(remarks_row)

        open_box = QGroupBox(self.tr("遗留问题"), page)
        self.open_model = OpenItemsModel(self.desk, self, lang=self.session.lang)
        self.open_view = QTableView(open_box)
        self.open_view.setModel(self.open_model)
        self.open_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.open_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.open_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.open_view.horizontalHeader().setStretchLastSection(True)
        self.open_view.setColumnWidth(0, 48)
        self.open_view.setColumnWidth(1, 190)
        self.open_view.setColumnWidth(2, 90)
        self.open_view.setColumnWidth(3, 60)
        open_label = QLabel(self.tr("遗留问题列表(&L)："), open_box)
        open_label.setBuddy(self.open_view)
        self.add_open_button = QPushButton(self.tr("新增遗留问题(&O)…"), open_box)
        self.add_open_button.clicked.connect(self.add_open_item)
        self.resolve_button = QPushButton(self.tr("解决(&E)…"), open_box)
        self.resolve_button.clicked.connect(self.resolve_open_item)
        self.show_resolved = QCheckBox(self.tr("显示已解决(&D)"), open_box)
        self.show_resolved.toggled.connect(self._toggle_resolved)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_open_button)
        buttons.addWidget(self.resolve_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_resolved)
        open_layout = QVBoxLayout(open_box)
        open_layout.addWidget(open_label)
        open_layout.addWidget(self.open_view, 1)
        open_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(left)
        splitter.addWidget(open_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget(self)
        self.status_filter = QComboBox(page)
        self.status_filter.addItem(self.tr("全部"), "")
        for status in ("draft", "submitted", "locked", "rejected"):
            self.status_filter.addItem(status_text(status), status)
        self.person_filter = QComboBox(page)
        self.person_filter.addItem(self.tr("全部人员"), None)
        for person in self.desk.handover.candidates():
            self.person_filter.addItem(f"{person.name}（{person.employee_no}）", person.id)
        self.from_filter = self._date_filter(page)
        self.to_filter = self._date_filter(page)
        self.flagged_filter = QCheckBox(self.tr("只看有异常项(&X)"), page)
        self.search_button = QPushButton(self.tr("查询(&Q)"), page)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.refresh_history)
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("状态(&T)："), self.status_filter),
            (self.tr("人员(&U)："), self.person_filter),
            (self.tr("从(&M)："), self.from_filter),
            (self.tr("到(&Y)："), self.to_filter),
        ):
            label = QLabel(text, page)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.flagged_filter)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        self.history_model = HistoryModel(self.desk, self)
        self.history_view = QTableView(page)
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((60, 95, 120, 120, 140, 95, 60, 60)):
            self.history_view.setColumnWidth(column, width)
        self.history_view.activated.connect(self._history_activated)
        history_label = QLabel(self.tr("记录(&J)：回车查看"), page)
        history_label.setBuddy(self.history_view)
        self.history_count = QLabel(page)
        self.open_record_button = QPushButton(self.tr("查看(&W)…"), page)
        self.open_record_button.clicked.connect(
            lambda: self._history_activated(self.history_view.currentIndex())
        )
        self.history_print_button = QPushButton(self.tr("打印预览(&I)…"), page)
        self.history_print_button.clicked.connect(self._print_selected_history)
        bottom = QHBoxLayout()
        bottom.addWidget(self.history_count)
        bottom.addStretch(1)
        bottom.addWidget(self.open_record_button)
        bottom.addWidget(self.history_print_button)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(history_label)
        layout.addWidget(self.history_view, 1)
        layout.addLayout(bottom)
        return page

    def _date_filter(self, parent: QWidget) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        return edit

    # ----------------------------------------------------------------- refresh

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        if area in ("handover", "incidents", "roster", "people"):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Re-read the pending records; what is typed is saved first and the cursor kept."""
        if self._remarks_pending_for is not None and not self._saving:
            self.save_remarks()
        current_id = self._record_id()
        self.pending.clear()
        mine = self.desk.handover.current_for(self.session.person)
        shifts = shift_names(self.desk)
        for summary in self.desk.handover.pending():
            self.pending.addItem(
                f"#{summary.id} {summary.shift_date} "
                f"{shift_text(shifts, summary.outgoing_shift_code)}→"
                f"{shift_text(shifts, summary.incoming_shift_code)} · {summary.outgoing_name} → "
                f"{summary.incoming_name} · {status_text(summary.status)}",
                summary.id,
            )
        wanted = current_id if current_id is not None else (mine.id if mine else None)
        kept: HandoverRecord | None = None
        if current_id is not None and self.pending.findData(current_id) < 0:
            # The record just left the pending list (signed and locked, or returned and
            # resubmitted as a new draft): stay on it, never jump to another handover.
            try:
                kept = self.desk.handover.get(current_id)
            except DutyDeskError:
                wanted = mine.id if mine else None
            else:
                wanted = kept.resubmitted_as or current_id
        index = self.pending.findData(wanted) if wanted is not None else -1
        if index < 0 and kept is None:
            if mine is not None:
                index = self.pending.findData(mine.id)
            if index < 0 and self.pending.count():
                index = 0
        self.pending.setCurrentIndex(index)
        if index >= 0:
            record_id = self.pending.itemData(index)
        else:
            record_id = wanted if kept is not None else None
        if index < 0 and kept is not None:
            self.pending.setPlaceholderText(
                self.tr("#{0} {1}：已不在待处理列表中，可在历史记录中查看").format(
                    kept.id, status_text(kept.status)
                )
            )
        else:
            self.pending.setPlaceholderText("")
        self.show_record(record_id)
        self.open_model.refresh()
        self.refresh_history()

    def show_record(self, record_id: int | None) -> None:
        if record_id != self._record_id() and not self._saving:
            self.save_pending_input()
        self.record = self.desk.handover.get(record_id) if record_id is not None else None
        record = self.record
        person = self.session.person
        editable = bool(
            record
            and record.status == "draft"
            and person.may("handover.fill")
            and (person.id in (record.outgoing.id, record.incoming.id) or person.has_role("leader"))
        )
        self.checklist_model.set_record(record, editable=editable)
        self._show_remarks(record)
        self.remarks.setReadOnly(not editable)
        self.save_remarks_button.setEnabled(editable)
        self.checklist.resizeRowsToContents()
        if record is None:
            self.header.setText(self.tr("目前没有待处理的交接班。按“发起交接班”开始本班的交接。"))
            self.missing.clear()
        else:
            desk = self.desk
            shifts = shift_names(desk)
            self.header.setText(
                self.tr(
                    "<b>#{0}</b> {1} · 交班 {2} {3} → 接班 {4} {5} · 交接时间点 {6} · "
                    "<b>{7}</b> · 检查表 {8}（第 {9} 版）"
                ).format(
                    record.id,
                    record.shift_date,
                    shift_text(shifts, record.outgoing_shift_code),
                    record.outgoing.name,
                    shift_text(shifts, record.incoming_shift_code),
                    record.incoming.name,
                    local_time(desk, record.shift_boundary_at),
                    status_text(record.status),
                    record.template_name,
                    record.template_version,
                )
            )
            missing = record.missing
            if record.status == "draft" and missing:
                self.missing.setText(
                    self.tr("还有 {0} 个必填项未填写：{1}").format(
                        len(missing), "、".join(i.label for i in missing)
                    )
                )
            elif record.status == "draft":
                self.missing.setText("")
            else:
                self.missing.setText("")
        can_sign = person.may("handover.sign")
        status = record.status if record else None
        self.start_button.setEnabled(person.may("handover.fill"))
        self.submit_button.setEnabled(can_sign and status == "draft")
        self.accept_button.setEnabled(can_sign and status == "submitted")
        self.reject_button.setEnabled(can_sign and status == "submitted")
        self.print_button.setEnabled(record is not None)
        self.add_open_button.setEnabled(person.may("handover.open_items"))
        self.resolve_button.setEnabled(person.may("handover.open_items"))

    @Slot()
    def refresh_history(self) -> None:
        def day(edit: QDateEdit) -> str | None:
            return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

        self.history_model.refresh(
            status=self.status_filter.currentData() or None,
            person_id=self.person_filter.currentData(),
            date_from=day(self.from_filter),
            date_to=day(self.to_filter),
            flagged_only=self.flagged_filter.isChecked(),
        )
        self.history_count.setText(self.tr("共 {0} 条").format(self.history_model.total))

    def _record_id(self) -> int | None:
        return self.record.id if self.record is not None else None

    # ----------------------------------------------------------------- actions

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("交接班"), self.session.error_text(exc))

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    _saving = False

    def save_cell(self, row: int, column: int, text: str) -> bool:
        """Save one edited cell through the core at once; a refused value keeps the old one.

        The rows are updated in place (no model reset), so the editor, the current cell and
        the focus stay where they are. The error of a refused value is shown after the
        editor has closed; then the cell opens again with the refused text to correct.
        """
        value = self.checklist_model.value_at(row)
        if self.record is None or value is None or self._saving:
            return False
        before = (value.value or "") if column == ChecklistModel.COL_VALUE else value.note
        if str(before) == text:
            return True  # nothing changed: no write, no audit row
        self._saving = True
        try:
            if column == ChecklistModel.COL_VALUE:
                self.desk.handover.set_value(
                    self.session.person, self.record.id, value.item.id, text
                )
            elif column == ChecklistModel.COL_NOTE:
                self.desk.handover.set_values(
                    self.session.person, self.record.id, {}, notes={value.item.id: text}
                )
            self.show_record(self.record.id)
        except DutyDeskError as exc:
            self.checklist.stay_on_cell = True
            QTimer.singleShot(0, lambda error=exc: self._refused(error, row, column, text))
            return False
        finally:
            self._saving = False
        self.session.data_changed.emit("handover")
        return True

    def _refused(self, error: DutyDeskError, row: int, column: int, text: str) -> None:
        self._show_error(error)
        index = self.checklist_model.index(row, column)
        if not index.isValid() or not self.checklist_model.flags(index) & (
            Qt.ItemFlag.ItemIsEditable
        ):
            return
        self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)
        self.checklist.setCurrentIndex(index)
        self.checklist.edit(index)
        editor = self.delegate.editor
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    def save_pending_input(self) -> bool:
        """Save the cell being edited and typed remarks; False when something was refused."""
        self.delegate.commit_open_editor()
        if self._remarks_pending_for is not None:
            return self.save_remarks()
        return True

    def _show_remarks(self, record: HandoverRecord | None) -> None:
        if record is not None and self._remarks_pending_for == record.id:
            return  # typed and not saved yet: never overwrite
        saved = record.remarks if record else ""
        if self.remarks.toPlainText().strip() == saved and self._remarks_pending_for is None:
            return  # unchanged: keep the cursor where it is
        self._loading_remarks = True
        try:
            self.remarks.setPlainText(saved)
        finally:
            self._loading_remarks = False
        self._remarks_pending_for = None
        self._remarks_timer.stop()

    @Slot()
    def _remarks_edited(self) -> None:
        if self._loading_remarks or self.record is None or self.remarks.isReadOnly():
            return
        self._remarks_pending_for = self.record.id
        self._remarks_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.remarks and event.type() == QEvent.Type.FocusOut:
            if self._remarks_pending_for is not None:
                QTimer.singleShot(0, self.save_remarks)
        return super().eventFilter(watched, event)

    @Slot()
    def show_templates(self) -> None:
        TemplatesDialog(self.session, self).exec()

    @Slot()
    def save_remarks(self) -> bool:
        """Save the typed remarks to the record they were typed for; True when saved."""
        self._remarks_timer.stop()
        record_id = self._remarks_pending_for
        if record_id is None:
            record_id = self._record_id()
        if record_id is None or self._saving:
            return self._remarks_pending_for is None
        self._saving = True
        try:
            self.desk.handover.set_remarks(
                self.session.person, record_id, self.remarks.toPlainText()
            )
        except DutyDeskError as exc:
            self._show_error(exc)
            return False
        finally:
            self._saving = False
        self._remarks_pending_for = None
        self.session.data_changed.emit("handover")
        return True

    @Slot(int)
    def _pending_chosen(self, index: int) -> None:
        self.save_pending_input()
        self.pending.setPlaceholderText("")
        self.show_record(self.pending.itemData(index))

    @Slot()
    def start_handover(self) -> None:
        dialog = StartDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.record = dialog.result_value
            self.session.data_changed.emit("handover")
            self.checklist.setFocus()
            self.checklist.setCurrentIndex(self.checklist_model.index(0, ChecklistModel.COL_VALUE))

    def sign(self, mode: str) -> None:
        if self.record is None:
            return
        if not self.save_pending_input() and not self._ask(
            self.tr("交接班"),
            self.tr("输入的内容未能保存（见上一条提示）。仍要签名吗？签名的将是已保存的内容。"),
        ):
            return
        self.record = self.desk.handover.get(self.record.id)
        if mode == "submit" and self.record.missing:
            self.missing.setFocus()
        dialog = SignDialog(self.session, self.record, mode, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.record = dialog.result_value
            self.session.data_changed.emit("handover")

    @Slot()
    def add_open_item(self) -> None:
        draft = self.record.id if self.record and self.record.status == "draft" else None
        dialog = OpenItemDialog(self.session, draft, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.data_changed.emit("handover")

    @Slot()
    def resolve_open_item(self) -> None:
        item = self.open_model.item_at(self.open_view.currentIndex().row())
        if item is None or item.status != "open":
            QMessageBox.information(
                self, self.tr("遗留问题"), self.tr("请先在列表中选择一个未解决的遗留问题。")
            )
            return
        dialog = ResolveDialog(self.session, item.id, item.title, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.data_changed.emit("handover")

    @Slot(bool)
    def _toggle_resolved(self, checked: bool) -> None:
        self.open_model.include_resolved = checked
        self.open_model.refresh()

    @Slot(QModelIndex)
    def _history_activated(self, index: QModelIndex) -> None:
        summary = self.history_model.summary_at(index.row()) if index.isValid() else None
        if summary is None:
            return
        dialog = RecordDialog(self.session, summary.id, self, on_print=self.print_preview)
        dialog.exec()

    @Slot()
    def _print_selected_history(self) -> None:
        summary = self.history_model.summary_at(self.history_view.currentIndex().row())
        if summary is not None:
            self.print_preview(summary.id)

    def print_preview(self, handover_id: int | None) -> Any:
        """Make the sheet off the GUI thread, then show it for printing or saving."""
        if handover_id is None:
            return None
        from ui.pdf_preview import show_pdf
        from ui.worker import run_in_background

        def work(desk: Any, progress: Any) -> bytes:
            from reports.handover import build_handover_sheet

            return build_handover_sheet(desk, handover_id, progress=progress)

        title = self.tr("交接班记录 #{0}").format(handover_id)
        return run_in_background(
            self,
            title,
            work,
            lambda data: show_pdf(
                self, data, title=title, suggested_name=f"handover-{handover_id}.pdf"
            ),
            session=self.session,
        )
