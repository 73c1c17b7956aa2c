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


def test_first_run_wizard_shows_the_file_then_creates_site_zone_and_admin(
    app, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from ui.first_run import ADMIN, BACKUPS, SITE, FirstRunWizard

    with Desk.open(tmp_path / "new.db", create=True) as desk:
        wizard = FirstRunWizard(desk)
        qtbot.addWidget(wizard)
        wizard.show()
        assert str(tmp_path / "new.db") in wizard.welcome.location.text()
        wizard.next()
        assert wizard.currentId() == SITE
        wizard.next()  # no site name: stays, says what is missing
        assert wizard.currentId() == SITE
        assert wizard.site.site_name.error.text()
        wizard.site.site_name.setText("二号值班室")
        wizard.site.timezone.setEditText("Asia/Urumqi")
        wizard.next()
        assert wizard.currentId() == ADMIN
        page = wizard.admin_page
        page.admin_name.setText("赵敏")
        page.employee_no.setText("A01")
        page.password.setText("short")
        page.password_again.setText("short")
        wizard.next()
        assert wizard.currentId() == ADMIN
        assert "至少需要 8 个字符" in page.password.error.text()
        assert not desk.is_initialised
        page.password.setText("long-enough-1")
        page.password_again.setText("long-enough-2")
        wizard.next()
        assert "不一致" in page.password_again.error.text()
        page.password_again.setText("long-enough-1")
        wizard.next()
        assert wizard.currentId() == BACKUPS
        assert str(tmp_path / "backups") in wizard.backups.text.text()
        assert desk.settings.get("site_name") == "二号值班室"
        assert desk.settings.get("site_timezone") == "Asia/Urumqi"
        assert desk.people.sign_in("A01", "long-enough-1").name == "赵敏"
        assert wizard.admin is not None and wizard.admin.employee_no == "A01"


def test_first_run_wizard_rejects_an_unknown_time_zone(app, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.first_run import SITE, FirstRunWizard

    with Desk.open(tmp_path / "new.db", create=True) as desk:
        wizard = FirstRunWizard(desk)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        wizard.site.site_name.setText("三号值班室")
        wizard.site.timezone.setEditText("Mars/Olympus")
        wizard.next()
        page = wizard.admin_page
        page.admin_name.setText("钱进")
        page.password.setText("long-enough-1")
        page.password_again.setText("long-enough-1")
        wizard.next()
        assert wizard.currentId() == SITE
        assert "Mars/Olympus" in wizard.site.timezone_error.text()
        assert not desk.is_initialised


def test_first_run_wizard_can_fill_the_demo(app, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.first_run import BACKUPS, FirstRunWizard

    with Desk.open(tmp_path / "new.db", create=True) as desk:
        wizard = FirstRunWizard(desk)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.welcome.demo.setChecked(True)
        wizard.next()
        assert wizard.currentId() == BACKUPS
        from PySide6.QtWidgets import QWizard

        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert desk.is_initialised
        assert wizard.admin is not None and wizard.admin.employee_no == "admin"
        assert desk.incidents.count() > 0
