"""Dialogs for improvement cycles (plan, evaluation, approval) and the meeting log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from dutydesk.clock import site_today
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.improvement.cycles import CYCLE_KINDS, DIRECTIONS, Cycle, CycleTarget
from dutydesk.improvement.meetings import MEETING_KINDS
from dutydesk.kpi.definitions import BY_CODE, DEFINITIONS
from dutydesk.text import pick
from ui.forms import FormDialog
from ui.session import Session
from ui.tabs.feedback_dialogs import (
    choice_combo,
    date_edit,
    pydate,
    qdate,
    select_data,
)
from ui.tabs.kpi import unit_text, with_unit

TARGET_COLUMNS = ("kpi_key", "label", "target", "direction", "unit")
KPI_CODE = Qt.ItemDataRole.UserRole


def kpi_item(code: str, session: Session) -> QStandardItem:
    """The 指标 cell: the KPI's name for people, its code kept in the item's data."""
    known = BY_CODE.get(code)
    item = QStandardItem(known.name(session.lang) if known else code)
    item.setData(code, KPI_CODE)
    return item


class KpiChooser(QStyledItemDelegate):
    """The 指标 column is chosen from the KPI list by name; the rest of an empty row is
    filled from the chosen KPI's definition (name, unit, direction)."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for definition in DEFINITIONS:
            combo.addItem(definition.name(self.session.lang), definition.code)
        # A choice from the open list takes effect at once; Tab does from the keyboard.
        combo.activated.connect(lambda _row: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(KPI_CODE))))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        definition = BY_CODE[editor.currentData()]
        model.setData(index, definition.name(self.session.lang), Qt.ItemDataRole.DisplayRole)
        model.setData(index, definition.code, KPI_CODE)
        row = index.row()
        filled = {
            "label": definition.name(self.session.lang),
            "unit": unit_text(definition.unit),
            "direction": pick(
                DIRECTIONS["at_least" if definition.higher_is_better else "at_most"],
                self.session.english,
            ),
        }
        for name, text in filled.items():
            cell = model.index(row, TARGET_COLUMNS.index(name))
            if name == "direction" or not str(cell.data() or "").strip():
                model.setData(cell, text)


def kpi_code(text: str, stored: object) -> str:
    """The code behind a 指标 cell: chosen from the list, or typed as a name or a code."""
    if isinstance(stored, str) and stored:
        return stored
    typed = text.strip().casefold()
    for definition in DEFINITIONS:
        if typed in (definition.name_zh.casefold(), definition.name_en.casefold()):
            return definition.code
    return text.strip()


