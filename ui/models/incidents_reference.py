"""Table models of the reference-data dialog: severities, categories (tree order), sources."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor

from dutydesk.desk import Desk
from dutydesk.incidents.reference import Category, Severity, Source
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
YES = QT_TRANSLATE_NOOP("ReferenceModels", "是")
NO = QT_TRANSLATE_NOOP("ReferenceModels", "否")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferenceModels", text)


class ReferenceModel(TableModel):
    """Base: a small, fully loaded list of reference records with an ``id``.

    Subclasses give ``HEADERS``, ``_load()`` and ``_cell(item, column)``.
    """

    context = "ReferenceModels"

    HEADERS: tuple[str, ...] = ()
    COL_ACTIVE = -1

    def __init__(self, desk: Desk, *, english: bool = False) -> None:
        super().__init__()
        self._desk = desk
        self._english = english
        self.rows: list[Any] = self._load()

    def _load(self) -> list[Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _cell(self, item: Any, column: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self._load()
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def items(self) -> list[Any]:
        return list(self.rows)

    def row_of(self, item_id: int | None) -> int:
        for row, item in enumerate(self.rows):
            if item.id == item_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_ACTIVE:
                return _tr(YES) if item.active else _tr(NO)
            value = self._cell(item, column)
            return None if value is None else str(value)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return QColor("#888888")
        return None


class SeverityModel(ReferenceModel):
    COL_CODE, COL_NAME, COL_NAME_EN, COL_COLOUR, COL_RESPOND, COL_RESOLVE, COL_RANK = range(7)
    COL_ACTIVE = 7
    HEADERS = (
        QT_TRANSLATE_NOOP("ReferenceModels", "代码"),
        QT_TRANSLATE_NOOP("ReferenceModels", "名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "英文名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "颜色"),
        QT_TRANSLATE_NOOP("ReferenceModels", "响应时限（分钟）"),
        QT_TRANSLATE_NOOP("ReferenceModels", "解决时限（分钟）"),
        QT_TRANSLATE_NOOP("ReferenceModels", "排序"),
        QT_TRANSLATE_NOOP("ReferenceModels", "启用"),
    )

    def _load(self) -> list[Severity]:
        return self._desk.incidents.reference.severities()

    def _cell(self, item: Severity, column: int) -> Any:
        return (
            item.code,
            item.name,
            item.name_en,
            item.colour,
            item.respond_minutes,
            item.resolve_minutes,
            item.rank,
        )[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            index.isValid()
            and index.column() == self.COL_COLOUR
            and role == Qt.ItemDataRole.DecorationRole
            and 0 <= index.row() < len(self.rows)
        ):
            return QColor(self.rows[index.row()].colour)
        return super().data(index, role)


class CategoryModel(ReferenceModel):
    """Categories in tree order; the name column is indented by depth."""

    COL_NAME, COL_NAME_EN, COL_PARENT, COL_RANK, COL_ACTIVE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("ReferenceModels", "名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "英文名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "上级类别"),
        QT_TRANSLATE_NOOP("ReferenceModels", "排序"),
        QT_TRANSLATE_NOOP("ReferenceModels", "启用"),
    )

    def _load(self) -> list[Category]:
        return self._desk.incidents.reference.categories()

    def _cell(self, item: Category, column: int) -> Any:
        if column == self.COL_NAME:
            return "    " * item.path.count(" / ") + item.name
        if column == self.COL_NAME_EN:
            return item.name_en
        if column == self.COL_PARENT:
            parent = next((c for c in self.rows if c.id == item.parent_id), None)
            if parent is None:
                return ""
            return parent.path_en if self._english and parent.path_en else parent.path
        return item.rank


class SourceModel(ReferenceModel):
    COL_NAME, COL_NAME_EN, COL_RANK, COL_ACTIVE = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("ReferenceModels", "名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "英文名称"),
        QT_TRANSLATE_NOOP("ReferenceModels", "排序"),
        QT_TRANSLATE_NOOP("ReferenceModels", "启用"),
    )

    def _load(self) -> list[Source]:
        return self._desk.incidents.reference.sources()

    def _cell(self, item: Source, column: int) -> Any:
        return (item.name, item.name_en, item.rank)[column]
