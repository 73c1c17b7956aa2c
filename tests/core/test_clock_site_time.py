"""Site-local display of stored UTC times (one helper for the UI and the reports)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dutydesk.clock import DATE_FORMAT, format_site_time, to_site_local

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_iso_text_and_aware_moments_become_site_local() -> None:
    assert to_site_local("2026-11-24T21:01:00+00:00", SHANGHAI) == datetime(
        2026, 11, 25, 5, 1, tzinfo=SHANGHAI
    )
    moment = datetime(2026, 11, 24, 21, 1, tzinfo=UTC)
    assert to_site_local(moment, "Asia/Shanghai").hour == 5


def test_formats_are_the_ones_people_write() -> None:
    text = format_site_time("2026-11-24T21:01:00+00:00", SHANGHAI)
    assert text == "2026-11-25 05:01"
    assert "T" not in text and "+00:00" not in text
    # Feedback given before 08:00 site time belongs to the site's day, not UTC's.
    assert format_site_time("2026-11-24T23:30:00+00:00", SHANGHAI, DATE_FORMAT) == "2026-11-25"
    assert format_site_time(None, SHANGHAI, empty="—") == "—"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        to_site_local(datetime(2026, 11, 25, 5, 0), SHANGHAI)


def test_site_zone_reads_the_setting(desk) -> None:  # type: ignore[no-untyped-def]
    assert desk.settings.site_zone().key == desk.settings.get("site_timezone")
