"""Start-up to first paint, signed in, on the realistic database (goal ≤ 1.3×).

DutyDesk: ``probes/startup_dutydesk.py`` — imports, ``ui.app.ensure_application`` (font,
translators), ``Desk.open`` of the bench's copy of the database, the signed-in main window
from ``ui.app.build_main_window``, ``show()``, until the window's first Paint event.
Baseline: ``probes/startup_bare.py`` — a bare PySide6 QMainWindow with seven empty tabs.
Each sample is a fresh process, the kinds interleaved; the time runs from the top
of the probe script. Window preferences go to a throw-away config folder, emptied
before every probe. Byte-code is cached (in the work folder) as in an installed
program, even where the environment sets PYTHONDONTWRITEBYTECODE: otherwise every
DutyDesk sample would compile its own modules from source; the first, unmeasured round
fills the cache.

Information, the floor of the fixed stack (``probes/startup_floor.py``): the bare window
plus importing sqlite-utils and opening the database with it (the Desk's database is a
sqlite-utils ``Database`` and signing in reads it), and the same plus importing every
module the DutyDesk probe imports. Their ratios to the bare window are the lowest the
DutyDesk window can reach with this stack.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import PROBES, ROOT, Context, Row, failed, median

NAME = "startup"
NEEDS_DB = True
TITLE = "start-up to first paint, signed in"


def probe_env(work: Path) -> dict[str, str]:
    config = work / "probe-home"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        # Window geometry and language preferences go to a throw-away folder.
        "XDG_CONFIG_HOME": str(config / "config"),
        "HOME": str(config),
        # Byte-code cached as in an installed program (see the module docstring).
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def probe(script: str, *args: str, env: dict[str, str]) -> dict[str, Any]:
    """Run one probe process; its last JSON line, or ``{"error": ...}``.

    Every probe starts without preferences (the window opens on its first tab), so that
    one probe's last tab is not restored by the next."""
    shutil.rmtree(env["HOME"], ignore_errors=True)
    Path(env["HOME"]).mkdir(parents=True)
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, str(PROBES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    result: dict[str, Any] = json.loads(lines[-1])
    if result.get("paint_wall"):
        result["spawn_to_paint_s"] = result["paint_wall"] - spawned
    return result


def interleaved(ctx: Context, kinds: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    """``runs`` samples of each probe (name → script and arguments), round after round.

    One unmeasured round first warms the page cache and the byte-code cache for all."""
    env = probe_env(ctx.work)
    for args in kinds.values():
        probe(*args, env=env)
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in kinds}
    for _ in range(ctx.runs):
        for name, args in kinds.items():
            samples[name].append(probe(*args, env=env))
    return samples


def interleaved_probes(
    ctx: Context, *extra: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    db = str(ctx.need_db())
    samples = interleaved(
        ctx, {"bare": ["startup_bare.py", *extra], "desk": ["startup_dutydesk.py", db, *extra]}
    )
    return samples["bare"], samples["desk"]


def _errors(samples: list[dict[str, Any]]) -> str | None:
    for sample in samples:
        if "error" in sample or "skipped" in sample:
            return str(sample.get("error") or sample.get("skipped"))
    return None


def _median_of(samples: list[dict[str, Any]], key: str) -> float | None:
    return median([s[key] for s in samples if s.get(key) is not None])


FLOORS: tuple[tuple[str, str, list[str]], ...] = (
    (
        "startup_floor",
        "start-up floor: the bare window plus importing sqlite-utils and opening the database",
        [],
    ),
    (
        "startup_floor_imports",
        "start-up floor: the same plus importing every module DutyDesk's first paint needs",
        ["--app-imports"],
    ),
)


def run(ctx: Context) -> list[Row]:
    db = str(ctx.need_db())
    kinds = {"bare": ["startup_bare.py"], "desk": ["startup_dutydesk.py", db]}
    for key, _title, extra in FLOORS:
        kinds[key] = ["startup_floor.py", db, *extra]
    samples = interleaved(ctx, kinds)
    bare, desk = samples["bare"], samples["desk"]
    error = _errors(desk) or _errors(bare)
    if error:
        return [failed(NAME, TITLE, error)]
    row = Row(
        NAME,
        TITLE,
        _median_of(desk, "first_paint_s"),
        _median_of(bare, "first_paint_s"),
        "bare QMainWindow with 7 empty tabs",
        goal=1.3,
        samples={
            "app": [s["first_paint_s"] for s in desk],
            "base": [s["first_paint_s"] for s in bare],
        },
    )
    d = {k: _median_of(desk, k) for k in ("import_s", "app_setup_s", "open_db_s")}
    d["build_window_s"] = _median_of(desk, "build_window_s")
    b_import = _median_of(bare, "import_s")
    spawn_app, spawn_base = (
        _median_of(desk, "spawn_to_paint_s"),
        _median_of(bare, "spawn_to_paint_s"),
    )
    row.notes.append(
        f"DutyDesk split (median s): imports {d['import_s']:.3f} (bare {b_import:.3f}),"
        f" application set-up {d['app_setup_s']:.3f}, opening the database"
        f" {d['open_db_s']:.3f}, building the window {d['build_window_s']:.3f}."
    )
    if spawn_app and spawn_base:
        row.notes.append(
            f"Process spawn to first paint (interpreter start-up included): {spawn_app:.3f} s"
            f" vs {spawn_base:.3f} s, {spawn_app / spawn_base:.2f}×."
        )
    cpu_app, cpu_base = _median_of(desk, "first_paint_cpu_s"), _median_of(bare, "first_paint_cpu_s")
    if cpu_app and cpu_base:
        row.notes.append(
            f"CPU time from the top of the probe to the first paint (less sensitive to other"
            f" work on the machine than the wall time): {cpu_app:.3f} s vs {cpu_base:.3f} s,"
            f" {cpu_app / cpu_base:.2f}×."
        )
    rows = [row]
    for key, title, _extra in FLOORS:
        floor = samples[key]
        floor_error = _errors(floor)
        if floor_error:
            rows.append(failed(key, title, floor_error))
            continue
        rows.append(
            Row(
                key,
                title,
                _median_of(floor, "first_paint_s"),
                row.base,
                "bare QMainWindow with 7 empty tabs",
                samples={"app": [s["first_paint_s"] for s in floor]},
            )
        )
        pairs = sorted(
            f["first_paint_s"] / b["first_paint_s"]
            for f, b in zip(floor, bare, strict=True)
            if f.get("first_paint_s") and b.get("first_paint_s")
        )
        cpu_floor = _median_of(floor, "first_paint_cpu_s")
        if pairs and cpu_floor and cpu_base:
            rows[-1].notes.append(
                f"Imports {_median_of(floor, 'import_s'):.3f} s (bare {b_import:.3f}), opening"
                f" the database {_median_of(floor, 'open_db_s'):.3f} s; ratio of each"
                f" interleaved pair {pairs[0]:.2f}–{pairs[-1]:.2f}×; CPU time by the first"
                f" paint {cpu_floor:.3f} s, {cpu_floor / cpu_base:.2f}× the bare window's."
            )
    return rows