class CycleDialog(FormDialog):
    """A new cycle, or the plan (title, goals, targets) of an open one."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, cycle: Cycle | None = None
    ) -> None:
        super().__init__(session, "", parent)
        self.cycle = cycle
        self.setWindowTitle(self.tr("编辑周期计划") if cycle else self.tr("新建优化周期"))
        today = site_today(session.desk)
        self.kind = choice_combo(self, session, CYCLE_KINDS)
        self.row(self.tr("类型(&K)"), self.kind, "kind")
        self.start = date_edit(self, date(today.year, 3 * ((today.month - 1) // 3) + 1, 1))
        self.row(self.tr("开始日期(&S)"), self.start, "start_date")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("留空则按季度或半年自动命名"))
        self.row(self.tr("名称(&T)"), self.title, "title")
        self.goals = QPlainTextEdit(self)
        self.goals.setTabChangesFocus(True)
        self.goals.setPlaceholderText(self.tr("每行一个目标"))
        self.row(self.tr("目标(&G)"), self.goals, "goals")
        self.targets = QStandardItemModel(0, len(TARGET_COLUMNS), self)
        self.targets.setHorizontalHeaderLabels(
            [self.tr("指标"), self.tr("名称"), self.tr("目标值"), self.tr("方向"), self.tr("单位")]
        )
        self.target_view = QTableView(self)
        self.target_view.setModel(self.targets)
        self.target_view.setItemDelegateForColumn(0, KpiChooser(session, self.target_view))
        self.target_view.setColumnWidth(0, 180)
        self.target_view.setMinimumHeight(150)
        self.row(self.tr("指标目标(&I)"), self.target_view, "targets", "direction")
        hint = QLabel(
            self.tr("“指标”一格按 F2 或双击从列表中选择；方向填“不低于”或“不高于”；空行忽略。"),
            self,
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        targets: Sequence[CycleTarget] = ()
        if cycle is not None:
            select_data(self.kind, cycle.kind)
            self.kind.setEnabled(False)
            self.start.setDate(qdate(date.fromisoformat(cycle.start_date)))
            self.start.setEnabled(False)
            self.title.setText(cycle.title)
            self.goals.setPlainText("\n".join(cycle.goals))
            targets = cycle.targets
        for target in targets:
            self._append(
                target.kpi_key,
                [
                    target.label,
                    f"{target.target:g}",
                    pick(DIRECTIONS[target.direction], session.english),
                    target.unit,
                ],
            )
        for _ in range(3):
            self._append("", ["", "", pick(DIRECTIONS["at_least"], session.english), ""])
        self.resize(640, 620)

    def _append(self, kpi: str, values: list[str]) -> None:
        self.targets.appendRow([kpi_item(kpi, self.session), *(QStandardItem(v) for v in values)])

    def target_list(self) -> list[CycleTarget]:
        found = []
        for row in range(self.targets.rowCount()):
            values = [
                (self.targets.item(row, c).text() if self.targets.item(row, c) else "").strip()
                for c in range(len(TARGET_COLUMNS))
            ]
            key, label, target, direction, unit = values
            key = kpi_code(key, self.targets.item(row, 0).data(KPI_CODE))
            if not key and not label and not target:
                continue
            # People type the word (不低于 / At least); the code is still accepted.
            words = {w.casefold(): code for code, pair in DIRECTIONS.items() for w in pair}
            direction = words.get(direction.casefold(), direction)
            if direction not in DIRECTIONS:
                raise ValidationError(
                    "direction",
                    f"第 {row + 1} 行方向应为“不低于”或“不高于”",
                    en=f"Row {row + 1}: direction must be “At least” or “At most”",
                )
            try:
                value = float(target)
            except ValueError:
                raise ValidationError(
                    "targets",
                    f"第 {row + 1} 行目标值不是数字：{target!r}",
                    en=f"Row {row + 1}: the target is not a number",
                ) from None
            found.append(CycleTarget(key, label or key, value, direction, unit))
        return found

    def submit(self) -> Cycle:
        desk, me = self.session.desk, self.session.person
        goals = self.goals.toPlainText().splitlines()
        if self.cycle is not None:
            return desk.cycles.update_plan(
                me, self.cycle.id, title=self.title.text(), goals=goals, targets=self.target_list()
            )
        return desk.cycles.create_cycle(
            me,
            kind=self.kind.currentData(),
            start_date=pydate(self.start.date()),
            title=self.title.text() or None,
            goals=goals,
            targets=self.target_list(),
        )


class EvaluateDialog(FormDialog):
    """KPI values (empty = not entered, never zero), conclusions and adjustments."""

    def __init__(self, session: Session, cycle: Cycle, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("周期评估"))
        self.cycle = cycle
        provider = session.desk.cycles.kpi_provider is not None
        note = QLabel(
            self.tr("指标值由统计模块提供；填写的值将覆盖它。")
            if provider
            else self.tr("请填写本周期的指标值；留空表示未录入（不按零计）。"),
            self,
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.values: dict[str, QLineEdit] = {}
        snapshot = cycle.kpi_snapshot or {}
        for target in cycle.targets:
            edit = QLineEdit(self)
            value = snapshot.get(target.kpi_key)
            if value is not None:
                edit.setText(f"{value:g}")
            edit.setPlaceholderText(self.tr("未录入"))
            self.values[target.kpi_key] = edit
            # A KPI the statistics module knows is named in the session's language.
            known = BY_CODE.get(target.kpi_key)
            label = known.name(session.lang) if known is not None else target.label
            if known is not None:
                label = with_unit(label, known.unit)
            elif target.unit:
                label = f"{label}（{target.unit}）"
            self.row(
                label,
                edit,
                target.kpi_key,
            )
        self.conclusions = QPlainTextEdit(cycle.conclusions, self)
        self.conclusions.setTabChangesFocus(True)
        self.row(self.tr("评估结论(&C)"), self.conclusions, "conclusions")
        self.adjustments = QPlainTextEdit(cycle.adjustments, self)
        self.adjustments.setTabChangesFocus(True)
        self.row(self.tr("调整措施(&A)"), self.adjustments, "adjustments")
        self.resize(520, 480)

    def submit(self) -> Cycle:
        values: dict[str, float | str | None] = {}
        for key, edit in self.values.items():
            if edit.text().strip() or self.session.desk.cycles.kpi_provider is None:
                values[key] = edit.text().strip() or None
        return self.session.desk.cycles.evaluate(
            self.session.person,
            self.cycle.id,
            kpi_values=values,
            conclusions=self.conclusions.toPlainText(),
            adjustments=self.adjustments.toPlainText(),
        )


class ApproveDialog(FormDialog):
    """批准 with the signer's password; the cycle is locked in the same transaction."""

    def __init__(self, session: Session, cycle: Cycle, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("批准并签名"))
        self.cycle = cycle
        intro = QLabel(
            self.tr("{0} 以“批准”含义签署“{1}”。签署后周期锁定，不能再修改。").format(
                session.person.name, cycle.title
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.row(self.tr("密码(&P)"), self.password, "password", "current_password")

    def submit(self) -> Any:
        try:
            return self.session.desk.cycles.approve(
                self.session.person, self.cycle.id, password=self.password.text()
            )
        except DutyDeskError as error:
            if type(error).__name__ == "AuthenticationFailed":
                raise ValidationError("password", error.message, en=error.message_en) from None
            raise


class MeetingDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("记录会议"))
        today = site_today(session.desk)
        self.kind = choice_combo(self, session, MEETING_KINDS)
        self.row(self.tr("类型(&K)"), self.kind, "kind")
        self.held_on = date_edit(self, today)
        self.row(self.tr("日期(&D)"), self.held_on, "held_on")
        self.title = QLineEdit(self)
        self.row(self.tr("主题(&T)"), self.title, "title")
        self.people = QStandardItemModel(self)
        for person in session.desk.people.list(active_only=True):
            if person.roles == ("auditor",):
                continue
            item = QStandardItem(f"{person.name}（{person.team or '—'}）")
            item.setCheckable(True)
            item.setData(person.id, Qt.ItemDataRole.UserRole)
            if person.id == session.person.id:
                item.setCheckState(Qt.CheckState.Checked)
            self.people.appendRow(item)
        self.attendees = QListView(self)
        self.attendees.setModel(self.people)
        self.attendees.setMaximumHeight(140)
        self.row(self.tr("参会人员(&P)"), self.attendees, "attendees")
        self.topics = QPlainTextEdit(self)
        self.topics.setTabChangesFocus(True)
        self.topics.setPlaceholderText(self.tr("每行一个议题"))
        self.row(self.tr("议题(&O)"), self.topics, "topics")
        self.decisions = QPlainTextEdit(self)
        self.decisions.setTabChangesFocus(True)
        self.decisions.setPlaceholderText(self.tr("每行一条决议"))
        self.row(self.tr("决议(&E)"), self.decisions, "decisions")
        self.resize(560, 620)

    def attendee_ids(self) -> list[int]:
        return [
            self.people.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.people.rowCount())
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> Any:
        return self.session.desk.meetings.record(
            self.session.person,
            kind=self.kind.currentData(),
            held_on=pydate(self.held_on.date()),
            title=self.title.text(),
            attendee_ids=self.attendee_ids(),
            topics=self.topics.toPlainText().splitlines(),
            decisions=self.decisions.toPlainText().splitlines(),
        )


class PeriodDialog(FormDialog):
    """A period from … to … (site-local days); this month so far by default."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("意见汇总"))
        today = site_today(session.desk)
        self.start = date_edit(self, today.replace(day=1))
        self.end = date_edit(self, today)
        self.row(self.tr("自(&F)"), self.start, "start")
        self.row(self.tr("至(&T)"), self.end, "end")

    def period(self) -> tuple[date, date]:
        return pydate(self.start.date()), pydate(self.end.date())

    def submit(self) -> tuple[date, date]:
        start, end = self.period()
        if end < start:
            raise ValidationError(
                "end", f"结束日期 {end} 早于开始日期 {start}", en=f"{end} is before {start}"
            )
        return start, end
