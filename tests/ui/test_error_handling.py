"""Issue 13's rule in ui/: catch DutyDeskError; only one top-level handler sees the rest."""

from __future__ import annotations

import re
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
BROAD = re.compile(r"^\s*except\s*(Exception|BaseException)?\s*(as\s+\w+)?\s*:", re.MULTILINE)
# The worker thread, and the first run's demo thread, forward whatever the work raised to the
# GUI thread, which reports it.
ALLOWED = {"worker.py", "first_run.py"}


def test_no_broad_except_in_the_ui() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in ALLOWED:
            continue
        for match in BROAD.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
            found.append(f"{path.relative_to(UI.parent)}:{line}: {match.group(0).strip()}")
    assert not found, "broad except in ui/ (catch DutyDeskError):\n" + "\n".join(found)


def test_the_top_level_handler_reports_an_unexpected_error(app, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text: shown.append(f"{title}|{text}")
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_error_handler()
    assert sys.excepthook is app_module.report_unexpected_error
    try:
        raise KeyError("missing")
    except KeyError as error:
        sys.excepthook(KeyError, error, error.__traceback__)
    assert len(shown) == 1 and "意外错误" in shown[0] and "KeyError" in shown[0]
