"""People, passwords, sign-in throttling and permissions enforced in the core."""

from __future__ import annotations

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import AuthenticationFailed, Conflict, PermissionDenied, ValidationError
from dutydesk.store import audit
from tests.conftest import PASSWORD


def test_sign_in_with_the_right_password_is_audited(desk: Desk, crew) -> None:
    person = desk.people.sign_in("1001", PASSWORD)
    assert person.name == "李丽"
    assert audit.entries(desk.db, entity="people", entity_id=person.id)[0].action == "sign_in"


def test_sign_out_is_audited_after_the_sign_in(desk: Desk, crew) -> None:
    person = desk.people.sign_in("1001", PASSWORD)
    desk.people.sign_out(person)
    entries = audit.entries(desk.db, entity="people", entity_id=person.id)
    actions = [e.action for e in entries]
    assert actions[:2] == ["sign_out", "sign_in"]  # newest first
    assert entries[0].actor_id == person.id


@pytest.mark.parametrize("number, password", [("1001", "wrong-password"), ("nobody", PASSWORD)])
def test_a_wrong_number_or_password_gives_the_same_message(desk: Desk, crew, number, password):
    with pytest.raises(AuthenticationFailed, match="工号或密码错误"):
        desk.people.sign_in(number, password)


def test_repeated_failures_slow_down_sign_in(desk: Desk, crew, clock) -> None:
    for _ in range(3):
        with pytest.raises(AuthenticationFailed, match="工号或密码错误"):
            desk.people.sign_in("1001", "wrong-password")
    with pytest.raises(AuthenticationFailed, match="秒后再试"):
        desk.people.sign_in("1001", PASSWORD)
    clock.advance(seconds=6)
    assert desk.people.sign_in("1001", PASSWORD).employee_no == "1001"
    failures = desk.db.execute("SELECT count(*) FROM sign_in_failures").fetchone()[0]
    assert failures == 0
    actions = [e.action for e in audit.entries(desk.db, entity="people")]
    assert actions.count("sign_in_failed") == 3


def test_passwords_are_salted_scrypt_hashes(desk: Desk, crew) -> None:
    hashes = [row[0] for row in desk.db.execute("SELECT password_hash FROM people")]
    assert all(h.startswith("scrypt$") for h in hashes)
    assert len(set(hashes)) == len(hashes)  # same password, different salt


def test_a_short_password_is_rejected_and_nothing_is_saved(desk: Desk, admin) -> None:
    with pytest.raises(ValidationError) as caught:
        desk.people.add(admin, name="短密码", employee_no="5555", roles=["officer"], password="abc")
    assert caught.value.field == "password"
    assert (
        desk.db.execute("SELECT count(*) FROM people WHERE employee_no='5555'").fetchone()[0] == 0
    )


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "  "}, "name"),
        ({"employee_no": "有 空格"}, "employee_no"),
        ({"roles": []}, "roles"),
        ({"roles": ["boss"]}, "roles"),
        ({"phone": "abc"}, "phone"),
        ({"employee_no": "admin"}, "employee_no"),
    ],
)
def test_bad_person_input_names_the_field(desk: Desk, admin, changes, field) -> None:
    values = {"name": "新人", "employee_no": "7777", "roles": ["officer"], **changes}
    people_before = desk.people.count()
    with pytest.raises(ValidationError) as caught:
        desk.people.add(admin, **values)
    assert caught.value.field == field
    assert desk.people.count() == people_before


@pytest.mark.parametrize("who", ["officer", "leader", "auditor"])
def test_only_an_admin_manages_people(desk: Desk, crew, who) -> None:
    actor = crew[who]
    with pytest.raises(PermissionDenied):
        desk.people.add(actor, name="越权", employee_no="8888", roles=["officer"])
    with pytest.raises(PermissionDenied):
        desk.people.update(actor, crew["officer2"].id, phone="110")
    with pytest.raises(PermissionDenied):
        desk.people.set_password(actor, crew["officer2"].id, "another-pass")


def test_an_auditor_cannot_change_settings(desk: Desk, crew) -> None:
    with pytest.raises(PermissionDenied):
        desk.settings.set(crew["auditor"], "idle_lock_minutes", "30")
    assert desk.settings.get("idle_lock_minutes") == "10"


def test_people_change_their_own_password_with_the_current_one(desk: Desk, crew) -> None:
    me = crew["officer"]
    with pytest.raises(ValidationError, match="当前密码"):
        desk.people.set_password(me, me.id, "new-password-1", current_password="nope")
    desk.people.set_password(me, me.id, "new-password-1", current_password=PASSWORD)
    assert desk.people.sign_in("1001", "new-password-1").id == me.id


def test_the_last_admin_cannot_be_removed(desk: Desk, admin) -> None:
    with pytest.raises(Conflict, match="管理员"):
        desk.people.update(admin, admin.id, roles=["officer"])
    with pytest.raises(Conflict):
        desk.people.update(admin, admin.id, active=False)


def test_a_deactivated_person_cannot_sign_in(desk: Desk, crew, admin) -> None:
    desk.people.update(admin, crew["officer"].id, active=False)
    with pytest.raises(AuthenticationFailed, match="停用"):
        desk.people.sign_in("1001", PASSWORD)


def test_settings_are_validated_and_audited(desk: Desk, admin) -> None:
    with pytest.raises(ValidationError, match="1–240"):
        desk.settings.set(admin, "idle_lock_minutes", "0")
    with pytest.raises(ValidationError, match="时区"):
        desk.settings.set(admin, "site_timezone", "Mars/Base")
    desk.settings.set(admin, "idle_lock_minutes", "25")
    assert desk.settings.get_int("idle_lock_minutes") == 25
    assert audit.entries(desk.db, entity="settings")[0].after["value"] == "25"


def test_initialise_twice_is_refused(desk: Desk) -> None:
    with pytest.raises(Conflict):
        desk.initialise(
            site_name="x", admin_name="y", admin_employee_no="z", admin_password=PASSWORD
        )


def test_production_password_hashing_uses_a_strong_work_factor() -> None:
    from dutydesk.people.auth import SCRYPT_PARAMETERS, hash_password, password_matches

    assert SCRYPT_PARAMETERS["n"] >= 2**14 and SCRYPT_PARAMETERS["r"] >= 8
    strong = hash_password("a-long-password", parameters=SCRYPT_PARAMETERS)
    assert strong.startswith(f"scrypt${SCRYPT_PARAMETERS['n']}$")
    assert password_matches("a-long-password", strong)
    assert not password_matches("a-long-passworD", strong)
