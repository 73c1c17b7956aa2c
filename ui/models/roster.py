"""Qt models of the roster: the people × days month grid and the leave and swap queues."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dutydesk.roster.changes import LEAVE_KINDS, LEAVE_STATUS, SWAP_STATUS, Leave, Swap
from dutydesk.roster.engine import DUTY_ROLE_LABELS
from dutydesk.roster.grid import RosterGrid

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

HOLIDAY_SHADE = QColor("#fde2e1")
WEEKEND_SHADE = QColor("#eceff1")
MAKEUP_SHADE = QColor("#fff4cc")
TODAY_COLOUR = QColor("#d32f2f")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ROLE_SUFFIX = {"leader": "长", "officer": "", "standby": "备"}

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple[GridCell, ...] of a cell
DAY_ROLE = Qt.ItemDataRole.UserRole + 2  # the date of a column


class RosterMonthModel(QAbstractTableModel):
    """Rows are people, columns are days; a cell shows the shift codes of that day."""

    def __init__(self, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.grid: RosterGrid | None = None
        self.today: date | None = None

    def set_grid(self, grid: RosterGrid, today: date | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.people)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.days)

    def cell_text(self, row: int, column: int) -> str:
        assert self.grid is not None
        person = self.grid.people[row]
        cells = self.grid.cell(person.person_id, self.grid.days[column].day)
        return " ".join(c.shift_code + ROLE_SUFFIX[c.role] for c in cells)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        person = self.grid.people[index.row()]
        day = self.grid.days[index.column()]
        cells = self.grid.cell(person.person_id, day.day)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            if cells:
                return QBrush(QColor(cells[0].colour))
            shade = {"holiday": HOLIDAY_SHADE, "weekend": WEEKEND_SHADE, "makeup": MAKEUP_SHADE}
            colour = shade.get(day.kind)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and day.day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{person.name} · {day.day.isoformat()} {day.name}".strip()]
            index_lang = 1 if self.lang == "en" else 0
            for c in cells:
                state = ("🔒 " if c.locked else "") + {"generated": "", "manual": "✎", "swap": "⇄"}[
                    c.source
                ]
                lines.append(
                    f"{c.shift_name} {DUTY_ROLE_LABELS[c.role][index_lang]} {state}".strip()
                )
            return "\n".join(lines)
        if role == CELL_ROLE:
            return cells
        if role == DAY_ROLE:
            return day.day
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.grid.days):
                return None
            day = self.grid.days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                weekday = WEEKDAYS_EN[day.day.weekday()] if self.lang == "en" else day.weekday_zh
                mark = {"holiday": "休", "makeup": "班"}.get(day.kind, "")
                return f"{day.day.day}\n{weekday}" + (f"\n{mark}" if mark else "")
            if role == Qt.ItemDataRole.ForegroundRole and day.day == self.today:
                return QBrush(TODAY_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{day.day.isoformat()} {day.name}".strip()
            if role == Qt.ItemDataRole.BackgroundRole:
                shade = {"holiday": HOLIDAY_SHADE, "weekend": WEEKEND_SHADE, "makeup": MAKEUP_SHADE}
                colour = shade.get(day.kind)
                return QBrush(colour) if colour is not None else None
            return None
        if section >= len(self.grid.people):
            return None
        person = self.grid.people[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{person.name}（{person.team}）" if person.team else person.name
        return None


class LeaveQueueModel(QAbstractTableModel):
    HEADERS = ("姓名", "类型", "开始", "结束", "状态", "事由")
    HEADERS_EN = ("Name", "Type", "From", "To", "Status", "Reason")

    def __init__(self, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list[Leave] = []

    def set_items(self, items: list[Leave]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        i = 1 if self.lang == "en" else 0
        return (
            item.person_name,
            LEAVE_KINDS[item.kind][i],
            item.start.isoformat(),
            item.end.isoformat(),
            LEAVE_STATUS[item.status][i],
            item.reason,
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.HEADERS_EN if self.lang == "en" else self.HEADERS)[section]
        return None


class SwapQueueModel(QAbstractTableModel):
    HEADERS = ("申请人", "对方", "班次", "状态", "代为换班", "事由")
    HEADERS_EN = ("Requester", "Counterpart", "Shifts", "Status", "On behalf", "Reason")

    def __init__(self, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list[Swap] = []

    def set_items(self, items: list[Swap]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        i = 1 if self.lang == "en" else 0
        yes = ("是", "yes")[i]
        return (
            item.requester_name,
            item.counterpart_name,
            item.summary,
            SWAP_STATUS[item.status][i],
            yes if item.on_behalf else "",
            item.reason,
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.HEADERS_EN if self.lang == "en" else self.HEADERS)[section]
        return None


class RowsModel(QAbstractTableModel):
    """A small read-only table of already formatted rows (setup lists)."""

    def __init__(self, headers: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[object, ...]] = []

    def set_rows(self, rows: Sequence[tuple[object, ...]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.rows[index.row()][index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None
