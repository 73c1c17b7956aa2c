"""Screenshot of the real main window: sign in without the dialog, pick a tab, grab a PNG.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py \
        --db var/demo.db --user admin --password demo1234 --tab roster --out /tmp/roster.png

``--all DIR`` writes every tab and the main dialogs at 1280×720 and 1920×1080, in Chinese
and in English (``DIR/<lang>-<width>x<height>-<name>.png``), on a copy of the database and
with the demo's clock when ``--demo-clock`` is given:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py --db var/demo.db \
        --all /tmp/shots --demo-clock
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dutydesk.clock import Clock

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
    parser.add_argument("--out", help="PNG file to write (one tab)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--locked", action="store_true", help="show the idle-lock panel")
    parser.add_argument("--settle-ms", type=int, default=400, help="time for the tab to load")
    parser.add_argument("--all", metavar="DIR", help="every tab and main dialog, both sizes")
    parser.add_argument("--demo-clock", action="store_true", help="the demo's fixed day")
    args = parser.parse_args(argv)
    if args.all:
        return shoot_all(args)
    if not args.out:
        parser.error("--out or --all is required")

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
        desk = Desk.open(args.db, clock=_clock(args))
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


SIZES = ((1280, 720), (1920, 1080))


def _settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def _dialogs(session):  # type: ignore[no-untyped-def]
    """The main dialogs, by name (built on demand so each sees the current language)."""
    from ui.shift_report_dialog import ShiftReportDialog
    from ui.shortcuts_dialog import ShortcutsDialog
    from ui.site_settings import SiteSettingsDialog
    from ui.tabs import feedback_dialogs, kpi, roster_setup
    from ui.tabs.handover_dialogs import StartDialog
    from ui.tabs.incidents import QuickAddDialog
    from ui.tabs.incidents_reference import ReferenceDataDialog

    return {
        "dialog-incident": lambda: QuickAddDialog(session),
        "dialog-reference": lambda: ReferenceDataDialog(session),
        "dialog-feedback": lambda: feedback_dialogs.FeedbackDialog(session),
        "dialog-handover-start": lambda: StartDialog(session),
        "dialog-roster-setup": lambda: roster_setup.SetupDialog(session),
        "dialog-targets": lambda: kpi.TargetsDialog(session),
        "dialog-site-settings": lambda: SiteSettingsDialog(session),
        "dialog-shift-report": lambda: ShiftReportDialog(session),
        "dialog-shortcuts": lambda: ShortcutsDialog(None),
    }


def _clock(args: argparse.Namespace) -> Clock:
    """The demo's fixed "now" with ``--demo-clock`` (one tab or all), else the real one."""
    from dutydesk.clock import utc_now
    from dutydesk.demo.site import demo_clock

    return demo_clock() if args.demo_clock else utc_now


def shoot_all(args: argparse.Namespace) -> int:
    import shutil

    from dutydesk.desk import Desk
    from dutydesk.errors import DutyDeskError
    from ui import i18n
    from ui.app import ensure_application
    from ui.main_window import build_main_window
    from ui.session import Session

    out = Path(args.all)
    out.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp()) / "screenshots.db"
    shutil.copy(args.db, copy)
    app = ensure_application("zh_CN")
    desk = Desk.open(copy, clock=_clock(args))
    try:
        person = desk.people.sign_in(args.user, args.password)
    except DutyDeskError as error:
        print(f"screenshot: {error.localized('zh_CN')}", file=sys.stderr)
        return 2
    made = 0
    for lang in ("zh_CN", "en"):
        i18n.install_translators(app, lang)
        session = Session(desk, person, lang)
        window = build_main_window(session)
        for width, height in SIZES:
            window.resize(width, height)
            window.show()
            for key in window.tab_keys():
                window.select_tab(key)
                _settle(args.settle_ms)
                name = out / f"{lang}-{width}x{height}-{key}.png"
                window.grab().save(str(name), "PNG")
                made += 1
            for name_key, make in _dialogs(session).items():
                dialog = make()
                dialog.show()
                if width > 1280:
                    dialog.resize(dialog.size() * 1.25)
                _settle(150)
                dialog.grab().save(str(out / f"{lang}-{width}x{height}-{name_key}.png"), "PNG")
                dialog.close()
                dialog.deleteLater()
                made += 1
        window.close()
        window.deleteLater()
        app.processEvents()
    desk.close()
    print(f"{made} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
