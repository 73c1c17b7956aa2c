"""Holidays: the library as oracle, the 2026 notice parser, years without data, overrides."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from dutydesk.desk import Desk
from dutydesk.errors import Conflict, PermissionDenied, ValidationError
from dutydesk.people.auth import Person
from dutydesk.roster.holidays import iter_days, library_year, parse_notice
from tests.core.roster_helpers import three_shift_team

# The State Council notice for 2026 (国办发明电〔2025〕7号), as an admin would paste it.
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。
"""


def test_the_2026_notice_parses_to_exactly_the_library_arrangement() -> None:
    parsed = parse_notice(NOTICE_2026)
    assert parsed.year == 2026
    assert not parsed.warnings
    holidays = {d for h in parsed.holidays for d in iter_days(h.start, h.end)}
    workdays = {d for d, _name in parsed.workdays}
    oracle_holidays = {
        d
        for d in iter_days(date(2026, 1, 1), date(2026, 12, 31))
        if chinese_calendar.get_holiday_detail(d)
        == (True, chinese_calendar.get_holiday_detail(d)[1])
        and chinese_calendar.get_holiday_detail(d)[1] is not None
    }
    oracle_workdays = {
        d
        for d in iter_days(date(2026, 1, 1), date(2026, 12, 31))
        if d.weekday() >= 5 and chinese_calendar.is_workday(d)
    }
    assert holidays == oracle_holidays
    assert workdays == oracle_workdays
    assert [h.name for h in parsed.holidays][:2] == ["元旦", "春节"]


def test_the_notice_parser_reads_ranges_across_months_and_single_days() -> None:
    parsed = parse_notice(
        "一、国庆节、中秋节：9月30日至10月8日放假调休，共9天。9月27日（周日）、10月10日上班。\n"
        "二、元旦：1月1日放假1天，不调休。",
        year=2027,
    )
    assert parsed.holidays[0].start == date(2027, 9, 30)
    assert parsed.holidays[0].end == date(2027, 10, 8)
    assert [d for d, _ in parsed.workdays] == [date(2027, 9, 27), date(2027, 10, 10)]
    assert parsed.holidays[1].start == parsed.holidays[1].end == date(2027, 1, 1)


def test_text_without_any_arrangement_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_notice("今天天气很好", year=2027)
    assert caught.value.field == "notice"


def test_2026_national_day_mid_autumn_and_make_up_workdays(desk: Desk) -> None:
    calendar = desk.roster.calendar.load(date(2026, 9, 1), date(2026, 10, 31))
    for day in iter_days(date(2026, 9, 25), date(2026, 9, 27)):
        assert calendar.is_holiday(day) and calendar.name(day) == "中秋节"
    for day in iter_days(date(2026, 10, 1), date(2026, 10, 7)):
        assert calendar.is_holiday(day) and calendar.name(day) == "国庆节"
    # Sunday 20 September and Saturday 10 October are make-up workdays, not weekend days.
    for day in (date(2026, 9, 20), date(2026, 10, 10)):
        assert calendar.is_makeup_workday(day)
        assert not calendar.is_weekend(day) and not calendar.is_rest_day(day)
    assert calendar.is_weekend(date(2026, 10, 11))
    assert not calendar.is_rest_day(date(2026, 9, 28))


def test_weekday_only_pattern_works_make_up_days_and_skips_the_golden_week(
    desk: Desk, admin: Person
) -> None:
    roster = desk.roster
    roster.add_shift_type(admin, code="白", name="白班", start="08:30", end="17:30")
    pattern = roster.add_pattern(
        admin, name="工作日白班", cycle="白", anchor_day="2026-01-01", workdays_only=True
    )
    team = roster.add_team(admin, name="机关", pattern_id=pattern)
    roster.set_qualification(admin, person_id=admin.id, duty_role="officer")
    roster.set_members(admin, team.id, [admin.id])
    preview = roster.preview(team=team.id, start="2026-09-19", end="2026-10-11")
    days = {r.day for r in preview.new_rows}
    assert date(2026, 9, 20) in days and date(2026, 10, 10) in days
    assert not days & set(iter_days(date(2026, 10, 1), date(2026, 10, 7)))
    assert date(2026, 9, 19) not in days and date(2026, 10, 11) not in days
    assert not days & set(iter_days(date(2026, 9, 25), date(2026, 9, 27)))


