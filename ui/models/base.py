"""The one base of every list model in ``ui/models``: rows, fixed headers, row count.

A list model keeps its rows in ``self.rows`` and names its columns with ``COL_*``
constants that index ``HEADERS`` (Chinese source strings declared with
``QT_TRANSLATE_NOOP`` in the model's translation ``context``). It implements only
``data``; the row and column counts, the header texts and ``set_rows`` live here.
Models whose columns are given at run time override ``headers()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
NO_INDEX = QModelIndex()


class TableModel(QAbstractTableModel):
    """Rows in ``self.rows``; headers from ``headers()``, translated in ``context``.

    ``context`` empty: the headers are shown as given (already translated by the caller).
    ``numbered``: the vertical header shows 1, 2, 3 …
    """

    context = ""
    HEADERS: tuple[str, ...] = ()
    numbered = False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> Sequence[str]:
        return self.HEADERS

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self.rows[number]

    def has_row(self, index: Index) -> bool:
        """The index points at a row and column this model has."""
        return (
            index.isValid()
            and 0 <= index.row() < len(self.rows)
            and 0 <= index.column() < len(self.headers())
        )

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.headers()
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(headers):
            text = str(headers[section])
            return QCoreApplication.translate(self.context, text) if self.context else text
        if orientation == Qt.Orientation.Vertical and self.numbered:
            return section + 1
        return None
