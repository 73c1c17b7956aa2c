"""The figures alone come from SQL aggregates; the drill-down computes the same figures row
by row in Python (the engine's original path, which parses every timestamp). Both must
give exactly the same values, on the demo database and at the one-second boundaries of
the targets. The roster gaps KPI counts ``roster.unfilled``, which must be the
``unfilled`` of the full quality report.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dutydesk.desk import Desk
from dutydesk.kpi import series as kpi_series
from dutydesk.kpi.definitions import DEFINITIONS, HANDOVER, INCIDENTS
from dutydesk.kpi.period import Period
from tests.fixtures_kpi import OCTOBER, at

PERIODS = [
    Period.quarter(2026, 4),  # includes the demo's today
    Period.quarter(2026, 3),
    Period.month(2026, 10),
    Period.month(2026, 11),
    Period.week(date(2026, 11, 23)),
    Period.day(date(2026, 11, 24)),
    Period.half(2026, 2),
    Period(date(2026, 11, 10), date(2026, 12, 3)),
]


def both_paths(desk: Desk, period: Period) -> None:
    in_sql = desk.kpi._compute(period)
    by_row = desk.kpi._compute(period, members=True)
    assert in_sql.values == by_row.values
    assert in_sql.by_severity == by_row.by_severity
    assert in_sql.hours == by_row.hours


@pytest.mark.parametrize("period", PERIODS, ids=[p.label("en") for p in PERIODS])
def test_the_sql_figures_are_the_row_by_row_figures_on_the_demo(demo: Desk, period: Period) -> None:
    assert demo.kpi.values(period)["response_median"].value is not None or period.days == 1
    both_paths(demo, period)


SUBSETS = [
    ("response_median", "resolution_rate", "record_completeness"),  # the bench's three
    *((d.code,) for d in DEFINITIONS),  # each KPI alone
    tuple(d.code for d in DEFINITIONS if d.area in (INCIDENTS, HANDOVER)),
    ("open_at_end", "response_p90", "handover_on_time_rate", "resolution_mean"),
]


@pytest.mark.parametrize("codes", SUBSETS, ids=["+".join(codes)[:60] for codes in SUBSETS])
def test_only_the_codes_asked_are_computed_with_the_values_of_all(
    demo: Desk, codes: tuple[str, ...]
) -> None:
    """``values(codes=...)`` runs only the queries those KPIs need; the figures are the
    ones computed with every KPI, for a past quarter and one that includes today."""
    for period in (Period.quarter(2026, 3), Period.quarter(2026, 4), Period.month(2026, 11)):
        every = demo.kpi.values(period)
        some = demo.kpi.values(period, codes=codes)
        assert list(some) == list(codes)
        assert some == {code: every[code] for code in codes}
    # the bench's three have something to measure on the demo
    three = demo.kpi.values(Period.quarter(2026, 3), codes=SUBSETS[0])
    assert all(value.value is not None for value in three.values())


@pytest.mark.parametrize("period", PERIODS, ids=[p.label("en") for p in PERIODS])
def test_roster_unfilled_is_the_quality_reports_unfilled(demo: Desk, period: Period) -> None:
    roster = demo.roster
    teams = roster.teams()
    assert teams
    for team in teams:
        expected = roster.quality(team=team.id, start=period.start, end=period.end).unfilled
        assert roster.unfilled(team=team.id, start=period.start, end=period.end) == expected


def test_one_second_over_a_target_is_late_in_both_paths(desk: Desk, crew) -> None:
    """Severity II: respond within 15 min, resolve within 240 min (see tests/fixtures_kpi)."""
    officer = crew["officer"]
    ref = desk.incidents.reference
    two = ref.severity_by_code("II")
    category = ref.categories()[0].id
    seconds = timedelta(seconds=1)
    cases = [  # (acknowledged after, resolved after) the report
        (timedelta(minutes=15), timedelta(minutes=240)),  # exactly on target: on time
        (timedelta(minutes=15) + seconds, timedelta(minutes=240) + seconds),  # one second late
        (timedelta(minutes=14, seconds=59), timedelta(minutes=239, seconds=59)),
        (timedelta(seconds=1), None),
        (None, None),
    ]
    for day, (acknowledged, resolved) in enumerate(cases, start=1):
        when = at(10, day, 9) + timedelta(seconds=17 * day)
        incident = desk.incidents.report(
            officer, title=f"测试 {day}", severity_id=two.id, category_id=category,
            reported_at=when,
        )  # fmt: skip
        if acknowledged is not None:
            desk.incidents.acknowledge(officer, incident.id, at=when + acknowledged)
        if resolved is not None:
            desk.incidents.resolve(officer, incident.id, resolution="好", at=when + resolved)
    # An incident reported near the end: its age at the period end decides overdue.
    desk.incidents.report(
        officer, title="月末", severity_id=two.id, category_id=category,
        reported_at=at(10, 31, 23, 44) - seconds,
    )  # fmt: skip
    values = desk.kpi.values(OCTOBER)
    # response: on time at 15:00, 14:59 and 0:01; late at 15:01, never (5th), and the
    # month-end one, 16:01 old and unacknowledged when October ends
    response = values["response_on_time_rate"]
    assert (response.numerator, response.denominator) == (3, 6)
    # resolution: on time at 240:00 and 239:59; late at 240:01 and the two unresolved
    # early ones; the month-end one is still within its 240 minutes: not judged
    resolution = values["resolution_on_time_rate"]
    assert (resolution.numerator, resolution.denominator) == (2, 5)
    both_paths(desk, OCTOBER)
    both_paths(desk, Period.month(2026, 11))


def test_the_trend_takes_the_reports_own_two_periods(
    demo: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = Period.quarter(2026, 4)
    codes = ("response_median", "resolution_median")
    report = demo.kpi.report(period)
    computed: list[Period] = []
    values = demo.kpi.values

    def counting(each: Period, **kwargs: object) -> object:
        computed.append(each)
        return values(each, **kwargs)  # type: ignore[arg-type]

    expected = kpi_series.trend(demo, period, codes)
    monkeypatch.setattr(demo.kpi, "values", counting)
    assert kpi_series.trend(demo, period, codes, report=report) == expected
    assert period not in computed and report.previous_period not in computed
    assert len(computed) == 4
