"""What every ``dutydesk`` subcommand shares: exit codes, language, passwords, documents."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dutydesk.errors import DutyDeskError
from dutydesk.text import pick

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
Option = tuple[str, dict[str, Any]]  # a flag and its add_argument settings


def required(flag: str, help_text: str | None = None, **settings: Any) -> Option:
    """An option a document cannot do without: ``required("--id", "cycle number", type=int)``."""
    return flag, {"required": True, "help": help_text, **settings}


@dataclass(frozen=True)
class Commands:
    """Where an area registers its subcommands: top-level ones and ``report`` documents."""

    sub: Any
    report: Any

    def add(self, name: str, handler: Handler, help_text: str) -> Any:
        command = self.sub.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        return command

    def record_document(self, name: str, help_text: str, id_help: str, builder: str) -> Any:
        """``report NAME path --id N --out FILE``: the PDF of one record, written by
        ``builder`` ("module:function", imported when the command runs) as
        ``function(desk, N, FILE)``."""
        module, function = builder.split(":")

        def handler(args: argparse.Namespace) -> int:
            build = getattr(importlib.import_module(module), function)
            return write_document(args, lambda desk: build(desk, args.id, args.out))

        return self.document(name, handler, help_text, required("--id", id_help, type=int))

    def document(
        self, name: str, handler: Handler, help_text: str, *options: Option, out_help: str = ""
    ) -> Any:
        """``report NAME path [options] --out FILE``: one document written by ``handler``."""
        command = self.report.add_parser(name, help=help_text)
        command.add_argument("path")
        for flag, settings in options:
            command.add_argument(flag, **settings)
        command.add_argument("--out", required=True, help=out_help or None)
        command.set_defaults(handler=handler)
        return command


def lang() -> str:
    wanted = os.environ.get("DUTYDESK_LANG") or os.environ.get("LANG", "")
    return "en" if wanted.startswith("en") else "zh_CN"


def say(zh: str, en: str) -> str:
    """The command line's own text: a pair chosen like every core message (dutydesk.text)."""
    return pick((zh, en), lang())


def read_password(prompt: str, *, confirm: bool = False) -> str:
    """From standard input when it is not a terminal (scripts, CI), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(say("再次输入：", "Again: ")) != first:
        raise DutyDeskError("两次输入的密码不一致", en="The passwords do not match")
    return first


def sign_in_user(desk: Any, employee_no: str | None, flag: str = "--user") -> Any:
    """Sign in the person a command acts for; says which option is missing instead of
    answering "wrong number or password" when none was given."""
    if not employee_no:
        raise DutyDeskError(
            f"请用 {flag} 给出操作人的工号", en=f"Give the acting person's number with {flag}"
        )
    password = read_password(say(f"{employee_no} 的密码：", f"Password of {employee_no}: "))
    return desk.people.sign_in(employee_no, password)


def optional_day(text: str | None, flag: str) -> Any:
    from dutydesk.clock import parse_day

    if not text:
        return None
    try:
        return parse_day(text, flag)
    except DutyDeskError as error:
        if flag in error.message:
            raise
        raise DutyDeskError(f"{flag} {error.message}", en=f"{flag}: {error.message_en}") from None


def write_document(args: argparse.Namespace, build: Callable[[Any], object]) -> int:
    """Open ``args.path``, let ``build(desk)`` write ``args.out``, and say where it went.

    A signed record that no longer matches its signature is still written (with the
    warning on its first page), and the command exits 1.
    """
    from dutydesk.desk import Desk
    from reports.document import collect_warnings

    with collect_warnings() as warnings, Desk.open(args.path) as desk:
        build(desk)
    print(say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return signature_outcome(warnings)


def signature_outcome(warnings: list[str]) -> int:
    """Exit 1, naming each record, when a printed signed record differs from its signature."""
    for text in warnings:
        print(f"dutydesk: {text}", file=sys.stderr)
    return EXIT_PROBLEMS if warnings else EXIT_OK


def required_day(text: str | None, flag: str) -> Any:
    """A day the command cannot do without: an empty value is named, not passed on."""
    day = optional_day(text, flag)
    if day is None:
        raise DutyDeskError(f"请给出 {flag}（YYYY-MM-DD）", en=f"Give {flag} (YYYY-MM-DD)")
    return day


def day_arg(text: str) -> str:
    from dutydesk.clock import parse_day

    return parse_day(text, "date").isoformat()
