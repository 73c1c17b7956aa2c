"""排班设置: shift types, rotation patterns, teams with rules and members, qualifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.roster.engine import DUTY_ROLE_LABELS, DUTY_ROLES, Rules
from dutydesk.text import pick
from ui import confirm
from ui.models.roster import TextRowsModel

if TYPE_CHECKING:
    from ui.session import Session


def _table(model: TextRowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


class SetupDialog(QDialog):
    """Leaders and admins set up what generation works from."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("排班设置"))
        self.resize(820, 600)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        tabs = QTabWidget()
        tabs.addTab(self._shift_page(), self.tr("班次"))
        tabs.addTab(self._pattern_page(), self.tr("轮班模式"))
        tabs.addTab(self._team_page(), self.tr("班组"))
        tabs.addTab(self._qualification_page(), self.tr("资质"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    # --- pages -----------------------------------------------------------------------------

    def _shift_page(self) -> QWidget:
        page = QWidget()
        self.shift_model = TextRowsModel(
            (self.tr("代码"), self.tr("名称"), self.tr("时间"), self.tr("人数"), self.tr("类型"))
        )
        self.shift_code = QLineEdit()
        self.shift_name = QLineEdit()
        self.shift_start = QLineEdit("08:00")
        self.shift_end = QLineEdit("16:00")
        self.need_leader = QSpinBox()
        self.need_officer = QSpinBox()
        self.need_officer.setValue(1)
        self.need_standby = QSpinBox()
        self.is_night = QCheckBox(self.tr("夜班(&N)"))
        self.on_rest_days = QCheckBox(self.tr("周末和节假日也排(&W)"))
        self.on_rest_days.setChecked(True)
        self.colour = QLineEdit("#9ecae1")
        add = QPushButton(self.tr("添加班次(&A)"))
        add.clicked.connect(self.add_shift)
        form = QFormLayout()
        form.addRow(self.tr("代码(&C)："), self.shift_code)
        form.addRow(self.tr("名称(&M)："), self.shift_name)
        times = QHBoxLayout()
        times.addWidget(self.shift_start)
        times.addWidget(QLabel("–"))
        times.addWidget(self.shift_end)
        form.addRow(self.tr("开始–结束："), times)
        needs = QHBoxLayout()
        for label, box in (
            (self.tr("值班长"), self.need_leader),
            (self.tr("值班员"), self.need_officer),
            (self.tr("备班"), self.need_standby),
        ):
            needs.addWidget(QLabel(label))
            needs.addWidget(box)
        form.addRow(self.tr("人数："), needs)
        form.addRow(self.is_night)
        form.addRow(self.on_rest_days)
        form.addRow(self.tr("颜色(&L)："), self.colour)
        form.addRow(add)
        layout = QVBoxLayout(page)
        layout.addWidget(_table(self.shift_model), 1)
        layout.addLayout(form)
        return page

    def _pattern_page(self) -> QWidget:
        page = QWidget()
        self.pattern_model = TextRowsModel((self.tr("名称"), self.tr("循环"), self.tr("起始日")))
        self.pattern_name = QLineEdit()
        self.pattern_cycle = QLineEdit()
        self.pattern_cycle.setPlaceholderText(
            self.tr("每天的班次用逗号分隔，天与天用 | 分隔，休息写 休，如 早,中,夜 或 白|夜|休")
        )
        today = self.session.site_today()
        self.pattern_anchor = QDateEdit(QDate(today.year, today.month, today.day))
        self.pattern_anchor.setDisplayFormat("yyyy-MM-dd")
        self.pattern_anchor.setCalendarPopup(True)
        self.pattern_workdays = QCheckBox(self.tr("仅工作日（含调休上班日）(&K)"))
        add = QPushButton(self.tr("添加轮班模式(&P)"))
        add.clicked.connect(self.add_pattern)
        form = QFormLayout()
        form.addRow(self.tr("名称(&M)："), self.pattern_name)
        form.addRow(self.tr("循环(&Y)："), self.pattern_cycle)
        form.addRow(self.tr("起始日(&D)："), self.pattern_anchor)
        form.addRow(self.pattern_workdays)
        form.addRow(add)
        layout = QVBoxLayout(page)
        layout.addWidget(_table(self.pattern_model), 1)
        layout.addLayout(form)
        return page

    def _team_page(self) -> QWidget:
        page = QWidget()
        self.team_model = TextRowsModel(
            (self.tr("班组"), self.tr("轮班模式"), self.tr("规则"), self.tr("成员（按顺序）"))
        )
        self.team_name = QLineEdit()
        self.team_pattern = QComboBox()
        self.min_rest = QDoubleSpinBox()
        self.min_rest.setRange(0, 72)
        self.min_rest.setValue(12)
        self.max_nights = QSpinBox()
        self.max_nights.setRange(1, 14)
        self.max_nights.setValue(2)
        self.max_week = QDoubleSpinBox()
        self.max_week.setRange(1, 168)
        self.max_week.setValue(56)
        self.max_month = QDoubleSpinBox()
        self.max_month.setRange(1, 744)
        self.max_month.setValue(208)
        self.team_choice = QComboBox()
        self.members = QLineEdit()
        self.members.setPlaceholderText(self.tr("工号，按轮换顺序用逗号分隔，如 2001,1001,1004"))
        self.part_time = QLineEdit()
        self.part_time.setPlaceholderText(self.tr("其中的非全职人员工号（可空）"))
        add = QPushButton(self.tr("添加班组(&A)"))
        add.clicked.connect(self.add_team)
        rules = QPushButton(self.tr("保存规则(&R)"))
        rules.clicked.connect(self.save_rules)
        members = QPushButton(self.tr("保存成员(&S)"))
        members.clicked.connect(self.save_members)
        form = QFormLayout()
        form.addRow(self.tr("新班组名称(&M)："), self.team_name)
        form.addRow(self.tr("轮班模式(&P)："), self.team_pattern)
        form.addRow(add)
        form.addRow(self.tr("选择班组(&T)："), self.team_choice)
        form.addRow(self.tr("最短休息（小时）："), self.min_rest)
        form.addRow(self.tr("最多连续夜班："), self.max_nights)
        form.addRow(self.tr("每周工时上限："), self.max_week)
        form.addRow(self.tr("每月工时上限："), self.max_month)
        form.addRow(rules)
        form.addRow(self.tr("成员(&E)："), self.members)
        form.addRow(self.tr("非全职(&F)："), self.part_time)
        form.addRow(members)
        layout = QVBoxLayout(page)
        layout.addWidget(_table(self.team_model), 1)
        layout.addLayout(form)
        return page

    def _qualification_page(self) -> QWidget:
        page = QWidget()
        self.qualification_person = QComboBox()
        for person in self.session.desk.people.list(active_only=True):
            self.qualification_person.addItem(f"{person.name}（{person.employee_no}）", person.id)
        self.qualification_role = QComboBox()
        for role in DUTY_ROLES:
            self.qualification_role.addItem(
                pick(DUTY_ROLE_LABELS[role], self.session.english), role
            )
        self.valid_until = QLineEdit()
        self.valid_until.setPlaceholderText(self.tr("有效期至 YYYY-MM-DD（可空）"))
        grant = QPushButton(self.tr("授予资质(&G)"))
        grant.clicked.connect(self.grant)
        revoke = QPushButton(self.tr("撤销资质(&V)"))
        revoke.clicked.connect(self.revoke)
        form = QFormLayout(page)
        form.addRow(self.tr("人员(&P)："), self.qualification_person)
        form.addRow(self.tr("值班岗位(&R)："), self.qualification_role)
        form.addRow(self.tr("有效期至(&U)："), self.valid_until)
        buttons = QHBoxLayout()
        buttons.addWidget(grant)
        buttons.addWidget(revoke)
        form.addRow(buttons)
        return page

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        roster = self.session.desk.roster
        english = self.session.english
        self.shift_model.set_rows(
            [
                (
                    s.code,
                    s.name,
                    f"{s.start:%H:%M}–{s.end:%H:%M}",
                    "、".join(
                        f"{pick(DUTY_ROLE_LABELS[r], english)}{s.need(r)}"
                        for r in DUTY_ROLES
                        if s.need(r)
                    ),
                    ("夜" if s.is_night else "") + ("" if s.on_rest_days else "仅工作日"),
                )
                for s in roster.shift_types().values()
            ]
        )
        patterns = roster.patterns()
        self.pattern_model.set_rows([(p["name"], p["cycle"], p["anchor_day"]) for p in patterns])
        self.team_pattern.clear()
        for p in patterns:
            self.team_pattern.addItem(p["name"], p["id"])
        names = {p["id"]: p["name"] for p in patterns}
        current = self.team_choice.currentData()
        self.team_choice.clear()
        rows = []
        for team in roster.teams():
            self.team_choice.addItem(team.name, team.id)
            r = team.rules
            rows.append(
                (
                    team.name,
                    names.get(team.pattern_id or 0, "-"),
                    f"{r.min_rest_hours:g}h / {r.max_consecutive_nights} / "
                    f"{r.max_hours_week:g}h / {r.max_hours_month:g}h",
                    "、".join(m.name for m in roster.members(team.id)),
                )
            )
        self.team_model.set_rows(rows)
        if current is not None:
            self.team_choice.setCurrentIndex(max(0, self.team_choice.findData(current)))

    def _run(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except DutyDeskError as exc:
            self.error.setText(self.session.error_text(exc))
            return False
        self.error.setText("")
        self.reload()
        self.session.data_changed.emit("roster")
        return True

    @Slot()
    def add_shift(self) -> bool:
        return self._run(
            lambda: self.session.desk.roster.add_shift_type(
                self.session.person,
                code=self.shift_code.text(),
                name=self.shift_name.text(),
                start=self.shift_start.text(),
                end=self.shift_end.text(),
                need_leader=self.need_leader.value(),
                need_officer=self.need_officer.value(),
                need_standby=self.need_standby.value(),
                is_night=self.is_night.isChecked(),
                on_rest_days=self.on_rest_days.isChecked(),
                colour=self.colour.text().strip(),
            )
        )

    @Slot()
    def add_pattern(self) -> bool:
        return self._run(
            lambda: self.session.desk.roster.add_pattern(
                self.session.person,
                name=self.pattern_name.text(),
                cycle=self.pattern_cycle.text(),
                anchor_day=self.pattern_anchor.date().toPython(),  # type: ignore[arg-type]
                workdays_only=self.pattern_workdays.isChecked(),
            )
        )

    def _rules(self) -> Rules:
        return Rules(
            self.min_rest.value(),
            self.max_nights.value(),
            self.max_week.value(),
            self.max_month.value(),
        )

    @Slot()
    def add_team(self) -> bool:
        pattern = self.team_pattern.currentData()
        return self._run(
            lambda: self.session.desk.roster.add_team(
                self.session.person,
                name=self.team_name.text(),
                pattern_id=None if pattern is None else int(pattern),
                rules=self._rules(),
            )
        )

    @Slot()
    def save_rules(self) -> bool:
        team = self.team_choice.currentData()
        if team is None:
            return False
        return self._run(
            lambda: self.session.desk.roster.set_rules(
                self.session.person, int(team), self._rules()
            )
        )

    def _people_ids(self, text: str) -> list[int]:
        people = self.session.desk.people
        return [
            people.by_employee_no(number.strip()).id
            for number in text.replace("，", ",").split(",")
            if number.strip()
        ]

    @Slot()
    def save_members(self) -> bool:
        team = self.team_choice.currentData()
        if team is None:
            return False
        return self._run(
            lambda: self.session.desk.roster.set_members(
                self.session.person,
                int(team),
                self._people_ids(self.members.text()),
                part_time=frozenset(self._people_ids(self.part_time.text())),
            )
        )

    @Slot()
    def grant(self) -> bool:
        return self._run(
            lambda: self.session.desk.roster.set_qualification(
                self.session.person,
                person_id=int(self.qualification_person.currentData()),
                duty_role=self.qualification_role.currentData(),
                valid_until=self.valid_until.text().strip() or None,
            )
        )

    @Slot()
    def revoke(self) -> bool:
        text = self.tr(
            "撤销 {0} 的“{1}”资质？\n撤销后排班不再把此人排到这个岗位；需要时重新授予。"
        ).format(self.qualification_person.currentText(), self.qualification_role.currentText())
        if not confirm.confirm(self, self.tr("撤销资质"), text, self.tr("撤销资质")):
            return False
        return self._run(
            lambda: self.session.desk.roster.remove_qualification(
                self.session.person,
                person_id=int(self.qualification_person.currentData()),
                duty_role=self.qualification_role.currentData(),
            )
        )
