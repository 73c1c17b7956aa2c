"""The 交接班 tab: keyboard filling, sign dialogs, open items, history, record view, print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD
from tests.core.handover_helpers import at, complete, ensure_shift_types, good_values, start


@pytest.fixture
def officer_session(app, desk: Desk, crew: dict[str, Person], clock: ManualClock):  # type: ignore[no-untyped-def]
    from ui.session import Session

    at(clock, "2026-11-25T09:40:00+00:00")
    return Session(desk, crew["officer"], "zh_CN")


@pytest.fixture
def tab(officer_session, qtbot):  # type: ignore[no-untyped-def]
    from ui.tabs.handover import HandoverTab

    widget = HandoverTab(officer_session)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    return widget


def _row_of(tab, label: str) -> int:  # type: ignore[no-untyped-def]
    record = tab.checklist_model.record
    return next(i for i, v in enumerate(record.items) if v.item.label == label)


def test_the_tab_is_registered_and_starts_empty(tab) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs import tab_spec

    assert tab_spec("handover").factory == "ui.tabs.handover:HandoverTab"
    assert "目前没有待处理的交接班" in tab.header.text()
    assert not tab.submit_button.isEnabled()
    assert tab.start_button.isEnabled()


def test_the_checklist_is_filled_by_keyboard_and_flags_out_of_range(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person], qtbot
) -> None:
    start(desk, crew["officer"], crew["officer2"])
    tab.refresh()
    assert tab.checklist_model.rowCount() == 14
    assert "还有 10 个必填项未填写" in tab.missing.text()
    tab.show()
    qtbot.waitExposed(tab)
    view = tab.checklist
    row = _row_of(tab, "机房温度")
    view.setFocus()
    view.setCurrentIndex(tab.checklist_model.index(row, 2))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editors = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    qtbot.keyClicks(editor, "31")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: tab.record.items[row].value is not None, timeout=3000)
    value = tab.record.items[row]
    assert value.value == "31" and value.flagged
    shown = tab.checklist_model.index(row, 2).data()
    assert shown == "31 °C  【异常】"
    assert "还有 9 个必填项未填写" in tab.missing.text()
    # A refused value is reported and nothing is saved.
    errors: list[str] = []
    tab._show_error = lambda exc: errors.append(tab.session.error_text(exc))
    tab.save_cell(row, 2, "很热")
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)  # shown once the editor has closed
    assert errors and "必须是数字" in errors[0]
    assert desk.handover.get(tab.record.id).items[row].value == "31"
    tab.remarks.setPlainText("备用钥匙在值班长处")
    tab.save_remarks_button.click()
    assert desk.handover.get(tab.record.id).remarks == "备用钥匙在值班长处"


def test_sign_dialogs_submit_reject_and_accept(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person]
) -> None:
    from ui.tabs.handover_dialogs import SignDialog

    record = start(desk, crew["officer"], crew["officer2"])
    tab.refresh()
    dialog = SignDialog(tab.session, tab.record, "submit", tab)
    dialog.password.setText(PASSWORD)
    desk.handover.set_value(crew["officer"], record.id, record.items[0].item.id, "yes")
    dialog._ok()
    assert "必填项未填写" in dialog.error.text() and dialog.result() == 0
    desk.handover.set_values(crew["officer"], record.id, good_values(record))
    dialog.password.setText("wrong-password")
    dialog._ok()
    assert "密码错误" in dialog.error_label("password").text()
    dialog.password.setText(PASSWORD)
    dialog._ok()
    assert dialog.result_value.status == "submitted"
    tab.refresh()
    assert tab.accept_button.isEnabled() and tab.reject_button.isEnabled()
    reject = SignDialog(tab.session, tab.record, "reject", tab)
    assert reject.signer()[0].id == crew["officer2"].id
    reject.password.setText(PASSWORD)
    reject._ok()
    assert "退回原因不能为空" in reject.error_label("reason").text()
    reject.reason.setText("UPS 电量未说明")
    reject._ok()
    draft = reject.result_value
    assert draft.status == "draft" and draft.resubmission_of == record.id
    tab.refresh()
    assert tab.record.id == draft.id
    desk.handover.submit(crew["officer"], draft.id, password=PASSWORD)
    tab.refresh()
    accept = SignDialog(tab.session, tab.record, "accept", tab)
    accept.on_behalf.setChecked(True)
    assert accept.signer()[0].id == crew["leader"].id
    accept.password.setText(PASSWORD)
    accept._ok()
    locked = accept.result_value
    assert locked.status == "locked"
    assert locked.signature("handover_in").on_behalf_of.id == crew["officer2"].id


def test_open_items_panel_adds_and_resolves(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person]
) -> None:
    from ui.tabs.handover_dialogs import OpenItemDialog, ResolveDialog

    dialog = OpenItemDialog(tab.session, None, tab)
    dialog._ok()
    assert "遗留问题标题不能为空" in dialog.error_label("title").text()
    dialog.title_field.setText("2 号 UPS 电池告警")
    dialog.incident.setValue(17)
    dialog._ok()
    tab.open_model.refresh()
    assert tab.open_model.rowCount() == 1
    assert tab.open_model.index(0, 1).data() == "2 号 UPS 电池告警"
    assert tab.open_model.index(0, 6).data() == "#17"
    item = tab.open_model.item_at(0)
    resolve = ResolveDialog(tab.session, item.id, item.title, tab)
    resolve.resolution.setText("更换电池")
    resolve._ok()
    tab.open_model.refresh()
    assert tab.open_model.rowCount() == 0
    tab.show_resolved.setChecked(True)
    assert tab.open_model.index(0, 3).data() == "已解决"


def test_history_filters_and_the_read_only_view_with_amendments(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person], clock: ManualClock, qtmodeltester
) -> None:
    from ui.tabs.handover_dialogs import RecordDialog

    record = complete(desk, clock, crew["officer"], crew["officer2"])
    desk.handover.amend(
        crew["leader"], record.id, subject="机房温度", correction="应为 23℃", reason="抄写错误"
    )
    at(clock, "2026-11-25T21:50:00+00:00")
    start(
        desk,
        crew["officer2"],
        crew["officer"],
        out_code="N",
        in_code="D",
        boundary="2026-11-25T22:00:00+00:00",
    )
    tab.refresh()
    assert tab.history_model.rowCount() == 2
    assert tab.history_count.text() == "共 2 条"
    qtmodeltester.check(tab.history_model)
    qtmodeltester.check(tab.checklist_model)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("locked"))
    tab.refresh_history()
    assert tab.history_model.rowCount() == 1
    assert tab.history_model.index(0, 5).data() == "已锁定"
    assert tab.history_model.index(0, 8).data() == "1"
    view = RecordDialog(tab.session, record.id, tab)
    text = view.browser.toPlainText()
    assert "接班确认" in text and "抄写错误" in text and "应为 23℃" in text
    assert view.amend_button.isEnabled()


def test_history_pages_lazily(tab, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    model = tab.history_model
    model.PAGE = 1
    model._total = 0
    model.refresh()
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_print_preview_builds_the_sheet_off_the_gui_thread(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person], clock: ManualClock, qtbot
) -> None:
    from ui.pdf_preview import PdfPreviewDialog

    record = complete(desk, clock, crew["officer"], crew["officer2"])
    task = tab.print_preview(record.id)
    qtbot.waitUntil(lambda: task.is_finished, timeout=20000)
    assert task.error is None
    assert task.result[:5] == b"%PDF-"
    previews = [w for w in tab.findChildren(PdfPreviewDialog)]
    assert previews and previews[0].page_count >= 1


def test_the_start_dialog_opens_a_prefilled_handover(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person]
) -> None:
    from ui.tabs.handover_dialogs import StartDialog

    ensure_shift_types(desk)  # a site without a roster: its shift types only
    dialog = StartDialog(tab.session, tab)
    # 17:40 in Shanghai: the next boundary is 20:00, the day shift hands over to the night.
    assert dialog.boundary().isoformat() == "2026-11-25T20:00:00+08:00"
    assert (dialog.out_code.currentData(), dialog.in_code.currentData()) == ("D", "N")
    assert not dialog.out_code.isEditable()  # shift types, never free text
    assert dialog.out_code.currentText() == "白班（08:00–20:00）"
    assert "交接时间：</b>2026-11-25 20:00" in dialog.summary.text()
    assert not dialog.outgoing.isEnabled()  # an officer starts only their own handover
    dialog.incoming.setCurrentIndex(dialog.incoming.findData(crew["officer2"].id))
    dialog._ok()
    record = dialog.result_value
    assert record.outgoing.id == crew["officer"].id and record.incoming.id == crew["officer2"].id
    assert record.shift_boundary_at == "2026-11-25T12:00:00+00:00"
    again = StartDialog(tab.session, tab)
    # The 20:00 handover exists: the proposal moves to the nearest one not yet done,
    # this morning's.
    assert again.boundary().isoformat() == "2026-11-25T08:00:00+08:00"
    assert (again.out_code.currentData(), again.in_code.currentData()) == ("N", "D")
    again.out_code.setCurrentIndex(again.out_code.findData("D"))
    again.date_edit.setDate(QDate(2026, 11, 25))
    assert again.boundary().isoformat() == "2026-11-25T20:00:00+08:00"
    assert again.in_code.currentData() == "N"
    again.incoming.setCurrentIndex(again.incoming.findData(crew["officer2"].id))
    again._ok()
    assert "已存在" in again.error.text() or "已有记录" in again.error.text()


def test_the_start_dialog_proposes_the_rostered_people_and_a_stand_in(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    from ui.tabs.handover_dialogs import StartDialog

    ensure_shift_types(desk)
    admin = crew["admin"]
    team = desk.roster.add_team(admin, name="一班")
    people = [crew["officer"], crew["officer2"], crew["leader"]]
    desk.roster.set_members(admin, team.id, [p.id for p in people])
    for person in people:
        desk.roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    for code, person in (("D", crew["officer"]), ("N", crew["leader"])):
        desk.roster.set_assignment(
            admin,
            team_id=team.id,
            day="2026-11-25",
            shift_code=code,
            duty_role="officer",
            person_id=person.id,
        )
    dialog = StartDialog(tab.session, tab)
    summary = dialog.summary.text()
    assert "白班 08:00–20:00：值班员 李丽" in summary
    assert "夜班 20:00–08:00：值班员 张强" in summary
    assert "值班室交接班检查表（通用）" in summary
    # The rostered incoming officer is the default, listed first.
    assert dialog.incoming.currentData() == crew["leader"].id
    assert dialog.incoming.itemText(0) == "张强（2001）（排班：值班员）"
    assert not dialog.stand_in_note.isVisibleTo(dialog)
    dialog.incoming.setCurrentIndex(dialog.incoming.findData(crew["officer2"].id))
    assert dialog.stand_in_note.text() == "不在排班中：将记录为替班（原：张强）"
    dialog._ok()
    record = dialog.result_value
    assert [(c.planned_name, c.person_name) for c in record.crew] == [("张强", "王伟")]


def test_administrators_export_and_import_template_versions(  # type: ignore[no-untyped-def]
    app, desk: Desk, crew: dict[str, Person], tmp_path
) -> None:
    import json

    from ui.session import Session
    from ui.tabs.handover_dialogs import TemplatesDialog

    ensure_shift_types(desk)
    desk.handover.templates.install_defaults()  # site-wide, and one bound to D and to N
    officer_view = TemplatesDialog(Session(desk, crew["officer"], "zh_CN"))
    assert not officer_view.import_button.isEnabled()
    dialog = TemplatesDialog(Session(desk, crew["admin"], "zh_CN"))
    assert dialog.model.rowCount() == 3
    assert "机房温度" in dialog.preview.toPlainText()
    path = tmp_path / "site.json"
    dialog.view.setCurrentIndex(dialog.model.index(1, 0))
    dialog.export_to(path)
    data = json.loads(path.read_text("utf-8"))
    data["sections"][1]["items"][0]["choices"] = ["正常"]
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert dialog.import_from(path) is None
    assert "至少需要两个" in dialog.message.text()
    data["sections"][1]["items"][0]["choices"] = ["正常", "故障"]
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    saved = dialog.import_from(path)
    assert saved is not None and saved.version == 2
    assert dialog.model.rowCount() == 4
    assert [dialog.model.index(r, 3).data() for r in range(4)].count("已停用") == 1


def test_after_take_over_the_signed_record_stays_in_view(  # type: ignore[no-untyped-def]
    tab, desk: Desk, crew: dict[str, Person]
) -> None:
    """接班确认 locks the record; the tab keeps it and says where it went, even when
    another handover is waiting (it used to jump to that one without a word)."""
    from ui.tabs.handover_dialogs import SignDialog

    record = start(desk, crew["officer"], crew["officer2"])
    desk.handover.set_values(crew["officer"], record.id, good_values(record))
    desk.handover.submit(crew["officer"], record.id, password=PASSWORD)
    other = start(
        desk,
        crew["officer2"],
        crew["officer"],
        day="2026-11-24",
        boundary="2026-11-24T10:00:00+00:00",
    )
    tab.refresh()
    tab.pending.setCurrentIndex(tab.pending.findData(record.id))
    tab._pending_chosen(tab.pending.currentIndex())
    assert tab.record.id == record.id and tab.pending.count() == 2
    accept = SignDialog(tab.session, tab.record, "accept", tab)
    accept.password.setText(PASSWORD)
    accept._ok()
    assert accept.result_value.status == "locked"
    tab.record = accept.result_value
    tab.session.data_changed.emit("handover")  # what sign() does after the dialog
    assert tab.record.id == record.id and tab.record.status == "locked"
    assert f"#{record.id}" in tab.header.text() and "已锁定" in tab.header.text()
    assert tab.pending.currentIndex() == -1
    assert "历史记录" in tab.pending.placeholderText()
    assert tab.pending.findData(other.id) >= 0  # still one choice away
    tab.pending.setCurrentIndex(tab.pending.findData(other.id))
    tab._pending_chosen(tab.pending.currentIndex())
    assert tab.record.id == other.id and tab.pending.placeholderText() == ""
