"""Demo data for the standardisation stages added late: a draft follow-up assessment with
interviews and needs classified 业务/技术/人员, each traced to where it came from; the
plan's resources (人力、物力、财力) with two approved versions and a later change; the
communication plan; training materials of courses and process steps."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dutydesk.clock import ManualClock
from dutydesk.demo.timing import manual_clock
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


# Plan resources by task title: (kind, description, quantity or amount, unit).
RESOURCES: dict[str, tuple[tuple[str, str, float, str], ...]] = {
    "发放并回收现状调查问卷": (
        ("people", "值班长组织填写与回收", 1, "人·天"),
        ("material", "纸质问卷", 30, "份"),
    ),
    "编写现状评估报告": (("people", "值班长撰写报告", 2, "人·天"),),
    "交接班规范培训与测试": (
        ("people", "讲师授课与出题", 2, "人·天"),
        ("material", "会议室与投影仪", 1, "间"),
        ("budget", "培训教材印刷", 800, "CNY"),
    ),
    "起草值班流程手册": (
        ("people", "两名值班长起草", 10, "人·天"),
        ("budget", "流程手册印刷装订", 1500, "CNY"),
    ),
    "组织评审并发布": (("people", "评审会（6 人 × 1 天）", 6, "人·天"),),
    "突发事件处置培训与演练": (
        ("people", "演练组织与导调", 8, "人·天"),
        ("material", "模拟报警电话", 2, "部"),
        ("budget", "演练物资", 2400, "CNY"),
    ),
    "修订交接班检查表": (
        ("people", "值班长修订", 4, "人·天"),
        ("material", "检查表打印", 200, "份"),
    ),
    "资格到期人员复训": (("people", "讲师复训", 1, "人·天"),),
    "新流程试运行（两周）": (("people", "全体值班人员试运行记录", 28, "人·天"),),
    "试运行总结与改进": (("people", "总结评审", 3, "人·天"),),
}


# Resources added after the plan's first approval: (days before today, hour, task title,
# kind, description, quantity or amount, unit, the approval's note the next day or "").
LATER_RESOURCES: tuple[tuple[int, int, str, str, str, float, str, str], ...] = (
    # Three weeks before today: retraining needs a budget of its own.
    (20, 15, "资格到期人员复训", "budget", "复训考核及证书费用", 1200, "", "同意增加复训经费。"),
    # Last week: the trial run needs printed checklists; not yet approved.
    (3, 16, "新流程试运行（两周）", "material", "交接班检查表（试行版）", 300, "份", ""),
)


def populate(
    desk: Desk,
    *,
    rng: random.Random,
    today: date,
    people: Sequence[Person],
    password: str = "demo1234",
) -> None:
    """Add the follow-up assessment (a draft: still being written) with its interviews,
    and the plan's resources with two approved versions and later, unapproved changes.

    ``password`` is the first person's (the administrator approves the plan with it).
    """
    start = datetime.combine(today - timedelta(days=12), time(9), tzinfo=_TZ)
    with manual_clock(desk, start) as clock, desk.db.atomic():
        _assessment(desk, clock, rng, today, people)
        _plan(desk, clock, today, people, password)
        _communication(desk, clock, today, people)
        _materials(desk, clock, today, people)


def _save_resource(
    desk: Desk,
    admin: Person,
    kind: str,
    description: str,
    value: float,
    unit: str = "",
    **owner: int,
) -> None:
    """One resource of a task (``task_id=``) or a milestone (``milestone_id=``): a budget
    counts ``value`` as an amount in ``unit`` (the currency, CNY when empty), people and
    material as a quantity of ``unit``."""
    fields: dict[str, Any] = (
        dict(owner, amount=value, currency=unit or "CNY")
        if kind == "budget"
        else dict(owner, quantity=value, unit=unit)
    )
    desk.training.plan_resources.save_resource(admin, kind=kind, description=description, **fields)


def _plan(
    desk: Desk, clock: ManualClock, today: date, people: Sequence[Person], password: str
) -> None:
    admin = people[0]
    plan, res = desk.training.plan, desk.training.plan_resources
    tasks = {t.title: t for t in plan.tasks()}
    if not tasks:
        return
    clock.set(datetime.combine(today - timedelta(days=88), time(10), tzinfo=_TZ))
    for title, items in RESOURCES.items():
        task = tasks.get(title)
        if task is None:
            continue
        for kind, description, value, unit in items:
            _save_resource(desk, admin, kind, description, value, unit, task_id=task.id)
    milestones = {m.title: m for m in plan.milestones()}
    if "全员培训及考核完成" in milestones:
        milestone = milestones["全员培训及考核完成"]
        _save_resource(desk, admin, "budget", "考核优秀人员奖励", 3000, milestone_id=milestone.id)
    clock.advance(hours=2)
    res.approve(admin, password=password, note="同意按计划实施，预算在年度培训经费中列支。")
    for days_ago, hour, title, kind, description, value, unit, note in LATER_RESOURCES:
        clock.set(datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=_TZ))
        if title in tasks:
            _save_resource(desk, admin, kind, description, value, unit, task_id=tasks[title].id)
            if note:
                clock.advance(days=1)
                res.approve(admin, password=password, note=note)


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


def _communication(desk: Desk, clock: ManualClock, today: date, people: Sequence[Person]) -> None:
    """The communication plan: the weekly meeting of the leaders and one officer per team
    on Mondays, the monthly meeting of everyone on duty on the 28th by video."""
    admin = people[0]
    clock.set(datetime.combine(today.replace(day=1) - timedelta(days=61), time(9), tzinfo=_TZ))
    leaders = [p.id for p in people if LEADER in p.roles]
    officers = [p for p in people if OFFICER in p.roles and LEADER not in p.roles]
    by_team: dict[str, int] = {}
    for person in officers:
        by_team.setdefault(person.team, person.id)
    start = clock().astimezone(_TZ).date()
    desk.communication.save(
        admin,
        title="值班周例会",
        meeting_kind="weekly",
        weekday=0,
        time_of_day="09:00",
        channel="in_person",
        attendee_ids=leaders + list(by_team.values()),
        starts_on=start,
    )
    desk.communication.save(
        admin,
        title="月度值班工作会",
        meeting_kind="monthly",
        day_of_month=28,
        time_of_day="15:00",
        channel="video",
        attendee_ids=leaders + [p.id for p in officers],
        starts_on=start,
    )


def _tiny_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF with ASCII lines in Helvetica, built by hand (the core has no
    reportlab); byte offsets in the cross-reference table are exact."""
    text = (
        "BT /F1 14 Tf 72 760 Td 18 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _tiny_png(width: int, height: int, bands: Sequence[tuple[int, int, int]]) -> bytes:
    """A PNG of horizontal colour bands (a stand-in for a scanned wall card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = bytearray()
    for y in range(height):
        colour = bands[y * len(bands) // height]
        rows += b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


# (course title or step key, title, file name, content)
def _material_files() -> tuple[tuple[str, str, str, bytes], ...]:
    handover_notes = (
        "# 交接班要点\n\n"
        "1. 交班前 15 分钟整理交班事项，未闭环事项逐条写清现状和下一步。\n"
        "2. 按检查表逐项核对：设备、钥匙、台账、通信。\n"
        "3. 双方在值班台签字确认，签字后记录锁定，只能更正不能修改。\n"
    ).encode()
    reporting = (
        "# 接警登记要素\n\n"
        "- 时间、地点、报告人及联系方式\n"
        "- 事件经过、影响范围、已采取的措施\n"
        "- 初步等级（一般/较大/重大/特别重大）\n"
        "- 较大及以上事件：30 分钟内电话报告值班长，1 小时内书面报告\n"
    ).encode()
    return (
        (
            "值班流程与交接班规范",
            "交接班检查表（2026 版）",
            "handover-checklist-2026.pdf",
            _tiny_pdf(("Handover checklist 2026", "1 Equipment  2 Keys  3 Logbook", "4 Radios")),
        ),
        ("值班流程与交接班规范", "交接班要点", "交接班要点.md", handover_notes),
        (
            "突发事件接报与处置",
            "事件分级与上报时限卡",
            "事件分级与上报时限卡.png",
            _tiny_png(96, 60, ((200, 40, 40), (230, 140, 30), (240, 210, 60), (60, 120, 200))),
        ),
        ("P1", "接警登记要素", "接警登记要素.md", reporting),
        (
            "H2",
            "交接清单核对示范",
            "handover-check-demo.pdf",
            _tiny_pdf(("Handover check, step by step", "Read each item aloud, tick, sign")),
        ),
    )


def _materials(desk: Desk, clock: ManualClock, today: date, people: Sequence[Person]) -> None:
    """Training materials: slides and cards for two courses, notes for two process steps."""
    admin = people[0]
    clock.set(datetime.combine(today - timedelta(days=40), time(14), tzinfo=_TZ))
    courses = {c.title: c.id for c in desk.training.courses()}
    for owner, title, filename, data in _material_files():
        clock.advance(minutes=20)
        where: dict[str, Any] = (
            {"course_id": courses[owner]} if owner in courses else {"step_key": owner}
        )
        desk.training.materials.add(admin, title=title, filename=filename, data=data, **where)
