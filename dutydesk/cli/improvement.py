"""``dutydesk feedback …`` and ``report cycle``."""

from __future__ import annotations

import argparse

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    lang,
    optional_day,
    read_password,
    required,
    required_day,
    say,
    write_document,
)
from dutydesk.text import pick


def cmd_report_feedback_summary(args: argparse.Namespace) -> int:
    from reports.printouts import build_feedback_summary

    start = required_day(args.start, "--from")
    end = required_day(args.end, "--to")
    return write_document(args, lambda desk: build_feedback_summary(desk, start, end, args.out))


def cmd_todo(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.improvement.communication import TODO_KINDS

    pick = 1 if lang() == "en" else 0
    day = optional_day(args.date, "--date")
    with Desk.open(args.path) as desk:
        person = desk.people.by_employee_no(args.user)
        items = desk.todo(person, day)
        if not items:
            print(say(f"{person.name}：没有待办事项", f"{person.name}: nothing to do"))
        for item in items:
            mark = "!" if item.overdue else " "
            kind = TODO_KINDS[item.kind][pick]
            title, detail = item.text(pick == 1)
            print(f"{mark} {item.due_on}  {kind:<6} {title}  {detail}")
    return EXIT_OK


def cmd_feedback_add(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    password = read_password(say("密码：", "Password: "))
    with Desk.open(args.path) as desk:
        person = desk.people.sign_in(args.user, password)
        entry = desk.feedback.submit(
            person,
            text=args.text,
            channel=args.channel,
            anonymous=args.anonymous,
            about_kind=args.about_kind,
            about_ref=args.about_ref,
            category=args.category,
        )
    if entry is None:
        print(
            say(
                "已匿名提交：将与其他匿名反馈一起分批、打乱顺序后录入，不保存任何个人信息",
                "Submitted anonymously: it is entered later in a shuffled batch with others,"
                " with nothing that identifies you",
            )
        )
    else:
        print(say(f"已记录反馈 {entry.id}", f"Recorded feedback {entry.id}"))
    return EXIT_OK


def cmd_feedback_list(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.improvement.feedback import CATEGORIES, CHANNELS, FEEDBACK_STATUSES

    english = lang() == "en"
    with Desk.open(args.path) as desk:
        for entry in desk.feedback.list(status=args.status, limit=args.limit):
            category = pick(CATEGORIES[entry.category], english) if entry.category else "-"
            print(
                f"{entry.id:>5}  {entry.received_at[:10]}  "
                f"{pick(FEEDBACK_STATUSES[entry.status], english):<6} {category:<4} "
                f"{pick(CHANNELS[entry.channel], english):<4} "
                f"{entry.giver_label or '-'}  {entry.text}"
            )
    return EXIT_OK


def register(commands: Commands) -> None:
    commands.record_document(
        "cycle",
        "improvement cycle review PDF (周期评估报告)",
        "cycle number",
        "reports.cycle:build_cycle_report",
    )
    commands.record_document(
        "minutes",
        "meeting minutes PDF (会议纪要)",
        "meeting number",
        "reports.printouts:build_minutes",
    )
    commands.document(
        "feedback-summary",
        cmd_report_feedback_summary,
        "feedback summary of a period PDF (意见汇总)",
        required("--from", "first day, YYYY-MM-DD", dest="start"),
        required("--to", "last day, YYYY-MM-DD", dest="end"),
    )
    todo = commands.add("todo", cmd_todo, "a person's to-do list (待办)")
    todo.add_argument("path")
    todo.add_argument("--user", required=True, help="employee number")
    todo.add_argument("--date", help="the day, YYYY-MM-DD (default: today at the site)")
    feedback = commands.add("feedback", lambda _a: EXIT_USAGE, "record or list feedback (意见反馈)")
    feedback_sub = feedback.add_subparsers(dest="action", required=True)
    feedback_add = feedback_sub.add_parser("add", help="record feedback; password on stdin")
    feedback_add.add_argument("path")
    feedback_add.add_argument("--user", required=True, help="employee number of the recorder")
    feedback_add.add_argument("--text", required=True)
    feedback_add.add_argument(
        "--channel",
        default="system",
        choices=["in_person", "phone", "survey", "suggestion_box", "meeting", "system"],
    )
    feedback_add.add_argument("--anonymous", action="store_true")
    feedback_add.add_argument(
        "--about-kind", choices=["shift", "incident", "handover", "process_step"]
    )
    feedback_add.add_argument("--about-ref")
    feedback_add.add_argument("--category", choices=["process", "technical", "people"])
    feedback_add.set_defaults(handler=cmd_feedback_add)
    feedback_list = feedback_sub.add_parser("list", help="list feedback, newest first")
    feedback_list.add_argument("path")
    feedback_list.add_argument(
        "--status", choices=["new", "classified", "converted", "rejected", "replied"]
    )
    feedback_list.add_argument("--limit", type=int, default=50)
    feedback_list.set_defaults(handler=cmd_feedback_list)
