"""The 培训 Training tab: questionnaires, needs assessments, courses and sessions, tests,
the qualification matrix and the implementation plan (实施计划), one sub-tab each."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import site_today
from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.improvement.feedback import local_date
from dutydesk.roster.qualifications import DUTY_ROLES, qualification_status
from dutydesk.store.signing import MEANINGS
from dutydesk.text import pick
from dutydesk.training.assessments import NEED_CATEGORIES, PRIORITIES, UNCLASSIFIED
from dutydesk.training.questionnaires import KINDS
from dutydesk.training.service import ATTENDANCE
from ui import confirm, shortcuts
from ui.models.training import (
    AssessmentsModel,
    AttemptsModel,
    AttendanceModel,
    CoursesModel,
    QualificationMatrixModel,
    QuestionnairesModel,
    RisksModel,
    SessionsModel,
    TasksModel,
    TestsModel,
)
from ui.scrolling import scrolling
from ui.session import Session
from ui.tabs.training_dialogs import (
    AnswerDialog,
    AssessmentDialog,
    CourseDialog,
    MilestoneDialog,
    QualificationDialog,
    QuestionnaireDialog,
    RiskDialog,
    SessionDialog,
    TakeTestDialog,
    TaskDialog,
    TestDialog,
    date_edit,
    pydate,
    run_dialog,
)
from ui.tabs.training_widgets import BarsWidget, GanttWidget
from ui.worker import run_in_background

AREA = "training"


def table(model: Any, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else None


class TrainingPage(QWidget):
    """One sub-tab: buttons on top, content below, ``refresh()`` from the core."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.session = tab.session
        self.buttons = QHBoxLayout()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.buttons)

    @property
    def desk(self) -> Desk:
        return self.session.desk

    def button(
        self, text: str, slot: Callable[[], None], permission: str | None = None
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        if permission is not None:
            button.setEnabled(self.session.person.may(permission))
        self.buttons.addWidget(button)
        return button

    def refresh(self) -> None:  # overridden
        pass

    def changed(self, *_: Any) -> None:
        self.session.data_changed.emit(AREA)

    def fail(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("培训"), self.session.error_text(error))

    def attempt(self, action: Callable[[], Any]) -> Any:
        try:
            result = action()
        except DutyDeskError as error:
            self.fail(error)
            return None
        self.changed()
        return result

    def _preview(self, data: bytes, title: str, name: str) -> None:
        from ui.pdf_preview import show_pdf  # QtPdf and printing only when a PDF is shown

        self.preview = show_pdf(self, data, title=title, suggested_name=name)

    def pdf(self, title: str, name: str, build: Callable[[Desk, Any], bytes]) -> None:
        self.task = run_in_background(
            self,
            title,
            build,
            lambda data: self._preview(data, title, name),
            session=self.session,
        )


class QuestionnairesPage(TrainingPage):
    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        e = self.session.english
        self.model = QuestionnairesModel(english=e, parent=self)
        self.view = table(self.model, self)
        self.button(self.tr("新建问卷(&N)…"), self.new, "questionnaire.author")
        self.button(self.tr("填写(&A)…"), self.answer, "questionnaire.answer")
        self.button(self.tr("发布(&O)"), lambda: self.status("open"), "questionnaire.author")
        self.button(self.tr("结束(&C)"), lambda: self.status("closed"), "questionnaire.author")
        self.button(self.tr("导出 Excel(&E)…"), self.export)
        self.button(
            self.tr("从 Excel 导入问卷(&I)…"), self.import_questionnaire, "questionnaire.author"
        )
        self.button(self.tr("导入答卷(&M)…"), self.import_responses, "questionnaire.author")
        self.button(self.tr("导出结果(&X)…"), self.export_results)
        self.button(self.tr("打印空白问卷(&P)"), self.print_blank)
        self.buttons.addStretch(1)
        self.results = QScrollArea(self)
        self.results.setWidgetResizable(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.results)
        splitter.setSizes([220, 480])
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(self.show_results)

    def refresh(self) -> None:
        keep = self.current()
        self.model.set_rows(self.desk.training.questionnaires.list())
        self._select(keep.id if keep else None)
        if selected_row(self.view) is None and self.model.rowCount():
            self.view.selectRow(0)
        self.show_results()

    def _select(self, questionnaire_id: int | None) -> None:
        for row, q in enumerate(self.model.records()):
            if q.id == questionnaire_id:
                self.view.selectRow(row)
                return

    def current(self) -> Any:
        row = selected_row(self.view)
        return None if row is None else self.model.record(row)

    @Slot()
    def print_blank(self) -> None:
        q = self.current()
        if q is None:
            return
        questionnaire_id = q.id

        def build(desk: Desk, progress: Any) -> bytes:
            from reports.printouts import build_questionnaire_form

            return build_questionnaire_form(desk, questionnaire_id, progress=progress)

        self.pdf(self.tr("调查问卷"), f"questionnaire-{questionnaire_id}.pdf", build)

    @Slot()
    def show_results(self) -> None:
        q = self.current()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        if q is None:
            layout.addWidget(QLabel(self.tr("选择一份问卷查看结果。"), inner))
        else:
            results = self.desk.training.questionnaires.results(q.id)
            layout.addWidget(QLabel(self.tr("答卷数：{0}").format(results.responses), inner))
            for result in results.questions:
                kind = pick(KINDS[result.question.kind], self.session.english)
                opening, comma, closing = (
                    (" (", ", ", ")") if self.session.english else ("（", "，", "）")
                )
                box = QGroupBox(
                    f"{result.question.position}. {result.question.text}{opening}{kind}{comma}"
                    + self.tr("回答 {0} 人").format(result.answered)
                    + closing,
                    inner,
                )
                inside = QVBoxLayout(box)
                if result.question.kind == "text":
                    texts = "\n".join(f"· {t}" for t in result.texts) or self.tr("（无文本答案）")
                    label = QLabel(texts, box)
                    label.setWordWrap(True)
                    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    inside.addWidget(label)
                else:
                    inside.addWidget(BarsWidget(result.labels, result.counts, result.answered, box))
                    if result.average is not None:
                        inside.addWidget(
                            QLabel(self.tr("平均分 {0:.2f}").format(result.average), box)
                        )
                layout.addWidget(box)
        layout.addStretch(1)
        self.results.setWidget(inner)

    @Slot()
    def new(self) -> None:
        run_dialog(QuestionnaireDialog(self.session, self), self.changed)

    @Slot()
    def answer(self) -> None:
        q = self.current()
        if q is None:
            return
        service = self.desk.training.questionnaires
        if q.status != "open":
            self.fail(DutyDeskError(self.tr("该问卷当前不在收集中"), en="Not open"))
            return
        if not q.anonymous and service.has_responded(self.session.person, q.id):
            self.fail(DutyDeskError(self.tr("您已经填写过这份问卷"), en="Already answered"))
            return
        run_dialog(AnswerDialog(self.session, service.get(q.id), self), self.changed)

    def status(self, status: str) -> None:
        q = self.current()
        if q is None:
            return
        if status == "open" and q.status == "draft":
            title = self.tr("发布问卷")
            text = self.tr("发布问卷“{0}”？\n发布后问题不能再修改，所有人可以填写。").format(
                q.title
            )
        elif status == "closed":
            title = self.tr("结束问卷")
            text = self.tr("结束问卷“{0}”？\n结束后不再接受答卷，需要时可以重新发布。").format(
                q.title
            )
        else:
            title = text = ""
        if not title or confirm.confirm(self, title, text, title):
            self.attempt(
                lambda: self.desk.training.questionnaires.set_status(
                    self.session.person, q.id, status
                )
            )

    def _save_bytes(self, title: str, name: str, make: Callable[[Desk, Any], bytes]) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / name), "Excel (*.xlsx)"
        )
        if not path:
            return

        def work(desk: Desk, progress: Any) -> str:
            Path(path).write_bytes(make(desk, progress))
            return path

        run_in_background(self, title, work, lambda _: None, session=self.session)

    @Slot()
    def export(self) -> None:
        q = self.current()
        if q is not None:
            self._save_bytes(
                self.tr("导出问卷"),
                f"{q.title}.xlsx",
                lambda desk, _p: desk.training.questionnaires.export_xlsx(q.id),
            )

    @Slot()
    def export_results(self) -> None:
        q = self.current()
        if q is not None:
            self._save_bytes(
                self.tr("导出结果"),
                f"{q.title}-结果.xlsx",
                lambda desk, _p: desk.training.questionnaires.results_xlsx(q.id),
            )

    def _open_xlsx(self, title: str) -> bytes | None:
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), "Excel (*.xlsx)")
        if not path:
            return None
        try:
            return Path(path).read_bytes()
        except OSError as error:
            QMessageBox.warning(self, title, str(error))
            return None

    @Slot()
    def import_questionnaire(self) -> None:
        title = self.tr("从 Excel 导入问卷")
        data = self._open_xlsx(title)
        if data is None:
            return
        person = self.session.person
        run_in_background(
            self,
            title,
            lambda desk, _p: desk.training.questionnaires.import_xlsx(person, data).id,
            self.changed,
            session=self.session,
        )

    @Slot()
    def import_responses(self) -> None:
        q = self.current()
        title = self.tr("导入答卷")
        data = None if q is None else self._open_xlsx(title)
        if q is None or data is None:
            return
        person = self.session.person

        def done(count: int) -> None:
            QMessageBox.information(self, title, self.tr("已导入 {0} 份答卷").format(count))
            self.changed()

        run_in_background(
            self,
            title,
            lambda desk, _p: desk.training.questionnaires.import_responses_xlsx(person, q.id, data),
            done,
            session=self.session,
        )


