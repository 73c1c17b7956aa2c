"""Table model over the records behind one KPI (rows come ready from the core)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dutydesk.kpi.engine import DrillRow

_Index = QModelIndex | QPersistentModelIndex


class DrillModel(QAbstractTableModel):
    """Column 0 is the record id ("#12"); the rest are the row's cells."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[DrillRow], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = ["#", *headers]
        self._rows = list(rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        if index.column() == 0:
            return str(row.record_id) if row.record_id else "—"
        return row.cells[index.column() - 1]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def record_id(self, row: int) -> int:
        return self._rows[row].record_id
