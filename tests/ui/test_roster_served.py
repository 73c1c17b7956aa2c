"""The 排班 grid shows planned against served and the stand-in (issue 14, item 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from dutydesk.desk import Desk
from dutydesk.roster.grid import roster_grid
from dutydesk.store import db as storage
from ui.models.roster import RosterMonthModel


def test_the_grid_marks_stand_ins_and_says_who_served(app, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    db = storage.open_readonly(demo_db)
    try:
        desk = Desk(db)
        [stand_in] = [
            line
            for line in desk.roster.planned_and_served("2026-10-01", "2026-10-31")
            if line.stand_in
        ][:1]
        day = stand_in.assignment.day
        grid = roster_grid(desk, start=date(2026, 10, 1), end=date(2026, 10, 31))
        model = RosterMonthModel("zh_CN")
        model.set_grid(grid, None)
        row = next(
            i for i, p in enumerate(grid.people) if p.person_id == stand_in.planned_person_id
        )
        column = day.day - 1
        assert model.cell_text(row, column).endswith("替")
        english = RosterMonthModel("en")
        english.set_grid(grid, None)
        assert english.cell_text(row, column).endswith("*")
        texts = {english.cell_text(r, c) for r in range(len(grid.people)) for c in range(31)}
        assert not any(mark in text for text in texts for mark in "长备替")
        tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
        assert f"实到：{stand_in.served_name}（替班，接班签名）" in tip
        # Someone who served their own shift.
        own = next(
            line
            for line in desk.roster.planned_and_served("2026-10-02", "2026-10-02")
            if not line.stand_in and line.served_person_id is not None
        )
        row = next(i for i, p in enumerate(grid.people) if p.person_id == own.planned_person_id)
        tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
        assert "实到：本人（接班签名）" in tip
    finally:
        db.close()


def test_the_served_tooltip_is_english_in_english(app, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    db = storage.open_readonly(demo_db)
    i18n.install_translators(app, "en")
    try:
        desk = Desk(db)
        stand_in = next(
            line
            for line in desk.roster.planned_and_served("2026-10-01", "2026-10-31")
            if line.stand_in
        )
        grid = roster_grid(desk, start=date(2026, 10, 1), end=date(2026, 10, 31))
        model = RosterMonthModel("en")
        model.set_grid(grid, None)
        row = next(
            i for i, p in enumerate(grid.people) if p.person_id == stand_in.planned_person_id
        )
        tip = model.data(
            model.index(row, stand_in.assignment.day.day - 1), Qt.ItemDataRole.ToolTipRole
        )
        assert f"Served by stand-in {stand_in.served_name} (incoming handover signature)" in tip
        assert "实到" not in tip and "接班" not in tip
    finally:
        i18n.install_translators(app, "zh_CN")
        db.close()
