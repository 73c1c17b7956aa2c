"""The demo holds the late stages' data: a follow-up assessment with interviews and needs
classified 业务/技术/人员, each traced to its source; report and command line show it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber

from dutydesk.cli.main import main
from dutydesk.demo.site import demo_clock
from dutydesk.demo.stages import FOLLOW_UP_TITLE
from dutydesk.desk import Desk
from dutydesk.store.verify import verify_database


def test_the_demo_follow_up_assessment_has_interviews_and_traced_needs(
    demo_db: Path, tmp_path: Path
) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        follow_up = next(a for a in desk.training.assessments.list() if a.title == FOLLOW_UP_TITLE)
        assert not follow_up.locked
        interviews = desk.training.interviews.list(follow_up.id)
        assert len(interviews) == 3
        assert all(i.findings and i.questions and i.notes for i in interviews)
        assert all(i.interviewee_id != i.interviewer_id for i in interviews)
        needs = follow_up.needs
        assert {n.category for n in needs} == {"business", "technical", "people"}
        assert all(n.source_kind and n.source_ref for n in needs)
        assert {n.source_kind for n in needs} >= {"finding", "figure"}
        data = desk.training.assessments.report_data(follow_up.id)
        assert all((data.need_sources or {})[n.id] != "—" for n in needs)
        assert verify_database(desk.db).ok

    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db, copy)
    out = tmp_path / "assessment.pdf"
    assert (
        main(["report", "assessment", str(copy), "--id", str(follow_up.id), "--out", str(out)]) == 0
    )
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        FOLLOW_UP_TITLE,
        "三、访谈",
        "设备清点仍逐项口头念读",
        "业务类需求",
        "技术类需求",
        "人员类需求",
        "访谈发现：访谈",
        "记录数据：交接班时长",
    ):
        assert expected in text, expected
    assert "+00:00" not in text  # people read site-local times


def test_the_demo_plan_has_resources_two_approved_versions_and_a_pending_change(
    demo_db: Path, tmp_path: Path
) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        service = desk.training.plan_resources
        totals = service.totals()
        assert all(totals.counts[k] > 0 for k in ("people", "material", "budget"))
        assert dict(totals.budget)["CNY"] == 8900.0
        versions = service.versions()
        assert [v.number for v in versions] == [1, 2]
        assert all(v.content_hash for v in versions)
        assert service.state().label_zh == "第 2 版已批准；之后有修改，待批准为第 3 版"
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db, copy)
    out = tmp_path / "plan.pdf"
    assert main(["report", "plan", str(copy), "--out", str(out)]) == 0
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "五、资源（人力、物力、财力）",
        "演练物资",
        "8,900.00 CNY",
        "第 2 版",
        "同意增加复训经费。",
    ):
        assert expected in text, expected


def test_the_demo_communication_plan_and_todo_lists(demo_db: Path) -> None:
    from datetime import date, timedelta

    from dutydesk.demo.site import DEMO_TODAY

    with Desk.open(demo_db, clock=demo_clock()) as desk:
        plan = desk.communication.list()
        assert {p.title for p in plan} == {"值班周例会", "月度值班工作会"}
        week = desk.communication.schedule(DEMO_TODAY, DEMO_TODAY + timedelta(days=6))
        assert [e.title for _d, e in week] == ["月度值班工作会", "值班周例会"]
        admin = desk.people.by_employee_no("admin")
        kinds = {t.kind for t in desk.todo(admin, DEMO_TODAY)}
        assert {"holidays", "qualification"} <= kinds  # 2027 not entered; a lapsed qualification
        leader = desk.people.by_employee_no("2001")
        monday = DEMO_TODAY + timedelta(days=(7 - DEMO_TODAY.weekday()) % 7)
        assert any(t.kind == "meeting" for t in desk.todo(leader, monday))
        assert date.fromisoformat(plan[0].starts_on) < DEMO_TODAY
