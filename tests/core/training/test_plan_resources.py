"""Plan resources (人力、物力、财力) with totals, and versioned approval with a password
signature; the plan PDF shows resources, totals and signatures."""

from __future__ import annotations

import io
import sqlite3

import pdfplumber
import pytest

from dutydesk.errors import Conflict, PermissionDenied, ValidationError
from dutydesk.store.signing import content_hash, signatures_for
from dutydesk.store.verify import verify_database
from reports.plan import build_plan_report
from tests.conftest import PASSWORD


@pytest.fixture
def planned(desk, crew):  # type: ignore[no-untyped-def]
    plan, res, leader = desk.training.plan, desk.training.plan_resources, crew["leader"]
    milestone = plan.save_milestone(leader, title="新检查表全面启用", due_on="2026-12-31")
    task = plan.save_task(
        leader,
        title="修订交接班检查表",
        start_on="2026-11-01",
        due_on="2026-12-10",
        owner_id=crew["officer"].id,
        milestone_id=milestone.id,
    )
    res.save_resource(leader, task_id=task.id, kind="people", description="值班长两人", quantity=4)
    res.save_resource(
        leader, task_id=task.id, kind="material", description="打印检查表", quantity=200, unit="份"
    )
    res.save_resource(
        leader, task_id=task.id, kind="budget", description="印刷费", amount=600, currency="cny"
    )
    res.save_resource(
        leader,
        milestone_id=milestone.id,
        kind="budget",
        description="启用培训茶歇",
        amount=350.5,
    )
    res.save_resource(
        leader, milestone_id=milestone.id, kind="people", description="全员培训", quantity=12
    )
    return {"milestone": milestone, "task": task}


def test_resources_of_three_kinds_are_totalled(desk, crew, planned) -> None:
    res = desk.training.plan_resources
    by_task = res.resources(task_id=planned["task"].id)
    assert [r.kind for r in by_task] == ["people", "material", "budget"]
    assert by_task[0].measure == "4 人·天" and by_task[1].measure == "200 份"
    assert by_task[2].measure == "600.00 CNY"
    totals = res.totals()
    assert totals.people == (("人·天", 16.0),)
    assert totals.material == (("份", 200.0),)
    assert totals.budget == (("CNY", 950.5),)
    assert totals.counts == {"people": 2, "material": 1, "budget": 2}
    assert verify_database(desk.db).ok


def test_resource_input_is_validated_and_permission_checked(desk, crew, planned) -> None:
    res, task_id = desk.training.plan_resources, planned["task"].id
    with pytest.raises(PermissionDenied):
        res.save_resource(crew["officer"], task_id=task_id, kind="people", description="x")
    bad_inputs = [
        ({"kind": "time", "description": "x"}, "kind"),
        ({"kind": "people", "description": " "}, "description"),
        ({"kind": "people", "description": "x", "quantity": 0}, "quantity"),
        ({"kind": "budget", "description": "x", "amount": -1}, "amount"),
        ({"kind": "budget", "description": "x", "amount": "many"}, "amount"),
        ({"kind": "budget", "description": "x", "amount": 5, "currency": "RMB1"}, "currency"),
    ]
    for values, field in bad_inputs:
        with pytest.raises(ValidationError) as caught:
            res.save_resource(crew["leader"], task_id=task_id, **values)
        assert caught.value.field == field, values
    with pytest.raises(ValidationError):
        res.save_resource(
            crew["leader"],
            task_id=task_id,
            milestone_id=planned["milestone"].id,
            kind="people",
            description="x",
        )
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO plan_resources (task_id, kind, description) VALUES (?, 'budget', 'x')",
            [task_id],
        )


def test_approval_signs_and_freezes_a_version_and_changes_make_the_next(
    desk, crew, planned
) -> None:
    res, leader = desk.training.plan_resources, crew["leader"]
    assert res.state().latest is None and res.state().label_zh == "草稿，尚未批准"
    with pytest.raises(PermissionDenied):
        res.approve(crew["officer"], password=PASSWORD)
    with pytest.raises(Exception, match="密码"):
        res.approve(leader, password="wrong")
    first = res.approve(leader, password=PASSWORD, note="同意按计划实施")
    assert first.number == 1 and first.approver_name == "张强"
    [signature] = signatures_for(desk.db, "plan_versions", first.id)
    assert signature.meaning == "approve" and signature.person_id == leader.id
    assert signature.content_hash == content_hash(desk.db, "plan_versions", first.id)
    assert res.state().label_zh == "第 1 版，已批准"
    with pytest.raises(Conflict, match="没有修改"):
        res.approve(leader, password=PASSWORD)
    # The approved copy cannot change, even by raw SQL.
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        desk.db.execute("UPDATE plan_versions SET note = '改'")
    # Progress on a task is not a change of plan; a new resource is.
    desk.training.plan.set_task_status(leader, planned["task"].id, "in_progress")
    assert not res.state().changed_since
    res.save_resource(
        leader, task_id=planned["task"].id, kind="budget", description="加印", amount=100
    )
    state = res.state()
    assert state.changed_since and state.label_zh.endswith("待批准为第 2 版")
    second = res.approve(crew["admin"], password=PASSWORD)
    assert second.number == 2 and [v.number for v in res.versions()] == [1, 2]
    assert first.content["resources"] != second.content["resources"]
    assert verify_database(desk.db).ok


def test_the_plan_pdf_shows_resources_totals_and_signatures(desk, crew, planned) -> None:
    desk.training.plan_resources.approve(crew["leader"], password=PASSWORD, note="同意")
    with pdfplumber.open(io.BytesIO(build_plan_report(desk))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "五、资源（人力、物力、财力）",
        "值班长两人",
        "4 人·天",
        "200 份",
        "600.00 CNY",
        "◆ 新检查表全面启用",
        "人力 2 16 人·天",
        "物力 1 200 份",
        "财力 2 950.50 CNY",
        "六、批准与版本",
        "第 1 版，已批准",
        "第 1 版 张强 批准",
        "同意",
        "2026-11-25 08:00",
    ):
        assert expected in text, expected
    assert "+00:00" not in text
