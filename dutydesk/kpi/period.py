"""Statistical periods: day, week, month, quarter, half-year or custom, in the site's zone."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dutydesk import limits
from dutydesk.clock import parse_day, to_iso
from dutydesk.errors import ValidationError

KINDS = ("day", "week", "month", "quarter", "half", "custom")


@dataclass(frozen=True)
class Period:
    """Calendar days ``start``..``end`` inclusive."""

    start: date
    end: date
    kind: str = "custom"

    def __post_init__(self) -> None:
        # One year's margin each side: a period's "previous" one and trends may reach it.
        limits.check_day(self.start, "start", margin=1)
        limits.check_day(self.end, "end", margin=1)
        if self.end < self.start:
            raise ValidationError(
                "end",
                f"统计期结束日期 {self.end} 早于开始日期 {self.start}",
                en=f"The period ends ({self.end}) before it starts ({self.start})",
            )
        if self.kind not in KINDS:
            raise ValidationError("kind", f"未知统计期类型：{self.kind}", en=f"Unknown {self.kind}")

    @classmethod
    def day(cls, on: date) -> Period:
        return cls(on, on, "day")

    @classmethod
    def week(cls, on: date) -> Period:
        monday = on - timedelta(days=on.weekday())
        return cls(monday, monday + timedelta(days=6), "week")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValidationError("quarter", "季度必须是 1–4", en="Quarter must be 1-4")
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), cls.month(year, first + 2).end, "quarter")

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValidationError("half", "半年必须是 1 或 2", en="Half must be 1 or 2")
        first = 1 if half == 1 else 7
        return cls(date(year, first, 1), cls.month(year, first + 5).end, "half")

    @classmethod
    def containing(cls, kind: str, on: date) -> Period:
        if kind == "day":
            return cls.day(on)
        if kind == "week":
            return cls.week(on)
        if kind == "month":
            return cls.month(on.year, on.month)
        if kind == "quarter":
            return cls.quarter(on.year, (on.month - 1) // 3 + 1)
        if kind == "half":
            return cls.half(on.year, 1 if on.month <= 6 else 2)
        raise ValidationError("kind", f"未知统计期类型：{kind}", en=f"Unknown period kind {kind}")

    def normalised(self) -> Period:
        """The same days, named as a day, week, month, quarter or half-year where they are one."""
        for kind in ("day", "month", "quarter", "half", "week"):
            candidate = Period.containing(kind, self.start)
            if (candidate.start, candidate.end) == (self.start, self.end):
                return candidate
        return self

    def short_label(self) -> str:
        """A compact label for chart axes."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind in ("quarter", "half"):
            return self.label("en")
        if self.start == self.end:
            return f"{self.start:%m-%d}"
        return f"{self.start:%m-%d}~{self.end:%m-%d}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before; custom periods of the same length."""
        if self.kind in ("month", "quarter", "half", "week", "day"):
            return Period.containing(self.kind, self.start - timedelta(days=1))
        return Period(
            self.start - timedelta(days=self.days), self.start - timedelta(days=1), "custom"
        )

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: local midnights of the site."""
        start = datetime.combine(self.start, time(0), tzinfo=tz)
        end = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=tz)
        return start, end

    def iso_bounds(self, tz: ZoneInfo) -> tuple[str, str]:
        start, end = self.bounds(tz)
        return to_iso(start), to_iso(end)

    def label(self, lang: str = "zh_CN") -> str:
        english = lang.startswith("en")
        if self.kind == "month":
            return f"{self.start:%Y-%m}" if english else f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return f"{self.start.year} Q{q}" if english else f"{self.start.year}年第{q}季度"
        if self.kind == "half":
            h = 1 if self.start.month == 1 else 2
            if english:
                return f"{self.start.year} H{h}"
            return f"{self.start.year}年{'上' if h == 1 else '下'}半年"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def parse_period(start: str, end: str) -> Period:
    """A custom period from two ``YYYY-MM-DD`` texts, with a clear error for either."""
    return Period(parse_day(start, "from"), parse_day(end, "to"), "custom").normalised()
