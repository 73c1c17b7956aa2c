"""The main window: tabs, menus, permissions, backup/export/verify, language, idle lock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from dutydesk.errors import PermissionDenied
from dutydesk.store.archive import check_export
from dutydesk.store.verify import verify_path
from tests.conftest import PASSWORD

CHINESE_TITLES = ["排班", "交接班", "事件", "反馈与改进", "统计", "流程", "培训"]
ENGLISH_TITLES = [
    "Roster",
    "Handover",
    "Incidents",
    "Feedback & improvement",
    "KPIs",
    "Process",
    "Training",
]


def _wait(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: task.is_finished, timeout=10000)


def test_window_opens_with_seven_chinese_tabs(window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    assert window.tab_titles() == CHINESE_TITLES
    assert window.tabs.count() == 7
    assert "管理员甲" in window.person_label.text()
    assert "管理员" in window.person_label.text()
    assert "duty.db" in window.database_label.text()


def test_ctrl_number_shortcuts_select_tabs(window) -> None:  # type: ignore[no-untyped-def]
    assert [a.shortcut().toString() for a in window.tab_actions] == [
        f"Ctrl+{n}" for n in range(1, 8)
    ]
    window.tab_actions[4].trigger()
    assert window.tabs.currentIndex() == 4


def test_bundled_font_is_registered_and_used(app) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    assert i18n.bundled_font_family() == "WenQuanYi Micro Hei"
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    assert app.font().families()[0] == "WenQuanYi Micro Hei"


def test_language_switch_shows_english_titles_and_is_stored(window, session) -> None:  # type: ignore[no-untyped-def]
    from ui import prefs

    window.set_language("en")
    assert window.tab_titles() == ENGLISH_TITLES
    assert window.tabs.tabText(3) == "Feedback && improvement"  # shown with a literal "&"
    assert window.file_menu.title() == "&File"
    assert session.lang == "en"
    assert prefs.stored_language() == "en"
    # every area has its own tab now (no placeholder left): the roster tab speaks English
    assert window.tab("roster").month_label.text().count("/") == 1
    window.set_language("zh_CN")
    assert window.tab_titles() == CHINESE_TITLES
    assert prefs.stored_language() == "zh_CN"


def test_backup_action_writes_a_usable_copy(window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    messages = []
    window.show_info = lambda title, text: messages.append(text)
    dest = tmp_path / "copy.db"
    _wait(qtbot, window.do_backup(dest))
    assert dest.exists()
    assert window.last_backup == dest
    assert verify_path(dest).ok
    assert str(dest) in messages[0]


def test_export_action_writes_copy_and_manifest(window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    messages = []
    window.show_info = lambda title, text: messages.append(text)
    dest = tmp_path / "audit.db"
    _wait(qtbot, window.do_export(dest))
    assert check_export(dest) == []
    assert window.last_manifest.exporter == "管理员甲"
    assert window.last_manifest.file_sha256 in messages[0]
    assert "audit.db.manifest.json" in messages[0]


def test_verify_action_shows_result_dialog(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _wait(qtbot, window.verify())
    assert window.last_verify is not None and window.last_verify.ok
    assert "校验通过" in window.verify_dialog.summary.text()
    window.verify_dialog.close()


def test_verify_fills_a_progress_bar_from_the_worker_thread(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import dutydesk.store.verify as verify_module
    from ui.worker import BackgroundTask

    monkeypatch.setattr(verify_module, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(verify_module, "FETCH", 5)
    seen: list[tuple[int, int]] = []
    original = BackgroundTask._show_progress

    def record(self, done: int, total: int, text: str) -> None:  # type: ignore[no-untyped-def]
        seen.append((done, total))
        original(self, done, total, text)

    monkeypatch.setattr(BackgroundTask, "_show_progress", record)
    _wait(qtbot, window.verify())
    assert window.last_verify is not None and window.last_verify.ok
    assert len(seen) > 3
    assert seen[-1][0] == seen[-1][1] > 0
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    window.verify_dialog.close()


def test_verify_lists_a_tampered_row_with_table_and_row(window, desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    desk.db.execute("UPDATE people SET name = '篡改' WHERE employee_no = 'admin'")
    desk.db.conn.commit()
    _wait(qtbot, window.verify())
    dialog = window.verify_dialog
    assert not window.last_verify.ok
    model = dialog.model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert ("people", "1") in rows
    assert "问题" in dialog.summary.text()
    dialog.close()


def test_site_settings_errors_show_next_to_the_field(window, desk) -> None:  # type: ignore[no-untyped-def]
    dialog = window.edit_site_settings()
    dialog.site_name.setText("新值班室")
    dialog.idle_lock_minutes.setText("0")
    dialog._ok()
    assert "1–240" in dialog.error_label("idle_lock_minutes").text() and dialog.isVisible()
    assert desk.settings.get("site_name") == "测试值班室"  # nothing saved
    assert dialog.site_name.text() == "新值班室"  # what was typed stays
    dialog.idle_lock_minutes.setText("5")
    dialog._ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert desk.settings.get("site_name") == "新值班室"
    assert "新值班室" in window.windowTitle()


def test_auditor_sees_write_actions_disabled_and_core_refuses(
    make_window, desk, crew, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from ui.session import Session

    auditor = crew["auditor"]
    window = make_window(Session(desk, auditor, "zh_CN"))
    assert not window.restore_action.isEnabled()
    assert not window.site_settings_action.isEnabled()
    assert window.verify_action.isEnabled()
    with pytest.raises(PermissionDenied):
        desk.settings.set(auditor, "site_name", "x")
    errors = []
    window.show_error = lambda title, text: errors.append(text)
    backup = tmp_path / "b.db"
    backup.write_bytes(b"")
    assert window.do_restore(backup, confirm=False) is None
    assert "无权" in errors[0]


def test_restore_replaces_the_database_and_keeps_the_old_file(
    window, desk, admin, tmp_path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window.show_info = lambda title, text: None
    backup = tmp_path / "before.db"
    _wait(qtbot, window.do_backup(backup))
    desk.settings.set(admin, "site_name", "恢复之后不应看到")
    asked = []
    messages = []
    window.ask = lambda title, text: asked.append(text) or True
    window.show_info = lambda title, text: messages.append(text)
    kept = window.do_restore(backup)
    assert kept is not None and kept.exists()
    assert str(backup) in asked[0] and str(window.session.db_path) in asked[0]
    assert window.session.desk.settings.get("site_name") == "测试值班室"
    assert str(kept) in messages[0]
    window.session.desk.close()


def test_idle_lock_engages_and_unlocks_only_with_the_right_password(
    make_window, session, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(session, idle_interval_ms=30)
    window.show()
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.start_idle_watch()
    overlay = window.lock_overlay
    assert window.is_locked and not window.tabs.isEnabled()
    overlay.password.setText("wrong-password")
    assert overlay.try_unlock() is False
    assert window.is_locked
    assert "密码错误" in overlay.message.text()
    overlay.password.setText(PASSWORD)
    with qtbot.waitSignal(window.unlocked, timeout=1000):
        assert overlay.try_unlock() is True
    assert not window.is_locked and window.tabs.isEnabled()
    window.idle_watcher.stop()


def test_window_geometry_is_remembered(make_window, session) -> None:  # type: ignore[no-untyped-def]
    first = make_window(session)
    first.resize(700, 500)
    first.select_tab("kpi")
    first.save_window_state()
    second = make_window(session)
    assert (second.width(), second.height()) == (700, 500)
    assert second.tabs.currentIndex() == 4


def test_verify_offers_the_verification_pdf_when_reports_has_it(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys
    import types

    from tests.ui.test_parts import _pdf_bytes

    calls = []
    fake = types.ModuleType("reports.verification")

    def build_verification_report(desk, report, out):  # type: ignore[no-untyped-def]
        calls.append((report.ok, out))
        return _pdf_bytes()

    fake.build_verification_report = build_verification_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reports.verification", fake)
    _wait(qtbot, window.verify())
    dialog = window.verify_dialog
    assert dialog.pdf_button is not None
    _wait(qtbot, dialog.make_pdf())
    assert calls == [(True, None)]
    assert dialog.pdf_preview.page_count == 2
    dialog.pdf_preview.close()
    dialog.close()


def test_verify_still_shows_its_result_without_the_pdf_module(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import verify_dialog

    monkeypatch.setattr(verify_dialog, "verification_pdf_available", lambda: False)
    _wait(qtbot, window.verify())
    assert window.verify_dialog.pdf_button is None
    assert "校验通过" in window.verify_dialog.summary.text()
    window.verify_dialog.close()


def test_shortcut_list_names_every_window_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    text = window.shortcuts_text()
    for shortcut in ("Ctrl+O", "Ctrl+B", "Ctrl+Shift+E", "Ctrl+Q", "Ctrl+L", "Ctrl+7", "F1"):
        assert shortcut in text
    assert "备份" in text


def test_locking_closes_open_dialogs(window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.edit_site_settings()
    assert dialog.isVisible()
    window.lock()
    assert not dialog.isVisible()
    window.lock_overlay.password.setText(PASSWORD)
    assert window.lock_overlay.try_unlock()


def test_file_errors_get_a_readable_message(session) -> None:  # type: ignore[no-untyped-def]
    error = PermissionError(13, "Permission denied", "/root/x.db")
    assert session.error_text(error) == "无法读写文件 /root/x.db：Permission denied"


def test_restore_refuses_a_damaged_backup_and_keeps_working(window, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    errors = []
    window.show_error = lambda title, text: errors.append(text)
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"garbage, not a backup")
    assert window.do_restore(bogus, confirm=False) is None
    assert "不是 DutyDesk 数据库" in errors[0]
    assert window.session.desk.settings.get("site_name") == "测试值班室"
    window.session.desk.close()


def test_opening_another_database_switches_session_and_status(window, tmp_path, app) -> None:  # type: ignore[no-untyped-def]
    from dutydesk.desk import Desk

    other = Desk.open(tmp_path / "other.db", create=True)
    person = other.initialise(
        site_name="备用值班室", admin_name="孙八", admin_employee_no="b1", admin_password=PASSWORD
    )
    window.tab("roster")
    window.switch_database(other, person)
    assert window.session.desk is other
    assert "备用值班室" in window.windowTitle()
    assert "other.db" in window.database_label.text()
    assert "孙八" in window.person_label.text()
    assert window.tab("roster").session is window.session
    other.close()


def test_the_window_paints_first_then_builds_only_the_restored_tab(  # type: ignore[no-untyped-def]
    make_window, session, qtbot
) -> None:
    from ui import prefs

    settings = prefs.qsettings()
    settings.setValue("window/tab", "kpi")
    settings.sync()
    window = make_window(session)
    # Built but not yet painted: the last tab is current, shown by its placeholder only.
    assert window.tabs.currentIndex() == window.tab_keys().index("kpi")
    assert window._widgets == {}
    assert window._placeholders["kpi"].text() == "正在打开…"
    assert window.duty_status.on_duty_label.text() == ""
    window.show()
    qtbot.waitUntil(lambda: "kpi" in window._widgets, timeout=5000)
    assert list(window._widgets) == ["kpi"]  # no other tab is built on the way
    assert window.tabs.currentWidget().isAncestorOf(window._widgets["kpi"])
    assert not window._placeholders["kpi"].isVisibleTo(window)
    assert window.duty_status.on_duty_label.text() == "在岗：未排班"
    # Another tab is built when it is first shown, the first one stays as it was.
    kpi = window._widgets["kpi"]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert set(window._widgets) == {"kpi", "incidents"} and window._widgets["kpi"] is kpi


def test_status_bar_shows_duty_open_items_and_overdue_from_the_start(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    status = window.duty_status
    desk = window.session.desk
    window.show()  # the figures are read right after the window's first paint
    qtbot.waitUntil(lambda: status.on_duty_label.text() != "", timeout=5000)
    assert status.on_duty_label.text() == "在岗：未排班"
    assert status.open_items_label.text() == f"遗留问题：{len(desk.handover.open_items())}"
    assert status.overdue_label.text() == f"超时事件：{desk.incidents.overdue_count()}"
    ref = desk.incidents.reference
    desk.incidents.report(
        window.session.person,
        title="机房空调故障",
        severity_id=ref.severity_by_code("I").id,
        category_id=ref.categories()[0].id,
        reported_at=desk.clock() - timedelta(hours=3),
    )
    window.session.data_changed.emit("incidents")
    assert status.overdue_label.text() == f"超时事件：{desk.incidents.overdue_count()}"
    assert desk.incidents.overdue_count() >= 1
