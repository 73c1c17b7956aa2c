"""``dutydesk verify`` against ``PRAGMA integrity_check`` (issue 15: ≤ 1.5×, < 150 MiB).

Each sample is a fresh process, the two kinds interleaved so that load and the page
cache treat both alike; every child imports the same modules first, so only the work
differs:

- baseline: open the file read-only and run ``PRAGMA integrity_check`` (the floor: any
  verification reads every page at least once);
- DutyDesk: ``dutydesk.store.verify.verify_path`` on the same file, every check
  (integrity, foreign keys, schema, audit chain, records against their newest audit
  image, signatures, search index).

Each child reports its wall time and its peak RSS (``ru_maxrss``), and for verify also
the largest of its chain worker processes, if it uses any. The memory goal is judged on
the largest single process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.common import ROOT, Context, Row, failed, median

NAME = "verify"
NEEDS_DB = True
TITLE = "verify"

_CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
import dutydesk.desk  # the same imports in every child: only the work differs
from dutydesk.store import verify
started = time.perf_counter()
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
    result.update(ok=report.ok, audit_rows=report.audit_rows, problems=len(report.problems),
                  first_problem=str(report.problems[0]) if report.problems else None)
result["seconds"] = time.perf_counter() - started
# VmHWM: this process's own peak (ru_maxrss would include the parent's, inherited at fork)
result["peak_mib"] = next(
    (int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:")),
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
)
result["worker_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
result["chain_workers"] = getattr(verify, "CHAIN_WORKERS", 0)
print(json.dumps(result))
"""


def _child(mode: str, path: Path) -> dict[str, Any]:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError((done.stderr.strip().splitlines() or ["no output"])[-1])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(ctx: Context) -> list[Row]:
    path = ctx.need_db()
    samples: dict[str, list[dict[str, Any]]] = {"integrity": [], "verify": []}
    try:
        for _ in range(ctx.runs):
            for mode in ("integrity", "verify"):
                samples[mode].append(_child(mode, path))
    except Exception as error:
        return [failed(NAME, "verify time", error)]

    def values(mode: str, key: str) -> list[float]:
        return [float(s[key]) for s in samples[mode]]

    verify_s, integrity_s = (
        median(values("verify", "seconds")),
        median(values("integrity", "seconds")),
    )
    first = samples["verify"][0]
    ok = all(s["ok"] for s in samples["verify"])
    time_row = Row(
        NAME,
        "verify time",
        verify_s,
        integrity_s,
        "PRAGMA integrity_check",
        goal=1.5,
        samples={"app": values("verify", "seconds"), "base": values("integrity", "seconds")},
    )
    time_row.notes.append(
        f"verify {'passed' if ok else 'FOUND PROBLEMS'} ({first['audit_rows']:,} audit rows"
        + (f"; first problem: {first['first_problem']}" if first.get("first_problem") else "")
        + f"); chain worker processes: {first['chain_workers']}."
    )
    own = max(values("verify", "peak_mib"))
    workers = max(values("verify", "worker_peak_mib"))
    memory_row = Row(
        "verify_memory",
        "verify peak RSS",
        max(own, workers),
        max(values("integrity", "peak_mib")),
        "integrity_check process (interpreter and imports)",
        unit="MiB",
        limit=150.0,
        samples={"app": values("verify", "peak_mib"), "base": values("integrity", "peak_mib")},
    )
    memory_row.notes.append(
        f"verify's own process {own:.1f} MiB, its largest worker process {workers:.1f} MiB"
        " (the largest single process is judged; the goal is an absolute < 150 MiB)."
    )
    return [time_row, memory_row]
