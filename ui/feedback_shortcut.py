"""The application-wide "提交反馈" action (Ctrl+Shift+F), light enough for start-up.

The dialog and the 反馈与改进 tab (``ui.tabs.feedback``) are imported when the action is
first triggered, not when the main window is built.
"""

# i18n-area: feedback

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from ui import shortcuts
from ui.session import Session


def install_feedback_shortcut(window: QMainWindow) -> QAction:
    """Add "提交反馈" (Ctrl+Shift+F) to ``window`` so it works from every tab.

    The main window calls this once after building its actions; the action belongs to the
    window, so the idle lock disables it with the others.
    """
    action = QAction(QCoreApplication.translate("FeedbackDialog", "提交反馈(&K)…"), window)
    shortcuts.assign(action, "window.feedback")
    action.setObjectName("submitFeedbackAction")

    def trigger() -> None:
        from ui.tabs.feedback import open_feedback_dialog

        session = getattr(window, "session", None)
        if isinstance(session, Session):
            open_feedback_dialog(session, window)

    def retranslate(_lang: str = "") -> None:
        action.setText(QCoreApplication.translate("FeedbackDialog", "提交反馈(&K)…"))

    action.triggered.connect(trigger)
    session = getattr(window, "session", None)
    if isinstance(session, Session):
        session.language_changed.connect(retranslate)
    window.addAction(action)
    return action
