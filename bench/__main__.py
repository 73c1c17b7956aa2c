"""``python -m bench``: run every benchmark available and write bench/results/.

Each measurement is a ratio against the bare minimum done in the same run, so the
numbers mean something on any machine: DutyDesk's start-up against a bare PySide6
window, verification against a bare read-and-hash loop over the same rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PROBES = HERE / "probes"


def machine_facts() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1048576, 1)
    except OSError:
        pass
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": pyside,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
    }


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _probe(script: str, *args: str, env: dict[str, str]) -> dict[str, Any]:
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, str(PROBES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    result: dict[str, Any] = json.loads(lines[-1])
    if result.get("paint_wall"):
        result["spawn_to_paint_s"] = result["paint_wall"] - spawned
    return result


def bench_startup(runs: int, work: Path) -> dict[str, Any]:
    """Start-up to first paint: DutyDesk's real window vs a bare seven-tab window."""
    from dutydesk.demo.site import create_demo

    demo = work / "demo.db"
    made = time.perf_counter()
    create_demo(demo, seed=7).close()
    demo_seconds = time.perf_counter() - made
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        # Window geometry and language preferences go to a throw-away folder.
        "XDG_CONFIG_HOME": str(work / "config"),
        "HOME": str(work),
    }
    bare: list[dict[str, Any]] = []
    desk: list[dict[str, Any]] = []
    skipped = None
    for _ in range(runs):  # interleaved, so a busy moment hurts both alike
        bare.append(_probe("startup_bare.py", env=env))
        if skipped is None:
            result = _probe("startup_dutydesk.py", str(demo), env=env)
            if "skipped" in result:
                skipped = result["skipped"]
            else:
                desk.append(result)

    def summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
        good = [s for s in samples if s.get("first_paint_s")]
        keys = sorted({k for s in good for k in s if k.endswith("_s")})
        return {
            "runs": len(good),
            "errors": [s["error"] for s in samples if "error" in s],
            "median": {k: _median([s[k] for s in good if k in s]) for k in keys},
            "samples_first_paint_s": [round(s["first_paint_s"], 4) for s in good],
        }

    out: dict[str, Any] = {
        "demo_db_seconds": demo_seconds,
        "bare": summary(bare),
    }
    if skipped:
        out["dutydesk"] = {"skipped": skipped}
        return out
    out["dutydesk"] = summary(desk)
    b, d = out["bare"]["median"], out["dutydesk"]["median"]
    out["ratio_first_paint"] = d["first_paint_s"] / b["first_paint_s"]
    if "spawn_to_paint_s" in b and "spawn_to_paint_s" in d:
        out["ratio_spawn_to_paint"] = d["spawn_to_paint_s"] / b["spawn_to_paint_s"]
    out["ratio_after_imports"] = (d["first_paint_s"] - d["import_s"]) / (
        b["first_paint_s"] - b["import_s"]
    )
    return out


def _bare_chain_pass(path: Path) -> tuple[int, float]:
    """The floor: read every audit row and sha256 its text, nothing else."""
    started = time.perf_counter()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        digest = hashlib.sha256()
        for row in conn.execute(
            "SELECT seq, at, actor_id, actor_label, action, entity, entity_id, before_json,"
            " after_json, prev_hash, hash FROM audit_log ORDER BY seq"
        ):
            digest.update(repr(row).encode("utf-8"))
    finally:
        conn.close()
    return count, time.perf_counter() - started


def bench_verify(years: float, people: int, audit_rows: int | None, runs: int, work: Path):
    from bench.generate import generate
    from dutydesk.store import db as storage
    from dutydesk.store.verify import verify_path

    made = generate(work / "large.db", years=years, people=people, audit_rows=audit_rows)
    verify_times, bare_times, integrity_times, sha_times = [], [], [], []
    report = None
    for _ in range(runs):
        _count, seconds = _bare_chain_pass(made.path)
        bare_times.append(seconds)
        started = time.perf_counter()
        report = verify_path(made.path)
        verify_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with storage.open_readonly(made.path) as db:
            storage.integrity_problems(db)
        integrity_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        storage.file_sha256(made.path)
        sha_times.append(time.perf_counter() - started)
    assert report is not None
    verify_s, bare_s = _median(verify_times), _median(bare_times)
    return {
        "generated": {
            "years": made.years,
            "people": made.people,
            "audit_rows": made.audit_rows,
            "padding_rows": made.padding_rows,
            "file_mb": round(made.file_size / 1048576, 1),
            "seconds": round(made.seconds, 1),
            "audit_rows_per_s": round(made.audit_rows / made.seconds),
        },
        "verify_ok": report.ok,
        "problems": len(report.problems),
        "runs": runs,
        "median": {
            "verify_s": verify_s,
            "bare_read_and_hash_s": bare_s,
            "integrity_check_s": _median(integrity_times),
            "file_sha256_s": _median(sha_times),
        },
        "verify_rows_per_s": round(made.audit_rows / verify_s),
        "ratio_verify_vs_bare": verify_s / bare_s,
    }


