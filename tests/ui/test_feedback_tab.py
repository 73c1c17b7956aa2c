"""The 反馈与改进 tab: pages, dialogs, the Ctrl+Shift+F shortcut and the overdue filter."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.improvement.cycles import CycleTarget
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD


@pytest.fixture
def data(desk: Desk, crew: dict[str, Person]) -> dict[str, Any]:
    leader, officer = crew["leader"], crew["officer"]
    desk.feedback.seed_default_subcategories(crew["admin"])
    entry = desk.feedback.submit(officer, text="对讲机电池不耐用")
    problem = desk.improvement.create_problem(
        leader,
        title="对讲机电池老化",
        category="technical",
        source="feedback",
        feedback_ids=[entry.id],
    )
    action = desk.improvement.add_action(
        leader,
        kind="corrective",
        title="更换电池",
        owner_id=officer.id,
        due_on="2026-11-28",
        problem_id=problem.id,
    )
    cycle = desk.cycles.create_cycle(
        leader,
        kind="quarter",
        start_date="2026-10-01",
        targets=[CycleTarget("handover_on_time", "交接班准时率", 95, "at_least", "%")],
    )
    return {"entry": entry, "problem": problem, "action": action, "cycle": cycle}


def test_the_tab_shows_every_page_with_its_models(window, data, qtmodeltester) -> None:
    from ui.tabs.feedback import FeedbackTab

    tab = window.select_tab("feedback")
    assert isinstance(tab, FeedbackTab)
    assert tab.pages.count() == 7  # … 问题分析, 沟通计划
    assert tab.inbox.model.rowCount() == 1
    assert "对讲机电池不耐用" in tab.inbox.model.index(0, 7).data()
    qtmodeltester.check(tab.inbox.model)
    for index in range(1, 7):
        tab.pages.setCurrentIndex(index)
    qtmodeltester.check(tab.plan_page.model)
    acting = tab.problems.columns["acting"][2]
    assert acting.rowCount() == 1 and "对讲机电池老化" in acting.index(0, 0).data()
    qtmodeltester.check(acting)
    qtmodeltester.check(tab.actions_page.model)
    qtmodeltester.check(tab.cycles.kpis)
    assert tab.cycles.kpis.index(0, 2).data() == "未录入"


def test_submitting_feedback_through_the_dialog_saves_it(session, data, qtbot) -> None:
    from ui.tabs.feedback_dialogs import FeedbackDialog

    dialog = FeedbackDialog(session)
    qtbot.addWidget(dialog)
    dialog._ok()
    assert dialog.error_label("text").isVisibleTo(dialog)
    assert session.desk.feedback.count() == 1
    dialog.text.setPlainText("夜班太累")
    dialog.anonymous.setChecked(True)
    dialog._ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_value is None  # held back, entered later in a shuffled batch
    assert session.desk.feedback.waiting_anonymous() == 1
    [saved] = session.desk.feedback.release_anonymous(force=True)
    assert saved.anonymous and saved.giver_id is None and saved.recorded_by is None


def test_ctrl_shift_f_opens_the_submit_dialog_from_any_tab(window, data, monkeypatch) -> None:
    from ui.tabs import feedback as module

    shown: list[Any] = []

    def fake_exec(dialog: Any) -> int:
        shown.append(dialog)
        dialog.text.setPlainText("交接班表格太小")
        dialog._ok()
        return dialog.result()

    monkeypatch.setattr(module.FeedbackDialog, "exec", fake_exec)
    action = module.install_feedback_shortcut(window)
    assert action.shortcut() == QKeySequence("Ctrl+Shift+F")
    assert action in window.actions()
    window.select_tab("roster")
    changed: list[str] = []
    window.session.data_changed.connect(changed.append)
    action.trigger()
    assert shown and changed == ["feedback"]
    assert window.session.desk.feedback.count() == 2


def test_the_overdue_filter_shows_late_actions_in_red(
    window, data, clock: ManualClock, desk: Desk
) -> None:
    tab = window.select_tab("feedback")
    tab.pages.setCurrentWidget(tab.actions_page)
    assert not tab.actions_page.model.rows[0].overdue
    clock.advance(days=5)
    tab.actions_page.overdue.setChecked(True)
    model = tab.actions_page.model
    assert [a.id for a in model.rows] == [data["action"].id]
    brush = model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b00020"
    assert "逾期" in model.index(0, 5).data()
    assert tab.actions_page.summary.text() == "逾期 1 项"


def test_approving_asks_for_the_password_and_locks_the_cycle(session, data, crew, qtbot) -> None:
    from ui.tabs.feedback_review_dialogs import ApproveDialog, EvaluateDialog

    desk = session.desk
    cycle = data["cycle"]
    evaluate = EvaluateDialog(session, cycle)
    qtbot.addWidget(evaluate)
    evaluate.values["handover_on_time"].setText("abc")
    evaluate.conclusions.setPlainText("达标")
    evaluate._ok()
    assert evaluate.error_label("handover_on_time").isVisibleTo(evaluate)
    evaluate.values["handover_on_time"].setText("96")
    evaluate._ok()
    snapshot = desk.cycles.cycle(cycle.id).kpi_snapshot
    assert snapshot is not None and snapshot["handover_on_time"] == 96.0
    approve = ApproveDialog(session, desk.cycles.cycle(cycle.id))
    qtbot.addWidget(approve)
    approve.password.setText("wrong-password")
    approve._ok()
    assert approve.error_label("password").isVisibleTo(approve)
    assert not desk.cycles.cycle(cycle.id).locked
    approve.password.setText(PASSWORD)
    approve._ok()
    assert desk.cycles.cycle(cycle.id).locked
    assert approve.result_value.start_date == "2027-01-01"


def test_an_auditor_sees_the_pages_but_cannot_write(app, desk, crew, data, make_window) -> None:
    from ui.session import Session

    window = make_window(Session(desk, crew["auditor"], "zh_CN"))
    tab = window.select_tab("feedback")
    assert not tab.inbox.submit_button.isEnabled()
    assert tab.inbox.model.rowCount() == 1


def test_the_owner_cannot_verify_in_the_dialog(app, desk, crew, data, qtbot) -> None:
    from ui.session import Session
    from ui.tabs.feedback_dialogs import VerifyDialog

    leader_session = Session(desk, crew["leader"], "zh_CN")
    action = desk.improvement.add_action(
        crew["admin"],
        kind="preventive",
        title="自查",
        owner_id=crew["leader"].id,
        due_on="2026-12-01",
    )
    desk.improvement.complete_action(
        crew["leader"], action.id, done_on="2026-11-25", evidence="已做"
    )
    dialog = VerifyDialog(leader_session, desk.improvement.action(action.id))
    qtbot.addWidget(dialog)
    dialog._ok()
    assert "不能验证自己的措施" in dialog.error.text()
    assert desk.improvement.action(action.id).status == "done"


def test_an_admin_edits_subcategories_in_the_dialog(session, data, qtbot) -> None:
    from ui.tabs.feedback_dialogs import SubcategoriesDialog

    dialog = SubcategoriesDialog(session)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("technical"))
    before = dialog.items.rowCount()
    dialog.name.setText("空调")
    dialog.add_button.click()
    assert dialog.items.rowCount() == before + 1 and dialog.changed
    dialog.name.setText("空调")
    dialog.add_button.click()
    assert dialog.error.isVisibleTo(dialog) and "已存在" in dialog.error.text()
    dialog.view.setCurrentIndex(dialog.items.index(before, 0))
    dialog.toggle_button.click()
    assert "已停用" in dialog.items.item(before).text()
    assert "空调" not in [s.name for s in session.desk.feedback.subcategories("technical")]


def test_the_cycle_report_is_made_in_the_background_and_previewed(
    window, data, qtbot, monkeypatch
) -> None:
    from ui import pdf_preview

    previewed: list[bytes] = []
    monkeypatch.setattr(
        pdf_preview.PdfPreviewDialog, "exec", lambda dialog: previewed.append(dialog.data) or 0
    )
    tab = window.select_tab("feedback")
    tab.pages.setCurrentWidget(tab.cycles)
    tab.cycles.view.selectRow(0)
    tab.cycles.report()
    qtbot.waitUntil(lambda: tab.cycles.task.is_finished, timeout=20000)
    assert previewed and previewed[0].startswith(b"%PDF")


def test_minutes_and_feedback_summary_are_printed_from_their_pages(
    window, data, session, qtbot, monkeypatch
) -> None:
    from datetime import date

    from ui import pdf_preview

    previewed: list[bytes] = []
    monkeypatch.setattr(
        pdf_preview.PdfPreviewDialog, "open", lambda dialog: previewed.append(dialog.data)
    )
    leader = session.desk.people.by_employee_no("2001")
    session.desk.meetings.record(
        leader,
        kind="weekly",
        held_on="2026-11-23",
        title="第47周值班例会",
        attendee_ids=[leader.id],
        decisions=["更换全部对讲机电池"],
    )
    tab = window.select_tab("feedback")
    tab.pages.setCurrentWidget(tab.meetings)
    tab.meetings.refresh()
    tab.meetings.view.selectRow(0)
    tab.meetings.print_minutes()
    qtbot.waitUntil(lambda: tab.meetings.task.is_finished, timeout=20000)
    assert previewed and previewed[-1].startswith(b"%PDF")
    assert "第47周值班例会" in _pdf_text(previewed[-1])

    tab.pages.setCurrentWidget(tab.inbox)
    tab.inbox.print_summary(date(2026, 11, 1), date(2026, 11, 30))
    qtbot.waitUntil(lambda: tab.inbox.task.is_finished, timeout=20000)
    text = _pdf_text(previewed[-1])
    assert "意见汇总" in text and "已转为问题" in text and "对讲机电池不耐用" in text


def _pdf_text(data: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_completing_an_action_through_the_dialog_closes_it(session, data, qtbot) -> None:
    """Regression: the dialog's own date field once hid QDialog.done and OK crashed."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.tabs.feedback_dialogs import CompleteDialog

    desk = session.desk
    dialog = CompleteDialog(session, desk.improvement.action(data["action"].id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.evidence.setPlainText("已更换全部电池")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not dialog.isVisible()
    saved = desk.improvement.action(data["action"].id)
    assert saved.status == "done" and saved.evidence == "已更换全部电池"


def test_the_selected_feedback_survives_classifying_it(window, data, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.tabs import feedback_dialogs

    desk = window.session.desk
    second = desk.feedback.submit(window.session.person, text="夜班照明不足")
    tab = window.select_tab("feedback")
    tab.inbox.refresh()
    view, model = tab.inbox.view, tab.inbox.model
    row = next(r for r in range(model.rowCount()) if model.row(r).id == second.id)
    view.setCurrentIndex(model.index(row, 0))

    def classify(dialog):  # type: ignore[no-untyped-def]
        dialog.result_value = desk.feedback.classify(
            window.session.person, dialog.entry.id, category="technical"
        )
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(feedback_dialogs.ClassifyDialog, "exec", classify)
    tab.inbox.classify()
    current = tab.inbox.current()
    assert current is not None and current.id == second.id and current.category == "technical"
