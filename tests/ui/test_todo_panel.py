"""The 待办 panel: at sign-in it lists what the core's ``desk.todo(person, site today)``
returns, the status bar counts it, and each entry opens the place to act."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from dutydesk.clock import site_today
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk


@pytest.fixture
def demo(app, demo_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    desk = Desk.open(path, clock=demo_clock())
    yield desk
    desk.close()


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _started(window):  # type: ignore[no-untyped-def]
    """The panel comes after the first paint; a test that does not paint starts it itself."""
    window.finish_start_up()
    return window


def _texts(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        " ".join(panel.list.item(row, column).text() for column in range(3))
        for row in range(panel.list.rowCount())
    ]


def test_sign_in_on_the_demo_shows_the_core_list_and_counts_it(  # type: ignore[no-untyped-def]
    qtbot, demo, make_window
):
    from ui.session import Session

    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "zh_CN")))
    window.show()
    panel = window.todo_panel
    expected = demo.todo(admin, site_today(demo))
    assert site_today(demo) == date(2026, 11, 25)
    assert expected, "the demo gives the administrator something to do"
    assert panel.isVisible() and panel.items == expected
    assert panel.list.rowCount() == len(expected)
    for text, item in zip(_texts(panel), expected, strict=True):
        assert item.title in text and item.due_on in text
    overdue = sum(1 for i in expected if i.overdue)
    assert panel.count_label.text() == f"待办 {len(expected)} 项（逾期 {overdue}）"
    assert "【逾期】" in _texts(panel)[0]  # overdue entries first

    # Enter on the expired qualification: the 培训 tab, its matrix, that person's row
    row = next(i for i, item in enumerate(expected) if item.kind == "qualification")
    panel.list.setCurrentCell(row, 0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.tab_keys()[window.tabs.currentIndex()] == "training"
    training = window.tab("training")
    assert training.tabs.currentWidget() is training.matrix
    qualification = next(
        q for q in demo.training.qualifications.list() if q.id == expected[row].ref
    )
    chosen = training.matrix.view.currentIndex().row()
    assert training.matrix.model.person(chosen).id == qualification.person_id

    # the holidays entry opens the roster tab's calendar dialog
    row = next(i for i, item in enumerate(expected) if item.kind == "holidays")
    panel.list.setCurrentCell(row, 0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.tab_keys()[window.tabs.currentIndex()] == "roster"
    from ui.tabs.roster_dialogs import CalendarDialog

    dialogs = [d for d in window.findChildren(CalendarDialog) if d.isVisible()]
    assert dialogs
    for dialog in dialogs:
        dialog.reject()


def test_the_panel_follows_the_person_who_signs_in(qtbot, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session

    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "zh_CN")))
    officer = demo.people.sign_in("1001", "demo1234")
    window.sign_out()
    assert not window.todo_panel.isVisible() and window.todo_panel.count_label.text() == ""
    window._signed_in_as(officer)
    expected = demo.todo(officer, site_today(demo))
    assert window.todo_panel.items == expected
    assert window.todo_panel.count_label.text() == f"待办 {len(expected)} 项"
    QApplication.processEvents()


def test_an_overdue_action_opens_the_actions_page_with_it_selected(  # type: ignore[no-untyped-def]
    qtbot, desk, clock, crew, make_session, make_window
):
    action = desk.improvement.add_action(
        crew["admin"],
        kind="corrective",
        title="补充夜班备用电话",
        owner_id=crew["officer"].id,
        due_on="2026-11-26",
    )
    desk.improvement.add_action(
        crew["admin"],
        kind="corrective",
        title="更新值班通讯录",
        owner_id=crew["leader"].id,
        due_on="2026-11-27",
    )
    clock.advance(days=3)  # 2026-11-28: the officer's action is two days late
    window = _started(make_window(make_session(crew["officer"])))
    panel = window.todo_panel
    assert [i.ref for i in panel.items] == [action.id]
    assert panel.count_label.text() == "待办 1 项（逾期 1）"
    panel.open_item(panel.items[0])
    feedback = window.tab("feedback")
    assert feedback.pages.currentWidget() is feedback.actions_page
    page = feedback.actions_page
    assert page.model.rows[page.view.currentIndex().row()].id == action.id


def test_english_entries(qtbot, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session

    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "en")))
    texts = _texts(window.todo_panel)
    assert any("Holidays of 2027 not entered yet" in t for t in texts)
    assert any("Expired" in t for t in texts)


def test_the_view_menu_entry_reads_in_english(app, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.session import Session

    i18n.install_translators(app, "en")  # the app fixture puts Chinese back afterwards
    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "en")))
    assert window.todo_panel.toggle_action.text() == "&To-do panel"
    assert window.view_menu.title() == "&View"


def test_a_meeting_today_opens_the_communication_plan_with_it_selected(  # type: ignore[no-untyped-def]
    qtbot, desk, crew, make_session, make_window
):
    planned = desk.communication.save(
        crew["leader"],
        title="值班周例会",
        meeting_kind="weekly",
        weekday=2,  # Wednesday, like 2026-11-25
        time_of_day="09:00",
        channel="in_person",
        attendee_ids=[crew["officer"].id],
        starts_on="2026-11-01",
    )
    window = _started(make_window(make_session(crew["officer"])))
    panel = window.todo_panel
    assert [(i.kind, i.ref) for i in panel.items] == [("meeting", planned.id)]
    assert "值班周例会" in _texts(panel)[0] and "09:00 现场" in _texts(panel)[0]
    panel.open_item(panel.items[0])
    feedback = window.tab("feedback")
    page = feedback.plan_page
    assert feedback.pages.currentWidget() is page
    assert page.model.rows[page.view.currentIndex().row()].id == planned.id


def test_f9_puts_the_keyboard_in_the_list_and_tab_never_does(qtbot, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session

    window = _started(make_window(Session(demo, demo.people.sign_in("admin", "demo1234"), "zh_CN")))
    panel = window.todo_panel
    assert panel.list.focusPolicy() == Qt.FocusPolicy.ClickFocus
    [shortcut] = [
        s for s in window.findChildren(QShortcut) if s.objectName() == "shortcut:window.todo"
    ]
    assert shortcut.key().toString() == "F9"
    shortcut.activated.emit()
    assert panel.list.currentRow() == 0


def test_a_closed_panel_stays_closed_for_that_person_and_the_view_menu_reopens_it(  # type: ignore[no-untyped-def]
    qtbot, demo, make_window
):
    from ui.session import Session

    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "zh_CN")))
    window.resize(1280, 720)
    window.show()
    panel = window.todo_panel
    assert panel.isVisible() and panel.toggle_action.isChecked()
    assert panel.toggle_action in window.view_menu.actions()
    assert panel.toggle_action.text() == "待办面板(&T)"
    assert panel.toggle_action.shortcut().toString() == "Ctrl+Shift+T"
    panel.close()  # what the dock's close box does
    assert not panel.isVisible() and not panel.toggle_action.isChecked()
    window.close()

    # The next start (same preferences file): still closed, for this person only.
    again = _started(make_window(Session(demo, admin, "zh_CN")))
    again.resize(1280, 720)
    again.show()
    panel = again.todo_panel
    assert not panel.isVisible() and not panel.toggle_action.isChecked()
    assert panel.items  # the list is read all the same (the status bar counts it)
    officer = demo.people.sign_in("1001", "demo1234")
    again.sign_out()
    again._signed_in_as(officer)
    assert again.todo_panel.isVisible()  # the officer never closed it
    again.sign_out()
    again._signed_in_as(admin)
    assert not panel.isVisible()

    # 视图 → 待办面板 brings it back, and that is remembered too.
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again, Qt.Key.Key_T, CTRL_SHIFT)
    assert panel.isVisible() and panel.toggle_action.isChecked()
    again.close()
    third = _started(make_window(Session(demo, admin, "zh_CN")))
    third.show()
    assert third.todo_panel.isVisible()
    # The same action closes it.
    third.todo_panel.toggle_action.trigger()
    assert not third.todo_panel.isVisible()
    from ui import prefs

    assert prefs.qsettings().value(f"todo/person{admin.id}/closed") in (True, "true")
    assert prefs.qsettings().value(f"todo/person{officer.id}/closed") in (None, False, "false")


def _drag(window, start, by: int) -> None:  # type: ignore[no-untyped-def]
    """Press the left button at ``start`` in ``window``, move up ``by`` pixels, release
    (QTest's moves carry no button; the window moves its separators on a zero timer)."""
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QMouseEvent

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QEvent.Type, pos: QPoint, button: Qt.MouseButton, held: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind,
            QPointF(pos),
            QPointF(window.mapToGlobal(pos)),
            button,
            held,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window, event)
        QApplication.processEvents()

    send(QEvent.Type.MouseButtonPress, start, left, left)
    for step in range(10, by + 1, 10):
        send(QEvent.Type.MouseMove, start - QPoint(0, step), none, left)
    send(QEvent.Type.MouseButtonRelease, start - QPoint(0, by), left, none)


