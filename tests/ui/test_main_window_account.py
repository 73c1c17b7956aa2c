"""Issue 16: an open window signs out a person deactivated elsewhere; roles follow the file."""

from __future__ import annotations

from tests.conftest import PASSWORD


def test_a_deactivated_person_is_signed_out_of_the_open_window(
    make_window, make_session, desk, crew, qtbot
) -> None:  # type: ignore[no-untyped-def]
    leader = crew["leader"]
    window = make_window(make_session(leader))
    window.show()
    assert window.check_account() is True and not window.is_locked
    desk.people.update(crew["admin"], leader.id, active=False)  # e.g. from another window
    assert window.check_account() is False
    assert window.is_locked and not window.tabs.isEnabled()
    overlay = window.lock_overlay
    overlay.password.setText(PASSWORD)
    assert overlay.try_unlock() is False  # the right password no longer opens it
    assert window.is_locked
    assert "停用" in overlay.message.text()


def test_the_next_write_in_the_window_checks_the_account(
    make_window, make_session, desk, crew
) -> None:  # type: ignore[no-untyped-def]
    officer = crew["officer"]
    session = make_session(officer)
    window = make_window(session)
    desk.people.update(crew["admin"], officer.id, active=False)
    session.data_changed.emit("incidents")
    assert window.is_locked


def test_a_changed_role_updates_the_menus(make_window, make_session, desk, crew) -> None:  # type: ignore[no-untyped-def]
    leader = crew["leader"]
    session = make_session(leader)
    window = make_window(session)
    assert not window.site_settings_action.isEnabled()
    desk.people.update(crew["admin"], leader.id, roles=["admin"])
    assert window.check_account() is True
    assert session.person.roles == ("admin",)
    assert window.site_settings_action.isEnabled()
