"""The 待办 (to-do) panel: what the signed-in person has to do today, from the core's
``desk.todo(person, site_today)``; shown at sign-in and counted in the status bar. Each
entry opens the place to act: its tab, with the record selected (or the dialog to use).

Whether a person closed the panel, and its height, are kept per person in the window's
preferences (``ui.prefs``): it stays closed at their next sign-in until 视图 → 待办面板
(or F9) brings it back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import site_today
from dutydesk.errors import DutyDeskError
from dutydesk.improvement.communication import TODO_KINDS, TodoItem
from dutydesk.text import pick
from ui import prefs, shortcuts
from ui.models.base import is_long_text

if TYPE_CHECKING:
    from ui.main_window import MainWindow

OVERDUE = QColor("#b00020")
# The panel's height until the person drags it to another (about five rows at 1280×720).
DEFAULT_HEIGHT = 140
MINIMUM_HEIGHT = 60


def select_by_id(view: QAbstractItemView, rows: list[Any], ref: int | None) -> bool:
    """Select the row whose record has ``id == ref``; True when found."""
    for number, record in enumerate(rows):
        if getattr(record, "id", None) == ref:
            index = view.model().index(number, 0)
            view.setCurrentIndex(index)
            view.scrollTo(index)
            return True
    return False


class TodoPanel(QDockWidget):
    """A dock below the tabs; ``items`` are the core's entries, one table row each
    (``list``: 事项, 说明, 期限)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("todoDock")
        self.items: list[TodoItem] = []
        self._height_pending = False
        self._height_at_press: int | None = None
        self.list = QTableWidget(0, 3, self)
        self.list.setObjectName("todoList")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Reached with F9 (or a click), not by Tab: when the focused control of a tab is
        # hidden, Qt must not hand the focus (and the next key) to this list.
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.setWidget(body)
        self.list.setMinimumHeight(MINIMUM_HEIGHT)
        self.count_label = QLabel(window)
        self.count_label.setObjectName("todoCount")
        window.add_status_widget(self.count_label, permanent=True)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.installEventFilter(self)  # drags of the panel's edge (its height)
        window.signed_in.connect(self.show_for_sign_in)
        window.signed_out.connect(self.clear)
        window.locked.connect(lambda: body.setEnabled(False))
        window.unlocked.connect(lambda: body.setEnabled(True))
        shortcuts.install(window, "window.todo", self.focus_list)
        # 视图 → 待办面板: shows or closes the panel (and is checked while it is open).
        self.toggle_action = QAction(window)
        self.toggle_action.setObjectName("todoToggle")
        self.toggle_action.setCheckable(True)
        shortcuts.assign(self.toggle_action, "window.todo_panel")
        self.toggle_action.triggered.connect(self.set_open)
        window.addAction(self.toggle_action)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.toggle_action)
        window.session.data_changed.connect(self._data_changed)
        window.session.language_changed.connect(lambda _lang: self.refresh())
        self.show_for_sign_in()

    @property
    def session(self) -> Any:
        return self.window_.session

    def today(self) -> date:
        return site_today(self.session.desk)

    # ----- the person's preference: closed or open, and the height ---------------------

    def _key(self, name: str) -> str:
        return f"todo/person{self.session.person.id}/{name}"

    def closed_by_person(self) -> bool:
        """The signed-in person closed the panel (and has not opened it again)."""
        value = prefs.qsettings().value(self._key("closed"), False)
        return value is True or str(value).lower() == "true"

    def _remember_closed(self, closed: bool) -> None:
        settings = prefs.qsettings()
        settings.setValue(self._key("closed"), closed)
        settings.sync()
        self.toggle_action.setChecked(not closed)

    def stored_height(self) -> int:
        try:
            height = int(str(prefs.qsettings().value(self._key("height"), DEFAULT_HEIGHT)))
        except (TypeError, ValueError):
            return DEFAULT_HEIGHT
        return max(MINIMUM_HEIGHT, height)

    def save_height(self) -> None:
        """Remember the height the person gave the panel (while it is shown and docked)."""
        if self.isHidden() or self.isFloating() or not self.window_.isVisible():
            return
        settings = prefs.qsettings()
        settings.setValue(self._key("height"), self.height())
        settings.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The person drags the panel's edge: the window itself (not a child) gets the
        press and the release. Only a height changed by such a drag is remembered: a tab
        that needs more room squeezes the panel, and that is not the person's choice."""
        if watched is self.window_:
            if event.type() == QEvent.Type.MouseButtonPress:
                self._height_at_press = self.height()
            elif event.type() == QEvent.Type.MouseButtonRelease:
                before, self._height_at_press = self._height_at_press, None
                if before is not None and before != self.height():
                    self.save_height()
        return False

    def _open(self) -> None:
        """Show the panel at the person's height (once the window is laid out)."""
        was_hidden = self.isHidden() or not self.window_.isVisible()
        self.show()
        self.raise_()
        if was_hidden:
            self._height_pending = True
            if self.window_.isVisible():
                self._apply_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._height_pending:
            QTimer.singleShot(0, self._apply_height)

    @Slot()
    def _apply_height(self) -> None:
        if not self._height_pending or self.isHidden() or not self.window_.isVisible():
            return
        self._height_pending = False
        if not self.isFloating():
            self.window_.resizeDocks([self], [self.stored_height()], Qt.Orientation.Vertical)

    # ----- showing and closing ---------------------------------------------------------

    @Slot()
    def show_for_sign_in(self) -> None:
        """At sign-in: read the list and show the panel, unless this person closed it."""
        self.refresh()
        closed = self.closed_by_person()
        self.toggle_action.setChecked(not closed)
        if closed:
            self.hide()
        else:
            self._open()

    @Slot(bool)
    def set_open(self, open_: bool) -> None:
        """视图 → 待办面板: show the panel (remembered) or close it like its close box."""
        if open_:
            self._open()
            self._remember_closed(False)
        else:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The close box (or the menu): closed for this person until they open it again."""
        super().closeEvent(event)
        if event.isAccepted():
            self._remember_closed(True)

    @Slot()
    def focus_list(self) -> None:
        """F9: show the panel and put the keyboard in the list (Enter opens an entry)."""
        if self.window_.is_locked:
            return
        self._open()
        self._remember_closed(False)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.items and self.list.currentRow() < 0:
            self.list.setCurrentCell(0, 0)

    @Slot()
    def clear(self) -> None:
        self.items = []
        self.list.setRowCount(0)
        self.count_label.clear()
        self.hide()

    @Slot(str)
    def _data_changed(self, _area: str) -> None:
        if not self.window_.is_signed_out:
            self.refresh()

    def refresh(self) -> None:
        e = self.session.english
        self.setWindowTitle(self.tr("待办"))
        self.toggle_action.setText(self.tr("待办面板(&T)"))
        try:
            self.items = self.session.desk.todo(self.session.person, self.today())
        except DutyDeskError as error:
            self.items = []
            self.empty.setText(self.session.error_text(error))
        self.list.setHorizontalHeaderLabels([self.tr("事项"), self.tr("说明"), self.tr("期限")])
        self.list.setRowCount(len(self.items))
        colon = ": " if e else "："
        for row, item in enumerate(self.items):
            zh, en, _tab = TODO_KINDS[item.kind]
            kind = pick((zh, en), e)
            mark = self.tr("【逾期】") if item.overdue else ""
            title, detail = item.text(e)
            cells = (f"{mark}{kind}{colon}{title}", detail, item.due_on)
            hint = self.tr("回车或双击：打开处理的位置")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                # A long text may be cut by its column: the tooltip gives it in full.
                cell.setToolTip(f"{text}\n{hint}" if is_long_text(text) else hint)
                if item.overdue:
                    cell.setForeground(QBrush(OVERDUE))
                self.list.setItem(row, column, cell)
        if self.items:
            self.list.setCurrentCell(0, 0)
            self.empty.clear()
        elif not self.empty.text():
            self.empty.setText(self.tr("今天没有待办事项。"))
        self.empty.setVisible(not self.items)
        overdue = sum(1 for i in self.items if i.overdue)
        text = self.tr("待办 {0} 项").format(len(self.items))
        if overdue:
            text += self.tr("（逾期 {0}）").format(overdue)
        self.count_label.setText(text)
        self.count_label.setStyleSheet("color: #b00020;" if overdue else "")

    @Slot(QTableWidgetItem)
    def _activated(self, entry: QTableWidgetItem) -> None:
        row = entry.row()
        if 0 <= row < len(self.items):
            self.open_item(self.items[row])

    def open_item(self, item: TodoItem) -> QWidget:
        """Switch to the entry's tab and select its record (or open the dialog to act)."""
        tab = self.window_.select_tab(item.tab)
        opener = _OPENERS.get(item.kind)
        if opener is not None:
            opener(tab, item)
        return tab


