"""The meeting log (周例会, 月度会, 临时会议)."""

from __future__ import annotations

from typing import Any

from dutydesk.improvement.meetings import MEETING_KINDS, Meeting
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_inbox import pick
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


class MeetingsModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "日期"), lambda m: m.held_on),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类型"),
                    lambda m: pick(MEETING_KINDS[m.kind], session),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "主题"), lambda m: m.title),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "参会"), lambda m: len(m.attendees)),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "决议"), lambda m: len(m.decisions)),
            ],
            parent,
        )

    def load_all(self) -> list[Meeting]:
        return self.session.desk.meetings.meetings()
