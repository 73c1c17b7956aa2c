"""Opening the bench's copy of the database the way the figures need it."""

from __future__ import annotations

from bench.common import Context
from dutydesk.clock import fixed_clock
from dutydesk.desk import Desk


def open_desk(ctx: Context) -> Desk:
    """The application's own open (pragmas, migrations already applied), its clock set
    just after the database's last record so that "today" is inside the data."""
    return Desk.open(ctx.need_db(), clock=fixed_clock(ctx.now()))
