"""Verification benchmark: ``dutydesk verify`` against PRAGMA integrity_check, same run.

``python -m bench.verify_bench [--years N] [--audit-rows N] [--path DB] [--runs R]``

Builds (or reuses) a database with ``python -m bench.generate PATH --years N``, then
measures, each in its own fresh process and interleaved so that load and the page cache
treat both alike:

- ``integrity``: open the file read-only and run ``PRAGMA integrity_check`` (the floor:
  any verification reads every page at least once);
- ``verify``: ``verify_path`` on the same file, every check (integrity, foreign keys,
  schema, audit chain, records against their newest audit image, signatures, search
  index) in one read transaction.

Each child reports its wall time and its peak resident memory (``ru_maxrss``; for verify
also its largest chain worker process); a child that only imports DutyDesk gives the
interpreter's own share. The goal (issue 15):
verify at most 1.5 times integrity_check, and a peak under 150 MiB whatever the size.
Results: bench/results/verify.json and verify.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
import dutydesk.desk  # the same imports in every child: only the work differs
from dutydesk.store import verify
started = time.perf_counter()
cpu_started = time.process_time()
result = {}
if mode == "integrity":
    import sqlite3
    from pathlib import Path
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    result["ok"] = rows == [("ok",)]
    conn.close()
elif mode == "verify":
    report = verify.verify_path(path)
    result.update(ok=report.ok, audit_rows=report.audit_rows,
                  records=report.records_checked, problems=len(report.problems))
result["seconds"] = time.perf_counter() - started
children = resource.getrusage(resource.RUSAGE_CHILDREN)
# processor time of the work: this process (all its threads) and its chain workers
result["cpu_s"] = time.process_time() - cpu_started + children.ru_utime + children.ru_stime
result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# verify's chain workers (processes of their own), the largest one
result["worker_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
result["chain_workers"] = verify.CHAIN_WORKERS
print(json.dumps(result))
"""


def _child(mode: str, path: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _describe(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    return {
        "file_mib": round(path.stat().st_size / 1048576, 1),
        "audit_rows": counts.get("audit_log", 0),
        "incidents": counts.get("incidents", 0),
        "people": counts.get("people", 0),
    }


def run(path: Path, runs: int) -> dict[str, Any]:
    samples: dict[str, list[dict[str, Any]]] = {"baseline": [], "integrity": [], "verify": []}
    samples["baseline"].append(_child("baseline", path))
    for _ in range(runs):
        for mode in ("integrity", "verify"):
            samples[mode].append(_child(mode, path))

    def median(mode: str, key: str) -> float:
        return float(statistics.median(s[key] for s in samples[mode]))

    integrity_s, verify_s = median("integrity", "seconds"), median("verify", "seconds")
    pairs = [
        v["seconds"] / i["seconds"]
        for v, i in zip(samples["verify"], samples["integrity"], strict=True)
    ]
    return {
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": os.getloadavg(),
        "database": {"path": str(path), **_describe(path)},
        "runs": runs,
        "integrity_s": round(integrity_s, 3),
        "verify_s": round(verify_s, 3),
        "ratio_verify_vs_integrity": round(verify_s / integrity_s, 2),
        "pair_ratios": [round(r, 2) for r in pairs],
        "integrity_cpu_s": round(median("integrity", "cpu_s"), 3),
        "verify_cpu_s": round(median("verify", "cpu_s"), 3),
        "verify_ok": all(s["ok"] for s in samples["verify"]),
        "peak_mib": {
            "baseline_imports": round(median("baseline", "peak_mib"), 1),
            "integrity": round(median("integrity", "peak_mib"), 1),
            "verify": round(max(s["peak_mib"] for s in samples["verify"]), 1),
            "verify_chain_worker": round(max(s["worker_peak_mib"] for s in samples["verify"]), 1),
        },
        "chain_workers": samples["verify"][0]["chain_workers"],
        "samples": samples,
    }


def write(result: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "verify.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    db, peak = result["database"], result["peak_mib"]
    lines = [
        "# Verification benchmark (issue 15)",
        "",
        f"Run {result['run_at']} on {result['machine']}, Python {result['python']},"
        f" SQLite {result['sqlite']}; load average at the end"
        f" {', '.join(f'{x:.2f}' for x in result['load_average'])}.",
        "",
        f"Database: {db['file_mib']} MiB, {db['audit_rows']:,} audit rows,"
        f" {db['incidents']:,} incidents, {db['people']:,} people"
        " (`python -m bench.generate`).",
        "",
        f"Median of {result['runs']} runs, each in a fresh process, interleaved;"
        f" verify {'passed' if result['verify_ok'] else 'FOUND PROBLEMS'}.",
        "",
        "| | seconds | processor seconds | peak memory (MiB) |",
        "|---|---:|---:|---:|",
        f"| interpreter and imports only | | | {peak['baseline_imports']} |",
        f"| `PRAGMA integrity_check` | {result['integrity_s']} | {result['integrity_cpu_s']} |"
        f" {peak['integrity']} |",
        f"| `dutydesk verify` (every check, one snapshot) | {result['verify_s']} |"
        f" {result['verify_cpu_s']} | {peak['verify']} |",
        f"| each of verify's {result['chain_workers']} chain worker process(es) | | |"
        f" {peak['verify_chain_worker']} |",
        "",
        f"Ratio verify / integrity_check: **{result['ratio_verify_vs_integrity']}**"
        " (goal: at most 1.5); each pair:"
        f" {', '.join(str(r) for r in result['pair_ratios'])}."
        " Goal for peak memory: under 150 MiB at any size.",
        "",
        "Processor seconds add up every thread and worker: verify does about twice the"
        " work of integrity_check (integrity_check itself, in a thread on a second"
        " connection in the same snapshot, plus the chain and the records in Python), so"
        " its ratio needs a second free core; on a saturated machine it tends towards"
        " the ratio of processor seconds.",
        "",
    ]
    (RESULTS / "verify.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.verify_bench")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--audit-rows", type=int, help="pad the trail to N rows (generator)")
    parser.add_argument("--path", help="an existing database (default: generate one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/dutydesk-bench")
    args = parser.parse_args(argv)
    if args.path:
        path = Path(args.path)
    else:
        rows = f"-{args.audit_rows}" if args.audit_rows else ""
        path = Path(args.work) / f"verify-{args.years:g}y{rows}.db"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "bench.generate", str(path), "--years", str(args.years)]
                + (["--audit-rows", str(args.audit_rows)] if args.audit_rows else []),
                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                check=True,
            )
            print(f"generated {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    result = run(path, args.runs)
    write(result)
    print((RESULTS / "verify.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
