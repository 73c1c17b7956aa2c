"""Demo data for the standardisation stages added late: a draft follow-up assessment with
interviews and needs classified 业务/技术/人员, each traced to where it came from."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import LEADER, OFFICER, Person
from dutydesk.training.assessments import NeedSpec

_TZ = ZoneInfo("Asia/Shanghai")
FOLLOW_UP_TITLE = "2026年第四季度值班现状复评"

# (interviewee index in the duty crew, role, questions, notes, findings)
INTERVIEWS: tuple[tuple[int, str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        0,
        "值班长",
        (
            "新交接班检查表试行后，交接班用时有何变化？",
            "交接班中最容易遗漏的是什么？",
            "夜班人手是否够用？",
        ),
        "试行两周后交接班普遍缩短到 15 分钟左右，但设备清点仍逐项口头念读。"
        "夜班只有两人时，一人外出处置，另一人无法离岗取件。",
        (
            "设备清点仍逐项口头念读，占交接班近一半时间",
            "夜班两人在岗时一人外出处置，值班室只剩一人",
        ),
    ),
    (
        3,
        "值班员",
        (
            "接警登记时最费时的是哪一步？",
            "值班台系统使用中遇到什么问题？",
            "希望增加哪方面的培训？",
        ),
        "接警时要在纸质登记簿和系统里各记一遍。卫星电话很少用，遇到时不会操作。",
        (
            "接警信息纸质登记簿与系统重复填写",
            "卫星电话等备用通信设备不会使用",
        ),
    ),
    (
        6,
        "新入职值班员",
        ("上岗前的培训是否够用？", "遇到不清楚的情况通常问谁？"),
        "上岗培训以讲授为主，缺少实操；夜里遇到不清楚的上报时限只能打电话问值班长。",
        ("新人上岗前缺少实操演练", "上报时限卡片没有张贴在值班台"),
    ),
)


def populate(desk: Desk, *, rng: random.Random, today: date, people: Sequence[Person]) -> None:
    """Add the follow-up assessment (a draft: still being written) with its interviews."""
    original = desk.clock
    clock = ManualClock(datetime.combine(today - timedelta(days=12), time(9), tzinfo=_TZ))
    desk.clock = clock
    try:
        with desk.db.atomic():
            _assessment(desk, clock, rng, today, people)
    finally:
        desk.clock = original


def _assessment(
    desk: Desk,
    clock: ManualClock,
    rng: random.Random,
    today: date,
    people: Sequence[Person],
) -> None:
    admin = people[0]
    leaders = [p for p in people if LEADER in p.roles and p.id != admin.id] or [admin]
    author = leaders[0]
    crew = [p for p in people if OFFICER in p.roles and p.id != author.id]
    survey = next((q for q in desk.training.questionnaires.list(purpose="assessment")), None)
    service = desk.training.assessments
    assessment = service.create(
        author,
        title=FOLLOW_UP_TITLE,
        questionnaire_id=survey.id if survey else None,
        period_start=today.replace(day=1) - timedelta(days=61),
        period_end=today - timedelta(days=1),
        summary="交接班清单试行后用时缩短，但设备清点和接警重复登记仍占用大量时间；"
        "夜班人手和备用通信设备的使用是下一阶段的重点。",
    )
    findings: list[int] = []
    for number, (index, role, questions, notes, texts) in enumerate(INTERVIEWS):
        clock.advance(days=2 + number, hours=rng.randint(0, 5))
        interviewee = crew[min(index, len(crew) - 1)]
        interview = desk.training.interviews.add(
            author,
            assessment.id,
            held_on=clock().astimezone(_TZ).date(),
            interviewer_id=author.id,
            interviewee_id=interviewee.id,
            interviewee_role=role,
            questions=questions,
            notes=notes,
            findings=texts,
        )
        findings += [f.id for f in interview.findings]
    question = None
    if survey is not None:
        question = next(
            (q for q in survey.questions if q.kind == "single" and "演练" in q.text), None
        )
    needs = [
        NeedSpec(
            "设备清点改为按清单勾选，不再逐项念读",
            "high",
            "修订交接班检查表第 3 部分，下周例会通过后执行",
            "business",
            "finding",
            str(findings[0]),
        ),
        NeedSpec(
            "交接班用时仍偏长，需继续压缩",
            "medium",
            "每周统计交接班时长，纳入周例会通报",
            "business",
            "figure",
            "handover_minutes",
        ),
        NeedSpec(
            "接警信息只在值班台系统登记一次",
            "high",
            "停用纸质接警登记簿，系统故障时再启用",
            "technical",
            "finding",
            str(findings[2]),
        ),
        NeedSpec(
            "备用通信设备（卫星电话）操作培训",
            "medium",
            "每季度一次实操培训并测试",
            "technical",
            "finding",
            str(findings[3]),
        ),
        NeedSpec(
            "夜班增设一名备班，外出处置时有人顶岗",
            "high",
            "下月排班起试行夜班备班",
            "people",
            "finding",
            str(findings[1]),
        ),
        NeedSpec(
            "新人上岗前增加模拟演练",
            "medium",
            "上岗前至少参加一次模拟演练",
            "people",
            *(("question", str(question.id)) if question else ("finding", str(findings[4]))),
        ),
    ]
    clock.advance(days=1)
    service.update(
        author,
        assessment.id,
        title=assessment.title,
        questionnaire_id=assessment.questionnaire_id,
        period_start=assessment.period_start,
        period_end=assessment.period_end,
        summary=assessment.summary,
        needs=needs,
    )
