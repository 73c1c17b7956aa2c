"""Demo data for feedback and continuous improvement: a realistic loop over three quarters.

The quarter before last is evaluated, approved and locked (its open actions carried over);
last quarter is evaluated and waits for approval; the current quarter is running.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from dutydesk.clock import Clock, ManualClock
from dutydesk.desk import Desk
from dutydesk.improvement.cycles import CycleTarget, default_end
from dutydesk.improvement.feedback import Feedback
from dutydesk.people.auth import ADMIN, LEADER, Person

PASSWORD = "demo1234"

# subcategory -> (feedback texts, problem title, 5 whys, root cause, action titles)
THEMES: dict[str, tuple[tuple[str, ...], str, tuple[str, ...], str, tuple[str, ...]]] = {
    "交接班流程": (
        (
            "交接班时未交接值班室钥匙，夜班找了半小时",
            "交接班清单里没有未结事项一栏，容易漏交",
            "接班人员迟到，交班人员只能口头交代",
            "交接班签字后才发现传真机卡纸未处理",
        ),
        "交接班遗漏事项",
        ("交班人漏交物品和未结事项", "清单没有对应条目", "清单两年未修订", "修订无人负责"),
        "交接班清单缺项且无定期修订机制",
        ("交接班清单增加钥匙、未结事项两项", "指定专人每季度修订交接班清单"),
    ),
    "事件上报": (
        (
            "夜间事件上报要打三个电话，流程太繁琐",
            "事件上报模板和上级要求的格式不一致",
            "重大事件上报时限不清楚，新同事不知道几分钟内要报",
        ),
        "事件上报流程不清晰",
        ("上报环节多", "各级要求未统一", "流程文件分散在多处"),
        "上报流程文件分散且与上级要求不一致",
        ("统一事件上报模板并张贴时限表", "将上报流程纳入新人培训"),
    ),
    "值班记录": (
        ("值班记录手写后再录入系统，重复劳动", "值班日志字段太多，忙时来不及填"),
        "值班记录重复录入",
        ("纸质和系统两套记录并行", "上级检查仍要求纸质签字"),
        "纸质记录要求未随系统上线调整",
        ("取消纸质值班日志，改为打印系统报告签字",),
    ),
    "通信设备": (
        (
            "3号对讲机电池不耐用，夜班常没电",
            "值班电话偶尔串线，听不清来电",
            "备用卫星电话很久没有测试过",
            "对讲机充电座接触不良",
        ),
        "通信设备故障频发",
        ("对讲机电池老化", "没有定期更换计划", "设备台账未记录电池寿命"),
        "通信设备缺少定期检测与更换计划",
        ("更换全部对讲机电池", "建立通信设备月度测试制度", "设备台账增加电池更换日期"),
    ),
    "值班系统": (
        ("值班系统查询历史事件很慢", "系统打印的值班报告中文显示不全"),
        "值班系统使用问题",
        ("报表模板字体缺失", "安装时未包含中文字体"),
        "系统部署未包含所需字体",
        ("为值班电脑统一安装系统字体并验证打印",),
    ),
    "监控告警": (
        ("监控告警声音太小，夜里容易漏听", "告警误报太多，大家开始忽略告警"),
        "监控告警漏听与误报",
        ("告警音量低", "误报多导致麻痹", "阈值沿用出厂设置"),
        "告警阈值与音量未按值班室环境调整",
        ("调整告警阈值并复核一周误报率", "增加声光告警灯"),
    ),
    "办公环境": (
        ("值班室空调夜间噪音大", "值班室照明不足，看屏幕累眼睛"),
        "值班室环境影响值守",
        ("空调老化", "报修后无人跟进"),
        "后勤报修缺少跟踪",
        ("报修空调并跟踪至完成",),
    ),
    "培训不足": (
        (
            "新同事不熟悉应急预案的启动条件",
            "很多人不会使用卫星电话",
            "系统新功能上线没有培训",
        ),
        "新人培训不足",
        ("新人上岗前只跟班一周", "没有培训考核", "培训计划未按季度制定"),
        "缺少上岗培训考核与季度培训计划",
        ("制定季度培训计划并安排考核", "编写卫星电话操作卡"),
    ),
    "人手不足": (
        ("节假日夜班只有一人，遇到事件忙不过来", "二班长期缺一人，连续上夜班"),
        "节假日夜班人手不足",
        ("节假日排班只排一人", "请假人员无人顶替"),
        "排班规则未考虑节假日事件高峰",
        ("节假日夜班增加备班人员",),
    ),
    "沟通协作": (
        ("交接班时班长不在场，重要事项没人确认", "和设备科沟通报修要反复打电话"),
        "跨部门沟通不畅",
        ("没有固定对接人", "报修只靠电话"),
        "缺少跨部门对接机制",
        ("与设备科约定固定对接人和报修单",),
    ),
    "工作负荷": (("夜班连续两周，大家很疲劳",), "夜班疲劳", ("连续夜班",), "排班连续夜班过多", ()),
    "排班安排": (("排班表发布太晚，不方便安排家事",), "排班发布晚", ("无固定发布日",), "无", ()),
}
SUB_CATEGORY = {
    "交接班流程": "process",
    "事件上报": "process",
    "值班记录": "process",
    "排班安排": "process",
    "通信设备": "technical",
    "值班系统": "technical",
    "监控告警": "technical",
    "办公环境": "technical",
    "培训不足": "people",
    "人手不足": "people",
    "沟通协作": "people",
    "工作负荷": "people",
}
WEIGHTS = {
    "交接班流程": 6,
    "通信设备": 6,
    "事件上报": 4,
    "监控告警": 4,
    "培训不足": 4,
    "人手不足": 3,
    "值班记录": 2,
    "值班系统": 2,
    "办公环境": 2,
    "沟通协作": 2,
    "工作负荷": 1,
    "排班安排": 1,
}
REJECT_REASONS = (
    "已有相关规定，属个别执行问题，已提醒当事人",
    "涉及编制调整，超出值班室权限，已向上级反映",
    "与本季度重点冲突，暂不采纳，下季度再评估",
)
# Keys are the KPI engine's codes, so its values and site targets line up with the cycle's.
TARGETS = (
    CycleTarget("handover_on_time_rate", "按时交接率", 95.0, "at_least", "%"),
    CycleTarget("response_median", "响应时间中位数", 10.0, "at_most", "分钟"),
    CycleTarget("feedback_answer_hours", "反馈答复时间中位数", 72.0, "at_most", "小时"),
    CycleTarget("actions_effective_rate", "整改措施有效率", 85.0, "at_least", "%"),
    CycleTarget("training_completion", "培训出勤率", 90.0, "at_least", "%"),
)
# Entered by the evaluator; anything not entered comes from the KPI engine when present.
KPI_VALUES: tuple[dict[str, float | None], ...] = (
    {
        "handover_on_time_rate": 93.5,
        "response_median": 12.4,
        "feedback_answer_hours": 96.0,
        "training_completion": None,
    },
    {
        "handover_on_time_rate": 96.2,
        "response_median": 9.1,
        "feedback_answer_hours": 60.5,
        "training_completion": 88.0,
    },
)
GOALS = (
    ("交接班遗漏事项减少一半", "通信设备故障当日处置", "建立反馈月度分析机制"),
    ("交接班准时率达到 95%", "新人上岗前完成培训考核", "告警误报率下降"),
    ("事件平均响应时长不超过 10 分钟", "节假日值守人手到位", "未完成措施全部结转办结"),
)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def populate(desk: Desk, *, rng: random.Random, today: date, people: list[Person]) -> None:
    """Three quarters of feedback, problems, actions, meetings and two evaluated cycles."""
    original: Clock = desk.clock
    zone = desk.settings.site_zone()
    admin = next(p for p in people if p.has_role(ADMIN))
    leaders = [p for p in people if p.has_role(LEADER) and not p.has_role(ADMIN)]
    officers = [p for p in people if p.roles == ("officer",)]
    managers = [admin, *leaders]
    subs = {s.name: s.id for s in desk.feedback.seed_default_subcategories(admin)}
    current = _quarter_start(today)
    previous = _quarter_start(current - timedelta(days=1))
    earliest = _quarter_start(previous - timedelta(days=1))
    limit = datetime.combine(today, time(8, 0), tzinfo=zone)
    clock = ManualClock(datetime.combine(earliest, time(9, 0), tzinfo=zone))
    desk.clock = clock
    queue: list[tuple[datetime, int, Callable[[], object]]] = []
    counter = itertools.count()
    problems: dict[str, int] = {}
    cycles: dict[date, int] = {}

    def at(when: datetime, job: Callable[[], object]) -> None:
        if when < limit:
            heapq.heappush(queue, (max(when, clock()), next(counter), job))

    def later(days: float, hour: int | None = None) -> datetime:
        moment = clock() + timedelta(days=days)
        if hour is not None:
            moment = moment.astimezone(zone).replace(hour=hour, minute=rng.randint(0, 50))
        return moment

    def day_of(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    def open_cycle() -> int | None:
        for start, cycle_id in cycles.items():
            cycle = desk.cycles.cycle(cycle_id)
            if start <= day_of(clock()) <= date.fromisoformat(cycle.end_date):
                return None if cycle.locked else cycle_id
        return None

    def other_manager(owner: Person) -> Person:
        return rng.choice([m for m in managers if m.id != owner.id])

    # -- actions: done near the due date, some late; verified by someone else ------------
    def add_action(
        problem_id: int | None, title: str, kind: str, *, due_in: int | None = None
    ) -> None:
        leader = rng.choice(managers)
        owner = rng.choice(officers + leaders)
        due = day_of(clock()) + timedelta(days=due_in or rng.randint(7, 35))
        action = desk.improvement.add_action(
            leader,
            kind=kind,
            title=title,
            owner_id=owner.id,
            due_on=due,
            problem_id=problem_id,
            cycle_id=open_cycle(),
        )
        if due_in is None:
            schedule_completion(action.id, owner, due)

    def schedule_completion(action_id: int, owner: Person, due: date) -> None:
        late = rng.random() < 0.2
        finish = datetime.combine(due, time(16, 0), tzinfo=zone) + timedelta(
            days=rng.randint(2, 12) if late else -rng.randint(0, 5)
        )
        at(max(finish, later(1)), lambda: complete(action_id, owner))

    def complete(action_id: int, owner: Person) -> None:
        evidence = rng.choice(
            ("已完成并在周例会上通报", "照片及记录已存档", "已张贴新版并组织学习", "已验收")
        )
        desk.improvement.complete_action(
            owner, action_id, done_on=day_of(clock()), evidence=evidence
        )
        at(later(rng.randint(2, 9), 10), lambda: verify(action_id, owner))

    def verify(action_id: int, owner: Person) -> None:
        action = desk.improvement.action(action_id)
        effective = rng.random() > 0.1
        desk.improvement.verify_action(
            other_manager(owner),
            action_id,
            effective=effective,
            note="连续两周跟踪未再发生" if effective else "跟踪期内问题再次出现",
        )
        if not effective and action.problem_id is not None:
            at(
                later(1, 9),
                lambda: add_action(action.problem_id, f"复查：{action.title}", "corrective"),
            )

    # -- feedback ------------------------------------------------------------------------
    def submit(theme: str) -> None:
        texts = THEMES[theme][0]
        officer = rng.choice(officers)
        roll = rng.random()
        if roll < 0.25:
            desk.feedback.submit(
                officer,
                text=rng.choice(texts),
                anonymous=True,
                channel=rng.choice(("system", "suggestion_box")),
            )
            # The demo follows each entry's life at once, so it releases it at once.
            [released] = desk.feedback.release_anonymous(force=True)
            entry: Feedback | None = released
        elif roll < 0.8:
            entry = desk.feedback.submit(officer, text=rng.choice(texts), channel="system")
        elif roll < 0.93:
            entry = desk.feedback.submit(
                rng.choice(managers),
                text=rng.choice(texts),
                channel=rng.choice(("in_person", "meeting", "survey")),
                giver_id=officer.id,
            )
        else:
            entry = desk.feedback.submit(
                rng.choice(managers),
                text=rng.choice(texts),
                channel="phone",
                giver_name=rng.choice(("区应急办 王科长", "设备科 刘工", "上级值班室")),
            )
        assert entry is not None
        feedback_id = entry.id
        at(later(rng.uniform(0.5, 3), 10), lambda: classify(feedback_id, theme))

    def new_problem(leader: Person, theme: str, **details: Any) -> int:
        """Open the theme's problem (its title and subcategory) and remember it."""
        problem = desk.improvement.create_problem(
            leader,
            title=THEMES[theme][1],
            category=SUB_CATEGORY[theme],
            subcategory_id=subs[theme],
            **details,
        )
        problems[theme] = problem.id
        return problem.id

    def classify(feedback_id: int, theme: str) -> None:
        leader = rng.choice(managers)
        desk.feedback.classify(
            leader, feedback_id, category=SUB_CATEGORY[theme], subcategory_id=subs[theme]
        )
        _texts, _title, whys, cause, actions = THEMES[theme]
        if not actions or rng.random() < 0.15:
            at(later(rng.uniform(1, 4), 11), lambda: reject(feedback_id))
            return
        if theme in problems:
            problem_id = problems[theme]
            was_closed = desk.improvement.problem(problem_id).status == "closed"
            desk.improvement.add_feedback(leader, problem_id, feedback_id)
            if was_closed:  # it happened again: reopened, and a follow-up action
                at(
                    later(rng.uniform(1, 3), 10),
                    lambda: add_action(problem_id, f"再次发生后复查：{actions[-1]}", "preventive"),
                )
        else:
            problem_id = new_problem(
                leader,
                theme,
                source="feedback",
                priority=rng.choice(("high", "medium", "medium", "low")),
                owner_id=rng.choice(managers).id,
                description=desk.feedback.get(feedback_id).text,
                feedback_ids=[feedback_id],
            )
            at(later(rng.uniform(1, 3), 15), lambda: analyse(problem_id, whys, cause, actions))
        at(later(rng.uniform(2, 8), 16), lambda: reply(feedback_id, theme))

    def analyse(
        problem_id: int, whys: tuple[str, ...], cause: str, actions: tuple[str, ...]
    ) -> None:
        leader = rng.choice(managers)
        desk.improvement.update_problem(
            leader, problem_id, whys=whys, root_cause=cause, status="analysing"
        )
        kinds = ("corrective", "preventive", "improvement")
        for index, title in enumerate(actions):
            at(
                later(rng.uniform(0.5, 4), 9 + index),
                partial(add_action, problem_id, title, kinds[min(index, 2)]),
            )

    def reject(feedback_id: int) -> None:
        leader = rng.choice(managers)
        desk.feedback.reject(leader, feedback_id, reason=rng.choice(REJECT_REASONS))
        at(
            later(rng.uniform(1, 4), 16),
            lambda: desk.feedback.reply(
                leader,
                feedback_id,
                text="感谢反馈。" + (desk.feedback.get(feedback_id).reject_reason or ""),
            ),
        )

    def reply(feedback_id: int, theme: str) -> None:
        entry = desk.feedback.get(feedback_id)
        if entry.status == "converted":
            desk.feedback.reply(
                rng.choice(managers),
                feedback_id,
                text=f"已立为问题“{THEMES[theme][1]}”，整改措施正在落实，感谢反馈。",
            )

    def incident(theme: str, number: int) -> None:
        problem_id = problems.get(theme)
        leader = rng.choice(managers)
        if problem_id is None:
            _texts, _title, whys, cause, actions = THEMES[theme]
            problem_id = new_problem(
                leader, theme, source="incident", priority="high", owner_id=leader.id
            )
            at(later(1, 15), lambda: analyse(problem_id, whys, cause, actions))
        desk.improvement.add_link(
            leader,
            problem_id,
            kind="incident",
            ref=f"INC-{day_of(clock()):%Y%m}-{number:03d}",
            note="值班事件关联",
        )

    # -- meetings ------------------------------------------------------------------------
    def meeting(kind: str) -> None:
        chair = rng.choice(managers)
        attendees = [chair, *rng.sample(officers, rng.randint(3, 7))]
        open_problems = desk.improvement.problems()
        topics = [p.title for p in open_problems if p.status != "closed"][:3] or ["值班情况通报"]
        decisions = [f"{t}：本周内落实整改并在下次例会通报" for t in topics[: rng.randint(1, 2)]]
        if kind == "monthly":
            topics.append("本月反馈与问题分析")
            decisions.append("下月继续跟踪逾期措施，逾期者说明原因")
        titles = {"weekly": "值班周例会", "monthly": "月度值班工作会", "ad_hoc": "临时协调会"}
        recorded = desk.meetings.record(
            chair,
            kind=kind,
            held_on=day_of(clock()),
            title=f"{day_of(clock()):%m月%d日}{titles[kind]}",
            attendee_ids=[p.id for p in attendees],
            topics=topics,
            decisions=decisions,
            minutes="通报上周值班情况，讨论反馈问题与整改进度。",
            cycle_id=open_cycle(),
        )
        if recorded.decisions and rng.random() < 0.3:
            decision = recorded.decisions[-1]
            owner = rng.choice(officers)
            due = day_of(clock()) + timedelta(days=14)
            action = desk.meetings.decision_to_action(
                chair, decision.id, kind="improvement", owner_id=owner.id, due_on=due
            )
            schedule_completion(action.id, owner, due)

    # -- cycles --------------------------------------------------------------------------
    def evaluate(start: date, values: dict[str, float | None], approve: bool) -> None:
        cycle_id = cycles[start]
        desk.cycles.evaluate(
            rng.choice(leaders),
            cycle_id,
            kpi_values=values,
            conclusions="交接班准时率和响应时长较上季度改善；通信设备问题仍有反复。"
            if values["training_completion"] is not None
            else "交接班准时率、响应时长未达标；培训覆盖率本季度未统计。",
            adjustments="下季度重点：培训考核、告警阈值复核、逾期措施清零。",
        )
        if approve:
            desk.cycles.approve(admin, cycle_id, password=PASSWORD)
            following = desk.cycles.create_next(rng.choice(leaders), cycle_id, goals=GOALS[1])
            cycles[date.fromisoformat(following.start_date)] = following.id

    first = desk.cycles.create_cycle(
        admin, kind="quarter", start_date=earliest, goals=GOALS[0], targets=TARGETS
    )
    cycles[earliest] = first.id
    end_first = default_end("quarter", earliest)
    end_second = default_end("quarter", previous)
    at(
        datetime.combine(end_first, time(15, 0), tzinfo=zone),
        lambda: evaluate(earliest, KPI_VALUES[0], True),
    )
    at(
        datetime.combine(end_second, time(15, 0), tzinfo=zone),
        lambda: evaluate(previous, KPI_VALUES[1], False),
    )

    def open_current() -> None:
        cycle = desk.cycles.create_cycle(
            rng.choice(leaders),
            kind="quarter",
            start_date=current,
            goals=GOALS[2],
            targets=TARGETS,
        )
        cycles[current] = cycle.id

    at(datetime.combine(end_second, time(17, 0), tzinfo=zone), open_current)

    span = (today - earliest).days
    themes = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    for _ in range(int(span / 4.5)):
        day = earliest + timedelta(days=rng.randrange(span))
        moment = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=zone)
        theme = rng.choices(themes, weights)[0]
        at(moment, partial(submit, theme))
    for number in range(1, 12):
        day = earliest + timedelta(days=rng.randrange(span))
        moment = datetime.combine(day, time(rng.randint(0, 23), 30), tzinfo=zone)
        theme = rng.choice(("通信设备", "监控告警", "交接班流程", "通信设备"))
        at(moment, partial(incident, theme, number))
    day = earliest
    while day < today:
        if day.weekday() == 0 and (today - day).days <= 92:
            at(datetime.combine(day, time(9, 30), tzinfo=zone), lambda: meeting("weekly"))
        if day.day == 28:
            at(datetime.combine(day, time(14, 0), tzinfo=zone), lambda: meeting("monthly"))
        day += timedelta(days=1)
    for offset in (23, span - 40):
        ad_hoc = earliest + timedelta(days=offset)
        at(datetime.combine(ad_hoc, time(16, 0), tzinfo=zone), lambda: meeting("ad_hoc"))

    # The present: two actions already overdue, one done and waiting for verification.
    def overdue_actions() -> None:
        for title in ("更新值班通讯录并张贴", "整理近三个月告警误报清单"):
            add_action(None, title, "preventive", due_in=12)

    def waiting_for_verification() -> None:
        owner = rng.choice(officers)
        action = desk.improvement.add_action(
            rng.choice(managers),
            kind="corrective",
            title="修复值班室备用电话线路",
            owner_id=owner.id,
            due_on=day_of(clock()) + timedelta(days=5),
            cycle_id=open_cycle(),
        )
        desk.improvement.complete_action(
            owner, action.id, done_on=day_of(clock()), evidence="电信已更换接线盒，试拨正常"
        )

    at(limit - timedelta(days=20, hours=1), overdue_actions)
    at(limit - timedelta(days=2, hours=20), waiting_for_verification)
    while queue:
        when, _n, job = heapq.heappop(queue)
        clock.set(max(when, clock()))
        job()
    desk.clock = original
