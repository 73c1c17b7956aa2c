"""切换用户: sign out and sign in as another person on the same PC, by keys and mouse only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from dutydesk.store import audit
from tests.conftest import PASSWORD

SECOND_PASSWORD = "second-officer-pw"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def officer_window(make_window, make_session, desk: Desk, crew: dict[str, Person], qtbot):  # type: ignore[no-untyped-def]
    # The second officer gets a password of their own, so the lock can tell them apart.
    desk.people.set_password(crew["admin"], crew["officer2"].id, SECOND_PASSWORD)
    window = make_window(make_session(crew["officer"]), idle_interval_ms=600_000)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # keys go to the active window
    return window


def _sign_in_by_keys(qtbot, window, employee_no: str, password: str) -> None:  # type: ignore[no-untyped-def]
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.employee_no.hasFocus(), timeout=3000)
    qtbot.keyClicks(dialog.employee_no, employee_no)
    qtbot.keyClick(dialog.employee_no, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_switch_user_by_shortcut_signs_the_next_officer_in(  # type: ignore[no-untyped-def]
    officer_window, desk: Desk, crew: dict[str, Person], qtbot
) -> None:
    window = officer_window
    assert window.switch_user_action.shortcut().toString() == "Ctrl+Shift+W"
    assert window.switch_user_action in window.file_menu.actions()
    assert "Ctrl+Shift+W" in window.shortcuts_text()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 交接班
    assert window.tabs.currentIndex() == 1 and window.tab("handover").session.person.id == (
        crew["officer"].id
    )
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    # Signed out: covered, no tab built, menus and shortcuts off, the sign-in on top.
    assert window.is_signed_out and window.is_locked
    assert window.signed_out_cover is not None and window.signed_out_cover.isVisible()
    assert "李丽" in window.signed_out_cover.who.text()
    assert not window.tabs.isEnabled() and not window.menuBar().isEnabled()
    assert window._widgets == {}
    assert "无" in window.person_label.text() and "李丽" not in window.person_label.text()
    _sign_in_by_keys(qtbot, window, "1002", SECOND_PASSWORD)
    qtbot.waitUntil(lambda: not window.is_signed_out, timeout=3000)
    assert window.session.person.id == crew["officer2"].id
    assert "王伟" in window.person_label.text()
    assert window.tabs.isEnabled() and window.menuBar().isEnabled()
    assert window.signed_out_cover is None
    # The open tab was rebuilt for the new person.
    assert window.tab("handover").session.person.id == crew["officer2"].id
    # Officers may not restore; the actions follow the new person's rights.
    assert not window.restore_action.isEnabled()
    actions = [
        (e.action, e.actor_id)
        for e in audit.entries(desk.db, entity="people", limit=10)
        if e.action in ("sign_in", "sign_out")
    ]
    assert actions[:2] == [("sign_in", crew["officer2"].id), ("sign_out", crew["officer"].id)]

    # The idle lock now belongs to the second officer: the first one's password is refused.
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.set_idle_interval(30)
    overlay = window.lock_overlay
    assert overlay.person.id == crew["officer2"].id
    assert "王伟" in overlay.who.text() and "1002" in overlay.who.text()
    qtbot.keyClicks(overlay.password, PASSWORD)
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert window.is_locked and "密码错误" in overlay.message.text()
    window.set_idle_interval(600_000)
    with qtbot.waitSignal(window.unlocked, timeout=1000):
        qtbot.keyClicks(overlay.password, SECOND_PASSWORD)
        qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert not window.is_locked and window.tabs.isEnabled()


def test_cancelling_the_sign_in_leaves_the_window_covered(  # type: ignore[no-untyped-def]
    officer_window, crew: dict[str, Person], qtbot
) -> None:
    window = officer_window
    window.switch_user_action.trigger()  # as the 文件 menu entry does
    dialog = window.sign_in_dialog
    qtbot.keyClick(dialog.employee_no, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.sign_in_dialog is None, timeout=3000)
    assert window.is_signed_out and window.signed_out_cover.isVisible()
    assert not window.tabs.isEnabled() and window._widgets == {}
    assert not window.lock_action.isEnabled() and not window.tab_actions[0].isEnabled()
    assert window.quit_action.isEnabled()
    # A wrong password keeps the dialog open and nobody signed in.
    qtbot.mouseClick(window.signed_out_cover.sign_in_button, Qt.MouseButton.LeftButton)
    _sign_in_by_keys(qtbot, window, "1002", "wrong-password")
    assert window.is_signed_out and window.sign_in_dialog is not None
    assert "密码错误" in window.sign_in_dialog.message.text()
    assert window.sign_in_dialog.password.hasFocus()
    qtbot.keyClicks(window.sign_in_dialog.password, SECOND_PASSWORD)
    qtbot.keyClick(window.sign_in_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_signed_out, timeout=3000)
    assert window.session.person.id == crew["officer2"].id


def test_a_locked_window_offers_switch_user_to_the_next_officer(  # type: ignore[no-untyped-def]
    officer_window, crew: dict[str, Person], qtbot
) -> None:
    window = officer_window
    window.lock()
    qtbot.mouseClick(window.lock_overlay.switch_button, Qt.MouseButton.LeftButton)
    assert window.is_signed_out and window.lock_overlay is None
    _sign_in_by_keys(qtbot, window, "1002", SECOND_PASSWORD)
    qtbot.waitUntil(lambda: not window.is_signed_out, timeout=3000)
    assert not window.is_locked and "王伟" in window.person_label.text()
