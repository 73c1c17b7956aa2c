"""Interviews beside the questionnaire, needs classified 业务/技术/人员 and traced to the
finding, figure or question they came from; the 现状评估报告 shows both."""

from __future__ import annotations

import io
import sqlite3

import pdfplumber
import pytest

from dutydesk.errors import Conflict, Locked, PermissionDenied, ValidationError
from dutydesk.store import audit
from dutydesk.store.signing import content_hash, signatures_for
from dutydesk.store.verify import verify_database
from dutydesk.training.assessments import NeedSpec
from reports.assessment import build_assessment_report
from tests.conftest import PASSWORD


@pytest.fixture
def assessment(desk, crew, survey):  # type: ignore[no-untyped-def]
    return desk.training.assessments.create(
        crew["leader"],
        title="2026 年第四季度值班现状评估",
        questionnaire_id=survey.id,
        period_start="2026-09-01",
        period_end="2026-11-30",
        needs=[NeedSpec("交接班时间过长", "high", "推行交接清单")],
    )


@pytest.fixture
def interview(desk, crew, assessment):  # type: ignore[no-untyped-def]
    return desk.training.interviews.add(
        crew["leader"],
        assessment.id,
        held_on="2026-11-20",
        interviewer_id=crew["leader"].id,
        interviewee_id=crew["officer"].id,
        interviewee_role="夜班值班员",
        questions=["交接班最费时的是哪一步？", "夜班最缺什么？"],
        notes="设备清点逐项口头念，耗时约十分钟。",
        findings=["设备清点占交接班一半时间", "夜班只有一人时无法离岗取件"],
    )


def test_an_interview_is_recorded_with_questions_notes_and_findings_and_audited(
    desk, crew, assessment, interview
) -> None:
    got = desk.training.interviews.get(interview.id)
    assert got.interviewee_name == "李丽" and got.interviewer_name == "张强"
    assert got.interviewee_label == "李丽（夜班值班员）"
    assert got.questions == ("交接班最费时的是哪一步？", "夜班最缺什么？")
    assert [f.text for f in got.findings] == [
        "设备清点占交接班一半时间",
        "夜班只有一人时无法离岗取件",
    ]
    assert [i.id for i in desk.training.interviews.list(assessment.id)] == [interview.id]
    rows = audit.entries(desk.db, entity="assessment_interviews", entity_id=interview.id)
    assert rows and rows[0].actor_label == "张强" and rows[0].action == "create"
    outsider = desk.training.interviews.add(
        crew["leader"],
        assessment.id,
        held_on="2026-11-21",
        interviewer_id=crew["leader"].id,
        interviewee_name="保障科 周工",
    )
    assert outsider.interviewee_name == "保障科 周工" and outsider.findings == ()
    added = desk.training.interviews.add_finding(
        crew["leader"], outsider.id, text="备用电台长期未测试"
    )
    assert added.position == 1
    assert verify_database(desk.db).ok


def test_interview_input_is_validated_and_permission_checked(desk, crew, assessment) -> None:
    service = desk.training.interviews
    base = {"held_on": "2026-11-20", "interviewer_id": crew["leader"].id}
    with pytest.raises(PermissionDenied):
        service.add(crew["officer"], assessment.id, interviewee_name="某人", **base)
    with pytest.raises(ValidationError) as missing:
        service.add(crew["leader"], assessment.id, **base)
    assert missing.value.field == "interviewee_name"
    with pytest.raises(ValidationError) as future:
        service.add(
            crew["leader"],
            assessment.id,
            interviewee_name="某人",
            held_on="2026-12-30",
            interviewer_id=crew["leader"].id,
        )
    assert future.value.field == "held_on"
    with pytest.raises(ValidationError):
        service.add(
            crew["leader"],
            assessment.id,
            interviewee_name="某人",
            held_on="2026-11-20",
            interviewer_id=9999,
        )
    with pytest.raises(ValidationError):
        service.add(
            crew["leader"], assessment.id, interviewee_name="某人", findings=["x" * 1001], **base
        )
    # The schema holds the rule against raw SQL too.
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO assessment_interviews (assessment_id, held_on, interviewer_id,"
            " created_at, updated_at) VALUES (?, '2026-11-20', ?, 'x', 'x')",
            [assessment.id, crew["leader"].id],
        )


