"""Many void Qt calls in one process must not abort the interpreter (PySide6 6.12 bug)."""

from __future__ import annotations

import PySide6
from PySide6.QtWidgets import QLabel

from ui.qt_compat import _affected


def test_affected_versions() -> None:
    import sys

    if sys.version_info < (3, 12):
        assert _affected("6.12.0") and not _affected("6.11.3")
    assert _affected(PySide6.__version__) in (True, False)


def test_a_hundred_thousand_void_calls_do_not_crash(app) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    for _ in range(100_000):
        label.setEnabled(True)
    app.processEvents()
    assert label.isEnabled()
