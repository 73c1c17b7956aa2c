"""The 排班 tab showing a month of the realistic database (information).

DutyDesk: ``RosterTab.set_month`` (the tab's refresh: the month grid of every team, the
model, the leave and swap queues, who is on duty), alternating between the last two full
months of the data so that each call loads a month. Baseline: the month's assignments
with their people and shift types in one SQL query, put into a ``QStandardItemModel``
of people × days.
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.common import Context, Row, failed, paired
from bench.figures._desk import open_desk

NAME = "roster_month"
NEEDS_DB = True
TITLE = "roster tab, one month (set_month)"


def _months(today: date) -> list[tuple[int, int]]:
    first = today.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    before = (previous - timedelta(days=1)).replace(day=1)
    return [(previous.year, previous.month), (before.year, before.month)]


def run(ctx: Context) -> list[Row]:
    desk = open_desk(ctx)
    try:
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication

        from dutydesk.roster.grid import month_range
        from ui.session import Session
        from ui.tabs.roster import RosterTab

        QApplication.instance() or QApplication([])
        tz = desk.roster.timezone()
        months = _months(ctx.now().astimezone(tz).date())
        session = Session(desk, desk.people.by_employee_no("admin"))
        tab = RosterTab(session)
        tab.resize(1280, 760)
        turn = [0]

        def app() -> None:
            turn[0] += 1
            tab.set_month(*months[turn[0] % 2])

        bounds = [month_range(*m) for m in months]
        conn = desk.db.conn

        def base() -> None:
            start, end = bounds[turn[0] % 2]
            rows = conn.execute(
                "SELECT a.person_id, p.name, a.day, s.code FROM assignments a"
                " JOIN people p ON p.id = a.person_id JOIN shift_types s ON s.id = a.shift_type_id"
                " WHERE a.day BETWEEN ? AND ? ORDER BY p.name, a.day",
                [start.isoformat(), end.isoformat()],
            ).fetchall()
            people = {pid: i for i, pid in enumerate(dict.fromkeys(r[0] for r in rows))}
            model = QStandardItemModel(len(people), (end - start).days + 1)
            for person_id, _name, day, code in rows:
                column = (date.fromisoformat(day) - start).days
                model.setItem(people[person_id], column, QStandardItem(code))

        app_s, base_s, samples = paired(app, base, ctx.runs, floor=0)
        shown = tab.model.rowCount()
        tab.deleteLater()
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        desk.close()
    row = Row(
        NAME,
        TITLE,
        app_s,
        base_s,
        "one SQL query of the month into a QStandardItemModel",
        samples=samples,
    )
    row.notes.append(f"Months {months[0]} and {months[1]}, {shown} people in the grid.")
    return [row]
