"""Demo data for the training area: a past needs assessment, training with tests, the
qualification matrix (one expiring soon, one expired) and an implementation plan."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dutydesk.clock import ManualClock
from dutydesk.demo.timing import manual_clock
from dutydesk.desk import Desk
from dutydesk.people.auth import AUDITOR, LEADER, OFFICER, Person
from dutydesk.training.assessments import NeedSpec
from dutydesk.training.questionnaires import QuestionSpec
from dutydesk.training.service import SESSION_KINDS, TestQuestionSpec

PASSWORD = "demo1234"
_TZ = ZoneInfo("Asia/Shanghai")

SURVEY = (
    QuestionSpec("single", "您所在的班组", ("一班", "二班", "三班")),
    QuestionSpec(
        "single",
        "交接班通常需要多长时间？",
        ("10 分钟以内", "10–20 分钟", "20–30 分钟", "30 分钟以上"),
    ),
    QuestionSpec("scale", "现有值班流程是否清晰？（1 很不清晰，5 非常清晰）"),
    QuestionSpec("scale", "值班记录填写是否方便？"),
    QuestionSpec("scale", "对突发事件处置的信心"),
    QuestionSpec(
        "multiple",
        "您认为最需要改进的环节（可多选）",
        ("接警登记", "信息上报", "交接班", "值班记录", "设备检查", "培训演练"),
    ),
    QuestionSpec("single", "过去一年是否参加过应急演练？", ("是", "否")),
    QuestionSpec("text", "其他意见和建议", required=False),
)
SUGGESTIONS = (
    "交接班检查表太长，希望精简。",
    "夜班人手紧张，建议增加备班。",
    "希望多组织模拟演练。",
    "值班记录能否直接在电脑上填写？",
    "上报流程不够清楚，经常不知道该报给谁。",
    "",
    "",
)
EVALUATION = (
    QuestionSpec("scale", "课程内容对实际值班有帮助"),
    QuestionSpec("scale", "讲师讲解清楚"),
    QuestionSpec("single", "课程时长", ("太短", "合适", "太长")),
    QuestionSpec("text", "建议", required=False),
)
COURSES = (
    (
        "值班流程与交接班规范",
        "值班职责、交接班时间与检查表、未结事项的移交、双方签字确认。",
        (
            "交班人整理交班事项",
            "逐项核对交接清单",
            "逐条说明并移交未闭环事项",
            "接班人签字确认并锁定记录",
        ),
        ("leader", "officer"),
    ),
    (
        "突发事件接报与处置",
        "接警登记要素、分级标准、信息上报时限与渠道、处置跟踪与闭环。",
        (
            "接报并登记事件",
            "初步研判事件等级",
            "报告值班长并启动响应",
            "跟踪处置进展",
            "关闭事件并归档",
        ),
        ("leader", "officer", "standby"),
    ),
    (
        "值班台系统操作",
        "排班查看、事件登记、交接班签字、报表打印、数据备份。",
        ("接报并登记事件", "生成本班值班报告"),
        ("officer", "standby"),
    ),
)
TESTS = {
    "值班流程与交接班规范": (
        TestQuestionSpec(
            "single", "交接班应提前多少分钟到岗？", ("5 分钟", "15 分钟", "30 分钟"), (1,), 2
        ),
        TestQuestionSpec(
            "multiple",
            "交接班必须当面核对的内容",
            ("未结事项", "设备状态", "值班记录", "个人物品"),
            (0, 1, 2),
            4,
        ),
        TestQuestionSpec(
            "single",
            "接班人未到岗时，交班人应",
            ("按时离岗", "继续值守并报告值班长", "电话交接"),
            (1,),
            2,
        ),
        TestQuestionSpec("single", "交接班记录由谁签字？", ("交班人", "接班人", "双方"), (2,), 2),
    ),
    "突发事件接报与处置": (
        TestQuestionSpec(
            "multiple", "接警登记的必要要素", ("时间", "地点", "报告人", "天气"), (0, 1, 2), 4
        ),
        TestQuestionSpec(
            "single", "较大事件应在多长时间内上报？", ("30 分钟", "1 小时", "2 小时"), (0,), 3
        ),
        TestQuestionSpec(
            "single", "事件处置完成后应", ("直接归档", "跟踪回访并闭环", "口头说明"), (1,), 3
        ),
    ),
}
NEEDS = (
    NeedSpec(
        "交接班耗时偏长（近半数超过 20 分钟），检查表需要精简", "high", "修订交接班检查表，试行两周"
    ),
    NeedSpec("信息上报渠道和时限不清楚", "high", "编写上报流程卡片并组织专题培训"),
    NeedSpec("演练不足，近四成人员一年内未参加演练", "medium", "每月一次模拟演练，覆盖所有班组"),
    NeedSpec("值班记录填写不便", "low", "统一使用值班台登记事件"),
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=_TZ)


@dataclass(frozen=True)
class PendingSignature:
    """The needs assessment waiting for its author's signature at ``at``."""

    assessment_id: int
    author_id: int
    at: datetime
    password: str


