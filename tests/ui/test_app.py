"""Start-up: run_gui with stubbed dialogs, automatic backup, About, and refusal messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from dutydesk.store.paths import backups_dir_for
from tests.conftest import PASSWORD


def test_run_gui_signs_in_and_shows_the_window(
    app, desk, admin, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import app as app_module
    from ui import opening, prefs

    desk.close()
    seen = {}

    def fake_sign_in(parent, opened, *, lang):  # type: ignore[no-untyped-def]
        seen["lang"] = lang
        return opened.people.sign_in("admin", PASSWORD)

    def fake_exec() -> int:
        # The window run_gui just showed: earlier tests' closed windows may still exist.
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        )
        seen["titles"] = window.tab_titles()
        seen["status"] = window.person_label.text()
        window.close()
        return 0

    monkeypatch.setattr(opening, "sign_in_interactive", fake_sign_in)
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run_gui(str(db_path), "en") == 0
    assert seen["lang"] == "en"
    assert seen["titles"][0] == "Roster"
    assert "Administrator" in seen["status"]
    assert prefs.stored_language() == "en"
    assert prefs.last_database() == str(db_path)


def test_run_gui_explains_an_unusable_file_and_exits_2(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import app as app_module

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not sqlite at all")
    assert app_module.run_gui(str(bogus), "zh_CN") == 2
    assert "不是 DutyDesk 数据库" in shown[0]


def test_automatic_backup_runs_once_a_day_beside_the_database(window, db_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    task = window.automatic_backup()
    qtbot.waitUntil(lambda: task.is_finished, timeout=5000)
    made = list(backups_dir_for(db_path).glob("duty-*.db"))
    assert len(made) == 1
    task = window.automatic_backup()  # same (frozen) day: nothing new
    qtbot.waitUntil(lambda: task.is_finished, timeout=5000)
    assert len(list(backups_dir_for(db_path).glob("duty-*.db"))) == 1


def test_about_names_version_site_database_and_schema(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dutydesk import __version__
    from dutydesk.store.migrations import schema_version

    dialog = window.about()
    text = window.last_message
    assert __version__ in text
    assert "测试值班室" in text
    assert "duty.db" in text
    assert f"本程序支持 {schema_version()}" in text
    assert str(window.session.desk.path.parent / "backups") in text
    # The licences, the bundled font's included, with its own copyright notice.
    licences = dialog.licences.toPlainText()
    assert "WenQuanYi Micro Hei" in licences and "Apache-2.0" in licences
    assert "The WenQuanYi Project Board of Trustees" in licences
    assert "LGPL-3.0" in licences
    dialog.close()


def test_locked_window_ignores_its_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    window.lock()
    assert window.is_locked
    assert not window.tab_actions[2].isEnabled()
    assert not window.backup_action.isEnabled()
    assert window.quit_action.isEnabled()
    window.lock_overlay.password.setText(PASSWORD)
    assert window.lock_overlay.try_unlock()
    assert window.tab_actions[2].isEnabled() and window.backup_action.isEnabled()
