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
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dutydesk.people.auth import Person
from dutydesk.roster.qualifications import DUTY_ROLES, STATES, Qualification
from dutydesk.training.assessments import Assessment
from dutydesk.training.plans import RISK_LEVELS, RISK_STATUSES, TASK_STATUSES, Risk, Task
from dutydesk.training.questionnaires import PURPOSES, STATUSES, Questionnaire
from dutydesk.training.service import (
    ATTENDANCE,
    SESSION_KINDS,
    Attempt,
    Attendee,
    Course,
    Session,
    Test,
)
from ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
ALERT = QColor("#b00020")
WARN = QColor("#a05a00")
OK = QColor("#1e7b34")
MUTED = QColor("#7b8794")
CTX = "TrainingModels"


def _t(text: str) -> str:
    """Translate a source text declared with QT_TRANSLATE_NOOP in context TrainingModels."""
    return QCoreApplication.translate(CTX, text)


def label(pair: tuple[str, str], english: bool) -> str:
    return pair[1] if english else pair[0]


@dataclass(frozen=True)
class Column(Generic[T]):
    header: object  # Chinese source text (QT_TRANSLATE_NOOP) in context TrainingModels
    value: Callable[[T], Any]
    color: Callable[[T], QColor | None] | None = None


class RecordsModel(QAbstractTableModel, Generic[T]):
    """Rows of frozen dataclasses shown through a list of columns; ``record(row)``."""

    def __init__(
        self, columns: Sequence[Column[T]], *, english: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self.english = english

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(item)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(item)
            return None if color is None else QBrush(color)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return _t(str(self._columns[section].header))
        if orientation == Qt.Orientation.Vertical:
            return section + 1
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "标题"), lambda q: q.title),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "用途"),
                    lambda q: label(PURPOSES[q.purpose], e),
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "匿名"), lambda q: _yes(q.anonymous)),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "题数"), lambda q: len(q.questions)),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "答卷"), lambda q: q.responses),
                Column(
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "评估"), lambda a: a.title),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "统计期间"),
                    lambda a: f"{a.period_start} – {a.period_end}",
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "作者"), lambda a: a.author_name),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "需求"), lambda a: len(a.needs)),
                Column(
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "课程"), lambda c: c.title),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "适用角色"),
                    lambda c: (", " if e else "、").join(
                        label(DUTY_ROLES[r], e) for r in c.duty_roles
                    ),
                ),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "流程步骤"),
                    lambda c: "、".join(c.process_steps),
                ),
            ],
            english=english,
            parent=parent,
        )


class SessionsModel(RecordsModel[Session]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("TrainingModels", "日期"), lambda s: s.held_on),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "课程"), lambda s: s.course_title),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "形式"),
                    lambda s: label(SESSION_KINDS[s.kind], e),
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "讲师"), lambda s: s.trainer_name),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "出席"),
                    lambda s: f"{s.present} / {len(s.attendees)}",
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "地点"), lambda s: s.location),
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "姓名"), lambda a: a.name),
                Column(
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "测试"), lambda t: t.title),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "课程"),
                    lambda t: course_titles(t.course_id),
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "题数"), lambda t: len(t.questions)),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "满分"), lambda t: t.max_score),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "及格分"), lambda t: t.pass_mark),
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "姓名"), lambda a: names(a.person_id)),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "测试"), lambda a: a.test_title),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "第几次"), lambda a: a.attempt),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "时间"),
                    lambda a: when(a.taken_at),
                ),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "得分"),
                    lambda a: f"{a.score} / {a.max_score}",
                ),
                Column(
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


class QualificationMatrixModel(QAbstractTableModel):
    """Person × duty role; a cell lists shift types and the expiry date, coloured by state."""

    ROLES = tuple(DUTY_ROLES)

    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.english = english
        self._rows: list[MatrixRow] = []
        self.today = date.today()

    def set_data(
        self, people: Sequence[Person], qualifications: Sequence[Qualification], today: date
    ) -> None:
        self.beginResetModel()
        self.today = today
        by_person: dict[int, dict[str, list[Qualification]]] = {}
        for q in qualifications:
            by_person.setdefault(q.person_id, {}).setdefault(q.duty_role, []).append(q)
        self._rows = [MatrixRow(p, by_person.get(p.id, {})) for p in people]
        self.endResetModel()

    def person(self, row: int) -> Person:
        return self._rows[row].person

    def qualifications(self, row: int, column: int) -> list[Qualification]:
        if column == 0:
            return []
        return self._rows[row].cells.get(self.ROLES[column - 1], [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.ROLES)

    def _worst(self, items: list[Qualification]) -> str | None:
        order = ("valid", "expiring", "pending", "expired")
        states = [q.state(self.today) for q in items]
        return max(states, key=order.index) if states else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return QCoreApplication.translate("TrainingModels", "人员")
            if 0 < section <= len(self.ROLES):
                return label(DUTY_ROLES[self.ROLES[section - 1]], self.english)
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "任务"), lambda t: t.title, late),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "里程碑"),
                    lambda t: milestone_titles(t.milestone_id),
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "负责人"), lambda t: t.owner_name),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "开始"), lambda t: t.start_on),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "截止"), lambda t: t.due_on, late),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "状态"), status, late),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "所需资源"), lambda t: t.resources),
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
                Column(QT_TRANSLATE_NOOP("TrainingModels", "风险"), lambda r: r.title, high),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "可能性"), lambda r: r.likelihood),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "影响"), lambda r: r.impact),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "分值"), lambda r: r.score, high),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "等级"),
                    lambda r: label(RISK_LEVELS[r.level], e),
                    high,
                ),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "应对措施"), lambda r: r.mitigation),
                Column(QT_TRANSLATE_NOOP("TrainingModels", "负责人"), lambda r: r.owner_name),
                Column(
                    QT_TRANSLATE_NOOP("TrainingModels", "状态"),
                    lambda r: label(RISK_STATUSES[r.status], e),
                ),
            ],
            english=english,
            parent=parent,
        )
