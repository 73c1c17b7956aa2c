"""Baseline probe: a bare PySide6 QMainWindow with seven empty tabs, to its first paint.

Prints one JSON line: seconds from the top of this script to the end of the imports and
to the first paint event of the window, plus the wall-clock time of that paint.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget  # noqa: E402

T_IMPORT = time.perf_counter()

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
    print(
        json.dumps(
            {
                "import_s": T_IMPORT - T0,
                "first_paint_s": None if probe.at is None else probe.at - T0,
                "paint_wall": probe.wall,
            }
        )
    )


main()
