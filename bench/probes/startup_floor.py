"""Floor probe: the bare seven-tab window of ``startup_bare.py`` plus what DutyDesk cannot
do without before its first paint, to the first paint.

``python startup_floor.py DB`` adds importing sqlite-utils and opening ``DB`` with it
(``sqlite_utils.Database`` without plugins, as DutyDesk opens it, then reading the
signed-in person's row, as signing in does): sqlite-utils is the project's fixed
database layer. ``--app-imports`` adds the
DutyDesk probe's imports too (``dutydesk.desk``, ``ui.app``, ``ui.session``: every module
the real first paint needs) but still builds the bare window. Prints one JSON line like
the other probes: seconds from the top of this script to the end of the imports, to the
database being open, and to the first paint.
"""

import time

T0, C0 = time.perf_counter(), time.process_time()

import json  # noqa: E402
import sys  # noqa: E402

from probe_common import paint_bare_window  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlite_utils import Database  # noqa: E402

if "--app-imports" in sys.argv:
    import dutydesk.desk  # noqa: F401
    import ui.app
    import ui.session  # noqa: F401

T_IMPORT = time.perf_counter()


def main() -> None:
    app = QApplication(sys.argv[:1])
    # as DutyDesk opens it: no scan of the installed packages for sqlite-utils plugins
    db = Database(sys.argv[1], execute_plugins=False)
    person = db.execute(
        "SELECT * FROM people WHERE employee_no = ?", ["admin"]
    ).fetchone()  # signing in reads the person
    assert person is not None
    t_open = time.perf_counter()
    probe, _ = paint_bare_window(app, "floor")
    db.conn.close()
    print(
        json.dumps(
            {
                "import_s": T_IMPORT - T0,
                "open_db_s": t_open - T_IMPORT,
                "first_paint_s": None if probe.at is None else probe.at - T0,
                "paint_wall": probe.wall,
                "first_paint_cpu_s": None if probe.cpu is None else probe.cpu - C0,
            }
        )
    )


main()
