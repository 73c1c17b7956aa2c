"""The context the handover area works in.

The handover reads the roster (read-only) to propose the shift that is ending and the next
one with their crews, and the shift report reads it too; what it needs from the incident
log and the process comes through hooks joined in ``dutydesk.connections``.
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

    @property
    def roster(self) -> RosterService: ...


class ShiftReportContext(HandoverContext, Protocol):
    """The shift report's view: the handover with the roster."""
