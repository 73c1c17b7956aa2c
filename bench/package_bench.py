"""Package benchmark: the .deb's size, the installed folder's size, and how long the
installed (frozen) program takes to start against the same command from source, runs
interleaved in one session. Writes bench/results/package.json and package.md.

Run after ``make package``: ``.venv/bin/python -m bench.package_bench``
(``--frozen /opt/dutydesk`` measures an installed copy instead of dist/dutydesk).

The frozen program is measured as a whole process, spawn to exit, for two commands:
``--version`` (bootloader, unpacking and the argument parser) and ``verify`` on the demo
database (the core's imports and a full read of the file); and, where Xvfb and xdotool are
installed, from spawn until its first window (the sign-in dialog) is mapped on a virtual
screen, polled every 20 ms, against the same from source.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def installed_kib(deb: Path) -> int:
    """What dpkg will unpack (the package's Installed-Size), stripped libraries included."""
    field = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True, text=True, check=True
    )
    return int(field.stdout.strip())


def wall_seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, list[float]]:
    """Each command once per round, after one warm-up round, so drift hurts all alike."""
    for command in commands.values():
        wall_seconds(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(wall_seconds(command, env))
    return samples


def seconds_to_first_window(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - started < 60:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                capture_output=True,
                env=env,
            )
            if found.stdout.strip():
                return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"no window from {command[0]} within 60 s")
    finally:
        process.kill()
        process.wait()


def window_samples(
    frozen: Path, demo: Path, runs: int, env: dict[str, str]
) -> dict[str, list[float]]:
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        return {}
    display = ":97"
    screen = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        xenv = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        commands = {
            "frozen window": [str(frozen / "dutydesk"), "gui", "--db", str(demo)],
            "source window": [sys.executable, "-m", "dutydesk.cli", "gui", "--db", str(demo)],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            seconds_to_first_window(command, xenv)
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(seconds_to_first_window(command, xenv))
        return samples
    finally:
        screen.kill()
        screen.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", default=str(ROOT / "dist" / "dutydesk"))
    parser.add_argument("--deb", help="the .deb (default: the newest in dist/)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    frozen = Path(args.frozen)
    program = frozen / "dutydesk"
    if not program.is_file():
        print(f"no frozen program at {program}: run make package first", file=sys.stderr)
        return 2
    debs = sorted((ROOT / "dist").glob("dutydesk_*.deb"))
    deb = Path(args.deb) if args.deb else (debs[-1] if debs else None)
    with tempfile.TemporaryDirectory(prefix="dutydesk-package-bench-") as tmp:
        env = {**os.environ, "HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        demo = Path(tmp) / "demo.db"
        subprocess.run([str(program), "demo", str(demo)], env=env, check=True, capture_output=True)
        source = [sys.executable, "-m", "dutydesk.cli"]
        samples = interleaved(
            {
                "frozen --version": [str(program), "--version"],
                "source --version": [*source, "--version"],
                "frozen verify": [str(program), "verify", str(demo)],
                "source verify": [*source, "verify", str(demo)],
                "python -c pass": [sys.executable, "-c", "pass"],
            },
            args.runs,
            env,
        )
        samples.update(window_samples(frozen, demo, args.runs, env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    result: dict[str, Any] = {
        "deb": deb.name if deb else None,
        "deb_mib": round(deb.stat().st_size / 2**20, 1) if deb else None,
        "installed_mib": round(installed_kib(deb) / 1024, 1)
        if deb
        else round(folder_size(frozen) / 2**20, 1),
        "runs": args.runs,
        "median_s": {name: round(value, 3) for name, value in medians.items()},
        "ratio_frozen_to_source": {
            "--version": round(medians["frozen --version"] / medians["source --version"], 2),
            "verify": round(medians["frozen verify"] / medians["source verify"], 2),
            **(
                {"window": round(medians["frozen window"] / medians["source window"], 2)}
                if "frozen window" in medians
                else {}
            ),
        },
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "package.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Package",
        "",
        f"- package: {result['deb']} — {result['deb_mib']} MiB; installed "
        f"{result['installed_mib']} MiB",
        f"- median of {args.runs} interleaved runs after a warm-up, whole process, spawn to exit",
        "",
        "| command | seconds |",
        "|---|---:|",
        *(f"| {name} | {value:.3f} |" for name, value in result["median_s"].items()),
        "",
        "Frozen ÷ source: "
        + ", ".join(f"{k} {v}" for k, v in result["ratio_frozen_to_source"].items())
        + ".",
    ]
    (RESULTS / "package.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
