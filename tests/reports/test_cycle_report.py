"""The cycle review PDF (周期评估报告): content checked by extracting its text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber

from dutydesk.cli.main import main
from dutydesk.desk import Desk
from dutydesk.improvement.cycles import CycleTarget
from dutydesk.people.auth import Person
from reports.cycle import build_cycle_report
from tests.conftest import PASSWORD


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_report_shows_plan_kpis_actions_decisions_and_signature(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, officer, admin = crew["leader"], crew["officer"], crew["admin"]
    cycle = desk.cycles.create_cycle(
        leader,
        kind="quarter",
        start_date="2026-10-01",
        goals=["交接班零遗漏"],
        targets=[
            CycleTarget("handover_on_time", "交接班准时率", 95, "at_least", "%"),
            CycleTarget("training_coverage", "培训覆盖率", 90, "at_least", "%"),
        ],
    )
    problem = desk.improvement.create_problem(
        leader,
        title="对讲机电池老化",
        category="technical",
        source="incident",
        links=[("incident", "INC-7"), ("incident", "INC-9")],
    )
    desk.improvement.add_action(
        leader,
        kind="corrective",
        title="更换对讲机电池",
        owner_id=officer.id,
        due_on="2026-12-05",
        problem_id=problem.id,
        cycle_id=cycle.id,
    )
    desk.meetings.record(
        leader,
        kind="monthly",
        held_on="2026-11-20",
        title="十一月月度会",
        attendee_ids=[leader.id, officer.id],
        decisions=["每月测试一次备用电话"],
    )
    desk.cycles.evaluate(
        leader, cycle.id, kpi_values={"handover_on_time": 96.0}, conclusions="准时率达标"
    )
    desk.cycles.approve(admin, cycle.id, password=PASSWORD)

    text = _text(build_cycle_report(desk, cycle.id))
    for expected in (
        "周期评估报告",
        "2026年第4季度优化周期",
        "交接班零遗漏",
        "交接班准时率",
        "96%",
        "达标",
        "未录入",  # the missing KPI, never a zero
        "更换对讲机电池",
        "每月测试一次备用电话",
        "对讲机电池老化",
        "批准",
        admin.name,
        "记录哈希",
        "CYCLE-0001",
    ):
        assert expected in text, expected
    assert "培训覆盖率 不低于 90% 0" not in text


def test_an_open_cycle_reports_that_it_is_not_evaluated_or_signed(
    desk: Desk, crew: dict[str, Person]
) -> None:
    cycle = desk.cycles.create_cycle(crew["leader"], kind="half_year", start_date="2026-07-01")
    text = _text(build_cycle_report(desk, cycle.id))
    assert "尚未评估" in text and "尚未批准签名" in text and "记录哈希" not in text


def test_the_command_line_writes_the_demo_cycle_report(
    demo_db: Path, tmp_path: Path, capsys
) -> None:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    out = tmp_path / "cycle.pdf"
    assert main(["report", "cycle", str(copy), "--id", "1", "--out", str(out)]) == 0
    text = _text(out.read_bytes())
    assert "已批准" in text and "批准" in text and "整改措施" in text
    assert main(["report", "cycle", str(copy), "--id", "99", "--out", str(out)]) == 2
    assert "优化周期不存在" in capsys.readouterr().err
