"""``dutydesk roster …``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Commands,
    lang,
    optional_day,
    required_day,
    say,
    sign_in_user,
)
from dutydesk.errors import DutyDeskError
from dutydesk.text import pick


def _roster_actor(desk: Any, employee_no: str | None) -> Any:
    """Sign in the person the command acts for (password from stdin when not a terminal)."""
    return sign_in_user(desk, employee_no)


def cmd_roster_generate(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.roster.engine import DUTY_ROLE_LABELS, RULE_LABELS

    start, end = required_day(args.date_from, "--from"), required_day(args.date_to, "--to")
    english = lang() == "en"
    problems = False
    with Desk.open(args.path) as desk:
        teams = [desk.roster.team(args.team)] if args.team else desk.roster.teams()
        if not teams:
            raise DutyDeskError("尚未设置班组", en="No teams are set up")
        actor = None if args.dry_run else _roster_actor(desk, args.user)
        for team in teams:
            preview = desk.roster.preview(team=team.id, start=start, end=end, replace=args.replace)
            q = preview.quality
            for year in q.missing_years:
                from dutydesk.roster.holidays import missing_year_message

                zh, en = missing_year_message(year)
                print(en if english else zh)
            for gap in q.unfilled:
                rule = pick(RULE_LABELS.get(gap.rule, (gap.rule, gap.rule)), english)
                role = pick(DUTY_ROLE_LABELS[gap.role], english)
                reason = gap.reason_en if english else gap.reason
                print(f"  {gap.day} {gap.shift_code} {role}#{gap.slot + 1}: [{rule}] {reason}")
            for v in q.violations:
                detail = v.detail_en if english else v.detail
                print(f"  ! {v.day} {v.shift_code} #{v.person_id}: {detail}")
            balance = "-" if q.balance is None else f"{q.balance:.3f}"
            print(
                say(
                    f"{team.name}：新增 {len(preview.new_rows)}，替换 {len(preview.removed_ids)}，"
                    f"保留 {preview.kept}，空缺 {len(q.unfilled)}，违规 {len(q.violations)}，"
                    f"均衡度 {balance}",
                    f"{team.name}: {len(preview.new_rows)} new,"
                    f" {len(preview.removed_ids)} replaced, {preview.kept} kept,"
                    f" {len(q.unfilled)} unfilled, {len(q.violations)} violations,"
                    f" balance {balance}",
                )
            )
            problems = problems or bool(q.unfilled or q.violations or q.missing_years)
            if actor is not None and not q.missing_years:
                desk.roster.commit(actor, preview)
        if args.dry_run:
            print(say("试运行：未写入任何数据", "Dry run: nothing was written"))
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_roster_hours(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.roster.exports import export_hours

    start, end = required_day(args.date_from, "--from"), required_day(args.date_to, "--to")
    with Desk.open(args.path) as desk:
        count = export_hours(desk, args.out, start=start, end=end, team=args.team)
    print(
        say(f"已导出 {count} 人的工时到 {args.out}", f"Wrote hours of {count} people to {args.out}")
    )
    return EXIT_OK


def cmd_roster_ics(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from dutydesk.desk import Desk
    from dutydesk.roster.exports import person_ics, team_ics

    if bool(args.person) == bool(args.team):
        raise DutyDeskError("请给出 --person 或 --team 之一", en="Give --person or --team")
    with Desk.open(args.path) as desk:
        today = desk.clock().date()
        start = optional_day(args.date_from, "--from") or today - timedelta(days=31)
        end = optional_day(args.date_to, "--to") or today + timedelta(days=92)
        if args.person:
            person = desk.people.by_employee_no(args.person)
            data = person_ics(desk, person.id, start=start, end=end)
        else:
            data = team_ics(desk, args.team, start=start, end=end)
    Path(args.out).write_bytes(data)
    print(say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def cmd_roster_pdf(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from reports.roster import build_month_roster

    try:
        year, month = (int(x) for x in args.month.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise DutyDeskError(
            f"--month 格式应为 YYYY-MM：{args.month}", en=f"--month needs YYYY-MM: {args.month}"
        ) from None
    from dutydesk import limits

    limits.check_year(year, "--month")
    with Desk.open(args.path) as desk:
        build_month_roster(desk, year=year, month=month, team=args.team, out=args.out)
    print(say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def register(commands: Commands) -> None:
    roster = commands.add(
        "roster", lambda _a: EXIT_USAGE, "roster (排班): generate, hours, ics, pdf"
    )
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    generate = roster_sub.add_parser("generate", help="generate the roster for a date range")
    generate.add_argument("path")
    generate.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    generate.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    generate.add_argument("--team", help="team name (default: every team)")
    generate.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    generate.add_argument(
        "--replace",
        action="store_true",
        help="re-plan unstarted generated shifts (default: keep them, fill gaps only)",
    )
    generate.add_argument("--user", help="employee number acting (leader/admin)")
    generate.set_defaults(handler=cmd_roster_generate)
    hours = roster_sub.add_parser("hours", help="hours per person to .xlsx or .csv")
    hours.add_argument("path")
    hours.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    hours.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    hours.add_argument("--team", help="team name")
    hours.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
    hours.set_defaults(handler=cmd_roster_hours)
    ics = roster_sub.add_parser("ics", help="iCalendar file for a person or a team")
    ics.add_argument("path")
    ics.add_argument("--person", help="employee number")
    ics.add_argument("--team", help="team name")
    ics.add_argument("--from", dest="date_from", help="YYYY-MM-DD (default: a month ago)")
    ics.add_argument("--to", dest="date_to", help="YYYY-MM-DD (default: three months ahead)")
    ics.add_argument("--out", required=True)
    ics.set_defaults(handler=cmd_roster_ics)
    pdf = roster_sub.add_parser("pdf", help="monthly roster PDF (A4 landscape)")
    pdf.add_argument("path")
    pdf.add_argument("--month", required=True, help="YYYY-MM")
    pdf.add_argument("--team", help="team name (default: every team)")
    pdf.add_argument("--out", required=True)
    pdf.set_defaults(handler=cmd_roster_pdf)