def test_holiday_and_weekend_shifts_are_counted_separately(desk: Desk, admin: Person) -> None:
    setup = three_shift_team(desk, admin, size=6)
    preview = desk.roster.preview(team=setup.team_id, start="2026-10-01", end="2026-10-11")
    people = preview.quality.people
    # 1–7 Oct are holidays (21 shifts); 10 Oct is a make-up workday; 11 Oct a Sunday (3 shifts)
    assert sum(p.holiday_shifts for p in people) == 21
    assert sum(p.weekend_shifts for p in people) == 3
    assert sum(p.holiday_hours for p in people) == 7 * 24


def test_a_year_without_official_data_is_reported_plainly_and_refused(
    desk: Desk, admin: Person
) -> None:
    assert library_year(2027) is None
    setup = three_shift_team(desk, admin, size=6)
    status = desk.roster.calendar.year_status(2027)
    assert not status.known
    assert status.message == "2027 年尚无官方节假日安排，请管理员录入"
    preview = desk.roster.preview(team=setup.team_id, start="2026-12-28", end="2027-01-03")
    assert preview.quality.missing_years == (2027,)
    assert preview.new_rows == ()
    before = desk.db.execute("SELECT count(*) FROM assignments").fetchone()[0]
    with pytest.raises(Conflict, match="2027 年尚无官方节假日安排"):
        desk.roster.commit(admin, preview)
    assert desk.db.execute("SELECT count(*) FROM assignments").fetchone()[0] == before


def test_an_admin_enters_2027_from_the_notice_and_then_generation_works(
    desk: Desk, admin: Person, crew: dict[str, Person]
) -> None:
    setup = three_shift_team(desk, admin, size=6)
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n"
        "二、春节：2月6日至12日放假调休，共7天。2月14日（周日）、2月20日（周六）上班。\n"
    )
    parsed = parse_notice(text)
    with pytest.raises(PermissionDenied):
        desk.roster.calendar.enter_year(
            crew["leader"], year=parsed.year, holidays=parsed.holidays, workdays=parsed.workdays
        )
    status = desk.roster.calendar.enter_year(
        admin, year=parsed.year, holidays=parsed.holidays, workdays=parsed.workdays
    )
    assert status.known and status.source == "admin"
    calendar = desk.roster.calendar.load(date(2027, 1, 1), date(2027, 3, 1))
    assert calendar.is_holiday(date(2027, 2, 8))
    assert calendar.is_makeup_workday(date(2027, 2, 20))
    preview = desk.roster.preview(team=setup.team_id, start="2026-12-28", end="2027-01-03")
    assert preview.quality.missing_years == ()
    desk.roster.commit(admin, preview)
    assert desk.db.execute("SELECT count(*) FROM assignments").fetchone()[0] == 21


def test_admin_entry_with_end_before_start_saves_nothing(desk: Desk, admin: Person) -> None:
    before = desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationError, match="结束日期早于开始日期"):
        desk.roster.calendar.enter_year(
            admin, year=2027, holidays=[("2027-02-12", "2027-02-06", "春节")]
        )
    assert desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_official_years_cannot_be_overwritten_but_take_local_overrides(
    desk: Desk, admin: Person
) -> None:
    with pytest.raises(Conflict):
        desk.roster.calendar.enter_year(
            admin, year=2026, holidays=[("2026-03-01", "2026-03-01", "x")]
        )
    desk.roster.calendar.add_override(admin, day="2026-12-08", kind="holiday", name="本市纪念日")
    desk.roster.calendar.add_override(admin, day="2026-12-12", kind="workday", name="全员演练")
    calendar = desk.roster.calendar.load(date(2026, 12, 1), date(2026, 12, 31))
    assert calendar.is_holiday(date(2026, 12, 8))
    assert not calendar.is_rest_day(date(2026, 12, 12))
