"""What the core accepts as text and dates, checked in one place.

Text may hold any printable character plus tab and line breaks; NUL and the other control
characters are refused, naming the field. Dates must fall within the years the site can
use (``FIRST_YEAR``–``LAST_YEAR``): a duty room has no records from year 1 and none from
9999, and date arithmetic near those ends overflows. The audited write helpers check every
value they store; entry points that compute without storing (previews, KPIs, reports)
check their dates with ``check_day``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, TypeVar

from dutydesk.errors import ValidationError

_Day = TypeVar("_Day", bound=date)

FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# A stored value that starts like an ISO date or time: its year must be in range.
_ISO_DAY = re.compile(r"^(\d{4})-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}.*)?$")


def range_text() -> tuple[str, str]:
    return f"{FIRST_YEAR}–{LAST_YEAR}", f"{FIRST_YEAR} to {LAST_YEAR}"


def check_text(value: str, field: str) -> str:
    """Refuse NUL and other control characters (tab and line breaks are fine)."""
    found = _CONTROL.search(value)
    if found is not None:
        code = f"U+{ord(found.group()):04X}"
        raise ValidationError(
            field,
            f"{field} 含有不允许的控制字符（{code}）",
            en=f"{field} contains a control character that is not allowed ({code})",
        )
    return value


def check_year(year: int, field: str, *, margin: int = 0) -> None:
    if not FIRST_YEAR - margin <= year <= LAST_YEAR + margin:
        zh, en = range_text()
        raise ValidationError(
            field,
            f"{field} 的日期超出可用范围（{zh} 年）：{year} 年",
            en=f"{field}: the date is outside the years the site can use ({en}): {year}",
        )


def check_day(day: _Day, field: str, *, margin: int = 0) -> _Day:
    """``day`` (a date or datetime) when its year is within range; returns it unchanged."""
    if not isinstance(day, date | datetime):
        raise ValidationError(
            field, f"{field} 应为日期：{day!r}", en=f"{field} must be a date: {day!r}"
        )
    check_year(day.year, field, margin=margin)
    return day


def check_value(value: Any, field: str) -> None:
    """What the audited write helpers run over every stored value."""
    if isinstance(value, str):
        check_text(value, field)
        matched = _ISO_DAY.match(value)
        if matched is not None:
            check_year(int(matched.group(1)), field)
    elif isinstance(value, date | datetime):
        check_year(value.year, field)
