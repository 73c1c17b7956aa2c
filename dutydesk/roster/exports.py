"""Roster exports: hours per person (Excel, CSV) and iCalendar files (per person, per team)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Calendar as ICalendar
from icalendar import Event
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from dutydesk.errors import ValidationError
from dutydesk.roster.engine import PersonStats

if TYPE_CHECKING:
    from dutydesk.roster.context import RosterContext
    from dutydesk.roster.service import Assignment

HOURS_HEADER = (
    "姓名",
    "工号",
    "班次数",
    "总工时",
    "夜班数",
    "夜间工时(22-06)",
    "周末班次",
    "周末工时",
    "节假日班次",
    "节假日工时",
)
HOURS_HEADER_EN = (
    "Name",
    "Employee no.",
    "Shifts",
    "Hours",
    "Night shifts",
    "Night hours (22-06)",
    "Weekend shifts",
    "Weekend hours",
    "Holiday shifts",
    "Holiday hours",
)


def hours_table(
    desk: RosterContext, *, start: date | str, end: date | str, team: int | str | None = None
) -> list[list[object]]:
    """Rows of the hours export, one per person, sorted by name; numbers stay numbers."""
    stats: list[PersonStats] = desk.roster.hours(start=start, end=end, team=team)
    rows: list[list[object]] = []
    for s in sorted(stats, key=lambda x: x.name):
        employee_no = desk.people.get(s.person_id).employee_no
        rows.append(
            [
                s.name,
                employee_no,
                s.shifts,
                s.hours,
                s.night_shifts,
                s.night_hours,
                s.weekend_shifts,
                s.weekend_hours,
                s.holiday_shifts,
                s.holiday_hours,
            ]
        )
    return rows


def _out_kind(out: Path | str) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(
            "out", f"导出文件应为 .xlsx 或 .csv：{out}", en=f"Export to .xlsx or .csv: {out}"
        )
    return suffix


def export_hours(
    desk: RosterContext,
    out: Path | str,
    *,
    start: date | str,
    end: date | str,
    team: int | str | None = None,
) -> int:
    """Write hours per person to ``out`` (.xlsx or .csv by suffix); returns the row count."""
    kind = _out_kind(out)
    rows = hours_table(desk, start=start, end=end, team=team)
    if kind == ".csv":
        Path(out).write_bytes(hours_csv(rows).encode("utf-8-sig"))  # BOM: Excel opens it right
    else:
        Path(out).write_bytes(hours_xlsx(rows, title=f"工时 {start} 至 {end}"))
    return len(rows)


def hours_csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HOURS_HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def hours_xlsx(rows: list[list[object]], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "工时"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(HOURS_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        sheet.append(row)
    total_row = len(rows) + 3
    sheet.cell(row=total_row, column=1, value="合计")
    for column in range(3, len(HOURS_HEADER) + 1):
        letter = sheet.cell(row=2, column=column).column_letter
        sheet.cell(row=total_row, column=column, value=f"=SUM({letter}3:{letter}{total_row - 1})")
    for letter, width in zip("ABCDEFGHIJ", (12, 10, 8, 9, 8, 16, 10, 10, 11, 11), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _calendar(desk: RosterContext, name: str, assignments: list[Assignment]) -> bytes:
    site = desk.settings.get("site_name")
    cal = ICalendar()
    cal.add("prodid", "-//DutyDesk 值班台//roster//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{site} 排班 {name}")
    cal.add("x-wr-timezone", desk.settings.get("site_timezone"))
    stamp = desk.clock()
    for a in assignments:
        event = Event()
        event.add("uid", f"dutydesk-assignment-{a.id}@{site}")
        event.add("dtstamp", stamp)
        event.add("dtstart", a.starts_at)
        event.add("dtend", a.ends_at)
        event.add("summary", f"{a.shift_name} {a.role_label} {a.person_name}")
        event.add("description", f"{a.team} · {a.day} · {a.shift_code}")
        event.add("location", site)
        event.add("categories", ["排班", a.team])
        cal.add_component(event)
    return bytes(cal.to_ical())


def person_ics(desk: RosterContext, person_id: int, *, start: date | str, end: date | str) -> bytes:
    person = desk.roster._person(person_id)
    rows = desk.roster.assignments(start, end, person_id=person.id)
    return _calendar(desk, person.name, rows)


def team_ics(desk: RosterContext, team: int | str, *, start: date | str, end: date | str) -> bytes:
    team_ = desk.roster.team(team)
    rows = desk.roster.assignments(start, end, team_id=team_.id)
    return _calendar(desk, team_.name, rows)
