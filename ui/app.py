"""``run_gui``: application start-up — font, translators, database, sign-in, main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dutydesk.errors import DutyDeskError
from dutydesk.store.paths import AppPaths, resources_dir
from ui import i18n, prefs
from ui.main_window import MainWindow, build_main_window
from ui.session import Session

__all__ = [
    "MainWindow",
    "build_main_window",
    "ensure_application",
    "install_error_handler",
    "report_unexpected_error",
    "run_gui",
]

log = logging.getLogger(__name__)


def ensure_application(lang: str = prefs.DEFAULT_LANGUAGE) -> QApplication:
    """The QApplication with the bundled font and the translators for ``lang``."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(prefs.ORGANIZATION)
    app.setApplicationName(prefs.APPLICATION)
    app.setApplicationDisplayName("值班台")
    icon = resources_dir() / "icons" / "dutydesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    i18n.register_bundled_font(app)
    i18n.install_translators(app, lang)
    return app


def report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """The one place that handles errors nobody expected: log them and tell the user.

    Everywhere else the UI catches only DutyDeskError (messages meant for people); a bug
    ends up here instead of being swallowed, and the window stays open.
    """
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    log.error("unexpected error", exc_info=(kind, error, trace))
    text = "".join(traceback.format_exception_only(kind, error)).strip()
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, trace)
        return
    QMessageBox.critical(
        QApplication.activeWindow(),
        QCoreApplication.translate("App", "意外错误"),
        QCoreApplication.translate(
            "App", "操作未完成，发生了意外错误。请记下以下内容并报告管理员：\n{0}"
        ).format(text),
    )


def install_error_handler() -> None:
    sys.excepthook = report_unexpected_error


def run_gui(db_path: str | None, lang: str | None) -> int:
    """Open the window; returns the process exit code (2 when the user gives up at start)."""
    from ui.opening import open_desk_interactive, sign_in_interactive

    language = prefs.normalize_language(lang) or prefs.stored_language()
    app = ensure_application(language)
    install_error_handler()
    if lang:
        prefs.store_language(language)
    path = Path(db_path) if db_path else AppPaths.from_platformdirs().default_database
    create = db_path is None or not path.exists()
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    desk = open_desk_interactive(None, path, lang=language, create=create)
    if desk is None:
        return 2
    person = sign_in_interactive(None, desk, lang=language)
    if person is None:
        desk.close()
        return 2
    if desk.path is not None:
        prefs.store_last_database(str(desk.path))
    session = Session(desk, person, language)
    window = build_main_window(session, automatic_backups=True)
    window.show()
    window.start_idle_watch()
    # The start-up backup runs once the window has painted, off the GUI thread.
    QTimer.singleShot(500, window.automatic_backup)
    code = app.exec()
    if not window.is_signed_out:
        try:
            session.desk.people.sign_out(session.person)
        except DutyDeskError as error:  # quitting goes on; the sign-in row stays
            log.warning("sign-out not recorded: %s", error)
    session.desk.close()
    return int(code)
