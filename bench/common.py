"""What every figure of the harness shares: its context, its result rows, paired timing.

A figure module offers ``NAME`` (the ``--only`` key), ``NEEDS_DB`` (whether it measures
the realistic database) and ``run(ctx) -> list[Row]``. Every row compares DutyDesk with a
baseline measured in the same run: samples are taken in interleaved pairs (baseline,
then DutyDesk, round after round, so a busy moment of the machine hurts both alike) and
each side's median is kept.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBES = HERE / "probes"


@dataclass
class Context:
    """One harness run: the private copy of the database, the runs per side, a work dir."""

    db: Path | None
    work: Path
    runs: int = 5
    quick: bool = False
    database: dict[str, Any] = field(default_factory=dict)

    def need_db(self) -> Path:
        if self.db is None:
            raise RuntimeError("this figure needs a database")
        return self.db

    def now(self) -> datetime:
        """The "now" the figures give the Desk: just after the database's last record."""
        return datetime.fromisoformat(self.database["now"])


@dataclass
class Row:
    """One line of RESULTS.md: DutyDesk against its baseline, and the goal if there is one.

    ``app``/``base`` are seconds (``unit`` "s") or MiB (``unit`` "MiB"). ``goal`` is the
    largest ratio allowed; ``limit`` an absolute upper bound on ``app`` (same unit);
    ``conditions`` further requirements such as ``{"0 violations": True}``. A row
    without goal, limit or conditions is information only.
    """

    key: str
    title: str
    app: float | None
    base: float | None
    base_label: str
    unit: str = "s"
    goal: float | None = None
    limit: float | None = None
    conditions: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)
    error: str | None = None
    figure: str = ""  # the module (``--only`` name) that measured it

    @property
    def ratio(self) -> float | None:
        if self.app is None or not self.base:
            return None
        return self.app / self.base

    @property
    def informative(self) -> bool:
        return self.goal is None and self.limit is None and not self.conditions

    @property
    def met(self) -> bool | None:
        if self.error or self.informative:
            return None
        checks = list(self.conditions.values())
        if self.goal is not None:
            checks.append(self.ratio is not None and self.ratio <= self.goal)
        if self.limit is not None:
            checks.append(self.app is not None and self.app < self.limit)
        return all(checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "figure": self.figure or self.key,
            "title": self.title,
            "app": self.app,
            "base": self.base,
            "base_label": self.base_label,
            "unit": self.unit,
            "ratio": self.ratio,
            "goal": self.goal,
            "limit": self.limit,
            "conditions": self.conditions,
            "met": self.met,
            "notes": self.notes,
            "samples": self.samples,
            "error": self.error,
        }


def failed(key: str, title: str, error: BaseException | str) -> Row:
    return Row(key, title, None, None, "", error=str(error).strip().splitlines()[-1][:300])


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _inner_repeats(app: Callable[[], Any], base: Callable[[], Any], floor: float) -> int:
    """How many calls make one sample, so that a sample of a sub-millisecond call is not
    all timer noise; the same count for both sides."""
    started = time.perf_counter()
    base()
    app()
    once = time.perf_counter() - started
    if once <= 0:
        return 100
    return max(1, min(200, int(floor / once)))


def paired(
    app: Callable[[], Any],
    base: Callable[[], Any],
    runs: int,
    *,
    warmup: int = 1,
    floor: float = 0.02,
) -> tuple[float, float, dict[str, list[float]]]:
    """Medians (seconds per call) of DutyDesk's and the baseline's samples, interleaved."""
    for _ in range(warmup):
        base()
        app()
    repeats = _inner_repeats(app, base, floor) if floor > 0 else 1
    samples: dict[str, list[float]] = {"app": [], "base": []}
    for _ in range(runs):
        for side, fn in (("base", base), ("app", app)):
            started = time.perf_counter()
            for _ in range(repeats):
                fn()
            samples[side].append((time.perf_counter() - started) / repeats)
    app_s, base_s = median(samples["app"]), median(samples["base"])
    assert app_s is not None and base_s is not None
    return app_s, base_s, samples


def timed(fn: Callable[[], Any], runs: int, *, warmup: int = 1) -> tuple[float, list[float]]:
    """Median seconds of ``fn`` alone (information rows that have no baseline of their own)."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    value = median(samples)
    assert value is not None
    return value, samples


def machine_facts() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
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

        pyside: str | None = PySide6.__version__
    except ImportError:
        pyside = None
    try:
        import reportlab

        reportlab_version: str | None = reportlab.Version
    except ImportError:
        reportlab_version = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": pyside,
        "reportlab": reportlab_version,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
    }


def describe_database(path: Path) -> dict[str, Any]:
    """Row counts of the main tables, the file size, and the "now" the figures use."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        counts = {}
        for table in (
            "people",
            "assignments",
            "incidents",
            "incident_events",
            "handovers",
            "feedback",
            "problems",
            "actions",
            "audit_log",
        ):
            if table in tables:
                counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        last = None
        for sql in (
            "SELECT max(reported_at) FROM incidents",
            "SELECT max(at) FROM audit_log",
        ):
            try:
                last = conn.execute(sql).fetchone()[0]
            except sqlite3.Error:
                continue
            if last:
                break
    finally:
        conn.close()
    now = (
        datetime.fromisoformat(last) + timedelta(hours=1)
        if last
        else datetime(2026, 11, 1, tzinfo=UTC)
    )
    return {
        "file_mib": round(path.stat().st_size / 1048576, 1),
        "rows": counts,
        "now": now.astimezone(UTC).isoformat(timespec="seconds"),
    }
