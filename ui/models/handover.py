"""Qt models of the 交接班 tab: the checklist, the open items and the paged history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dutydesk.clock import format_site_time
from dutydesk.desk import Desk
from dutydesk.handover.records import age_text, age_text_en
from dutydesk.handover.service import HandoverRecord, HandoverSummary, ItemValue, OpenItem
from dutydesk.handover.templates import CHECK_YES, Template
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

WARN_BACKGROUND = QColor("#fdecea")
WARN_TEXT = QColor("#b42318")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(desk: Desk, text: str | None) -> str:
    return format_site_time(text, desk.settings.site_zone())


def shift_names(desk: Desk) -> dict[str, str]:
    """Shift code → the name people use (早班, 夜班), retired shifts included."""
    return {shift.code: shift.name for shift in desk.roster.shift_types_by_id().values()}


def shift_text(names: dict[str, str], code: str | None) -> str:
    """A shift as people name it; a code without a shift type stays as it is."""
    return names.get(code or "", code or "")


def status_text(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("HandoverModels", "填写中"),
        "submitted": QCoreApplication.translate("HandoverModels", "待接班确认"),
        "locked": QCoreApplication.translate("HandoverModels", "已锁定"),
        "rejected": QCoreApplication.translate("HandoverModels", "已退回"),
    }[status]


def screen_text(text: str) -> str:
    """The bundled UI font draws no glyph for ℃ (U+2103); °C reads the same."""
    return text.replace("℃", "°C")


def value_text(value: ItemValue) -> str:
    if not value.filled:
        return ""
    if value.item.kind == "check":
        return (
            QCoreApplication.translate("HandoverModels", "是")
            if value.value == CHECK_YES
            else QCoreApplication.translate("HandoverModels", "否")
        )
    if value.item.kind == "number" and value.item.unit:
        return screen_text(f"{value.value} {value.item.unit}")
    return str(value.value)


class ChecklistModel(TableModel):
    """The items of one handover; the 结果 and 备注 columns are editable while a draft."""

    context = "HandoverModels"

    COL_SECTION, COL_ITEM, COL_VALUE, COL_RANGE, COL_NOTE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverModels", "分组"),
        QT_TRANSLATE_NOOP("HandoverModels", "检查项"),
        QT_TRANSLATE_NOOP("HandoverModels", "结果"),
        QT_TRANSLATE_NOOP("HandoverModels", "正常范围"),
        QT_TRANSLATE_NOOP("HandoverModels", "备注"),
    )
    numbered = True

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._record: HandoverRecord | None = None
        self._editable = False

    def set_record(self, record: HandoverRecord | None, *, editable: bool) -> None:
        """Show ``record``; a newer copy of the same record updates rows in place.

        Resetting the model would drop an open cell editor and the current cell (Qt then
        warns "commitData called with an editor that does not belong to this view"), so a
        reset happens only when another record (or another item list) is shown.
        """
        old = self._record
        same = (
            old is not None
            and record is not None
            and old.id == record.id
            and [v.item.id for v in old.items] == [v.item.id for v in record.items]
            and editable == self._editable
        )
        if not same:
            self.beginResetModel()
            self._record = record
            self._editable = editable
            self.rows = [] if record is None else list(record.items)
            self.endResetModel()
            return
        assert old is not None and record is not None
        self._record = record
        self.rows = list(record.items)
        pairs = enumerate(zip(old.items, record.items, strict=True))
        changed = [i for i, (before, after) in pairs if before != after]
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1)
            )

    @property
    def record(self) -> HandoverRecord | None:
        return self._record

    def value_at(self, row: int) -> ItemValue | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() in (self.COL_VALUE, self.COL_NOTE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = self.value_at(index.row())
        if value is None:
            return None
        column = index.column()
        if role == ITEM_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_SECTION:
                return value.item.section
            if column == self.COL_ITEM:
                return ("* " if value.item.mandatory else "") + value.item.label
            if column == self.COL_VALUE:
                text = value_text(value)
                if value.flagged:
                    text += "  " + QCoreApplication.translate("HandoverModels", "【异常】")
                if not text and value.item.mandatory:
                    return QCoreApplication.translate("HandoverModels", "（必填）")
                return text
            if column == self.COL_RANGE:
                return screen_text(value.item.range_text)
            return value.note
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_VALUE:
                return value.value or ""
            if column == self.COL_NOTE:
                return value.note
        if role == Qt.ItemDataRole.ToolTipRole and value.item.help:
            return value.item.help
        if role == Qt.ItemDataRole.BackgroundRole and column == self.COL_VALUE and value.flagged:
            return QBrush(WARN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_VALUE:
            if value.flagged:
                return QBrush(WARN_TEXT)
            if not value.filled and value.item.mandatory:
                return QBrush(QColor("#9aa5b1"))
        return None


class OpenItemsModel(TableModel):
    """Open items (遗留问题) with their age; resolved ones optional."""

    context = "HandoverModels"

    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverModels", "编号"),
        QT_TRANSLATE_NOOP("HandoverModels", "问题"),
        QT_TRANSLATE_NOOP("HandoverModels", "已持续"),
        QT_TRANSLATE_NOOP("HandoverModels", "状态"),
        QT_TRANSLATE_NOOP("HandoverModels", "提出人"),
        QT_TRANSLATE_NOOP("HandoverModels", "提出时间"),
        QT_TRANSLATE_NOOP("HandoverModels", "关联事件"),
        QT_TRANSLATE_NOOP("HandoverModels", "处理情况"),
    )

    def __init__(self, desk: Desk, parent: Any = None, *, lang: str = "zh_CN") -> None:
        super().__init__(parent)
        self._desk = desk
        self._lang = lang
        self.rows: list[OpenItem] = []
        self.include_resolved = False

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._desk.handover.open_items(include_resolved=self.include_resolved)
        self.endResetModel()

    def item_at(self, row: int) -> OpenItem | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row())
        if item is None:
            return None
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.detail or None
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.ForegroundRole and item.status == "resolved":
                return QBrush(QColor("#616e7c"))
            return None
        age = age_text_en if self._lang.startswith("en") else age_text
        return [
            f"#{item.id}",
            item.title,
            age(item.age_minutes),
            QCoreApplication.translate("HandoverModels", "已解决")
            if item.status == "resolved"
            else QCoreApplication.translate("HandoverModels", "未解决"),
            item.created_by_name,
            local_time(self._desk, item.created_at),
            f"#{item.incident_id}" if item.incident_id else "",
            (
                f"{item.resolved_by_name} {local_time(self._desk, item.resolved_at)}："
                f"{item.resolution}"
                if item.status == "resolved"
                else ""
            ),
        ][index.column()]


class HistoryModel(TableModel):
    """Handover history, newest first, fetched page by page as the view scrolls."""

    context = "HandoverModels"

    PAGE = 100
    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverModels", "编号"),
        QT_TRANSLATE_NOOP("HandoverModels", "日期"),
        QT_TRANSLATE_NOOP("HandoverModels", "交班"),
        QT_TRANSLATE_NOOP("HandoverModels", "接班"),
        QT_TRANSLATE_NOOP("HandoverModels", "交接时间点"),
        QT_TRANSLATE_NOOP("HandoverModels", "状态"),
        QT_TRANSLATE_NOOP("HandoverModels", "准时"),
        QT_TRANSLATE_NOOP("HandoverModels", "异常项"),
        QT_TRANSLATE_NOOP("HandoverModels", "更正"),
    )

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.rows: list[HandoverSummary] = []
        self._total = 0
        self.filters: dict[str, Any] = {}
        self._shifts: dict[str, str] = {}

    def refresh(self, **filters: Any) -> None:
        self.beginResetModel()
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
        self._shifts = shift_names(self._desk)
        self._total = self._desk.handover.count(**self.filters)
        self.rows = self._desk.handover.history(limit=self.PAGE, offset=0, **self.filters)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def summary_at(self, row: int) -> HandoverSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = self._desk.handover.history(limit=self.PAGE, offset=len(self.rows), **self.filters)
        if not more:
            self._total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.summary_at(index.row())
        if row is None:
            return None
        if role == ITEM_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == 6 and row.on_time is False:
                return QBrush(WARN_TEXT)
            if index.column() == 7 and row.flagged_count:
                return QBrush(WARN_TEXT)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        on_time = (
            ""
            if row.on_time is None
            else (
                QCoreApplication.translate("HandoverModels", "准时")
                if row.on_time
                else QCoreApplication.translate("HandoverModels", "超时")
            )
        )
        return [
            str(row.id),
            row.shift_date,
            f"{shift_text(self._shifts, row.outgoing_shift_code)} · {row.outgoing_name}",
            f"{shift_text(self._shifts, row.incoming_shift_code)} · {row.incoming_name}",
            local_time(self._desk, row.shift_boundary_at),
            status_text(row.status),
            on_time,
            str(row.flagged_count) if row.flagged_count else "",
            str(row.amendments) if row.amendments else "",
        ][index.column()]


class TemplatesModel(TableModel):
    """Checklist template versions (current and superseded)."""

    context = "HandoverModels"

    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverModels", "适用范围"),
        QT_TRANSLATE_NOOP("HandoverModels", "名称"),
        QT_TRANSLATE_NOOP("HandoverModels", "版本"),
        QT_TRANSLATE_NOOP("HandoverModels", "状态"),
        QT_TRANSLATE_NOOP("HandoverModels", "检查项数"),
        QT_TRANSLATE_NOOP("HandoverModels", "创建时间"),
    )

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.rows: list[Template] = []

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._desk.handover.templates.list(include_superseded=True)
        self.endResetModel()

    def template_at(self, row: int) -> Template | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.template_at(index.row())
        if row is None:
            return None
        if role == ITEM_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "current":
            return QBrush(QColor("#616e7c"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        scope = (
            QCoreApplication.translate("HandoverModels", "全站通用")
            if row.shift_code is None
            else QCoreApplication.translate("HandoverModels", "班次 {0}").format(row.shift_code)
        )
        state = (
            QCoreApplication.translate("HandoverModels", "当前")
            if row.status == "current"
            else QCoreApplication.translate("HandoverModels", "已停用")
        )
        return [
            scope,
            row.name,
            str(row.version),
            state,
            str(len(row.items)),
            local_time(self._desk, row.created_at),
        ][index.column()]
