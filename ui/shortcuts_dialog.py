"""F1: every keyboard shortcut of ``ui.shortcuts`` as a table people read.

Apart from ``ui.shortcuts`` so that start-up, which needs the keys, does not load the
table widgets before the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.shortcuts import rows


class ShortcutsDialog(QDialog):
    """F1: the table above, as people read it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Shortcuts", "键盘快捷键"))
        listed = rows()
        self.table = QTableWidget(len(listed), 3, self)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Shortcuts", "位置"),
                QCoreApplication.translate("Shortcuts", "按键"),
                QCoreApplication.translate("Shortcuts", "作用"),
            ]
        )
        for row, values in enumerate(listed):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def text(self) -> str:
        """The table as tab-separated lines (tests, copying)."""
        lines = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(self.table.columnCount())]
            lines.append("\t".join(cell.text() if cell is not None else "" for cell in cells))
        return "\n".join(lines)
