"""What the start-up probes do the same way: the bare seven-tab window, noting the first
paint, walking the tabs, reading the peak memory. Imported by each probe with its other
imports, so all pay for it."""

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

SETTLE = 0.3  # seconds of event processing after opening each tab
TITLES = ("排班", "交接班", "事件", "反馈与改进", "统计", "流程", "培训")


class FirstPaint(QObject):
    """Notes the first Paint event of any widget inside ``window`` and quits.

    ``window`` may be set after the filter is installed (the DutyDesk probe installs it
    before building its window, so that nothing painted earlier is missed)."""

    def __init__(self, window: QWidget | None = None) -> None:
        super().__init__()
        self.window = window
        self.at: float | None = None
        self.wall: float | None = None
        self.cpu: float | None = None  # the process's CPU seconds (time.process_time)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
            and self.window is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.at, self.wall, self.cpu = time.perf_counter(), time.time(), time.process_time()
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


def walk_tabs(app: QApplication, tabs: QTabWidget, settle: float = SETTLE) -> float:
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


def paint_bare_window(app: QApplication, title: str) -> tuple[FirstPaint, QTabWidget]:
    """Show a QMainWindow with seven empty tabs and run until its first paint (or 10 s)."""
    window = QMainWindow()
    window.setWindowTitle(title)
    tabs = QTabWidget()
    for name in TITLES:
        tabs.addTab(QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    probe = FirstPaint(window)
    app.installEventFilter(probe)
    window.show()
    QTimer.singleShot(10_000, app.quit)  # never hang the benchmark
    app.exec()
    return probe, tabs