def _feedback_page(tab: Any, page: Any) -> Any:
    tab.pages.setCurrentWidget(page)
    page.refresh()
    return page


def _open_action(tab: Any, item: TodoItem) -> None:
    page = _feedback_page(tab, tab.actions_page)
    select_by_id(page.view, page.model.rows, item.ref)


def _open_cycle(tab: Any, item: TodoItem) -> None:
    page = _feedback_page(tab, tab.cycles)
    select_by_id(page.view, page.model.rows, item.ref)


def _open_meeting(tab: Any, item: TodoItem) -> None:
    page = getattr(tab, "plan_page", None)
    if page is None:
        _feedback_page(tab, tab.meetings)
        return
    page = _feedback_page(tab, page)
    select_by_id(page.view, page.model.rows, item.ref)


def _open_qualification(tab: Any, item: TodoItem) -> None:
    page = tab.matrix
    tab.tabs.setCurrentWidget(page)
    qualification = next(
        (q for q in page.desk.training.qualifications.list() if q.id == item.ref), None
    )
    if qualification is None:
        return
    for row in range(page.model.rowCount()):
        if page.model.person(row).id == qualification.person_id:
            index = page.model.index(row, 0)
            page.view.setCurrentIndex(index)
            page.view.scrollTo(index)
            return


def _open_roster(tab: Any, item: TodoItem) -> None:
    tab.go_today()
    tab.go_next()
    tab.open_generation()


def _open_holidays(tab: Any, item: TodoItem) -> None:
    tab.open_calendar()


_OPENERS = {
    "action": _open_action,
    "cycle": _open_cycle,
    "meeting": _open_meeting,
    "qualification": _open_qualification,
    "roster": _open_roster,
    "holidays": _open_holidays,
}


def install_todo(window: MainWindow) -> TodoPanel:
    return TodoPanel(window)
