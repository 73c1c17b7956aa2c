"""The context the incident log works in: people, the store, and its own service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.incidents.service import IncidentService


class IncidentsContext(PeopleContext, Protocol):
    @property
    def incidents(self) -> IncidentService: ...
