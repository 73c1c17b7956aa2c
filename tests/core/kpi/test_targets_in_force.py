"""Targets: site-wide ones and those of the improvement cycle in force, on the October month.

October's figures (see tests/fixtures_kpi.py): resolution rate 50 % (2 of 4), response
median over A, B, C: 10 min; mean (10 + 30 + 5) / 3 = 15 min.
"""

from __future__ import annotations

from datetime import date

import pytest

from dutydesk.desk import Desk
from dutydesk.improvement.cycles import CycleTarget
from dutydesk.kpi.engine import BREACH, CYCLE, MET, NO_TARGET, SITE
from dutydesk.kpi.period import Period
from tests.fixtures_kpi import OCTOBER, at


@pytest.fixture
def targets(desk: Desk, crew, incidents, clock) -> Desk:
    leader = crew["leader"]
    desk.kpi.set_target(leader, "resolution_rate", 40)  # met at 50 %
    desk.kpi.set_target(leader, "response_median", 20)  # met; the cycle asks for 8
    desk.kpi.set_target(leader, "response_mean", 12)  # breached at 15
    desk.cycles.create_cycle(
        leader,
        kind="quarter",
        start_date="2026-10-01",
        targets=[
            CycleTarget("response_median", "响应时间中位数", 8, "at_most", "分钟"),
            CycleTarget("resolution_rate", "事件解决率", 60, "at_least", "%"),
            CycleTarget("not_a_kpi_code", "自定义", 1, "at_least", ""),
        ],
    )
    clock.set(at(11, 20, 9))
    return desk


def test_the_cycle_in_force_overrides_site_targets_kpi_by_kpi(targets: Desk) -> None:
    report = targets.kpi.report(OCTOBER)
    assert report.cycle_id is not None
    median, rate, mean = (
        report.result(code) for code in ("response_median", "resolution_rate", "response_mean")
    )
    assert (median.target, median.target_source, median.status) == (8, CYCLE, BREACH)
    assert (rate.target, rate.target_source, rate.status) == (60, CYCLE, BREACH)
    assert (mean.current.value, mean.target, mean.target_source) == (15, 12, SITE)
    assert mean.status == BREACH
    assert {r.definition.code for r in report.breaches()} == {
        "response_median",
        "resolution_rate",
        "response_mean",
    }
    data = report.to_json()
    assert data["cycle_id"] == report.cycle_id
    assert {(b["code"], b["target_source"]) for b in data["breaches"]} == {
        ("response_median", "cycle"),
        ("resolution_rate", "cycle"),
        ("response_mean", "site"),
    }


def test_outside_any_cycle_only_site_targets_apply(targets: Desk) -> None:
    september = Period.month(2026, 9)
    report = targets.kpi.report(september)
    assert report.cycle_id is None
    assert report.result("response_median").target_source in (None, SITE)
    assert targets.kpi.cycle_in_force(september) is None


def test_a_cycle_not_yet_begun_is_not_in_force(targets: Desk, clock) -> None:
    clock.set(at(9, 20, 9))  # the Q4 cycle starts 10-01: the October report as of 09-20
    assert targets.kpi.cycle_in_force(OCTOBER) is None
    clock.set(at(11, 20, 9))
    assert targets.kpi.cycle_in_force(Period(date(2026, 10, 1), date(2026, 12, 31))) is not None


def test_an_explicit_cycle_is_used_and_site_targets_stay_met(targets: Desk, crew) -> None:
    report = targets.kpi.report(OCTOBER)
    cycle_id = report.cycle_id
    assert cycle_id is not None
    again = targets.kpi.report(Period.month(2026, 9), cycle_id=cycle_id)
    assert again.cycle_id == cycle_id
    assert again.result("resolution_rate").target_source == CYCLE
    targets.kpi.set_target(crew["leader"], "response_mean", None)
    assert targets.kpi.report(OCTOBER).result("response_mean").status == NO_TARGET
    assert "response_mean" not in targets.kpi.site_targets()
    assert targets.kpi.report(OCTOBER).result("response_p90").status == NO_TARGET
    targets.kpi.set_target(crew["leader"], "response_p90", 30)  # p90 over 5, 10, 30: 30
    assert targets.kpi.report(OCTOBER).result("response_p90").status == MET