class AssessmentsPage(TrainingPage):
    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.model = AssessmentsModel(english=self.session.english, parent=self)
        self.view = table(self.model, self)
        self.button(self.tr("新建评估(&N)…"), self.new, "assessment.author")
        self.button(self.tr("编辑(&E)…"), self.edit, "assessment.author")
        self.button(self.tr("签署(&Q)…"), self.sign, "assessment.author")
        self.button(self.tr("需求清单(&L)…"), self.edit_needs, "assessment.author")
        self.button(self.tr("记录访谈(&I)…"), self.new_interview, "assessment.author")
        self.button(self.tr("编辑访谈(&W)…"), self.edit_interview, "assessment.author")
        self.button(self.tr("现状评估报告 PDF(&P)"), self.report)
        self.buttons.addStretch(1)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(scrolling(self.detail, self))
        splitter.setSizes([180, 520])
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(self.show_detail)

    def refresh(self) -> None:
        keep = self.current()
        self.model.set_rows(self.desk.training.assessments.list())
        rows = self.model.records()
        index = next((i for i, a in enumerate(rows) if keep and a.id == keep.id), 0)
        if rows:
            self.view.selectRow(index)
        self.show_detail()

    def current(self) -> Any:
        row = selected_row(self.view)
        return None if row is None else self.model.record(row)

    @Slot()
    def show_detail(self) -> None:
        a = self.current()
        if a is None:
            self.detail.setText(self.tr("选择一份评估查看需求清单。"))
            return
        data = self.desk.training.assessments.report_data(a.id)
        figures = data.figures
        sources = data.need_sources or {}
        missing = [
            f.label_en if self.session.english else f.label_zh for f in figures if f.value is None
        ]
        lines = [
            f"<b>{escape(a.title)}</b>",
            escape(a.summary).replace("\n", "<br>"),
            "",
            self.tr("已识别的需求："),
        ]
        e = self.session.english
        for n in a.needs:
            kind = NEED_CATEGORIES[n.category] if n.category else UNCLASSIFIED
            source = sources.get(n.id, "—")
            lines.append(
                f"{n.position}. [{pick(PRIORITIES[n.priority], e)}·{pick(kind, e)}]"
                f" {escape(n.need)} — {escape(n.action)}"
                + ("" if source == "—" else f" <i>（{escape(source)}）</i>")
            )
        if data.interviews:
            lines += ["", self.tr("访谈：")]
            for i in data.interviews:
                findings = "；".join(f.text for f in i.findings)
                lines.append(
                    self.tr("{0} {1}，访谈人 {2}：{3}").format(
                        i.held_on,
                        escape(i.interviewee_label),
                        escape(i.interviewer_name),
                        escape(findings),
                    )
                )
        if missing:
            lines += ["", self.tr("暂无数据的指标：{0}").format("、".join(missing))]
        for s in a.signatures:
            meaning = pick(MEANINGS[s.meaning], self.session.english)
            when = self.session.site_time(s.signed_at)
            lines.append(self.tr("签署：{0}（{1}）{2}").format(s.name, meaning, when))
        self.detail.setText("<br>".join(lines))

    def _today(self) -> Any:
        return site_today(self.desk)

    @Slot()
    def new(self) -> None:
        dialog = AssessmentDialog(
            self.session, self.desk.training.questionnaires.list(), self._today(), parent=self
        )
        run_dialog(dialog, self.changed)

    @Slot()
    def edit(self) -> None:
        a = self.current()
        if a is None:
            return
        dialog = AssessmentDialog(
            self.session, self.desk.training.questionnaires.list(), self._today(), a, self
        )
        run_dialog(dialog, self.changed)

    def edit_needs(self) -> Any:
        """The needs list with class, priority and source, row by row."""
        from ui.tabs.stage_dialogs import NeedsDialog

        a = self.current()
        if a is None:
            return None
        dialog = NeedsDialog(self.session, a, self)
        run_dialog(dialog, self.changed)
        return dialog

    def new_interview(self) -> Any:
        from ui.tabs.stage_dialogs import InterviewDialog

        a = self.current()
        if a is None:
            return None
        people = self.desk.people.list(active_only=True)
        dialog = InterviewDialog(self.session, a, people, self._today(), parent=self)
        run_dialog(dialog, self.changed)
        return dialog

    def edit_interview(self) -> Any:
        from ui.tabs.stage_dialogs import InterviewDialog

        a = self.current()
        if a is None:
            return None
        interviews = self.desk.training.interviews.list(a.id)
        if not interviews:
            self.fail(DutyDeskError("这份评估还没有访谈记录", en="No interviews yet"))
            return None
        labels = [f"{i.held_on} {i.interviewee_label}" for i in interviews]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("编辑访谈"), self.tr("选择访谈："), labels, 0, False
        )
        if not ok:
            return None
        interview = interviews[labels.index(chosen)]
        people = self.desk.people.list(active_only=True)
        dialog = InterviewDialog(self.session, a, people, self._today(), interview, self)
        run_dialog(dialog, self.changed)
        return dialog

    @Slot()
    def sign(self) -> None:
        a = self.current()
        if a is None:
            return
        meanings = [MEANINGS["approve"], MEANINGS["review"]]
        labels = [m[1] if self.session.english else m[0] for m in meanings]
        meaning, ok = QInputDialog.getItem(
            self, self.tr("签署"), self.tr("签名含义："), labels, 0, False
        )
        if not ok:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("签署"),
            self.tr("{0}，请再次输入密码以签署：").format(self.session.person.name),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        key = "approve" if labels.index(meaning) == 0 else "review"
        self.attempt(
            lambda: self.desk.training.assessments.sign(
                self.session.person, a.id, password=password, meaning=key
            )
        )

    @Slot()
    def report(self) -> None:
        a = self.current()
        if a is None:
            return

        def build(desk: Desk, progress: Any) -> bytes:
            from reports.assessment import build_assessment_report

            return build_assessment_report(desk, a.id, progress=progress)

        self.pdf(self.tr("现状评估报告"), f"assessment-{a.id}.pdf", build)


