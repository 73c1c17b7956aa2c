"""Roster dialogs: the holiday calendar (notice paste, form, overrides), swap request and
"who served" confirmation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import parse_day
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.roster.holidays import NoticeHoliday, parse_notice
from dutydesk.roster.service import Assignment
from ui.forms import FormDialog

if TYPE_CHECKING:
    from ui.session import Session


def parse_ranges(text: str) -> list[NoticeHoliday]:
    """Lines "2027-01-01 2027-01-03 元旦" (a single day may omit the end date)."""
    ranges = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 2:
            parts = [parts[0], parts[0], parts[1]]
        if len(parts) != 3:
            raise ValidationError(
                "holidays",
                f"放假第 {number} 行应为“开始 结束 名称”：{line}",
                en=f"Holiday line {number} must be “start end name”: {line}",
            )
        ranges.append(
            NoticeHoliday(
                parts[2], parse_day(parts[0], "holidays"), parse_day(parts[1], "holidays")
            )
        )
    return ranges


def parse_workdays(text: str) -> list[tuple[date, str]]:
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) > 2:
            raise ValidationError(
                "workdays",
                f"调休上班第 {number} 行应为“日期 名称”：{line}",
                en=f"Workday line {number} must be “date name”: {line}",
            )
        days.append((parse_day(parts[0], "workdays"), parts[1] if len(parts) > 1 else "调休上班"))
    return days


class CalendarDialog(QDialog):
    """An admin enters a year's holidays (pasted notice or by hand) and local overrides."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("节假日安排"))
        self.resize(760, 640)
        calendar = session.desk.roster.calendar
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(session.desk.clock().year + 1)
        self.year.valueChanged.connect(self.show_status)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notice = QPlainTextEdit()
        self.notice.setPlaceholderText(
            self.tr("粘贴《国务院办公厅关于……年部分节假日安排的通知》全文，然后点击“解析通知”")
        )
        self.parse_button = QPushButton(self.tr("解析通知(&A)"))
        self.parse_button.clicked.connect(self.parse)
        self.holidays = QPlainTextEdit()
        self.holidays.setPlaceholderText(
            self.tr("每行：开始日期 结束日期 名称，如 2027-01-01 2027-01-03 元旦")
        )
        self.workdays = QPlainTextEdit()
        self.workdays.setPlaceholderText(self.tr("每行：日期 名称，如 2027-02-14 春节调休上班"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.save_button = QPushButton(self.tr("确认保存(&S)"))
        self.save_button.clicked.connect(self.save)
        today = session.site_today()  # the site's day, not the PC's
        self.override_day = QDateEdit(QDate(today.year, today.month, today.day))
        self.override_day.setCalendarPopup(True)
        self.override_day.setDisplayFormat("yyyy-MM-dd")
        self.override_kind = QComboBox()
        self.override_kind.addItem(self.tr("本地节假日"), "holiday")
        self.override_kind.addItem(self.tr("特别工作日"), "workday")
        self.override_name = QLineEdit()
        self.override_button = QPushButton(self.tr("添加本地调整(&O)"))
        self.override_button.clicked.connect(self.add_override)
        may = session.person.may("calendar.edit")
        for button in (self.parse_button, self.save_button, self.override_button):
            button.setEnabled(may)

        form = QFormLayout()
        form.addRow(self.tr("年份(&Y)："), self.year)
        form.addRow(self.status)
        form.addRow(self.tr("通知全文(&N)："), self.notice)
        form.addRow(self.parse_button)
        form.addRow(self.tr("放假(&H)："), self.holidays)
        form.addRow(self.tr("调休上班(&W)："), self.workdays)
        form.addRow(self.error)
        form.addRow(self.save_button)
        overrides = QHBoxLayout()
        for widget in (
            self.override_day,
            self.override_kind,
            self.override_name,
            self.override_button,
        ):
            overrides.addWidget(widget)
        form.addRow(self.tr("本地调整："), overrides)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        del calendar
        self.show_status()

    @Slot()
    def show_status(self) -> None:
        status = self.session.desk.roster.calendar.year_status(self.year.value())
        self.status.setText(status.message_en if self.session.english else status.message)

    @Slot()
    def parse(self) -> bool:
        """Fill the two lists from the pasted notice for the admin to check."""
        try:
            parsed = parse_notice(self.notice.toPlainText())
        except ValidationError:
            try:
                parsed = parse_notice(self.notice.toPlainText(), year=self.year.value())
            except DutyDeskError as exc:
                self.error.setText(self.session.error_text(exc))
                return False
        self.year.setValue(parsed.year)
        self.holidays.setPlainText(
            "\n".join(f"{h.start} {h.end} {h.name}" for h in parsed.holidays)
        )
        self.workdays.setPlainText("\n".join(f"{d} {name}" for d, name in parsed.workdays))
        self.error.setText("\n".join(parsed.warnings))
        return True

    @Slot()
    def save(self) -> bool:
        try:
            self.session.desk.roster.calendar.enter_year(
                self.session.person,
                year=self.year.value(),
                holidays=parse_ranges(self.holidays.toPlainText()),
                workdays=parse_workdays(self.workdays.toPlainText()),
            )
        except DutyDeskError as exc:
            self.error.setText(self.session.error_text(exc))
            return False
        self.error.setText("")
        self.show_status()
        self.session.data_changed.emit("roster")
        return True

    @Slot()
    def add_override(self) -> bool:
        try:
            self.session.desk.roster.calendar.add_override(
                self.session.person,
                day=self.override_day.date().toPython(),  # type: ignore[arg-type]
                kind=self.override_kind.currentData(),
                name=self.override_name.text(),
            )
        except DutyDeskError as exc:
            self.error.setText(self.session.error_text(exc))
            return False
        self.override_name.clear()
        self.session.data_changed.emit("roster")
        return True


def _describe(a: Assignment) -> str:
    return f"{a.day} {a.shift_name} {a.person_name}"


class SwapDialog(FormDialog):
    """Ask a colleague to take (or trade) a shift; a leader may swap on someone's behalf."""

    def __init__(self, session: Session, assignment: Assignment, parent: QWidget | None) -> None:
        super().__init__(session, self.tr("换班"), parent)
        self.assignment = assignment
        roster = session.desk.roster
        self.form.addRow(QLabel(_describe(assignment), self))
        self.counterpart = self.row(self.tr("对方(&P)："), QComboBox(self), "counterpart")
        for member in roster.members(assignment.team_id):
            if member.person_id != assignment.person_id:
                self.counterpart.addItem(member.name, member.person_id)
        self.counterpart.currentIndexChanged.connect(self.fill_their_shifts)
        self.their_shift = self.row(
            self.tr("对调对方的班次(&S)："), QComboBox(self), "counterpart_assignment_id"
        )
        self.reason = self.row(self.tr("事由(&R)："), QLineEdit(self), "reason")
        self.fill_their_shifts()

    @Slot()
    def fill_their_shifts(self) -> None:
        self.their_shift.clear()
        self.their_shift.addItem(self.tr("（不对调，由对方顶班）"), None)
        person_id = self.counterpart.currentData()
        if person_id is None:
            return
        now = self.session.desk.clock()
        day = self.assignment.day
        for a in self.session.desk.roster.assignments(
            day - timedelta(days=14), day + timedelta(days=14), person_id=int(person_id)
        ):
            if a.starts_at > now and not a.locked:
                self.their_shift.addItem(f"{a.day} {a.shift_name}", a.id)

    def submit(self) -> None:
        person = self.session.person
        swaps = self.session.desk.roster.swaps
        counterpart = self.counterpart.currentData()
        if counterpart is None:
            raise ValidationError("counterpart", "请选择对方", en="Choose the counterpart")
        on_behalf = person.id != self.assignment.person_id
        (swaps.swap_on_behalf if on_behalf else swaps.request)(
            person,
            assignment_id=self.assignment.id,
            counterpart_id=int(counterpart),
            counterpart_assignment_id=self.their_shift.currentData(),
            reason=self.reason.text(),
        )
        self.session.data_changed.emit("roster")


class ServedDialog(FormDialog):
    """Confirm by hand who really served an assignment."""

    def __init__(self, session: Session, assignment: Assignment, parent: QWidget | None) -> None:
        super().__init__(session, self.tr("确认实际值班"), parent)
        self.assignment = assignment
        self.form.addRow(QLabel(_describe(assignment), self))
        self.person = self.row(self.tr("实际值班人(&P)："), QComboBox(self), "person_id")
        for p in session.desk.people.list(active_only=True):
            self.person.addItem(f"{p.name}（{p.employee_no}）", p.id)
        current = assignment.served_person_id or assignment.person_id
        self.person.setCurrentIndex(max(0, self.person.findData(current)))

    def submit(self) -> None:
        self.session.desk.roster.record_served(
            self.session.person,
            assignment_id=self.assignment.id,
            person_id=int(self.person.currentData()),
        )
        self.session.data_changed.emit("roster")
