"""A read-only table model over a list of core dataclasses, described by column specs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.models.base import Index, TableModel

OVERDUE = QColor("#b00020")
ATTENTION = QColor("#fff3cd")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """``title`` is a Chinese source string in translation ``context``."""

    title: str
    value: Callable[[Any], Any]
    tooltip: Callable[[Any], str] | None = None


class ColumnsModel(TableModel):
    """Rows are core dataclasses; ``highlight(row)`` may return 'overdue' or 'attention'.

    Subclasses set ``context`` and ``columns``; ``fetch(offset, limit)`` enables paging.
    """

    context = "FeedbackModels"
    page_size = 200

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._more = False

    def headers(self) -> list[str]:
        return [column.title for column in self.columns]

    # -- data source ---------------------------------------------------------------------
    def fetch(self, offset: int, limit: int) -> list[Any] | None:
        """Return one page, or None when the model loads everything in ``load_all``."""
        return None

    def load_all(self) -> list[Any]:
        return []

    def highlight(self, row: Any) -> str | None:
        return None

    def refresh(self) -> None:
        self.beginResetModel()
        page = self.fetch(0, self.page_size)
        if page is None:
            self.rows = list(self.load_all())
            self._more = False
        else:
            self.rows = list(page)
            self._more = len(page) == self.page_size
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self.fetch(len(self.rows), self.page_size) or []
        self._more = len(page) == self.page_size
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # -- Qt model ------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            value = column.value(row)
            return None if value is None else str(value)
        if role == ROW_ROLE:
            return row
        mark = self.highlight(row)
        if role == Qt.ItemDataRole.ForegroundRole and mark == "overdue":
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.BackgroundRole and mark == "attention":
            return QBrush(ATTENTION)
        return None
