"""Final or destructive steps ask first, saying what will happen; "no" changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from tests.core.roster_helpers import three_shift_team
from ui import confirm
from ui.session import Session
from ui.tabs.roster import RosterTab


@pytest.fixture
def planned(desk: Desk, admin: Person, crew: dict[str, Person]) -> int:
    setup = three_shift_team(desk, admin, size=6, extra=[crew["officer"], crew["officer2"]])
    desk.roster.generate(admin, team=setup.team_id, start="2026-11-20", end="2026-12-15")
    return setup.team_id


@pytest.fixture
def roster_tab(qtbot, app, desk: Desk, admin: Person, planned: int) -> RosterTab:  # type: ignore[no-untyped-def]
    widget = RosterTab(Session(desk, admin))
    qtbot.addWidget(widget)
    widget.set_month(2026, 12)
    return widget


def _refuse(monkeypatch: pytest.MonkeyPatch, asked: list[str]) -> None:
    monkeypatch.setattr(confirm, "confirm", lambda *args: asked.append(args[2]) and False)


@pytest.mark.parametrize("answer", [False, True])
def test_rejecting_leave_asks_after_the_reason_and_names_the_request(
    roster_tab: RosterTab, crew, confirmations, monkeypatch, answer: bool
) -> None:  # type: ignore[no-untyped-def]
    roster = roster_tab.session.desk.roster
    officer = crew["officer"]
    roster.leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-08", end="2026-12-09"
    )
    roster_tab.refresh()
    roster_tab.leave_view.setCurrentIndex(roster_tab.leave_model.index(0, 0))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("人手不足", True))
    if not answer:
        _refuse(monkeypatch, confirmations)
    roster_tab.reject_leave()
    assert len(confirmations) == 1
    text = confirmations[0]
    assert officer.name in text and "2026-12-08" in text and "不能撤销" in text
    expected = "rejected" if answer else "pending"
    assert roster.leave.list()[0].status == expected


@pytest.mark.parametrize("answer", [False, True])
def test_rejecting_a_swap_asks_and_names_both_people(
    roster_tab: RosterTab, desk: Desk, crew, confirmations, monkeypatch, answer: bool
) -> None:  # type: ignore[no-untyped-def]
    officer, other = crew["officer"], crew["officer2"]
    mine = desk.roster.assignments("2026-12-01", "2026-12-15", person_id=officer.id)[0]
    desk.roster.swaps.request(
        officer, assignment_id=mine.id, counterpart_id=other.id, reason="有事"
    )
    roster_tab.refresh()
    roster_tab.swap_view.setCurrentIndex(roster_tab.swap_model.index(0, 0))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("不行", True))
    if not answer:
        _refuse(monkeypatch, confirmations)
    roster_tab.reject_swap()
    assert len(confirmations) == 1
    assert officer.name in confirmations[0] and other.name in confirmations[0]
    assert "不能撤销" in confirmations[0]
    expected = "rejected" if answer else "requested"
    assert desk.roster.swaps.list()[0].status == expected


def test_no_reason_given_no_question_asked(
    roster_tab: RosterTab, crew, confirmations, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    roster = roster_tab.session.desk.roster
    officer = crew["officer"]
    roster.leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-08", end="2026-12-09"
    )
    roster_tab.refresh()
    roster_tab.leave_view.setCurrentIndex(roster_tab.leave_model.index(0, 0))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))  # 取消
    roster_tab.reject_leave()
    assert confirmations == []
    assert roster.leave.list()[0].status == "pending"


def test_clearing_a_roster_cell_asks_and_no_keeps_it(
    roster_tab: RosterTab, desk: Desk, crew, confirmations, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    officer = crew["officer"]
    mine = desk.roster.assignments("2026-12-01", "2026-12-15", person_id=officer.id)[0]
    grid = roster_tab.model.grid
    assert grid is not None
    row = [p.person_id for p in grid.people].index(officer.id)
    index = roster_tab.model.index(row, mine.day.day - 1)
    roster_tab.view.setCurrentIndex(index)
    _refuse(monkeypatch, confirmations)
    roster_tab.clear_current()
    assert "清除" in confirmations[0] and "不再排班" in confirmations[0]
    assert desk.roster.assignment(mine.id) is not None
    monkeypatch.setattr(confirm, "confirm", lambda *args: True)
    roster_tab.view.setCurrentIndex(index)
    roster_tab.clear_current()
    left = desk.roster.assignments(mine.day, mine.day, person_id=officer.id)
    assert mine.id not in [a.id for a in left]


def test_discarding_the_process_draft_asks(
    app, qtbot, desk: Desk, admin: Person, confirmations, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.process import ProcessTab

    desk.process.load_default(admin)
    tab = ProcessTab(Session(desk, admin))
    qtbot.addWidget(tab)
    assert desk.process.draft() is not None
    _refuse(monkeypatch, confirmations)
    tab.discard()
    assert "不能恢复" in confirmations[0]
    assert desk.process.draft() is not None
    monkeypatch.setattr(confirm, "confirm", lambda *args: True)
    tab.discard()
    assert desk.process.draft() is None


def test_cancelling_an_action_says_what_happens(
    app, qtbot, desk: Desk, admin: Person, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs import feedback_dialogs

    shown: list[str] = []
    original = feedback_dialogs.TextDialog.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(kwargs.get("intro", ""))
        original(self, *args, **kwargs)

    monkeypatch.setattr(feedback_dialogs.TextDialog, "__init__", spy)
    from ui.tabs.feedback import FeedbackTab

    desk.improvement.add_action(
        admin, kind="corrective", title="加核对表", owner_id=admin.id, due_on="2026-12-31"
    )
    tab = FeedbackTab(Session(desk, admin))
    qtbot.addWidget(tab)
    page = tab.actions_page
    page.refresh()
    page.view.setCurrentIndex(page.model.index(0, 0))
    monkeypatch.setattr(page, "run_dialog", lambda dialog: dialog.deleteLater())
    page.cancel()
    assert shown and "加核对表" in shown[0] and "不能恢复" in shown[0]


def test_publishing_and_ending_a_questionnaire_ask(
    app, qtbot, session, admin, confirmations, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.core.training.conftest import make_questionnaire
    from ui.tabs.training import TrainingTab

    desk = session.desk
    q = make_questionnaire(desk, admin, open_it=False)
    tab = TrainingTab(session)
    qtbot.addWidget(tab)
    page = tab.questionnaires
    page.view.selectRow(0)
    _refuse(monkeypatch, confirmations)
    page.status("open")
    assert "不能再修改" in confirmations[-1] and q.title in confirmations[-1]
    assert desk.training.questionnaires.get(q.id).status == "draft"
    monkeypatch.setattr(confirm, "confirm", lambda *a: confirmations.append(a[2]) or True)
    page.status("open")
    assert desk.training.questionnaires.get(q.id).status == "open"
    page.view.selectRow(0)
    page.status("closed")
    assert "不再接受答卷" in confirmations[-1]
    assert desk.training.questionnaires.get(q.id).status == "closed"


def test_the_selected_request_stays_selected_after_a_refresh(roster_tab: RosterTab, crew) -> None:  # type: ignore[no-untyped-def]
    roster = roster_tab.session.desk.roster
    officer, other = crew["officer"], crew["officer2"]
    first = roster.leave.request(
        officer, person_id=officer.id, kind="sick", start="2026-12-08", end="2026-12-09"
    )
    roster_tab.refresh()
    roster_tab.leave_view.setCurrentIndex(roster_tab.leave_model.index(0, 0))
    roster.leave.request(
        other, person_id=other.id, kind="sick", start="2026-12-10", end="2026-12-10"
    )
    roster_tab.refresh()  # the new request is listed first
    row = roster_tab.leave_view.currentIndex().row()
    assert roster_tab.leave_model.items[row].id == first.id
