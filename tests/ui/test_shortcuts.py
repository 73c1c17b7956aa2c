"""Keys: one table defines every shortcut; no window, tab or dialog has a clash; F1 shows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from tests.ui import catalog
from tests.ui.keycheck import clashes, collect, walk_pages


@pytest.fixture
def demo_session(app, demo_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Yields ``make(user, lang)`` over a private copy of the demo database."""
    from ui import i18n
    from ui.session import Session

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    desk = Desk.open(path, clock=demo_clock())

    def make(user: str = "admin", lang: str = "zh_CN") -> Session:
        i18n.install_translators(app, lang)
        return Session(desk, desk.people.sign_in(user, "demo1234"), lang)

    # Left open: windows of the test still refresh from it until pytest-qt closes them.
    return make


def _table_keys() -> set[str]:
    from ui import shortcuts

    return {s.sequence().toString() for s in shortcuts.SHORTCUTS}


def _check_window(window: QWidget, where: str) -> list[str]:
    """Clashes in every page of ``window``, and keys that the table does not define."""
    from ui import shortcuts

    problems = []
    table = _table_keys()
    for page in walk_pages(window):
        for key, users in clashes(window).items():
            problems.append(f"{where}{page}: {key} used by {users}")
        for key, users in collect(window).items():
            plain = key.split(" [")[0]
            is_mnemonic = plain.startswith("Alt+") and len(plain) == 5
            if not is_mnemonic and plain not in table:
                problems.append(f"{where}{page}: {key} ({users}) is not in ui/shortcuts.py")
            if where == "main" and is_mnemonic and plain in shortcuts.MENU_MNEMONICS:
                others = [u for u in users if not u.startswith("menu ")]
                if others:
                    problems.append(f"{where}{page}: {plain} of a menu title also on {others}")
    return sorted(set(problems))


def test_the_table_has_no_ambiguous_key() -> None:
    from ui import shortcuts

    assert shortcuts.clashes() == []
    assert len(shortcuts.BY_NAME) == len(shortcuts.SHORTCUTS)
    for shortcut in shortcuts.SHORTCUTS:
        assert shortcut.scope in shortcuts.SCOPES, shortcut.name
        assert not shortcut.sequence().isEmpty(), shortcut.name


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_and_page_of_the_main_window_has_distinct_keys(
    demo_session, make_window, lang: str
) -> None:  # type: ignore[no-untyped-def]
    # Controls a role may not use are disabled, not hidden: the admin sees them all.
    window = make_window(demo_session("admin", lang))
    window.resize(1280, 720)
    window.show()
    QApplication.processEvents()
    problems = _check_window(window, "main")
    assert problems == [], "\n".join(problems)


def test_the_catalog_covers_every_dialog_class(demo_session) -> None:  # type: ignore[no-untyped-def]
    """A dialog added to ui/ must be added to tests/ui/catalog.py, so these checks see it."""
    session = demo_session("admin")
    assert catalog.uncovered(session) == set()
    assert len(catalog.dialog_classes()) >= 50


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_dialog_has_distinct_keys(demo_session, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    session = demo_session("admin", lang)
    problems = []
    for name, make in catalog.factories(session).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        problems += _check_window(dialog, name.rsplit(".", 1)[-1])
        dialog.close()
    assert problems == [], "\n".join(problems)


def test_f1_shows_the_whole_table(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import shortcuts, shortcuts_dialog

    shown = []
    monkeypatch.setattr(
        shortcuts_dialog.ShortcutsDialog, "exec", lambda d: shown.append(d.text()) or 0
    )
    window.shortcuts_action.trigger()
    assert len(shown) == 1
    text = shown[0]
    for keys, what in (
        ("Ctrl+Shift+F", "提交反馈"),
        ("Ctrl+N", "登记事件"),
        ("Ctrl+F", "跳到搜索框"),
        ("Ctrl+Shift+E", "导出审计文件"),
        ("F1", "键盘快捷键"),
    ):
        assert any(keys in line and what in line for line in text.splitlines()), keys
    assert text.count("\n") + 1 == len(shortcuts.SHORTCUTS) + 1


def test_alt_s_on_the_incident_tab_starts_nothing_but_the_settings_menu(window) -> None:  # type: ignore[no-untyped-def]
    """The menu titles own Alt+F/V/S/H; the search box has its own letter and Ctrl+F."""
    tab = window.select_tab("incidents")
    window.show()
    keys = collect(window)
    assert keys["Alt+S"] == ["menu '设置(&S)'"]
    assert keys["Alt+F"] == ["menu '文件(&F)'"]
    assert any("搜索" in user for user in keys["Alt+Q"])
    assert keys["Ctrl+E"] == ["button '导出(&E)…'"]
    assert tab.search is not None


def test_the_f1_table_is_english_in_english(app) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n, shortcuts_dialog

    i18n.install_translators(app, "en")
    dialog = shortcuts_dialog.ShortcutsDialog(None)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Where", "Keys", "What it does"]
    assert dialog.windowTitle() == "Keyboard shortcuts"
    assert "Alt+underlined letter" in dialog.text()
    dialog.deleteLater()
