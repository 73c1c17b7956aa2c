"""The 事件 tab: lazy list, keyboard quick add, state buttons, overdue rows, export, PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.incidents.service import Incident, IncidentFilter
from dutydesk.people.auth import Person
from ui.models.incidents import OVERDUE_BRUSH, IncidentListModel


def _report(desk: Desk, person: Person, title: str = "机房空调故障") -> Incident:
    ref = desk.incidents.reference
    return desk.incidents.report(
        person,
        title=title,
        severity_id=ref.severity_by_code("II").id,
        category_id=next(c.id for c in ref.categories() if c.name == "空调"),
    )


def _tab(qtbot, desk: Desk, person: Person):  # type: ignore[no-untyped-def]
    from ui.session import Session
    from ui.tabs.incidents import IncidentsTab

    session = Session(desk, person, "zh_CN")
    tab = IncidentsTab(session)
    qtbot.addWidget(tab)
    return tab


def test_list_model_pages_lazily_and_passes_the_model_tester(
    app, qtmodeltester, desk: Desk, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    for n in range(25):
        _report(desk, crew["officer"], f"告警{n}")
    model = IncidentListModel(desk, page_size=10)
    model.set_filter(IncidentFilter())
    assert model.rowCount() == 10 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25 and not model.canFetchMore()
    assert model.data(model.index(0, model.COL_TITLE)) == "告警24"
    qtmodeltester.check(model)


def test_quick_add_by_keyboard_alone(app, qtbot, desk: Desk, crew: dict[str, Person]) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, desk, crew["officer"])
    assert tab.add_button.shortcut().toString() == "Alt+N"  # its mnemonic is kept
    assert tab.add_button.findChild(QShortcut).key().toString() == "Ctrl+N"
    tab.add_button.click()  # what Ctrl+N does; from here on only keys
    from ui.tabs.incidents import QuickAddDialog

    dialog = tab.findChild(QuickAddDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title, "UPS 5F leak")  # QTest types ASCII only
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.created is not None
    saved = desk.incidents.get(dialog.created.id)
    assert saved.title == "UPS 5F leak" and saved.reporter_name == "李丽"
    assert tab.model.incident(0).id == saved.id
    assert tab.current is not None and tab.current.id == saved.id


def test_quick_add_shows_the_error_next_to_the_title_and_saves_nothing(
    app, qtbot, desk: Desk, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, desk, crew["officer"])
    dialog = tab.quick_add()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.isVisible() and "标题不能为空" in dialog.error_label("title").text()
    assert dialog.refused(dialog.title) and dialog.focusWidget() is dialog.title
    assert desk.incidents.count() == 0


def test_state_buttons_follow_allowed_transitions(
    app, qtbot, desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    incident = _report(desk, crew["officer"])
    tab = _tab(qtbot, desk, crew["officer"])
    tab.select_incident(incident.id)
    enabled = {k for k, b in tab.action_buttons.items() if b.isEnabled()}
    assert enabled == {"acknowledge"}
    qtbot.mouseClick(tab.action_buttons["acknowledge"], Qt.MouseButton.LeftButton)
    assert desk.incidents.get(incident.id).status == "acknowledged"
    enabled = {k for k, b in tab.action_buttons.items() if b.isEnabled()}
    assert enabled == {"start", "escalate", "resolve"}
    dialog = tab.resolve_dialog()
    dialog.fields[0].setPlainText("  ")
    dialog._ok()  # mandatory text: refused at the field, the dialog stays
    assert "处理结果不能为空" in dialog.error_label("resolution").text()
    assert dialog.refused(dialog.fields[0]) and dialog.result() == 0
    dialog.fields[0].setPlainText("更换滤网")
    dialog._ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert desk.incidents.get(incident.id).status == "resolved"
    assert not tab.action_buttons["close"].isEnabled()  # officers do not close
    tab.note.setPlainText("已通知张伟复查")
    qtbot.mouseClick(tab.note_button, Qt.MouseButton.LeftButton)
    assert tab.timeline_model.rowCount() == 4
    leader_tab = _tab(qtbot, desk, crew["leader"])
    leader_tab.select_incident(incident.id)
    assert leader_tab.action_buttons["close"].isEnabled()
    qtbot.mouseClick(leader_tab.action_buttons["close"], Qt.MouseButton.LeftButton)
    assert desk.incidents.get(incident.id).status == "closed"
    assert {k for k, b in leader_tab.action_buttons.items() if b.isEnabled()} == {"reopen"}
    assert not leader_tab.note_button.isEnabled()


def test_auditor_sees_but_cannot_change(app, qtbot, desk: Desk, crew: dict[str, Person]) -> None:  # type: ignore[no-untyped-def]
    incident = _report(desk, crew["officer"])
    tab = _tab(qtbot, desk, crew["auditor"])
    tab.select_incident(incident.id)
    assert tab.model.rowCount() == 1
    assert not tab.add_button.isEnabled() and not tab.note_button.isEnabled()
    assert not any(b.isEnabled() for b in tab.action_buttons.values())
    assert tab.quick_add() is None


def test_overdue_rows_are_coloured_and_search_filters(
    app, qtbot, desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    late = _report(desk, crew["officer"], "消防告警")
    _report(desk, crew["officer"], "门禁失灵")
    desk.incidents.acknowledge(crew["officer"], desk.incidents.search().items[0].id)
    clock.advance(minutes=20)
    tab = _tab(qtbot, desk, crew["officer"])
    row = tab.model.row_of(late.id)
    assert tab.model.data(tab.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) == OVERDUE_BRUSH
    assert tab.model.data(tab.model.index(1 - row, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "1" in tab.overdue_label.text()
    tab.search.setText("告警")
    tab.apply_filter()
    assert [tab.model.incident(r).id for r in range(tab.model.rowCount())] == [late.id]
    tab.search.setText("")
    tab.overdue_only.setChecked(True)
    assert tab.model.rowCount() == 1


def test_export_and_pdf_run_in_the_background(
    app, qtbot, desk: Desk, crew: dict[str, Person], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident = _report(desk, crew["officer"])
    tab = _tab(qtbot, desk, crew["officer"])
    out = tmp_path / "事件.csv"
    task = tab.export_to(out)
    qtbot.waitUntil(lambda: task.is_finished, timeout=20000)
    assert out.exists() and "机房空调故障" in out.read_text(encoding="utf-8-sig")
    tab.select_incident(incident.id)
    task = tab.print_form()
    qtbot.waitUntil(lambda: task.is_finished, timeout=20000)
    assert task.error is None and tab.preview is not None
    assert tab.preview.page_count >= 1
    tab.preview.close()


def test_attachment_round_trip_through_the_tab(
    app, qtbot, desk: Desk, crew: dict[str, Person], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident = _report(desk, crew["officer"])
    tab = _tab(qtbot, desk, crew["officer"])
    tab.select_incident(incident.id)
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG" + bytes(300))
    assert tab.attach_file(photo)
    assert tab.attachment_model.rowCount() == 1
    saved = tab.save_attachment_to(tmp_path / "copy.png")
    assert saved is not None and saved.read_bytes() == photo.read_bytes()


@pytest.mark.parametrize("key", ["incidents"])
def test_main_window_shows_the_tab_and_the_overdue_count(window, key: str) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.incidents import IncidentsTab

    tab = window.select_tab(key)
    assert isinstance(tab, IncidentsTab)
    assert "超时事件" in tab.overdue_label.text()
    # The count is in the status bar from start-up, before the tab is ever opened.
    assert window.duty_status.overdue_label.isVisibleTo(window)
    assert window.duty_status.overdue_label.text() == tab.overdue_label.text()


def test_closing_asks_first_and_says_what_will_happen(
    app, qtbot, desk: Desk, crew: dict[str, Person], confirmations, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import confirm

    incident = _report(desk, crew["officer"])
    leader = crew["leader"]
    desk.incidents.acknowledge(leader, incident.id)
    desk.incidents.resolve(leader, incident.id, resolution="已修复")
    tab = _tab(qtbot, desk, leader)
    tab.select_incident(incident.id)
    monkeypatch.setattr(confirm, "confirm", lambda *args: confirmations.append(args[2]) or False)
    qtbot.mouseClick(tab.action_buttons["close"], Qt.MouseButton.LeftButton)
    assert desk.incidents.get(incident.id).status == "resolved"  # said no: nothing changed
    assert "机房空调故障" in confirmations[-1] and "不能再修改" in confirmations[-1]
    monkeypatch.setattr(confirm, "confirm", lambda *args: True)
    qtbot.mouseClick(tab.action_buttons["close"], Qt.MouseButton.LeftButton)
    assert desk.incidents.get(incident.id).status == "closed"


def test_a_write_shows_a_short_status_bar_message(window, desk: Desk, crew) -> None:  # type: ignore[no-untyped-def]
    window.select_tab("incidents")
    window.session.data_changed.emit("incidents")
    assert window.statusBar().currentMessage() == "已保存（事件）"


def test_quick_add_shows_and_saves_site_time_not_the_pcs(
    app, qtbot, desk: Desk, clock: ManualClock, crew: dict[str, Person], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The PC is in New York (TZ), the site in Asia/Shanghai: 21:01 UTC is 05:01 on site."""
    import time
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        clock.set(datetime(2026, 11, 24, 21, 1, tzinfo=UTC))
        tab = _tab(qtbot, desk, crew["officer"])
        dialog = tab.quick_add()
        shown = dialog.reported_at.dateTime()
        assert (shown.date().day(), shown.time().hour(), shown.time().minute()) == (25, 5, 1)
        dialog.title.setText("test")
        dialog._ok()
        saved = desk.incidents.get(dialog.created.id)
        assert saved.reported_at == "2026-11-24T21:01:00+00:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_alt_n_in_the_search_box_opens_quick_add_not_an_n(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Regression: Ctrl+N on the button replaced its Alt+N, which then typed "n"."""
    tab = window.select_tab("incidents")
    window.show()
    window.activateWindow()  # shortcuts answer in the active window only
    qtbot.waitUntil(window.isActiveWindow)
    opened = []
    monkeypatch.setattr(tab, "quick_add", lambda: opened.append("quick add"))
    tab.add_button.clicked.disconnect()
    tab.add_button.clicked.connect(tab.quick_add)
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: opened == ["quick add"])
    assert tab.search.text() == ""
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["quick add", "quick add"]


def test_english_shows_english_severity_and_category_names(
    app, qtbot, desk: Desk, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session
    from ui.tabs.incidents import IncidentsTab

    incident = _report(desk, crew["officer"])
    tab = IncidentsTab(Session(desk, crew["officer"], "en"))
    qtbot.addWidget(tab)
    model = tab.model
    severity = model.index(0, model.COL_SEVERITY).data()
    category = model.index(0, model.COL_CATEGORY).data()
    reference = desk.incidents.reference
    assert severity == f"II {reference.severity_by_code('II').name_en}"
    assert category == reference.category(desk.incidents.get(incident.id).category_id).path_en
    tab.select_incident(incident.id)
    assert reference.severity_by_code("II").name_en in tab.summary.text()
