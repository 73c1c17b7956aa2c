"""Nothing typed in the 交接班 tab is lost, and the checklist fills with the keyboard alone.

Driven on the real main window with key and mouse events only.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD
from tests.core.handover_helpers import at, good_values, start

REMARKS = "备用钥匙在值班长处；3 号机柜风扇异响已报修"


def type_text(text: str) -> None:
    """Key presses to whichever widget has the focus, as a keyboard would send them.

    The first key on a checklist cell opens its editor, the rest go to that editor.
    QTest's keyClicks knows only ASCII, so each character is sent as a key event's text.
    """
    from PySide6.QtTest import QTest

    for char in text:
        target = QApplication.focusWidget()
        assert target is not None
        if char.isascii():
            QTest.keyClicks(target, char)
            continue
        for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
            QTest.sendKeyEvent(
                action, target, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
            )


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtTest import QTest

    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifier)


@pytest.fixture
def handover_window(make_window, make_session, desk: Desk, crew, clock: ManualClock, qtbot):  # type: ignore[no-untyped-def]
    at(clock, "2026-11-25T09:40:00+00:00")
    record = start(desk, crew["officer"], crew["officer2"])
    window = make_window(make_session(crew["officer"]), idle_interval_ms=600_000)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # keys go to the active window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tab = window.tab("handover")
    assert tab.record is not None and tab.record.id == record.id
    return window, tab


def _row_of(tab, label: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, v in enumerate(tab.record.items) if v.item.label == label)


def _click_cell(qtbot, tab, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    view = tab.checklist
    rect = view.visualRect(tab.checklist_model.index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _answer_sign_dialog(qtbot, seen: dict) -> None:  # type: ignore[no-untyped-def]
    """Read the modal signature dialog once it is up, then sign it with the password."""

    def handle() -> None:
        from ui.tabs.handover_dialogs import SignDialog

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignDialog):
            QTimer.singleShot(20, handle)
            return
        if not dialog.password.hasFocus():
            QTimer.singleShot(20, handle)  # the password field takes the focus once shown
            return
        seen["summary"] = dialog.summary.toPlainText()
        seen["title"] = dialog.windowTitle()
        type_text(PASSWORD)
        press(Qt.Key.Key_Return)

    QTimer.singleShot(0, handle)


def test_typed_remarks_survive_a_cell_edit_and_are_signed(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk, crew: dict[str, Person], qtbot, qtlog
) -> None:
    window, tab = handover_window
    record_id = tab.record.id
    # Everything mandatory is filled except the room temperature, typed below.
    values = good_values(tab.record)
    temperature = _row_of(tab, "机房温度")
    del values[tab.record.items[temperature].item.id]
    desk.handover.set_values(crew["officer"], record_id, values)
    window.session.data_changed.emit("handover")

    qtbot.mouseClick(tab.remarks.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    type_text(REMARKS)
    # Another area's change refreshes the tab while the remarks are still being typed.
    window.session.data_changed.emit("incidents")
    assert tab.remarks.toPlainText() == REMARKS
    # Edit a cell with the mouse and keys: the remarks stay on screen and are saved.
    _click_cell(qtbot, tab, temperature, 2)
    type_text("31")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.record.items[temperature].value == "31", timeout=3000)
    assert tab.remarks.toPlainText() == REMARKS
    assert desk.handover.get(record_id).remarks == REMARKS
    assert tab.checklist.hasFocus() and tab.checklist.currentIndex().row() == temperature + 1

    # More typed remarks, then 交班确认 by its mnemonic at once: they are saved first.
    press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # 交接备注(&M)
    assert tab.remarks.hasFocus()
    press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text("。已交代")
    seen: dict[str, str] = {}
    _answer_sign_dialog(qtbot, seen)
    press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # 交班确认(&C)
    qtbot.waitUntil(lambda: desk.handover.get(record_id).status == "submitted", timeout=5000)
    signed = desk.handover.get(record_id)
    assert signed.remarks == REMARKS + "。已交代"
    # The dialog showed what was signed: shift and people, values (abnormal marked),
    # the remarks and the open items.
    summary = seen["summary"]
    assert "交班确认" in seen["title"]
    assert REMARKS + "。已交代" in summary
    assert "李丽" in summary and "王伟" in summary
    assert "机房温度" in summary and "31" in summary and "【异常】" in summary
    assert "异常项 1 项：机房温度" in summary
    assert "遗留问题" in summary
    assert not [r for r in qtlog.records if "commitData" in r.message]


def test_the_whole_checklist_is_filled_with_keys_only(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk, qtbot, qtlog
) -> None:
    window, tab = handover_window
    view = tab.checklist
    record_id = tab.record.id
    items = tab.record.items
    # Alt+K jumps to the checklist; Ctrl+Home → → reaches the first item's 结果 column.
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert view.hasFocus()
    press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Right)
    expected: dict[int, str] = {}
    for row, value in enumerate(items):
        assert view.currentIndex().row() == row and view.currentIndex().column() == 2
        kind = value.item.kind
        if kind == "check":
            type_text("y")  # opens the 是/否 editor and chooses 是
            expected[row] = "yes"
        elif kind == "choice":
            press(Qt.Key.Key_F2)
            assert isinstance(QApplication.focusWidget(), QComboBox)
            press(Qt.Key.Key_Down)
            expected[row] = value.item.choices[0]
        elif kind == "number":
            low, high = value.item.normal_min, value.item.normal_max
            typed = str(int((low + high) / 2))
            type_text(typed)
            expected[row] = typed
        else:
            type_text("无")
            expected[row] = "无"
        assert QApplication.focusWidget() is not view  # an editor is open
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda r=row: tab.record.items[r].value == expected[r], timeout=3000)
        qtbot.waitUntil(view.hasFocus, timeout=3000)
        last = len(items) - 1
        assert view.currentIndex().row() == min(row + 1, last)
    saved = desk.handover.get(record_id)
    assert {row: v.value for row, v in enumerate(saved.items)} == expected
    assert not saved.missing and not saved.flagged
    assert view.hasFocus() and view.currentIndex().row() == len(items) - 1
    assert tab.missing.text() == ""
    # Enter on a cell that is not being edited moves on as well; Up goes back.
    press(Qt.Key.Key_Up)
    press(Qt.Key.Key_Return)
    assert view.currentIndex().row() == len(items) - 1
    assert not [r for r in qtlog.records if "commitData" in r.message]


def test_a_refused_value_keeps_the_cursor_on_its_cell(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk, qtbot
) -> None:
    _window, tab = handover_window
    errors: list[str] = []
    tab._show_error = lambda exc: errors.append(tab.session.error_text(exc))
    row = _row_of(tab, "本班接报电话数")
    _click_cell(qtbot, tab, row, 2)
    type_text("abc")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert "数字" in errors[0]
    assert desk.handover.get(tab.record.id).items[row].value is None
    # The cell opens again with the refused text selected, to be corrected by keys.
    assert tab.checklist.currentIndex().row() == row
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "abc"
    type_text("12")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.record.items[row].value == "12", timeout=3000)
    assert tab.checklist.hasFocus() and tab.checklist.currentIndex().row() == row + 1
    assert len(errors) == 1


def test_switch_user_saves_typed_remarks_and_an_open_cell_first(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk, crew: dict[str, Person], qtbot
) -> None:
    from dutydesk.store import audit

    window, tab = handover_window
    record_id = tab.record.id
    row = _row_of(tab, "机房温度")
    press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    type_text(REMARKS)
    _click_cell(qtbot, tab, row, 2)
    type_text("22")  # the editor is still open when the officer leaves
    press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.is_signed_out
    saved = desk.handover.get(record_id)
    assert saved.remarks == REMARKS
    assert saved.items[row].value == "22"
    fills = audit.entries(desk.db, entity="handovers", entity_id=record_id)
    assert fills and all(e.actor_id == crew["officer"].id for e in fills)


def test_hand_over_switch_user_and_take_over_on_the_same_pc(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk, crew: dict[str, Person], qtbot
) -> None:
    """交班确认 → 切换用户 → 接班确认, keys only (a segment of the whole-shift walk)."""
    window, tab = handover_window
    record_id = tab.record.id
    desk.handover.set_values(crew["officer"], record_id, good_values(tab.record))
    window.session.data_changed.emit("handover")
    press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    type_text(REMARKS)
    seen: dict[str, str] = {}
    _answer_sign_dialog(qtbot, seen)
    press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # 交班确认
    qtbot.waitUntil(lambda: desk.handover.get(record_id).status == "submitted", timeout=5000)
    window.activateWindow()  # what the window manager does when the modal dialog closes
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.sign_in_dialog
    qtbot.waitUntil(dialog.employee_no.hasFocus, timeout=3000)
    type_text(crew["officer2"].employee_no)
    press(Qt.Key.Key_Tab)
    type_text(PASSWORD)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_signed_out, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    assert "王伟" in window.person_label.text()
    tab = window.tab("handover")
    assert tab.record.id == record_id and tab.accept_button.isEnabled()
    seen.clear()
    _answer_sign_dialog(qtbot, seen)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 接班确认
    qtbot.waitUntil(lambda: desk.handover.get(record_id).status == "locked", timeout=5000)
    assert "接班确认" in seen["title"] and REMARKS in seen["summary"]
    locked = desk.handover.get(record_id)
    assert locked.remarks == REMARKS
    assert locked.signature("handover_out").person.id == crew["officer"].id
    assert locked.signature("handover_in").person.id == crew["officer2"].id


def test_typed_remarks_survive_a_language_switch(  # type: ignore[no-untyped-def]
    handover_window, desk: Desk
) -> None:
    window, tab = handover_window
    record_id = tab.record.id
    press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    type_text(REMARKS)
    window.language_actions["en"].trigger()  # the tabs are rebuilt
    assert desk.handover.get(record_id).remarks == REMARKS
    assert window.tab("handover").remarks.toPlainText() == REMARKS
