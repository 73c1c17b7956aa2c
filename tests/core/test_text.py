"""One way to choose Chinese or English for the core's pairs and the command line."""

from __future__ import annotations

import pytest

from dutydesk.cli.common import say
from dutydesk.errors import ValidationError
from dutydesk.text import pick


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh_CN", "班次"), ("en", "Shift"), ("en_GB", "Shift"), (True, "Shift"), (False, "班次")],
)
def test_pick_chooses_by_language_code_or_flag(lang: str | bool, expected: str) -> None:
    assert pick(("班次", "Shift"), lang) == expected


def test_errors_and_the_command_line_choose_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    error = ValidationError("day", "日期无效", en="Invalid date")
    monkeypatch.setenv("DUTYDESK_LANG", "en")
    assert say("日期无效", "Invalid date") == error.localized("en") == "Invalid date"
    monkeypatch.setenv("DUTYDESK_LANG", "zh_CN")
    assert say("日期无效", "Invalid date") == error.localized("zh_CN") == "日期无效"