class CoursesPage(TrainingPage):
    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        e = self.session.english
        self.courses = CoursesModel(english=e, parent=self)
        self.sessions = SessionsModel(english=e, parent=self)
        self.attendance = AttendanceModel(english=e, parent=self)
        self.course_view = table(self.courses, self)
        self.session_view = table(self.sessions, self)
        self.attendance_view = table(self.attendance, self)
        self.button(self.tr("新建课程(&N)…"), self.new_course, "training.manage")
        self.button(self.tr("新建场次(&C)…"), self.new_session, "training.manage")
        self.button(self.tr("打印签到表(&P)"), self.print_attendance)
        self.button(self.tr("个人培训档案(&R)"), self.print_record)
        self.buttons.addStretch(1)
        self.status = QComboBox(self)
        for key, (zh, en) in ATTENDANCE.items():
            self.status.addItem(en if e else zh, key)
        mark = QHBoxLayout()
        status_label = QLabel(self.tr("出勤(&T)"), self)
        status_label.setBuddy(self.status)
        mark.addWidget(status_label)
        mark.addWidget(self.status)
        self.mark_button = QPushButton(self.tr("设置所选人员出勤(&U)"), self)
        self.mark_button.clicked.connect(self.mark)
        self.mark_button.setEnabled(self.session.person.may("training.manage"))
        mark.addWidget(self.mark_button)
        mark.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.attendance_view)
        right_layout.addLayout(mark)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.session_view)
        lower.addWidget(right)
        lower.setSizes([700, 300])
        from ui.materials import MaterialsPanel

        self.materials = MaterialsPanel(self.session, self)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.course_view)
        upper.addWidget(self.materials)
        upper.setSizes([560, 440])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        self.layout_.addWidget(splitter, 1)
        self.course_view.selectionModel().selectionChanged.connect(self.show_sessions)
        self.session_view.selectionModel().selectionChanged.connect(self.show_attendance)

    def refresh(self) -> None:
        row = selected_row(self.course_view)
        self.courses.set_rows(self.desk.training.courses())
        if row is not None and row < self.courses.rowCount():
            self.course_view.selectRow(row)
        self.show_sessions()

    @Slot()
    def show_sessions(self) -> None:
        row = selected_row(self.course_view)
        course = None if row is None else self.courses.record(row)
        course_id = None if course is None else course.id
        self.materials.show_course(course_id, course.title if course else "")
        keep = self.current_session()
        self.sessions.set_rows(self.desk.training.sessions(course_id=course_id))
        rows = self.sessions.records()
        index = next((i for i, s in enumerate(rows) if keep is not None and s.id == keep.id), 0)
        if rows:
            self.session_view.selectRow(index)
        self.show_attendance()

    def current_session(self) -> Any:
        row = selected_row(self.session_view)
        return None if row is None else self.sessions.record(row)

    @Slot()
    def show_attendance(self) -> None:
        s = self.current_session()
        self.attendance.set_rows(list(s.attendees) if s else [])

    @Slot()
    def mark(self) -> None:
        s = self.current_session()
        row = selected_row(self.attendance_view)
        if s is None or row is None:
            return
        person_id = self.attendance.record(row).person_id
        self.attempt(
            lambda: self.desk.training.set_attendance(
                self.session.person, s.id, person_id, self.status.currentData()
            )
        )

    @Slot()
    def print_attendance(self) -> None:
        s = self.current_session()
        if s is None:
            return
        session_id = s.id

        def build(desk: Desk, progress: Any) -> bytes:
            from reports.printouts import build_attendance_sheet

            return build_attendance_sheet(desk, session_id, progress=progress)

        self.pdf(self.tr("培训签到表"), f"attendance-{session_id}.pdf", build)

    @Slot()
    def print_record(self) -> None:
        """The training record of the person selected in the attendance list (else mine)."""
        row = selected_row(self.attendance_view)
        person_id = (
            self.attendance.record(row).person_id if row is not None else self.session.person.id
        )
        employee_no = self.desk.people.get(person_id).employee_no

        def build(desk: Desk, progress: Any) -> bytes:
            from reports.printouts import build_training_record

            return build_training_record(desk, employee_no, progress=progress)

        self.pdf(self.tr("个人培训档案"), f"training-record-{employee_no}.pdf", build)

    @Slot()
    def new_course(self) -> None:
        run_dialog(CourseDialog(self.session, self), self.changed)

    @Slot()
    def new_session(self) -> None:
        dialog = SessionDialog(
            self.session,
            self.desk.training.courses(),
            self.desk.people.list(active_only=True),
            site_today(self.desk),
            self,
        )
        run_dialog(dialog, self.changed)


