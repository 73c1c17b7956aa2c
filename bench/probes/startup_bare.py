"""Baseline probe: a bare PySide6 QMainWindow with seven empty tabs, to its first paint.

Prints one JSON line: seconds from the top of this script to the end of the imports and
to the first paint event of the window, plus the wall-clock time of that paint. With
``--all-tabs`` it then opens each tab in turn and adds the process's peak RSS
(``peak_rss_mib``), the baseline of the memory figure.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget  # noqa: E402

T_IMPORT = time.perf_counter()

SETTLE = 0.3  # seconds of event processing after opening each tab
TITLES = ("排班", "交接班", "事件", "反馈与改进", "统计", "流程", "培训")


class FirstPaint(QObject):
    """Notes the first Paint event of any widget inside ``window`` and quits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.at: float | None = None
        self.wall: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
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
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    tabs = QTabWidget()
    for title in TITLES:
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    probe = FirstPaint(window)
    app.installEventFilter(probe)
    window.show()
    QTimer.singleShot(10_000, app.quit)  # never hang the benchmark
    app.exec()
    result = {
        "import_s": T_IMPORT - T0,
        "first_paint_s": None if probe.at is None else probe.at - T0,
        "paint_wall": probe.wall,
    }
    if "--all-tabs" in sys.argv:
        result["peak_rss_mib"] = walk_tabs(app, tabs, SETTLE)
    print(json.dumps(result))


main()
