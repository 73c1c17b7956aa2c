"""Dialogs of the training area. Each one collects input and hands it to a ``submit``
callable that calls the core; a core error is shown inside the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dutydesk.people.auth import Person
from dutydesk.roster.qualifications import DUTY_ROLES
from dutydesk.training.assessments import NEED_CATEGORIES, PRIORITIES, NeedSpec
from dutydesk.training.plans import RISK_STATUSES, TASK_STATUSES, Milestone, Task
from dutydesk.training.questionnaires import (
    KINDS,
    PURPOSES,
    Questionnaire,
    QuestionSpec,
    parse_options,
)
from dutydesk.training.service import SESSION_KINDS, TEST_KINDS, Course, Test, TestQuestionSpec
from ui.forms import FormDialog
from ui.scrolling import scrolling
from ui.session import Session


def qdate(day: date | str) -> QDate:
    value = day if isinstance(day, date) else date.fromisoformat(day)
    return QDate(value.year, value.month, value.day)


def pydate(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def date_edit(day: date | str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def pick(pairs: dict[str, tuple[str, str]], english: bool, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for key, (zh, en) in pairs.items():
        combo.addItem(en if english else zh, key)
    return combo


def people_combo(
    people: Sequence[Person], parent: QWidget, *, blank: str | None = None
) -> QComboBox:
    combo = QComboBox(parent)
    if blank is not None:
        combo.addItem(blank, None)
    for person in people:
        combo.addItem(f"{person.name}（{person.employee_no}）", person.id)
    return combo


class SpecListEditor(QWidget):
    """Add/remove rows of a list (questions, needs) with a form line; no mouse needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.list = QListWidget(self)
        self.list.setMinimumHeight(140)
        self.add_button = QPushButton(self.tr("添加(&D)"), self)
        self.remove_button = QPushButton(self.tr("删除所选(&X)"), self)
        self.remove_button.clicked.connect(self._remove)
        self.inputs = QHBoxLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.inputs)
        layout.addLayout(buttons)
        layout.addWidget(self.list)

    def append(self, item: Any, text: str) -> None:
        self.items.append(item)
        self.list.addItem(QListWidgetItem(text))

    @Slot()
    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self.list.takeItem(row)


