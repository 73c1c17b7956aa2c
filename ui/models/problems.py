"""Table model over the problems a verification found (table, row, check, message)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from dutydesk.store.verify import Problem
from ui.i18n import QT_TRANSLATE_NOOP

COL_TABLE, COL_ROW, COL_CHECK, COL_MESSAGE = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("ProblemsModel", "表"),
    QT_TRANSLATE_NOOP("ProblemsModel", "行"),
    QT_TRANSLATE_NOOP("ProblemsModel", "检查项"),
    QT_TRANSLATE_NOOP("ProblemsModel", "问题"),
)

Index = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractTableModel):
    def __init__(
        self,
        problems: list[Problem] | tuple[Problem, ...],
        *,
        lang: str = "zh_CN",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._problems = list(problems)
        self._english = lang == "en"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == COL_TABLE:
                return problem.table
            if column == COL_ROW:
                return problem.row
            if column == COL_CHECK:
                return problem.check
            if column == COL_MESSAGE:
                return problem.message_en if self._english else problem.message
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("ProblemsModel", HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def problem(self, row: int) -> Problem:
        return self._problems[row]
