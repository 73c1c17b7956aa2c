"""Sign-in and first-run dialogs call the core and keep the user's mistakes on screen."""

from __future__ import annotations

from pathlib import Path

from dutydesk.desk import Desk
from tests.conftest import PASSWORD


def test_wrong_password_is_rejected_and_the_dialog_stays_open(app, desk, admin, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.sign_in import SignInDialog

    dialog = SignInDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.employee_no.setText("admin")
    dialog.password.setText("not-the-password")
    assert dialog.try_sign_in() is False
    assert dialog.isVisible()
    assert dialog.message.text() == "工号或密码错误"
    assert dialog.person is None
    assert dialog.password.text() == ""


def test_right_password_signs_in(app, desk, admin, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.sign_in import SignInDialog

    dialog = SignInDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.employee_no.setText("admin")
    dialog.password.setText(PASSWORD)
    assert dialog.try_sign_in() is True
    assert dialog.person == admin
    assert not dialog.isVisible()


def test_repeated_failures_show_the_throttling_message(app, desk, admin, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.sign_in import SignInDialog

    dialog = SignInDialog(desk, lang="en")
    qtbot.addWidget(dialog)
    dialog.employee_no.setText("admin")
    for _ in range(4):
        dialog.password.setText("nope-nope")
        dialog.try_sign_in()
    assert "Too many failed attempts" in dialog.message.text()


def test_first_run_rejects_short_password_then_creates_admin(app, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.sign_in import FirstRunDialog

    with Desk.open(tmp_path / "new.db", create=True) as desk:
        dialog = FirstRunDialog(desk)
        qtbot.addWidget(dialog)
        dialog.site_name.setText("二号值班室")
        dialog.admin_name.setText("赵敏")
        dialog.employee_no.setText("A01")
        dialog.password.setText("short")
        dialog.password_again.setText("short")
        assert dialog.try_create() is False
        assert "至少需要 8 个字符" in dialog.password.error.text()
        assert not desk.is_initialised
        dialog.password.setText("long-enough-1")
        dialog.password_again.setText("long-enough-2")
        assert dialog.try_create() is False
        assert "不一致" in dialog.password_again.error.text()
        dialog.password_again.setText("long-enough-1")
        assert dialog.try_create() is True
        assert desk.settings.get("site_name") == "二号值班室"
        assert desk.people.sign_in("A01", "long-enough-1").name == "赵敏"
