"""Analysis tables: counts by month and category, and the recurring problems."""

from __future__ import annotations

from datetime import date
from typing import Any

from dutydesk.improvement.analysis import CategoryMonth, Recurrence
from dutydesk.improvement.feedback import CATEGORIES
from dutydesk.improvement.problems import PROBLEM_STATUSES
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_inbox import pick
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


class MonthlyCountsModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        self.period: tuple[date, date] | None = None
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "月份"), lambda r: r.month),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类别"),
                    lambda r: pick(CATEGORIES[r.category], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "子类"), lambda r: r.subcategory),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "反馈"), lambda r: r.feedback),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "问题"), lambda r: r.problems),
            ],
            parent,
        )

    def load_all(self) -> list[CategoryMonth]:
        if self.period is None:
            return []
        return self.session.desk.improvement_analysis.monthly_counts(*self.period)


class RecurringModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        self.period: tuple[date, date] | None = None
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "编号"), lambda r: r.problem.id),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "问题"), lambda r: r.problem.title),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类别"),
                    lambda r: pick(CATEGORIES[r.problem.category], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "发生次数"), lambda r: r.occurrences),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "重开次数"),
                    lambda r: r.problem.reopen_count,
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "状态"),
                    lambda r: pick(PROBLEM_STATUSES[r.problem.status], session),
                ),
            ],
            parent,
        )

    def load_all(self) -> list[Recurrence]:
        if self.period is None:
            return []
        return self.session.desk.improvement_analysis.recurring_problems(*self.period)
