"""Printouts a duty room hands round: 会议纪要 (meeting minutes), 意见汇总 (feedback
summary of a period), 培训签到表 (attendance sheet), a person's 培训档案 (training record)
and a blank questionnaire to fill in on paper."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dutydesk.clock import format_site_time
from dutydesk.improvement.actions import ACTION_KINDS, ACTION_STATUSES
from dutydesk.improvement.feedback import CATEGORIES, CHANNELS, FEEDBACK_STATUSES
from dutydesk.improvement.feedback_summary import UNCLASSIFIED, FeedbackSummary, feedback_summary
from dutydesk.improvement.meetings import MinutesData
from dutydesk.roster.qualifications import DUTY_ROLES, STATES
from dutydesk.training.printouts import (
    AttendanceSheetData,
    QuestionnaireFormData,
    TrainingRecordData,
    attendance_sheet,
    questionnaire_form,
    training_record,
)
from dutydesk.training.questionnaires import KINDS, PURPOSES
from dutydesk.training.service import ATTENDANCE, SESSION_KINDS
from reports.document import (
    RULE,
    DocumentInfo,
    ProgressCallback,
    data_table,
    key_value_table,
    paragraph,
    styles,
    table_or_note,
    titled_pdf,
)

if TYPE_CHECKING:
    from dutydesk.desk import Desk

BOX = "□"
WIDTH = 174 * mm


def _now(desk: Desk) -> str:
    """The desk's "now" in site-local time, as people read it."""
    return format_site_time(desk.now_iso(), desk.settings.site_zone())


def _local(desk: Desk, iso: str | None) -> str:
    if not iso:
        return ""
    return format_site_time(iso, desk.settings.site_zone())


def _local_day(desk: Desk, iso: str | None) -> str:
    return _local(desk, iso)[:10]


def _signature_row(labels: list[str]) -> Table:
    s = styles()
    cells = [paragraph(f"{label}：＿＿＿＿＿＿　日期：＿＿＿＿", s.body) for label in labels]
    table = Table([cells], colWidths=[WIDTH / len(labels)] * len(labels), hAlign="LEFT")
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 8 * mm)]))
    return table


def _write(
    desk: Desk,
    title: str,
    document_id: str,
    heading: tuple[str, str],
    story: list[Flowable],
    out: Path | str | None,
    progress: ProgressCallback | None,
) -> bytes:
    """A printout made now: ``heading`` is the site's name and the document's subject."""
    site_name, subject = heading
    info = DocumentInfo(
        title=title,
        document_id=document_id,
        site_name=site_name,
        generated_at=_now(desk),
        subject=subject,
    )
    return titled_pdf(info, story, out, progress=progress)


# -- 会议纪要 ------------------------------------------------------------------------------


def minutes_story(desk: Desk, data: MinutesData) -> list[Flowable]:
    s = styles()
    m = data.meeting
    story: list[Flowable] = [
        key_value_table(
            [
                ("会议主题", m.title),
                ("会议类型", data.kind_zh),
                ("会议日期", m.held_on),
                ("所属周期", data.cycle_title or "无"),
                ("参会人员", "、".join(name for _id, name in m.attendees) or "无"),
                ("列席人员", m.guests or "无"),
                ("记录人", data.recorder_name),
            ],
            key_width=28 * mm,
        ),
        paragraph("一、议题", s.heading),
    ]
    if m.topics:
        story += [paragraph(f"{i}. {t}", s.body) for i, t in enumerate(m.topics, 1)]
    else:
        story.append(paragraph("（未列议题）", s.body))
    actions = [a for _d, a in data.decisions if a is not None]
    story += [
        paragraph("二、会议记录", s.heading),
        paragraph(m.minutes or "（无记录正文）", s.body),
        paragraph("三、决议", s.heading),
        table_or_note(
            ["序号", "决议", "整改措施"],
            [
                [d.position, d.text, f"已转为措施 {a.id}" if a else "未转为措施"]
                for d, a in data.decisions
            ],
            "（本次会议无决议）",
            col_widths=[12 * mm, 122 * mm, 40 * mm],
        ),
        paragraph("四、行动项", s.heading),
        table_or_note(
            ["措施", "类型", "内容", "负责人", "完成期限", "状态"],
            [
                [
                    a.id,
                    ACTION_KINDS[a.kind][0],
                    a.title,
                    a.owner_name,
                    a.due_on,
                    ACTION_STATUSES[a.status][0] + ("（逾期）" if a.overdue else ""),
                ]
                for a in actions
            ],
            "（决议尚未转为整改措施）",
            col_widths=[12 * mm, 14 * mm, 72 * mm, 22 * mm, 24 * mm, 30 * mm],
        ),
        Spacer(1, 6 * mm),
    ]
    story.append(_signature_row(["记录人", "主持人"]))
    return story