class TestsPage(TrainingPage):
    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        e = self.session.english
        self._courses: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self.tests = TestsModel(lambda cid: self._courses.get(cid, ""), english=e, parent=self)
        self.attempts = AttemptsModel(
            lambda pid: self._names.get(pid, ""),
            english=e,
            parent=self,
            site_time=self.session.site_time,
        )
        self.test_view = table(self.tests, self)
        self.attempt_view = table(self.attempts, self)
        self.button(self.tr("新建测试(&N)…"), self.new, "training.manage")
        self.button(self.tr("参加测试(&T)…"), self.take, "training.take_test")
        self.buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.test_view)
        splitter.addWidget(self.attempt_view)
        self.layout_.addWidget(splitter, 1)
        self.test_view.selectionModel().selectionChanged.connect(self.show_attempts)

    def refresh(self) -> None:
        self._courses = {c.id: c.title for c in self.desk.training.courses()}
        self._names = {p.id: p.name for p in self.desk.people.list()}
        row = selected_row(self.test_view)
        self.tests.set_rows(self.desk.training.tests())
        if self.tests.rowCount():
            self.test_view.selectRow(row if row is not None and row < self.tests.rowCount() else 0)
        self.show_attempts()

    def current(self) -> Any:
        row = selected_row(self.test_view)
        return None if row is None else self.tests.record(row)

    @Slot()
    def show_attempts(self) -> None:
        t = self.current()
        self.attempts.set_rows(self.desk.training.attempts(test_id=t.id) if t else [])

    @Slot()
    def new(self) -> None:
        run_dialog(TestDialog(self.session, self.desk.training.courses(), self), self.changed)

    @Slot()
    def take(self) -> None:
        t = self.current()
        if t is None:
            return

        def done(attempt: Any) -> None:
            verdict = self.tr("通过") if attempt.passed else self.tr("未通过")
            QMessageBox.information(
                self,
                self.tr("测试结果"),
                self.tr("得分 {0} / {1}：{2}").format(attempt.score, attempt.max_score, verdict),
            )
            self.changed()

        run_dialog(TakeTestDialog(self.session, t, self), done)


