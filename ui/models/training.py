"""Table models of the training area: questionnaires, assessments, courses, sessions,
attendance, tests, attempts, the qualification matrix, plan tasks and risks.

Each list is small (tens to hundreds of rows) and is read whole from the core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dutydesk.people.auth import Person
from dutydesk.roster.qualifications import DUTY_ROLES, STATES, Qualification
from dutydesk.text import pick
from dutydesk.training.assessments import Assessment
from dutydesk.training.plans import RISK_LEVELS, RISK_STATUSES, TASK_STATUSES, Risk, Task
from dutydesk.training.questionnaires import PURPOSES, STATUSES, Questionnaire
from dutydesk.training.service import (
    ATTENDANCE,
    SESSION_KINDS,
    Attempt,
    Attendee,
    Course,
    Test,
    TrainingSession,
)
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

T = TypeVar("T")
ALERT = QColor("#b00020")
WARN = QColor("#a05a00")
OK = QColor("#1e7b34")
MUTED = QColor("#7b8794")
CTX = "TrainingModels"


def _t(text: str) -> str:
    """Translate a source text declared with QT_TRANSLATE_NOOP in context TrainingModels."""
    return QCoreApplication.translate(CTX, text)


label = pick  # the label of a core (Chinese, English) pair


@dataclass(frozen=True)
class RecordColumn(Generic[T]):
    header: object  # Chinese source text (QT_TRANSLATE_NOOP) in context TrainingModels
    value: Callable[[T], Any]
    color: Callable[[T], QColor | None] | None = None


class RecordsModel(TableModel, Generic[T]):
    """Rows of frozen dataclasses shown through a list of columns; ``record(row)``."""

    context = CTX
    numbered = True

    def __init__(
        self, columns: Sequence[RecordColumn[T]], *, english: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.english = english

    def headers(self) -> list[str]:
        return [str(column.header) for column in self._columns]

    def record(self, row: int) -> T:
        found: T = self.rows[row]
        return found

    def records(self) -> list[T]:
        return list(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(item)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(item)
            return None if color is None else QBrush(color)
        return None


def _yes(flag: bool) -> str:
    return (
        QCoreApplication.translate("TrainingModels", "是")
        if flag
        else QCoreApplication.translate("TrainingModels", "否")
    )


class QuestionnairesModel(RecordsModel[Questionnaire]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "标题"), lambda q: q.title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "用途"),
                    lambda q: label(PURPOSES[q.purpose], e),
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "匿名"), lambda q: _yes(q.anonymous)
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "题数"), lambda q: len(q.questions)
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "答卷"), lambda q: q.responses),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "状态"),
                    lambda q: label(STATUSES[q.status], e),
                    lambda q: OK if q.status == "open" else MUTED if q.status == "closed" else None,
                ),
            ],
            english=english,
            parent=parent,
        )


class AssessmentsModel(RecordsModel[Assessment]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "评估"), lambda a: a.title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "统计期间"),
                    lambda a: f"{a.period_start} – {a.period_end}",
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "作者"), lambda a: a.author_name),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "需求"), lambda a: len(a.needs)),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "状态"),
                    lambda a: (
                        QCoreApplication.translate("TrainingModels", "已签署")
                        if a.locked
                        else QCoreApplication.translate("TrainingModels", "草稿")
                    ),
                    lambda a: OK if a.locked else None,
                ),
            ],
            english=english,
            parent=parent,
        )


class CoursesModel(RecordsModel[Course]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "课程"), lambda c: c.title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "适用角色"),
                    lambda c: (", " if e else "、").join(
                        label(DUTY_ROLES[r], e) for r in c.duty_roles
                    ),
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "流程步骤"),
                    lambda c: "、".join(c.process_steps),
                ),
            ],
            english=english,
            parent=parent,
        )


class SessionsModel(RecordsModel[TrainingSession]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "日期"), lambda s: s.held_on),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "课程"), lambda s: s.course_title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "形式"),
                    lambda s: label(SESSION_KINDS[s.kind], e),
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "讲师"), lambda s: s.trainer_name),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "出席"),
                    lambda s: f"{s.present} / {len(s.attendees)}",
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "地点"), lambda s: s.location),
            ],
            english=english,
            parent=parent,
        )


def _attendance_color(a: Attendee) -> QColor | None:
    return {"present": OK, "absent": ALERT, "excused": WARN}.get(a.status)


class AttendanceModel(RecordsModel[Attendee]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "姓名"), lambda a: a.name),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "出勤"),
                    lambda a: label(ATTENDANCE[a.status], e),
                    _attendance_color,
                ),
            ],
            english=english,
            parent=parent,
        )


class TestsModel(RecordsModel[Test]):
    def __init__(
        self, course_titles: Callable[[int], str], *, english: bool = False, parent: Any = None
    ) -> None:
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "测试"), lambda t: t.title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "课程"),
                    lambda t: course_titles(t.course_id),
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "题数"), lambda t: len(t.questions)
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "满分"), lambda t: t.max_score),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "及格分"), lambda t: t.pass_mark),
            ],
            english=english,
            parent=parent,
        )


class AttemptsModel(RecordsModel[Attempt]):
    def __init__(
        self,
        names: Callable[[int], str],
        *,
        english: bool = False,
        parent: Any = None,
        site_time: Callable[[str], str] | None = None,
    ) -> None:
        when = site_time or (lambda value: value[:16].replace("T", " "))
        super().__init__(
            [
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "姓名"), lambda a: names(a.person_id)
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "测试"), lambda a: a.test_title),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "第几次"), lambda a: a.attempt),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "时间"),
                    lambda a: when(a.taken_at),
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "得分"),
                    lambda a: f"{a.score} / {a.max_score}",
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "结果"),
                    lambda a: (
                        QCoreApplication.translate("TrainingModels", "通过")
                        if a.passed
                        else QCoreApplication.translate("TrainingModels", "未通过")
                    ),
                    lambda a: OK if a.passed else ALERT,
                ),
            ],
            english=english,
            parent=parent,
        )


@dataclass(frozen=True)
class MatrixRow:
    person: Person
    cells: dict[str, list[Qualification]]


_STATE_COLORS = {"expired": ALERT, "expiring": WARN, "valid": OK, "pending": MUTED}


class QualificationMatrixModel(TableModel):
    """Person × duty role; a cell lists shift types and the expiry date, coloured by state."""

    ROLES = tuple(DUTY_ROLES)

    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.english = english
        self.rows: list[MatrixRow] = []
        self.today = date.min  # set_data gives the site's today

    def set_data(
        self, people: Sequence[Person], qualifications: Sequence[Qualification], today: date
    ) -> None:
        self.beginResetModel()
        self.today = today
        by_person: dict[int, dict[str, list[Qualification]]] = {}
        for q in qualifications:
            by_person.setdefault(q.person_id, {}).setdefault(q.duty_role, []).append(q)
        self.rows = [MatrixRow(p, by_person.get(p.id, {})) for p in people]
        self.endResetModel()

    def person(self, row: int) -> Person:
        return self.rows[row].person

    def headers(self) -> list[str]:
        person = QCoreApplication.translate("TrainingModels", "人员")
        return [person, *(label(DUTY_ROLES[role], self.english) for role in self.ROLES)]

    def qualifications(self, row: int, column: int) -> list[Qualification]:
        if column == 0:
            return []
        return self.rows[row].cells.get(self.ROLES[column - 1], [])

    def _worst(self, items: list[Qualification]) -> str | None:
        order = ("valid", "expiring", "pending", "expired")
        states = [q.state(self.today) for q in items]
        return max(states, key=order.index) if states else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.person.name}（{row.person.employee_no}）"
            return None
        items = self.qualifications(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            parts = []
            for q in items:
                shift = q.shift_code or QCoreApplication.translate("TrainingModels", "全部班次")
                until = q.expires_on or QCoreApplication.translate("TrainingModels", "长期")
                state = label(STATES[q.state(self.today)], self.english)
                parts.append(f"{shift} · {until} · {state}")
            return "；".join(parts) if parts else "—"
        if role == Qt.ItemDataRole.ForegroundRole:
            worst = self._worst(items)
            return QBrush(_STATE_COLORS[worst]) if worst else QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{q.gained_on} → {q.expires_on or '—'} {q.note}" for q in items)
        return None


class TasksModel(RecordsModel[Task]):
    def __init__(
        self,
        milestone_titles: Callable[[int | None], str],
        today: Callable[[], date],
        *,
        english: bool = False,
        parent: Any = None,
    ) -> None:
        e = english

        def late(t: Task) -> QColor | None:
            return ALERT if t.is_overdue(today()) else (MUTED if t.status == "done" else None)

        def status(t: Task) -> str:
            text = label(TASK_STATUSES[t.status], e)
            return text + (
                QCoreApplication.translate("TrainingModels", "（逾期）")
                if t.is_overdue(today())
                else ""
            )

        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "任务"), lambda t: t.title, late),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "里程碑"),
                    lambda t: milestone_titles(t.milestone_id),
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "负责人"), lambda t: t.owner_name),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "开始"), lambda t: t.start_on),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "截止"), lambda t: t.due_on, late),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "状态"), status, late),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "所需资源"), lambda t: t.resources
                ),
            ],
            english=english,
            parent=parent,
        )


class RisksModel(RecordsModel[Risk]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english

        def high(r: Risk) -> QColor | None:
            return ALERT if r.is_high else (MUTED if r.status == "closed" else None)

        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "风险"), lambda r: r.title, high),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "可能性"), lambda r: r.likelihood),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "影响"), lambda r: r.impact),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "分值"), lambda r: r.score, high),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "等级"),
                    lambda r: label(RISK_LEVELS[r.level], e),
                    high,
                ),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "应对措施"), lambda r: r.mitigation
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "负责人"), lambda r: r.owner_name),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "状态"),
                    lambda r: label(RISK_STATUSES[r.status], e),
                ),
            ],
            english=english,
            parent=parent,
        )
