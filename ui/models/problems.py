"""Table model over the problems a verification found (table, row, check, message)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from dutydesk.store.verify import VerifyProblem
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

COL_TABLE, COL_ROW, COL_CHECK, COL_MESSAGE = range(4)


class VerifyProblemsModel(TableModel):
    context = "ProblemsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ProblemsModel", "表"),
        QT_TRANSLATE_NOOP("ProblemsModel", "行"),
        QT_TRANSLATE_NOOP("ProblemsModel", "检查项"),
        QT_TRANSLATE_NOOP("ProblemsModel", "问题"),
    )
    numbered = True

    def __init__(
        self,
        problems: list[VerifyProblem] | tuple[VerifyProblem, ...],
        *,
        lang: str = "zh_CN",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.rows = list(problems)
        self._english = lang == "en"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.has_row(index):
            return None
        problem: VerifyProblem = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == COL_TABLE:
                return problem.table
            if column == COL_ROW:
                return problem.row
            if column == COL_CHECK:
                return problem.check
            if column == COL_MESSAGE:
                return problem.message_en if self._english else problem.message
        return None

    def problem(self, row: int) -> VerifyProblem:
        problem: VerifyProblem = self.rows[row]
        return problem
