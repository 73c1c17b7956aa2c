"""Small form helpers: a line edit with its error label right below it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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
