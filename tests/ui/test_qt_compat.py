"""Many void Qt calls in one process must not abort the interpreter (PySide6 6.12 bug)."""

from __future__ import annotations

import PySide6
from PySide6.QtWidgets import QLabel

from tests.ui.fresh_process import printed_by_fresh_process
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


SOURCES = """
import linecache
import sys

import ui  # installs forget_feature_sources
import dutydesk.desk
import ui.tabs.process

feature = sys.modules["shibokensupport.feature"]
print("KEPT", *[key for key in linecache.cache if not key.startswith("<")])
print("USES", feature.pyside_feature_dict.get("ui.forms"))
print("NOT", feature.pyside_feature_dict.get("dutydesk.clock"))
"""


def test_pysides_import_hook_checks_modules_without_keeping_their_source() -> None:
    """PySide reads every imported module's source (is it a PySide module?) through
    linecache, which kept about 9 MiB of lines for the life of the window."""
    lines = printed_by_fresh_process(SOURCES)
    assert lines["KEPT"] == []
    assert lines["USES"] == ["0"] and lines["NOT"] == ["-1"]  # the check still answers
