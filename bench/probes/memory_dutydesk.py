"""DutyDesk memory probe: the real window on a database, signed in, every tab opened once.

``python memory_dutydesk.py DB [SETTLE_MS]`` prints one JSON line like ``memory_bare.py``:
RSS (MiB) after the first paint, after each tab (by key), with every tab open, and the
peak (``ru_maxrss``). Background work a tab starts (KPIs) is waited for before the next.
"""

import json
import resource
import sys

from PySide6.QtCore import QEventLoop, QTimer

from dutydesk.desk import Desk
from ui.app import build_main_window, ensure_application
from ui.session import Session


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1048576


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    settle_ms = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    app = ensure_application("zh_CN")
    desk = Desk.open(sys.argv[1])
    person = desk.people.by_employee_no("admin")
    window = build_main_window(Session(desk, person, "zh_CN"))
    window.show()
    settle(settle_ms)
    first = rss_mib()
    after = {}
    for key in window.tab_keys():
        window.select_tab(key)
        settle(settle_ms)
        for _ in range(200):  # background work of the tab (at most 20 s more)
            if not _busy(window):
                break
            settle(100)
        after[key] = round(rss_mib(), 1)
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
    desk.close()


def _busy(window) -> bool:  # type: ignore[no-untyped-def]
    """True while a background task (ui.worker) started by the window or a tab runs."""
    worker = sys.modules.get("ui.worker")
    running = getattr(worker, "_running", ()) if worker is not None else ()
    return bool(running) or not all(task.is_finished for task in window.tasks)


main()
