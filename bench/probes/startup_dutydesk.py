"""DutyDesk probe: the real main window on a demo database, signed in, to its first paint.

``python startup_dutydesk.py DB`` prints one JSON line like the bare probe, plus the
split: imports, application set-up (font, translators), opening the database, building
the window. Prints ``{"skipped": ...}`` when ui/ is not there yet. ``--all-tabs``: then
open each of the window's tabs in turn (each builds its view and loads its data) and add
the process's peak RSS (``peak_rss_mib``) for the memory figure.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

try:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    from dutydesk.desk import Desk
    from ui.app import build_main_window, ensure_application
    from ui.session import Session
except ImportError as error:  # the UI helper's code has not landed
    print(json.dumps({"skipped": f"ui not available ({error})"}))
    sys.exit(0)

T_IMPORT = time.perf_counter()
SETTLE = 0.3  # seconds of event processing after opening each tab


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.window: QWidget | None = None
        self.at: float | None = None
        self.wall: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
            and self.window is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.at, self.wall = time.perf_counter(), time.time()
            QTimer.singleShot(0, QApplication.quit)
        return False


def peak_rss_mib() -> float:
    """This process's peak resident memory: VmHWM (its own address space, so a parent's
    memory inherited through fork does not count), else ru_maxrss."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def walk_tabs(app: QApplication, tabs: QTabWidget, settle: float) -> float:
    """Open every tab in turn, letting each finish its work; returns the peak RSS (MiB)."""
    import gc

    from PySide6.QtCore import QThread

    def pump(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.005)

    def busy() -> bool:  # a tab's worker thread still loading its data
        return any(isinstance(o, QThread) and o.isRunning() for o in gc.get_objects())

    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        pump(settle)
        give_up = time.perf_counter() + 30
        while busy() and time.perf_counter() < give_up:
            pump(0.05)
    pump(settle)
    return peak_rss_mib()


def main() -> None:
    app = ensure_application("zh_CN")
    t_app = time.perf_counter()
    desk = Desk.open(sys.argv[1])
    person = desk.people.by_employee_no("admin")  # signed in without the dialog
    t_open = time.perf_counter()
    session = Session(desk, person, "zh_CN")
    probe = FirstPaint()
    app.installEventFilter(probe)
    window = build_main_window(session)
    probe.window = window
    t_window = time.perf_counter()
    window.show()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    result = {
        "import_s": T_IMPORT - T0,
        "app_setup_s": t_app - T_IMPORT,
        "open_db_s": t_open - t_app,
        "build_window_s": t_window - t_open,
        "first_paint_s": None if probe.at is None else probe.at - T0,
        "paint_wall": probe.wall,
    }
    if "--all-tabs" in sys.argv:
        tabs = getattr(window, "tabs", None) or window.findChild(QTabWidget)
        result["peak_rss_mib"] = walk_tabs(app, tabs, SETTLE)
        result["tabs"] = tabs.count()
    desk.close()
    print(json.dumps(result))


main()
