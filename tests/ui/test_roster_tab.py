"""The 排班 tab: month grid, shading, edits with rule checks, generation, queues, on duty."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from dutydesk.roster.grid import GridCell, GridDay, GridPerson, RosterGrid
from tests.core.roster_helpers import three_shift_team
from ui.models.roster import CELL_ROLE, HOLIDAY_SHADE, RosterMonthModel
from ui.session import Session
from ui.tabs.roster import RosterTab


@pytest.fixture
def planned(desk: Desk, admin: Person, crew: dict[str, Person]) -> int:
    setup = three_shift_team(desk, admin, size=6, extra=[crew["officer"], crew["officer2"]])
    desk.roster.generate(admin, team=setup.team_id, start="2026-10-01", end="2026-12-15")
    return setup.team_id


@pytest.fixture
def tab(qtbot, app, desk: Desk, admin: Person, planned: int) -> RosterTab:  # type: ignore[no-untyped-def]
    widget = RosterTab(Session(desk, admin))
    qtbot.addWidget(widget)
    widget.set_month(2026, 10)
    return widget


def test_the_month_grid_shows_people_by_days_with_holidays_shaded(tab: RosterTab) -> None:
    model = tab.model
    assert model.columnCount() == 31
    assert model.rowCount() == 8
    header = model.headerData(0, Qt.Orientation.Horizontal)
    assert header.startswith("1\n四") and header.endswith("休")
    assert model.headerData(9, Qt.Orientation.Horizontal).endswith("班")  # 10 Oct make-up day
    texts = [model.cell_text(r, 0) for r in range(model.rowCount())]
    assert sorted(t for t in texts if t) == ["中", "夜", "早"]
    empty_row = texts.index("")
    brush = model.data(model.index(empty_row, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == HOLIDAY_SHADE
    filled_row = texts.index("早")
    cells = model.data(model.index(filled_row, 0), CELL_ROLE)
    colour = model.data(model.index(filled_row, 0), Qt.ItemDataRole.BackgroundRole).color()
    assert colour.name() == cells[0].colour
    assert tab.month_label.text() == "2026 年 10 月"


def test_the_model_passes_the_model_tester(tab: RosterTab, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.leave_model)
    qtmodeltester.check(tab.swap_model)


def test_a_cell_edit_that_breaks_a_rule_is_refused_with_the_core_message(tab: RosterTab) -> None:
    from ui.tabs.roster import CellDialog

    def cell(person_id: int, day: date, code: str) -> CellDialog:
        dialog = CellDialog(tab.session, person_id, "", day, tab)
        dialog.team.setCurrentIndex(dialog.team.findData(team_id))
        dialog.shift.setCurrentIndex(dialog.shift.findData(code))
        dialog.role.setCurrentIndex(dialog.role.findData("officer"))
        dialog._ok()
        return dialog

    # someone on the 中 shift of 5 Dec cannot also take 夜 at 00:00 on 6 Dec (no rest)
    row = next(
        a
        for a in tab.session.desk.roster.assignments("2026-12-05", "2026-12-05")
        if a.shift_code == "中"
    )
    team_id = row.team_id
    tab.set_month(2026, 12)
    refused = cell(row.person_id, date(2026, 12, 6), "夜")
    assert refused.result() == 0 and "最短休息" in refused.error.text()  # the dialog stays
    assert refused.shift.currentData() == "夜"
    grid = tab.model.grid
    assert grid is not None
    saved = next(
        p.person_id
        for p in grid.people
        if cell(p.person_id, date(2026, 12, 20), "早").result() == QDialog.DialogCode.Accepted
    )
    grid = tab.model.grid
    assert grid is not None
    cells = tab.model.data(
        tab.model.index([p.person_id for p in grid.people].index(saved), 19), CELL_ROLE
    )
    assert [c.source for c in cells] == ["manual"]


def test_the_generation_dialog_previews_with_a_quality_report_then_commits(
    qtbot,
    tab: RosterTab,  # type: ignore[no-untyped-def]
) -> None:
    tab.set_month(2026, 12)
    dialog = tab.open_generation()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.commit_button.isEnabled()
    dialog.run_preview()
    assert "均衡度" in dialog.report.toPlainText()
    assert dialog.commit_button.isEnabled()
    dialog.run_commit()
    assert tab.model.cell_text(0, 0) or any(
        tab.model.cell_text(r, 0) for r in range(tab.model.rowCount())
    )
    assert len(tab.session.desk.roster.assignments("2026-12-01", "2026-12-31")) == 93


def test_officers_cannot_generate_or_approve(
    qtbot,
    app,
    desk: Desk,
    crew: dict[str, Person],
    planned: int,  # type: ignore[no-untyped-def]
) -> None:
    widget = RosterTab(Session(desk, crew["officer"]))
    qtbot.addWidget(widget)
    assert not widget.generate_button.isEnabled()
    assert not widget.leave_approve_button.isEnabled()
    assert not widget.swap_approve_button.isEnabled()
    assert widget.leave_request_button.isEnabled()
    assert widget.open_generation() is None


def test_leave_queue_approve_turns_shifts_into_gaps(
    tab: RosterTab, crew: dict[str, Person]
) -> None:
    roster = tab.session.desk.roster
    officer = crew["officer"]
    mine = roster.assignments("2026-12-08", "2026-12-12", person_id=officer.id)
    roster.leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-08", end="2026-12-12"
    )
    tab.refresh()
    assert tab.leave_model.rowCount() == 1
    tab.leave_view.setCurrentIndex(tab.leave_model.index(0, 0))
    tab.approve_leave()
    assert roster.leave.list()[0].status == "approved"
    assert roster.assignments("2026-12-08", "2026-12-12", person_id=officer.id) == []
    assert mine  # there was something to remove


def test_on_duty_now_and_next(
    qtbot,
    app,
    desk: Desk,
    admin: Person,
    planned: int,
    clock: ManualClock,  # type: ignore[no-untyped-def]
) -> None:
    clock.set(datetime(2026, 10, 10, 3, 0, tzinfo=UTC))  # 11:00 in Shanghai: 早 shift
    widget = RosterTab(Session(desk, admin))
    qtbot.addWidget(widget)
    assert "早班" in widget.now_label.text()
    assert "中班" in widget.next_label.text()


def test_a_hundred_people_month_model_answers_every_cell(app) -> None:  # type: ignore[no-untyped-def]
    # How fast this is belongs to the bench (python -m bench --only roster_model).
    days = tuple(
        GridDay(date(2026, 12, d), "weekend" if date(2026, 12, d).weekday() >= 5 else "workday", "")
        for d in range(1, 32)
    )
    people = tuple(GridPerson(i, f"人员{i}", "一班") for i in range(100))
    cells = {
        (p.person_id, d.day): (
            GridCell(1, 1, "早", "早班", "officer", "#9ecae1", "generated", False, False),
        )
        for p in people
        for d in days
        if (p.person_id + d.day.day) % 3 == 0
    }
    grid = RosterGrid(days[0].day, days[-1].day, days, people, cells, ())
    model = RosterMonthModel()
    model.set_grid(grid, date(2026, 12, 5))
    assert (model.rowCount(), model.columnCount()) == (100, 31)
    shown = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            text = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            model.data(model.index(r, c), Qt.ItemDataRole.BackgroundRole)
            if text and "早" in str(text):
                shown += 1
    assert shown == len(cells)


def test_the_calendar_dialog_parses_a_notice_and_the_admin_confirms_it(
    qtbot,
    tab: RosterTab,  # type: ignore[no-untyped-def]
) -> None:
    from tests.core.test_roster_calendar import NOTICE_2026

    dialog = tab.open_calendar()
    qtbot.addWidget(dialog)
    assert "2027 年尚无官方节假日安排" in dialog.status.text()
    dialog.notice.setPlainText(NOTICE_2026.replace("2026", "2027"))
    assert dialog.parse()
    assert dialog.year.value() == 2027
    assert "2027-10-01 2027-10-07 国庆节" in dialog.holidays.toPlainText()
    assert "2027-09-20 国庆节调休上班" in dialog.workdays.toPlainText()
    # a typo is reported and nothing is saved
    dialog.workdays.setPlainText("2027-13-01 坏日期")
    assert not dialog.save()
    assert "YYYY-MM-DD" in dialog.error.text()
    assert not tab.session.desk.roster.calendar.year_status(2027).known
    dialog.workdays.setPlainText("2027-09-20 国庆节调休上班")
    assert dialog.save()
    assert tab.session.desk.roster.calendar.year_status(2027).source == "admin"
    dialog.override_name.setText("本市纪念日")
    assert dialog.add_override()


def test_swap_and_served_dialogs_from_a_selected_cell(
    qtbot,
    app,
    desk: Desk,
    crew: dict[str, Person],
    planned: int,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.tabs.roster_dialogs import ServedDialog, SwapDialog

    def no_box(*args: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:]}")

    monkeypatch.setattr(QMessageBox, "information", no_box)

    officer = crew["officer"]
    mine = desk.roster.assignments("2026-12-01", "2026-12-15", person_id=officer.id)[0]
    widget = RosterTab(Session(desk, officer))
    qtbot.addWidget(widget)
    widget.set_month(2026, 12)
    grid = widget.model.grid
    assert grid is not None
    row = [p.person_id for p in grid.people].index(officer.id)
    widget.view.setCurrentIndex(widget.model.index(row, mine.day.day - 1))
    dialog = widget.swap_current()
    assert isinstance(dialog, SwapDialog)
    qtbot.addWidget(dialog)
    dialog.counterpart.setCurrentIndex(dialog.counterpart.findData(crew["officer2"].id))
    dialog.reason.setText("家中有事")
    dialog._ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [s.status for s in desk.roster.swaps.list()] == ["requested"]
    assert widget.swap_model.rowCount() == 1
    # the grid was refreshed after the request: select the cell again
    widget.view.setCurrentIndex(widget.model.index(row, mine.day.day - 1))
    served = widget.served_current()
    assert isinstance(served, ServedDialog)
    qtbot.addWidget(served)
    served._ok()
    assert served.result() == served.DialogCode.Accepted
    assert desk.roster.assignment(mine.id).served_person_id == officer.id


def test_a_site_sets_up_shifts_pattern_team_members_and_qualifications_in_the_ui(
    qtbot,
    app,
    desk: Desk,
    admin: Person,
    crew: dict[str, Person],  # type: ignore[no-untyped-def]
) -> None:
    widget = RosterTab(Session(desk, admin))
    qtbot.addWidget(widget)
    dialog = widget.open_setup()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.shift_code.setText("值")
    dialog.shift_name.setText("24小时值班")
    dialog.shift_start.setText("08:00")
    dialog.shift_end.setText("08:00")
    dialog.need_leader.setValue(1)
    assert dialog.add_shift()
    dialog.shift_code.setText("坏")
    dialog.shift_name.setText("坏班次")
    dialog.shift_start.setText("25:00")
    assert not dialog.add_shift()
    assert "HH:MM" in dialog.error.text()
    dialog.pattern_name.setText("一天一班")
    dialog.pattern_cycle.setText("值")
    assert dialog.add_pattern()
    dialog.team_name.setText("值班组")
    assert dialog.add_team()
    dialog.members.setText("2001,1001,1002")
    assert dialog.save_members()
    for person in (crew["leader"], crew["officer"], crew["officer2"]):
        dialog.qualification_person.setCurrentIndex(dialog.qualification_person.findData(person.id))
        dialog.qualification_role.setCurrentIndex(dialog.qualification_role.findData("officer"))
        assert dialog.grant()
    dialog.qualification_person.setCurrentIndex(
        dialog.qualification_person.findData(crew["leader"].id)
    )
    dialog.qualification_role.setCurrentIndex(dialog.qualification_role.findData("leader"))
    assert dialog.grant()
    assert widget.team.findText("值班组") > 0
    team = desk.roster.team("值班组")
    preview = desk.roster.preview(team=team.id, start="2026-12-01", end="2026-12-06")
    # three people cannot cover a leader and an officer 24 h a day: the gaps say why
    first_day = {(r.role, r.day) for r in preview.new_rows if r.day == date(2026, 12, 1)}
    assert first_day == {("leader", date(2026, 12, 1)), ("officer", date(2026, 12, 1))}
    assert preview.quality.unfilled and preview.quality.violations == ()
    assert all(u.reason.startswith("无人可排") for u in preview.quality.unfilled)
    assert dialog.team_model.rowCount() == 1


def test_the_roster_opens_with_today_in_view(app, qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from dutydesk.demo.site import DEMO_TODAY, demo_clock
    from dutydesk.desk import Desk
    from ui.session import Session
    from ui.tabs.roster import RosterTab

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    desk = Desk.open(path, clock=demo_clock())
    tab = RosterTab(Session(desk, desk.people.sign_in("admin", "demo1234")))
    qtbot.addWidget(tab)
    tab.resize(1280, 640)
    tab.show()
    qtbot.waitUntil(lambda: getattr(tab, "_shown_once", False))
    qtbot.wait(20)
    header = tab.view.horizontalHeader()
    first = tab.view.horizontalScrollBar().value()  # scrolling is per column
    shown = tab.view.viewport().width() // header.sectionSize(0)
    today = DEMO_TODAY.day - 1
    assert shown >= 7 and first <= today < first + shown
    desk.close()
