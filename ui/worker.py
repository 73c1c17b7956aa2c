"""Long work off the GUI thread, on its own Desk (SQLite connections are per thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from dutydesk.desk import Desk
from ui.session import Session

log = logging.getLogger(__name__)

Progress = Callable[..., None]
# Running tasks are kept here so that a task without a parent is not garbage-collected.
_running: set[BackgroundTask] = set()


class Cancelled(Exception):
    """Raised inside the work function by ``progress`` once the user pressed Cancel."""


class _Thread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            if task.db_path is None:
                raise RuntimeError("background work needs a database file")
            desk = Desk.open(task.db_path, clock=task.clock)
        except BaseException as error:
            self.failed.emit(error)
            return
        try:
            result = task.fn(desk, task.progress)
        except BaseException as error:
            if not isinstance(error, Cancelled):
                log.exception("background task %r failed", task.title)
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            desk.close()


class BackgroundTask(QObject):
    """One piece of work; ``finished`` fires on the GUI thread after on_done/on_error ran.

    Attributes: ``result``, ``error`` (the exception or None), ``is_finished``.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        title: str,
        fn: Callable[[Desk, Progress], Any],
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], None] | None,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.fn = fn
        self.session = session
        self.db_path = session.desk.path
        self.clock = session.desk.clock
        self._on_done = on_done
        self._on_error = on_error
        self._parent_widget = parent
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False
        self.cancelled = False
        self.dialog = QProgressDialog(
            title, QCoreApplication.translate("Worker", "取消"), 0, 0, parent
        )
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        if not show_progress:
            # Quiet work (automatic backups) never pops a dialog up.
            self.dialog.setMinimumDuration(24 * 3600 * 1000)
        self._thread = _Thread(self)
        self._thread.progressed.connect(self._show_progress)
        self._thread.succeeded.connect(self._succeeded)
        self._thread.failed.connect(self._failed)

    def start(self) -> None:
        self._thread.start()

    def progress(self, done: int = 0, total: int = 0, text: str | None = None) -> None:
        """Called from the work function (worker thread): report, or stop if cancelled."""
        if self.cancelled:
            raise Cancelled
        self._thread.progressed.emit(int(done), int(total), text or "")

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the thread ends (tests); queued results still need the event loop."""
        return self._thread.wait(msecs)

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop at its next progress call."""
        self.cancelled = True

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.dialog.setLabelText(text)

    def _end(self) -> None:
        _running.discard(self)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self._thread.wait()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._end()
        self.result = result
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self.is_finished = True
            self.finished.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._end()
        self.error = error
        try:
            if isinstance(error, Cancelled):
                pass
            elif self._on_error is not None:
                self._on_error(error)
            else:
                QMessageBox.warning(self._parent_widget, self.title, self.session.error_text(error))
        finally:
            self.is_finished = True
            self.finished.emit()


def _find_session(parent: QObject | None) -> Session | None:
    node = parent
    while node is not None:
        found = getattr(node, "session", None)
        if isinstance(found, Session):
            return found
        node = node.parent()
    return Session.active()


def run_in_background(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Desk, Progress], Any],
    on_done: Callable[[Any], object] | None = None,
    *,
    session: Session | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    show_progress: bool = True,
) -> BackgroundTask:
    """Run ``fn(desk, progress)`` in a worker thread on a Desk of its own.

    ``progress(done, total, text=None)`` updates the progress dialog and raises
    ``Cancelled`` after the user cancels. ``on_done(result)`` runs on the GUI thread;
    errors are shown in a message box with ``session.error_text`` unless ``on_error`` is
    given. The session comes from ``session=``, else the nearest parent with a
    ``session`` attribute, else the active session.
    """
    session = session or _find_session(parent)
    if session is None or session.desk.path is None:
        raise RuntimeError("run_in_background needs a session on a database file")
    task = BackgroundTask(parent, session, title, fn, on_done, on_error, show_progress)
    _running.add(task)
    task.start()
    return task
