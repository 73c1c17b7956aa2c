"""The monthly roster PDF: landscape A4, Chinese text extractable, holidays marked."""

from __future__ import annotations

import io

import pdfplumber

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from reports.roster import build_month_roster
from tests.core.roster_helpers import three_shift_team


def test_the_october_2026_roster_is_landscape_and_marks_national_day(
    desk: Desk, admin: Person
) -> None:
    setup = three_shift_team(desk, admin, size=6)
    desk.roster.generate(admin, team=setup.team_id, start="2026-10-01", end="2026-10-31")
    data = build_month_roster(desk, year=2026, month=10, team=setup.team_id)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "2026 年 10 月排班表 · 一班" in text
    assert "国庆节" in text and "10月10日" in text  # the make-up workday is listed
    assert "一班成员1" in text and "早" in text and "夜" in text
    assert "休" in text and "班" in text


def test_a_month_in_a_year_without_data_says_so(desk: Desk, admin: Person) -> None:
    three_shift_team(desk, admin, size=3)
    data = build_month_roster(desk, year=2027, month=2)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "2027 年尚无官方节假日安排" in text
