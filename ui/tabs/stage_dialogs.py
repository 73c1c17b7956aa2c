"""Editors of the standardisation stages: interviews (访谈) and the classified needs list
of an assessment, and the recurring meetings of the communication plan (沟通计划).

The forms call the core; a refusal shows under the field it names (see ``FormDialog``).
"""

# i18n-area: training

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.improvement.communication import COMM_CHANNELS, FREQUENCIES, PlannedMeeting
from dutydesk.people.auth import Person
from dutydesk.text import pick
from dutydesk.training.assessments import (
    FIGURES,
    NEED_CATEGORIES,
    PRIORITIES,
    SOURCE_KINDS,
    Assessment,
    NeedSpec,
)
from dutydesk.training.interviews import Interview
from ui.forms import FormDialog
from ui.session import Session
from ui.tabs.training_dialogs import date_edit, people_combo, pydate

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def source_key(kind: str | None, ref: str | None) -> str:
    """A need's source as one combo-box value: ``finding:12``, ``figure:…``, or empty."""
    return "" if kind is None else f"{kind}:{ref}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------ communication plan


class PlannedMeetingDialog(FormDialog):
    """A recurring meeting of the communication plan: weekly or monthly, who, how."""

    def __init__(
        self,
        session: Session,
        people: Sequence[Person],
        today: date,
        existing: PlannedMeeting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("编辑例会") if existing else self.tr("新建例会"), parent)
        e = session.english
        self.existing = existing
        self.title = self.row(self.tr("会议名称(&T)"), QLineEdit(self), "title")
        self.kind = self.row(self.tr("频次(&F)"), QComboBox(self), "meeting_kind")
        for key, pair in FREQUENCIES.items():
            self.kind.addItem(pick(pair, e), key)
        self.weekday = self.row(self.tr("星期(&W)"), QComboBox(self), "weekday")
        for number, name in enumerate(WEEKDAYS_EN if e else WEEKDAYS_ZH):
            self.weekday.addItem(name, number)
        self.day = self.row(self.tr("每月几日(&D)"), QSpinBox(self), "day_of_month")
        self.day.setRange(1, 28)
        self.time = self.row(self.tr("时间(&H)"), QLineEdit("09:00", self), "time_of_day")
        self.time.setPlaceholderText("HH:MM")
        self.channel = self.row(self.tr("沟通渠道(&C)"), QComboBox(self), "channel")
        for key, pair in COMM_CHANNELS.items():
            self.channel.addItem(pick(pair, e), key)
        self.attendees = self.row(self.tr("参会人员(&P)"), QListWidget(self), "attendees")
        self.attendees.setMinimumHeight(160)
        chosen = set(existing.attendee_ids) if existing else set()
        for person in people:
            item = QListWidgetItem(f"{person.name}（{person.employee_no}）")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in chosen else Qt.CheckState.Unchecked
            )
            self.attendees.addItem(item)
        self.starts = self.row(
            self.tr("开始日期(&S)"),
            date_edit(existing.starts_on if existing else today, self),
            "starts_on",
        )
        end_row = QWidget(self)
        end_layout = QHBoxLayout(end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(self.tr("有结束日期"), end_row)
        self.ends = date_edit(existing.ends_on if existing and existing.ends_on else today, end_row)
        end_layout.addWidget(self.has_end)
        end_layout.addWidget(self.ends, 1)
        self.row(self.tr("结束日期(&E)"), end_row, "ends_on", mark=self.ends)
        self.active = self.row(self.tr("启用(&A)"), QCheckBox(self), "active")
        self.active.setChecked(True)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.has_end.toggled.connect(self.ends.setEnabled)
        if existing is not None:
            self.title.setText(existing.title)
            self.kind.setCurrentIndex(self.kind.findData(existing.meeting_kind))
            if existing.weekday is not None:
                self.weekday.setCurrentIndex(existing.weekday)
            if existing.day_of_month is not None:
                self.day.setValue(existing.day_of_month)
            self.time.setText(existing.time_of_day)
            self.channel.setCurrentIndex(self.channel.findData(existing.channel))
            self.has_end.setChecked(existing.ends_on is not None)
            self.active.setChecked(existing.active)
        self.ends.setEnabled(self.has_end.isChecked())
        self._kind_changed()
        self.resize(520, 620)

    @Slot()
    def _kind_changed(self) -> None:
        weekly = self.kind.currentData() == "weekly"
        self.weekday.setEnabled(weekly)
        self.day.setEnabled(not weekly)

    def attendee_ids(self) -> list[int]:
        return [
            int(self.attendees.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_attendees(self, ids: Sequence[int]) -> None:
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def submit(self) -> PlannedMeeting:
        weekly = self.kind.currentData() == "weekly"
        return self.session.desk.communication.save(
            self.session.person,
            title=self.title.text(),
            meeting_kind=self.kind.currentData(),
            weekday=self.weekday.currentData() if weekly else None,
            day_of_month=None if weekly else self.day.value(),
            time_of_day=self.time.text(),
            channel=self.channel.currentData(),
            attendee_ids=self.attendee_ids(),
            starts_on=pydate(self.starts),
            ends_on=pydate(self.ends) if self.has_end.isChecked() else None,
            active=self.active.isChecked(),
            plan_id=self.existing.id if self.existing else None,
        )


# ------------------------------------------------------------------ interviews


class InterviewDialog(FormDialog):
    """Record (or correct) an interview: who, when, interviewer, questions, notes, findings.

    When correcting, the findings already recorded stay (needs may cite them); new lines in
    新增发现 are added after them.
    """

    def __init__(
        self,
        session: Session,
        assessment: Assessment,
        people: Sequence[Person],
        today: date,
        existing: Interview | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, self.tr("编辑访谈") if existing else self.tr("记录访谈"), parent)
        self.assessment = assessment
        self.existing = existing
        self.held_on = self.row(
            self.tr("访谈日期(&D)"),
            date_edit(existing.held_on if existing else today, self),
            "held_on",
        )
        self.interviewee = self.row(
            self.tr("受访人(&W)"),
            people_combo(people, self, blank=self.tr("（站外人员，填写姓名）")),
            "interviewee_id",
        )
        self.interviewee_name = self.row(
            self.tr("受访人姓名(&N)"), QLineEdit(self), "interviewee_name"
        )
        self.interviewee_role = self.row(
            self.tr("受访人岗位(&R)"), QLineEdit(self), "interviewee_role"
        )
        self.interviewer = self.row(
            self.tr("访谈人(&I)"), people_combo(people, self), "interviewer_id"
        )
        self.interviewer.setCurrentIndex(max(0, self.interviewer.findData(session.person.id)))
        self.questions = self.row(self.tr("访谈问题(&Q)"), QPlainTextEdit(self), "questions")
        self.questions.setPlaceholderText(self.tr("每行一个问题"))
        self.notes = self.row(self.tr("访谈记录(&O)"), QPlainTextEdit(self), "notes")
        label = self.tr("新增发现(&F)") if existing else self.tr("发现(&F)")
        self.findings = self.row(label, QPlainTextEdit(self), "findings")
        self.findings.setPlaceholderText(self.tr("每行一条发现；需求可以注明来自哪一条"))
        if existing is not None:
            if existing.interviewee_id is not None:
                self.interviewee.setCurrentIndex(self.interviewee.findData(existing.interviewee_id))
            else:
                self.interviewee_name.setText(existing.interviewee_name)
            self.interviewee_role.setText(existing.interviewee_role)
            self.interviewer.setCurrentIndex(
                max(0, self.interviewer.findData(existing.interviewer_id))
            )
            self.questions.setPlainText("\n".join(existing.questions))
            self.notes.setPlainText(existing.notes)
            if existing.findings:
                recorded = QLabel(
                    "\n".join(f"{f.position}. {f.text}" for f in existing.findings), self
                )
                recorded.setWordWrap(True)
                self.row(self.tr("已记录的发现"), recorded)
        self.interviewee.currentIndexChanged.connect(self._interviewee_changed)
        self._interviewee_changed()
        self.resize(620, 680)

    @Slot()
    def _interviewee_changed(self) -> None:
        self.interviewee_name.setEnabled(self.interviewee.currentData() is None)

    def submit(self) -> Interview:
        service = self.session.desk.training.interviews
        values: dict[str, Any] = {
            "held_on": pydate(self.held_on),
            "interviewer_id": self.interviewer.currentData(),
            "interviewee_id": self.interviewee.currentData(),
            "interviewee_name": self.interviewee_name.text(),
            "interviewee_role": self.interviewee_role.text(),
            "questions": _lines(self.questions.toPlainText()),
            "notes": self.notes.toPlainText(),
        }
        findings = _lines(self.findings.toPlainText())
        person = self.session.person
        if self.existing is None:
            return service.add(person, self.assessment.id, findings=findings, **values)
        with self.session.desk.db.atomic():  # the correction and its new findings together
            service.update(person, self.existing.id, **values)
            for text in findings:
                service.add_finding(person, self.existing.id, text=text)
        return service.get(self.existing.id)


# ------------------------------------------------------------------ needs


class NeedsDialog(FormDialog):
    """The needs list of an assessment, one row per need: priority, class (业务/技术/人员),
    the need, the action, and where it came from (a finding, a figure or a question)."""

    COLUMNS = ("优先级", "类别", "需求", "措施", "来源")

    def __init__(
        self, session: Session, assessment: Assessment, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, self.tr("需求清单：{0}").format(assessment.title), parent)
        self.assessment = assessment
        self.sources = self._source_choices()
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("优先级"),
                self.tr("类别"),
                self.tr("需求"),
                self.tr("措施"),
                self.tr("来源"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(2, 220)
        self.table.setColumnWidth(3, 180)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("添加需求(&A)"), self.add_row),
            (self.tr("删除所选(&X)"), self.remove_row),
            (self.tr("上移(&U)"), lambda: self.move_row(-1)),
            (self.tr("下移(&J)"), lambda: self.move_row(1)),
        ):
            button = QPushButton(text, box)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.row(self.tr("需求(&N)"), box, "needs", mark=self.table)
        for need in assessment.needs:
            self.add_row(
                NeedSpec(
                    need.need,
                    need.priority,
                    need.action,
                    need.category,
                    need.source_kind,
                    need.source_ref,
                )
            )
        self.resize(980, 520)

    def _source_choices(self) -> list[tuple[str, tuple[str | None, str | None]]]:
        """(label, (kind, ref)) of every source a need of this assessment may name."""
        desk = self.session.desk
        e = self.session.english
        choices: list[tuple[str, tuple[str | None, str | None]]] = [
            (self.tr("（未注明）"), (None, None))
        ]
        for interview in desk.training.interviews.list(self.assessment.id):
            for finding in interview.findings:
                choices.append(
                    (
                        f"{pick(SOURCE_KINDS['finding'], e)}：{interview.interviewee_label}"
                        f" {finding.position}. {finding.text}",
                        ("finding", str(finding.id)),
                    )
                )
        for key, (zh, en, _unit) in FIGURES.items():
            choices.append(
                (f"{pick(SOURCE_KINDS['figure'], e)}：{en if e else zh}", ("figure", key))
            )
        if self.assessment.questionnaire_id is not None:
            questionnaire = desk.training.questionnaires.get(self.assessment.questionnaire_id)
            for question in questionnaire.questions:
                choices.append(
                    (
                        f"{pick(SOURCE_KINDS['question'], e)}：{question.position}."
                        f" {question.text}",
                        ("question", str(question.id)),
                    )
                )
        return choices

    def _combo(
        self, pairs: dict[str, tuple[str, str]], value: str | None, blank: bool
    ) -> QComboBox:
        combo = QComboBox(self.table)
        if blank:
            combo.addItem(self.tr("（未分类）"), None)
        for key, pair in pairs.items():
            combo.addItem(pick(pair, self.session.english), key)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo

    @Slot()
    def add_row(self, spec: NeedSpec | None = None) -> int:
        spec = spec if isinstance(spec, NeedSpec) else NeedSpec("")
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fill(row, spec)
        self.table.setCurrentCell(row, 2)
        return row

    def _fill(self, row: int, spec: NeedSpec) -> None:
        self.table.setCellWidget(row, 0, self._combo(PRIORITIES, spec.priority, False))
        self.table.setCellWidget(row, 1, self._combo(NEED_CATEGORIES, spec.category, True))
        self.table.setItem(row, 2, QTableWidgetItem(spec.need))
        self.table.setItem(row, 3, QTableWidgetItem(spec.action))
        source = QComboBox(self.table)
        for label, (kind, ref) in self.sources:
            source.addItem(label, source_key(kind, ref))
        source.setCurrentIndex(
            max(0, source.findData(source_key(spec.source_kind, spec.source_ref)))
        )
        self.table.setCellWidget(row, 4, source)

    def spec(self, row: int) -> NeedSpec:
        def combo(column: int) -> Any:
            widget = self.table.cellWidget(row, column)
            return widget.currentData() if isinstance(widget, QComboBox) else None

        def text(column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        kind, _colon, ref = (combo(4) or "").partition(":")
        return NeedSpec(text(2), combo(0) or "medium", text(3), combo(1), kind or None, ref or None)

    def specs(self) -> list[NeedSpec]:
        return [self.spec(row) for row in range(self.table.rowCount())]

    @Slot()
    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_row(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        specs = self.specs()
        specs[row], specs[target] = specs[target], specs[row]
        for number, spec in enumerate(specs):
            self._fill(number, spec)
        self.table.setCurrentCell(target, 2)

    def locate(self, error: DutyDeskError) -> tuple[QWidget, QLabel] | None:
        """``needs[N]``: select row N as well as marking the table."""
        name = getattr(error, "field", None) or ""
        if name.startswith("needs[") and name.endswith("]") and name[6:-1].isdigit():
            row = int(name[6:-1]) - 1
            if 0 <= row < self.table.rowCount():
                self.table.selectRow(row)
        return super().locate(error)

    def submit(self) -> Assessment:
        specs = [s for s in self.specs() if s.need.strip() or s.action.strip()]
        for number, spec in enumerate(specs, start=1):
            if not spec.need.strip():
                raise ValidationError(
                    f"needs[{number}]",
                    f"第 {number} 项需求没有填写需求内容",
                    en=f"Need {number} has no text",
                )
        a = self.assessment
        return self.session.desk.training.assessments.update(
            self.session.person,
            a.id,
            title=a.title,
            questionnaire_id=a.questionnaire_id,
            period_start=a.period_start,
            period_end=a.period_end,
            summary=a.summary,
            needs=specs,
        )
