"""The 反馈与改进 tab, and the application-wide "submit feedback" shortcut (Ctrl+Shift+F)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui import shortcuts
from ui.feedback_shortcut import install_feedback_shortcut
from ui.session import Session
from ui.tabs.feedback_dialogs import FeedbackDialog
from ui.tabs.feedback_pages import AREA, ActionsPage, FeedbackPage, InboxPage, ProblemsPage
from ui.tabs.feedback_review import AnalysisPage, CyclesPage, MeetingsPage

__all__ = ["FeedbackTab", "install_feedback_shortcut", "open_feedback_dialog"]

SHORTCUT = shortcuts.BY_NAME["window.feedback"].keys
# Areas whose changes this tab shows (incidents link to problems).
WATCHED = {AREA, "incidents", "*", "settings"}


class FeedbackTab(QWidget):
    """Attributes: ``pages`` (QTabWidget) and ``inbox``, ``problems``, ``actions``,
    ``cycles``, ``meetings``, ``analysis``, ``plan_page`` (沟通计划). A page reloads when
    shown after a change."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QTabWidget(self)
        self.inbox = InboxPage(session, self)
        self.problems = ProblemsPage(session, self)
        self.actions_page = ActionsPage(session, self)
        self.cycles = CyclesPage(session, self)
        self.meetings = MeetingsPage(session, self)
        self.analysis = AnalysisPage(session, self)
        from ui.tabs.communication_plan import CommunicationPlanPage

        self.plan_page = CommunicationPlanPage(session, self)
        for page, title in (
            (self.inbox, self.tr("意见反馈(&1)")),
            (self.problems, self.tr("问题看板(&2)")),
            (self.actions_page, self.tr("整改措施(&3)")),
            (self.cycles, self.tr("优化周期(&4)")),
            (self.meetings, self.tr("会议记录(&5)")),
            (self.analysis, self.tr("问题分析(&6)")),
            (self.plan_page, self.tr("沟通计划(&7)")),
        ):
            self.pages.addTab(page, title)
        self._stale: set[FeedbackPage] = set(self.all_pages())
        self.pages.currentChanged.connect(self._refresh_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        session.data_changed.connect(self._on_data_changed)
        self._refresh_current()

    def all_pages(self) -> list[FeedbackPage]:
        return [
            self.inbox,
            self.problems,
            self.actions_page,
            self.cycles,
            self.meetings,
            self.analysis,
            self.plan_page,
        ]

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        if area in WATCHED:
            self._stale = set(self.all_pages())
            self._refresh_current()

    @Slot()
    def _refresh_current(self) -> None:
        page = self.pages.currentWidget()
        if isinstance(page, FeedbackPage) and page in self._stale:
            self._stale.discard(page)
            page.refresh()


def open_feedback_dialog(session: Session, parent: QWidget | None = None) -> bool:
    """Show the submit dialog; True when feedback was recorded."""
    if not session.person.may("feedback.submit"):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            parent,
            QCoreApplication.translate("FeedbackDialog", "提交反馈"),
            QCoreApplication.translate("FeedbackDialog", "您的角色（只读）不能提交反馈。"),
        )
        return False
    dialog = FeedbackDialog(session, parent)
    accepted = dialog.exec() == FeedbackDialog.DialogCode.Accepted
    if accepted:
        session.data_changed.emit(AREA)
    return accepted
