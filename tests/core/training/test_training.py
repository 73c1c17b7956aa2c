"""Courses, sessions with attendance, tests with scoring and pass/fail, the training record."""

from __future__ import annotations

import pytest

from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.store.verify import verify_database
from dutydesk.training.service import TestQuestionSpec as QSpec
from tests.conftest import PASSWORD

QUESTIONS = (
    QSpec("single", "接警后首先应做什么？", ("登记", "上报", "挂断"), (0,), 2),
    QSpec("multiple", "交接班必须核对哪些内容？", ("未结事项", "设备状态", "天气"), (0, 1), 3),
    QSpec("single", "值班记录保存多久？", ("一个月", "一年", "三年"), (2,), 5),
)


@pytest.fixture
def course(desk, crew):  # type: ignore[no-untyped-def]
    return desk.training.add_course(
        crew["leader"],
        title="接警与交接班规范",
        content="接警登记、核实、上报；交接班核对清单。",
        process_steps=["接警登记", "交接班核对"],
        duty_roles=["officer", "leader"],
    )


@pytest.fixture
def test_(desk, crew, course):  # type: ignore[no-untyped-def]
    return desk.training.add_test(
        crew["leader"], course_id=course.id, title="规范测试", pass_mark=7, questions=QUESTIONS
    )


def test_a_course_keeps_its_steps_and_roles(desk, crew, course) -> None:
    assert course.process_steps == ("接警登记", "交接班核对")
    assert course.duty_roles == ("officer", "leader")
    with pytest.raises(ValidationError, match="已存在"):
        desk.training.add_course(crew["admin"], title="接警与交接班规范")
    with pytest.raises(ValidationError, match="未知值班角色"):
        desk.training.add_course(crew["admin"], title="x", duty_roles=["chef"])
    with pytest.raises(PermissionDenied):
        desk.training.add_course(crew["officer"], title="y")


def test_a_session_records_trainer_attendees_and_attendance(desk, crew, course) -> None:
    service = desk.training
    session = service.add_session(
        crew["leader"],
        course_id=course.id,
        kind="drill",
        held_on="2026-11-20",
        trainer_id=crew["leader"].id,
        attendee_ids=[crew["officer"].id, crew["officer2"].id],
        location="值班室",
    )
    assert session.kind == "drill" and session.trainer_name == "张强"
    assert {a.status for a in session.attendees} == {"invited"}
    service.set_attendance(crew["leader"], session.id, crew["officer"].id, "present")
    session = service.set_attendance(crew["leader"], session.id, crew["officer2"].id, "absent")
    assert session.present == 1
    with pytest.raises(ValidationError, match="未知培训形式"):
        service.add_session(
            crew["leader"],
            course_id=course.id,
            kind="party",
            held_on="2026-11-20",
            trainer_id=crew["leader"].id,
        )
    with pytest.raises(ValidationError, match="格式应为 YYYY-MM-DD"):
        service.add_session(
            crew["leader"],
            course_id=course.id,
            kind="lecture",
            held_on="2026-13-01",
            trainer_id=crew["leader"].id,
        )
    record = service.record(crew["officer"].id)
    assert [(s.id, status) for s, status in record.sessions] == [(session.id, "present")]


def test_a_test_is_scored_all_or_nothing_per_question(desk, crew, test_) -> None:
    assert test_.max_score == 10 and test_.pass_mark == 7
    q1, q2, q3 = (q.id for q in test_.questions)
    full = desk.training.take_test(crew["officer"], test_.id, answers={q1: 0, q2: [1, 0], q3: 2})
    assert (full.score, full.passed, full.attempt) == (10, True, 1)
    partial = desk.training.take_test(crew["officer"], test_.id, answers={q1: 0, q2: [0], q3: 2})
    assert (partial.score, partial.passed, partial.attempt) == (7, True, 2)
    failed = desk.training.take_test(crew["officer2"], test_.id, answers={q1: 1, q2: [0, 1]})
    assert (failed.score, failed.passed) == (3, False)
    assert [a.score for a in desk.training.record(crew["officer"].id).attempts] == [10, 7]
    assert verify_database(desk.db).ok


def test_exactly_the_pass_mark_passes_and_one_below_fails(desk, crew, course) -> None:
    five, six = (
        desk.training.add_test(
            crew["admin"],
            course_id=course.id,
            title=f"及格 {mark}",
            pass_mark=mark,
            questions=QUESTIONS,
        )
        for mark in (5, 6)
    )
    q1, q2, q3 = (q.id for q in five.questions)
    assert desk.training.take_test(crew["officer"], five.id, answers={q3: 2}).passed
    q1, q2, q3 = (q.id for q in six.questions)
    attempt = desk.training.take_test(crew["officer"], six.id, answers={q1: 0, q2: [0, 1]})
    assert attempt.score == 5 and not attempt.passed


def test_a_pass_mark_above_the_maximum_score_is_rejected(desk, crew, course) -> None:
    with pytest.raises(ValidationError, match="及格分 11 高于满分 10") as caught:
        desk.training.add_test(
            crew["admin"], course_id=course.id, title="t", pass_mark=11, questions=QUESTIONS
        )
    assert caught.value.field == "pass_mark"
    assert desk.db.execute("SELECT count(*) FROM training_tests").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        (QSpec("single", "x", ("a",), (0,)), "至少需要两个选项"),
        (QSpec("single", "x", ("a", "b"), (0, 1)), "只能有一个正确答案"),
        (QSpec("multiple", "x", ("a", "b"), (5,)), "正确答案必须是本题的选项"),
        (QSpec("single", "x", ("a", "b"), (0,), 0), "分值必须是正整数"),
        (QSpec("essay", "x", ("a", "b"), (0,)), "未知题型"),
    ],
)
def test_bad_test_questions_are_rejected(desk, crew, course, question, fragment) -> None:
    with pytest.raises(ValidationError, match=fragment):
        desk.training.add_test(
            crew["admin"], course_id=course.id, title="t", pass_mark=0, questions=[question]
        )


def test_answers_must_be_options_and_auditors_take_no_tests(desk, crew, test_) -> None:
    q1 = test_.questions[0].id
    with pytest.raises(ValidationError, match="不是本题的选项"):
        desk.training.take_test(crew["officer"], test_.id, answers={q1: 9})
    with pytest.raises(ValidationError, match="只能选一个"):
        desk.training.take_test(crew["officer"], test_.id, answers={q1: [0, 1]})
    with pytest.raises(PermissionDenied):
        desk.training.take_test(crew["auditor"], test_.id, answers={q1: 0})


def test_courses_can_link_the_steps_of_the_published_process(desk, crew) -> None:
    assert desk.training.process_steps() == []
    desk.process.install_default(crew["admin"], password=PASSWORD)
    steps = desk.training.process_steps()
    assert "逐项核对交接清单" in steps and len(steps) > 10
