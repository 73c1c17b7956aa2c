"""The generator's small areas, through their services over the years.

Feedback → problems → corrective actions (completed, verified), weekly and monthly
meetings with decisions, quarterly improvement cycles evaluated with the KPI engine's
snapshot and approved (signed), the process manual (installed, revised once a year),
training (a yearly needs survey and signed assessment, quarterly sessions with attendance
and tests) and the implementation plan (milestones, tasks, risks). The texts come from
the demo's modules, so the large database reads like the demo.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from functools import partial
from typing import TYPE_CHECKING, Any

from dutydesk.demo import feedback as feedback_demo
from dutydesk.demo import kpi as kpi_demo
from dutydesk.demo import training as training_demo
from dutydesk.improvement.cycles import default_end
from dutydesk.people.auth import LEADER, OFFICER, Person

if TYPE_CHECKING:
    from bench.generate import _Generator

GOALS = feedback_demo.GOALS
_TIME_LIMITS = ("接报后3分钟内", "接报后5分钟内", "接报后2分钟内", "接报后4分钟内")


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class Areas:
    def __init__(self, gen: _Generator) -> None:
        self.g = gen
        self.desk = gen.desk
        self.rng = random.Random(gen.rng.random())
        self.problems: dict[str, int] = {}
        self.cycle_id: int | None = None
        self.cycle_end: date | None = None
        self.courses: list[Any] = []
        self.subs: dict[str, int] = {}
        self.revision = 0

    # -- people ------------------------------------------------------------------------------
    def _staff(self) -> list[int]:
        return self.g.crew_ids()

    def managers(self) -> list[Person]:
        leaders = [p for p in self._staff() if LEADER in self.g.rows[p]["roles"]]
        return [self.g.admin, *(self.g.person(p) for p in leaders)]

    def leaders(self) -> list[Person]:
        return self.managers()[1:] or [self.g.admin]

    def officers(self) -> list[Person]:
        return [
            self.g.person(p)
            for p in self._staff()
            if json_roles(self.g.rows[p]["roles"]) == [OFFICER]
        ]

    def at(self, moment: datetime, fn: Any, *args: Any, **kwargs: Any) -> None:
        self.g.at(moment, lambda: self.call(fn, *args, **kwargs))

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return self.g.service(self.g.clock.current, fn, *args, **kwargs)

    def call_reading(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A call whose service reads the incident log (KPI figures)."""
        return self.g.service(self.g.clock.current, fn, *args, reads_incidents=True, **kwargs)

    def later(self, days: float, hour: int | None = None) -> datetime:
        moment = self.g.clock.current + timedelta(days=days)
        if hour is not None:
            local = moment.astimezone(self.g.zone)
            moment = local.replace(hour=hour, minute=self.rng.randint(0, 50))
        return moment

    def today(self) -> date:
        return self.g.clock.current.astimezone(self.g.zone).date()

    # -- set-up ---------------------------------------------------------------------------------
    def setup(self) -> None:
        desk, admin = self.desk, self.g.admin
        made = self.call(desk.feedback.seed_default_subcategories, admin)
        self.subs = {s.name: s.id for s in made or []}
        self.call(kpi_demo.populate, desk, admin=admin)
        self.call(desk.process.install_default, admin, password="x")
        lead = self.leaders()[0]
        for title, content, steps, roles in training_demo.COURSES:
            course = self.call(
                desk.training.add_course,
                lead,
                title=title,
                content=content,
                process_steps=steps,
                duty_roles=roles,
            )
            if course is not None:
                self.courses.append(course)

    # -- the day's events -----------------------------------------------------------------------
    def plan_day(self, day: date) -> None:
        rng, zone = self.rng, self.g.zone

        def local(hh: int, mm: int = 0) -> datetime:
            return datetime.combine(day, clock_time(hh, mm), tzinfo=zone)

        if day == _quarter_start(day) and self.cycle_id is None:
            self.g.at(local(9, 5), self.first_cycle)
        if self.cycle_end == day:
            self.g.at(local(15, 0), self.evaluate)
        if rng.random() < 1 / 4.5:
            theme = rng.choices(list(feedback_demo.WEIGHTS), list(feedback_demo.WEIGHTS.values()))[
                0
            ]
            self.g.at(local(rng.randint(9, 21), rng.randint(0, 59)), lambda: self.feedback(theme))
        if day.weekday() == 0:
            self.g.at(local(9, 30), lambda: self.meeting("weekly"))
        if day.day == 28:
            self.g.at(local(14, 0), lambda: self.meeting("monthly"))
        if day.month == 1 and day.day == 8:
            self.g.at(local(9, 40), self.survey)
        if day.month % 3 == 2 and day.day == 5:
            self.g.at(local(10, 20), self.session)
        if day.month == 2 and day.day == 3:
            self.g.at(local(10, 40), self.plan)
        if day.month == 6 and day.day == 10:
            self.g.at(local(10, 0), self.process_revision)

    # -- cycles -------------------------------------------------------------------------------
    def first_cycle(self) -> None:
        start = self.today()
        made = self.call(
            self.desk.cycles.create_cycle,
            self.g.admin,
            kind="quarter",
            start_date=start,
            goals=GOALS[0],
            targets=feedback_demo.TARGETS,
        )
        if made is not None:
            self.cycle_id = made.id
            self.cycle_end = default_end("quarter", start)

    def evaluate(self) -> None:
        cycles, rng = self.desk.cycles, self.rng
        cycle_id = self.cycle_id
        if cycle_id is None:
            return
        done = self.call_reading(  # the KPI engine's snapshot
            cycles.evaluate,
            rng.choice(self.leaders()),
            cycle_id,
            conclusions=rng.choice(
                (
                    "交接班准时率和响应时长较上季度改善；通信设备问题仍有反复。",
                    "响应时长达标，整改措施有效率略低于目标，逾期措施已督办。",
                    "各项指标基本达标；反馈答复时间偏长，需加快处理。",
                )
            ),
            adjustments=rng.choice(
                (
                    "下季度重点：培训考核、告警阈值复核、逾期措施清零。",
                    "下季度重点：交接班检查表修订、夜班人手安排。",
                )
            ),
        )
        if done is None:
            return
        self.g.at(self.later(40 / 1440), lambda: self.approve(cycle_id))

    def approve(self, cycle_id: int) -> None:
        cycles, rng = self.desk.cycles, self.rng
        self.call(cycles.approve, self.g.admin, cycle_id, password="x")
        following = self.call(
            cycles.create_next, rng.choice(self.leaders()), cycle_id, goals=rng.choice(GOALS)
        )
        self.cycle_id = None if following is None else following.id
        self.cycle_end = None if following is None else date.fromisoformat(following.end_date)

    # -- feedback, problems, actions ------------------------------------------------------------
    def feedback(self, theme: str) -> None:
        desk, rng = self.desk, self.rng
        texts = feedback_demo.THEMES[theme][0]
        officer = rng.choice(self.officers())
        roll = rng.random()
        if roll < 0.2:
            self.call(
                desk.feedback.submit,
                officer,
                text=rng.choice(texts),
                anonymous=True,
                channel=rng.choice(("system", "suggestion_box")),
            )
            released = self.call(desk.feedback.release_anonymous, force=True) or []
            entry = released[0] if released else None
        elif roll < 0.8:
            entry = self.call(
                desk.feedback.submit, officer, text=rng.choice(texts), channel="system"
            )
        else:
            entry = self.call(
                desk.feedback.submit,
                rng.choice(self.managers()),
                text=rng.choice(texts),
                channel=rng.choice(("in_person", "meeting", "survey")),
                giver_id=officer.id,
            )
        if entry is not None:
            self.g.at(self.later(rng.uniform(0.5, 3), 10), lambda: self.classify(entry.id, theme))

    def classify(self, feedback_id: int, theme: str) -> None:
        desk, rng = self.desk, self.rng
        leader = rng.choice(self.managers())
        category = feedback_demo.SUB_CATEGORY[theme]
        self.call(
            desk.feedback.classify,
            leader,
            feedback_id,
            category=category,
            subcategory_id=self.subs.get(theme),
        )
        _texts, title, whys, cause, actions = feedback_demo.THEMES[theme]
        if not actions or rng.random() < 0.15:
            reason = rng.choice(feedback_demo.REJECT_REASONS)
            self.at(
                self.later(rng.uniform(1, 4), 11),
                desk.feedback.reject,
                leader,
                feedback_id,
                reason=reason,
            )
            self.at(
                self.later(rng.uniform(4.5, 6), 16),
                desk.feedback.reply,
                leader,
                feedback_id,
                text="感谢反馈。" + reason,
            )
            return
        problem_id = self.problems.get(theme)
        if problem_id is not None:
            self.call(desk.improvement.add_feedback, leader, problem_id, feedback_id)
        else:
            problem = self.call(
                desk.improvement.create_problem,
                leader,
                title=title,
                category=category,
                subcategory_id=self.subs.get(theme),
                source="feedback",
                priority=rng.choice(("high", "medium", "medium", "low")),
                owner_id=rng.choice(self.managers()).id,
                description=rng.choice(feedback_demo.THEMES[theme][0]),
                feedback_ids=[feedback_id],
            )
            if problem is None:
                return
            self.problems[theme] = problem.id
            self.g.at(
                self.later(rng.uniform(1, 3), 15),
                lambda: self.analyse(problem.id, whys, cause, actions),
            )
        self.at(
            self.later(rng.uniform(2, 8), 16),
            desk.feedback.reply,
            rng.choice(self.managers()),
            feedback_id,
            text=f"已立为问题“{title}”，整改措施正在落实，感谢反馈。",
        )

    def analyse(
        self, problem_id: int, whys: tuple[str, ...], cause: str, actions: tuple[str, ...]
    ) -> None:
        self.call(
            self.desk.improvement.update_problem,
            self.rng.choice(self.managers()),
            problem_id,
            whys=whys,
            root_cause=cause,
            status="analysing",
        )
        kinds = ("corrective", "preventive", "improvement")
        for index, title in enumerate(actions):
            kind = kinds[min(index, 2)]
            self.g.at(
                self.later(self.rng.uniform(0.5, 4), 9 + index),
                partial(self.add_action, problem_id, title, kind),
            )

    def add_action(self, problem_id: int | None, title: str, kind: str) -> None:
        rng = self.rng
        owner = rng.choice(self.officers() + self.leaders())
        due = self.today() + timedelta(days=rng.randint(7, 35))
        action = self.call(
            self.desk.improvement.add_action,
            rng.choice(self.managers()),
            kind=kind,
            title=title,
            owner_id=owner.id,
            due_on=due,
            problem_id=problem_id,
            cycle_id=self.cycle_id,
        )
        if action is not None:
            self.schedule_completion(action.id, owner.id, due)

    def schedule_completion(self, action_id: int, owner_id: int, due: date) -> None:
        rng = self.rng
        late = rng.random() < 0.2
        finish = datetime.combine(due, clock_time(16, 0), tzinfo=self.g.zone) + timedelta(
            days=rng.randint(2, 12) if late else -rng.randint(0, 5)
        )
        self.g.at(max(finish, self.later(1)), lambda: self.complete(action_id, owner_id))

    def complete(self, action_id: int, owner_id: int) -> None:
        evidence = self.rng.choice(
            ("已完成并在周例会上通报", "照片及记录已存档", "已张贴新版并组织学习", "已验收")
        )
        owner = self.g.person(owner_id)
        if not owner.active:
            return
        done = self.call(
            self.desk.improvement.complete_action,
            owner,
            action_id,
            done_on=self.today(),
            evidence=evidence,
        )
        if done is not None:
            self.g.at(
                self.later(self.rng.randint(2, 9), 10), lambda: self.verify(action_id, owner_id)
            )

    def verify(self, action_id: int, owner_id: int) -> None:
        effective = self.rng.random() > 0.1
        verifier = self.rng.choice([m for m in self.managers() if m.id != owner_id])
        self.call(
            self.desk.improvement.verify_action,
            verifier,
            action_id,
            effective=effective,
            note="连续两周跟踪未再发生" if effective else "跟踪期内问题再次出现",
        )

    # -- meetings ---------------------------------------------------------------------------
    def meeting(self, kind: str) -> None:
        desk, rng = self.desk, self.rng
        chair = rng.choice(self.managers())
        officers = self.officers()
        attendees = [chair, *rng.sample(officers, min(len(officers), rng.randint(3, 7)))]
        open_titles = [feedback_demo.THEMES[theme][1] for theme in self.problems]
        rng.shuffle(open_titles)
        topics = open_titles[:3] or ["值班情况通报"]
        decisions = [f"{t}：本周内落实整改并在下次例会通报" for t in topics[: rng.randint(1, 2)]]
        if kind == "monthly":
            topics.append("本月反馈与问题分析")
            decisions.append("下月继续跟踪逾期措施，逾期者说明原因")
        titles = {"weekly": "值班周例会", "monthly": "月度值班工作会"}
        recorded = self.call(
            desk.meetings.record,
            chair,
            kind=kind,
            held_on=self.today(),
            title=f"{self.today():%Y年%m月%d日}{titles[kind]}",
            attendee_ids=[p.id for p in attendees],
            topics=topics,
            decisions=decisions,
            minutes="通报上周值班情况，讨论反馈问题与整改进度。",
            cycle_id=self.cycle_id,
        )
        if recorded is not None and recorded.decisions and rng.random() < 0.15 and officers:
            owner = rng.choice(officers)
            due = self.today() + timedelta(days=14)
            action = self.call(
                desk.meetings.decision_to_action,
                chair,
                recorded.decisions[-1].id,
                kind="improvement",
                owner_id=owner.id,
                due_on=due,
            )
            if action is not None:
                self.schedule_completion(action.id, owner.id, due)

    # -- training -------------------------------------------------------------------------------
    def survey(self) -> None:
        """The yearly needs survey (anonymous), then the signed needs assessment."""
        desk, rng, admin = self.desk, self.rng, self.g.admin
        questionnaires = desk.training.questionnaires
        year = self.today().year
        survey = self.call(
            questionnaires.create,
            admin,
            title=f"{year}年值班工作现状调查",
            purpose="assessment",
            anonymous=True,
            description="了解值班流程现状和培训需求，匿名填写。",
            questions=training_demo.SURVEY,
        )
        if survey is None:
            return
        self.call(questionnaires.set_status, admin, survey.id, "open")
        ids = [q.id for q in survey.questions]
        for pid in self._staff():
            if rng.random() < 0.15:
                continue
            answers = {
                ids[0]: rng.choice(("一班", "二班", "三班")),
                ids[1]: rng.choices(range(4), weights=(2, 4, 3, 2))[0],
                ids[2]: rng.choices(range(1, 6), weights=(1, 2, 4, 4, 1))[0],
                ids[3]: rng.choices(range(1, 6), weights=(2, 4, 4, 2, 1))[0],
                ids[4]: rng.choices(range(1, 6), weights=(1, 2, 4, 3, 2))[0],
                ids[5]: sorted(rng.sample(range(6), rng.randint(1, 3))),
                ids[6]: rng.choices((0, 1), weights=(6, 4))[0],
                ids[7]: rng.choice(training_demo.SUGGESTIONS),
            }
            self.g.at(
                self.later(rng.uniform(0.1, 9)),
                partial(self.answer, pid, survey.id, answers),
            )
        self.g.at(self.later(12, 17), lambda: self.assess(survey.id, year))

    def answer(self, pid: int, survey_id: int, answers: dict[int, Any]) -> None:
        self.call(
            self.desk.training.questionnaires.submit,
            self.g.person(pid),
            survey_id,
            answers=answers,
        )

    def assess(self, survey_id: int, year: int) -> None:
        desk, admin = self.desk, self.g.admin
        self.call(desk.training.questionnaires.set_status, admin, survey_id, "closed")
        start = self.today() - timedelta(days=12)
        assessment = self.call_reading(
            desk.training.assessments.create,
            admin,
            title=f"{year}年值班工作现状评估",
            questionnaire_id=survey_id,
            period_start=start,
            period_end=self.today(),
            summary=(
                "调查覆盖在岗值班人员。流程总体可用，但交接班耗时偏长，"
                "信息上报渠道不清楚，演练覆盖不足。建议修订交接班检查表，"
                "开展上报流程和突发事件处置培训。"
            ),
            needs=training_demo.NEEDS,
        )
        if assessment is not None:
            self.g.at(
                self.later(1, 10),
                lambda: self.call_reading(
                    desk.training.assessments.sign,
                    admin,
                    assessment.id,
                    password="x",
                    meaning="approve",
                ),
            )

    def session(self) -> None:
        """A training session in five days: attendance, and a test with a retake."""
        desk, rng = self.desk, self.rng
        if not self.courses:
            return
        tested = [c for c in self.courses if c.title in training_demo.TESTS]
        # the year's first session is one with a test; the others any course
        course = rng.choice(tested if tested and self.today().month <= 3 else self.courses)
        kind = rng.choice(("lecture", "practice", "drill", "simulation"))
        held = self.today() + timedelta(days=5)
        lead = rng.choice(self.leaders())
        staff = self._staff()
        session = self.call(
            desk.training.add_session,
            lead,
            course_id=course.id,
            kind=kind,
            held_on=held,
            trainer_id=lead.id,
            attendee_ids=staff,
            location="值班室会议区" if kind == "lecture" else "值班室",
        )
        if session is None:
            return
        when = datetime.combine(held, clock_time(17, 0), tzinfo=self.g.zone)
        self.g.at(when, lambda: self.attendance(session.id, lead, course, kind, staff))

    def attendance(
        self, session_id: int, lead: Person, course: Any, kind: str, staff: list[int]
    ) -> None:
        desk, rng = self.desk, self.rng
        present = []
        for pid in staff:
            status = rng.choices(("present", "absent", "excused"), weights=(16, 1, 2))[0]
            self.call(desk.training.set_attendance, lead, session_id, pid, status)
            if status == "present":
                present.append(pid)
        questions = training_demo.TESTS.get(course.title)
        if not questions:
            return
        test = self.call(
            desk.training.add_test,
            lead,
            course_id=course.id,
            session_id=session_id,
            title=f"{course.title}（{self.today():%Y年%m月}）测试",
            pass_mark=7,
            questions=questions,
        )
        if test is None:
            return
        when = self.g.clock.current
        for pid in present:
            when += timedelta(minutes=rng.randint(1, 4))
            skill = rng.uniform(0.55, 0.97)
            self.g.at(when, partial(self.take, pid, test.id, skill))

    def take(self, pid: int, test_id: int, skill: float) -> None:
        test = self.desk.training.test(test_id)
        answers: dict[int, list[int]] = {}
        for question in test.questions:
            if self.rng.random() < skill:
                answers[question.id] = list(question.correct)
            else:
                answers[question.id] = [self.rng.randrange(len(question.options))]
        self.call(self.desk.training.take_test, self.g.person(pid), test_id, answers=answers)

    # -- the plan ----------------------------------------------------------------------------
    def plan(self) -> None:
        desk, rng, admin = self.desk, self.rng, self.g.admin
        plan = desk.training.plan
        today, year = self.today(), self.today().year
        owners = self.managers()
        milestone = self.call(
            plan.save_milestone,
            admin,
            title=f"{year}年度培训与流程改进完成",
            due_on=date(year, 12, 20),
        )
        if milestone is None:
            return
        for index, (title, start, due, resources) in enumerate(
            (
                ("修订交接班检查表", 5, 40, "值班长 2 人"),
                ("全员培训及考核", 20, 120, "讲师 1 人，会议室"),
                ("突发事件处置演练", 60, 200, "演练脚本、模拟电话"),
            )
        ):
            task = self.call(
                plan.save_task,
                admin,
                title=f"{year}年{title}",
                start_on=today + timedelta(days=start),
                due_on=today + timedelta(days=due),
                owner_id=owners[index % len(owners)].id,
                milestone_id=milestone.id,
                status="todo",
                resources=resources,
            )
            if task is not None:
                finish = today + timedelta(days=due - rng.randint(-5, 10))
                self.at(
                    datetime.combine(finish, clock_time(16, 30), tzinfo=self.g.zone),
                    plan.set_task_status,
                    admin,
                    task.id,
                    "done",
                )
        title, likelihood, impact, mitigation = rng.choice(
            (
                ("夜班人员不足，培训无法全员参加", 4, 4, "分两批培训，夜班人员安排补课和录像"),
                ("演练影响正常值守", 2, 4, "演练安排在业务低峰时段，备班在岗"),
                ("值班电脑故障导致记录丢失", 2, 5, "每日自动备份，保留纸质应急记录表"),
            )
        )
        self.call(
            plan.save_risk,
            admin,
            title=f"{year}年：{title}",
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner_id=rng.choice(owners).id,
            status="open",
        )
        self.g.at(
            datetime.combine(date(year, 12, 21), clock_time(11, 0), tzinfo=self.g.zone),
            lambda: self.call(
                plan.save_milestone,
                admin,
                milestone_id=milestone.id,
                title=milestone.title,
                due_on=date(year, 12, 20),
                done_on=date(year, 12, 21),
            ),
        )

    # -- the process --------------------------------------------------------------------------
    def process_revision(self) -> None:
        desk, admin = self.desk, self.g.admin
        draft = self.call(desk.process.start_draft, admin)
        if draft is None:
            return
        self.revision += 1
        definition = draft.definition
        step = definition.step("P1")
        from dutydesk.process.model import replace_step

        limit = _TIME_LIMITS[self.revision % len(_TIME_LIMITS)]
        if step.time_limit == limit:
            limit = _TIME_LIMITS[(self.revision + 1) % len(_TIME_LIMITS)]
        definition = replace_step(definition, "P1", replace(step, time_limit=limit))
        self.call(
            desk.process.save_draft,
            admin,
            definition,
            change_note=f"事件登记时限调整为“{limit}”（年度修订）",
        )
        self.at(self.later(2, 16), desk.process.publish, admin, password="x")


def json_roles(text: str) -> list[str]:
    import json

    return list(json.loads(text))
