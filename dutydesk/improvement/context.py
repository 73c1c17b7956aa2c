"""The context the improvement area works in: people, the store, and its own services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.improvement.cycles import CycleService
    from dutydesk.improvement.feedback import FeedbackService
    from dutydesk.improvement.problems import ImprovementService


class ImprovementContext(PeopleContext, Protocol):
    @property
    def feedback(self) -> FeedbackService: ...

    @property
    def improvement(self) -> ImprovementService: ...

    @property
    def cycles(self) -> CycleService: ...
