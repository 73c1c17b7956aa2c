"""The duty calendar: statutory holidays, make-up workdays (调休上班), admin entries, overrides.

Library choice, checked on 2026-11-25 with chinesecalendar 1.11 and holidays 0.109:
``chinese_calendar`` is used. It carries the State Council arrangement with every make-up
workday through 2026 (2026-01-04, 02-14, 02-28, 05-09, 09-20, 10-10) and the full holiday
ranges including the weekend days inside them, and it raises ``NotImplementedError`` for
2027. ``holidays`` (CN) knows the 2026 make-up days only as "substituted from" names on the
day off (there is no workday category) and for 2027 silently *guesses* holidays without any
make-up workdays. A duty roster must never guess, so the library that refuses is the safer
oracle; the years it does not know are entered by an administrator (form or pasted notice).

DutyDesk keeps its own table (``calendar_years`` + ``calendar_days``): a year is usable
when the library knows it officially (seeded with source 'official-library') or an admin
has entered it (source 'admin'). Site overrides (a local holiday, a special workday) win
over both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import chinese_calendar

from dutydesk.clock import parse_day
from dutydesk.errors import Conflict, NotFound, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, Person
from dutydesk.people.context import PeopleContext
from dutydesk.store import audit
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    pass

audit.register_table(audit.AuditedTable("calendar_years"))
audit.register_table(audit.AuditedTable("calendar_days"))
auth.register_permissions({"calendar.edit": frozenset({ADMIN})})

HOLIDAY, WORKDAY = "holiday", "workday"
OFFICIAL, ADMIN_SOURCE, OVERRIDE = "official-library", "admin", "override"

# English library names -> the Chinese names the notice uses.
_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def iter_days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def library_year(year: int) -> list[tuple[date, str, str]] | None:
    """The official (day, kind, name) entries for ``year``, or None if the library lacks it."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return None
    found: list[tuple[date, str, str]] = []
    for day in iter_days(date(year, 1, 1), date(year, 12, 31)):
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        label = _NAMES_ZH.get(name or "", name or "")
        if on_holiday and name:
            found.append((day, HOLIDAY, label))
        elif not on_holiday and day.weekday() >= 5:
            found.append((day, WORKDAY, f"{label}调休上班" if label else "调休上班"))
    return found


def missing_year_message(year: int) -> tuple[str, str]:
    return (
        f"{year} 年尚无官方节假日安排，请管理员录入",
        f"There is no official holiday arrangement for {year} yet; an administrator must enter it",
    )


@dataclass(frozen=True)
class YearStatus:
    year: int
    source: str | None  # 'official-library', 'admin' or None (no data)

    @property
    def known(self) -> bool:
        return self.source is not None

    @property
    def message(self) -> str:
        if self.known:
            return (
                f"{self.year} 年节假日：{'官方数据' if self.source == OFFICIAL else '管理员录入'}"
            )
        return missing_year_message(self.year)[0]

    @property
    def message_en(self) -> str:
        if self.known:
            origin = "official data" if self.source == OFFICIAL else "entered by an administrator"
            return f"Holidays {self.year}: {origin}"
        return missing_year_message(self.year)[1]


@dataclass(frozen=True)
class Calendar:
    """Effective calendar for some years: ``days`` maps a date to (kind, name)."""

    days: dict[date, tuple[str, str]]
    years: dict[int, YearStatus] = field(default_factory=dict)

    def kind(self, day: date) -> str | None:
        found = self.days.get(day)
        return found[0] if found else None

    def is_holiday(self, day: date) -> bool:
        return self.kind(day) == HOLIDAY

    def is_makeup_workday(self, day: date) -> bool:
        return self.kind(day) == WORKDAY

    def is_weekend(self, day: date) -> bool:
        """A Saturday or Sunday that is neither a holiday nor a make-up workday."""
        return day.weekday() >= 5 and self.kind(day) is None

    def is_rest_day(self, day: date) -> bool:
        return self.is_holiday(day) or self.is_weekend(day)

    def name(self, day: date) -> str:
        found = self.days.get(day)
        return found[1] if found else ""

    def missing_years(self) -> list[int]:
        return sorted(y for y, s in self.years.items() if not s.known)


