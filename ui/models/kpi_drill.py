"""Table model over the records behind one KPI (rows come ready from the core)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from dutydesk.kpi.engine import DrillRow
from ui.models.base import TableModel

_Index = QModelIndex | QPersistentModelIndex


class DrillModel(TableModel):
    """Column 0 is the record id ("#12"); the rest are the row's cells."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[DrillRow], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = ("#", *headers)
        self.rows = list(rows)

    def headers(self) -> Sequence[str]:
        return self._headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return str(row.record_id) if row.record_id else "—"
        return row.cells[index.column() - 1]

    def record_id(self, row: int) -> int:
        return int(self.rows[row].record_id)
