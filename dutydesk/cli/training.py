"""``dutydesk report assessment|plan``."""

from __future__ import annotations

import argparse

from dutydesk.cli.common import (
    Commands,
    required,
    write_document,
)


def cmd_report_plan(args: argparse.Namespace) -> int:
    from reports.plan import build_plan_report

    return write_document(args, lambda desk: build_plan_report(desk, args.out))


def cmd_report_attendance(args: argparse.Namespace) -> int:
    from reports.printouts import build_attendance_sheet

    return write_document(args, lambda desk: build_attendance_sheet(desk, args.session, args.out))


def cmd_report_training_record(args: argparse.Namespace) -> int:
    from reports.printouts import build_training_record

    return write_document(args, lambda desk: build_training_record(desk, args.person, args.out))


def register(commands: Commands) -> None:
    commands.record_document(
        "assessment",
        "needs-analysis report (现状评估报告)",
        "assessment number",
        "reports.assessment:build_assessment_report",
    )
    commands.document("plan", cmd_report_plan, "implementation plan PDF (实施计划)")
    commands.document(
        "attendance",
        cmd_report_attendance,
        "attendance sheet of a training session (培训签到表)",
        required("--session", "session number", type=int),
    )
    commands.document(
        "training-record",
        cmd_report_training_record,
        "a person's training record (个人培训档案)",
        required("--person", "employee number"),
    )
    commands.record_document(
        "questionnaire",
        "blank questionnaire to fill in on paper (调查问卷)",
        "questionnaire number",
        "reports.printouts:build_questionnaire_form",
    )
