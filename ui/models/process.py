"""Table models of the process tab: the steps of one version, and the version history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)

from dutydesk.process.service import ProcessDefinition, ProcessVersion, Stage, Step, role_label
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

COL_STAGE, COL_KEY, COL_NAME, COL_KIND, COL_ROLE, COL_LIMIT = range(6)
STEP_HEADERS = (
    QT_TRANSLATE_NOOP("ProcessStepsModel", "阶段"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "编号"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "步骤"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "类型"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "责任角色"),
    QT_TRANSLATE_NOOP("ProcessStepsModel", "时限"),
)


class ProcessStepsModel(TableModel):
    """Every step of a definition in process order (all stages, or one)."""

    context = "ProcessStepsModel"
    HEADERS = STEP_HEADERS
    numbered = True

    def __init__(self, *, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Stage, Step]] = []
        self._lang = lang

    def set_definition(self, definition: ProcessDefinition | None, stage_key: str = "") -> None:
        self.beginResetModel()
        rows = definition.steps() if definition else []
        self.rows = [(st, s) for st, s in rows if not stage_key or st.key == stage_key]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        stage, step = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:  # cut-off text can be read in full
            return self.data(index, Qt.ItemDataRole.DisplayRole)
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

    def step_at(self, row: int) -> tuple[Stage, Step] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, key: str) -> int:
        for row, (_stage, step) in enumerate(self.rows):
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


class ProcessVersionsModel(TableModel):
    """The version history, newest first."""

    context = "ProcessVersionsModel"
    HEADERS = VERSION_HEADERS

    def __init__(
        self, parent: Any = None, *, site_time: Callable[[str | None], str] | None = None
    ) -> None:
        super().__init__(parent)
        # Stored UTC → the site's local time (Session.site_time); plain text without one.
        self._site_time = site_time or (lambda value: (value or "")[:16].replace("T", " "))
        self.rows: list[ProcessVersion] = []
        self._people: dict[int, str] = {}

    def set_versions(self, versions: list[ProcessVersion], people: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(versions)
        self._people = dict(people)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        version = self.rows[index.row()]
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

    def version_at(self, row: int) -> ProcessVersion | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
