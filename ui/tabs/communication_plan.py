"""The 沟通计划 page of the 反馈与改进 tab: the recurring meetings (weekly, monthly; who
attends; through which channel) and the meeting dates they generate for the next weeks."""

# i18n-area: feedback

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from dutydesk.clock import site_today
from dutydesk.improvement.communication import COMM_CHANNELS, FREQUENCIES, PlannedMeeting
from dutydesk.text import pick
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session
from ui.tabs.feedback_pages import (
    AREA,
    FeedbackPage,
    refresh_keeping_selection,
    selected,
    table_view,
)
from ui.tabs.stage_dialogs import WEEKDAYS_EN, WEEKDAYS_ZH, PlannedMeetingDialog

UPCOMING_DAYS = 35


def _t(text: str) -> str:
    return QCoreApplication.translate("FeedbackModels", text)


class PlannedMeetingsModel(ColumnsModel):
    context = "FeedbackModels"

    def __init__(self, session: Session, parent: Any = None) -> None:
        e = session.english
        self.session = session
        names: dict[int, str] = {}

        def attendees(m: PlannedMeeting) -> str:
            if not names:
                names.update({p.id: p.name for p in session.desk.people.list()})
            return ("、" if not e else ", ").join(names.get(i, "?") for i in m.attendee_ids)

        def when(m: PlannedMeeting) -> str:
            if m.meeting_kind == "weekly" and m.weekday is not None:
                day = (WEEKDAYS_EN if e else WEEKDAYS_ZH)[m.weekday]
            else:
                day = f"day {m.day_of_month}" if e else f"{m.day_of_month} 日"
            return f"{pick(FREQUENCIES[m.meeting_kind], e)} {day} {m.time_of_day}"

        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "会议"), lambda m: m.title),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "时间"), when),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "渠道"),
                    lambda m: pick(COMM_CHANNELS[m.channel], e),
                ),
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "参会人员"), attendees),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "起止"),
                    lambda m: f"{m.starts_on} — {m.ends_on or ''}",
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "状态"),
                    lambda m: _t("启用") if m.active else _t("停用"),
                ),
            ],
            parent,
        )

    def load_all(self) -> list[Any]:
        return self.session.desk.communication.list(active_only=False)


class CommunicationPlanPage(FeedbackPage):
    """Attributes: ``model``, ``view`` (the planned meetings), ``upcoming`` (their dates)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = PlannedMeetingsModel(session, self)
        self.view = table_view(self, self.model, stretch=3)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        self.upcoming = QTextBrowser(self)
        bar = QHBoxLayout()
        bar.addWidget(self.button(self.tr("新建例会(&N)…"), self.new, "communication.plan"))
        bar.addWidget(self.button(self.tr("编辑例会(&E)…"), self.edit, "communication.plan"))
        bar.addStretch(1)
        hint = QLabel(self.tr("参会人员当天在“待办”中看到会议提醒。"), self)
        bar.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.upcoming)
        splitter.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        refresh_keeping_selection(self.view, self.model)
        today = site_today(self.session.desk)
        end = today + timedelta(days=UPCOMING_DAYS)
        e = self.session.english
        heading = self.tr("今后 {0} 天的会议").format(UPCOMING_DAYS)
        lines = [f"<b>{heading}</b>"]
        for day, entry in self.session.desk.communication.schedule(today, end):
            weekday = (WEEKDAYS_EN if e else WEEKDAYS_ZH)[day.weekday()]
            channel = pick(COMM_CHANNELS[entry.channel], e)
            lines.append(
                f"{day.isoformat()} {weekday} {entry.time_of_day}　{entry.title}（{channel}）"
            )
        if len(lines) == 1:
            lines.append(self.tr("（没有启用的例会）"))
        self.upcoming.setHtml("<br>".join(lines))

    def current(self) -> PlannedMeeting | None:
        found = selected(self.view)
        return found if isinstance(found, PlannedMeeting) else None

    def _people(self) -> Any:
        return [p for p in self.session.desk.people.list(active_only=True) if p.can_sign_in]

    @Slot()
    def new(self) -> None:
        today = site_today(self.session.desk)
        if self.run_dialog(PlannedMeetingDialog(self.session, self._people(), today, parent=self)):
            self.refresh()

    @Slot()
    def edit(self) -> None:
        entry = self.current()
        if not self.need(entry, self.tr("请先选择一项例会")):
            return
        today = site_today(self.session.desk)
        dialog = PlannedMeetingDialog(self.session, self._people(), today, entry, self)
        if self.run_dialog(dialog):
            self.refresh()


__all__ = ["AREA", "CommunicationPlanPage"]
