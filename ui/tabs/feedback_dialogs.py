"""Dialogs of the 反馈与改进 tab; each calls one core function and shows its errors in place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import site_today
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.improvement.feedback import ABOUT_KINDS, CATEGORIES, CHANNELS, Feedback
from dutydesk.improvement.meetings import Decision
from dutydesk.improvement.problems import (
    ACTION_KINDS,
    LINK_KINDS,
    PRIORITIES,
    SOURCES,
    Action,
    ImprovementProblem,
)
from ui.forms import ERROR_STYLE, FormDialog
from ui.models.feedback_inbox import pick
from ui.session import Session


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def choice_combo(
    parent: QWidget, session: Session, choices: dict[str, tuple[str, str]], none: str | None = None
) -> QComboBox:
    combo = QComboBox(parent)
    if none is not None:
        combo.addItem(none, None)
    for code, pair in choices.items():
        combo.addItem(pick(pair, session), code)
    return combo


def people_combo(parent: QWidget, session: Session, none: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    if none is not None:
        combo.addItem(none, None)
    for person in session.desk.people.list(active_only=True):
        if person.roles != ("auditor",):
            combo.addItem(f"{person.name}（{person.employee_no}）", person.id)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class SubcategoryPicker:
    """A category combo driving a subcategory combo."""

    def __init__(self, dialog: FormDialog, *, none_category: bool) -> None:
        session = dialog.session
        self._session = session
        self.category = choice_combo(
            dialog,
            session,
            CATEGORIES,
            QCoreApplication.translate("SubcategoryPicker", "（未选择）")
            if none_category
            else None,
        )
        self.subcategory = QComboBox(dialog)
        self.category.currentIndexChanged.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        self.subcategory.clear()
        self.subcategory.addItem("—", None)
        category = self.category.currentData()
        if category is None:
            return
        for sub in self._session.desk.feedback.subcategories(category):
            self.subcategory.addItem(sub.name, sub.id)

    def set(self, category: str | None, subcategory_id: int | None) -> None:
        select_data(self.category, category)
        select_data(self.subcategory, subcategory_id)


class FeedbackDialog(FormDialog):
    """提交反馈: any officer, from any tab (Ctrl+Shift+F)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("提交反馈"))
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("请写下您的意见或建议"))
        self.row(self.tr("内容(&T)"), self.text, "text")
        self.channel = choice_combo(self, session, CHANNELS)
        select_data(self.channel, "system")
        self.row(self.tr("渠道(&C)"), self.channel, "channel")
        self.anonymous = QCheckBox(self.tr("匿名提交（不保存任何个人信息）"), self)
        self.row(self.tr("匿名(&A)"), self.anonymous)
        self.about_kind = choice_combo(self, session, ABOUT_KINDS, self.tr("（无）"))
        self.row(self.tr("关于(&B)"), self.about_kind, "about_kind")
        self.about_ref = QLineEdit(self)
        self.about_ref.setPlaceholderText(self.tr("相关记录的编号，如事件编号"))
        self.row(self.tr("编号(&R)"), self.about_ref, "about_ref")
        self.picker = SubcategoryPicker(self, none_category=True)
        self.row(self.tr("类别(&G)"), self.picker.category, "category")
        self.row(self.tr("子类(&S)"), self.picker.subcategory, "subcategory_id")
        self.giver_name = QLineEdit(self)
        self.giver_name.setPlaceholderText(self.tr("代外单位或来电人记录时填写姓名"))
        self.row(self.tr("反馈人(&N)"), self.giver_name, "giver_name")
        self.anonymous.toggled.connect(self.giver_name.setDisabled)
        self.resize(520, 420)

    def submit(self) -> Feedback | None:
        """None for anonymous feedback: it is held back and entered in a later batch."""
        return self.session.desk.feedback.submit(
            self.session.person,
            text=self.text.toPlainText(),
            channel=self.channel.currentData(),
            anonymous=self.anonymous.isChecked(),
            giver_name="" if self.anonymous.isChecked() else self.giver_name.text(),
            about_kind=self.about_kind.currentData(),
            about_ref=self.about_ref.text(),
            category=self.picker.category.currentData(),
            subcategory_id=self.picker.subcategory.currentData(),
        )


