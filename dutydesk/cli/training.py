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
