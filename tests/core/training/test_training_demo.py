"""The demo database carries a past assessment, training with tests, the matrix and a plan."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from dutydesk.clock import parse_iso
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.roster.qualifications import qualification_status


def _demo_today(desk: Desk) -> date:
    """The day the demo was made (its people were created then), not the wall clock."""
    created = desk.db.execute("SELECT created_at FROM people WHERE employee_no = 'admin'")
    return parse_iso(created.fetchone()[0]).astimezone(ZoneInfo("Asia/Shanghai")).date()


def test_the_demo_has_a_signed_assessment_with_anonymous_answers(demo_db) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        [assessment] = [a for a in desk.training.assessments.list() if a.locked]
        assert assessment.locked and assessment.signatures[0].meaning == "approve"
        assert len(assessment.needs) >= 3
        results = desk.training.questionnaires.results(assessment.questionnaire_id)
        assert results.questionnaire.anonymous and results.responses >= 15
        assert desk.db.execute(
            "SELECT count(*) FROM questionnaire_responses WHERE person_id IS NOT NULL"
            " AND questionnaire_id = ?",
            [assessment.questionnaire_id],
        ).fetchone() == (0,)
        assert date.fromisoformat(assessment.period_end) < _demo_today(desk)


def test_the_demo_has_sessions_of_every_kind_tests_and_scores(demo_db) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        kinds = {s.kind for s in desk.training.sessions()}
        assert kinds == {"lecture", "drill", "simulation", "practice"}
        attempts = desk.training.attempts()
        assert len(desk.training.tests()) >= 2 and len(attempts) >= 20
        assert any(a.passed for a in attempts)


def test_the_demo_matrix_has_one_expiring_and_one_expired_qualification(demo_db) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        today = _demo_today(desk)
        states = [state for _, state in desk.training.qualifications.expiring(on=today)]
        assert sorted(states) == ["expired", "expiring"]
        soon = next(
            q for q, s in desk.training.qualifications.expiring(on=today) if s == "expiring"
        )
        ok, reason, _ = qualification_status(desk, soon.person_id, "officer", "day", today)
        assert ok and "到期" in reason


def test_the_demo_plan_has_an_overdue_task_and_a_high_risk(demo_db) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        plan = desk.training.plan.plan(today=_demo_today(desk))
        assert len(plan.milestones) == 4
        assert [t.title for t in plan.overdue] == ["修订交接班检查表"]
        assert [r.title for r in plan.high_risks] == ["夜班人员不足，培训无法全员参加"]


def test_the_demo_needs_analysis_reads_incident_figures_from_the_kpi_engine(demo_db) -> None:
    from datetime import timedelta

    from dutydesk.connections import kpi_figures_provider

    with Desk.open(demo_db, clock=demo_clock()) as desk:
        today = _demo_today(desk)
        figures = kpi_figures_provider(desk)(today - timedelta(days=30), today - timedelta(days=1))
        assert figures["incidents_per_day"] is not None and figures["incidents_per_day"] > 0
        assert figures["resolution_minutes"] is not None
