"""The context the training area works in: people, the store, and its own service.

KPI figures (for the needs analysis) and the process steps (for linking courses) come
through hooks joined in ``dutydesk.connections``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.training.service import TrainingService


class TrainingContext(PeopleContext, Protocol):
    @property
    def training(self) -> TrainingService: ...
