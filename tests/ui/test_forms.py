"""The one form-dialog base (ui.forms.FormDialog): a refused input shows its message under
the field the core names, frames that field and moves the focus there; an error that names
no field shows in the one general line at the bottom; what was typed stays in the form."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from dutydesk.errors import AuthenticationFailed, Conflict, DutyDeskError, ValidationError


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _buddy_of(dialog, widget) -> QLabel:  # type: ignore[no-untyped-def]
    [label] = [w for w in dialog.findChildren(QLabel) if w.buddy() is widget]
    return label


def test_a_refused_field_in_a_training_dialog_shows_at_the_field_and_keeps_the_input(  # type: ignore[no-untyped-def]
    qtbot, session, crew
):
    from ui.tabs.training_dialogs import TaskDialog

    people = session.desk.people.list()
    dialog = TaskDialog(session, [], people, date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.title.setText("编写交接班手册")
    dialog.resources.setText("打印机一台")
    dialog.start.setDate(QDate(2026, 12, 10))
    dialog.due.setDate(QDate(2026, 12, 1))
    _ok(dialog)
    message = dialog.error_label("due_on")
    assert message is not None and message.isVisibleTo(dialog)
    assert "截止日期 2026-12-01 早于开始日期 2026-12-10" in message.text()
    assert dialog.refused(dialog.due) and dialog.focusWidget() is dialog.due
    assert dialog.error.isHidden() and dialog.result() == 0
    assert dialog.title.text() == "编写交接班手册" and dialog.resources.text() == "打印机一台"
    assert dialog.due.date() == QDate(2026, 12, 1)
    assert _buddy_of(dialog, dialog.due).text() == "截止(&D)"  # the mnemonic still leads there
    dialog.due.setDate(QDate(2026, 12, 20))
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not dialog.refused(dialog.due) and message.isHidden()
    assert dialog.result_value.title == "编写交接班手册"


def test_a_refused_field_in_a_feedback_dialog_shows_at_the_field_and_keeps_the_input(  # type: ignore[no-untyped-def]
    qtbot, session
):
    from ui.tabs.feedback_dialogs import FeedbackDialog

    dialog = FeedbackDialog(session)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("夜班对讲机信号差")
    dialog.giver_name.setText("来电人张先生")
    dialog.about_ref.setText("17")  # a number without saying what it refers to
    _ok(dialog)
    message = dialog.error_label("about_kind")
    assert message is not None and message.isVisibleTo(dialog)
    assert message.text() == "填写了关联编号但未选择关联类型"
    assert dialog.refused(dialog.about_kind) and dialog.focusWidget() is dialog.about_kind
    assert dialog.error.isHidden() and session.desk.feedback.count() == 0
    assert dialog.text.toPlainText() == "夜班对讲机信号差"
    assert (dialog.giver_name.text(), dialog.about_ref.text()) == ("来电人张先生", "17")
    dialog.about_kind.setCurrentIndex(dialog.about_kind.findData("incident"))
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (
        dialog.result_value.about_ref == "17" and dialog.result_value.giver_name == "来电人张先生"
    )


def _probe(session, raises: list[DutyDeskError]) -> Any:  # type: ignore[no-untyped-def]
    from ui.forms import FormDialog

    class Probe(FormDialog):
        def __init__(self) -> None:
            super().__init__(session, "probe")
            self.name = self.row("名称(&N)", QLineEdit(self), "name")
            self.password = self.row("密码(&P)", QLineEdit(self), "password")
            self.note = self.row("备注(&O)", QLineEdit(self))

        def submit(self) -> str:
            if raises:
                raise raises.pop(0)
            return self.name.text()

    return Probe()


def test_errors_without_a_field_of_the_form_go_to_the_general_line(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = _probe(
        session,
        [
            ValidationError("name", "名称不能为空", en="Name is empty"),
            Conflict("记录已被他人修改", en="Changed by someone else"),
            ValidationError("colour", "颜色无效", en="Bad colour"),  # no row names it
            AuthenticationFailed("密码错误", en="Wrong password"),
            ValidationError("name[2]", "第 2 个名称重复", en="Name 2 repeats"),
        ],
    )
    qtbot.addWidget(dialog)
    dialog.note.setText("保留")
    _ok(dialog)
    assert dialog.error_label("name").text() == "名称不能为空" and dialog.refused(dialog.name)
    _ok(dialog)  # the previous refusal is cleared, this one names no field
    assert dialog.error.text() == "记录已被他人修改" and not dialog.error.isHidden()
    assert dialog.error_label("name").isHidden() and not dialog.refused(dialog.name)
    _ok(dialog)
    assert dialog.error.text() == "颜色无效"
    _ok(dialog)
    assert dialog.error_label("password").text() == "密码错误" and dialog.error.isHidden()
    assert dialog.focusWidget() is dialog.password
    _ok(dialog)
    assert dialog.error_label("name").text() == "第 2 个名称重复"
    dialog.name.setText("甲")
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.result_value == "甲"
    assert dialog.note.text() == "保留"


def test_the_english_session_shows_the_english_message_at_the_field(
    qtbot, app, desk, admin
) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session

    dialog = _probe(
        Session(desk, admin, "en"), [ValidationError("name", "名称不能为空", en="Name is empty")]
    )
    qtbot.addWidget(dialog)
    _ok(dialog)
    assert dialog.error_label("name").text() == "Name is empty"


def test_a_refused_leave_request_stays_open_with_the_message_at_the_end_date(  # type: ignore[no-untyped-def]
    qtbot, desk, crew, make_session
):
    from ui.tabs.roster import LeaveDialog

    dialog = LeaveDialog(make_session(crew["officer"]), None)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 12, 10))
    dialog.end.setDate(QDate(2026, 12, 8))
    dialog.reason.setText("探亲")
    _ok(dialog)
    assert "早于开始日期" in dialog.error_label("end").text() and dialog.refused(dialog.end)
    assert dialog.reason.text() == "探亲" and desk.roster.leave.list() == []
    dialog.end.setDate(QDate(2026, 12, 12))
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [leave] = desk.roster.leave.list()
    assert leave.reason == "探亲" and leave.person_id == crew["officer"].id
