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
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
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
# Names of things that stay Latin in Chinese text; fully upper-case words (PDF, KPI,
# SQLite's WAL, ISO) are accepted as well.
LATIN_ALLOWED = {
    "excel", "sqlite", "dutydesk", "json", "csv", "ctrl", "shift", "alt", "enter", "esc",
    "tab", "del", "return", "sha", "html", "yyyy", "xlsx", "scrypt", "hash", "asia",
    "shanghai", "urumqi", "utc", "wenquanyi", "micro", "hei", "admin", "demo",
}  # fmt: skip
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


STATUS_TABLES = (
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
ZH_STATUS_WORDS = {pair[0] for table in STATUS_TABLES for pair in table.values()}
EN_STATUS_WORDS = {pair[1] for table in STATUS_TABLES for pair in table.values()}


def _cells(view: QAbstractItemView, limit: int = 60) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header is not None:
            found.append(("header", str(header)))
    for row in range(min(model.rowCount(QModelIndex()), limit)):
        for column in range(max(columns, 1)):
            value = model.index(row, column, QModelIndex()).data()
            if value is not None:
                found.append(("cell", str(value)))
    return found


# Dialogs whose radio buttons and check boxes are the answers the author wrote, and whose
# row captions (buddies of the answers) are the author's questions.
DATA_CONTROLS = {"TakeTestDialog", "AnswerDialog"}


def _texts(window: QWidget, title: str = "title") -> list[tuple[str, str]]:
    """``title`` is the kind of the window title: the main window's carries the site name."""
    texts: list[tuple[str, str]] = [(title, window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractItemView):
            texts += _cells(widget)
        elif isinstance(widget, QAbstractButton):
            data = window.property("data_controls") and not isinstance(widget, QPushButton)
            texts.append(("label" if data else "control", widget.text()))
        elif isinstance(widget, QGroupBox):  # titles may carry data (questions)
            texts.append(("label", widget.title()))
        elif isinstance(widget, QComboBox):  # items are data, except the app's "（无）"
            texts += [("item", widget.itemText(i)) for i in range(min(widget.count(), 60))]
        elif isinstance(widget, QTabBar):
            texts += [("control", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QLabel):
            control = widget.buddy() is not None and not window.property("data_controls")
            kind = "control" if control else "label"
            texts.append((kind, widget.text()))
    return texts


def _english_words(text: str) -> list[str]:
    """Latin words of three letters or more that are not names of things (PDF, Excel…)."""
    plain = re.sub(r"<[^>]+>|&[a-z]+;", " ", text)  # rich-text tags and entities
    plain = re.sub(r"\b[0-9a-f]{16,}\b", " ", plain)  # hashes
    plain = re.sub(r"(?:[A-Za-z]:)?[/\\][^\s，。：）]*", " ", plain)  # file paths
    plain = re.sub(r"\(&[A-Za-z0-9]\)|&(?=\w)", "", plain)  # mnemonics
    return [
        word
        for word in re.findall(r"[A-Za-z]{3,}", plain)
        if word.lower() not in LATIN_ALLOWED and not word.isupper()
    ]


def _problems(texts: list[tuple[str, str]], lang: str) -> set[str]:
    """App-made text (headers, controls, labels, window titles) must be in the language;
    cells are data (people's names, titles, notes) except the status words."""
    problems = set()
    for kind, text in texts:
        if ISO.search(text):
            problems.add(f"UTC/ISO time: {text[:80]!r}")
        if PERMISSION.search(text):
            problems.add(f"permission code: {text[:80]!r}")
        if kind == "cell" and text.strip() in CODES:
            problems.add(f"internal code: {text!r}")
        placeholder = kind == "item" and text[:1] in "（(" and text[-1:] in "）)"
        if placeholder and lang == "en" and CJK.search(text):
            problems.add(f"Chinese choice in English: {text!r}")
        if placeholder and lang == "zh_CN" and _english_words(text):
            problems.add(f"English choice in Chinese: {text!r}")
        if kind == "title":  # "Take test: 值班流程测试": what follows the colon is data
            text = re.split(r"[:：]", text, maxsplit=1)[0]
        if lang == "en" and kind in ("header", "control", "title") and CJK.search(text):
            problems.add(f"Chinese {kind} in English: {text[:60]!r}")
        if lang == "en" and kind == "cell" and text.strip() in ZH_STATUS_WORDS:
            problems.add(f"Chinese status word in English: {text!r}")
        if lang == "zh_CN" and kind in ("header", "control", "label", "title"):
            words = _english_words(text)
            if words:
                problems.add(f"English {kind} in Chinese: {text[:60]!r} ({words[0]})")
        if lang == "zh_CN" and kind == "cell" and text.strip() in EN_STATUS_WORDS:
            problems.add(f"English status word in Chinese: {text!r}")
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
    problems: dict[str, str] = {}
    for page in walk_pages(window):
        QApplication.processEvents()
        for problem in _problems(_texts(window, "label"), lang):
            problems.setdefault(problem, page)
        message = [("label", window.statusBar().currentMessage())]
        for problem in _problems(message, lang):
            problems.setdefault(problem, page)
    found = sorted(f"{page}: {problem}" for problem, page in problems.items())
    assert found == [], "\n".join(found)


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


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_dialog_shows_names_and_local_times(app, demo, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    from tests.ui import catalog
    from ui import i18n
    from ui.session import Session

    i18n.install_translators(app, lang)
    session = Session(demo, demo.people.sign_in("admin", "demo1234"), lang)
    problems: set[str] = set()
    for name, make in catalog.factories(session).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        where = name.rsplit(".", 1)[-1]
        if where in DATA_CONTROLS:  # the answer options are the questions' own text
            dialog.setProperty("data_controls", True)
        for _page in walk_pages(dialog):
            QApplication.processEvents()
            problems |= {f"{where}: {p}" for p in _problems(_texts(dialog), lang)}
        dialog.close()
    assert sorted(problems) == [], "\n".join(sorted(problems))


def test_handovers_are_shown_with_shift_names_not_codes(app, demo, qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    from dutydesk.kpi.period import Period
    from ui.session import Session
    from ui.tabs.kpi import DrillDownDialog

    session = Session(demo, demo.people.sign_in("admin", "demo1234"), "zh_CN")
    shifts = {s.code: s.name for s in demo.roster.shift_types_by_id().values()}
    assert all(code != name for code, name in shifts.items())
    report = demo.kpi.report(Period.containing("month", demo_clock()().date()))
    dialog = DrillDownDialog(session, report, "handover_on_time_rate")
    qtbot.addWidget(dialog)
    cells = [row.cells for row in dialog.rows]
    assert cells and all(" → " in c[1] for c in cells)
    named = {part for c in cells for part in c[1].split(" → ")}
    assert named <= set(shifts.values()), named
    assert {c[2] for c in cells} <= {"已锁定", "待接班确认", "填写中", "已退回"}
    assert {c[4] for c in cells} <= {"是", "否", ""}
    tab = make_window(session).select_tab("handover")
    header = tab.header.text()
    record = tab.record
    assert record is not None
    assert shifts[record.outgoing_shift_code] in header
    assert f" {record.outgoing_shift_code} " not in header


def test_the_incident_source_is_named_in_english(app, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.session import Session

    i18n.install_translators(app, "en")
    window = make_window(Session(demo, demo.people.sign_in("admin", "demo1234"), "en"))
    tab = window.select_tab("incidents")
    incident = tab.current
    assert incident is not None and incident.source_id is not None
    source = next(s for s in demo.incidents.reference.sources() if s.id == incident.source_id)
    assert source.name_en and source.name_en != source.name
    text = tab.summary.text()
    assert source.name_en in text and source.name not in text
