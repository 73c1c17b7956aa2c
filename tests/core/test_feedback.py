"""Feedback → problem → action → verification → cycle evaluation → signed and locked."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import Conflict, Locked, PermissionDenied, ValidationError
from dutydesk.improvement.cycles import CycleTarget
from dutydesk.people.auth import Person
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD

TARGETS = [
    CycleTarget("handover_on_time", "交接班准时率", 95.0, "at_least", "%"),
    CycleTarget("incident_response_min", "事件平均响应时长", 10.0, "at_most", "分钟"),
]


@pytest.fixture
def subs(desk: Desk, admin: Person) -> dict[str, int]:
    return {s.name: s.id for s in desk.feedback.seed_default_subcategories(admin)}


def _cycle(desk: Desk, leader: Person, start: str = "2026-10-01") -> int:
    return desk.cycles.create_cycle(
        leader, kind="quarter", start_date=start, goals=["交接班零遗漏"], targets=TARGETS
    ).id


def test_the_whole_loop_ends_in_a_signed_and_locked_cycle(
    desk: Desk, crew: dict[str, Person], subs: dict[str, int], clock: ManualClock
) -> None:
    leader, officer, admin = crew["leader"], crew["officer"], crew["admin"]
    cycle_id = _cycle(desk, leader)
    first = desk.feedback.submit(officer, text="交接班时常漏交钥匙", channel="in_person")
    second = desk.feedback.submit(
        crew["officer2"], text="钥匙交接没有签字", about_kind="handover", about_ref="H-118"
    )
    assert first.status == "new" and first.giver_id == officer.id
    desk.feedback.classify(leader, first.id, category="process", subcategory_id=subs["交接班流程"])
    problem = desk.improvement.create_problem(
        leader,
        title="交接班钥匙遗漏",
        category="process",
        subcategory_id=subs["交接班流程"],
        source="feedback",
        priority="high",
        whys=["钥匙未交接", "清单没有钥匙项", "清单多年未更新"],
        root_cause="交接班清单缺少钥匙项",
        feedback_ids=[first.id, second.id],
        links=[("incident", "INC-2026-0042")],
    )
    assert problem.feedback_count == 2 and problem.link_count == 1 and problem.recurring
    assert desk.feedback.get(second.id).status == "converted"
    assert problem.whys[2] == "清单多年未更新"

    action = desk.improvement.add_action(
        leader,
        kind="corrective",
        title="交接班清单增加钥匙项",
        owner_id=officer.id,
        due_on="2026-12-10",
        problem_id=problem.id,
        cycle_id=cycle_id,
    )
    assert desk.improvement.problem(problem.id).status == "acting"
    clock.advance(days=3)
    desk.improvement.complete_action(
        officer, action.id, done_on="2026-11-27", evidence="新版清单已张贴，见交接班记录"
    )
    assert desk.improvement.problem(problem.id).status == "verifying"
    verified = desk.improvement.verify_action(leader, action.id, effective=True, note="两周无遗漏")
    assert verified.status == "effective" and verified.verifier_name == leader.name
    assert desk.improvement.problem(problem.id).status == "closed"
    desk.feedback.reply(leader, first.id, text="已在交接班清单中增加钥匙项，谢谢")
    assert desk.feedback.get(first.id).status == "replied"

    evaluated = desk.cycles.evaluate(
        leader,
        cycle_id,
        kpi_values={"handover_on_time": 96.5, "incident_response_min": None},
        conclusions="交接班准时率达标",
        adjustments="下季度关注响应时长",
    )
    snapshot = evaluated.kpi_snapshot
    assert snapshot is not None
    assert snapshot["handover_on_time"] == 96.5 and snapshot["incident_response_min"] is None
    # The KPI engine (the default provider) filled in what the evaluator did not enter.
    assert snapshot["actions_effective_rate"] == 100.0
    assert evaluated.actions_snapshot is not None
    assert evaluated.actions_snapshot[0]["status"] == "effective"
    rows = {c.kpi_key: c for c in desk.cycles.comparison(cycle_id)}
    assert rows["handover_on_time"].met is True
    assert (
        rows["incident_response_min"].actual is None and rows["incident_response_min"].met is None
    )

    proposal = desk.cycles.approve(admin, cycle_id, password=PASSWORD)
    approved = desk.cycles.cycle(cycle_id)
    assert approved.locked and approved.status == "approved" and approved.approver_name
    assert proposal.start_date == "2027-01-01" and proposal.end_date == "2027-03-31"
    [signature] = desk.cycles.signatures(cycle_id)
    assert signature.meaning == "approve" and signature.person_id == admin.id
    # Trigger-enforced lock, even against raw SQL.
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE improvement_cycles SET conclusions = 'x' WHERE id = ?", [cycle_id])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("DELETE FROM cycle_targets WHERE cycle_id = ?", [cycle_id])
    with pytest.raises(Locked):
        desk.cycles.evaluate(leader, cycle_id, conclusions="改")
    # Actions keep moving after approval without breaking the signature.
    report = verify_database(desk.db)
    assert report.ok, report.problems
    assert report.signatures == 1


def test_anonymous_feedback_leaves_no_trace_of_the_giver(
    desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    officer = desk.people.sign_in("1001", PASSWORD)
    clock.advance(hours=9, minutes=17)
    assert desk.feedback.submit(officer, text="夜班太累，希望增加人手", anonymous=True) is None
    [entry] = desk.feedback.release_anonymous(force=True)  # held back until released
    desk.feedback.classify(crew["leader"], entry.id, category="people")
    desk.feedback.reject(crew["leader"], entry.id, reason="本季度编制已满")
    desk.feedback.reply(crew["leader"], entry.id, text="已记录，下季度排班时考虑")
    assert entry.anonymous and entry.giver_id is None and entry.giver_label == "匿名"
    # Day precision only: 09:17 UTC is 17:17 in Shanghai, stored as local midnight.
    assert entry.received_at == "2026-11-24T16:00:00+00:00"

    cursor = desk.db.execute("SELECT * FROM feedback WHERE id = ?", [entry.id])
    values = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
    for column in ("giver_id", "recorded_by"):
        assert values[column] is None
    assert officer.name not in json.dumps(values, ensure_ascii=False)
    # Every other table: nothing mentions feedback next to the officer.
    for table in desk.db.table_names():
        if table in ("people", "audit_log", "sign_in_failures"):
            continue
        for found in desk.db.execute(f'SELECT * FROM "{table}"').fetchall():
            text = json.dumps(found, ensure_ascii=False, default=str)
            assert officer.name not in text, table
            # Compared cell by cell: "1001" also occurs inside timestamps' microseconds.
            assert officer.employee_no not in [str(cell) for cell in found], table
    # The audit rows of this feedback are the anonymous create and the leader's changes.
    audit_rows = desk.db.execute(
        "SELECT actor_id, actor_label, action, before_json, after_json FROM audit_log"
        " WHERE entity = 'feedback' AND entity_id = ?",
        [str(entry.id)],
    ).fetchall()
    assert audit_rows[0][:3] == (None, "anonymous", "submit")
    assert {r[0] for r in audit_rows[1:]} == {crew["leader"].id}
    for actor_id, _label, _action, before, after in audit_rows:
        assert actor_id != officer.id
        for image in (before, after):
            if image:
                data = json.loads(image)
                assert data["giver_id"] is None and data["recorded_by"] is None
                assert officer.name not in image and officer.employee_no not in image
    # No audit row on any entity carries the officer's id after the sign-in.
    officer_rows = desk.db.execute(
        "SELECT action, entity FROM audit_log WHERE actor_id = ?", [officer.id]
    ).fetchall()
    assert officer_rows == [("sign_in", "people")]
    assert verify_database(desk.db).ok


def test_anonymous_rows_are_refused_with_a_person_even_by_raw_sql(desk: Desk, crew) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO feedback (received_at, channel, anonymous, giver_id, text, updated_at)"
            " VALUES ('2026-11-25T00:00:00+00:00', 'system', 1, ?, 'x', '2026-11-25')",
            [crew["officer"].id],
        )


def test_permissions_follow_the_roles(
    desk: Desk, crew: dict[str, Person], subs: dict[str, int]
) -> None:
    officer, auditor, leader = crew["officer"], crew["auditor"], crew["leader"]
    entry = desk.feedback.submit(officer, text="告警声音太小")
    with pytest.raises(PermissionDenied):
        desk.feedback.submit(auditor, text="审计员不能提交")
    with pytest.raises(PermissionDenied):
        desk.feedback.classify(officer, entry.id, category="technical")
    with pytest.raises(PermissionDenied):
        desk.feedback.add_subcategory(leader, category="technical", name="新子类")
    with pytest.raises(PermissionDenied):
        desk.improvement.create_problem(officer, title="x", category="technical", source="review")
    with pytest.raises(PermissionDenied):
        desk.cycles.create_cycle(auditor, kind="quarter", start_date="2026-10-01")
    with pytest.raises(PermissionDenied):
        desk.meetings.record(
            officer, kind="weekly", held_on="2026-11-24", title="周例会", attendee_ids=[officer.id]
        )
    problem = desk.improvement.create_problem(
        leader, title="告警音量", category="technical", source="feedback"
    )
    action = desk.improvement.add_action(
        leader,
        kind="corrective",
        title="调大音量",
        owner_id=leader.id,
        due_on="2026-11-30",
        problem_id=problem.id,
    )
    with pytest.raises(PermissionDenied):
        desk.improvement.complete_action(
            crew["officer2"], action.id, done_on=date(2026, 11, 25), evidence="x"
        )
    desk.improvement.complete_action(leader, action.id, done_on="2026-11-25", evidence="已调")
    with pytest.raises(PermissionDenied, match="不能验证自己的措施"):
        desk.improvement.verify_action(leader, action.id, effective=True)
    with pytest.raises(PermissionDenied):
        desk.improvement.verify_action(officer, action.id, effective=True)
    with pytest.raises(PermissionDenied):
        desk.improvement.verify_action(auditor, action.id, effective=True)
    cycle_id = _cycle(desk, leader)
    desk.cycles.evaluate(leader, cycle_id, conclusions="ok")
    with pytest.raises(PermissionDenied):
        desk.cycles.approve(officer, cycle_id, password=PASSWORD)
    # Even raw SQL cannot record the owner as verifier.
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "UPDATE actions SET status='effective', verified_by = owner_id WHERE id = ?",
            [action.id],
        )


def test_bad_input_is_rejected_and_saves_nothing(
    desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    before = desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationError) as empty:
        desk.feedback.submit(officer, text="   ")
    assert empty.value.field == "text"
    with pytest.raises(ValidationError):
        desk.feedback.submit(officer, text="x", channel="email")
    with pytest.raises(ValidationError):
        desk.feedback.submit(officer, text="x", about_kind="incident")
    with pytest.raises(ValidationError) as due:
        desk.improvement.add_action(
            leader, kind="corrective", title="x", owner_id=officer.id, due_on="2026-11-24"
        )
    assert due.value.field == "due_on" and "早于创建日期" in due.value.message
    with pytest.raises(ValidationError):
        desk.improvement.add_action(
            leader, kind="fix", title="x", owner_id=officer.id, due_on="2026-12-24"
        )
    with pytest.raises(ValidationError) as order:
        desk.cycles.create_cycle(
            leader, kind="quarter", start_date="2026-10-01", end_date="2026-09-30"
        )
    assert order.value.field == "end_date"
    with pytest.raises(ValidationError):
        desk.improvement.create_problem(
            leader, title="x", category="process", source="review", whys=["a", "", "c"]
        )
    assert desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    _cycle(desk, leader)
    with pytest.raises(ValidationError, match="重叠"):
        desk.cycles.create_cycle(leader, kind="quarter", start_date="2026-12-01")
    # A half-year may run alongside the quarter; a second one may not.
    desk.cycles.create_cycle(leader, kind="half_year", start_date="2026-07-01")
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO improvement_cycles (kind, title, start_date, end_date, created_by,"
            " created_at) VALUES ('half_year', 'x', '2026-12-01', '2027-05-31', 1, 'now')"
        )


def test_not_effective_reopens_the_problem_and_marks_it_recurring(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, admin, officer = crew["leader"], crew["admin"], crew["officer"]
    problem = desk.improvement.create_problem(
        leader, title="电话录音缺失", category="technical", source="incident"
    )
    action = desk.improvement.add_action(
        leader,
        kind="corrective",
        title="重启录音服务",
        owner_id=officer.id,
        due_on="2026-11-26",
        problem_id=problem.id,
    )
    desk.improvement.complete_action(officer, action.id, done_on="2026-11-25", evidence="已重启")
    with pytest.raises(ValidationError):
        desk.improvement.verify_action(admin, action.id, effective=False)
    desk.improvement.verify_action(admin, action.id, effective=False, note="次日再次缺失")
    reopened = desk.improvement.problem(problem.id)
    assert reopened.status == "acting" and reopened.reopen_count == 1 and reopened.recurring
    assert [r.problem.id for r in desk.improvement_analysis.recurring_problems()] == [problem.id]
    with pytest.raises(Conflict):
        desk.improvement.verify_action(admin, action.id, effective=True)


def test_overdue_actions_are_flagged(
    desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    late = desk.improvement.add_action(
        leader, kind="preventive", title="更新通讯录", owner_id=officer.id, due_on="2026-11-28"
    )
    desk.improvement.add_action(
        leader, kind="improvement", title="优化值班表", owner_id=officer.id, due_on="2026-12-31"
    )
    assert desk.improvement.actions(overdue_only=True) == []
    clock.advance(days=5)
    overdue = desk.improvement.actions(overdue_only=True)
    assert [a.id for a in overdue] == [late.id] and overdue[0].overdue


def test_closing_a_cycle_carries_unfinished_actions_to_the_next(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, admin, officer = crew["leader"], crew["admin"], crew["officer"]
    cycle_id = _cycle(desk, leader, "2026-09-01")
    open_action = desk.improvement.add_action(
        leader,
        kind="improvement",
        title="修订值班手册",
        owner_id=officer.id,
        due_on="2027-01-15",
        cycle_id=cycle_id,
    )
    desk.cycles.evaluate(
        leader, cycle_id, kpi_values={"handover_on_time": "93"}, conclusions="未达标"
    )
    assert desk.cycles.comparison(cycle_id)[0].met is False
    proposal = desk.cycles.approve(admin, cycle_id, password=PASSWORD)
    assert [a.id for a in proposal.carried_actions] == [open_action.id]
    with pytest.raises(Locked):
        desk.improvement.add_action(
            leader,
            kind="corrective",
            title="x",
            owner_id=officer.id,
            due_on="2026-12-30",
            cycle_id=cycle_id,
        )
    following = desk.cycles.create_next(leader, cycle_id)
    assert following.previous_id == cycle_id and following.start_date == "2026-12-01"
    assert [t.kpi_key for t in following.targets] == [t.kpi_key for t in TARGETS]
    moved = desk.improvement.action(open_action.id)
    assert moved.cycle_id == following.id and moved.carry_count == 1
    desk.cycles.evaluate(
        leader, following.id, kpi_values={"handover_on_time": 97}, conclusions="好"
    )
    first = desk.cycles.comparison(following.id)[0]
    assert first.previous == 93.0 and first.change == pytest.approx(4.0)
    assert verify_database(desk.db).ok


def test_kpi_provider_fills_the_snapshot_and_missing_stays_none(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader = crew["leader"]
    cycle_id = _cycle(desk, leader)
    seen = []

    def provider(start: date, end: date) -> dict[str, float | None]:
        seen.append((start, end))
        return {"handover_on_time": 98.0, "incident_response_min": None}

    desk.cycles.kpi_provider = provider
    evaluated = desk.cycles.evaluate(leader, cycle_id, conclusions="自动取数")
    assert seen == [(date(2026, 10, 1), date(2026, 12, 31))]
    assert evaluated.kpi_snapshot == {"handover_on_time": 98.0, "incident_response_min": None}


def test_a_meeting_decision_becomes_an_action_once(desk: Desk, crew: dict[str, Person]) -> None:
    leader, officer = crew["leader"], crew["officer"]
    meeting = desk.meetings.record(
        leader,
        kind="weekly",
        held_on="2026-11-24",
        title="第47周周例会",
        attendee_ids=[leader.id, officer.id],
        topics=["交接班遗漏", "告警音量"],
        decisions=["下周起交接班增加钥匙核对", "维修告警喇叭"],
    )
    assert [d.position for d in meeting.decisions] == [1, 2]
    assert {name for _id, name in meeting.attendees} == {leader.name, officer.name}
    decision = meeting.decisions[0]
    action = desk.meetings.decision_to_action(
        leader, decision.id, kind="preventive", owner_id=officer.id, due_on="2026-12-01"
    )
    assert action.title == decision.text and action.decision_id == decision.id
    assert desk.meetings.decision(decision.id).action_id == action.id
    with pytest.raises(Conflict):
        desk.meetings.decision_to_action(
            leader, decision.id, kind="preventive", owner_id=officer.id, due_on="2026-12-01"
        )
    with pytest.raises(ValidationError):
        desk.meetings.record(
            leader, kind="weekly", held_on="2026-12-24", title="x", attendee_ids=[leader.id]
        )


def test_analysis_counts_by_month_category_and_theme(
    desk: Desk, crew: dict[str, Person], subs: dict[str, int], clock: ManualClock
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    for text, category, sub in (
        ("对讲机没电", "technical", "通信设备"),
        ("电话串线", "technical", "通信设备"),
        ("交接太仓促", "process", "交接班流程"),
    ):
        entry = desk.feedback.submit(officer, text=text)
        desk.feedback.classify(leader, entry.id, category=category, subcategory_id=subs[sub])
    clock.advance(days=10)  # December in Shanghai
    entry = desk.feedback.submit(officer, text="新人不熟悉系统")
    desk.feedback.classify(leader, entry.id, category="people", subcategory_id=subs["培训不足"])
    desk.improvement.create_problem(
        leader,
        title="通信设备老化",
        category="technical",
        source="feedback",
        subcategory_id=subs["通信设备"],
        links=[("incident", "1"), ("incident", "2")],
    )
    rows = desk.improvement_analysis.monthly_counts(date(2026, 11, 1), date(2026, 12, 31))
    by_key = {(r.month, r.category, r.subcategory): (r.feedback, r.problems) for r in rows}
    assert by_key[("2026-11", "technical", "通信设备")] == (2, 0)
    assert by_key[("2026-12", "technical", "通信设备")] == (0, 1)
    assert by_key[("2026-12", "people", "培训不足")] == (1, 0)
    themes = desk.improvement_analysis.feedback_themes(date(2026, 11, 1), date(2026, 12, 31))
    assert (themes[0].label, themes[0].count) == ("通信设备", 2)
    # Incident categories come from the incidents table when it exists ...
    reference = desk.incidents.reference
    aircon = next(c for c in reference.categories() if c.path == "设备 / 空调")
    severity = reference.severities()[0]
    for title in ("空调停机", "空调漏水"):
        desk.incidents.report(leader, title=title, severity_id=severity.id, category_id=aircon.id)
    analysis = desk.improvement_analysis
    incidents = analysis.incident_categories(date(2026, 11, 1), date(2026, 12, 31))
    assert (incidents[0].label, incidents[0].count) == ("设备 / 空调", 2)
    # ... or from a plugged-in counter.
    analysis.incident_category_counts = lambda start, end: [("通信", 1), ("电力", 3)]
    assert [
        t.label for t in analysis.incident_categories(date(2026, 11, 1), date(2026, 12, 31))
    ] == [
        "电力",
        "通信",
    ]
    totals = desk.improvement_analysis.category_totals(date(2026, 11, 1), date(2026, 12, 31))
    assert totals["2026-11"] == {"process": 1, "technical": 2, "people": 0}


def test_subcategories_are_admin_editable(desk: Desk, admin: Person) -> None:
    sub = desk.feedback.add_subcategory(admin, category="technical", name="空调")
    renamed = desk.feedback.update_subcategory(admin, sub.id, name="空调与通风", active=False)
    assert renamed.name == "空调与通风" and not renamed.active
    assert sub.id not in [s.id for s in desk.feedback.subcategories("technical")]
    with pytest.raises(ValidationError):
        desk.feedback.add_subcategory(admin, category="technical", name="空调与通风")


def test_when_the_next_cycle_exists_closing_carries_the_actions_into_it(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, admin, officer = crew["leader"], crew["admin"], crew["officer"]
    earlier = _cycle(desk, leader, "2026-07-01")
    later = _cycle(desk, leader, "2026-10-01")
    assert desk.cycles.cycle(later).previous_id == earlier
    action = desk.improvement.add_action(
        leader,
        kind="preventive",
        title="复核告警阈值",
        owner_id=officer.id,
        due_on="2026-12-20",
        cycle_id=earlier,
    )
    desk.cycles.evaluate(leader, earlier, conclusions="基本达标")
    proposal = desk.cycles.approve(admin, earlier, password=PASSWORD)
    assert proposal.existing_id == later and [a.id for a in proposal.carried_actions] == [action.id]
    assert desk.cycles.create_next(leader, earlier).id == later
    assert desk.improvement.action(action.id).cycle_id == later
    assert len(desk.cycles.cycles(kind="quarter")) == 2


def test_a_closed_problem_takes_no_new_action_until_reopened(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    problem = desk.improvement.create_problem(
        leader, title="重复问题", category="people", source="review"
    )
    desk.improvement.close_problem(leader, problem.id)
    with pytest.raises(Conflict, match="请先重开"):
        desk.improvement.add_action(
            leader,
            kind="corrective",
            title="x",
            owner_id=officer.id,
            due_on="2026-12-01",
            problem_id=problem.id,
        )
    reopened = desk.improvement.reopen_problem(leader, problem.id, reason="再次发生")
    assert reopened.status == "open" and reopened.reopen_count == 1
    assert reopened.reopen_reason == "再次发生"