class MatrixPage(TrainingPage):
    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        self.model = QualificationMatrixModel(english=self.session.english, parent=self)
        self.view = table(self.model, self)
        self.button(self.tr("授予或更新资格(&G)…"), self.grant, "training.manage")
        self.button(self.tr("撤销资格(&W)"), self.withdraw, "training.manage")
        self.buttons.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.record = QLabel(self)
        self.record.setWordWrap(True)
        self.record.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.layout_.addWidget(self.summary)
        self.layout_.addLayout(self._check_row())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(scrolling(self.record, self))
        splitter.setSizes([750, 350])
        self.layout_.addWidget(splitter, 1)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.selectionModel().currentChanged.connect(self.show_record)

    def _check_row(self) -> QHBoxLayout:
        """Ask the same question the roster asks: may the selected person stand this role?"""
        e = self.session.english
        row = QHBoxLayout()
        self.check_role = QComboBox(self)
        for key, (zh, en) in DUTY_ROLES.items():
            self.check_role.addItem(en if e else zh, key)
        self.check_shift = QLineEdit(self)
        self.check_shift.setPlaceholderText(self.tr("班次类型（可空）"))
        self.check_day = date_edit(site_today(self.desk), self)
        label = QLabel(self.tr("资格检查(&Q)"), self)
        label.setBuddy(self.check_role)
        button = QPushButton(self.tr("检查所选人员(&K)"), self)
        button.clicked.connect(self.check)
        self.check_result = QLabel(self)
        for widget in (
            label,
            self.check_role,
            self.check_shift,
            self.check_day,
            button,
            self.check_result,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    @Slot()
    def check(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.check_result.setText(self.tr("请先选择人员"))
            return
        ok, zh, en = qualification_status(
            self.desk,
            self.model.person(index.row()).id,
            self.check_role.currentData(),
            self.check_shift.text().strip() or None,
            pydate(self.check_day),
        )
        self.check_result.setText(en if self.session.english else zh)
        self.check_result.setStyleSheet("color: #1e7b34;" if ok else "color: #b00020;")

    def refresh(self) -> None:
        today = site_today(self.desk)
        people = [p for p in self.desk.people.list(active_only=True) if "auditor" not in p.roles]
        self.model.set_data(people, self.desk.training.qualifications.list(), today)
        flagged = self.desk.training.qualifications.expiring(on=today)
        expired = [q for q, s in flagged if s == "expired"]
        soon = [q for q, s in flagged if s == "expiring"]
        text = self.tr("已过期 {0} 项，30 天内到期 {1} 项").format(len(expired), len(soon))
        e = self.session.english
        details = [
            f"{q.person_name}·{pick(DUTY_ROLES[q.duty_role], e)}"
            f"{'·' + q.shift_code if q.shift_code else ''}·{q.expires_on}"
            for q in expired + soon
        ]
        colon, semicolon = (": ", "; ") if self.session.english else ("：", "；")
        self.summary.setText(text + (colon + semicolon.join(details) if details else ""))
        self.summary.setStyleSheet(
            "color: #b00020;" if expired else "color: #a05a00;" if soon else ""
        )
        self.show_record(self.view.currentIndex())

    @Slot(QModelIndex)
    def show_record(self, index: QModelIndex, *_: Any) -> None:
        if not index.isValid():
            self.record.setText(self.tr("选择一名人员查看培训记录。"))
            return
        person = self.model.person(index.row())
        record = self.desk.training.record(person.id)
        lines = [f"<b>{person.name}</b>", self.tr("培训场次：")]
        for s, status in record.sessions:
            state = pick(ATTENDANCE[status], self.session.english)
            lines.append(
                f"{s.held_on} {s.course_title} ({state})"
                if self.session.english
                else f"{s.held_on} {s.course_title}（{state}）"
            )
        lines.append(self.tr("测试："))
        for a in record.attempts:
            verdict = self.tr("通过") if a.passed else self.tr("未通过")
            day = self.session.site_date(a.taken_at)
            lines.append(f"{day} {a.test_title} {a.score}/{a.max_score} {verdict}")
        self.record.setText("<br>".join(lines))

    @Slot()
    def grant(self) -> None:
        index = self.view.currentIndex()
        person_id = self.model.person(index.row()).id if index.isValid() else None
        role = None
        if index.isValid() and index.column() > 0:
            role = self.model.ROLES[index.column() - 1]
        dialog = QualificationDialog(
            self.session,
            self.desk.people.list(active_only=True),
            site_today(self.desk),
            person_id,
            role,
            self,
        )
        run_dialog(dialog, self.changed)

    @Slot()
    def withdraw(self) -> None:
        index = self.view.currentIndex()
        items = self.model.qualifications(index.row(), index.column()) if index.isValid() else []
        if not items:
            return
        text = self.tr(
            "撤销 {0} 的此项资格？\n撤销后排班不再把此人排到需要这项资格的岗位。"
        ).format(items[0].person_name)
        if confirm.confirm(self, self.tr("撤销资格"), text, self.tr("撤销资格")):
            ids = [q.id for q in items]

            def withdraw() -> None:
                for qualification_id in ids:
                    self.desk.training.qualifications.withdraw(
                        self.session.person, qualification_id
                    )

            self.attempt(withdraw)


class PlanPage(TrainingPage):
    """The implementation plan: Gantt timeline, tasks and the risk register."""

    def __init__(self, tab: TrainingTab) -> None:
        super().__init__(tab)
        e = self.session.english
        self._milestones: dict[int, str] = {}
        self._today = site_today(self.desk)
        self.tasks = TasksModel(
            lambda mid: self._milestones.get(mid or -1, ""),
            lambda: self._today,
            english=e,
            parent=self,
        )
        self.risks = RisksModel(english=e, parent=self)
        self.task_view = table(self.tasks, self)
        self.risk_view = table(self.risks, self)
        self.button(self.tr("新建里程碑(&M)…"), self.new_milestone, "plan.edit")
        self.button(self.tr("新建任务(&N)…"), self.new_task, "plan.edit")
        self.button(self.tr("编辑任务(&E)…"), self.edit_task, "plan.edit")
        self.button(self.tr("新建风险(&R)…"), self.new_risk, "plan.edit")
        self.button(self.tr("编辑风险(&K)…"), self.edit_risk, "plan.edit")
        self.button(self.tr("添加资源(&O)…"), self.add_resource, "plan.edit")
        self.button(self.tr("批准计划(&A)…"), self.approve, "plan.approve")
        self.button(self.tr("实施计划 PDF(&P)"), self.report)
        self.buttons.addStretch(1)
        self.approval = QLabel(self)
        self.approval.setWordWrap(True)
        self.layout_.addWidget(self.approval)
        self.summary = QLabel(self)
        self.summary.setStyleSheet("color: #b00020;")
        self.gantt = GanttWidget(self)
        gantt_scroll = scrolling(self.gantt, self)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.layout_.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(gantt_scroll)
        splitter.addWidget(self.task_view)
        splitter.addWidget(self.risk_view)
        splitter.setSizes([300, 220, 180])
        self.layout_.addWidget(splitter, 1)

    def refresh(self) -> None:
        self._today = site_today(self.desk)
        plan = self.desk.training.plan.plan(today=self._today)
        self._milestones = {m.id: m.title for m in plan.milestones}
        self.tasks.set_rows(plan.tasks)
        self.risks.set_rows(plan.risks)
        self.gantt.set_plan(plan)
        parts = []
        if plan.overdue:
            parts.append(
                self.tr("逾期任务 {0} 项：{1}").format(
                    len(plan.overdue), "、".join(t.title for t in plan.overdue)
                )
            )
        if plan.high_risks:
            parts.append(
                self.tr("高风险 {0} 项：{1}").format(
                    len(plan.high_risks), "、".join(r.title for r in plan.high_risks)
                )
            )
        self.summary.setText(("   " if self.session.english else "　").join(parts))
        self.summary.setVisible(bool(parts))
        self.approval.setText(self._approval_text())

    def _approval_text(self) -> str:
        """The plan's approval state and its resource totals, one line."""
        service = self.desk.training.plan_resources
        state, totals = service.state(), service.totals()
        approved_on = (
            "" if state.latest is None else local_date(self.desk, state.latest.approved_at)
        )
        if state.latest is None:
            text = self.tr("计划状态：草稿，尚未批准")
        elif state.changed_since:
            text = self.tr("计划状态：第 {0} 版已于 {1} 由 {2} 批准，之后有修改待批准").format(
                state.latest.number, approved_on, state.latest.approver_name
            )
        else:
            text = self.tr("计划状态：第 {0} 版已于 {1} 由 {2} 批准").format(
                state.latest.number, approved_on, state.latest.approver_name
            )

        def join(pairs: Any, money: bool = False) -> str:
            return "、".join(f"{v:,.2f} {k}" if money else f"{v:g} {k}" for k, v in pairs) or "—"

        return (
            text
            + "　"
            + self.tr("资源合计：人力 {0}；物力 {1}；财力 {2}").format(
                join(totals.people), join(totals.material), join(totals.budget, True)
            )
        )

    def _people(self) -> Any:
        return self.desk.people.list(active_only=True)

    @Slot()
    def new_milestone(self) -> None:
        run_dialog(MilestoneDialog(self.session, self._today, parent=self), self.changed)

    @Slot()
    def new_task(self) -> None:
        dialog = TaskDialog(
            self.session,
            self.desk.training.plan.milestones(),
            self._people(),
            self._today,
            parent=self,
        )
        run_dialog(dialog, self.changed)

    @Slot()
    def edit_task(self) -> None:
        row = selected_row(self.task_view)
        if row is None:
            return
        dialog = TaskDialog(
            self.session,
            self.desk.training.plan.milestones(),
            self._people(),
            self._today,
            self.tasks.record(row),
            self,
        )
        run_dialog(dialog, self.changed)

    @Slot()
    def add_resource(self) -> None:
        row = selected_row(self.task_view)
        if row is None:
            self.fail(DutyDeskError("请先选择一项任务", en="Choose a task first"))
            return
        from ui.tabs.training_plan_dialogs import ResourceDialog

        run_dialog(ResourceDialog(self.session, self.tasks.record(row), self), self.changed)

    @Slot()
    def approve(self) -> None:
        password, ok = QInputDialog.getText(
            self,
            self.tr("批准计划"),
            self.tr("{0}，请再次输入密码以批准当前计划：").format(self.session.person.name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.attempt(
                lambda: self.desk.training.plan_resources.approve(
                    self.session.person, password=password
                )
            )

    @Slot()
    def new_risk(self) -> None:
        run_dialog(RiskDialog(self.session, self._people(), parent=self), self.changed)

    @Slot()
    def edit_risk(self) -> None:
        row = selected_row(self.risk_view)
        if row is None:
            return
        dialog = RiskDialog(self.session, self._people(), self.risks.record(row), self)
        run_dialog(dialog, self.changed)

    @Slot()
    def report(self) -> None:
        def build(desk: Desk, progress: Any) -> bytes:
            from reports.plan import build_plan_report

            return build_plan_report(desk, progress=progress)

        self.pdf(self.tr("实施计划"), "plan.pdf", build)


class TrainingTab(QWidget):
    """Sub-tabs 问卷, 现状评估, 课程与场次, 测试, 资格矩阵, 实施计划 (Alt+1 … Alt+6)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabWidget(self)
        self.questionnaires = QuestionnairesPage(self)
        self.assessments = AssessmentsPage(self)
        self.courses = CoursesPage(self)
        self.tests = TestsPage(self)
        self.matrix = MatrixPage(self)
        self.plan = PlanPage(self)
        self.pages: list[TrainingPage] = [
            self.questionnaires,
            self.assessments,
            self.courses,
            self.tests,
            self.matrix,
            self.plan,
        ]
        titles = (
            self.tr("问卷"),
            self.tr("现状评估"),
            self.tr("课程与场次"),
            self.tr("测试"),
            self.tr("资格矩阵"),
            self.tr("实施计划"),
        )
        for number, (page, title) in enumerate(zip(self.pages, titles, strict=True), start=1):
            self.tabs.addTab(page, title)
            shortcuts.install(
                self,
                f"training.page{number}",
                partial(self.tabs.setCurrentIndex, number - 1),
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        session.data_changed.connect(self._on_data_changed)
        self.refresh()

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        if area in (AREA, "*", "people"):
            self.refresh()

    def refresh(self) -> None:
        for page in self.pages:
            try:
                page.refresh()
            except DutyDeskError as error:
                page.fail(error)
