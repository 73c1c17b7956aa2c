"""The qualification matrix and the check the roster calls before assigning someone."""

from __future__ import annotations

from datetime import date

import pytest

from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.roster.qualifications import qualification_status
from dutydesk.store.verify import verify_database

ON = date(2026, 11, 25)


@pytest.fixture
def matrix(desk, crew):  # type: ignore[no-untyped-def]
    service = desk.training.qualifications
    leader, officer, officer2 = crew["leader"], crew["officer"], crew["officer2"]
    service.grant(
        crew["admin"],
        person_id=leader.id,
        duty_role="leader",
        gained_on="2025-01-10",
        expires_on="2027-01-10",
    )
    service.grant(
        crew["admin"],
        person_id=officer.id,
        duty_role="officer",
        gained_on="2024-06-01",
        expires_on="2026-10-31",
    )
    service.grant(
        crew["admin"],
        person_id=officer2.id,
        duty_role="officer",
        gained_on="2025-12-15",
        expires_on="2026-12-10",
    )
    service.grant(
        crew["admin"],
        person_id=officer2.id,
        duty_role="standby",
        shift_code="night",
        gained_on="2026-01-01",
    )
    return service


def test_a_valid_qualification_allows_the_assignment(desk, crew, matrix) -> None:
    ok, zh, en = qualification_status(desk, crew["leader"].id, "leader", "day", ON)
    assert ok and "张强具备值班长资格" == zh and "qualified as Shift leader" in en


def test_an_expired_qualification_blocks_with_the_date(desk, crew, matrix) -> None:
    ok, zh, en = qualification_status(desk.db, crew["officer"].id, "officer", None, ON)
    assert not ok
    assert zh == "李丽的值班员资格已于 2026-10-31 过期" and "expired on 2026-10-31" in en


def test_a_missing_qualification_blocks(desk, crew, matrix) -> None:
    ok, zh, en = qualification_status(desk, crew["officer"].id, "leader", "day", ON)
    assert not ok and zh == "李丽没有值班长（day）资格" and "holds no Shift leader (day)" in en


def test_a_qualification_expiring_within_the_window_allows_but_warns(desk, crew, matrix) -> None:
    ok, zh, en = qualification_status(desk, crew["officer2"].id, "officer", None, ON)
    assert ok and "将于 2026-12-10 到期" in zh and "refresher" in en
    # Outside the window it is plainly valid; on the expiry day it still counts.
    assert (
        qualification_status(desk, crew["officer2"].id, "officer", None, date(2026, 11, 1))[1]
        == "王伟具备值班员资格"
    )
    assert qualification_status(desk, crew["officer2"].id, "officer", None, date(2026, 12, 10))[0]
    assert not qualification_status(desk, crew["officer2"].id, "officer", None, date(2026, 12, 11))[
        0
    ]


def test_a_shift_specific_qualification_covers_only_that_shift(desk, crew, matrix) -> None:
    person = crew["officer2"].id
    assert qualification_status(desk, person, "standby", "night", ON)[0]
    assert not qualification_status(desk, person, "standby", "day", ON)[0]
    assert not qualification_status(desk, person, "standby", None, ON)[0]


def test_a_qualification_not_yet_gained_blocks(desk, crew, matrix) -> None:
    ok, zh, _ = qualification_status(desk, crew["officer2"].id, "officer", None, date(2025, 12, 1))
    assert not ok and "自 2025-12-15 起才生效" in zh


def test_granting_again_renews_and_the_matrix_lists_expiring_ones(desk, crew, matrix) -> None:
    flagged = {(q.person_name, state) for q, state in matrix.expiring(on=ON)}
    assert flagged == {("李丽", "expired"), ("王伟", "expiring")}
    renewed = matrix.grant(
        crew["leader"],
        person_id=crew["officer"].id,
        duty_role="officer",
        gained_on="2026-11-24",
        expires_on="2027-11-24",
        note="复训合格",
    )
    assert renewed.expires_on == "2027-11-24"
    assert qualification_status(desk, crew["officer"].id, "officer", None, ON)[0]
    assert len(matrix.list(person_id=crew["officer"].id)) == 1
    assert verify_database(desk.db).ok


def test_bad_qualifications_are_rejected(desk, crew) -> None:
    service = desk.training.qualifications
    with pytest.raises(ValidationError, match="必须晚于取得日期"):
        service.grant(
            crew["admin"],
            person_id=crew["officer"].id,
            duty_role="officer",
            gained_on="2026-01-01",
            expires_on="2025-01-01",
        )
    with pytest.raises(ValidationError, match="未知值班角色"):
        service.grant(
            crew["admin"], person_id=crew["officer"].id, duty_role="cook", gained_on="2026-01-01"
        )
    with pytest.raises(PermissionDenied):
        service.grant(
            crew["officer"],
            person_id=crew["officer"].id,
            duty_role="leader",
            gained_on="2026-01-01",
        )


def test_a_shift_type_must_be_one_the_roster_defines(desk, crew) -> None:
    desk.roster.add_shift_type(crew["admin"], code="夜", name="夜班", start="20:00", end="08:00")
    service = desk.training.qualifications
    with pytest.raises(ValidationError, match="未知班次类型「night」，已定义的班次：夜"):
        service.grant(
            crew["admin"],
            person_id=crew["officer"].id,
            duty_role="standby",
            shift_code="night",
            gained_on="2026-01-01",
        )
    granted = service.grant(
        crew["admin"],
        person_id=crew["officer"].id,
        duty_role="standby",
        shift_code="夜",
        gained_on="2026-01-01",
    )
    assert granted.shift_code == "夜"
    assert qualification_status(desk, crew["officer"].id, "standby", "夜", ON)[0]
