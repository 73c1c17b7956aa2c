"""The 培训 tab: lists from the core, dialogs that call it, highlights, permissions."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from dutydesk.demo.training import populate
from dutydesk.training.questionnaires import QuestionSpec
from dutydesk.training.service import TestQuestionSpec as QSpec
from tests.conftest import PASSWORD
from tests.core.training.conftest import make_questionnaire


@pytest.fixture
def tab(qtbot, session):  # type: ignore[no-untyped-def]
    from ui.tabs.training import TrainingTab

    widget = TrainingTab(session)
    qtbot.addWidget(widget)
    return widget


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_tab_shows_the_demo_records_on_every_sub_tab(qtbot, session, crew, qtmodeltester):  # type: ignore[no-untyped-def]
    from ui.tabs.training import TrainingTab

    people = [session.desk.people.get(p.id) for p in crew.values()]
    populate(
        session.desk,
        rng=random.Random(1),
        today=date(2026, 11, 25),
        people=people,
        password=PASSWORD,
    )
    tab = TrainingTab(session)
    qtbot.addWidget(tab)
    assert tab.tabs.count() == 6
    assert tab.questionnaires.model.rowCount() == 2
    assert tab.assessments.model.rowCount() == 1
    assert tab.courses.courses.rowCount() == 3
    assert tab.tests.tests.rowCount() == 3
    assert tab.plan.tasks.rowCount() == 10 and tab.plan.risks.rowCount() == 5
    assert "修订交接班检查表" in tab.plan.summary.text()
    assert "夜班人员不足" in tab.plan.summary.text()
    assert tab.plan.gantt.rows and tab.plan.gantt.minimumHeight() > 200
    for model in (
        tab.questionnaires.model,
        tab.courses.sessions,
        tab.tests.attempts,
        tab.matrix.model,
        tab.plan.tasks,
        tab.plan.risks,
    ):
        qtmodeltester.check(model)
    overdue = next(
        row for row, t in enumerate(tab.plan.tasks.records()) if t.title == "修订交接班检查表"
    )
    color = tab.plan.tasks.data(tab.plan.tasks.index(overdue, 0), Qt.ItemDataRole.ForegroundRole)
    assert color.color().name() == "#b00020"
    assert "已过期 1 项" in tab.matrix.summary.text()


def test_answering_through_the_dialog_stores_the_response(qtbot, session, crew, tab) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.training_dialogs import AnswerDialog

    q = make_questionnaire(session.desk, crew["leader"])
    dialog = AnswerDialog(session, q)
    qtbot.addWidget(dialog)
    widgets = [dialog.widgets[question.id] for question in q.questions]
    widgets[0].setCurrentIndex(2)  # 经常
    widgets[1].boxes[2].setChecked(True)
    _ok(dialog)  # the scale question is required and still blank
    assert "此题必答" in dialog.error_label("q3").text() and dialog.error.isHidden()
    assert dialog.refused(widgets[2]) and dialog.focusWidget() is widgets[2]
    assert widgets[0].currentIndex() == 2 and widgets[1].boxes[2].isChecked()  # input stays
    assert session.desk.training.questionnaires.results(q.id).responses == 0
    widgets[2].setCurrentIndex(4)
    widgets[3].setText("多演练")
    _ok(dialog)
    results = session.desk.training.questionnaires.results(q.id)
    assert results.responses == 1
    assert results.questions[0].counts == (0, 1, 0, 0) and results.questions[2].average == 4
    tab.refresh()
    assert tab.questionnaires.model.record(0).responses == 1


def test_a_test_taken_in_the_dialog_is_scored(qtbot, session, crew) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.training_dialogs import TakeTestDialog

    desk = session.desk
    course = desk.training.add_course(crew["admin"], title="接警")
    test = desk.training.add_test(
        crew["admin"],
        course_id=course.id,
        title="接警测试",
        pass_mark=3,
        questions=[
            QSpec("single", "先做什么？", ("登记", "挂断"), (0,), 2),
            QSpec("multiple", "要素", ("时间", "地点", "天气"), (0, 1), 2),
        ],
    )
    dialog = TakeTestDialog(session, test)
    qtbot.addWidget(dialog)
    dialog.widgets[test.questions[0].id].setCurrentIndex(1)
    boxes = dialog.widgets[test.questions[1].id].boxes
    boxes[0].setChecked(True)
    boxes[1].setChecked(True)
    _ok(dialog)
    attempt = dialog.result_value
    assert (attempt.score, attempt.passed) == (4, True)


def test_a_new_questionnaire_is_built_question_by_question(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.training_dialogs import QuestionnaireDialog

    dialog = QuestionnaireDialog(session)
    qtbot.addWidget(dialog)
    dialog.title.setText("满意度调查")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("satisfaction"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("single"))
    dialog.text.setText("是否满意？")
    _ok_add = dialog.editor.add_button
    _ok_add.click()  # a choice question without options is refused by the core on OK
    _ok(dialog)
    assert "至少需要两个选项" in dialog.error_label("questions").text()
    dialog.editor.list.setCurrentRow(0)
    dialog.editor.remove_button.click()
    dialog.text.setText("是否满意？")
    dialog.options.setText("满意；一般；不满意")
    _ok_add.click()
    _ok(dialog)
    q = dialog.result_value
    assert q.purpose == "satisfaction" and q.questions[0].options == ("满意", "一般", "不满意")


def test_an_auditor_sees_everything_but_cannot_author(qtbot, app, desk, crew) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from ui.session import Session
    from ui.tabs.training import TrainingTab

    tab = TrainingTab(Session(desk, crew["auditor"], "zh_CN"))
    qtbot.addWidget(tab)
    buttons = {b.text(): b.isEnabled() for b in tab.findChildren(QPushButton)}
    assert buttons["新建问卷(&N)…"] is False
    assert buttons["填写(&A)…"] is False
    assert buttons["新建任务(&N)…"] is False
    assert buttons["授予或更新资格(&G)…"] is False
    assert buttons["实施计划 PDF(&P)"] is True


def test_questionnaire_spec_round_trips_through_the_editor_text() -> None:
    from ui.tabs.training_dialogs import needs_text, parse_needs

    needs = parse_needs("高｜交接班太慢｜精简检查表\n缺少演练\n低|打印机老旧|更换")
    assert [(n.priority, n.need, n.action) for n in needs] == [
        ("high", "交接班太慢", "精简检查表"),
        ("medium", "缺少演练", ""),
        ("low", "打印机老旧", "更换"),
    ]
    assert parse_needs(needs_text(needs)) == needs
    assert QuestionSpec("text", "x").required


def test_need_classes_round_trip_and_an_unchanged_need_keeps_its_source() -> None:
    from dutydesk.training.assessments import NeedSpec
    from ui.tabs.training_dialogs import needs_text, parse_needs

    needs = parse_needs("高｜业务｜交接班太慢｜精简检查表\n中|技术|告警误报\n人员培训不足")
    assert [(n.category, n.need) for n in needs] == [
        ("business", "交接班太慢"),
        ("technical", "告警误报"),
        (None, "人员培训不足"),
    ]
    assert parse_needs(needs_text(needs)) == needs
    traced = [NeedSpec("交接班太慢", "high", "精简检查表", "business", "finding", "7")]
    assert needs_text(traced) == "高｜业务｜交接班太慢｜精简检查表"
    again = parse_needs("高｜业务｜交接班太慢｜精简检查表\n低｜人员｜新需求", traced)
    assert (again[0].source_kind, again[0].source_ref) == ("finding", "7")
    assert again[1].source_kind is None and again[1].category == "people"


def test_plan_dialogs_save_and_show_the_cores_reason(qtbot, session, crew) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from ui.tabs.training_dialogs import MilestoneDialog, RiskDialog, TaskDialog

    today = date(2026, 11, 25)
    milestone_dialog = MilestoneDialog(session, today)
    qtbot.addWidget(milestone_dialog)
    milestone_dialog.title.setText("全员培训完成")
    milestone_dialog.completed.setChecked(True)
    _ok(milestone_dialog)
    milestone = milestone_dialog.result_value
    assert milestone.done_on == "2026-11-25"

    people = session.desk.people.list()
    task_dialog = TaskDialog(session, [milestone], people, today)
    qtbot.addWidget(task_dialog)
    task_dialog.title.setText("编写手册")
    task_dialog.start.setDate(QDate(2026, 12, 10))
    task_dialog.due.setDate(QDate(2026, 12, 1))
    _ok(task_dialog)
    assert "截止日期 2026-12-01 早于开始日期 2026-12-10" in task_dialog.error_label("due_on").text()
    assert task_dialog.refused(task_dialog.due) and task_dialog.title.text() == "编写手册"
    task_dialog.due.setDate(QDate(2026, 12, 20))
    task_dialog.milestone.setCurrentIndex(1)
    _ok(task_dialog)
    assert task_dialog.result_value.milestone_id == milestone.id

    risk_dialog = RiskDialog(session, people)
    qtbot.addWidget(risk_dialog)
    risk_dialog.title.setText("人员不足")
    risk_dialog.likelihood.setValue(5)
    risk_dialog.impact.setValue(4)
    _ok(risk_dialog)
    assert risk_dialog.result_value.is_high


def test_the_qualification_dialog_grants_and_the_matrix_colours_it(
    qtbot, session, crew, tab
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from ui.tabs.training_dialogs import QualificationDialog

    dialog = QualificationDialog(
        session, session.desk.people.list(), date(2026, 11, 25), crew["officer"].id, "officer"
    )
    qtbot.addWidget(dialog)
    dialog.gained.setDate(QDate(2024, 1, 1))
    dialog.expires.setDate(QDate(2026, 12, 5))
    _ok(dialog)
    assert dialog.result_value.expires_on == "2026-12-05"
    tab.refresh()
    model = tab.matrix.model
    row = next(r for r in range(model.rowCount()) if model.person(r).id == crew["officer"].id)
    index = model.index(row, 2)
    assert "即将到期" in model.data(index)
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#a05a00"
    assert "30 天内到期 1 项" in tab.matrix.summary.text()


def test_the_course_dialog_offers_the_steps_of_the_process_in_force(qtbot, session, crew) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.training_dialogs import CourseDialog

    session.desk.process.install_default(crew["admin"], password=PASSWORD)
    dialog = CourseDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.step_list.count() > 10
    dialog.title.setText("交接班规范")
    dialog.step_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.steps.setText("班前点名")
    dialog.roles["officer"].setChecked(True)
    _ok(dialog)
    course = dialog.result_value
    assert course.process_steps == (dialog.step_list.item(0).text(), "班前点名")
    assert course.duty_roles == ("officer",)


def test_the_matrix_answers_the_rosters_question_with_its_reason(qtbot, session, crew, tab) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    session.desk.training.qualifications.grant(
        crew["admin"],
        person_id=crew["officer"].id,
        duty_role="officer",
        gained_on="2024-01-01",
        expires_on="2026-10-31",
    )
    tab.refresh()
    page = tab.matrix
    row = next(
        r for r in range(page.model.rowCount()) if page.model.person(r).id == crew["officer"].id
    )
    page.view.setCurrentIndex(page.model.index(row, 2))
    page.check_role.setCurrentIndex(page.check_role.findData("officer"))
    page.check_day.setDate(QDate(2026, 11, 25))
    page.check()
    assert page.check_result.text() == "李丽的值班员资格已于 2026-10-31 过期"
    page.check_day.setDate(QDate(2026, 10, 1))
    page.check()
    assert "将于 2026-10-31 到期" in page.check_result.text()


def test_attendance_sheet_training_record_and_blank_questionnaire_print_from_the_tab(
    qtbot, session, crew, monkeypatch
):  # type: ignore[no-untyped-def]
    import io

    import pdfplumber

    from ui import pdf_preview
    from ui.tabs.training import TrainingTab

    previewed: list[bytes] = []
    monkeypatch.setattr(
        pdf_preview.PdfPreviewDialog, "open", lambda dialog: previewed.append(dialog.data)
    )
    people = [session.desk.people.get(p.id) for p in crew.values()]
    populate(
        session.desk,
        rng=random.Random(1),
        today=date(2026, 11, 25),
        people=people,
        password=PASSWORD,
    )
    tab = TrainingTab(session)
    qtbot.addWidget(tab)

    def text() -> str:
        with pdfplumber.open(io.BytesIO(previewed[-1])) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    page = tab.courses
    page.refresh()
    chosen = page.current_session()
    page.print_attendance()
    qtbot.waitUntil(lambda: page.task.is_finished, timeout=20000)
    assert "培训签到表" in text() and chosen.course_title in text()
    page.attendance_view.selectRow(0)
    person = page.attendance.record(0)
    page.print_record()
    qtbot.waitUntil(lambda: page.task.is_finished, timeout=20000)
    assert "个人培训档案" in text() and person.name in text()

    qpage = tab.questionnaires
    qpage.refresh()
    chosen_q = qpage.current()
    qpage.print_blank()
    qtbot.waitUntil(lambda: qpage.task.is_finished, timeout=20000)
    assert "调查问卷" in text() and chosen_q.title in text() and "□" in text()


def test_a_resource_is_added_and_the_plan_approved_from_the_plan_page(
    qtbot, session, crew, monkeypatch
):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from ui.tabs.training import TrainingTab
    from ui.tabs.training_plan_dialogs import ResourceDialog

    desk = session.desk
    desk.training.plan.save_task(
        crew["admin"], title="修订交接班检查表", start_on="2026-11-01", due_on="2026-12-10"
    )
    tab = TrainingTab(session)
    qtbot.addWidget(tab)
    page = tab.plan
    page.refresh()
    assert "草稿，尚未批准" in page.approval.text()
    task = page.tasks.record(0)
    dialog = ResourceDialog(session, task)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("budget"))
    assert dialog.unit.text() == "CNY"
    dialog.description.setText("印刷费")
    dialog.quantity.setValue(600)
    _ok(dialog)
    assert dialog.result() == 1
    [resource] = desk.training.plan_resources.resources(task_id=task.id)
    assert resource.measure == "600.00 CNY"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSWORD, True))
    page.approve()
    page.refresh()
    assert "第 1 版已于 2026-11-25 由 管理员甲 批准" in page.approval.text()
    assert "财力 600.00 CNY" in page.approval.text()
