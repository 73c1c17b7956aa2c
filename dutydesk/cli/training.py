"""``dutydesk report assessment|plan``."""

from __future__ import annotations

import argparse

from dutydesk.cli.common import (
    Commands,
    write_document,
)


def cmd_report_assessment(args: argparse.Namespace) -> int:
    from reports.assessment import build_assessment_report

    return write_document(args, lambda desk: build_assessment_report(desk, args.id, args.out))


def cmd_report_plan(args: argparse.Namespace) -> int:
    from reports.plan import build_plan_report

    return write_document(args, lambda desk: build_plan_report(desk, args.out))


def cmd_report_attendance(args: argparse.Namespace) -> int:
    from reports.printouts import build_attendance_sheet

    return write_document(args, lambda desk: build_attendance_sheet(desk, args.session, args.out))


def cmd_report_training_record(args: argparse.Namespace) -> int:
    from reports.printouts import build_training_record

    return write_document(args, lambda desk: build_training_record(desk, args.person, args.out))


def cmd_report_questionnaire(args: argparse.Namespace) -> int:
    from reports.printouts import build_questionnaire_form

    return write_document(args, lambda desk: build_questionnaire_form(desk, args.id, args.out))


def register(commands: Commands) -> None:
    assessment = commands.report.add_parser(
        "assessment", help="needs-analysis report (现状评估报告)"
    )
    assessment.add_argument("path")
    assessment.add_argument("--id", type=int, required=True, help="assessment number")
    assessment.add_argument("--out", required=True)
    assessment.set_defaults(handler=cmd_report_assessment)
    plan = commands.report.add_parser("plan", help="implementation plan PDF (实施计划)")
    plan.add_argument("path")
    plan.add_argument("--out", required=True)
    plan.set_defaults(handler=cmd_report_plan)
    attendance = commands.report.add_parser(
        "attendance", help="attendance sheet of a training session (培训签到表)"
    )
    attendance.add_argument("path")
    attendance.add_argument("--session", type=int, required=True, help="session number")
    attendance.add_argument("--out", required=True)
    attendance.set_defaults(handler=cmd_report_attendance)
    record = commands.report.add_parser(
        "training-record", help="a person's training record (个人培训档案)"
    )
    record.add_argument("path")
    record.add_argument("--person", required=True, help="employee number")
    record.add_argument("--out", required=True)
    record.set_defaults(handler=cmd_report_training_record)
    form = commands.report.add_parser(
        "questionnaire", help="blank questionnaire to fill in on paper (调查问卷)"
    )
    form.add_argument("path")
    form.add_argument("--id", type=int, required=True, help="questionnaire number")
    form.add_argument("--out", required=True)
    form.set_defaults(handler=cmd_report_questionnaire)
