"""Extract tr() strings from ui/ into one .ts per area and compile every .ts to .qm.

Usage: python resources/translations/build.py [--ts-only] [--out DIR]

Which file belongs to which area (its ``<key>_en.ts``):
- ``ui/tabs/<key>.py``, ``ui/tabs/<key>_*.py``, any ``ui/<key>/`` package,
  ``ui/models/<key>.py`` and ``ui/models/<key>_*.py``;
- any other ui file carrying the line ``# i18n-area: <key>``.
Every remaining ui file goes to ``common_en.ts``. Source strings are Chinese; lupdate
keeps existing English translations and drops vanished ones (-no-obsolete), and
writes no source locations so that parallel branches do not conflict on line numbers.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UI = ROOT / "ui"
AREAS = ("roster", "handover", "incidents", "feedback", "kpi", "process", "training")
COMMON = "common"
_MARKER = re.compile(r"^#\s*i18n-area:\s*(\w+)\s*$", re.MULTILINE)


def _tool(name: str) -> str:
    """pyside6-lupdate/lrelease from the running interpreter's environment, else PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install pyside6-essentials")
    return found


def area_of(path: Path, ui_dir: Path = UI) -> str:
    relative = path.relative_to(ui_dir)
    parts = relative.parts
    stem = path.stem
    if len(parts) >= 2 and parts[0] in AREAS:
        return parts[0]
    if len(parts) == 2 and parts[0] in ("tabs", "models"):
        for key in AREAS:
            if stem == key or stem.startswith(f"{key}_"):
                return key
    marker = _MARKER.search(path.read_text(encoding="utf-8"))
    if marker and marker.group(1) in AREAS:
        return marker.group(1)
    return COMMON


def sources_by_area(ui_dir: Path = UI) -> dict[str, list[Path]]:
    grouped: dict[str, list[Path]] = {}
    for path in sorted(ui_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        grouped.setdefault(area_of(path, ui_dir), []).append(path)
    return grouped


def ts_name(area: str) -> str:
    return f"{area}_en.ts"


def update_ts(out_dir: Path = HERE, ui_dir: Path = UI, *, quiet: bool = True) -> list[Path]:
    """Run lupdate per area into ``out_dir`` (existing .ts files there are merged)."""
    written = []
    for area, files in sources_by_area(ui_dir).items():
        target = out_dir / ts_name(area)
        command = [
            _tool("pyside6-lupdate"),
            *map(str, files),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(target),
        ]
        if quiet:
            command.insert(1, "-silent")
        subprocess.run(command, check=True)
        written.append(target)
    return written


def release(ts_dir: Path = HERE) -> list[Path]:
    made = []
    for ts in sorted(ts_dir.glob("*_en.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts-only", action="store_true", help="update .ts, do not compile")
    parser.add_argument("--out", type=Path, default=HERE, help="directory of the .ts files")
    args = parser.parse_args(argv)
    for path in update_ts(args.out, quiet=False):
        print(f"updated {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if not args.ts_only:
        for path in release(args.out):
            print(f"compiled {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
