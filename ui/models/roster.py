"""Qt models of the roster: the people × days month grid and the leave and swap queues."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from dutydesk.roster.changes import LEAVE_KINDS, LEAVE_STATUS, SWAP_STATUS, Leave, Swap
from dutydesk.roster.engine import DUTY_ROLE_LABELS
from dutydesk.roster.grid import GridCell, RosterGrid
from dutydesk.text import pick
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import TableModel

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

HOLIDAY_SHADE = QColor("#fde2e1")
WEEKEND_SHADE = QColor("#eceff1")
MAKEUP_SHADE = QColor("#fff4cc")
TODAY_COLOUR = QColor("#d32f2f")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Marks after the shift code in a cell: 长 leader, 备 standby, 替 a stand-in served it.
ROLE_SUFFIX = {"leader": "长", "officer": "", "standby": "备"}
ROLE_SUFFIX_EN = {"leader": "L", "officer": "", "standby": "S"}

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

    def _served_text(self, cell: GridCell) -> str:
        """Planned against served, as the roster tooltip says it."""
        if cell.served_name is None:
            return self.tr("实到：未记录")
        how = {
            "handover": self.tr("接班签名"),
            "manual": self.tr("手工确认"),
        }.get(cell.served_source or "", "")
        if cell.served_by_other:
            return self.tr("实到：{name}（替班，{how}）").format(name=cell.served_name, how=how)
        return self.tr("实到：本人（{how}）").format(how=how)

    def cell_text(self, row: int, column: int) -> str:
        assert self.grid is not None
        person = self.grid.people[row]
        cells = self.grid.cell(person.person_id, self.grid.days[column].day)
        # 替: someone else stood in (planned against served: see the tooltip).
        english = self.lang == "en"
        suffix, stand_in = (ROLE_SUFFIX_EN, "*") if english else (ROLE_SUFFIX, "替")
        return " ".join(
            c.shift_code + suffix[c.role] + (stand_in if c.served_by_other else "") for c in cells
        )

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
            for c in cells:
                state = ("🔒 " if c.locked else "") + {"generated": "", "manual": "✎", "swap": "⇄"}[
                    c.source
                ]
                lines.append(
                    f"{c.shift_name} {pick(DUTY_ROLE_LABELS[c.role], self.lang)} {state}".strip()
                )
                lines.append(self._served_text(c))
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


class _QueueModel(TableModel):
    """A queue of requests (leave or swaps); ``values(item)`` gives one row's cells."""

    context = "RosterModels"

    def __init__(self, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang

    @property
    def items(self) -> list[Any]:
        return self.rows

    def set_items(self, items: list[Any]) -> None:
        self.set_rows(items)

    def values(self, item: Any) -> tuple[str, ...]:  # pragma: no cover - overridden
        raise NotImplementedError

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The tooltip repeats the cell: the narrow side panel cuts long reasons.
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if not index.isValid() or role not in shown:
            return None
        return self.values(self.rows[index.row()])[index.column()]


class LeaveQueueModel(_QueueModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("RosterModels", "姓名"),
        QT_TRANSLATE_NOOP("RosterModels", "类型"),
        QT_TRANSLATE_NOOP("RosterModels", "开始"),
        QT_TRANSLATE_NOOP("RosterModels", "结束"),
        QT_TRANSLATE_NOOP("RosterModels", "状态"),
        QT_TRANSLATE_NOOP("RosterModels", "事由"),
    )

    def values(self, item: Leave) -> tuple[str, ...]:
        return (
            item.person_name,
            pick(LEAVE_KINDS[item.kind], self.lang),
            item.start.isoformat(),
            item.end.isoformat(),
            pick(LEAVE_STATUS[item.status], self.lang),
            item.reason,
        )


class SwapQueueModel(_QueueModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("RosterModels", "申请人"),
        QT_TRANSLATE_NOOP("RosterModels", "对方"),
        QT_TRANSLATE_NOOP("RosterModels", "班次"),
        QT_TRANSLATE_NOOP("RosterModels", "状态"),
        QT_TRANSLATE_NOOP("RosterModels", "代为换班"),
        QT_TRANSLATE_NOOP("RosterModels", "事由"),
    )

    def values(self, item: Swap) -> tuple[str, ...]:
        yes = QCoreApplication.translate("RosterModels", "是")
        return (
            item.requester_name,
            item.counterpart_name,
            item.summary,
            pick(SWAP_STATUS[item.status], self.lang),
            yes if item.on_behalf else "",
            item.reason,
        )


class TextRowsModel(TableModel):
    """A small read-only table of already formatted rows (setup lists)."""

    def __init__(self, headers: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers

    def headers(self) -> tuple[str, ...]:
        return self._headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.rows[index.row()][index.column()]
