"""``python -m bench`` runs and writes RESULTS.md: the harness works (no timings checked)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"[0-9]+(?:\.[0-9]+)? (?:ms|s|MiB)"


def _bench(*args: str, out: Path) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", *args, "--out", str(out), "--work", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return (out / "RESULTS.md").read_text(encoding="utf-8")


def _row(markdown: str, title_start: str) -> list[str]:
    for line in markdown.splitlines():
        if line.startswith(f"| {title_start}"):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"no row {title_start!r} in:\n{markdown}")


def test_a_figure_without_a_database_writes_its_row(tmp_path: Path) -> None:
    markdown = _bench("--only", "roster_model", out=tmp_path)
    _title, ours, baseline, ratio, goal, met = _row(markdown, "roster tab month model")
    assert re.fullmatch(NUMBER, ours)
    assert baseline.startswith("QStandardItemModel") and re.search(NUMBER, baseline)
    assert re.fullmatch(r"[0-9]+\.[0-9]+×", ratio)
    assert (goal, met) == ("information", "—")
    assert "Load average at start" in markdown and "cores" in markdown
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    row = next(r for r in results["rows"] if r["key"] == "roster_model")
    assert len(row["samples"]["app"]) == len(row["samples"]["base"]) == 3


def test_a_figure_on_a_copy_of_a_database_judges_its_goal(tmp_path: Path, demo_db: Path) -> None:
    before = demo_db.read_bytes()
    markdown = _bench("--db", str(demo_db), "--only", "incident_list", out=tmp_path)
    assert demo_db.read_bytes() == before, "the harness measures a private copy"
    _title, ours, baseline, ratio, goal, met = _row(markdown, "incident list, first page")
    assert re.fullmatch(NUMBER, ours) and re.search(NUMBER, baseline)
    assert re.fullmatch(r"[0-9]+\.[0-9]+×", ratio)
    assert goal == "≤ 2×" and met in ("met", "**not met**")
    assert re.search(r"incidents [0-9,]+", markdown)  # the database's row counts


def test_the_readme_table_is_copied_from_results() -> None:
    from bench.readme import updated
    from bench.runner import TABLE_END, TABLE_START

    readme = f"# DutyDesk\n\n{TABLE_START}\n| old |\n{TABLE_END}\n\nmore text\n"
    results = f"# results\n\n{TABLE_START}\n| figure | new |\n{TABLE_END}\n\n## Notes\n"
    assert updated(readme, results) == (
        f"# DutyDesk\n\n{TABLE_START}\n| figure | new |\n{TABLE_END}\n\nmore text\n"
    )
    assert TABLE_START in (ROOT / "README.md").read_text(encoding="utf-8")
