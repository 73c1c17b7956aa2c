"""Table models of the process tab: the steps of one version, and the version history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from dutydesk.process.service import ProcessDefinition, ProcessVersion, Stage, Step, role_label
from ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex

COL_STAGE, COL_KEY, COL_NAME, COL_KIND, COL_ROLE, COL_LIMIT = range(6)
STEP_HEADERS = (
    QT_TRANSLATE_NOOP("ProcessStepsModel", "阶段"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "编号"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "步骤"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "类型"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "责任角色"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "时限"),
)


class ProcessStepsModel(QAbstractTableModel):
    """Every step of a definition in process order (all stages, or one)."""

    def __init__(self, *, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Stage, Step]] = []
        self._lang = lang

    def set_definition(self, definition: ProcessDefinition | None, stage_key: str = "") -> None:
        self.beginResetModel()
        rows = definition.steps() if definition else []
        self._rows = [(st, s) for st, s in rows if not stage_key or st.key == stage_key]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STEP_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stage, step = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == COL_STAGE:
                return stage.name
            if column == COL_KEY:
                return step.key
            if column == COL_NAME:
                return step.name
            if column == COL_KIND:
                if step.is_decision:
                    return QCoreApplication.translate("ProcessStepsModel", "判断")
                return QCoreApplication.translate("ProcessStepsModel", "任务")
            if column == COL_ROLE:
                return role_label(step.role, self._lang)
            if column == COL_LIMIT:
                return step.time_limit
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.description
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(STEP_HEADERS):
            return QCoreApplication.translate("ProcessStepsModel", STEP_HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def step_at(self, row: int) -> tuple[Stage, Step] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        for row, (_stage, step) in enumerate(self._rows):
            if step.key == key:
                return row
        return -1


COL_NUMBER, COL_STATUS, COL_PUBLISHED, COL_APPROVER, COL_NOTE = range(5)
VERSION_HEADERS = (
    QT_TRANSLATE_NOOP("ProcessVersionsModel", "版本"),
    QT_TRANSLATE_NOOP("ProcessVersionsModel", "状态"),
    QT_TRANSLATE_NOOP("ProcessVersionsModel", "生效时间"),
    QT_TRANSLATE_NOOP("ProcessVersionsModel", "批准人"),
    QT_TRANSLATE_NOOP("ProcessVersionsModel", "修订说明"),
)


class ProcessVersionsModel(QAbstractTableModel):
    """The version history, newest first."""

    def __init__(
        self, parent: Any = None, *, site_time: Callable[[str | None], str] | None = None
    ) -> None:
        super().__init__(parent)
        # Stored UTC → the site's local time (Session.site_time); plain text without one.
        self._site_time = site_time or (lambda value: (value or "")[:16].replace("T", " "))
        self._versions: list[ProcessVersion] = []
        self._people: dict[int, str] = {}

    def set_versions(self, versions: list[ProcessVersion], people: dict[int, str]) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self._people = dict(people)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(VERSION_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._versions):
            return None
        version = self._versions[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == COL_NUMBER:
            return version.number
        if column == COL_STATUS:
            if version.is_draft:
                return QCoreApplication.translate("ProcessVersionsModel", "草稿")
            return QCoreApplication.translate("ProcessVersionsModel", "已发布")
        if column == COL_PUBLISHED:
            return self._site_time(version.published_at)
        if column == COL_APPROVER:
            return self._people.get(version.approved_by or 0, "")
        if column == COL_NOTE:
            return version.change_note
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(VERSION_HEADERS):
            return QCoreApplication.translate("ProcessVersionsModel", VERSION_HEADERS[section])
        return None

    def version_at(self, row: int) -> ProcessVersion | None:
        return self._versions[row] if 0 <= row < len(self._versions) else None