# --- the annual State Council notice ------------------------------------------------------

_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:]{1,12})[：:](.*)$")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_FULL_DATE = re.compile(r"(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"关于\s*(\d{4})\s*年")


@dataclass(frozen=True)
class NoticeHoliday:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class NoticeParse:
    """What the parser read from the pasted notice, for the admin to confirm."""

    year: int
    holidays: tuple[NoticeHoliday, ...]
    workdays: tuple[tuple[date, str], ...]
    warnings: tuple[str, ...]


def _dates_in(text: str, year: int, month: int | None) -> list[date]:
    found: list[date] = []
    for match in _FULL_DATE.finditer(text):
        y = int(match.group(1)) if match.group(1) else year
        if match.group(2):
            month = int(match.group(2))
        if month is None:
            continue
        try:
            found.append(date(y, month, int(match.group(3))))
        except ValueError:
            continue
    return found


def parse_notice(text: str, *, year: int | None = None) -> NoticeParse:
    """Parse the pasted 国务院办公厅关于…年部分节假日安排的通知 into holiday ranges and workdays.

    Each numbered item ("二、春节：…") gives one holiday range (the sentence with 放假) and
    any make-up workdays (the sentence with 上班). Weekday notes in brackets are ignored.
    Nothing is saved: the admin confirms the result with ``CalendarService.enter_year``.
    """
    if year is None:
        found_year = _TITLE_YEAR.search(text or "")
        if not found_year:
            raise ValidationError(
                "notice",
                "未能从通知标题中识别年份，请填写年份",
                en="The year could not be read from the notice title; enter the year",
            )
        year = int(found_year.group(1))
    holidays: list[NoticeHoliday] = []
    workdays: list[tuple[date, str]] = []
    warnings: list[str] = []
    for line_no, raw in enumerate((text or "").splitlines(), start=1):
        item = _ITEM.match(raw.strip())
        if not item:
            continue
        name = item.group(1).strip()
        body = _PAREN.sub("", item.group(2))
        month: int | None = None
        range_found = False
        for sentence in re.split(r"[。；;]", body):
            if "放假" in sentence and not range_found:
                head = sentence.split("放假")[0]
                days = _dates_in(head, year, month)
                if not days:
                    warnings.append(f"第 {line_no} 行（{name}）：未找到放假日期")
                    continue
                start, end = days[0], days[-1]
                if end < start:
                    end = date(end.year + 1, end.month, end.day)
                holidays.append(NoticeHoliday(name, start, end))
                month = end.month
                range_found = True
            elif "上班" in sentence:
                for day in _dates_in(sentence, year, month):
                    workdays.append((day, f"{name}调休上班"))
                    month = day.month
        if not range_found:
            warnings.append(f"第 {line_no} 行（{name}）：未识别出放假安排")
    if not holidays:
        raise ValidationError(
            "notice",
            "未能从文本中识别出任何节假日安排（应为“一、元旦：1月1日至3日放假……”格式）",
            en="No holiday arrangement found in the text (expected lines like “一、元旦：…”)",
        )
    return NoticeParse(year, tuple(holidays), tuple(workdays), tuple(warnings))


# --- the service --------------------------------------------------------------------------


