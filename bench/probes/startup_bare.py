"""Baseline probe: a bare PySide6 QMainWindow with seven empty tabs, to its first paint.

Prints one JSON line: seconds from the top of this script to the end of the imports and
to the first paint event of the window, plus the wall-clock time of that paint and the
process's CPU seconds from the top of the script by then (``first_paint_cpu_s``). With
``--all-tabs`` it then opens each tab in turn and adds the process's peak RSS
(``peak_rss_mib``), the baseline of the memory figure.
"""

import time

T0, C0 = time.perf_counter(), time.process_time()

import json  # noqa: E402
import sys  # noqa: E402

from probe_common import paint_bare_window, walk_tabs  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

T_IMPORT = time.perf_counter()


def main() -> None:
    app = QApplication(sys.argv[:1])
    probe, tabs = paint_bare_window(app, "bare")
    result = {
        "import_s": T_IMPORT - T0,
        "first_paint_s": None if probe.at is None else probe.at - T0,
        "paint_wall": probe.wall,
        "first_paint_cpu_s": None if probe.cpu is None else probe.cpu - C0,
    }
    if "--all-tabs" in sys.argv:
        result["peak_rss_mib"] = walk_tabs(app, tabs)
    print(json.dumps(result))


main()
