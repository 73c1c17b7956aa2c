"""Layout: the window with every tab open fits 1280×720 in both languages; the search box
keeps its width."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_fits_1280_by_720(app, make_window, demo_db: Path, tmp_path: Path, lang) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.session import Session

    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    desk = Desk.open(path, clock=demo_clock())
    i18n.install_translators(app, lang)
    window = make_window(Session(desk, desk.people.sign_in("admin", "demo1234"), lang))
    window.resize(1280, 720)
    window.show()
    too_big = {}
    for key in window.tab_keys():
        window.select_tab(key)
        hint = window.minimumSizeHint()
        if hint.width() > 1280 or hint.height() > 720:
            too_big[key] = (hint.width(), hint.height())
    assert too_big == {}
    assert window.width() == 1280
    incidents = window.select_tab("incidents")
    assert incidents.search.width() >= 220
