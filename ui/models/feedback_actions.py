"""Actions (整改措施) with the overdue ones in red."""

from __future__ import annotations

from typing import Any

from dutydesk.improvement.problems import ACTION_KINDS, ACTION_STATUSES, Action
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_inbox import pick
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


class ActionsModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        self.overdue_only = False
        self.unfinished_only = False
        self.cycle_id: int | None = None
        self.problem_id: int | None = None
        overdue = " (overdue)" if session.english else "（逾期）"
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "编号"), lambda a: a.id),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类型"),
                    lambda a: pick(ACTION_KINDS[a.kind], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "措施"), lambda a: a.title),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "问题"),
                    lambda a: f"#{a.problem_id} {a.problem_title}" if a.problem_id else "",
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "负责人"), lambda a: a.owner_name),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "期限"),
                    lambda a: a.due_on + (overdue if a.overdue else ""),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "完成"), lambda a: a.done_on),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "状态"),
                    lambda a: pick(ACTION_STATUSES[a.status], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "验证人"), lambda a: a.verifier_name),
            ],
            parent,
        )

    def load_all(self) -> list[Action]:
        return self.session.desk.improvement.actions(
            overdue_only=self.overdue_only,
            unfinished_only=self.unfinished_only,
            cycle_id=self.cycle_id,
            problem_id=self.problem_id,
        )

    def highlight(self, row: Action) -> str | None:
        return "overdue" if row.overdue else None
