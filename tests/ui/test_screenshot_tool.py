"""The screenshot tool builds every dialog it names (a moved class once broke ``--all``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtWidgets import QDialog

TOOL = Path(__file__).resolve().parents[2] / "tools" / "screenshot.py"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshot_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_dialog_the_tool_names_can_be_built(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialogs = _tool()._dialogs(session)
    assert "dialog-shortcuts" in dialogs and "dialog-incident" in dialogs
    for name, build in dialogs.items():
        dialog = build()
        qtbot.addWidget(dialog)
        assert isinstance(dialog, QDialog), name
        assert dialog.windowTitle().strip(), name
