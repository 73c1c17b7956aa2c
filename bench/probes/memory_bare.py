"""Baseline probe for memory: a bare PySide6 QMainWindow with seven empty tabs, each shown.

Prints one JSON line: the resident set (RSS, MiB) after the first paint and after every tab
has been shown once, and the peak (``ru_maxrss``).
"""

import json
import resource
import sys

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

TITLES = ("排班", "交接班", "事件", "反馈与改进", "统计", "流程", "培训")


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1048576


def settle(ms: int) -> None:
    """Run the event loop for ``ms`` (paints, deferred work) and return."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    settle_ms = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in TITLES:
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    window.show()
    settle(settle_ms)
    first = rss_mib()
    after = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle(settle_ms)
        after[str(index)] = round(rss_mib(), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "rss_first_paint_mib": round(first, 1),
                "rss_after_tabs_mib": after,
                "rss_all_tabs_mib": round(rss_mib(), 1),
                "peak_rss_mib": round(peak, 1),
            }
        )
    )
    window.close()
    app.processEvents()


main()
