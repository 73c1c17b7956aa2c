"""The context the KPI engine works in.

KPIs are figures over every area's records, so this is the one area that reads others:
the roster's hours, the incident log (exports) and the problem register (a breached
target becomes a problem). Nothing in those areas reads the KPI engine back: the
improvement cycle and the training needs analysis get KPI figures through hooks joined
in ``dutydesk.connections``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from dutydesk.people.context import PeopleContext

if TYPE_CHECKING:
    from dutydesk.improvement.problems import ImprovementService
    from dutydesk.incidents.service import IncidentService
    from dutydesk.kpi.engine import KpiService
    from dutydesk.roster.service import RosterService


class KpiContext(PeopleContext, Protocol):
    @property
    def kpi(self) -> KpiService: ...

    @property
    def roster(self) -> RosterService: ...

    @property
    def incidents(self) -> IncidentService: ...

    @property
    def improvement(self) -> ImprovementService: ...