def write_markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# DutyDesk benchmark results",
        "",
        f"Run {m['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB), "
        f"{m['platform']}, Python {m['python']}, SQLite {m['sqlite']}, "
        f"PySide6 {m['pyside6']}, QT_QPA_PLATFORM={m['qt_platform'] or '(default)'}. "
        f"Load average at start: {', '.join(map(str, m['load_average_at_start']))}.",
        "",
        "Ratios compare DutyDesk with the bare minimum measured in the same run; "
        "they are what to watch. Absolute times depend on the machine and its load.",
        "",
    ]
    earlier = results.get("kept_from_earlier_run", {})
    startup = results.get("startup")
    if startup and "startup" in earlier:
        e = earlier["startup"]
        lines += [
            f"(Start-up figures kept from the run of {e['date']}, load average "
            f"{', '.join(map(str, e['load_average_at_start']))}.)",
            "",
        ]
    if startup:
        lines += ["## Start-up to first paint", ""]
        if "skipped" in startup.get("dutydesk", {}):
            lines.append(f"DutyDesk: skipped: {startup['dutydesk']['skipped']}")
        else:
            b, d = startup["bare"]["median"], startup["dutydesk"]["median"]
            lines += [
                f"Median of {startup['dutydesk']['runs']} runs each, separate processes, "
                "interleaved; seconds from the top of the probe script.",
                "",
                "| | bare PySide6, 7 empty tabs | DutyDesk main window (demo DB) | ratio |",
                "|---|---:|---:|---:|",
                f"| imports | {b['import_s']:.3f} | {d['import_s']:.3f} | "
                f"{d['import_s'] / b['import_s']:.2f} |",
                f"| first paint | {b['first_paint_s']:.3f} | {d['first_paint_s']:.3f} | "
                f"**{startup['ratio_first_paint']:.2f}** |",
                f"| first paint minus imports | {b['first_paint_s'] - b['import_s']:.3f} | "
                f"{d['first_paint_s'] - d['import_s']:.3f} | "
                f"{startup['ratio_after_imports']:.2f} |",
            ]
            if "spawn_to_paint_s" in d:
                lines.append(
                    f"| process spawn to first paint | {b['spawn_to_paint_s']:.3f} | "
                    f"{d['spawn_to_paint_s']:.3f} | {startup['ratio_spawn_to_paint']:.2f} |"
                )
            lines += [
                "",
                f"DutyDesk split (median): application set-up {d['app_setup_s']:.3f} s "
                f"(font, translators), opening the database {d['open_db_s']:.3f} s, "
                f"building the window {d['build_window_s']:.3f} s.",
            ]
        lines.append("")
    verify = results.get("verify")
    if verify and "verify" in earlier:
        e = earlier["verify"]
        lines += [
            f"(Verification figures kept from the run of {e['date']}, load average "
            f"{', '.join(map(str, e['load_average_at_start']))}.)",
            "",
        ]
    if verify:
        g, v = verify["generated"], verify["median"]
        lines += [
            "## Audit chain verification",
            "",
            f"Generated database: {g['years']} years, {g['people']} people, "
            f"{g['audit_rows']:,} audit rows ({g['padding_rows']:,} of them padding that "
            f"stands in for later features' records), {g['file_mb']} MB, written in "
            f"{g['seconds']} s ({g['audit_rows_per_s']:,} rows/s).",
            "",
            f"Median of {verify['runs']} runs; verify "
            f"{'passed' if verify['verify_ok'] else 'FOUND PROBLEMS'}.",
            "",
            "| | seconds | ratio to bare |",
            "|---|---:|---:|",
            f"| bare: read every audit row and sha256 it | {v['bare_read_and_hash_s']:.2f} "
            "| 1.00 |",
            f"| `verify` (integrity, foreign keys, chain, records, signatures) | "
            f"{v['verify_s']:.2f} | **{verify['ratio_verify_vs_bare']:.2f}** |",
            f"| PRAGMA integrity_check alone | {v['integrity_check_s']:.2f} | "
            f"{v['integrity_check_s'] / v['bare_read_and_hash_s']:.2f} |",
            f"| sha256 of the file | {v['file_sha256_s']:.2f} | "
            f"{v['file_sha256_s'] / v['bare_read_and_hash_s']:.2f} |",
            "",
            f"Verify checks {verify['verify_rows_per_s']:,} audit rows per second.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per side")
    parser.add_argument("--verify-runs", type=int, default=3)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument(
        "--audit-rows", type=int, default=2_000_000, help="pad the audit trail to this size"
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, 200k audit rows")
    parser.add_argument("--only", choices=["startup", "verify"], help="run one benchmark")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.verify_runs, args.audit_rows = 3, 1, 200_000
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, Any] = {"machine": machine_facts(), "settings": vars(args) | {"out": None}}
    with tempfile.TemporaryDirectory(prefix="dutydesk-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "startup"):
            print("start-up to first paint …", flush=True)
            results["startup"] = bench_startup(args.runs, work)
        if args.only in (None, "verify"):
            print("generating the large database and verifying it …", flush=True)
            results["verify"] = bench_verify(
                args.years, args.people, args.audit_rows, args.verify_runs, work
            )
    args.out.mkdir(parents=True, exist_ok=True)
    previous = args.out / "results.json"
    if args.only and previous.exists():
        # One benchmark re-run: keep the others' last results, and say when each ran.
        kept = json.loads(previous.read_text(encoding="utf-8"))
        for key in ("startup", "verify"):
            if key not in results and key in kept:
                results[key] = kept[key]
                results.setdefault("kept_from_earlier_run", {})[key] = kept["machine"]
    (args.out / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    markdown = write_markdown(results)
    (args.out / "RESULTS.md").write_text(markdown + "\n", encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
