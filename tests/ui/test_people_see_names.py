"""People see names and site-local times, never codes (issue 17, item 4).

Walks every page of every tab of the demo's main window, in Chinese and in English, and
reads every cell of every visible table or list, every header, label and button; then
the KPI drill-down. Fails on ISO timestamps, internal status/role/permission codes, and
app-made English in Chinese mode or app-made Chinese in English mode.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.handover.records import OPEN_ITEM_STATUS
from dutydesk.handover.records import STATUS_LABELS as HANDOVER_STATUS
from dutydesk.improvement.actions import ACTION_STATUSES
from dutydesk.improvement.feedback import FEEDBACK_STATUSES
from dutydesk.improvement.problems import PROBLEM_STATUSES
from dutydesk.incidents.records import STATUS_LABELS as INCIDENT_STATUS
from dutydesk.people.auth import ROLE_LABELS
from dutydesk.roster.changes import LEAVE_STATUS, SWAP_STATUS
from tests.ui.keycheck import walk_pages

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[+-]00:00\b")
PERMISSION = re.compile(r"（[a-z_]+\.[a-z_]+）|\([a-z_]+\.[a-z_]+\)")
CJK = re.compile(r"[\u4e00-\u9fff]")
CODES = {
    code
    for table in (
        INCIDENT_STATUS,
        HANDOVER_STATUS,
        OPEN_ITEM_STATUS,
        FEEDBACK_STATUSES,
        PROBLEM_STATUSES,
        ACTION_STATUSES,
        LEAVE_STATUS,
        SWAP_STATUS,
        ROLE_LABELS,
    )
    for code in table
}


def _cells(view: QAbstractItemView, limit: int = 60) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    columns = model.columnCount()
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header is not None:
            found.append(("header", str(header)))
    for row in range(min(model.rowCount(), limit)):
        for column in range(max(columns, 1)):
            value = model.index(row, column, QModelIndex()).data()
            if value is not None:
                found.append(("cell", str(value)))
    return found


def _texts(window: QWidget) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractItemView):
            texts += _cells(widget)
        elif isinstance(widget, QAbstractButton):
            texts.append(("control", widget.text()))
        elif isinstance(widget, QGroupBox):  # titles may carry data (questions)
            texts.append(("label", widget.title()))
        elif isinstance(widget, QTabBar):
            texts += [("control", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QLabel):
            kind = "control" if widget.buddy() is not None else "label"
            texts.append((kind, widget.text()))
    return texts


def _problems(texts: list[tuple[str, str]], lang: str) -> set[str]:
    problems = set()
    for kind, text in texts:
        if ISO.search(text):
            problems.add(f"UTC/ISO time: {text[:80]!r}")
        if PERMISSION.search(text):
            problems.add(f"permission code: {text[:80]!r}")
        if kind == "cell" and text.strip() in CODES:
            problems.add(f"internal code: {text!r}")
        if lang == "en" and kind in ("header", "control") and CJK.search(text):
            problems.add(f"Chinese {kind} in English: {text[:60]!r}")
    return problems


@pytest.fixture
def demo(app, demo_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return Desk.open(path, clock=demo_clock())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_shows_names_and_local_times(app, demo, make_window, lang: str) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.session import Session

    i18n.install_translators(app, lang)
    window = make_window(Session(demo, demo.people.sign_in("admin", "demo1234"), lang))
    window.resize(1280, 720)
    window.show()
    problems: set[str] = set()
    for page in walk_pages(window):
        QApplication.processEvents()
        problems |= {f"{page}: {p}" for p in _problems(_texts(window), lang)}
    assert sorted(problems) == []


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_kpi_drill_down_shows_names_and_local_times(app, demo, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    from dutydesk.kpi.period import Period
    from ui import i18n
    from ui.session import Session
    from ui.tabs.kpi import DrillDownDialog

    i18n.install_translators(app, lang)
    session = Session(demo, demo.people.sign_in("admin", "demo1234"), lang)
    report = demo.kpi.report(Period.containing("month", demo_clock()().date()))
    problems: set[str] = set()
    for code in ("resolution_rate", "handover_on_time_rate"):
        dialog = DrillDownDialog(session, report, code)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.model.rowCount() > 0
        problems |= _problems(_texts(dialog), lang)
    assert sorted(problems) == []
