"""Editors of the stages in the window: the communication plan's recurring meetings,
interviews and the classified needs list. A refused form shows the message under the field
the core names and frames that field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from dutydesk.training.assessments import NeedSpec
from tests.core.training.conftest import make_questionnaire

TODAY = date(2026, 11, 25)


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _people(desk):  # type: ignore[no-untyped-def]
    return desk.people.list(active_only=True)


def test_a_weekly_meeting_is_planned_and_each_mistake_is_shown_at_its_field(  # type: ignore[no-untyped-def]
    qtbot, desk, crew, make_session
):
    from ui.tabs.stage_dialogs import PlannedMeetingDialog

    session = make_session(crew["leader"])
    dialog = PlannedMeetingDialog(session, _people(desk), TODAY)
    qtbot.addWidget(dialog)
    _ok(dialog)
    assert dialog.error_label("attendees").isVisibleTo(dialog) and dialog.error.isHidden()
    assert dialog.refused(dialog.attendees) and dialog.focusWidget() is dialog.attendees
    dialog.set_attendees([crew["leader"].id, crew["officer"].id])
    _ok(dialog)
    assert dialog.error_label("title").isVisibleTo(dialog) and dialog.refused(dialog.title)
    assert not dialog.refused(dialog.attendees) and dialog.error_label("attendees").isHidden()
    dialog.title.setText("值班周例会")
    dialog.time.setText("9点")
    _ok(dialog)
    assert "HH:MM" in dialog.error_label("time_of_day").text()
    assert dialog.refused(dialog.time) and not dialog.refused(dialog.title)
    assert dialog.time.text() == "9点" and dialog.title.text() == "值班周例会"
    dialog.time.setText("09:00")
    dialog.weekday.setCurrentIndex(0)
    dialog.channel.setCurrentIndex(dialog.channel.findData("video"))
    assert dialog.weekday.isEnabled() and not dialog.day.isEnabled()
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = desk.communication.list()
    assert [(m.title, m.weekday, m.channel) for m in saved] == [("值班周例会", 0, "video")]
    assert set(saved[0].attendee_ids) == {crew["leader"].id, crew["officer"].id}
    # edit: monthly on the 28th
    edit = PlannedMeetingDialog(session, _people(desk), TODAY, saved[0])
    qtbot.addWidget(edit)
    assert edit.title.text() == "值班周例会" and set(edit.attendee_ids()) == set(
        saved[0].attendee_ids
    )
    edit.kind.setCurrentIndex(edit.kind.findData("monthly"))
    assert edit.day.isEnabled() and not edit.weekday.isEnabled()
    edit.day.setValue(28)
    _ok(edit)
    changed = desk.communication.get(saved[0].id)
    assert changed.meeting_kind == "monthly" and changed.day_of_month == 28


def test_the_plan_page_lists_meetings_and_their_dates(qtbot, desk, crew, make_session) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.feedback import FeedbackTab

    desk.communication.save(
        crew["leader"],
        title="值班周例会",
        meeting_kind="weekly",
        weekday=0,
        time_of_day="09:00",
        channel="in_person",
        attendee_ids=[crew["leader"].id],
        starts_on="2026-11-01",
    )
    tab = FeedbackTab(make_session(crew["officer"]))
    qtbot.addWidget(tab)
    tab.pages.setCurrentWidget(tab.plan_page)
    page = tab.plan_page
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 1)) == "每周 星期一 09:00"
    assert "2026-11-30 星期一 09:00" in page.upcoming.toPlainText()
    # officers read the plan; they cannot change it
    assert not any(b.isEnabled() for b in page.findChildren(QPushButton))


@pytest.fixture
def assessment(desk, crew):  # type: ignore[no-untyped-def]
    survey = make_questionnaire(desk, crew["leader"])
    return desk.training.assessments.create(
        crew["leader"],
        title="2026 年第四季度值班现状评估",
        questionnaire_id=survey.id,
        period_start="2026-09-01",
        period_end="2026-11-30",
        needs=[NeedSpec("交接班时间过长", "high", "推行交接清单")],
    )


def test_an_interview_is_recorded_and_corrected_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, desk, crew, make_session, assessment
):
    from ui.tabs.stage_dialogs import InterviewDialog

    session = make_session(crew["leader"])
    dialog = InterviewDialog(session, assessment, _people(desk), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.interviewer.currentData() == crew["leader"].id
    _ok(dialog)  # nobody chosen, no name typed
    assert dialog.error_label("interviewee_name").isVisibleTo(dialog)
    assert (
        dialog.refused(dialog.interviewee_name) and dialog.focusWidget() is dialog.interviewee_name
    )
    dialog.interviewee.setCurrentIndex(dialog.interviewee.findData(crew["officer"].id))
    assert not dialog.interviewee_name.isEnabled()
    dialog.interviewee_role.setText("夜班值班员")
    dialog.questions.setPlainText("交接班最费时的是哪一步？\n\n夜班最缺什么？")
    dialog.notes.setPlainText("设备清点逐项口头念。")
    dialog.findings.setPlainText("设备清点占交接班一半时间\n夜班只有一人时无法离岗取件")
    _ok(dialog)
    [interview] = desk.training.interviews.list(assessment.id)
    assert interview.interviewee_label == "李丽（夜班值班员）"
    assert interview.questions == ("交接班最费时的是哪一步？", "夜班最缺什么？")
    assert [f.text for f in interview.findings] == [
        "设备清点占交接班一半时间",
        "夜班只有一人时无法离岗取件",
    ]
    edit = InterviewDialog(session, assessment, _people(desk), TODAY, interview)
    qtbot.addWidget(edit)
    assert edit.interviewee.currentData() == crew["officer"].id
    edit.notes.setPlainText("设备清点逐项口头念，约十分钟。")
    edit.findings.setPlainText("备用电台长期未测试")
    _ok(edit)
    again = desk.training.interviews.get(interview.id)
    assert again.notes == "设备清点逐项口头念，约十分钟。" and len(again.findings) == 3


def test_needs_are_classified_prioritised_and_traced_row_by_row(  # type: ignore[no-untyped-def]
    qtbot, desk, crew, make_session, assessment
):
    from ui.tabs.stage_dialogs import NeedsDialog

    interview = desk.training.interviews.add(
        crew["leader"],
        assessment.id,
        held_on="2026-11-20",
        interviewer_id=crew["leader"].id,
        interviewee_id=crew["officer"].id,
        findings=["卫星电话不会使用"],
    )
    session = make_session(crew["leader"])
    dialog = NeedsDialog(session, desk.training.assessments.get(assessment.id))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.spec(0).need == "交接班时间过长"
    row = dialog.add_row()
    dialog.table.item(row, 2).setText("备用通信设备实操培训")
    dialog.table.item(row, 3).setText("每季度演练一次")
    dialog.table.cellWidget(row, 0).setCurrentIndex(0)  # 高
    category = dialog.table.cellWidget(row, 1)
    category.setCurrentIndex(category.findData("people"))
    source = dialog.table.cellWidget(row, 4)
    finding = interview.findings[0]
    source.setCurrentIndex(source.findData(f"finding:{finding.id}"))
    assert "卫星电话不会使用" in source.currentText()
    # a row with an action but no need: the message names the row, and the row is selected
    bad = dialog.add_row()
    dialog.table.item(bad, 3).setText("只写了措施")
    _ok(dialog)
    assert "第 3 项需求" in dialog.error_label("needs").text() and dialog.refused(dialog.table)
    assert dialog.table.currentRow() == bad
    dialog.table.setCurrentCell(bad, 2)
    dialog.remove_row()
    dialog.table.setCurrentCell(1, 2)
    dialog.move_row(-1)  # the new need first
    _ok(dialog)
    needs = desk.training.assessments.get(assessment.id).needs
    assert [(n.need, n.priority, n.category, n.source_kind) for n in needs] == [
        ("备用通信设备实操培训", "high", "people", "finding"),
        ("交接班时间过长", "high", None, None),
    ]
    assert needs[0].source_ref == str(finding.id)


def test_the_assessment_page_has_the_editor_buttons(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.training import TrainingTab

    tab = TrainingTab(session)
    qtbot.addWidget(tab)
    texts = {b.text() for b in tab.assessments.findChildren(QPushButton)}
    assert {"需求清单(&L)…", "记录访谈(&I)…", "编辑访谈(&W)…"} <= texts