class QuestionnaireDialog(FormDialog):
    """New questionnaire: header fields and its questions."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("新建问卷"), parent)
        e = session.english
        self.title = self.row(self.tr("标题(&T)"), QLineEdit(self), "title")
        self.purpose = self.row(self.tr("用途(&U)"), pick(PURPOSES, e, self), "purpose")
        self.anonymous = self.row(self.tr("匿名(&M)"), QCheckBox(self.tr("不记录填写人"), self))
        self.description = self.row(self.tr("说明(&S)"), QLineEdit(self), "description")
        editor = SpecListEditor(self)
        self.kind = pick(KINDS, e, editor)
        self.text = QLineEdit(editor)
        self.text.setPlaceholderText(self.tr("题目"))
        self.options = QLineEdit(editor)
        self.options.setPlaceholderText(self.tr("选项，用；分隔"))
        self.required = QCheckBox(self.tr("必答(&R)"), editor)
        self.required.setChecked(True)
        for widget in (self.kind, self.text, self.options, self.required):
            editor.inputs.addWidget(widget)
        editor.add_button.clicked.connect(self._add)
        self.editor = editor
        self.row(self.tr("题目(&Q)"), editor, "questions")
        self.resize(760, 520)

    @Slot()
    def _add(self) -> None:
        spec = QuestionSpec(
            self.kind.currentData(),
            self.text.text(),
            parse_options(self.options.text()),
            self.required.isChecked(),
        )
        star = "*" if spec.required else ""
        options = f" [{'；'.join(spec.options)}]" if spec.options else ""
        self.editor.append(spec, f"{self.kind.currentText()}{star} {spec.text}{options}")
        self.text.clear()
        self.options.clear()
        self.text.setFocus()

    def submit(self) -> Questionnaire:
        return self.session.desk.training.questionnaires.create(
            self.session.person,
            title=self.title.text(),
            purpose=self.purpose.currentData(),
            anonymous=self.anonymous.isChecked(),
            description=self.description.text(),
            questions=self.editor.items,
        )


class AnswerDialog(FormDialog):
    """One person answers a questionnaire; anonymous ones say so at the top."""

    def __init__(
        self, session: Session, questionnaire: Questionnaire, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("填写问卷：{0}").format(questionnaire.title), parent)
        self.questionnaire = questionnaire
        note = (
            self.tr("本问卷为匿名问卷：不会记录填写人。")
            if questionnaire.anonymous
            else self.tr("填写人：{0}").format(session.person.name)
        )
        self.layout_.insertWidget(0, QLabel(note, self))
        if questionnaire.description:
            self.layout_.insertWidget(1, QLabel(questionnaire.description, self))
        inner = QWidget(self)
        form = QFormLayout(inner)
        self.widgets: dict[int, Any] = {}
        for q in questionnaire.questions:
            text = f"{q.position}. {q.text}{' *' if q.required else ''}"
            if q.kind == "single":
                widget: Any = QComboBox(inner)
                widget.addItem("", None)
                for index, option in enumerate(q.options):
                    widget.addItem(option, index)
            elif q.kind == "scale":
                widget = QComboBox(inner)
                widget.addItem("", None)
                for point in range(1, 6):
                    widget.addItem(str(point), point)
            elif q.kind == "multiple":
                widget = QWidget(inner)
                row = QHBoxLayout(widget)
                row.setContentsMargins(0, 0, 0, 0)
                widget.boxes = []  # type: ignore[attr-defined,unused-ignore]
                for option in q.options:
                    box = QCheckBox(option, widget)
                    row.addWidget(box)
                    widget.boxes.append(box)  # type: ignore[attr-defined,unused-ignore]
                row.addStretch(1)
            else:
                widget = QLineEdit(inner)
            self.row(text, widget, f"q{q.position}", form=form)
            self.widgets[q.id] = widget
        self.layout_.addWidget(scrolling(inner, self))
        self.resize(760, 560)

    def answers(self) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for q in self.questionnaire.questions:
            widget = self.widgets[q.id]
            if q.kind in ("single", "scale"):
                out[q.id] = widget.currentData()
            elif q.kind == "multiple":
                out[q.id] = [i for i, box in enumerate(widget.boxes) if box.isChecked()]
            else:
                out[q.id] = widget.text()
        return out

    def submit(self) -> int | None:
        return self.session.desk.training.questionnaires.submit(
            self.session.person, self.questionnaire.id, answers=self.answers()
        )


_PRIORITY_WORDS = {
    "高": "high",
    "中": "medium",
    "低": "low",
    "high": "high",
    "medium": "medium",
    "low": "low",
}


_CLASS_WORDS = {
    "业务": "business",
    "技术": "technical",
    "人员": "people",
    "business": "business",
    "technical": "technical",
    "people": "people",
}


def parse_needs(text: str, previous: Sequence[Any] = ()) -> list[NeedSpec]:
    """One need per line: ``优先级｜类别｜需求｜措施`` (priority, class and action may be
    left out; the class is 业务/技术/人员). A need whose text is unchanged keeps the source
    (finding, figure or question) it was traced to."""
    sources = {
        n.need: (n.source_kind, n.source_ref)
        for n in previous
        if getattr(n, "source_kind", None) is not None
    }
    needs = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
        if not any(parts):
            continue
        priority = "medium"
        if len(parts) > 1 and parts[0].lower() in _PRIORITY_WORDS:
            priority = _PRIORITY_WORDS[parts.pop(0).lower()]
        category = None
        if len(parts) > 1 and parts[0].lower() in _CLASS_WORDS:
            category = _CLASS_WORDS[parts.pop(0).lower()]
        kind, ref = sources.get(parts[0], (None, None))
        needs.append(NeedSpec(parts[0], priority, "｜".join(parts[1:]), category, kind, ref))
    return needs


def needs_text(needs: Sequence[Any]) -> str:
    lines = []
    for n in needs:
        category = getattr(n, "category", None)
        middle = f"{NEED_CATEGORIES[category][0]}｜" if category else ""
        lines.append(f"{PRIORITIES[n.priority][0]}｜{middle}{n.need}｜{n.action}")
    return "\n".join(lines)


class AssessmentDialog(FormDialog):
    """New or edited needs analysis: period, questionnaire, conclusion and the needs list."""

    def __init__(
        self,
        session: Session,
        questionnaires: Sequence[Questionnaire],
        today: date,
        existing: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            session, self.tr("编辑现状评估") if existing else self.tr("新建现状评估"), parent
        )
        self.existing = existing
        self.title = self.row(self.tr("标题(&T)"), QLineEdit(self), "title")
        self.questionnaire = self.row(self.tr("问卷(&Q)"), QComboBox(self), "questionnaire_id")
        self.questionnaire.addItem(self.tr("（不引用问卷）"), None)
        for q in questionnaires:
            self.questionnaire.addItem(q.title, q.id)
        start = existing.period_start if existing else date(today.year, 1, 1)
        self.start = self.row(self.tr("统计起始日(&F)"), date_edit(start, self), "period_start")
        self.end = self.row(
            self.tr("统计截止日(&E)"),
            date_edit(existing.period_end if existing else today, self),
            "period_end",
        )
        self.summary = self.row(self.tr("评估结论(&S)"), QPlainTextEdit(self), "summary")
        self.needs = self.row(self.tr("已识别的需求(&N)"), QPlainTextEdit(self), "needs")
        self.needs.setPlaceholderText(
            self.tr(
                "每行一项：优先级｜类别｜需求｜措施，类别为 业务/技术/人员，"
                "例如：高｜业务｜交接班时间过长｜精简检查表"
            )
        )
        if existing:
            self.title.setText(existing.title)
            index = self.questionnaire.findData(existing.questionnaire_id)
            self.questionnaire.setCurrentIndex(max(index, 0))
            self.summary.setPlainText(existing.summary)
            self.needs.setPlainText(needs_text(existing.needs))
        self.resize(720, 560)

    def submit(self) -> Any:
        service = self.session.desk.training.assessments
        values = {
            "title": self.title.text(),
            "questionnaire_id": self.questionnaire.currentData(),
            "period_start": pydate(self.start),
            "period_end": pydate(self.end),
            "summary": self.summary.toPlainText(),
            "needs": parse_needs(
                self.needs.toPlainText(), self.existing.needs if self.existing else ()
            ),
        }
        if self.existing is None:
            return service.create(self.session.person, **values)
        return service.update(self.session.person, self.existing.id, **values)


class CourseDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("新建课程"), parent)
        self.title = self.row(self.tr("课程名称(&T)"), QLineEdit(self), "title")
        self.content = self.row(self.tr("课程内容(&C)"), QPlainTextEdit(self), "content")
        self.step_list = QListWidget(self)
        for name in session.desk.training.process_steps():
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.step_list.addItem(item)
        if self.step_list.count():
            self.row(self.tr("现行流程中的步骤(&P)"), self.step_list)
        else:
            self.step_list.hide()
        self.steps = self.row(self.tr("其他流程步骤(&S)"), QLineEdit(self), "process_steps")
        self.steps.setPlaceholderText(self.tr("用；分隔"))
        roles = QWidget(self)
        row = QHBoxLayout(roles)
        row.setContentsMargins(0, 0, 0, 0)
        self.roles: dict[str, QCheckBox] = {}
        for key, (zh, en) in DUTY_ROLES.items():
            self.roles[key] = QCheckBox(en if session.english else zh, roles)
            row.addWidget(self.roles[key])
        self.row(self.tr("适用角色(&R)"), roles, "duty_roles")
        self.resize(560, 400)

    def submit(self) -> Course:
        return self.session.desk.training.add_course(
            self.session.person,
            title=self.title.text(),
            content=self.content.toPlainText(),
            process_steps=[
                self.step_list.item(i).text()
                for i in range(self.step_list.count())
                if self.step_list.item(i).checkState() == Qt.CheckState.Checked
            ]
            + list(parse_options(self.steps.text())),
            duty_roles=[k for k, box in self.roles.items() if box.isChecked()],
        )


class SessionDialog(FormDialog):
    def __init__(
        self,
        session: Session,
        courses: Sequence[Course],
        people: Sequence[Person],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("新建培训场次"), parent)
        self.course = self.row(self.tr("课程(&C)"), QComboBox(self), "course_id")
        for course in courses:
            self.course.addItem(course.title, course.id)
        self.kind = self.row(
            self.tr("形式(&K)"), pick(SESSION_KINDS, session.english, self), "kind"
        )
        self.held_on = self.row(self.tr("日期(&D)"), date_edit(today, self), "held_on")
        self.trainer = self.row(self.tr("讲师(&R)"), people_combo(people, self), "trainer_id")
        index = self.trainer.findData(session.person.id)
        self.trainer.setCurrentIndex(max(index, 0))
        self.location = self.row(self.tr("地点(&L)"), QLineEdit(self), "location")
        self.attendees = self.row(self.tr("参训人员(&A)"), QListWidget(self), "attendee_ids")
        for person in people:
            item = QListWidgetItem(f"{person.name}（{person.employee_no}）")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.attendees.addItem(item)
        self.resize(560, 560)

    def submit(self) -> Any:
        chosen = [
            self.attendees.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.CheckState.Checked
        ]
        return self.session.desk.training.add_session(
            self.session.person,
            course_id=self.course.currentData(),
            kind=self.kind.currentData(),
            held_on=pydate(self.held_on),
            trainer_id=self.trainer.currentData(),
            attendee_ids=chosen,
            location=self.location.text(),
        )


def _numbers(text: str) -> tuple[int, ...]:
    out = []
    for token in parse_options(text.replace(",", "；").replace("，", "；").replace(" ", "；")):
        if token.isdigit():
            out.append(int(token) - 1)
        else:
            out.append(-1)
    return tuple(out)


class TestDialog(FormDialog):
    """New test: course, title, pass mark and questions with their correct answers."""

    def __init__(
        self, session: Session, courses: Sequence[Course], parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("新建测试"), parent)
        self.course = self.row(self.tr("课程(&C)"), QComboBox(self), "course_id")
        for course in courses:
            self.course.addItem(course.title, course.id)
        self.title = self.row(self.tr("测试名称(&T)"), QLineEdit(self), "title")
        self.pass_mark = self.row(self.tr("及格分(&P)"), QSpinBox(self), "pass_mark")
        self.pass_mark.setRange(0, 1000)
        editor = SpecListEditor(self)
        self.kind = pick(TEST_KINDS, session.english, editor)
        self.text = QLineEdit(editor)
        self.text.setPlaceholderText(self.tr("题目"))
        self.options = QLineEdit(editor)
        self.options.setPlaceholderText(self.tr("选项，用；分隔"))
        self.correct = QLineEdit(editor)
        self.correct.setPlaceholderText(self.tr("正确选项序号，如 1 或 1,3"))
        self.points = QSpinBox(editor)
        self.points.setRange(1, 100)
        self.points.setPrefix(self.tr("分值 "))
        for widget in (self.kind, self.text, self.options, self.correct, self.points):
            editor.inputs.addWidget(widget)
        editor.add_button.clicked.connect(self._add)
        self.editor = editor
        self.row(self.tr("题目(&Q)"), editor, "questions")
        self.resize(860, 520)

    @Slot()
    def _add(self) -> None:
        spec = TestQuestionSpec(
            self.kind.currentData(),
            self.text.text(),
            parse_options(self.options.text()),
            _numbers(self.correct.text()),
            self.points.value(),
        )
        right = "、".join(str(c + 1) for c in spec.correct)
        self.editor.append(
            spec, f"{spec.text} [{'；'.join(spec.options)}] ✓{right} ({spec.points})"
        )
        self.text.clear()
        self.options.clear()
        self.correct.clear()
        self.text.setFocus()

    def submit(self) -> Test:
        return self.session.desk.training.add_test(
            self.session.person,
            course_id=self.course.currentData(),
            title=self.title.text(),
            pass_mark=self.pass_mark.value(),
            questions=self.editor.items,
        )


class TakeTestDialog(FormDialog):
    """The signed-in person takes a test on the duty PC; the score shows right after."""

    def __init__(self, session: Session, test: Test, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("参加测试：{0}").format(test.title), parent)
        self.test = test
        self.layout_.insertWidget(
            0,
            QLabel(
                self.tr("考生：{0}　满分 {1}，及格 {2}").format(
                    session.person.name, test.max_score, test.pass_mark
                ),
                self,
            ),
        )
        inner = QWidget(self)
        form = QFormLayout(inner)
        self.widgets: dict[int, Any] = {}
        for q in test.questions:
            if q.kind == "single":
                widget: Any = QComboBox(inner)
                widget.addItem("", None)
                for index, option in enumerate(q.options):
                    widget.addItem(option, index)
            else:
                widget = QWidget(inner)
                row = QHBoxLayout(widget)
                row.setContentsMargins(0, 0, 0, 0)
                widget.boxes = [QCheckBox(o, widget) for o in q.options]  # type: ignore[attr-defined,unused-ignore]
                for box in widget.boxes:  # type: ignore[attr-defined,unused-ignore]
                    row.addWidget(box)
                row.addStretch(1)
            self.row(f"{q.position}. {q.text}（{q.points}）", widget, f"q{q.position}", form=form)
            self.widgets[q.id] = widget
        self.layout_.addWidget(scrolling(inner, self))
        self.resize(720, 520)

    def answers(self) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for q in self.test.questions:
            widget = self.widgets[q.id]
            if q.kind == "single":
                out[q.id] = widget.currentData()
            else:
                out[q.id] = [i for i, box in enumerate(widget.boxes) if box.isChecked()]
        return out

    def submit(self) -> Any:
        return self.session.desk.training.take_test(
            self.session.person, self.test.id, answers=self.answers()
        )


class QualificationDialog(FormDialog):
    def __init__(
        self,
        session: Session,
        people: Sequence[Person],
        today: date,
        person_id: int | None = None,
        duty_role: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("授予或更新资格"), parent)
        self.person = self.row(self.tr("人员(&P)"), people_combo(people, self), "person_id")
        if person_id is not None:
            self.person.setCurrentIndex(max(self.person.findData(person_id), 0))
        self.role = self.row(
            self.tr("值班角色(&R)"), pick(DUTY_ROLES, session.english, self), "duty_role"
        )
        if duty_role is not None:
            self.role.setCurrentIndex(max(self.role.findData(duty_role), 0))
        self.shift = self.row(self.tr("班次类型(&S)"), QLineEdit(self), "shift_code")
        self.shift.setPlaceholderText(self.tr("留空表示全部班次"))
        self.gained = self.row(self.tr("取得日期(&G)"), date_edit(today, self), "gained_on")
        self.no_expiry = QCheckBox(self.tr("长期有效(&L)"), self)
        self.expires = self.row(
            self.tr("有效期至(&E)"),
            date_edit(date(today.year + 1, today.month, 1), self),
            "expires_on",
        )
        self.form.addRow("", self.no_expiry)
        self.no_expiry.toggled.connect(lambda on: self.expires.setEnabled(not on))
        self.note = self.row(self.tr("备注(&N)"), QLineEdit(self), "note")

    def submit(self) -> Any:
        return self.session.desk.training.qualifications.grant(
            self.session.person,
            person_id=self.person.currentData(),
            duty_role=self.role.currentData(),
            shift_code=self.shift.text(),
            gained_on=pydate(self.gained),
            expires_on=None if self.no_expiry.isChecked() else pydate(self.expires),
            note=self.note.text(),
        )


class MilestoneDialog(FormDialog):
    def __init__(
        self,
        session: Session,
        today: date,
        existing: Milestone | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("里程碑"), parent)
        self.existing = existing
        self.title = self.row(self.tr("名称(&T)"), QLineEdit(self), "title")
        self.due = self.row(
            self.tr("日期(&D)"),
            date_edit(existing.due_on if existing else today, self),
            "due_on",
        )
        self.completed = self.row(self.tr("已完成(&C)"), QCheckBox(self), "done_on")
        self.description = self.row(self.tr("说明(&S)"), QLineEdit(self), "description")
        if existing:
            self.title.setText(existing.title)
            self.completed.setChecked(existing.done_on is not None)
            self.description.setText(existing.description)
        self.today = today

    def submit(self) -> Any:
        done_on = None
        if self.completed.isChecked():
            done_on = (self.existing.done_on if self.existing else None) or self.today
        return self.session.desk.training.plan.save_milestone(
            self.session.person,
            title=self.title.text(),
            due_on=pydate(self.due),
            description=self.description.text(),
            done_on=done_on,
            milestone_id=self.existing.id if self.existing else None,
        )


class TaskDialog(FormDialog):
    def __init__(
        self,
        session: Session,
        milestones: Sequence[Milestone],
        people: Sequence[Person],
        today: date,
        existing: Task | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("任务"), parent)
        self.existing = existing
        self.title = self.row(self.tr("任务(&T)"), QLineEdit(self), "title")
        self.milestone = self.row(self.tr("里程碑(&M)"), QComboBox(self), "milestone_id")
        self.milestone.addItem(self.tr("（无）"), None)
        for m in milestones:
            self.milestone.addItem(m.title, m.id)
        self.owner = self.row(
            self.tr("负责人(&O)"), people_combo(people, self, blank=""), "owner_id"
        )
        self.start = self.row(
            self.tr("开始(&S)"),
            date_edit(existing.start_on if existing else today, self),
            "start_on",
        )
        self.due = self.row(
            self.tr("截止(&D)"),
            date_edit(existing.due_on if existing else today, self),
            "due_on",
        )
        self.status = self.row(
            self.tr("状态(&A)"), pick(TASK_STATUSES, session.english, self), "status"
        )
        self.resources = self.row(self.tr("所需资源(&R)"), QLineEdit(self), "resources")
        if existing:
            self.title.setText(existing.title)
            self.milestone.setCurrentIndex(max(self.milestone.findData(existing.milestone_id), 0))
            self.owner.setCurrentIndex(max(self.owner.findData(existing.owner_id), 0))
            self.status.setCurrentIndex(max(self.status.findData(existing.status), 0))
            self.resources.setText(existing.resources)

    def submit(self) -> Any:
        return self.session.desk.training.plan.save_task(
            self.session.person,
            title=self.title.text(),
            milestone_id=self.milestone.currentData(),
            owner_id=self.owner.currentData(),
            start_on=pydate(self.start),
            due_on=pydate(self.due),
            status=self.status.currentData(),
            resources=self.resources.text(),
            task_id=self.existing.id if self.existing else None,
        )


class RiskDialog(FormDialog):
    def __init__(
        self,
        session: Session,
        people: Sequence[Person],
        existing: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("风险"), parent)
        self.existing = existing
        self.title = self.row(self.tr("风险(&T)"), QLineEdit(self), "title")
        self.likelihood = self.row(self.tr("可能性 1–5(&L)"), QSpinBox(self), "likelihood")
        self.impact = self.row(self.tr("影响 1–5(&I)"), QSpinBox(self), "impact")
        for spin in (self.likelihood, self.impact):
            spin.setRange(1, 5)
            spin.setValue(3)
        self.mitigation = self.row(self.tr("应对措施(&M)"), QLineEdit(self), "mitigation")
        self.owner = self.row(
            self.tr("负责人(&O)"), people_combo(people, self, blank=""), "owner_id"
        )
        self.status = self.row(
            self.tr("状态(&A)"), pick(RISK_STATUSES, session.english, self), "status"
        )
        if existing:
            self.title.setText(existing.title)
            self.likelihood.setValue(existing.likelihood)
            self.impact.setValue(existing.impact)
            self.mitigation.setText(existing.mitigation)
            self.owner.setCurrentIndex(max(self.owner.findData(existing.owner_id), 0))
            self.status.setCurrentIndex(max(self.status.findData(existing.status), 0))

    def submit(self) -> Any:
        return self.session.desk.training.plan.save_risk(
            self.session.person,
            title=self.title.text(),
            likelihood=self.likelihood.value(),
            impact=self.impact.value(),
            mitigation=self.mitigation.text(),
            owner_id=self.owner.currentData(),
            status=self.status.currentData(),
            risk_id=self.existing.id if self.existing else None,
        )


def run_dialog(dialog: FormDialog, on_saved: Callable[[Any], None]) -> None:
    if dialog.exec() == QDialog.DialogCode.Accepted:
        on_saved(dialog.result_value)
