"""Problems, for one column of the board (one status) or as a plain list."""

from __future__ import annotations

from typing import Any

from dutydesk.improvement.feedback import CATEGORIES
from dutydesk.improvement.problems import PRIORITIES, ImprovementProblem
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_inbox import pick
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


class ProblemsModel(ColumnsModel):
    """Column 0 is a one-line card (priority, title, recurrence mark) for the board."""

    def __init__(self, session: Session, status: str | None = None, parent: Any = None) -> None:
        self.session = session
        self.status = status

        def card(p: ImprovementProblem) -> str:
            mark = " ↻" if p.recurring else ""
            return f"[{pick(PRIORITIES[p.priority], session)}] #{p.id} {p.title}{mark}"

        def tip(p: ImprovementProblem) -> str:
            english = session.english
            lines = [
                p.title,
                pick(CATEGORIES[p.category], session)
                + (f" / {p.subcategory}" if p.subcategory else ""),
            ]
            if p.recurring:
                lines.append(
                    f"Recurring: {p.occurrences} reports, reopened {p.reopen_count}×"
                    if english
                    else f"重复发生：{p.occurrences} 次报告，重开 {p.reopen_count} 次"
                )
            return "\n".join(lines)

        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "问题"), card, tooltip=tip),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类别"),
                    lambda p: pick(CATEGORIES[p.category], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "负责人"), lambda p: p.owner_name),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "发生次数"), lambda p: p.occurrences),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "重开次数"), lambda p: p.reopen_count),
            ],
            parent,
        )

    def load_all(self) -> list[ImprovementProblem]:
        return self.session.desk.improvement.problems(status=self.status)

    def highlight(self, row: ImprovementProblem) -> str | None:
        return "attention" if row.recurring and row.status != "closed" else None
