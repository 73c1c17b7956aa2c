"""UI fixtures: isolated QSettings, a signed-in session and the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.people.auth import Person


@pytest.fixture(autouse=True)
def ui_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Window state and language go to a temporary .ini file, never the user's profile."""
    path = tmp_path / "ui-settings.ini"
    monkeypatch.setenv("DUTYDESK_UI_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_gui installs the top-level error handler; each test gets the previous one back."""
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


@pytest.fixture(autouse=True)
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """ui.confirm.confirm answers yes without a modal box; the texts asked are recorded."""
    from ui import confirm

    asked: list[str] = []

    def answer(parent, title, text, action):  # type: ignore[no-untyped-def]
        asked.append(text)
        return True

    monkeypatch.setattr(confirm, "confirm", answer)
    return asked


@pytest.fixture(autouse=True)
def stop_status_timers() -> Iterator[None]:
    """Windows a test leaves behind linger until a deferred delete; their once-a-minute
    status refresh must not fire on a closed database while a later test runs events."""
    yield
    from PySide6.QtWidgets import QApplication

    from ui.duty_status import DutyStatus

    for widget in QApplication.topLevelWidgets():
        for status in widget.findChildren(DutyStatus):
            status.timer.stop()


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.app import ensure_application

    application = ensure_application("zh_CN")
    yield application
    i18n.install_translators(application, "zh_CN")


@pytest.fixture
def session(app, desk: Desk, admin: Person):  # type: ignore[no-untyped-def]
    from ui.session import Session

    return Session(desk, admin, "zh_CN")


@pytest.fixture
def make_session(app, desk: Desk):  # type: ignore[no-untyped-def]
    """``make_session(person, lang="zh_CN")`` for a role other than the admin."""
    from ui.session import Session

    def make(person: Person, lang: str = "zh_CN"):  # type: ignore[no-untyped-def]
        return Session(desk, person, lang)

    return make


@pytest.fixture
def make_window(app, qtbot):  # type: ignore[no-untyped-def]
    from ui.main_window import build_main_window

    made = []

    def make(session, **kwargs):  # type: ignore[no-untyped-def]
        window = build_main_window(session, **kwargs)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        # Closed windows linger until a deferred delete; their timers must not fire on a
        # closed database while a later test processes events.
        window.idle_watcher.stop()


@pytest.fixture
def window(make_window, session) -> Iterator:  # type: ignore[no-untyped-def]
    return make_window(session)
