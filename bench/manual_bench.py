"""Benchmark: the process manual and handout as ratios against a minimal CJK page.

The baseline is a one-page reportlab document with the same embedded CJK font, built in
the same run, so the ratio says how much work the manual adds beyond reportlab itself.

    .venv/bin/python -m bench.manual_bench [--repeat 5]

Writes bench/results/manual.json and bench/results/manual.md.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from reports.fonts import FONT, register_fonts
from reports.manual import build_handout, build_manual, manual_data
from reports.shift import (
    ChecklistResult,
    IncidentLine,
    OpenItem,
    PersonOnDuty,
    ShiftReportData,
    SignatureLine,
    build_shift_report,
)

RESULTS = Path(__file__).resolve().parent / "results"
PASSWORD = "bench-password"


def minimal_cjk_page() -> bytes:
    """The bare minimum: one A4 page of Chinese text in the embedded subset font."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(FONT, 12)
    canvas.drawString(72, 760, "值班台 基准页：最小的中文 PDF 文档")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_shift(incidents: int = 12) -> ShiftReportData:
    """A busy day shift, built by hand (the core query that fills it is not written yet)."""
    return ShiftReportData(
        site_name="基准值班室",
        timezone="Asia/Shanghai",
        generated_at="2026-11-25T12:00:00+00:00",
        shift_date="2026-11-25",
        shift_code="D",
        shift_name="白班",
        start_at="2026-11-25T00:00:00+00:00",
        end_at="2026-11-25T12:00:00+00:00",
        people=(
            PersonOnDuty("张强", "值班长"),
            PersonOnDuty("李丽", "值班员"),
            PersonOnDuty("王伟", "值班员", served=False, note="病假，由赵敏替班"),
            PersonOnDuty("赵敏", "值班员", planned=False, note="替班"),
        ),
        incidents=tuple(
            IncidentLine(
                f"E-{n:05d}",
                f"二号机房空调温度告警（第{n}次），已通知物业值班人员到场检查",
                "一般",
                "已关闭",
                f"2026-11-25T{n % 11:02d}:05:00+00:00",
                f"2026-11-25T{n % 11:02d}:45:00+00:00",
                "李丽",
            )
            for n in range(incidents)
        ),
        checklist=tuple(ChecklistResult(f"检查项目{n}", n % 5 != 0, "") for n in range(8)),
        open_items=(OpenItem("空调待厂家复查", "李丽", "次日10:00"),),
        remarks="夜间注意机房温度。",
        signatures=(
            SignatureLine("交班确认", "李丽", "2026-11-25T11:58:00+00:00"),
            SignatureLine("接班确认", "王五", "2026-11-25T12:01:00+00:00"),
        ),
        record_hash="ab" * 32,
        process_version=1,
    )


def _time(fn: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def _demo_shift_report(path: Path, repeat: int) -> tuple[float, int]:
    """One day shift of the demo database, from the records to the PDF."""
    from dutydesk.demo.site import create_demo
    from dutydesk.handover.shift_report import shift_report_data

    with create_demo(path, seed=7) as desk:
        shift = next(a for a in desk.roster.assignments("2026-11-01", "2026-11-30"))
        day, code = shift.day.isoformat(), shift.shift_code
        return _time(lambda: build_shift_report(shift_report_data(desk, day, code)), repeat)


def run(repeat: int = 5) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        clock = ManualClock(datetime(2026, 11, 25, tzinfo=UTC))
        with Desk.open(path, create=True, clock=clock) as desk:
            admin = desk.initialise(
                site_name="基准值班室",
                admin_name="管理员",
                admin_employee_no="admin",
                admin_password=PASSWORD,
            )
            desk.process.install_default(admin, password=PASSWORD)
            data = manual_data(desk)
            minimal_cjk_page()  # font registration happens once, outside the timings
            base, base_size = _time(minimal_cjk_page, repeat)
            start = time.perf_counter()
            manual_data(desk)
            collect = time.perf_counter() - start
            manual, manual_size = _time(lambda: build_manual(data), repeat)
            handout, handout_size = _time(lambda: build_handout(data, "officer"), repeat)
            pages = build_manual(data).count(b"/Type /Page\n")
            shift_data = sample_shift()
            shift, shift_size = _time(lambda: build_shift_report(shift_data), repeat)
        demo_shift, demo_size = _demo_shift_report(Path(folder) / "demo.db", repeat)
    rows = [
        ("minimal_cjk_page", base, base_size),
        ("process_manual", manual, manual_size),
        ("officer_handout", handout, handout_size),
        ("shift_report_hand_built_data", shift, shift_size),
        ("shift_report_from_demo_records", demo_shift, demo_size),
    ]
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "repeat": repeat,
        "statistic": "median seconds",
        "manual_pages": pages,
        "manual_data_seconds": round(collect, 4),
        "results": [
            {
                "name": name,
                "seconds": round(seconds, 4),
                "bytes": size,
                "ratio_to_minimal": round(seconds / base, 1) if base else None,
            }
            for name, seconds, size in rows
        ],
    }


def markdown(result: dict[str, object]) -> str:
    lines = [
        "# Process manual benchmark",
        "",
        f"Measured {result['measured_at']}, Python {result['python']}, "
        f"{result['statistic']} of {result['repeat']} runs. "
        f"The manual has {result['manual_pages']} pages; collecting its data takes "
        f"{result['manual_data_seconds']} s.",
        "",
        "| document | seconds | bytes | × minimal CJK page |",
        "|---|---:|---:|---:|",
    ]
    for row in result["results"]:  # type: ignore[attr-defined]
        lines.append(
            f"| {row['name']} | {row['seconds']:.4f} | {row['bytes']} | {row['ratio_to_minimal']} |"
        )
    lines += [
        "",
        "The last row includes the core query that gathers a demo shift's roster, incidents",
        "and handover (`dutydesk.shift_report.shift_report_data`).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    result = run(args.repeat)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "manual.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "manual.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