def populate(
    desk: Desk,
    *,
    rng: random.Random,
    today: date,
    people: Sequence[Person],
    password: str = PASSWORD,
) -> PendingSignature:
    """Add the training area's demo records, stamped over the three months before today.

    ``password`` is the first person's (the assessment's author signs with it). The needs
    assessment is left for ``sign_assessment`` once the other areas' records exist.
    """
    pending: list[PendingSignature] = []
    # one commit: demo generation stays fast
    with manual_clock(desk, _at(today - timedelta(days=92), 9)) as clock, desk.db.atomic():
        _populate(desk, clock, rng, today, people, password, pending)
    return pending[0]


def sign_assessment(desk: Desk, pending: PendingSignature) -> None:
    """The author signs the needs assessment at its planned time; the signature freezes
    the KPI engine's figures for the assessment's period, whose records exist by now."""
    with manual_clock(desk, pending.at):
        author = desk.people.get(pending.author_id)
        desk.training.assessments.sign(
            author, pending.assessment_id, password=pending.password, meaning="approve"
        )


def _populate(
    desk: Desk,
    clock: ManualClock,
    rng: random.Random,
    today: date,
    people: Sequence[Person],
    password: str,
    pending: list[PendingSignature],
) -> None:
    admin = people[0]
    leaders = [p for p in people if LEADER in p.roles and p.id != admin.id]
    staff = [
        p for p in people if AUDITOR not in p.roles and (OFFICER in p.roles or LEADER in p.roles)
    ]
    officers = [p for p in people if OFFICER in p.roles and LEADER not in p.roles]
    lead = leaders[0] if leaders else admin
    questionnaires = desk.training.questionnaires

    # 1. The needs assessment: an anonymous survey three months ago, then the report.
    survey = questionnaires.create(
        admin,
        title="值班工作现状调查",
        purpose="assessment",
        anonymous=True,
        description="了解值班流程现状和培训需求，匿名填写。",
        questions=SURVEY,
    )
    questionnaires.set_status(admin, survey.id, "open")
    ids = [q.id for q in survey.questions]
    for person in staff:
        clock.advance(hours=rng.randint(3, 20))
        team = person.team if person.team in ("一班", "二班", "三班") else "一班"
        answers = {
            ids[0]: team,
            ids[1]: rng.choices(range(4), weights=(2, 4, 3, 2))[0],
            ids[2]: rng.choices(range(1, 6), weights=(1, 2, 4, 4, 1))[0],
            ids[3]: rng.choices(range(1, 6), weights=(2, 4, 4, 2, 1))[0],
            ids[4]: rng.choices(range(1, 6), weights=(1, 2, 4, 3, 2))[0],
            ids[5]: sorted(rng.sample(range(6), rng.randint(1, 3))),
            ids[6]: rng.choices((0, 1), weights=(6, 4))[0],
            ids[7]: rng.choice(SUGGESTIONS),
        }
        questionnaires.submit(person, survey.id, answers=answers)
    clock.set(_at(today - timedelta(days=78), 17))
    questionnaires.set_status(admin, survey.id, "closed")
    clock.advance(days=2)
    assessment = desk.training.assessments.create(
        admin,
        title="值班工作现状评估（第三季度）",
        questionnaire_id=survey.id,
        period_start=today - timedelta(days=92),
        period_end=today - timedelta(days=80),
        summary=(
            "调查覆盖全部在岗值班人员。流程总体可用，但交接班耗时偏长，"
            "信息上报渠道不清楚，演练覆盖不足。建议先修订交接班检查表，"
            "再开展上报流程和突发事件处置培训，并建立资格有效期管理。"
        ),
        needs=NEEDS,
    )
    clock.advance(hours=3)
    # Signed once the incidents and handovers of its period exist (``sign_assessment``),
    # so that the signed figures are the KPI engine's for that period.
    pending.append(PendingSignature(assessment.id, admin.id, clock.current, password))

    # 2. Courses, sessions, attendance, tests and scores over the following weeks.
    courses = []
    for title, content, steps, roles in COURSES:
        clock.advance(hours=2)
        courses.append(
            desk.training.add_course(
                admin, title=title, content=content, process_steps=steps, duty_roles=roles
            )
        )
    plan_sessions = (
        (0, "lecture", 70),
        (0, "practice", 63),
        (1, "lecture", 49),
        (1, "drill", 35),
        (1, "simulation", 14),
        (2, "practice", 7),
    )
    for course_index, kind, days_ago in plan_sessions:
        course = courses[course_index]
        held = today - timedelta(days=days_ago)
        clock.set(_at(held - timedelta(days=5), 10))
        invited = [p.id for p in staff]
        session = desk.training.add_session(
            lead,
            course_id=course.id,
            kind=kind,
            held_on=held,
            trainer_id=(admin if kind == "lecture" else lead).id,
            attendee_ids=invited,
            location="值班室会议区" if kind == "lecture" else "值班室",
        )
        clock.set(_at(held, 17))
        present = []
        for person in staff:
            status = rng.choices(("present", "absent", "excused"), weights=(16, 1, 2))[0]
            desk.training.set_attendance(lead, session.id, person.id, status)
            if status == "present":
                present.append(person)
        if kind in ("lecture", "drill") and course.title in TESTS:
            test = desk.training.add_test(
                lead,
                course_id=course.id,
                session_id=session.id,
                title=f"{course.title}（{SESSION_KINDS[kind][0]}）测试",
                pass_mark=7,
                questions=TESTS[course.title],
            )
            for person in present:
                clock.advance(minutes=rng.randint(3, 9))
                _take(desk, rng, person, test.id, skill=rng.uniform(0.55, 0.97))
            # Those who failed take it again a week later.
            clock.set(_at(held + timedelta(days=7), 15))
            for attempt in desk.training.attempts(test_id=test.id):
                if not attempt.passed:
                    person = next(p for p in present if p.id == attempt.person_id)
                    clock.advance(minutes=7)
                    _take(desk, rng, person, test.id, skill=0.95)

    # A training evaluation, still open for answers.
    clock.set(_at(today - timedelta(days=13), 9))
    evaluation = questionnaires.create(
        lead,
        title="突发事件处置模拟演练评估",
        purpose="training_eval",
        questions=EVALUATION,
    )
    questionnaires.set_status(lead, evaluation.id, "open")
    eids = [q.id for q in evaluation.questions]
    for person in staff[: max(1, len(staff) // 2)]:
        clock.advance(hours=rng.randint(1, 8))
        questionnaires.submit(
            person,
            evaluation.id,
            answers={
                eids[0]: rng.choice((3, 4, 4, 5, 5)),
                eids[1]: rng.choice((3, 4, 5, 5)),
                eids[2]: rng.choices((0, 1, 2), weights=(2, 6, 1))[0],
                eids[3]: rng.choice(("", "", "希望增加夜间场景", "时间可以再长一些")),
            },
        )

    # 3. The qualification matrix: everyone valid for every shift, one about to expire,
    #    one standby qualification already expired.
    clock.set(_at(today - timedelta(days=6), 16))
    matrix = desk.training.qualifications
    for index, person in enumerate(staff):
        gained = today - timedelta(days=rng.randint(400, 1000))
        expires = today + timedelta(days=rng.randint(90, 600))
        if LEADER in person.roles:
            matrix.grant(
                admin, person_id=person.id, duty_role="leader", gained_on=gained, expires_on=expires
            )
        matrix.grant(
            admin, person_id=person.id, duty_role="officer", gained_on=gained, expires_on=expires
        )
        if person in officers and index % 3 == 0:
            matrix.grant(
                admin,
                person_id=person.id,
                duty_role="standby",
                gained_on=gained,
                expires_on=expires,
            )
    if len(officers) >= 2:
        soon = officers[0]
        matrix.grant(
            admin,
            person_id=soon.id,
            duty_role="officer",
            gained_on=today - timedelta(days=720),
            expires_on=today + timedelta(days=12),
            note="年度复训待安排",
        )
        lapsed = officers[1]
        matrix.grant(
            admin,
            person_id=lapsed.id,
            duty_role="standby",
            shift_code="夜",
            gained_on=today - timedelta(days=760),
            expires_on=today - timedelta(days=9),
            note="夜间备班资格已过期，需复训",
        )

    # 4. The implementation plan: milestones, tasks (one overdue) and the risk register.
    clock.set(_at(today - timedelta(days=85), 11))
    plan = desk.training.plan
    milestones = {}
    for title, offset, done in (
        ("现状评估完成", -72, -72),
        ("值班流程文件发布", -42, -40),
        ("全员培训及考核完成", 10, None),
        ("新流程全面运行", 45, None),
    ):
        milestones[title] = plan.save_milestone(
            admin,
            title=title,
            due_on=today + timedelta(days=offset),
            done_on=None if done is None else today + timedelta(days=done),
        ).id
    owners = [admin, *leaders] or [admin]
    tasks = (
        ("现状评估完成", "发放并回收现状调查问卷", -90, -78, "done", "问卷 1 份，全员 30 分钟"),
        ("现状评估完成", "编写现状评估报告", -78, -72, "done", "值班长 1 人 × 2 天"),
        ("值班流程文件发布", "起草值班流程手册", -70, -50, "done", "2 人 × 5 天"),
        ("值班流程文件发布", "组织评审并发布", -50, -42, "done", "评审会 1 次"),
        ("全员培训及考核完成", "交接班规范培训与测试", -70, -56, "done", "讲师 1 人，会议室"),
        ("全员培训及考核完成", "突发事件处置培训与演练", -49, -10, "done", "演练脚本、模拟电话"),
        ("全员培训及考核完成", "修订交接班检查表", -20, -6, "in_progress", "值班长 2 人"),
        ("全员培训及考核完成", "资格到期人员复训", -3, 10, "todo", "讲师 1 人 × 半天"),
        ("新流程全面运行", "新流程试运行（两周）", 12, 26, "todo", "全体值班人员"),
        ("新流程全面运行", "试运行总结与改进", 27, 45, "todo", "评审会 1 次"),
    )
    for index, (milestone, title, start, due, status, resources) in enumerate(tasks):
        clock.set(_at(today + timedelta(days=min(start, -1)), 10))
        plan.save_task(
            admin,
            title=title,
            start_on=today + timedelta(days=start),
            due_on=today + timedelta(days=due),
            owner_id=owners[index % len(owners)].id,
            milestone_id=milestones[milestone],
            status=status,
            resources=resources,
        )
    clock.set(_at(today - timedelta(days=60), 15))
    for title, likelihood, impact, mitigation, status in (
        (
            "夜班人员不足，培训无法全员参加",
            4,
            4,
            "分两批培训，夜班人员安排补课和录像",
            "mitigating",
        ),
        ("新检查表与旧习惯冲突，交接班更慢", 3, 3, "试运行期间值班长现场指导", "open"),
        ("演练影响正常值守", 2, 4, "演练安排在业务低峰时段，备班在岗", "open"),
        ("值班电脑故障导致记录丢失", 2, 5, "每日自动备份，保留纸质应急记录表", "mitigating"),
        ("培训讲师临时缺席", 2, 2, "每门课指定两名讲师", "closed"),
    ):
        clock.advance(hours=5)
        plan.save_risk(
            admin,
            title=title,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner_id=rng.choice(owners).id,
            status=status,
        )


def _take(desk: Desk, rng: random.Random, person: Person, test_id: int, *, skill: float) -> None:
    test = desk.training.test(test_id)
    answers: dict[int, list[int]] = {}
    for question in test.questions:
        if rng.random() < skill:
            answers[question.id] = list(question.correct)
        else:
            answers[question.id] = [rng.randrange(len(question.options))]
    desk.training.take_test(person, test_id, answers=answers)
