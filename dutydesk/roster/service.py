"""Roster (排班): shift types, patterns, teams, generation, assignments, who served, on duty.

Other features use three entry points here:
``desk.roster.on_duty(at)``, ``desk.roster.shift_window(day, code)``,
``desk.roster.shift_crew(day, code)`` (one shift's assignments), and for who served
``desk.roster.record_served_by_handover(actor, assignment_id=..., person_id=...)`` (the
incoming handover signature) and ``desk.roster.planned_and_served(start, end)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, OFFICER
from dutydesk.roster.generation import RosterGeneration
from dutydesk.roster.holidays import CalendarService
from dutydesk.roster.records import (
    Assignment,
    GenerationPreview,
    OnDuty,
    PlannedServed,
    Team,
    shift_from_row,
)
from dutydesk.store import audit

if TYPE_CHECKING:
    from dutydesk.roster.context import RosterContext

for _table in (
    "shift_types",
    "rotation_patterns",
    "teams",
    "team_members",
    "team_member_roles",
    "assignments",
    "leave_requests",
    "swap_requests",
):
    audit.register_table(audit.AuditedTable(_table))

auth.register_permissions(
    {
        "roster.setup": frozenset({LEADER, ADMIN}),
        "roster.edit": frozenset({LEADER, ADMIN}),
        "roster.served": frozenset({OFFICER, LEADER, ADMIN}),
        "leave.request": frozenset({OFFICER, LEADER, ADMIN}),
        "leave.approve": frozenset({LEADER, ADMIN}),
        "swap.request": frozenset({OFFICER, LEADER, ADMIN}),
        "swap.approve": frozenset({LEADER, ADMIN}),
    }
)


class RosterService(RosterGeneration):
    """Everything about who is on duty when. ``calendar``, ``leave`` and ``swaps`` hang here.

    Set-up (``setup.py``), assignments (``assignments.py``) and generation with hours
    (``generation.py``) are its parts.
    """

    def __init__(self, desk: RosterContext) -> None:
        from dutydesk.roster.changes import LeaveService, SwapService

        self._desk = desk
        self.calendar = CalendarService(desk)
        self.leave = LeaveService(desk, self)
        self.swaps = SwapService(desk, self)


__all__ = [
    "Assignment",
    "GenerationPreview",
    "OnDuty",
    "PlannedServed",
    "RosterService",
    "Team",
    "shift_from_row",
]
