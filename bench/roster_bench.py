"""Roster benchmark: one year, 30 people, three 8-hour shifts; the generator versus a naive
round-robin made in the same run. Writes bench/results/roster.json and roster.md.

Run: ``.venv/bin/python -m bench.roster_bench``
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.roster.engine import (
    GenerationInput,
    Member,
    Pattern,
    Row,
    Rules,
    ShiftDef,
    balance_figure,
    find_violations,
    generate,
    person_stats,
    required_slots,
)
from dutydesk.roster.holidays import Calendar, library_year

RESULTS = Path(__file__).resolve().parent / "results"
TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026
PEOPLE = 30
RULES = Rules(min_rest_hours=12, max_consecutive_nights=2, max_hours_week=48, max_hours_month=184)
SHIFTS = {
    "早": ShiftDef(1, "早", "早班", clock_time(8), clock_time(16), need_officer=2),
    "中": ShiftDef(2, "中", "中班", clock_time(16), clock_time(0), need_officer=2),
    "夜": ShiftDef(3, "夜", "夜班", clock_time(0), clock_time(8), need_officer=2, is_night=True),
}
BY_ID = {s.id: s for s in SHIFTS.values()}


def _timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[Any, float]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return result, statistics.median(times)


def _input() -> GenerationInput:
    members = tuple(
        Member(i + 1, f"P{i + 1:02d}", i, True, (("officer", None),)) for i in range(PEOPLE)
    )
    # realistic leave: everyone takes 5 days of annual leave, spread over the year
    leave = {
        m.person_id: frozenset(
            date(YEAR, 1, 10) + timedelta(days=(m.person_id * 11) % 340 + d) for d in range(5)
        )
        for m in members
    }
    return GenerationInput(
        team_id=1,
        start=date(YEAR, 1, 1),
        end=date(YEAR, 12, 31),
        tz=TZ,
        pattern=Pattern((("早", "中", "夜"),), date(YEAR, 1, 1)),
        shifts=SHIFTS,
        members=members,
        rules=RULES,
        calendar=Calendar({d: (k, n) for d, k, n in library_year(YEAR) or []}),
        leave=leave,
    )


def round_robin(data: GenerationInput) -> list[Row]:
    """The spreadsheet way: the next person in the list takes the next slot, no checks."""
    rows = []
    index = 0
    for spec in required_slots(data.pattern, data.shifts, data.calendar, data.start, data.end):
        start, end = spec.shift.window(spec.day, data.tz)
        member = data.members[index % len(data.members)]
        index += 1
        rows.append(
            Row(
                spec.day,
                spec.shift.id,
                spec.role,
                spec.slot,
                member.person_id,
                "generated",
                start,
                end,
                data.team_id,
            )
        )
    return rows


def _quality(data: GenerationInput, rows: list[Row]) -> dict[str, Any]:
    violations = find_violations(
        rows,
        shifts_by_id=BY_ID,
        members={m.person_id: m for m in data.members},
        rules=data.rules,
        leave=data.leave,
        tz=data.tz,
    )
    stats = person_stats(
        rows,
        shifts_by_id=BY_ID,
        people={m.person_id: (m.name, True) for m in data.members},
        calendar=data.calendar,
        tz=data.tz,
        start=data.start,
        end=data.end,
    )
    by_rule: dict[str, int] = {}
    for v in violations:
        by_rule[v.rule] = by_rule.get(v.rule, 0) + 1
    nights = [s.night_shifts for s in stats]
    holidays = [s.holiday_shifts for s in stats]
    weekends = [s.weekend_shifts for s in stats]
    hours = [s.hours for s in stats]
    return {
        "rows": len(rows),
        "violations": len(violations),
        "violations_by_rule": by_rule,
        "balance_hours_min_over_max": balance_figure(stats),
        "hours_min_max": [min(hours), max(hours)],
        "nights_min_max": [min(nights), max(nights)],
        "weekend_shifts_min_max": [min(weekends), max(weekends)],
        "holiday_shifts_min_max": [min(holidays), max(holidays)],
    }


def _through_the_database() -> dict[str, float]:
    """The same year through the service: preview and commit (with audit rows) in SQLite."""
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(datetime(YEAR - 1, 12, 1, tzinfo=UTC))
        with Desk.open(Path(folder) / "bench.db", create=True, clock=clock) as desk:
            admin = desk.initialise(
                site_name="bench",
                admin_name="管理员",
                admin_employee_no="admin",
                admin_password="bench-password",
            )
            roster = desk.roster
            for s in SHIFTS.values():
                roster.add_shift_type(
                    admin,
                    code=s.code,
                    name=s.name,
                    start=f"{s.start:%H:%M}",
                    end=f"{s.end:%H:%M}",
                    need_officer=2,
                    is_night=s.is_night,
                )
            pattern = roster.add_pattern(
                admin, name="三班", cycle="早,中,夜", anchor_day="2026-01-01"
            )
            team = roster.add_team(admin, name="一班", pattern_id=pattern, rules=RULES)
            ids = []
            for i in range(PEOPLE):
                person = desk.people.add(
                    admin, name=f"成员{i + 1}", employee_no=f"{5000 + i}", roles=["officer"]
                )
                roster.set_qualification(admin, person_id=person.id, duty_role="officer")
                ids.append(person.id)
            roster.set_members(admin, team.id, ids)
            began = time.perf_counter()
            preview = roster.preview(team=team.id, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            preview_s = time.perf_counter() - began
            began = time.perf_counter()
            roster.commit(admin, preview)
            commit_s = time.perf_counter() - began
            began = time.perf_counter()
            roster.quality(team=team.id, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            quality_s = time.perf_counter() - began
    return {
        "preview_s": round(preview_s, 3),
        "commit_s": round(commit_s, 3),
        "quality_report_s": round(quality_s, 3),
    }


def main() -> int:
    data = _input()
    result, generate_s = _timed(lambda: generate(data))
    baseline, baseline_s = _timed(lambda: round_robin(data))
    generated = _quality(data, list(result.rows))
    generated["unfilled"] = len(result.unfilled)
    naive = _quality(data, baseline)
    naive["unfilled"] = 0
    db = _through_the_database()
    report = {
        "benchmark": "roster",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "scenario": {
            "year": YEAR,
            "people": PEOPLE,
            "shifts": "早 08-16, 中 16-24, 夜 00-08, 2 officers each",
            "slots": len(result.rows) + len(result.unfilled),
            "rules": RULES.__dict__,
            "leave": "5 days annual leave per person",
        },
        "generator": {"seconds": round(generate_s, 3), **generated},
        "round_robin_baseline": {"seconds": round(baseline_s, 4), **naive},
        "ratio_time_generator_over_baseline": round(generate_s / baseline_s, 1),
        "through_database": db,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "roster.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    g, n = report["generator"], report["round_robin_baseline"]
    lines = [
        "# Roster benchmark",
        "",
        f"One year ({YEAR}), {PEOPLE} people, three 8-hour shifts with two officers each "
        f"({report['scenario']['slots']} slots), 5 days leave per person; rules: rest ≥ 12 h, "
        "≤ 2 nights in a row, ≤ 48 h/week, ≤ 184 h/month. Median of 3 runs.",
        "",
        "| | generator | naive round-robin |",
        "|---|---|---|",
        f"| time (s) | {g['seconds']} | {n['seconds']} |",
        f"| unfilled slots | {g['unfilled']} | {n['unfilled']} |",
        f"| hard-rule violations | {g['violations']} | "
        f"{n['violations']} {n['violations_by_rule']} |",
        f"| balance (min/max hours) | {g['balance_hours_min_over_max']} | "
        f"{n['balance_hours_min_over_max']} |",
        f"| hours min–max | {g['hours_min_max']} | {n['hours_min_max']} |",
        f"| nights min–max | {g['nights_min_max']} | {n['nights_min_max']} |",
        f"| weekend shifts min–max | {g['weekend_shifts_min_max']} | "
        f"{n['weekend_shifts_min_max']} |",
        f"| holiday shifts min–max | {g['holiday_shifts_min_max']} | "
        f"{n['holiday_shifts_min_max']} |",
        "",
        f"Through the database (service, SQLite, audit rows): preview {db['preview_s']} s, "
        f"commit {db['commit_s']} s, quality report {db['quality_report_s']} s.",
        "",
    ]
    (RESULTS / "roster.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
