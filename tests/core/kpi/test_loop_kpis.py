"""Feedback, action and training KPIs on a hand-built October; answers worked out by hand.

Feedback (received → handled):   F1 10-02 10:00, not adopted, answered 10-03 10:00 (24 h)
                                 F2 10-10 10:00, classified      F3 10-20 10:00, new
                                 F4 11-02 10:00 (November: not counted)
Actions (due → done):            A1 10-10 → 10-08, verified effective 10-15
                                 A2 10-20 → 10-25, verified not effective 10-26
                                 A3 10-30, not done      A4 10-15, cancelled
                                 A5 11-05 (November)
Training attendance:             S1 10-12: two present, one absent
                                 S2 10-20: one present, one excused   S3 11-03: not counted
"""

from __future__ import annotations

import pytest

from dutydesk.desk import Desk
from tests.fixtures_kpi import OCTOBER, at


def values(desk: Desk) -> dict[str, float | None]:
    return {code: v.value for code, v in desk.kpi.values(OCTOBER).items()}


def test_feedback_kpis(desk: Desk, crew, clock) -> None:
    officer, leader = crew["officer"], crew["leader"]
    feedback = desk.feedback

    def received(month: int, day: int) -> int:
        clock.set(at(month, day, 10))
        return feedback.submit(officer, text=f"{month}月{day}日的意见").id

    f1 = received(10, 2)
    feedback.classify(leader, f1, category="process")
    feedback.reject(leader, f1, reason="已有规定")
    clock.set(at(10, 3, 10))
    feedback.reply(leader, f1, text="已说明现行规定")
    f2 = received(10, 10)
    feedback.classify(leader, f2, category="technical")
    received(10, 20)
    f4 = received(11, 2)
    feedback.classify(leader, f4, category="people")
    feedback.reject(leader, f4, reason="不适用")
    clock.set(at(11, 3, 10))
    feedback.reply(leader, f4, text="谢谢")
    got = values(desk)
    assert got["feedback_received"] == 3
    assert got["feedback_classified_rate"] == pytest.approx(200 / 3)
    assert got["feedback_answered_rate"] == pytest.approx(100 / 3)
    assert got["feedback_answer_hours"] == 24


def test_action_kpis(desk: Desk, crew, admin, clock) -> None:
    leader, officer = crew["leader"], crew["officer"]
    improvement = desk.improvement
    clock.set(at(10, 1, 9))
    problem = improvement.create_problem(
        leader, title="交接遗漏", category="process", source="review"
    )

    def action(title: str, due: str) -> int:
        return improvement.add_action(
            leader,
            kind="corrective",
            title=title,
            owner_id=officer.id,
            due_on=due,
            problem_id=problem.id,
        ).id

    a1 = action("增加核对表", "2026-10-10")
    a2 = action("培训新人", "2026-10-20")
    action("更新手册", "2026-10-30")
    a4 = action("取消的措施", "2026-10-15")
    action("十一月的措施", "2026-11-05")
    clock.set(at(10, 8, 18))
    improvement.complete_action(officer, a1, done_on="2026-10-08", evidence="核对表已上墙")
    clock.set(at(10, 15, 9))
    improvement.verify_action(admin, a1, effective=True)
    clock.set(at(10, 25, 9))
    improvement.complete_action(officer, a2, done_on="2026-10-25", evidence="已培训 3 人")
    clock.set(at(10, 26, 9))
    improvement.verify_action(admin, a2, effective=False, note="仍有遗漏")
    improvement.cancel_action(leader, a4, reason="与 A1 重复")
    got = values(desk)
    assert got["actions_on_time_rate"] == 50  # A1 of A1, A2: A3 is not due yet on 10-26
    clock.set(at(11, 1, 9))
    got = values(desk)
    assert got["actions_on_time_rate"] == pytest.approx(100 / 3)  # A1 of A1-A3
    assert got["actions_effective_rate"] == 50  # A1 of A1, A2


def test_training_attendance(desk: Desk, crew, admin) -> None:
    training = desk.training
    course = training.add_course(admin, title="交接班规范")
    people = [crew["officer"].id, crew["officer2"].id, crew["leader"].id]

    def session(day: str, attendees: list[int]) -> int:
        return training.add_session(
            admin,
            course_id=course.id,
            kind="lecture",
            held_on=day,
            trainer_id=admin.id,
            attendee_ids=attendees,
        ).id

    s1 = session("2026-10-12", people)
    for person, status in zip(people, ("present", "present", "absent"), strict=True):
        training.set_attendance(admin, s1, person, status)
    s2 = session("2026-10-20", people[:2])
    training.set_attendance(admin, s2, people[0], "present")
    training.set_attendance(admin, s2, people[1], "excused")
    s3 = session("2026-11-03", people[:1])
    training.set_attendance(admin, s3, people[0], "absent")
    assert values(desk)["training_completion"] == 75  # 3 present of 4 expected