def test_the_panel_keeps_the_height_its_person_gave_it(qtbot, demo, make_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from ui.session import Session
    from ui.todo_panel import DEFAULT_HEIGHT

    admin = demo.people.sign_in("admin", "demo1234")
    window = _started(make_window(Session(demo, admin, "zh_CN")))
    window.select_tab("roster")
    window.resize(1280, 720)
    window.show()
    panel = window.todo_panel
    # Without a stored height: the default, whatever the list's own wish (once laid out).
    qtbot.waitUntil(lambda: abs(panel.height() - DEFAULT_HEIGHT) <= 4)

    # The person drags the edge between the tab and the panel up by 60 pixels.
    edge = QPoint(640, (window.centralWidget().geometry().bottom() + panel.geometry().top()) // 2)
    _drag(window, edge, 60)
    dragged = panel.height()
    assert abs(dragged - (DEFAULT_HEIGHT + 60)) <= 4
    assert panel.stored_height() == dragged

    # A shorter window squeezes the panel: that is not the person's choice.
    window.resize(1280, 480)
    qtbot.waitUntil(lambda: panel.height() < dragged)
    _drag(window, QPoint(5, 5), 0)  # a click elsewhere on the window changes nothing
    assert panel.stored_height() == dragged
    window.resize(1280, 720)
    window.close()

    # The next start opens on 排班 (built alone, it leaves the room) at the dragged height.
    again = _started(make_window(Session(demo, admin, "zh_CN")))
    again.resize(1280, 720)
    again.show()
    qtbot.waitUntil(lambda: abs(again.todo_panel.height() - dragged) <= 4)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_fits_a_1280_by_720_screen_with_the_panel_its_room(  # type: ignore[no-untyped-def]
    qtbot, demo, make_window, lang
) -> None:
    """A 720-pixel screen less a taskbar and a title bar leaves about 650 pixels: no tab
    may push the window's minimum past that (the incident detail and the step form
    scroll instead), and the panel keeps its default height at 720."""
    from ui.session import Session
    from ui.todo_panel import DEFAULT_HEIGHT

    officer = demo.people.sign_in("1001", "demo1234")
    window = _started(make_window(Session(demo, officer, lang)))
    window.resize(1280, 650)
    window.show()
    for key in window.tab_keys():
        window.select_tab(key)
        qtbot.wait(20)
        assert window.minimumSizeHint().height() <= 650, key
    window.resize(1280, 720)
    for key in window.tab_keys():
        window.select_tab(key)
        qtbot.waitUntil(lambda: abs(window.todo_panel.height() - DEFAULT_HEIGHT) <= 4)
    assert window.height() == 720
