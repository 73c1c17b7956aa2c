"""``dutydesk manual`` and ``dutydesk process …``."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Commands,
    lang,
    read_password,
    say,
    signature_outcome,
)
from dutydesk.errors import DutyDeskError


def cmd_manual(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from reports.manual import build_handout, build_manual, manual_data

    if args.handout and not args.role:
        raise DutyDeskError("--handout 需要 --role", en="--handout needs --role")
    from reports.document import collect_warnings

    with collect_warnings() as warnings, Desk.open(args.path) as desk:
        data = manual_data(desk, version=args.version)
        if args.handout:
            build_handout(data, args.role, args.out)
        else:
            build_manual(data, args.out)
    print(say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return signature_outcome(warnings)


def cmd_process_check(args: argparse.Namespace) -> int:
    from dutydesk.process.service import ProcessInvalid, parse_json

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DutyDeskError(
            f"无法读取 {args.file}：{error}", en=f"Cannot read {args.file}: {error}"
        ) from error
    try:
        definition = parse_json(text)
    except ProcessInvalid as invalid:
        english = lang() == "en"
        for problem in invalid.problems:
            print(f"{problem.where}: {problem.message_en if english else problem.message}")
        return EXIT_PROBLEMS
    steps = sum(len(stage.steps) for stage in definition.stages)
    print(
        say(
            f"流程定义有效：{len(definition.stages)} 个阶段，{steps} 个步骤",
            f"The definition is valid: {len(definition.stages)} stages, {steps} steps",
        )
    )
    return EXIT_OK


def cmd_process_install_default(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        admin = desk.people.by_employee_no(args.employee_no)
        password = read_password(say("管理员密码（批准签名）：", "Administrator password: "))
        version = desk.process.install_default(admin, password=password)
    print(
        say(
            f"已发布默认流程：第 {version.number} 版，批准人 {admin.name}",
            f"Published the default process as version {version.number}, approved by {admin.name}",
        )
    )
    return EXIT_OK


def cmd_process_list(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        in_force = desk.process.version_in_force()
        for version in desk.process.versions():
            status = say("草稿", "draft") if version.is_draft else say("已发布", "published")
            mark = "*" if version.number == in_force else " "
            when = version.published_at or version.updated_at
            print(f"{mark} {version.number:3} {status:6} {when}  {version.change_note}")
    return EXIT_OK


def register(commands: Commands) -> None:
    manual = commands.add("manual", cmd_manual, "process manual PDF, or a role's training handout")
    manual.add_argument("path")
    manual.add_argument("--out", required=True, help="PDF file to write")
    manual.add_argument(
        "--version", type=int, help="process version number (default: the one in force)"
    )
    manual.add_argument("--role", choices=["officer", "leader", "admin"], help="role for --handout")
    manual.add_argument(
        "--handout", action="store_true", help="training handout for --role instead"
    )
    process = commands.add("process", lambda _a: EXIT_USAGE, "process definition tools")
    process_sub = process.add_subparsers(dest="process_command", required=True)
    process_check = process_sub.add_parser("check", help="validate a process definition file")
    process_check.add_argument("file")
    process_check.set_defaults(handler=cmd_process_check)
    process_default = process_sub.add_parser(
        "install-default", help="publish the shipped default process as version 1"
    )
    process_default.add_argument("path")
    process_default.add_argument("--employee-no", default="admin", help="approving admin")
    process_default.set_defaults(handler=cmd_process_install_default)
    process_list = process_sub.add_parser("list", help="process versions (* = in force)")
    process_list.add_argument("path")
    process_list.set_defaults(handler=cmd_process_list)
