"""The 排班 tab's month model for 100 people (information; moved here from the tests).

DutyDesk: ``ui.models.roster.RosterMonthModel.set_grid`` with a month of 100 people ×
31 days (a third of the cells planned), then every cell's display text and background
asked once — what the table view does when it paints the whole month. Baseline: a
``QStandardItemModel`` of the same size filled with the same texts and colours, then
read the same way. Needs no database.
"""

from __future__ import annotations

from datetime import date

from bench.common import Context, Row, failed, paired

NAME = "roster_model"
NEEDS_DB = False
TITLE = "roster tab month model, 100 people × 31 days"


def _grid() -> object:
    from dutydesk.roster.grid import GridCell, GridDay, GridPerson, RosterGrid

    days = tuple(
        GridDay(date(2026, 12, d), "weekend" if date(2026, 12, d).weekday() >= 5 else "workday", "")
        for d in range(1, 32)
    )
    people = tuple(GridPerson(i, f"人员{i}", "一班") for i in range(100))
    cells = {
        (p.person_id, d.day): (
            GridCell(1, 1, "早", "早班", "officer", "#9ecae1", "generated", False, False),
        )
        for p in people
        for d in days
        if (p.person_id + d.day.day) % 3 == 0
    }
    return RosterGrid(days[0].day, days[-1].day, days, people, cells, ())


def run(ctx: Context) -> list[Row]:
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication

        from ui.models.roster import RosterMonthModel

        QApplication.instance() or QApplication([])
        grid = _grid()
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole)

        def read_all(model: object) -> None:
            for r in range(model.rowCount()):  # type: ignore[attr-defined]
                for c in range(model.columnCount()):  # type: ignore[attr-defined]
                    index = model.index(r, c)  # type: ignore[attr-defined]
                    for role in roles:
                        model.data(index, role)  # type: ignore[attr-defined]

        def app() -> None:
            model = RosterMonthModel()
            model.set_grid(grid, date(2026, 12, 5))
            read_all(model)

        colour = QColor("#9ecae1")

        def base() -> None:
            model = QStandardItemModel(len(grid.people), len(grid.days))  # type: ignore[attr-defined]
            for r, person in enumerate(grid.people):  # type: ignore[attr-defined]
                for c, day in enumerate(grid.days):  # type: ignore[attr-defined]
                    found = grid.cells.get((person.person_id, day.day))  # type: ignore[attr-defined]
                    item = QStandardItem(found[0].shift_code if found else "")
                    if found:
                        item.setBackground(colour)
                    model.setItem(r, c, item)
            read_all(model)

        app_s, base_s, samples = paired(app, base, ctx.runs, floor=0)
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    return [
        Row(
            NAME,
            TITLE,
            app_s,
            base_s,
            "QStandardItemModel of the same cells, read the same way",
            samples=samples,
        )
    ]
