"""The feedback inbox: newest first, paged, filtered by status."""

from __future__ import annotations

from typing import Any

from dutydesk import text
from dutydesk.improvement.feedback import CATEGORIES, CHANNELS, FEEDBACK_STATUSES, Feedback
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


def pick(pair: tuple[str, str], session: Session) -> str:
    return text.pick(pair, session.english)


class FeedbackInboxModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        self.status: str | None = None
        anonymous = "Anonymous" if session.english else "匿名"

        def giver(f: Feedback) -> str:
            return anonymous if f.anonymous else f.giver_name

        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "编号"), lambda f: f.id),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "日期"),
                    lambda f: session.site_date(f.received_at),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "渠道"),
                    lambda f: pick(CHANNELS[f.channel], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "反馈人"), giver),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类别"),
                    lambda f: pick(CATEGORIES[f.category], session) if f.category else "",
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "子类"), lambda f: f.subcategory),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "状态"),
                    lambda f: pick(FEEDBACK_STATUSES[f.status], session),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "内容"),
                    lambda f: f.text.replace("\n", " "),
                    tooltip=lambda f: f.text,
                ),
            ],
            parent,
        )

    def fetch(self, offset: int, limit: int) -> list[Feedback]:
        return self.session.desk.feedback.list(status=self.status, limit=limit, offset=offset)

    def highlight(self, row: Feedback) -> str | None:
        return "attention" if row.status == "new" else None