class ClassifyDialog(FormDialog):
    def __init__(self, session: Session, entry: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("反馈分类"))
        self.entry = entry
        shown = QLabel(entry.text, self)
        shown.setWordWrap(True)
        self.form.addRow(shown)
        self.picker = SubcategoryPicker(self, none_category=False)
        self.picker.set(entry.category, entry.subcategory_id)
        self.row(self.tr("类别(&G)"), self.picker.category, "category")
        self.row(self.tr("子类(&S)"), self.picker.subcategory, "subcategory_id")

    def submit(self) -> Feedback:
        return self.session.desk.feedback.classify(
            self.session.person,
            self.entry.id,
            category=self.picker.category.currentData(),
            subcategory_id=self.picker.subcategory.currentData(),
        )


class TextDialog(FormDialog):
    """One text field handed to ``action(text)``: reasons, replies, notes."""

    def __init__(
        self,
        session: Session,
        title: str,
        label: str,
        field: str,
        action: Callable[[str], Any],
        parent: QWidget | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(session, title, parent)
        if intro:
            shown = QLabel(intro, self)
            shown.setWordWrap(True)
            self.form.addRow(shown)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.row(label, self.text, field)
        self._action = action

    def submit(self) -> Any:
        return self._action(self.text.toPlainText())


class ProblemDialog(FormDialog):
    """A new problem (optionally from feedback entries) or the analysis of an existing one."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        problem: ImprovementProblem | None = None,
        feedback: Sequence[Feedback] = (),
    ) -> None:
        super().__init__(session, "", parent)
        self.problem = problem
        self.feedback = list(feedback)
        self.setWindowTitle(self.tr("编辑问题分析") if problem else self.tr("新建问题"))
        self.title = QLineEdit(self)
        self.row(self.tr("标题(&T)"), self.title, "title")
        self.picker = SubcategoryPicker(self, none_category=False)
        self.row(self.tr("类别(&G)"), self.picker.category, "category")
        self.row(self.tr("子类(&S)"), self.picker.subcategory, "subcategory_id")
        self.source = choice_combo(self, session, SOURCES)
        self.row(self.tr("来源(&U)"), self.source, "source")
        self.priority = choice_combo(self, session, PRIORITIES)
        select_data(self.priority, "medium")
        self.row(self.tr("优先级(&P)"), self.priority, "priority")
        self.owner = people_combo(self, session, self.tr("（未指定）"))
        self.row(self.tr("负责人(&O)"), self.owner, "owner_id")
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(70)
        self.row(self.tr("描述(&D)"), self.description, "description")
        self.whys = [QLineEdit(self) for _ in range(5)]
        for number, edit in enumerate(self.whys, start=1):
            self.row(self.tr("为什么 {0}").format(number), edit, "whys" if number == 1 else "")
        self.root_cause = QLineEdit(self)
        self.row(self.tr("根本原因(&R)"), self.root_cause, "root_cause")
        if problem is not None:
            self.title.setText(problem.title)
            self.picker.set(problem.category, problem.subcategory_id)
            self.picker.category.setEnabled(False)
            select_data(self.source, problem.source)
            self.source.setEnabled(False)
            select_data(self.priority, problem.priority)
            select_data(self.owner, problem.owner_id)
            self.description.setPlainText(problem.description)
            for edit, why in zip(self.whys, problem.whys, strict=False):
                edit.setText(why)
            self.root_cause.setText(problem.root_cause)
        elif self.feedback:
            first = self.feedback[0]
            self.title.setText(first.text[:40])
            self.picker.set(first.category, first.subcategory_id)
            select_data(self.source, "feedback")
            self.description.setPlainText("\n".join(f.text for f in self.feedback))
        self.resize(560, 600)

    def submit(self) -> ImprovementProblem:
        desk, me = self.session.desk, self.session.person
        whys = [edit.text() for edit in self.whys]
        if self.problem is not None:
            return desk.improvement.update_problem(
                me,
                self.problem.id,
                title=self.title.text(),
                description=self.description.toPlainText(),
                priority=self.priority.currentData(),
                owner_id=self.owner.currentData(),
                subcategory_id=self.picker.subcategory.currentData(),
                whys=whys,
                root_cause=self.root_cause.text(),
                status="analysing" if self.problem.status == "open" else None,
            )
        return desk.improvement.create_problem(
            me,
            title=self.title.text(),
            category=self.picker.category.currentData(),
            subcategory_id=self.picker.subcategory.currentData(),
            source=self.source.currentData(),
            priority=self.priority.currentData(),
            owner_id=self.owner.currentData(),
            description=self.description.toPlainText(),
            whys=whys,
            root_cause=self.root_cause.text(),
            feedback_ids=[f.id for f in self.feedback],
        )


class JoinProblemDialog(FormDialog):
    """Link feedback to an existing problem (已转问题)."""

    def __init__(self, session: Session, entry: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("归入已有问题"))
        self.entry = entry
        self.problem = QComboBox(self)
        for problem in session.desk.improvement.problems():
            self.problem.addItem(f"#{problem.id} {problem.title}", problem.id)
        self.row(self.tr("问题(&P)"), self.problem, "problem_id")

    def submit(self) -> ImprovementProblem:
        problem_id = self.problem.currentData()
        if problem_id is None:
            raise ValidationError("problem_id", "请选择问题", en="Choose a problem")
        return self.session.desk.improvement.add_feedback(
            self.session.person, problem_id, self.entry.id
        )


class LinkDialog(FormDialog):
    def __init__(
        self, session: Session, problem: ImprovementProblem, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("关联记录"))
        self.problem = problem
        self.kind = choice_combo(self, session, LINK_KINDS)
        self.row(self.tr("类型(&K)"), self.kind, "kind")
        self.ref = QLineEdit(self)
        self.row(self.tr("编号(&R)"), self.ref, "ref")
        self.note = QLineEdit(self)
        self.row(self.tr("备注(&N)"), self.note, "note")

    def submit(self) -> Any:
        return self.session.desk.improvement.add_link(
            self.session.person,
            self.problem.id,
            kind=self.kind.currentData(),
            ref=self.ref.text(),
            note=self.note.text(),
        )


class ActionDialog(FormDialog):
    """A new action; from a meeting decision when ``decision`` is given."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        problem_id: int | None = None,
        decision: Decision | None = None,
    ) -> None:
        super().__init__(session, "", parent)
        self.decision = decision
        self.setWindowTitle(self.tr("决议转为整改措施") if decision else self.tr("新建整改措施"))
        today = site_today(session.desk)
        self.kind = choice_combo(self, session, ACTION_KINDS)
        self.row(self.tr("类型(&K)"), self.kind, "kind")
        self.title = QLineEdit(decision.text if decision else "", self)
        self.row(self.tr("措施(&T)"), self.title, "title", "decisions")
        self.owner = people_combo(self, session)
        self.row(self.tr("负责人(&O)"), self.owner, "owner_id")
        self.due = date_edit(self, today)
        self.due.setDate(qdate(today).addDays(14))
        self.row(self.tr("完成期限(&D)"), self.due, "due_on")
        self.problem = QComboBox(self)
        self.problem.addItem(self.tr("（无）"), None)
        for problem in session.desk.improvement.problems():
            if problem.status != "closed":
                self.problem.addItem(f"#{problem.id} {problem.title}", problem.id)
        select_data(self.problem, problem_id)
        self.row(self.tr("问题(&P)"), self.problem, "problem_id")
        self.cycle = QComboBox(self)
        self.cycle.addItem(self.tr("（无）"), None)
        for cycle in session.desk.cycles.cycles():
            if not cycle.locked:
                self.cycle.addItem(cycle.title, cycle.id)
                if cycle.start_date <= today.isoformat() <= cycle.end_date:
                    self.cycle.setCurrentIndex(self.cycle.count() - 1)
        self.row(self.tr("优化周期(&Y)"), self.cycle, "cycle_id")

    def submit(self) -> Action:
        desk, me = self.session.desk, self.session.person
        if self.decision is not None:
            return desk.meetings.decision_to_action(
                me,
                self.decision.id,
                kind=self.kind.currentData(),
                owner_id=self.owner.currentData(),
                due_on=pydate(self.due.date()),
                title=self.title.text(),
                problem_id=self.problem.currentData(),
                cycle_id=self.cycle.currentData(),
            )
        return desk.improvement.add_action(
            me,
            kind=self.kind.currentData(),
            title=self.title.text(),
            owner_id=self.owner.currentData(),
            due_on=pydate(self.due.date()),
            problem_id=self.problem.currentData(),
            cycle_id=self.cycle.currentData(),
        )


