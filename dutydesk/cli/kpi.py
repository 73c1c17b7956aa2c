"""``dutydesk kpi`` and ``report period``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dutydesk.cli.common import (
    EXIT_OK,
    Commands,
    lang,
    required,
    say,
    write_document,
)


def _period_from_args(args: argparse.Namespace) -> Any:
    from dutydesk.kpi.period import parse_period

    return parse_period(args.date_from, args.date_to)


def cmd_kpi(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.kpi.engine import format_value

    period = _period_from_args(args)
    with Desk.open(args.path) as desk:
        report = desk.kpi.report(period, cycle_id=args.cycle)
        if args.xlsx:
            from dutydesk.kpi.export import export_kpi_workbook

            export_kpi_workbook(desk, report, args.xlsx)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        for result in report.results:
            d = result.definition
            shown = (
                format_value(d, result.current.value, lang())
                if result.current.value is not None
                else result.current.note(lang()) or say("无数据", "no data")
            )
            counts = (
                f" ({result.current.numerator:g}/{result.current.denominator:g})"
                if result.current.value is not None
                and result.current.numerator is not None
                and result.current.denominator is not None
                else ""
            )
            in_force = result.target_in_force
            target = (
                ""
                if in_force is None
                else f"  / {in_force.text(d, lang())} · {in_force.source_text(lang())}"
            )
            print(f"{d.name(lang()):<16} {shown}{counts}{target}  [{result.status}]")
        breaches = report.breaches()
        print(
            say(f"未达标指标 {len(breaches)} 项", f"{len(breaches)} target(s) breached")
            + (
                say("（对照{0}）", " (improvement cycle #{0})").format(
                    report.cycle_title if lang() != "en" else report.cycle_id
                )
                if report.cycle_id is not None
                else ""
            )
        )
    if args.xlsx:
        print(say(f"已导出 {args.xlsx}", f"Wrote {args.xlsx}"), file=sys.stderr)
    return EXIT_OK


def cmd_report_period(args: argparse.Namespace) -> int:
    from reports.period import build_period_report

    period = _period_from_args(args)
    return write_document(
        args, lambda desk: build_period_report(desk, desk.kpi.report(period), args.out)
    )


def register(commands: Commands) -> None:
    kpi = commands.add("kpi", cmd_kpi, "compute the KPIs for a period")
    kpi.add_argument("path")
    kpi.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    kpi.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD (inclusive)")
    kpi.add_argument(
        "--cycle",
        type=int,
        help="compare with this improvement cycle's targets (default: the cycle in force)",
    )
    kpi.add_argument("--json", action="store_true", help="stable JSON (see README)")
    kpi.add_argument("--xlsx", help="also write the KPI table and its rows to this .xlsx")
    commands.document(
        "period",
        cmd_report_period,
        "weekly/monthly/quarterly KPI report",
        required("--from", dest="date_from"),
        required("--to", dest="date_to"),
    )
