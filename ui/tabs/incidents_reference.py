"""基础数据: the administrator's editor for severities, the category tree and sources.

Each page is a list (model/view) with an edit form for the selected row below it and
新增 / 保存 buttons. The core validates; its ``ValidationError`` is shown next to the
field it names (``error.field``), anything else in a message box. Non-admins see the
pages read-only (the core would refuse them anyway).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError, ValidationError
from ui import shortcuts
from ui.forms import ERROR_STYLE
from ui.models.incidents_reference import (
    CategoryModel,
    ReferenceModel,
    SeverityModel,
    SourceModel,
)
from ui.session import Session

PERMISSION = "incidents.reference"


def _spin(parent: QWidget, maximum: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, maximum)
    spin.setMaximumWidth(180)
    return spin


class ReferencePage(QWidget):
    """A list with an edit form under it. Subclasses build the fields and call the core.

    ``fields`` maps the core's field name to its editor, ``errors`` to its error label;
    ``editing_id`` is the record being edited (None: 新增 a new one).
    """

    def __init__(self, session: Session, model: ReferenceModel, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.desk = session.desk
        self.model = model
        self.editing_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.form = QFormLayout()
        self.build_fields()
        self.mode_label = QLabel(self)
        self.new_button = QPushButton(self.tr("新增(&A)"), self)
        shortcuts.assign(self.new_button, "reference.new")
        self.save_button = QPushButton(self.tr("保存(&S)"), self)
        shortcuts.assign(self.save_button, "reference.save")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        may = session.person.may(PERMISSION)
        self.new_button.setEnabled(may)
        self.save_button.setEnabled(may)
        if not may:
            self.mode_label.setText(self.tr("只读：仅管理员可以修改基础数据"))
            for editor in self.focus_chain():
                if isinstance(editor, QLineEdit | QSpinBox):
                    editor.setReadOnly(True)
                else:
                    editor.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mode_label, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        order = [self.view, *self.focus_chain(), self.new_button, self.save_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        if model.rowCount():
            self.view.selectRow(0)
        else:
            self.new()

    # ----- for subclasses ---------------------------------------------------------------
    def build_fields(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def fill(self, item: Any) -> None:  # pragma: no cover - overridden
        """Put ``item`` (None: blank defaults for a new record) into the form."""
        raise NotImplementedError

    def submit(self) -> Any:  # pragma: no cover - overridden
        """Call the core's save with the form's values; return the saved record."""
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        return list(self.fields.values())

    def add_field(
        self, label_text: str, key: str, editor: QWidget, row: QWidget | None = None
    ) -> None:
        """A form row: label (mnemonic → editor), the editor (or ``row``), error label below."""
        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(row or editor)
        error = QLabel(box)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        inner.addWidget(error)
        label = QLabel(label_text, self)
        label.setBuddy(editor)
        self.form.addRow(label, box)
        self.fields[key] = editor
        self.errors[key] = error

    # ----- behaviour --------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current.row()) if current.isValid() else None
        if item is None:
            return
        self.editing_id = item.id
        self.clear_errors()
        self.fill(item)
        if self.session.person.may(PERMISSION):
            self.mode_label.setText(self.tr("修改所选记录"))

    @Slot()
    def new(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.editing_id = None
        self.clear_errors()
        self.fill(None)
        if self.session.person.may(PERMISSION):
            self.mode_label.setText(self.tr("新增一条记录"))
        first = self.focus_chain()
        if first:
            first[0].setFocus()

    @Slot()
    def save(self) -> Any:
        """Save the form; on error show it and change nothing. Returns the record or None."""
        self.clear_errors()
        try:
            saved = self.submit()
        except ValidationError as error:
            label = self.errors.get(error.field or "")
            if label is not None:
                label.setText(self.session.error_text(error))
                label.show()
                self.fields[error.field].setFocus()
            else:
                QMessageBox.warning(self, self.tr("基础数据"), self.session.error_text(error))
            return None
        except DutyDeskError as error:
            QMessageBox.warning(self, self.tr("基础数据"), self.session.error_text(error))
            return None
        self.model.reload()
        self.after_reload()
        row = self.model.row_of(saved.id)
        if row >= 0:
            self.view.selectRow(row)
        self.window().setProperty("changed", True)
        return saved

    def after_reload(self) -> None:
        """Hook: refresh choices that depend on the list (the parent combo)."""

    @property
    def ref(self) -> Any:
        return self.desk.incidents.reference


class SeverityPage(ReferencePage):
    def build_fields(self) -> None:
        self.code = QLineEdit(self)
        self.code.setMaxLength(10)
        self.name = QLineEdit(self)
        self.name_en = QLineEdit(self)
        self.colour = QLineEdit(self)
        self.colour.setPlaceholderText("#RRGGBB")
        self.colour.setMaximumWidth(110)
        self.swatch = QLabel(self)
        self.swatch.setFixedSize(44, 22)
        self.colour_button = QPushButton(self.tr("选择颜色(&L)…"), self)
        self.colour_button.clicked.connect(self.pick_colour)
        self.colour.textChanged.connect(self._show_swatch)
        colour_row = QWidget(self)
        row = QHBoxLayout(colour_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.colour)
        row.addWidget(self.swatch)
        row.addWidget(self.colour_button)
        row.addStretch(1)
        self.respond = _spin(self, 100000)
        self.respond.setSuffix(self.tr(" 分钟"))
        self.resolve = _spin(self, 1000000)
        self.resolve.setSuffix(self.tr(" 分钟"))
        self.rank = _spin(self, 9999)
        self.active = QCheckBox(self.tr("启用(&E)"), self)
        self.add_field(self.tr("代码(&C)："), "code", self.code)
        self.add_field(self.tr("名称(&N)："), "name", self.name)
        self.add_field(self.tr("英文名称(&G)："), "name_en", self.name_en)
        self.add_field(self.tr("颜色(&O)："), "colour", self.colour, colour_row)
        self.add_field(self.tr("响应时限(&R)："), "respond_minutes", self.respond)
        self.add_field(self.tr("解决时限(&V)："), "resolve_minutes", self.resolve)
        self.add_field(self.tr("排序(&K)："), "rank", self.rank)
        self.add_field("", "active", self.active)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.code,
            self.name,
            self.name_en,
            self.colour,
            self.colour_button,
            self.respond,
            self.resolve,
            self.rank,
            self.active,
        ]

    @Slot(str)
    def _show_swatch(self, text: str) -> None:
        colour = QColor(text.strip())
        valid = colour.isValid() and text.strip().startswith("#") and len(text.strip()) == 7
        self.swatch.setStyleSheet(
            f"background: {colour.name()}; border: 1px solid #666;"
            if valid
            else "border: 1px dashed #b00020;"
        )

    @Slot()
    def pick_colour(self) -> None:
        chosen = QColorDialog.getColor(
            QColor(self.colour.text().strip() or "#ffffff"), self, self.tr("严重程度颜色")
        )
        if chosen.isValid():
            self.colour.setText(chosen.name())

    def fill(self, item: Any) -> None:
        self.code.setText(item.code if item else "")
        self.name.setText(item.name if item else "")
        self.name_en.setText(item.name_en if item else "")
        self.colour.setText(item.colour if item else "#808080")
        self._show_swatch(self.colour.text())
        self.respond.setValue(item.respond_minutes if item else 30)
        self.resolve.setValue(item.resolve_minutes if item else 240)
        self.rank.setValue(item.rank if item else self.model.rowCount() + 1)
        self.active.setChecked(item.active if item else True)

    def submit(self) -> Any:
        return self.ref.save_severity(
            self.session.person,
            severity_id=self.editing_id,
            code=self.code.text(),
            name=self.name.text(),
            name_en=self.name_en.text(),
            colour=self.colour.text(),
            respond_minutes=self.respond.value(),
            resolve_minutes=self.resolve.value(),
            rank=self.rank.value(),
            active=self.active.isChecked(),
        )


class CategoryPage(ReferencePage):
    def build_fields(self) -> None:
        self.parent_combo = QComboBox(self)
        self.name = QLineEdit(self)
        self.name_en = QLineEdit(self)
        self.rank = _spin(self, 9999)
        self.active = QCheckBox(self.tr("启用(&E)"), self)
        self.add_field(self.tr("上级类别(&P)："), "parent_id", self.parent_combo)
        self.add_field(self.tr("名称(&N)："), "name", self.name)
        self.add_field(self.tr("英文名称(&G)："), "name_en", self.name_en)
        self.add_field(self.tr("排序(&K)："), "rank", self.rank)
        self.add_field("", "active", self.active)
        self.after_reload()

    def after_reload(self) -> None:
        keep = self.parent_combo.currentData()
        self.parent_combo.clear()
        self.parent_combo.addItem(self.tr("（顶级类别）"), None)
        english = self.session.english
        for category in self.model.items():
            self.parent_combo.addItem(
                category.path_en if english and category.path_en else category.path, category.id
            )
        self.set_parent(keep)

    def set_parent(self, parent_id: int | None) -> None:
        index = self.parent_combo.findData(parent_id) if parent_id is not None else 0
        self.parent_combo.setCurrentIndex(max(0, index))

    def fill(self, item: Any) -> None:
        if item is None:
            # the parent stays as it was: a new category goes beside the selected one
            self.name.clear()
            self.name_en.clear()
            self.rank.setValue(0)
            self.active.setChecked(True)
            return
        self.set_parent(item.parent_id)
        self.name.setText(item.name)
        self.name_en.setText(item.name_en)
        self.rank.setValue(item.rank)
        self.active.setChecked(item.active)

    def submit(self) -> Any:
        return self.ref.save_category(
            self.session.person,
            category_id=self.editing_id,
            parent_id=self.parent_combo.currentData(),
            name=self.name.text(),
            name_en=self.name_en.text(),
            rank=self.rank.value(),
            active=self.active.isChecked(),
        )


class SourcePage(ReferencePage):
    def build_fields(self) -> None:
        self.name = QLineEdit(self)
        self.name_en = QLineEdit(self)
        self.rank = _spin(self, 9999)
        self.active = QCheckBox(self.tr("启用(&E)"), self)
        self.add_field(self.tr("名称(&N)："), "name", self.name)
        self.add_field(self.tr("英文名称(&G)："), "name_en", self.name_en)
        self.add_field(self.tr("排序(&K)："), "rank", self.rank)
        self.add_field("", "active", self.active)

    def fill(self, item: Any) -> None:
        self.name.setText(item.name if item else "")
        self.name_en.setText(item.name_en if item else "")
        self.rank.setValue(item.rank if item else self.model.rowCount() + 1)
        self.active.setChecked(item.active if item else True)

    def submit(self) -> Any:
        return self.ref.save_source(
            self.session.person,
            source_id=self.editing_id,
            name=self.name.text(),
            name_en=self.name_en.text(),
            rank=self.rank.value(),
            active=self.active.isChecked(),
        )


class ReferenceDataDialog(QDialog):
    """Three pages: ``severities``, ``categories``, ``sources`` (each a ReferencePage).

    ``changed`` is True once anything was saved (the caller then refreshes its choices).
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("事件基础数据"))
        self.setProperty("changed", False)
        english = session.english
        self.tabs = QTabWidget(self)
        self.severities = SeverityPage(
            session, SeverityModel(session.desk, english=english), self.tabs
        )
        self.categories = CategoryPage(
            session, CategoryModel(session.desk, english=english), self.tabs
        )
        self.sources = SourcePage(session, SourceModel(session.desk, english=english), self.tabs)
        self.tabs.addTab(self.severities, self.tr("严重程度(&1)"))
        self.tabs.addTab(self.categories, self.tr("事件类别(&2)"))
        self.tabs.addTab(self.sources, self.tr("来源(&3)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)
        # Enter saves the form on the current page; no button is the dialog's default,
        # so Enter in a field never closes the dialog by accident.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                page = self.tabs.currentWidget()
                if isinstance(page, ReferencePage) and page.save_button.isEnabled():
                    page.save()
            event.accept()
            return
        super().keyPressEvent(event)

    @property
    def changed(self) -> bool:
        return bool(self.property("changed"))
