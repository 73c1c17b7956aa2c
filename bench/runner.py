"""``python -m bench``: measure every figure of issue 18 and write bench/results/.

Each figure compares DutyDesk with a baseline measured in the same run (interleaved
pairs, median of ``--runs``) on the realistic 10-year database, and RESULTS.md gives per
figure DutyDesk's value, the baseline's, the ratio, the goal and whether it is met.

Without ``--db`` the database is generated with ``bench.generate`` (``--years``, 10 by
default) in the work folder; with ``--db PATH`` a private copy of PATH is measured
(opening a database applies pending migrations, so the original is never opened).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.common import HERE, Context, Row, describe_database, failed, machine_facts
from bench.figures import FIGURES

RESULTS = HERE / "results"
PROFILES = HERE / "profiles.md"
TABLE_START = "<!-- bench-table:start -->"
TABLE_END = "<!-- bench-table:end -->"


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"bench.figures.{name}")


def _copy_database(source: Path, dest: Path) -> None:
    """A private copy (with a non-empty WAL, if the source has one)."""
    if not source.is_file():
        raise SystemExit(f"no database at {source}")
    shutil.copyfile(source, dest)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))


def _generate(path: Path, years: float) -> dict[str, Any]:
    from bench.generate import generate

    started = time.perf_counter()
    try:
        made = generate(path, years=years, progress=True)
    except TypeError:  # a generator without a progress option
        made = generate(path, years=years)
    return {
        "generated_years": years,
        "generated_seconds": round(time.perf_counter() - started, 1),
        "generated_with": getattr(made, "__class__", type(made)).__name__,
    }


def prepare_database(args: argparse.Namespace, work: Path) -> tuple[Path, dict[str, Any]]:
    facts: dict[str, Any] = {}
    if args.db:
        path = work / "bench.db"
        print(f"copying {args.db} …", flush=True)
        _copy_database(Path(args.db), path)
        facts["source"] = args.db.name  # the file, not where this machine keeps it
    else:
        path = work / f"generated-{args.years:g}y.db"
        if path.exists():
            facts["source"] = f"{path.name} (generated earlier, reused)"
        else:
            print(f"generating a {args.years:g}-year database with bench.generate …", flush=True)
            facts |= _generate(path, args.years)
            facts["source"] = f"bench.generate --years {args.years:g}"
    # Open once with the application so that pending migrations are applied before
    # anything is timed.
    from dutydesk.desk import Desk

    started = time.perf_counter()
    Desk.open(path).close()
    facts["first_open_seconds"] = round(time.perf_counter() - started, 2)
    facts |= describe_database(path)
    return path, facts


def _fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.0f} MiB" if value >= 100 else f"{value:.1f} MiB"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms" if value >= 0.01 else f"{value * 1000:.2f} ms"
    return f"{value * 1000:.3f} ms"


def _goal_text(row: dict[str, Any]) -> str:
    parts = []
    if row["goal"] is not None:
        parts.append(f"≤ {row['goal']:g}×")
    if row["limit"] is not None:
        parts.append(f"< {row['limit']:g} {row['unit']}")
    parts += list(row["conditions"])
    return ", ".join(parts) or "information"


def _met_text(row: dict[str, Any]) -> str:
    if row["error"]:
        return "error"
    if row["met"] is None:
        return "—"
    return "met" if row["met"] else "**not met**"


def summary_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| figure | DutyDesk | baseline | ratio | goal | met |",
        "|---|---:|---|---:|---|---|",
    ]
    for row in rows:
        if row["error"]:
            lines.append(
                f"| {row['title']} | error: {row['error']} | | | {_goal_text(row)} | error |"
            )
            continue
        base = _fmt_value(row["base"], row["unit"]) if row["base"] is not None else ""
        label = row["base_label"]
        baseline = f"{label}: {base}" if label and base else (label or base or "—")
        ratio = f"{row['ratio']:.2f}×" if row["ratio"] is not None else "—"
        title = row["title"] + (
            f" (run of {row['kept_from'][:10]})" if row.get("kept_from") else ""
        )
        lines.append(
            f"| {title} | {_fmt_value(row['app'], row['unit'])} | {baseline} | {ratio}"
            f" | {_goal_text(row)} | {_met_text(row)} |"
        )
    return lines


def write_markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    db = results.get("database") or {}
    lines = [
        "# DutyDesk benchmark results",
        "",
        f"Run {m['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB),"
        f" {m['platform']}, Python {m['python']}, SQLite {m['sqlite']}, PySide6 {m['pyside6']},"
        f" reportlab {m.get('reportlab')}, QT_QPA_PLATFORM={m['qt_platform'] or '(default)'}.",
        f"Load average at start: {', '.join(map(str, m['load_average_at_start']))};"
        f" at the end: {', '.join(map(str, results.get('load_average_at_end', [])))}."
        f" Median of {results['settings']['runs']} interleaved runs per side"
        f" ({'--quick' if results['settings']['quick'] else 'full run'});"
        f" the whole run took {results.get('seconds', 0):.0f} s.",
        "",
    ]
    if db:
        counts = ", ".join(f"{k} {v:,}" for k, v in db.get("rows", {}).items())
        lines += [
            f"Database: {db.get('source')} — {db.get('file_mib')} MiB; {counts}."
            f" The figures' clock: {db.get('now')}.",
            "",
        ]
    lines += [
        "Ratios compare DutyDesk with the baseline measured in the same run; they are what to"
        " watch. Absolute times depend on the machine and its load. Rows whose goal is"
        ' "information" have none (issue 18 asks to report them).',
        "",
        TABLE_START,
        *summary_table(results["rows"]),
        "",
        f"Run {m['date'][:16].replace('T', ' ')} UTC, median of {results['settings']['runs']}"
        f" interleaved runs per side, load average {m['load_average_at_start'][0]} at the start"
        f" and {(results.get('load_average_at_end') or ['?'])[0]} at the end"
        + (
            f"; database {db.get('file_mib')} MiB, "
            f"{db.get('rows', {}).get('incidents', 0):,} incidents,"
            f" {db.get('rows', {}).get('audit_log', 0):,} audit rows"
            if db
            else ""
        )
        + " (bench/results/RESULTS.md).",
        TABLE_END,
        "",
        "## Notes",
        "",
    ]
    for row in results["rows"]:
        kept = row.get("kept_from")
        notes = list(row["notes"])
        if kept:
            notes.append(f"Kept from the run of {kept} (this run measured other figures only).")
        if notes:
            lines.append(f"- **{row['title']}**: " + " ".join(notes))
    lines += [
        "",
        "How each figure is measured: the docstring of its module in `bench/figures/`;"
        " every sample is in `results.json`.",
    ]
    if PROFILES.exists():
        # Written by hand from profiles: why a goal is out of reach and the best ratio seen.
        lines += ["", PROFILES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def run_figures(names: list[str], ctx: Context) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        module = _module(name)
        print(f"{name} …", flush=True)
        started = time.perf_counter()
        try:
            got = module.run(ctx)
        except Exception as error:
            got = [failed(name, getattr(module, "TITLE", name), error)]
        for row in got:
            row.figure = name
            shown = f"{row.ratio:.2f}×" if row.ratio is not None else (row.error or "")
            print(f"  {row.title}: {row.app} vs {row.base} {shown}", flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
        rows += got
    return rows


def _merge_earlier(out: Path, results: dict[str, Any], names: list[str]) -> None:
    """With --only, keep the other figures' rows of the previous run, saying when."""
    previous = out / "results.json"
    if not previous.exists():
        return
    try:
        kept = json.loads(previous.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    measured = {row["figure"] for row in results["rows"]}
    order = {name: i for i, name in enumerate(FIGURES)}
    earlier = [
        {**row, "kept_from": row.get("kept_from") or kept["machine"]["date"]}
        for row in kept.get("rows", [])
        if row.get("figure") not in measured
    ]
    results["rows"] = sorted(
        earlier + results["rows"], key=lambda r: order.get(r.get("figure", ""), len(order))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--db", type=Path, help="measure a private copy of this database")
    parser.add_argument("--only", help="comma-separated figures: " + ", ".join(FIGURES), default="")
    parser.add_argument("--runs", type=int, help="interleaved runs per side (default 5)")
    parser.add_argument("--quick", action="store_true", help="--years 1 and 3 runs: a smoke check")
    parser.add_argument("--years", type=float, help="years to generate without --db (10)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where results go")
    parser.add_argument("--work", type=Path, help="keep the work files (and a generated DB) here")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(FIGURES)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        parser.error(f"unknown figure(s) {', '.join(unknown)}; choose from {', '.join(FIGURES)}")
    names = [n for n in FIGURES if n in names]
    args.years = args.years or (1 if args.quick else 10)
    runs = args.runs or (3 if args.quick else 5)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": machine_facts(),
        "settings": {
            "runs": runs,
            "quick": args.quick,
            "only": names if args.only else None,
            "db": args.db.name if args.db else None,
            "years": args.years,
        },
    }
    with tempfile.TemporaryDirectory(prefix="dutydesk-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        ctx = Context(db=None, work=work, runs=runs, quick=args.quick)
        if any(_module(n).NEEDS_DB for n in names):
            ctx.db, ctx.database = prepare_database(args, work)
            results["database"] = ctx.database
        rows = run_figures(names, ctx)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["rows"] = [row.to_json() | {"run": results["machine"]["date"]} for row in rows]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only:
        _merge_earlier(args.out, results, names)
    (args.out / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    markdown = write_markdown(results)
    (args.out / "RESULTS.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
