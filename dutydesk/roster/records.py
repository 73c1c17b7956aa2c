"""The roster's records (teams, assignments, who is on duty, previews) and input checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from dutydesk.clock import parse_day
from dutydesk.errors import ValidationError
from dutydesk.people.auth import Person
from dutydesk.roster.engine import (
    DUTY_ROLE_LABELS,
    DUTY_ROLES,
    QualityReport,
    Row,
    Rules,
    ShiftDef,
)
from dutydesk.store.rows import from_row

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_RANGE_DAYS = 400


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    pattern_id: int | None
    rules: Rules


@dataclass(frozen=True)
class Assignment:
    id: int
    team_id: int
    team: str
    day: date
    shift_code: str
    shift_name: str
    role: str
    slot: int
    person_id: int
    person_name: str
    source: str
    starts_at: datetime
    ends_at: datetime
    locked: bool
    served_person_id: int | None
    served_source: str | None
    colour: str
    is_night: bool

    @property
    def role_label(self) -> str:
        return DUTY_ROLE_LABELS[self.role][0]


@dataclass(frozen=True)
class PlannedServed:
    """One assignment: planned person against the person who served."""

    assignment: Assignment
    planned_person_id: int
    planned_name: str
    served_person_id: int | None
    served_name: str | None
    stand_in: bool
    source: str | None  # 'handover', 'manual' or None (not recorded)


@dataclass(frozen=True)
class OnDuty:
    person: Person
    role: str
    shift: ShiftDef
    assignment: Assignment


@dataclass(frozen=True)
class GenerationPreview:
    team_id: int
    start: date
    end: date
    new_rows: tuple[Row, ...]  # generated rows to insert (unchanged ones are not repeated)
    removed_ids: tuple[int, ...]  # old generated rows that the new plan replaces
    kept: int  # rows left as they are (manual, swap, started, unchanged generated)
    quality: QualityReport
    fingerprint: str
    replace: bool = False  # True: unstarted generated rows in the range may be re-planned


def _role_check(role: str) -> str:
    if role not in DUTY_ROLES:
        raise ValidationError("duty_role", f"未知值班岗位：{role}", en=f"Unknown duty role: {role}")
    return role


def _clock_time(value: str, field_name: str) -> str:
    value = (value or "").strip()
    if not _HHMM.match(value):
        raise ValidationError(
            field_name, f"时间格式应为 HH:MM：{value}", en=f"Times are written HH:MM: {value}"
        )
    return value


def _date_range(start: str | date, end: str | date) -> tuple[date, date]:
    first = parse_day(start, "start")
    last = parse_day(end, "end")
    if last < first:
        raise ValidationError(
            "end",
            f"结束日期 {last} 早于开始日期 {first}",
            en=f"The end date {last} is before the start date {first}",
        )
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValidationError(
            "end", f"一次最多 {MAX_RANGE_DAYS} 天", en=f"At most {MAX_RANGE_DAYS} days at once"
        )
    return first, last


def shift_from_row(row: dict[str, Any]) -> ShiftDef:
    return from_row(
        ShiftDef,
        row,
        start=time.fromisoformat(row["start_time"]),
        end=time.fromisoformat(row["end_time"]),
        is_night=bool(row["is_night"]),
        on_rest_days=bool(row["on_rest_days"]),
    )