class CompleteDialog(FormDialog):
    def __init__(self, session: Session, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("填报完成"))
        self.action = action
        self.form.addRow(QLabel(action.title, self))
        self.done_on = date_edit(self, site_today(session.desk))
        self.row(self.tr("完成日期(&D)"), self.done_on, "done_on")
        self.evidence = QPlainTextEdit(self)
        self.evidence.setTabChangesFocus(True)
        self.row(self.tr("完成证据(&E)"), self.evidence, "evidence")

    def submit(self) -> Action:
        return self.session.desk.improvement.complete_action(
            self.session.person,
            self.action.id,
            done_on=pydate(self.done_on.date()),
            evidence=self.evidence.toPlainText(),
        )


class VerifyDialog(FormDialog):
    def __init__(self, session: Session, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("验证措施效果"))
        self.action = action
        intro = QLabel(
            self.tr("{0}\n负责人：{1}　证据：{2}").format(
                action.title, action.owner_name, action.evidence
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.effective = QComboBox(self)
        self.effective.addItem(self.tr("有效"), True)
        self.effective.addItem(self.tr("无效（问题将重开）"), False)
        self.row(self.tr("结论(&R)"), self.effective, "effective")
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.row(self.tr("说明(&N)"), self.note, "note")

    def submit(self) -> Action:
        return self.session.desk.improvement.verify_action(
            self.session.person,
            self.action.id,
            effective=bool(self.effective.currentData()),
            note=self.note.toPlainText(),
        )


class SubcategoriesDialog(QDialog):
    """管理员维护反馈子类: add, rename, retire or restore, per category."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("反馈子类管理"))
        self.category = choice_combo(self, session, CATEGORIES)
        self.category.currentIndexChanged.connect(self.reload)
        self.items = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setModel(self.items)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.name = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton(
            self.tr("添加(&A)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.rename_button = buttons.addButton(
            self.tr("改名(&R)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.toggle_button = buttons.addButton(
            self.tr("停用/启用(&T)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.defaults_button = buttons.addButton(
            self.tr("载入默认子类(&D)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        self.add_button.clicked.connect(self.add_subcategory)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle)
        self.defaults_button.clicked.connect(self.defaults)
        form = QFormLayout()
        category_label = QLabel(self.tr("类别(&G)"), self)
        category_label.setBuddy(self.category)
        form.addRow(category_label, self.category)
        name_label = QLabel(self.tr("名称(&N)"), self)
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.changed = False
        self.reload()
        self.resize(420, 460)

    def reload(self) -> None:
        self.items.clear()
        retired = self.tr("（已停用）")
        for sub in self.session.desk.feedback.subcategories(
            self.category.currentData(), include_inactive=True
        ):
            item = QStandardItem(sub.name + ("" if sub.active else retired))
            item.setData(sub.id, Qt.ItemDataRole.UserRole)
            self.items.appendRow(item)

    def _selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return None if not index.isValid() else index.data(Qt.ItemDataRole.UserRole)

    def _do(self, work: Callable[[], Any]) -> None:
        self.error.hide()
        try:
            work()
        except DutyDeskError as error:
            self.error.setText(self.session.error_text(error))
            self.error.show()
            return
        self.changed = True
        self.name.clear()
        self.reload()

    @Slot()
    def add_subcategory(self) -> None:
        desk, me = self.session.desk, self.session.person
        self._do(
            lambda: desk.feedback.add_subcategory(
                me, category=self.category.currentData(), name=self.name.text()
            )
        )

    @Slot()
    def rename(self) -> None:
        chosen = self._selected_id()
        if chosen is not None:
            desk, me = self.session.desk, self.session.person
            self._do(lambda: desk.feedback.update_subcategory(me, chosen, name=self.name.text()))

    @Slot()
    def toggle(self) -> None:
        chosen = self._selected_id()
        if chosen is not None:
            desk, me = self.session.desk, self.session.person
            active = desk.feedback.subcategory(chosen).active
            self._do(lambda: desk.feedback.update_subcategory(me, chosen, active=not active))

    @Slot()
    def defaults(self) -> None:
        desk, me = self.session.desk, self.session.person
        self._do(lambda: desk.feedback.seed_default_subcategories(me))
