"""``dutydesk handover …`` and ``report handover|shift|day``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    day_arg,
    read_password,
    required,
    say,
    write_document,
)
from dutydesk.errors import DutyDeskError


def cmd_handover_templates(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        templates = desk.handover.templates.list(include_superseded=args.all)
        for t in templates:
            scope = t.shift_code or say("全站", "site")
            state = say("当前", "current") if t.status == "current" else say("已停用", "old")
            print(f"#{t.id}  {scope:6} v{t.version}  {state}  {t.name}  ({len(t.items)})")
    return EXIT_OK


def cmd_handover_template_export(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.handover.templates import template_to_json

    with Desk.open(args.path) as desk:
        templates = desk.handover.templates
        if args.shift:
            template = templates.for_shift(args.shift)
        else:
            template = templates.site_wide()
        data = json.dumps(template_to_json(template), ensure_ascii=False, indent=2)
    Path(args.out).write_text(data + "\n", encoding="utf-8")
    print(
        say(
            f"已导出 {template.name} 第 {template.version} 版到 {args.out}",
            f"Exported {template.name} v{template.version} to {args.out}",
        )
    )
    return EXIT_OK


def cmd_handover_template_import(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.handover.templates import spec_from_json

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DutyDeskError(
            f"无法读取模板文件 {args.file}：{error}", en=f"Cannot read {args.file}: {error}"
        ) from None
    name, shift_code, sections = spec_from_json(data)
    password = read_password(say("管理员密码：", "Administrator password: "))
    with Desk.open(args.path) as desk:
        admin = desk.people.sign_in(args.admin, password)
        template = desk.handover.templates.save(
            admin, name=name, shift_code=shift_code, sections=sections
        )
    scope = template.shift_code or say("全站", "site")
    print(
        say(
            f"已保存检查表模板 {template.name}（{scope}）第 {template.version} 版",
            f"Saved checklist {template.name} ({scope}) version {template.version}",
        )
    )
    return EXIT_OK


def cmd_report_shift(args: argparse.Namespace) -> int:
    from dutydesk.handover.shift_report import shift_report_data
    from reports.shift import build_shift_report

    day = day_arg(args.date)
    return write_document(
        args,
        lambda desk: build_shift_report(shift_report_data(desk, day, args.shift), args.out),
    )


def cmd_report_day(args: argparse.Namespace) -> int:
    from dutydesk.handover.shift_report import day_report_data
    from reports.shift import build_day_report

    day = day_arg(args.date)
    return write_document(args, lambda desk: build_day_report(day_report_data(desk, day), args.out))


def register(commands: Commands) -> None:
    handover_cmd = commands.add("handover", lambda _a: EXIT_USAGE, "handover checklist templates")
    handover_sub = handover_cmd.add_subparsers(dest="handover_command", required=True)
    templates = handover_sub.add_parser("templates", help="list checklist templates")
    templates.add_argument("path")
    templates.add_argument("--all", action="store_true", help="include old versions")
    templates.set_defaults(handler=cmd_handover_templates)
    template_export = handover_sub.add_parser("template-export", help="template to JSON")
    template_export.add_argument("path")
    template_export.add_argument("--shift", help="shift code (default: the site template)")
    template_export.add_argument("--out", required=True, help="JSON file to write")
    template_export.set_defaults(handler=cmd_handover_template_export)
    template_import = handover_sub.add_parser(
        "template-import", help="save a JSON file as the new version of its template (admin)"
    )
    template_import.add_argument("path")
    template_import.add_argument("file", help="JSON file (format of resources/templates)")
    template_import.add_argument("--admin", required=True, help="administrator's number")
    template_import.set_defaults(handler=cmd_handover_template_import)
    commands.document(
        "shift",
        cmd_report_shift,
        "值班报告 of one shift",
        required("--date", "YYYY-MM-DD (the roster day)"),
        required("--shift", "shift code, e.g. D or N"),
    )
    commands.document(
        "day",
        cmd_report_day,
        "daily report covering every shift",
        required("--date", "YYYY-MM-DD"),
    )
    commands.record_document(
        "handover",
        "handover sheet PDF (交接班记录)",
        "handover number",
        "reports.handover:build_handover_sheet",
    )
