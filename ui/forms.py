"""Forms: ``FormDialog``, the base of every form dialog, and ``FieldWithError`` (a line edit
with its error label right below it) for the forms that are not one core call on OK: the
first-run wizard and the KPI targets, which save field by field."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import AuthenticationFailed, DutyDeskError, ValidationError
from ui.session import Session

ERROR_STYLE = "color: #b00020;"


class FieldWithError(QWidget):
    """A QLineEdit plus a red label that shows the core's message for this field."""

    def __init__(self, parent: QWidget | None = None, *, password: bool = False) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        if password:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        # Never taller than the line and its message: spare room in a dialog goes elsewhere.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def clear_error(self) -> None:
        self.show_error("")


def add_row(form: QFormLayout, label_text: str, field: QWidget) -> QLabel:
    """A form row whose label carries a mnemonic that focuses ``field``."""
    label = QLabel(label_text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


# The frame of a refused field: only the widget carrying the property, not its children.
MARK = '*[refused="true"] { border: 2px solid #b00020; }'

W = TypeVar("W", bound=QWidget)


def error_label(parent: QWidget) -> QLabel:
    """A hidden red label for a core error message."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FormDialog(QDialog):
    """The one base of every form dialog: rows, one general error line, OK/Cancel.

    OK calls ``submit()`` (which calls the core) and closes the dialog only when it returns.
    A refused input (a ``ValidationError`` whose ``field`` a row names) shows its message
    right under that row, frames the field and moves the focus there; any other core error
    shows in ``error`` at the bottom. What was typed stays in the form either way.

    Widgets a dialog adds besides its rows go into ``layout_`` (the form comes first in it);
    the general error and the buttons always stay at the bottom.
    """

    def __init__(self, session: Session, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout()
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(self.form)
        outer = QVBoxLayout(self)
        outer.addLayout(self.layout_, 1)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)
        self.result_value: Any = None
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._marked: list[tuple[QWidget, str]] = []

    def row(
        self,
        text: str,
        widget: W,
        *fields: str,
        form: QFormLayout | None = None,
        mark: QWidget | None = None,
    ) -> W:
        """Add a row whose label's mnemonic focuses ``widget``.

        ``fields`` are the core field names whose refusals show under this row; ``mark`` is
        the widget to frame and focus then (``widget`` itself unless given); ``form`` is
        another form layout of the dialog (a scrolled one) to put the row in.
        """
        form = self.form if form is None else form
        caption = QLabel(text, form.parentWidget() or self)
        caption.setWordWrap(form is not self.form)  # a scrolled form's captions are questions
        caption.setBuddy(widget)
        if not fields:
            form.addRow(caption, widget)
            return widget
        box = QWidget(form.parentWidget() or self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        message = error_label(box)
        inner.addWidget(message)
        for name in fields:
            self._fields[name] = (widget if mark is None else mark, message)
        form.addRow(caption, box)
        return widget

    def error_label(self, field: str) -> QLabel | None:
        """The label under the row of core field ``field`` (None if no row names it)."""
        found = self._fields.get(field)
        return found[1] if found else None

    def refused(self, widget: QWidget) -> bool:
        """Whether ``widget`` is framed as the field the core refused."""
        return bool(widget.property("refused"))

    def locate(self, error: DutyDeskError) -> tuple[QWidget, QLabel] | None:
        """The (widget, message label) of the row the error names; ``name[3]`` → ``name``.

        A wrong password (``AuthenticationFailed``) names the ``password`` row."""
        if isinstance(error, AuthenticationFailed):
            return self._fields.get("password")
        if not isinstance(error, ValidationError):
            return None
        name = error.field or ""
        return self._fields.get(name) or self._fields.get(name.split("[")[0])

    def submit(self) -> Any:  # overridden
        raise NotImplementedError

    def clear_errors(self) -> None:
        for _widget, label in self._fields.values():
            label.hide()
        self.error.hide()
        for widget, sheet in self._marked:
            widget.setProperty("refused", False)
            widget.setStyleSheet(sheet)
        self._marked = []

    def show_error(self, error: DutyDeskError) -> None:
        """Show a core error at the field it names, else in the general line."""
        text = self.session.error_text(error)
        found = self.locate(error)
        if found is None or not found[0].isVisibleTo(self):
            self.error.setText(text)
            self.error.show()
            self._make_room()
            return
        widget, label = found
        label.setText(text)
        label.show()
        self._marked.append((widget, widget.styleSheet()))
        widget.setProperty("refused", True)
        widget.setStyleSheet(f"{widget.styleSheet()}\n{MARK}".strip())
        _focus_target(widget).setFocus()
        self._make_room()

    def _make_room(self) -> None:
        """Grow the dialog (never shrink it) so that a wrapped message is not cut off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
        else:
            needed = layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    @Slot()
    def _ok(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self.submit()
        except DutyDeskError as error:
            self.show_error(error)
            return
        self.accept()


def _focus_target(widget: QWidget) -> QWidget:
    """``widget`` or, for a container of inputs, its first input that takes focus."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled():
            return child
    return widget
