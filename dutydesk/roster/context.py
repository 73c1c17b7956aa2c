"""The context the roster area works in: people, the store, and its own service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.roster.service import RosterService


class RosterContext(PeopleContext, Protocol):
    @property
    def roster(self) -> RosterService: ...
