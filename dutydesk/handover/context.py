"""The context the handover area works in.

The handover service itself sees only people and the store; what it needs from the
roster, the incident log and the process comes through hooks joined in
``dutydesk.connections``. The shift report reads the roster directly (read-only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.handover.service import HandoverService
    from dutydesk.roster.service import RosterService


class HandoverContext(PeopleContext, Protocol):
    @property
    def handover(self) -> HandoverService: ...


class ShiftReportContext(HandoverContext, Protocol):
    @property
    def roster(self) -> RosterService: ...
