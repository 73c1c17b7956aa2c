"""Screenshot of the real main window: sign in without the dialog, pick a tab, grab a PNG.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py \
        --db var/demo.db --user admin --password demo1234 --tab roster --out /tmp/roster.png
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database file (not changed except sign-in)")
    parser.add_argument("--user", default="admin", help="employee number")
    parser.add_argument("--password", default="demo1234")
    parser.add_argument("--tab", default="roster", help="tab key: roster, handover, …")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--locked", action="store_true", help="show the idle-lock panel")
    parser.add_argument("--settle-ms", type=int, default=400, help="time for the tab to load")
    args = parser.parse_args(argv)

    # Keep the user's own window state and language untouched.
    os.environ.setdefault(
        "DUTYDESK_UI_SETTINGS", str(Path(tempfile.mkdtemp()) / "screenshot-settings.ini")
    )
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from dutydesk.desk import Desk
    from dutydesk.errors import DutyDeskError
    from ui.app import ensure_application
    from ui.main_window import build_main_window
    from ui.session import Session

    app = ensure_application(args.lang)
    try:
        desk = Desk.open(args.db)
        person = desk.people.sign_in(args.user, args.password)
    except DutyDeskError as error:
        print(f"screenshot: {error.localized(args.lang)}", file=sys.stderr)
        return 2
    window = build_main_window(Session(desk, person, args.lang))
    window.resize(args.width, args.height)
    try:
        window.select_tab(args.tab)
    except ValueError:
        print(f"screenshot: unknown tab {args.tab!r}: {window.tab_keys()}", file=sys.stderr)
        return 2
    window.show()
    if args.locked:
        window.lock()
    window.raise_()
    window.activateWindow()
    # Let the window map, lay out, load its data and paint before grabbing it.
    loop = QEventLoop()
    QTimer.singleShot(args.settle_ms, loop.quit)
    loop.exec()
    QApplication.processEvents()
    window.repaint()
    QApplication.processEvents()
    image = window.grab()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        print(f"screenshot: cannot write {out}", file=sys.stderr)
        return 2
    print(f"{out} {image.width()}x{image.height()}")
    window.close()
    desk.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
