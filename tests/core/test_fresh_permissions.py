"""Issue 16 part 1: the core reads the acting person again for every write."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import PermissionDenied
from dutydesk.people import auth
from dutydesk.store import audit
from dutydesk.store import db as storage


def _audit_rows(desk: Desk) -> int:
    return int(desk.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_a_leader_deactivated_after_signing_in_cannot_approve_leave(desk: Desk, crew) -> None:
    officer, leader, admin = crew["officer"], crew["leader"], crew["admin"]
    leave = desk.roster.leave.request(
        officer, person_id=officer.id, kind="annual", start="2026-12-01", end="2026-12-02"
    )
    desk.people.update(admin, leader.id, active=False)
    before = _audit_rows(desk)
    with pytest.raises(PermissionDenied) as caught:
        desk.roster.leave.approve(leader, leave.id)  # the object still says active
    assert "停用" in caught.value.message
    assert _audit_rows(desk) == before
    status = desk.db.execute("SELECT status FROM leave_requests WHERE id = ?", [leave.id])
    assert status.fetchone()[0] == "pending"


def test_a_withdrawn_role_is_refused_at_once(desk: Desk, crew) -> None:
    leader, admin = crew["leader"], crew["admin"]
    desk.people.update(admin, leader.id, roles=["officer"])
    with pytest.raises(PermissionDenied):
        desk.roster.leave.request(
            leader,
            person_id=crew["officer"].id,
            kind="annual",
            start="2026-12-01",
            end="2026-12-01",
        )


def test_a_copied_person_with_the_admin_role_added_changes_nothing(desk: Desk, crew) -> None:
    forged = dataclasses.replace(crew["officer"], roles=("officer", "admin"))
    before = _audit_rows(desk)
    with pytest.raises(PermissionDenied):
        desk.people.update(forged, crew["officer2"].id, roles=["admin"])
    with pytest.raises(PermissionDenied):
        desk.settings.set(forged, "site_name", "改名")
    assert desk.people.get(crew["officer2"].id).roles == ("officer",)
    assert desk.settings.get("site_name") == "测试值班室"
    assert _audit_rows(desk) == before


def test_a_person_object_not_read_from_a_database_is_refused(desk: Desk, crew) -> None:
    stray = dataclasses.replace(crew["admin"], source=None)
    # the service passes its own database: the fresh reading still works
    desk.settings.set(stray, "site_name", "新名")
    with pytest.raises(PermissionDenied):
        auth.require(stray, "settings.edit")  # nowhere to read the person from
    with pytest.raises(PermissionDenied):
        auth.require("admin", "settings.edit")  # type: ignore[arg-type]


def test_settings_need_an_administrator_once_anyone_exists(desk: Desk, crew) -> None:
    with pytest.raises(PermissionDenied):
        desk.settings.set(None, "site_name", "无人")
    with pytest.raises(PermissionDenied):
        desk.settings.set(crew["leader"], "site_name", "值班长")
    assert desk.settings.get("site_name") == "测试值班室"


def test_the_write_transaction_itself_refuses_a_deactivated_actor(desk: Desk, crew) -> None:
    """A deactivation committed between the permission check and the write still stops it."""
    officer = crew["officer"]
    desk.db.execute("UPDATE people SET active = 0 WHERE id = ?", [officer.id])  # raw, no audit
    with pytest.raises(PermissionDenied):
        audit.record(
            desk.db, actor=officer.actor, at=desk.now_iso(), action="x", entity="y", entity_id=1
        )


def test_a_person_may_still_deactivate_their_own_account_row_audited(desk: Desk, crew) -> None:
    admin = crew["admin"]
    desk.people.add(admin, name="第二管理员", employee_no="0002", roles=["admin"])
    desk.people.update(admin, admin.id, active=False)
    assert not desk.people.get(admin.id).active


def test_restore_needs_an_administrator_of_the_file_it_replaces(
    desk: Desk, crew, db_path: Path, tmp_path: Path, clock
) -> None:
    backup = storage.backup_to(desk.db, tmp_path / "b.db")
    leader = crew["leader"]
    admin = crew["admin"]
    desk.close()
    before = db_path.read_bytes()
    for who in (leader, dataclasses.replace(leader, roles=("admin",)), None):
        with pytest.raises(PermissionDenied):
            storage.restore_from(backup, db_path, now=clock(), actor=who)  # type: ignore[arg-type]
    assert db_path.read_bytes() == before
    assert list(tmp_path.glob("*.replaced-*")) == []
    assert storage.restore_from(backup, db_path, now=clock(), actor=admin) is not None
