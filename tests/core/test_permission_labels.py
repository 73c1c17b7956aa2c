"""Permission errors name what the person may not do, never the internal code."""

from __future__ import annotations

import pytest

from dutydesk.desk import import_every_area
from dutydesk.errors import PermissionDenied
from dutydesk.people import auth


def test_every_permission_has_words_in_both_languages() -> None:
    import_every_area()  # every area registers its permissions on import
    missing = sorted(set(auth.PERMISSION_ROLES) - set(auth.PERMISSION_LABELS))
    assert missing == []
    for zh, en in auth.PERMISSION_LABELS.values():
        assert zh and en and "." not in zh and "." not in en


def test_the_refusal_says_what_in_words(desk, crew) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied) as refused:
        auth.require(crew["officer"], "roster.edit")
    error = refused.value
    assert error.localized("zh_CN") == "李丽（值班员）无权修改排班"
    assert error.localized("en") == "李丽 (Duty officer) may not edit the roster"
    assert "roster.edit" not in error.localized("zh_CN") + error.localized("en")
