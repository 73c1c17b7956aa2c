"""Site time: one module answers today, now, UTC to local, display forms and durations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dutydesk.clock import (
    ManualClock,
    format_site_date,
    format_site_time,
    minutes_between,
    parse_day,
    site_date,
    site_now,
    site_today,
    to_site_local,
)
from dutydesk.desk import Desk
from dutydesk.errors import ValidationError

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_stored_utc_text_and_aware_datetimes_show_in_site_time() -> None:
    stored = "2026-11-25T00:00:00+00:00"
    assert to_site_local(stored, SHANGHAI) == datetime(2026, 11, 25, 8, tzinfo=SHANGHAI)
    assert to_site_local(datetime(2026, 11, 25, tzinfo=UTC), "Asia/Shanghai").hour == 8
    assert format_site_time(stored, SHANGHAI) == "2026-11-25 08:00"
    assert format_site_time(stored, SHANGHAI, with_date=False) == "08:00"
    assert format_site_time(stored, SHANGHAI, seconds=True) == "2026-11-25 08:00:00"
    assert format_site_date("2026-11-24T17:30:00+00:00", SHANGHAI) == "2026-11-25"
    assert site_date("2026-11-24T17:30:00+00:00", SHANGHAI) == date(2026, 11, 25)


def test_missing_times_show_the_chosen_blank_and_naive_times_are_refused() -> None:
    assert format_site_time(None, SHANGHAI) == ""
    assert format_site_time("", SHANGHAI, empty="—") == "—"
    with pytest.raises(ValueError):
        to_site_local(datetime(2026, 11, 25, 8), SHANGHAI)


def test_today_at_the_site_comes_from_the_desk_clock_in_the_site_zone(
    desk: Desk, clock: ManualClock
) -> None:
    assert desk.settings.site_zone() == SHANGHAI
    clock.set(datetime(2026, 11, 25, 16, 30, tzinfo=UTC))  # 00:30 on the 26th in Shanghai
    assert site_today(desk) == date(2026, 11, 26)
    assert site_now(desk).strftime("%H:%M") == "00:30"


def test_minutes_between_rounds_every_started_minute_up() -> None:
    start = datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert minutes_between(start, start) == 0
    assert minutes_between(start, start + timedelta(seconds=1)) == 1
    assert minutes_between(start, start + timedelta(minutes=30)) == 30
    assert minutes_between(start, start + timedelta(minutes=30, seconds=1)) == 31
    assert minutes_between("2026-11-25T08:00:00+00:00", "2026-11-25T07:00:00+00:00") == 0
    assert minutes_between("2026-11-25T00:00:00+00:00", "2026-11-25T08:00:00+08:00") == 0


def test_parse_day_takes_dates_and_iso_text_and_names_the_field() -> None:
    assert parse_day("2026-11-25") == date(2026, 11, 25)
    assert parse_day(date(2026, 11, 25)) == date(2026, 11, 25)
    with pytest.raises(ValidationError) as caught:
        parse_day("2026-13-01", "due_on", "截止日期", "Due")
    assert caught.value.field == "due_on"
    assert "截止日期" in caught.value.message and "YYYY-MM-DD" in caught.value.message_en
