"""DutyDesk probe: the real main window on a demo database, signed in, to its first paint.

``python startup_dutydesk.py DB`` prints one JSON line like the bare probe, plus the
split: imports, application set-up (font, translators), opening the database, building
the window. Prints ``{"skipped": ...}`` when ui/ is not there yet. ``--all-tabs``: then
open each of the window's tabs in turn (each builds its view and loads its data) and add
the process's peak RSS (``peak_rss_mib``) for the memory figure.
"""

import time

T0, C0 = time.perf_counter(), time.process_time()

import json  # noqa: E402
import sys  # noqa: E402

try:
    from probe_common import FirstPaint, walk_tabs
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTabWidget

    from dutydesk.desk import Desk
    from ui.app import build_main_window, ensure_application
    from ui.session import Session
except ImportError as error:  # the UI helper's code has not landed
    print(json.dumps({"skipped": f"ui not available ({error})"}))
    sys.exit(0)

T_IMPORT = time.perf_counter()


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
        "first_paint_cpu_s": None if probe.cpu is None else probe.cpu - C0,
    }
    if "--all-tabs" in sys.argv:
        tabs = getattr(window, "tabs", None) or window.findChild(QTabWidget)
        result["peak_rss_mib"] = walk_tabs(app, tabs)
        result["tabs"] = tabs.count()
    desk.close()
    print(json.dumps(result))


main()
