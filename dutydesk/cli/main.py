"""The ``dutydesk`` command: builds the parser from every area's module and runs one subcommand.

Exit codes: 0 success, 1 a check found problems, 2 usage error or unusable file.
User errors print one line to standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from dutydesk import __version__
from dutydesk.cli import (
    handover,
    improvement,
    incidents,
    kpi,
    materials,
    process,
    roster,
    store,
    training,
)
from dutydesk.cli.common import EXIT_USAGE, Commands, lang, say
from dutydesk.errors import DutyDeskError

AREAS = (store, process, handover, kpi, roster, incidents, training, materials, improvement)


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(db_path=args.db, lang=args.lang)


def _fail(text: str) -> None:
    """One line on standard error, whatever the message holds (line breaks, controls)."""
    line = " ".join(text.split())
    line = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in line)
    print(f"dutydesk: {line}", file=sys.stderr)


class OneLineParser(argparse.ArgumentParser):
    """Usage errors on one line of standard error, exit 2 (subcommands inherit the class)."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{message} ({self.format_usage().strip()})")
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="dutydesk", description="DutyDesk 值班台 — duty-room desk application"
    )
    parser.add_argument("--version", action="version", version=f"dutydesk {__version__}")
    parser.add_argument("--db", help="database file for the window")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="open the window (default)")
    gui.set_defaults(handler=cmd_gui)
    gui.add_argument("--db", help="database file")
    gui.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    report = sub.add_parser("report", help="make a PDF document")
    report.set_defaults(handler=lambda _a: EXIT_USAGE)
    commands = Commands(sub=sub, report=report.add_subparsers(dest="document", required=True))
    for area in AREAS:
        area.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except DutyDeskError as error:
        _fail(error.localized(lang()))
        return EXIT_USAGE
    except sqlite3.Error as error:
        # A file that passed the checks on opening can still fail later (locked by another
        # program, damaged pages): one line, never a traceback.
        text = str(error)
        if "locked" in text or "busy" in text:
            message = say(
                f"数据库正被另一个程序占用，请稍后再试（{text}）",
                f"The database is in use by another program; try again later ({text})",
            )
        else:
            message = say(f"数据库错误：{text}", f"Database error: {text}")
        _fail(message)
        return EXIT_USAGE
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as error:  # a defect, not the user's fault: still one line
        message = say(
            f"意外错误（请报告）：{type(error).__name__}: {error}",
            f"Unexpected error (please report it): {type(error).__name__}: {error}",
        )
        _fail(message)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
