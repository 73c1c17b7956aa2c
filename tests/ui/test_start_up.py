"""Start-up paints the window before it builds the open tab or imports what tabs need."""

from __future__ import annotations

from pathlib import Path

from dutydesk.desk import Desk
from tests.ui.fresh_process import printed_by_fresh_process

PAINTED = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from dutydesk.desk import Desk
from ui.app import build_main_window, ensure_application
from ui.session import Session

app = ensure_application("zh_CN")
desk = Desk.open(sys.argv[1])
window = build_main_window(Session(desk, desk.people.by_employee_no("admin"), "zh_CN"))
seen = {}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            if watched.window() is window:
                seen["modules"] = sorted(sys.modules)
                seen["tabs"] = sorted(window._widgets)
                app.quit()  # before the restored tab is built (the 统计 tab starts a thread)
        return False


probe = FirstPaint()
app.installEventFilter(probe)
window.show()
QTimer.singleShot(20_000, app.quit)
app.exec()
print("TABS", *seen["tabs"])
print("MODULES", *seen["modules"])
"""


def test_nothing_a_tab_needs_is_imported_before_the_first_paint(desk: Desk, tmp_path: Path) -> None:
    path = desk.path
    desk.close()
    settings = tmp_path / "ui.ini"
    settings.write_text("[window]\ntab=kpi\n", encoding="utf-8")
    lines = printed_by_fresh_process(
        PAINTED, str(path), env={"DUTYDESK_UI_SETTINGS": str(settings)}
    )
    assert lines["TABS"] == []  # the restored 统计 tab comes after the first paint
    modules = set(lines["MODULES"])
    heavy = {"reportlab", "openpyxl", "PIL", "importlib.metadata"}
    assert modules & heavy == set()
    assert not [m for m in modules if m.startswith(("ui.tabs.", "ui.models.", "reports"))]
    assert not [m for m in modules if m.startswith(("PySide6.QtCharts", "PySide6.QtPdf"))]
    assert "PySide6.QtPrintSupport" not in modules
    assert "ui.shortcuts_dialog" not in modules  # F1's table, not the keys
    areas = ("roster", "handover", "incidents", "improvement", "kpi", "process", "training")
    assert not [m for m in modules if m.startswith(tuple(f"dutydesk.{a}" for a in areas))]
