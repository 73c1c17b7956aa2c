"""Roster generation: one year, 30 people, three 8-hour shifts (goal ≤ 5×, 0 violations).

DutyDesk: the roster engine's ``generate`` for 2026 (3 shifts a day, two officers each,
2,190 slots; rest ≥ 12 h, ≤ 2 nights in a row, ≤ 48 h a week, ≤ 184 h a month; every
person has 5 days of leave). Baseline: a naive round-robin over the same slots (the next
person on the list takes the next slot, no checks). Both results are checked with the
engine's own rule check; RESULTS.md gives the violations of each. Information: the same
year through the roster service (``preview``: reads, generation and its quality report,
on a fresh database) and its ``commit`` (every row with its audit entry). Needs no
database of its own.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import Context, Row, failed, median, paired
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.roster.engine import (
    GenerationInput,
    Member,
    Pattern,
    Rules,
    ShiftDef,
    balance_figure,
    find_violations,
    generate,
    person_stats,
    required_slots,
)
from dutydesk.roster.engine import (
    Row as RosterRow,
)
from dutydesk.roster.holidays import Calendar, library_year

NAME = "roster"
NEEDS_DB = False
TITLE = "roster, one year, 30 people, 3×8"

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


def round_robin(data: GenerationInput) -> list[RosterRow]:
    """The spreadsheet way: the next person in the list takes the next slot, no checks."""
    rows = []
    index = 0
    for spec in required_slots(data.pattern, data.shifts, data.calendar, data.start, data.end):
        start, end = spec.shift.window(spec.day, data.tz)
        member = data.members[index % len(data.members)]
        index += 1
        rows.append(
            RosterRow(
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


def _quality(data: GenerationInput, rows: list[RosterRow]) -> dict[str, Any]:
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


def _through_the_database(runs: int) -> dict[str, Any]:
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
            first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
            samples = []
            preview = None
            for _ in range(runs):
                began = time.perf_counter()
                preview = roster.preview(team=team.id, start=first, end=last)
                samples.append(time.perf_counter() - began)
            assert preview is not None
            began = time.perf_counter()
            roster.commit(admin, preview)
            commit_s = time.perf_counter() - began
    return {
        "preview_samples": samples,
        "preview_violations": len(preview.quality.violations),
        "preview_unfilled": len(preview.quality.unfilled),
        "commit_s": commit_s,
    }


def run(ctx: Context) -> list[Row]:
    try:
        data = _input()
        app_s, base_s, samples = paired(
            lambda: generate(data), lambda: round_robin(data), ctx.runs, floor=0
        )
        result = generate(data)
        generated = _quality(data, list(result.rows))
        naive = _quality(data, round_robin(data))
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    row = Row(
        NAME,
        TITLE,
        app_s,
        base_s,
        "naive round-robin over the same slots",
        goal=5.0,
        conditions={"0 violations": generated["violations"] == 0},
        samples=samples,
    )
    row.notes.append(
        f"Violations: generator {generated['violations']} {generated['violations_by_rule']},"
        f" {len(result.unfilled)} unfilled of {len(result.rows) + len(result.unfilled)} slots;"
        f" round-robin {naive['violations']} {naive['violations_by_rule']}."
        f" Nights per person min–max: generator {generated['nights_min_max']},"
        f" round-robin {naive['nights_min_max']}; balance (min/max hours)"
        f" {generated['balance_hours_min_over_max']} vs {naive['balance_hours_min_over_max']}."
    )
    rows = [row]
    try:
        db = _through_the_database(max(1, min(ctx.runs, 3) if ctx.quick else ctx.runs))
    except Exception as error:
        rows.append(failed("roster_service", "roster service preview, one year", error))
        return rows
    preview = Row(
        "roster_service",
        "roster service preview, one year (reads, generation, quality report)",
        median(db["preview_samples"]),
        None,
        "",
        samples={"app": db["preview_samples"]},
    )
    preview.notes.append(
        f"Preview: {db['preview_violations']} violations, {db['preview_unfilled']} unfilled;"
        f" commit of the year (rows and audit entries) {db['commit_s']:.2f} s, measured once."
    )
    rows.append(preview)
    return rows
