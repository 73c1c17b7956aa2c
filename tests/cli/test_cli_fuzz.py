"""Issue 16 part 2: no argument makes the ``dutydesk`` command print a traceback.

Hypothesis builds argument lists for every subcommand from the parser itself (so a new
subcommand is covered without editing this file): dates from year 1 to 9999, control
characters, very long strings, missing, empty, damaged and unreadable files, folders where
files belong. Every run must end with exit 0, 1 or 2, at most one line on standard error,
no traceback and no "unexpected error" (the last-resort handler in ``main``).
``gui`` is left out: it opens a window.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.cli.main import build_parser, main
from dutydesk.demo.site import DEMO_PASSWORD

SKIPPED = {("gui",)}

PROGRESS = re.compile(r"^\s*(校验中|Verifying) +\d+%")


def _subcommands() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*prefix, name))
                return
        if prefix not in SKIPPED:
            found[prefix] = parser

    walk(build_parser(), ())
    return found


SUBCOMMANDS = _subcommands()

_YEARS = st.sampled_from([1, 2, 999, 1999, 2000, 2026, 2100, 2101, 9999])
_DAYS = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
    _YEARS,
    st.sampled_from([1, 2, 11, 12, 13]),
    st.sampled_from([1, 25, 28, 30, 31, 32]),
)
_MONTHS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", _YEARS, st.sampled_from([0, 1, 12, 13]))
_CONTROL = st.text(
    alphabet=st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\n", "\t", "一", "a", "'", '"']),
    min_size=1,
    max_size=6,
)
_TEXT = st.one_of(
    _CONTROL,
    st.sampled_from(["", " ", "1", "0", "-1", "999999999999999999999", "1e9", "nan", "一班"]),
    st.sampled_from(["admin", "1001", "D", "N", "leader", "%", "*", "a" * 5000, "值班" * 2000]),
    st.text(max_size=20),
)
_DATE_DESTS = {"date", "date_from", "date_to", "from", "to", "start", "end"}


def _files(root: Path) -> dict[str, Path]:
    garbage = root / "garbage.db"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(300))
    empty = root / "empty.db"
    empty.write_bytes(b"")
    text = root / "notes.json"
    text.write_text('{"name": "x", "sections": [1, 2', encoding="utf-8")
    listing = root / "list.json"
    listing.write_text('["a", {"b": null}]', encoding="utf-8")
    binary = root / "binary.xlsx"
    binary.write_bytes(os.urandom(200))
    unreadable = root / "unreadable.db"
    unreadable.write_bytes(b"x")
    unreadable.chmod(0)
    folder = root / "folder"
    folder.mkdir()
    return {
        "garbage": garbage,
        "empty": empty,
        "json": text,
        "listing": listing,
        "binary": binary,
        "unreadable": unreadable,
        "folder": folder,
        "missing": root / "missing" / "nothing.db",
        "new": root / "new.db",
    }


def _value(dest: str, command: tuple[str, ...], files: dict[str, Path], db: Path) -> Any:
    if dest in ("path", "backup", "db"):
        names = ["garbage", "empty", "unreadable", "folder", "missing", "binary"]
        if command != ("demo",):
            names.append("new")
        return st.one_of(st.just(str(db)), st.sampled_from([str(files[n]) for n in names]))
    if dest in ("dest", "out", "xlsx"):
        return st.sampled_from(
            [
                str(files["folder"] / "out.pdf"),
                str(files["folder"]),
                str(files["missing"]),
                str(files["garbage"]),
                str(db.parent / "out.xlsx"),
                str(db.parent / "o.ics"),
            ]
        )
    if dest in ("file", "manifest"):
        return st.sampled_from([str(p) for p in files.values()] + [str(db)])
    if dest in _DATE_DESTS:
        return st.one_of(_DAYS, _TEXT)
    if dest == "month":
        return st.one_of(_MONTHS, _TEXT)
    return _TEXT


def _argv(command: tuple[str, ...], files: dict[str, Path], db: Path) -> Any:
    parser = SUBCOMMANDS[command]
    parts: list[Any] = [st.just(list(command))]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            parts.append(_value(action.dest, command, files, db).map(lambda v: [v]))
            continue
        flag = action.option_strings[-1]
        if action.nargs == 0:
            parts.append(st.sampled_from([[], [flag]]))
            continue
        values = _value(action.dest, command, files, db)
        if action.choices:
            values = st.one_of(st.sampled_from(list(action.choices)), values)
        pair = values.map(lambda v, f=flag: [f, v])
        parts.append(pair if action.required else st.one_of(st.just([]), pair))
    return st.tuples(*parts).map(lambda lists: [x for part in lists for x in part])


@pytest.fixture(scope="module")
def workspace(demo_db: Path) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder), demo_db


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(SUBCOMMANDS), ids=" ".join)
def test_no_argument_makes_a_traceback(
    command: tuple[str, ...], workspace: Any, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    root, demo = workspace

    @settings(
        max_examples=int(os.environ.get("DUTYDESK_FUZZ_EXAMPLES", "6")),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        with tempfile.TemporaryDirectory(dir=root) as folder:
            here = Path(folder)
            db = here / "duty.db"
            shutil.copyfile(demo, db)
            files = _files(here)
            argv = data.draw(_argv(command, files, db), label="argv")
            monkeypatch.setattr("sys.stdin", io.StringIO(f"{DEMO_PASSWORD}\n"))
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse usage errors and --help
                code = stop.code if isinstance(stop.code, int) else 2
            finally:
                files["unreadable"].chmod(0o600)
            out = capsys.readouterr()
            assert code in (0, 1, 2), (argv, out.err)
            assert "Traceback" not in out.err
            # Progress (verify --progress) redraws one status line; it is not a message.
            lines = [
                line
                for line in out.err.strip().splitlines()
                if line.strip() and not PROGRESS.match(line)
            ]
            assert len(lines) <= 1, (argv, out.err)
            assert "意外错误" not in out.err and "Unexpected error" not in out.err, (argv, out.err)

    run()
