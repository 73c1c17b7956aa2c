"""Incident KPIs on the hand-built month of tests/fixtures_kpi.py; answers worked out by hand."""

from __future__ import annotations

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.kpi.engine import BREACH, MET, NO_TARGET, NO_VALUE
from dutydesk.kpi.period import Period
from tests.fixtures_kpi import OCTOBER, at


def value(desk: Desk, code: str, period: Period = OCTOBER) -> float | None:
    return desk.kpi.values(period)[code].value


def test_response_and_resolution_times(desk: Desk, incidents) -> None:
    assert value(desk, "response_median") == 10  # of 10, 30, 5
    assert value(desk, "response_p90") == 30  # nearest rank: ceil(0.9 * 3) = 3rd of 5, 10, 30
    assert value(desk, "resolution_mean") == 250  # (100 + 400) / 2
    assert value(desk, "resolution_median") == 250


def test_rates(desk: Desk, incidents) -> None:
    assert value(desk, "resolution_rate") == 50  # A, B of A-D
    assert value(desk, "escalation_rate") == 25  # B of A-D
    # response: A on time, B late, C on time, D still within 60 min at the end: not judged
    assert value(desk, "response_on_time_rate") == pytest.approx(200 / 3)
    # resolution: A on time, B late, C past 240 min unresolved: late, D not judged
    assert value(desk, "resolution_on_time_rate") == pytest.approx(100 / 3)


def test_open_and_overdue_at_period_end(desk: Desk, incidents) -> None:
    assert value(desk, "open_at_end") == 3  # C, D and September's E
    assert value(desk, "overdue_at_end") == 2  # C (past 240), E (never acknowledged, > 15)


def test_an_incident_at_the_boundary_belongs_to_the_next_period(desk: Desk, crew) -> None:
    ref = desk.incidents.reference
    desk.incidents.report(
        crew["officer"],
        title="零点整报告",
        severity_id=ref.severity_by_code("IV").id,
        category_id=ref.categories()[0].id,
        reported_at=at(11, 1, 0),
    )
    assert value(desk, "open_at_end") == 0
    assert desk.kpi.values(Period.month(2026, 11))["open_at_end"].value == 1
    assert desk.kpi.incident_ids(Period.month(2026, 11), "resolution_rate") != []
    assert desk.kpi.incident_ids(OCTOBER, "resolution_rate") == []


def test_previous_period_and_change(desk: Desk, incidents) -> None:
    report = desk.kpi.report(OCTOBER)
    assert report.previous_period == Period.month(2026, 9)
    response = report.result("response_on_time_rate")
    assert response.previous.value == 0  # E was 60 min old and unacknowledged at Sept's end
    assert response.change == pytest.approx(200 / 3)
    assert response.improved is True
    open_now = report.result("open_at_end")
    assert (open_now.previous.value, open_now.current.value) == (1, 3)
    assert open_now.improved is False


def test_targets_give_met_breach_and_no_target(desk: Desk, crew, incidents) -> None:
    leader = crew["leader"]
    desk.kpi.set_target(leader, "resolution_rate", 90)
    desk.kpi.set_target(leader, "response_median", "15")
    report = desk.kpi.report(OCTOBER)
    assert report.result("resolution_rate").status == BREACH
    assert report.result("response_median").status == MET
    assert report.result("escalation_rate").status == NO_TARGET
    assert [r.definition.code for r in report.breaches()] == ["resolution_rate"]


def test_a_breach_becomes_a_problem_in_one_step(desk: Desk, crew, incidents) -> None:
    leader = crew["leader"]
    desk.kpi.set_target(leader, "resolution_rate", 90)
    report = desk.kpi.report(OCTOBER)
    problem = desk.kpi.breach_to_problem(leader, report, "resolution_rate")
    stored = desk.db.execute(
        "SELECT title, source FROM problems WHERE id = ?", [problem.id]
    ).fetchone()
    assert stored[1] == "kpi_breach"
    assert "事件解决率" in stored[0] and "2026年10月" in stored[0]
    with pytest.raises(ValidationError, match="未超出目标"):
        desk.kpi.breach_to_problem(leader, report, "response_median")


def test_bad_targets_and_permissions(desk: Desk, crew) -> None:
    with pytest.raises(ValidationError, match="不能超过 100"):
        desk.kpi.set_target(crew["leader"], "resolution_rate", 120)
    with pytest.raises(ValidationError, match="数字"):
        desk.kpi.set_target(crew["leader"], "resolution_rate", "九十")
    with pytest.raises(ValidationError, match="未知指标"):
        desk.kpi.set_target(crew["leader"], "happiness", 1)
    for who in ("officer", "auditor"):
        with pytest.raises(PermissionDenied):
            desk.kpi.set_target(crew[who], "resolution_rate", 90)
    assert desk.kpi.targets() == {}


def test_an_empty_period_shows_no_value_not_zero(desk: Desk, incidents) -> None:
    report = desk.kpi.report(Period.month(2025, 1))
    for code in ("response_median", "resolution_rate", "response_on_time_rate"):
        result = report.result(code)
        assert result.current.value is None and result.status == NO_VALUE
        assert result.current.note_zh
    assert report.result("open_at_end").current.value == 0


def test_json_shape_is_stable(desk: Desk, incidents) -> None:
    data = desk.kpi.report(OCTOBER).to_json()
    assert data["period"] == {"start": "2026-10-01", "end": "2026-10-31", "kind": "month"}
    first = data["kpis"][0]
    assert set(first) == {
        "code",
        "name_zh",
        "name_en",
        "unit",
        "higher_is_better",
        "value",
        "numerator",
        "denominator",
        "note",
        "previous",
        "change",
        "target",
        "target_direction",
        "target_source",
        "status",
    }
    assert [k["code"] for k in data["kpis"]][:6] == [
        "response_median",
        "response_p90",
        "response_mean",
        "resolution_mean",
        "resolution_median",
        "resolution_p90",
    ]
