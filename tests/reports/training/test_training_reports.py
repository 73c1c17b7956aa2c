"""The needs-analysis report and the plan PDF, checked by their extracted text."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from dutydesk.training.assessments import NeedSpec
from dutydesk.training.questionnaires import QuestionSpec
from reports.assessment import build_assessment_report
from reports.plan import build_plan_report
from tests.conftest import PASSWORD


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    return "".join(text.split())  # table cells and paragraphs wrap anywhere


@pytest.fixture
def assessment(desk, crew):  # type: ignore[no-untyped-def]
    service = desk.training.questionnaires
    q = service.create(
        crew["leader"],
        title="值班现状调查",
        purpose="assessment",
        anonymous=True,
        questions=[
            QuestionSpec("single", "交接班是否准时？", ("总是", "经常", "偶尔")),
            QuestionSpec("scale", "对现有流程的满意度"),
            QuestionSpec("text", "其他建议", required=False),
        ],
    )
    service.set_status(crew["leader"], q.id, "open")
    ids = [x.id for x in q.questions]
    for person, (a, b, c) in zip(
        (crew["officer"], crew["officer2"], crew["leader"]),
        ((0, 4, "希望多演练"), (2, 2, ""), (0, 5, "交接清单太长")),
        strict=True,
    ):
        service.submit(person, q.id, answers={ids[0]: a, ids[1]: b, ids[2]: c})
    service.set_status(crew["leader"], q.id, "closed")
    return desk.training.assessments.create(
        crew["leader"],
        title="第四季度现状评估",
        questionnaire_id=q.id,
        period_start="2026-09-01",
        period_end="2026-11-30",
        summary="交接班耗时偏长，演练不足。",
        needs=[
            NeedSpec("交接班时间过长", "high", "推行交接清单"),
            NeedSpec("夜班演练不足", "medium", "每月一次模拟演练"),
        ],
    )


def test_the_assessment_report_shows_results_needs_and_missing_figures(
    desk, crew, assessment
) -> None:
    text = _text(build_assessment_report(desk, assessment.id))
    for expected in (
        "现状评估报告",
        "第四季度现状评估",
        "交接班是否准时？",
        "2（67%）",  # two of three answered 总是
        "平均分3.67",
        "希望多演练",
        "交接清单太长",
        "推行交接清单",
        "以下指标暂无数据",
        "交接班时长中位数",
        "草稿",
    ):
        assert expected in text, expected


def test_provided_figures_appear_and_a_signed_report_carries_its_hash(
    desk, crew, assessment
) -> None:
    desk.training.assessments.figures_provider = lambda start, end: {
        "incidents_per_day": 4.25,
        "record_completeness": 96.0,
    }
    signed = desk.training.assessments.sign(crew["leader"], assessment.id, password=PASSWORD)
    text = _text(build_assessment_report(desk, assessment.id))
    assert "日均事件数" in text and "4.2" in text and "96%" in text
    assert "批准" in text and "张强" in text
    assert signed.signatures[0].content_hash in text
    assert "记录完整率" not in text.split("以下指标暂无数据")[1]


def test_the_plan_pdf_has_a_timeline_and_flags_overdue_tasks_and_high_risks(desk, crew) -> None:
    plan = desk.training.plan
    m = plan.save_milestone(crew["admin"], title="全员培训完成", due_on="2026-12-20")
    plan.save_task(
        crew["admin"],
        title="编写值班手册",
        start_on="2026-10-01",
        due_on="2026-11-15",
        owner_id=crew["leader"].id,
        milestone_id=m.id,
        resources="2 人",
    )
    plan.save_task(
        crew["admin"],
        title="模拟演练",
        start_on="2026-12-01",
        due_on="2026-12-10",
        milestone_id=m.id,
    )
    plan.save_risk(
        crew["admin"], title="夜班人手不足", likelihood=4, impact=4, mitigation="借调备班"
    )
    plan.save_risk(crew["admin"], title="打印机故障", likelihood=1, impact=2)
    text = _text(build_plan_report(desk))
    for expected in (
        "实施计划",
        "2026-11",
        "2026-12",
        "今天2026-11-25",
        "逾期任务1：编写值班手册",
        "高风险1：夜班人手不足",
        "未开始（逾期）",
        "借调备班",
        "风险登记册",
    ):
        assert expected in text, expected


def test_an_empty_plan_still_makes_a_document(desk) -> None:
    assert "计划中还没有任务和里程碑" in _text(build_plan_report(desk))