class CalendarService(AreaService[PeopleContext]):
    """Reads the effective calendar and lets an admin enter a year or add overrides."""

    def year_status(self, year: int) -> YearStatus:
        row = self._db.execute(
            "SELECT source FROM calendar_years WHERE year = ?", [year]
        ).fetchone()
        if row:
            return YearStatus(year, row[0])
        return YearStatus(year, OFFICIAL if library_year(year) is not None else None)

    def load(self, start: date, end: date) -> Calendar:
        """The effective calendar for every year touched by [start, end]."""
        years = range(start.year, end.year + 1)
        days: dict[date, tuple[str, str]] = {}
        statuses: dict[int, YearStatus] = {}
        for year in years:
            row = self._db.execute(
                "SELECT source FROM calendar_years WHERE year = ?", [year]
            ).fetchone()
            if row:
                statuses[year] = YearStatus(year, row[0])
                for day, kind, name in self._db.execute(
                    "SELECT day, kind, name FROM calendar_days WHERE source = ?"
                    " AND day BETWEEN ? AND ?",
                    [row[0], f"{year}-01-01", f"{year}-12-31"],
                ).fetchall():
                    days[date.fromisoformat(day)] = (kind, name)
            else:
                official = library_year(year)
                statuses[year] = YearStatus(year, OFFICIAL if official is not None else None)
                for day_, kind, name in official or []:
                    days[day_] = (kind, name)
        for day, kind, name in self._db.execute(
            "SELECT day, kind, name FROM calendar_days WHERE source = 'override'"
            " AND day BETWEEN ? AND ?",
            [f"{start.year}-01-01", f"{end.year}-12-31"],
        ).fetchall():
            days[date.fromisoformat(day)] = (kind, name)
        return Calendar(days, statuses)

    def seed_official(self, actor: audit.Actor, years: Iterable[int]) -> list[int]:
        """Copy the library's official data into the table for years not yet stored."""
        seeded: list[int] = []
        now = self._desk.now_iso()
        with self._db.atomic():
            for year in sorted(set(years)):
                if self._db.execute(
                    "SELECT 1 FROM calendar_years WHERE year = ?", [year]
                ).fetchone():
                    continue
                official = library_year(year)
                if official is None:
                    continue
                audit.insert(
                    self._db,
                    "calendar_years",
                    {
                        "year": year,
                        "source": OFFICIAL,
                        "note": "chinese_calendar",
                        "entered_at": now,
                    },
                    actor=actor,
                    at=now,
                    action="calendar.seed",
                )
                for day, kind, name in official:
                    audit.insert(
                        self._db,
                        "calendar_days",
                        {"day": day.isoformat(), "kind": kind, "name": name, "source": OFFICIAL},
                        actor=actor,
                        at=now,
                        action="calendar.seed",
                    )
                seeded.append(year)
        return seeded

    def enter_year(
        self,
        actor: Person,
        *,
        year: int,
        holidays: Iterable[NoticeHoliday | tuple[str | date, str | date, str]],
        workdays: Iterable[tuple[str | date, str]] = (),
        note: str = "",
    ) -> YearStatus:
        """An admin enters (or re-enters) a year that the library does not know officially."""
        actor = auth.require(actor, "calendar.edit", self._db)
        if library_year(year) is not None:
            raise Conflict(
                f"{year} 年已有官方节假日数据，只能添加本地调整",
                en=f"{year} has official data; add local overrides instead",
            )
        ranges: list[NoticeHoliday] = []
        for index, entry in enumerate(holidays, start=1):
            if isinstance(entry, NoticeHoliday):
                ranges.append(entry)
                continue
            start_raw, end_raw, name = entry
            start = start_raw if isinstance(start_raw, date) else parse_day(start_raw, "holidays")
            end = end_raw if isinstance(end_raw, date) else parse_day(end_raw, "holidays")
            ranges.append(NoticeHoliday(str(name).strip(), start, end))
            del index
        holiday_days: dict[date, str] = {}
        for index, item in enumerate(ranges, start=1):
            if not item.name:
                raise ValidationError(
                    "holidays", f"第 {index} 个节日缺少名称", en=f"Holiday {index} has no name"
                )
            if item.end < item.start:
                raise ValidationError(
                    "holidays",
                    f"第 {index} 个节日（{item.name}）结束日期早于开始日期",
                    en=f"Holiday {index} ({item.name}) ends before it starts",
                )
            if (item.end - item.start).days > 30:
                raise ValidationError(
                    "holidays",
                    f"第 {index} 个节日（{item.name}）超过 31 天，请检查日期",
                    en=f"Holiday {index} ({item.name}) is longer than 31 days",
                )
            for day in iter_days(item.start, item.end):
                if day.year != year:
                    raise ValidationError(
                        "holidays",
                        f"{item.name} 的日期 {day} 不在 {year} 年",
                        en=f"{item.name}: {day} is not in {year}",
                    )
                if day in holiday_days:
                    raise ValidationError(
                        "holidays",
                        f"{day} 同时属于 {holiday_days[day]} 和 {item.name}",
                        en=f"{day} is in two holidays",
                    )
                holiday_days[day] = item.name
        workday_map: dict[date, str] = {}
        for raw_day, name in workdays:
            day = raw_day if isinstance(raw_day, date) else parse_day(raw_day, "workdays")
            if day.year not in (year, year - 1):
                raise ValidationError(
                    "workdays",
                    f"调休上班日 {day} 不在 {year} 年",
                    en=f"Make-up workday {day} is not in {year}",
                )
            if day in holiday_days:
                raise ValidationError(
                    "workdays",
                    f"{day} 不能既放假又上班",
                    en=f"{day} cannot be both a holiday and a workday",
                )
            workday_map[day] = str(name).strip() or "调休上班"
        if not holiday_days:
            raise ValidationError("holidays", "至少录入一个节日", en="Enter at least one holiday")
        now = self._desk.now_iso()
        by = actor.actor
        with self._db.atomic():
            for (row_id,) in self._db.execute(
                "SELECT id FROM calendar_days WHERE source = 'admin' AND day BETWEEN ? AND ?",
                [f"{year}-01-01", f"{year}-12-31"],
            ).fetchall():
                audit.delete(self._db, "calendar_days", row_id, actor=by, at=now)
            found = self._db.execute(
                "SELECT id FROM calendar_years WHERE year = ?", [year]
            ).fetchone()
            values = {"year": year, "source": ADMIN_SOURCE, "note": note, "entered_at": now}
            if found:
                audit.update(self._db, "calendar_years", found[0], values, actor=by, at=now)
            else:
                audit.insert(self._db, "calendar_years", values, actor=by, at=now)
            for kind, days in ((HOLIDAY, holiday_days), (WORKDAY, workday_map)):
                for day, name in sorted(days.items()):
                    audit.insert(
                        self._db,
                        "calendar_days",
                        {"day": day.isoformat(), "kind": kind, "name": name, "source": "admin"},
                        actor=by,
                        at=now,
                    )
        return self.year_status(year)

    def add_override(self, actor: Person, *, day: str | date, kind: str, name: str) -> int:
        """A local holiday (kind 'holiday') or a special workday (kind 'workday')."""
        actor = auth.require(actor, "calendar.edit", self._db)
        when = day if isinstance(day, date) else parse_day(day)
        if kind not in (HOLIDAY, WORKDAY):
            raise ValidationError("kind", f"未知类型：{kind}", en=f"Unknown kind: {kind}")
        name = (name or "").strip()
        if not name:
            raise ValidationError("name", "请填写名称", en="A name is required")
        if self._db.execute(
            "SELECT 1 FROM calendar_days WHERE source = 'override' AND day = ?", [when.isoformat()]
        ).fetchone():
            raise Conflict(f"{when} 已有本地调整", en=f"{when} already has a local override")
        now = self._desk.now_iso()
        return self._insert(
            "calendar_days",
            {"day": when.isoformat(), "kind": kind, "name": name, "source": OVERRIDE},
            by=actor,
            at=now,
            action="calendar.override",
        )

    def remove_override(self, actor: Person, override_id: int) -> None:
        actor = auth.require(actor, "calendar.edit", self._db)
        row = audit.fetch_row(self._db, "calendar_days", override_id)
        if row is None or row["source"] != OVERRIDE:
            raise NotFound(f"本地调整不存在：{override_id}", en=f"No such override: {override_id}")
        self._delete("calendar_days", override_id, by=actor, at=self._desk.now_iso())

    def overrides(self) -> list[dict[str, Any]]:
        return list(
            self._db.query(
                "SELECT id, day, kind, name FROM calendar_days"
                " WHERE source = 'override' ORDER BY day"
            )
        )