def test_needs_are_classified_and_traced_to_a_finding_figure_or_question(
    desk, crew, survey, assessment, interview
) -> None:
    service = desk.training.assessments
    finding = interview.findings[0]
    question = survey.questions[0]
    updated = service.update(
        crew["leader"],
        assessment.id,
        title=assessment.title,
        questionnaire_id=survey.id,
        period_start="2026-09-01",
        period_end="2026-11-30",
        needs=[
            NeedSpec(
                "精简设备清点", "high", "改为按清单勾选", "business", "finding", str(finding.id)
            ),
            NeedSpec("交接班时长偏长", "medium", "", "business", "figure", "handover_minutes"),
            NeedSpec("夜班增配备班", "high", "", "people", "question", str(question.id)),
            NeedSpec("告警系统误报", "low", "", "technical"),
        ],
    )
    assert [(n.category, n.source_kind) for n in updated.needs] == [
        ("business", "finding"),
        ("business", "figure"),
        ("people", "question"),
        ("technical", None),
    ]
    for bad in (
        NeedSpec("x", category="money"),
        NeedSpec("x", category="business", source_kind="figure", source_ref="no_such_figure"),
        NeedSpec("x", category="business", source_kind="finding", source_ref="9999"),
        NeedSpec("x", category="business", source_kind="finding"),
        NeedSpec("x", category="business", source_kind="rumour", source_ref="1"),
    ):
        with pytest.raises(ValidationError):
            service.update(
                crew["leader"],
                assessment.id,
                title=assessment.title,
                questionnaire_id=survey.id,
                period_start="2026-09-01",
                period_end="2026-11-30",
                needs=[bad],
            )
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE assessment_needs SET category = 'money'")
    # A finding cited by a need keeps its interview.
    with pytest.raises(Conflict, match="引用了此访谈"):
        desk.training.interviews.delete(crew["leader"], interview.id)

    data = service.report_data(assessment.id)
    sources = data.need_sources or {}
    labels = [sources[n.id] for n in data.assessment.needs]
    assert labels[0] == "访谈发现：访谈 李丽（夜班值班员）（2026-11-20）第 1 条"
    assert labels[1].startswith("记录数据：交接班时长中位数")
    assert labels[2] == f"问卷题目：第 1 题 {question.text}"
    assert labels[3] == "—"

    with pdfplumber.open(io.BytesIO(build_assessment_report(desk, assessment.id))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "三、访谈",
        "访谈 1：李丽（夜班值班员） 2026-11-20 访谈人 张强",
        "交接班最费时的是哪一步？",
        "设备清点逐项口头念",
        "1. 设备清点占交接班一半时间",
        "业务类需求（2 项）",
        "技术类需求（1 项）",
        "人员类需求（1 项）",
        "精简设备清点",
        "访谈发现：访谈 李丽",
    ):
        assert expected in text, expected
    assert text.index("业务类需求") < text.index("技术类需求") < text.index("人员类需求")


def test_signing_locks_the_interviews_and_covers_them_in_the_hash(
    desk, crew, survey, assessment, interview
) -> None:
    desk.training.questionnaires.set_status(crew["leader"], survey.id, "closed")
    desk.training.assessments.sign(crew["leader"], assessment.id, password=PASSWORD)
    with pytest.raises(Locked):
        desk.training.interviews.add_finding(crew["leader"], interview.id, text="补充")
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        desk.db.execute(
            "UPDATE interview_findings SET text = '改' WHERE id = ?", [interview.findings[0].id]
        )
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        desk.db.execute("UPDATE assessment_interviews SET notes = '改'")
    signature = signatures_for(desk.db, "assessments", assessment.id)[0]
    assert signature.content_hash == content_hash(desk.db, "assessments", assessment.id)
    assert verify_database(desk.db).ok


def test_an_assessment_signed_without_the_new_fields_still_verifies(
    desk, crew, survey, assessment
) -> None:
    """Needs and contents written before 0012 hash exactly as before."""
    desk.training.questionnaires.set_status(crew["leader"], survey.id, "closed")
    desk.training.assessments.sign(crew["leader"], assessment.id, password=PASSWORD)
    from dutydesk.training.assessments import _content

    content = _content(desk.db, assessment.id)
    assert "interviews" not in content
    assert set(content["needs"][0]) == {"position", "need", "priority", "action"}
    assert verify_database(desk.db).ok
