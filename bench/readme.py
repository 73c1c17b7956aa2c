"""``python -m bench.readme``: copy the figures table of bench/results/RESULTS.md into the
README, between the ``<!-- bench-table:start -->`` and ``<!-- bench-table:end -->`` markers
(``make bench`` does this after measuring). ``--check`` exits 1 when they differ."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.runner import RESULTS, TABLE_END, TABLE_START

README = Path(__file__).resolve().parent.parent / "README.md"


def between(text: str, where: str) -> tuple[int, int]:
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise SystemExit(f"{where} has no {TABLE_START} … {TABLE_END} section")
    return start, end + len(TABLE_END)


def updated(readme: str, results: str) -> str:
    a, b = between(results, "RESULTS.md")
    c, d = between(readme, "README.md")
    return readme[:c] + results[a:b] + readme[d:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.readme", description=__doc__)
    parser.add_argument("--results", type=Path, default=RESULTS / "RESULTS.md")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    new = updated(readme, args.results.read_text(encoding="utf-8"))
    if args.check:
        return 0 if new == readme else 1
    if new != readme:
        args.readme.write_text(new, encoding="utf-8")
        print(f"{args.readme}: benchmark table copied from {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
