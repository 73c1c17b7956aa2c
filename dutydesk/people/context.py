"""The context every area above ``people`` works in: the store plus the people register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.store.context import StoreContext

if TYPE_CHECKING:
    from dutydesk.people.auth import PeopleService


class PeopleContext(StoreContext, Protocol):
    @property
    def people(self) -> PeopleService: ...