def build_minutes(
    desk: Desk,
    meeting_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = desk.meetings.minutes_data(meeting_id)
    story = minutes_story(desk, data)
    heading = (data.site_name, data.meeting.title)
    return _write(desk, "会议纪要", f"MTG-{meeting_id:04d}", heading, story, out, progress)


# -- 意见汇总 ------------------------------------------------------------------------------


def _share(count: int, total: int) -> str:
    return f"{count}（{count * 100 / total:.0f}%）" if total else str(count)


def feedback_summary_story(desk: Desk, data: FeedbackSummary) -> list[Flowable]:
    s = styles()
    total = data.total
    story: list[Flowable] = [
        key_value_table(
            [
                ("统计期间", f"{data.start} 至 {data.end}"),
                ("意见总数", str(total)),
                ("其中匿名", str(data.anonymous)),
                (
                    "处理状态",
                    "、".join(f"{FEEDBACK_STATUSES[k][0]} {v}" for k, v in data.by_status) or "无",
                ),
            ],
            key_width=28 * mm,
        ),
        paragraph("一、按渠道", s.heading),
        data_table(
            ["渠道", "条数"],
            [[CHANNELS[code][0], _share(n, total)] for code, n in data.by_channel],
            col_widths=[50 * mm, 40 * mm],
        ),
        paragraph("二、按类别（流程/技术/人员）", s.heading),
        data_table(
            ["类别", "条数"],
            [
                [CATEGORIES[code][0] if code else UNCLASSIFIED[0], _share(n, total)]
                for code, n in data.by_category
            ],
            col_widths=[50 * mm, 40 * mm],
        ),
        paragraph("三、主要议题", s.heading),
        table_or_note(
            ["类别", "议题", "条数"],
            [
                [CATEGORIES[t.category][0] if t.category else "", t.label, t.count]
                for t in data.themes
            ],
            "（期间内没有已分类的意见）",
            col_widths=[30 * mm, 60 * mm, 20 * mm],
        ),
        paragraph("四、已转为问题", s.heading),
        table_or_note(
            ["编号", "日期", "类别", "意见", "问题"],
            [
                [
                    e.id,
                    _local_day(desk, e.received_at),
                    CATEGORIES[e.category][0] if e.category else UNCLASSIFIED[0],
                    e.text,
                    f"问题 {e.problem_id}",
                ]
                for e in data.entries
                if e.problem_id
            ],
            "（期间内没有意见转为问题）",
            col_widths=[12 * mm, 22 * mm, 16 * mm, 100 * mm, 24 * mm],
        ),
        paragraph("五、已答复", s.heading),
        table_or_note(
            ["编号", "日期", "提出人", "意见", "答复"],
            [
                [e.id, _local_day(desk, e.received_at), e.giver_label or "—", e.text, e.reply]
                for e in data.replied
            ],
            "（期间内的意见尚无答复）",
            col_widths=[12 * mm, 22 * mm, 20 * mm, 60 * mm, 60 * mm],
        ),
        paragraph("六、待处理事项", s.heading),
        table_or_note(
            ["编号", "日期", "渠道", "类别", "状态", "意见"],
            [
                [
                    e.id,
                    _local_day(desk, e.received_at),
                    CHANNELS[e.channel][0],
                    CATEGORIES[e.category][0] if e.category else UNCLASSIFIED[0],
                    FEEDBACK_STATUSES[e.status][0],
                    e.text,
                ]
                for e in data.open_items
            ],
            "（无待处理意见）",
            col_widths=[12 * mm, 22 * mm, 16 * mm, 16 * mm, 18 * mm, 90 * mm],
        ),
    ]
    return story


def build_feedback_summary(
    desk: Desk,
    start: date,
    end: date,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = feedback_summary(desk, start, end)
    story = feedback_summary_story(desk, data)
    heading = (data.site_name, f"{start} 至 {end}")
    return _write(
        desk, "意见汇总", f"FB-{start:%Y%m%d}-{end:%Y%m%d}", heading, story, out, progress
    )


# -- 培训签到表 ----------------------------------------------------------------------------


def attendance_story(data: AttendanceSheetData) -> list[Flowable]:
    s = styles()
    session = data.session
    story: list[Flowable] = [
        key_value_table(
            [
                ("培训课程", session.course_title),
                ("培训形式", SESSION_KINDS[session.kind][0]),
                ("培训日期", session.held_on),
                ("地点", session.location or "—"),
                ("培训师", session.trainer_name),
                ("应到 / 实到", f"{len(session.attendees)} / {session.present}"),
            ],
            key_width=28 * mm,
        ),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[Any]] = [
        [
            index,
            data.employee_nos.get(a.person_id, ""),
            a.name,
            data.teams.get(a.person_id, ""),
            ATTENDANCE[a.status][0] if a.status != "invited" else "",
            "",
            "",
        ]
        for index, a in enumerate(session.attendees, 1)
    ]
    # Spare lines for people who join on the day.
    rows += [[len(rows) + i, "", "", "", "", "", ""] for i in range(1, 4)]
    table = data_table(
        ["序号", "工号", "姓名", "班组", "出勤", "签到", "签退"],
        rows,
        col_widths=[12 * mm, 20 * mm, 28 * mm, 20 * mm, 18 * mm, 38 * mm, 38 * mm],
        zebra=False,
    )
    table.setStyle(TableStyle([("BOTTOMPADDING", (0, 1), (-1, -1), 5 * mm)]))
    story.append(table)
    if session.notes:
        story += [paragraph("备注", s.subheading), paragraph(session.notes, s.body)]
    story.append(Spacer(1, 6 * mm))
    story.append(_signature_row(["培训师", "值班长"]))
    return story


def build_attendance_sheet(
    desk: Desk,
    session_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = attendance_sheet(desk, session_id)
    heading = (data.site_name, data.session.course_title)
    return _write(
        desk, "培训签到表", f"TRS-{session_id:04d}", heading, attendance_story(data), out, progress
    )


# -- 培训档案 ------------------------------------------------------------------------------


def training_record_story(desk: Desk, data: TrainingRecordData) -> list[Flowable]:
    s = styles()
    person = data.record.person
    attended = [x for x in data.record.sessions if x[1] == "present"]
    story: list[Flowable] = [
        key_value_table(
            [
                ("姓名", person.name),
                ("工号", person.employee_no),
                ("班组", person.team or "—"),
                ("参加培训", f"{len(attended)} 次（共通知 {len(data.record.sessions)} 次）"),
                ("测试", f"{len(data.record.attempts)} 次"),
            ],
            key_width=28 * mm,
        ),
        paragraph("一、培训经历", s.heading),
        table_or_note(
            ["日期", "课程", "形式", "培训师", "出勤"],
            [
                [
                    x.held_on,
                    x.course_title,
                    SESSION_KINDS[x.kind][0],
                    x.trainer_name,
                    ATTENDANCE[status][0],
                ]
                for x, status in data.record.sessions
            ],
            "（尚无培训记录）",
            col_widths=[24 * mm, 74 * mm, 20 * mm, 28 * mm, 28 * mm],
        ),
        paragraph("二、测试成绩", s.heading),
        table_or_note(
            ["时间", "测试", "第几次", "得分", "结果"],
            [
                [
                    _local(desk, a.taken_at),
                    a.test_title,
                    a.attempt,
                    f"{a.score} / {a.max_score}",
                    "合格" if a.passed else "不合格",
                ]
                for a in data.record.attempts
            ],
            "（尚无测试记录）",
            col_widths=[32 * mm, 70 * mm, 18 * mm, 28 * mm, 26 * mm],
        ),
        paragraph("三、上岗资格", s.heading),
        table_or_note(
            ["岗位", "班次", "取得日期", "有效期至", "状态"],
            [
                [
                    DUTY_ROLES[q.duty_role][0],
                    q.shift_code or "全部班次",
                    q.gained_on,
                    q.expires_on or "长期",
                    STATES[q.state(data.today)][0],
                ]
                for q in data.qualifications
            ],
            "（尚无上岗资格）",
            col_widths=[28 * mm, 28 * mm, 36 * mm, 36 * mm, 46 * mm],
        ),
    ]
    return story


def build_training_record(
    desk: Desk,
    employee_no: str,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = training_record(desk, employee_no)
    person = data.record.person
    story = training_record_story(desk, data)
    heading = (data.site_name, person.name)
    return _write(desk, "个人培训档案", f"TRR-{person.employee_no}", heading, story, out, progress)


# -- 空白问卷 ------------------------------------------------------------------------------


def questionnaire_story(data: QuestionnaireFormData) -> list[Flowable]:
    s = styles()
    q = data.questionnaire
    story: list[Flowable] = [
        paragraph(q.title, s.subheading),
        paragraph(
            f"用途：{PURPOSES[q.purpose][0]}　·　"
            + ("匿名填写，请勿署名" if q.anonymous else "实名填写"),
            s.small,
        ),
    ]
    if q.description:
        story.append(paragraph(q.description, s.body))
    if not q.anonymous:
        story.append(Spacer(1, 2 * mm))
        story.append(
            paragraph("姓名：＿＿＿＿＿＿＿＿　工号：＿＿＿＿＿＿　日期：＿＿＿＿＿＿", s.body)
        )
    story.append(Spacer(1, 3 * mm))
    for question in q.questions:
        hint = KINDS[question.kind][0] + ("" if question.required else "，选答")
        block: list[Flowable] = [
            paragraph(f"{question.position}. {question.text}（{hint}）", s.subheading)
        ]
        if question.kind in ("single", "multiple"):
            block += [paragraph(f"{BOX} {option}", s.body) for option in question.options]
        elif question.kind == "scale":
            block.append(
                paragraph(
                    "　".join(f"{BOX} {n}" for n in range(1, 6)) + "　（1 最低，5 最高）",
                    s.body,
                )
            )
        else:
            lines = Table([[""]] * 4, colWidths=[WIDTH], rowHeights=[8 * mm] * 4, hAlign="LEFT")
            lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]))
            block.append(lines)
        story.append(KeepTogether(block))
    story.append(Spacer(1, 6 * mm))
    story.append(paragraph("感谢您的参与！填好后请交值班长或投入意见箱。", s.small))
    return story


def build_questionnaire_form(
    desk: Desk,
    questionnaire_id: int,
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    data = questionnaire_form(desk, questionnaire_id)
    story = questionnaire_story(data)
    heading = (data.site_name, data.questionnaire.title)
    return _write(desk, "调查问卷", f"QNR-{questionnaire_id:04d}", heading, story, out, progress)
