"""The printouts a duty room hands round: minutes, feedback summary, attendance sheet,
training record, blank questionnaire. Content is checked through extracted text."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from dutydesk.cli.main import main
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import ValidationError
from dutydesk.improvement.feedback_summary import feedback_summary
from dutydesk.people.auth import Person
from dutydesk.training.questionnaires import QuestionSpec
from reports.printouts import (
    build_attendance_sheet,
    build_feedback_summary,
    build_minutes,
    build_questionnaire_form,
    build_training_record,
)


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_minutes_show_attendees_topics_decisions_and_actions(
    desk: Desk, crew: dict[str, Person]
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    meeting = desk.meetings.record(
        leader,
        kind="weekly",
        held_on="2026-11-23",
        title="第47周值班例会",
        attendee_ids=[leader.id, officer.id],
        topics=["交接班遗漏", "对讲机电池"],
        decisions=["更换全部对讲机电池", "交接班增加设备清点"],
        guests="保障科 周工",
        minutes="回顾上周交接班情况。",
    )
    desk.meetings.decision_to_action(
        leader,
        meeting.decisions[0].id,
        kind="corrective",
        owner_id=officer.id,
        due_on="2026-12-05",
    )
    text = _text(build_minutes(desk, meeting.id))
    for expected in (
        "会议纪要",
        "MTG-0",
        "第47周值班例会",
        "周例会",
        "2026-11-23",
        "张强、李丽",
        "保障科 周工",
        "1. 交接班遗漏",
        "2. 对讲机电池",
        "回顾上周交接班情况。",
        "更换全部对讲机电池",
        "交接班增加设备清点",
        "未转为措施",
        "2026-12-05",
        "进行中",
        "记录人",
        "测试值班室",
    ):
        assert expected in text, expected
    # The action row names its owner.
    assert "李丽" in text.split("四、行动项")[1]


def test_feedback_summary_counts_channels_categories_themes_replies_and_open_items(
    desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    leader, officer = crew["leader"], crew["officer"]
    subs = {s.name: s for s in desk.feedback.seed_default_subcategories(crew["admin"])}
    first = desk.feedback.submit(
        officer,
        text="交接班时设备清单太长",
        channel="in_person",
        category="process",
        subcategory_id=subs["交接班流程"].id,
    )
    desk.feedback.submit(
        officer,
        text="对讲机电池不耐用",
        channel="suggestion_box",
        category="technical",
        subcategory_id=subs["通信设备"].id,
    )
    desk.feedback.submit(officer, text="夜班人手不够", channel="phone", anonymous=True)
    desk.feedback.reject(leader, first.id, reason="清单为规定内容")
    desk.feedback.reply(leader, first.id, text="已精简清单，下周起试行")
    clock.advance(days=10)  # outside the period
    desk.feedback.submit(officer, text="期间之外的意见", channel="meeting")

    summary = feedback_summary(desk, date(2026, 11, 20), date(2026, 11, 30))
    assert summary.total == 3
    assert dict(summary.by_channel)["in_person"] == 1
    assert dict(summary.by_category)[None] == 1
    assert [(t.label, t.count) for t in summary.themes] == [("交接班流程", 1), ("通信设备", 1)]
    assert {e.text for e in summary.open_items} == {"对讲机电池不耐用", "夜班人手不够"}

    text = _text(build_feedback_summary(desk, date(2026, 11, 20), date(2026, 11, 30)))
    for expected in (
        "意见汇总",
        "2026-11-20 至 2026-11-30",
        "当面",
        "意见箱",
        "未分类",
        "交接班流程",
        "通信设备",
        "已精简清单，下周起试行",
        "对讲机电池不耐用",
        "夜班人手不够",
        "匿名",
    ):
        assert expected in text, expected
    assert "期间之外的意见" not in text
    with pytest.raises(ValidationError):
        feedback_summary(desk, date(2026, 11, 30), date(2026, 11, 1))


def _session(desk: Desk, crew: dict[str, Person]) -> int:
    admin, leader = crew["admin"], crew["leader"]
    course = desk.training.add_course(admin, title="交接班规范", content="交接班的七个步骤")
    session = desk.training.add_session(
        admin,
        course_id=course.id,
        kind="lecture",
        held_on="2026-11-20",
        trainer_id=leader.id,
        attendee_ids=[crew["officer"].id, crew["officer2"].id],
        location="三楼会议室",
    )
    desk.training.set_attendance(admin, session.id, crew["officer"].id, "present")
    desk.training.set_attendance(admin, session.id, crew["officer2"].id, "excused")
    return session.id


def test_attendance_sheet_lists_invited_people_with_space_to_sign(
    desk: Desk, crew: dict[str, Person]
) -> None:
    session_id = _session(desk, crew)
    text = _text(build_attendance_sheet(desk, session_id))
    for expected in (
        "培训签到表",
        "交接班规范",
        "讲授",
        "2026-11-20",
        "三楼会议室",
        "张强",
        "2 / 1",
        "1001 李丽 一班 出席",
        "1002 王伟 一班 请假",
        "签到",
        "签退",
        "培训师",
    ):
        assert expected in text, expected


def test_training_record_shows_sessions_tests_and_qualifications(
    desk: Desk, crew: dict[str, Person]
) -> None:
    _session(desk, crew)
    desk.training.qualifications.grant(
        crew["admin"],
        person_id=crew["officer"].id,
        duty_role="officer",
        gained_on="2025-12-01",
        expires_on="2026-12-10",
    )
    text = _text(build_training_record(desk, "1001"))
    for expected in (
        "个人培训档案",
        "TRR-1001",
        "李丽",
        "1 次（共通知 1 次）",
        "2026-11-20 交接班规范 讲授 张强 出席",
        "尚无测试记录",
        "值班员",
        "2026-12-10",
        "即将到期",
    ):
        assert expected in text, expected


def test_blank_questionnaire_has_every_question_and_box(
    desk: Desk, crew: dict[str, Person]
) -> None:
    questionnaire = desk.training.questionnaires.create(
        crew["leader"],
        title="交接班满意度调查",
        purpose="satisfaction",
        anonymous=True,
        description="请如实填写。",
        questions=[
            QuestionSpec(kind="single", text="您所在的班组", options=("一班", "二班")),
            QuestionSpec(kind="scale", text="交接班是否顺畅"),
            QuestionSpec(kind="multiple", text="最需改进的环节", options=("清点", "记录")),
            QuestionSpec(kind="text", text="其他建议", required=False),
        ],
    )
    text = _text(build_questionnaire_form(desk, questionnaire.id))
    for expected in (
        "调查问卷",
        "交接班满意度调查",
        "满意度",
        "匿名填写",
        "请如实填写。",
        "1. 您所在的班组（单选）",
        "□ 一班",
        "□ 二班",
        "2. 交接班是否顺畅（量表）",
        "□ 1",
        "□ 5",
        "3. 最需改进的环节（多选）",
        "□ 记录",
        "4. 其他建议（文本，选答）",
    ):
        assert expected in text, expected
    assert "工号" not in text  # anonymous: no name line


def test_report_commands_print_the_demo(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db, copy)
    runs = {
        "minutes": (["--id", "17"], ["会议纪要", "周例会"]),
        "feedback-summary": (
            ["--from", "2026-09-01", "--to", "2026-11-30"],
            ["意见汇总", "按渠道", "待处理事项"],
        ),
        "attendance": (["--session", "1"], ["培训签到表", "签到"]),
        "training-record": (["--person", "1001"], ["个人培训档案", "1001"]),
        "questionnaire": (["--id", "1"], ["调查问卷", "□"]),
    }
    for name, (options, expected) in runs.items():
        out = tmp_path / f"{name}.pdf"
        assert main(["report", name, str(copy), *options, "--out", str(out)]) == 0, name
        text = _text(out.read_bytes())
        for piece in expected:
            assert piece in text, (name, piece)
    out = tmp_path / "none.pdf"
    assert main(["report", "minutes", str(copy), "--id", "999", "--out", str(out)]) == 2
    assert (
        main(["report", "training-record", str(copy), "--person", "nobody", "--out", str(out)]) == 2
    )
