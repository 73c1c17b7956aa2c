"""``dutydesk feedback …`` and ``report cycle``."""

from __future__ import annotations

import argparse

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    lang,
    read_password,
    say,
    write_document,
)
from dutydesk.text import pick


def cmd_report_cycle(args: argparse.Namespace) -> int:
    from reports.cycle import build_cycle_report

    return write_document(args, lambda desk: build_cycle_report(desk, args.id, args.out))


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
    cycle = commands.report.add_parser("cycle", help="improvement cycle review PDF (周期评估报告)")
    cycle.add_argument("path")
    cycle.add_argument("--id", type=int, required=True, help="cycle number")
    cycle.add_argument("--out", required=True)
    cycle.set_defaults(handler=cmd_report_cycle)
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
