"""The implementation plan: tasks with dates and owners, overdue detection, the risk register."""

from __future__ import annotations

from datetime import date

import pytest

from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.store.verify import verify_database
from dutydesk.training.plans import risk_level


def test_a_task_due_before_its_start_is_rejected(desk, crew) -> None:
    with pytest.raises(
        ValidationError, match="截止日期 2026-11-01 早于开始日期 2026-11-10"
    ) as caught:
        desk.training.plan.save_task(
            crew["leader"], title="培训", start_on="2026-11-10", due_on="2026-11-01"
        )
    assert caught.value.field == "due_on"
    assert desk.db.execute("SELECT count(*) FROM plan_tasks").fetchone()[0] == 0


def test_overdue_tasks_are_open_tasks_past_their_due_date(desk, crew) -> None:
    plan = desk.training.plan
    milestone = plan.save_milestone(crew["leader"], title="全员培训完成", due_on="2026-12-15")
    late = plan.save_task(
        crew["leader"],
        title="编写手册",
        start_on="2026-11-01",
        due_on="2026-11-20",
        owner_id=crew["officer"].id,
        milestone_id=milestone.id,
        resources="2 人 × 3 天",
    )
    plan.save_task(
        crew["leader"], title="已完成的", start_on="2026-11-01", due_on="2026-11-10", status="done"
    )
    plan.save_task(crew["leader"], title="今天到期", start_on="2026-11-01", due_on="2026-11-25")
    plan.save_task(
        crew["leader"],
        title="取消的",
        start_on="2026-11-01",
        due_on="2026-11-02",
        status="cancelled",
    )
    assert [t.title for t in plan.overdue_tasks()] == ["编写手册"]  # clock: 2026-11-25
    assert [t.title for t in plan.overdue_tasks(today=date(2026, 11, 26))] == [
        "编写手册",
        "今天到期",
    ]
    assert late.owner_name == "李丽" and late.resources == "2 人 × 3 天"
    done = plan.set_task_status(crew["leader"], late.id, "done")
    assert done.done_on == "2026-11-25" and not plan.overdue_tasks()
    assert verify_database(desk.db).ok


def test_risks_score_likelihood_times_impact_and_high_ones_are_flagged(desk, crew) -> None:
    plan = desk.training.plan
    plan.save_risk(
        crew["admin"],
        title="人员不足",
        likelihood=4,
        impact=4,
        owner_id=crew["leader"].id,
        mitigation="借调",
    )
    low = plan.save_risk(crew["admin"], title="打印机故障", likelihood=2, impact=2)
    closed = plan.save_risk(
        crew["admin"], title="系统停机", likelihood=5, impact=5, status="closed"
    )
    assert [r.title for r in plan.high_risks()] == ["人员不足"]
    assert low.level == "low" and closed.score == 25 and not closed.is_high
    assert [risk_level(s) for s in (15, 14, 8, 7)] == ["high", "medium", "medium", "low"]
    with pytest.raises(ValidationError, match="可能性必须是 1–5"):
        plan.save_risk(crew["admin"], title="x", likelihood=6, impact=1)


def test_only_leaders_and_admins_edit_the_plan(desk, crew) -> None:
    for person in (crew["officer"], crew["auditor"]):
        with pytest.raises(PermissionDenied):
            desk.training.plan.save_milestone(person, title="x", due_on="2026-12-01")
