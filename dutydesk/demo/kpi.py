"""Demo site-wide KPI targets: some met and some breached, beside the cycle's own targets.

The improvement cycle in force overrides a site target for the same KPI (here
``response_median`` and ``handover_on_time_rate``), so both sources show in the demo.
"""

from __future__ import annotations

from dutydesk.desk import Desk
from dutydesk.people.auth import Person

SITE_TARGETS: dict[str, float] = {
    "response_median": 15,  # the cycle in force asks for 10
    "response_mean": 20,
    "response_p90": 60,
    "resolution_median": 480,
    "resolution_rate": 90,
    "response_on_time_rate": 90,
    "resolution_on_time_rate": 80,
    "record_completeness": 98,
    "handover_on_time_rate": 90,  # the cycle in force asks for 95
    "hours_fairness": 0.7,
    "roster_gaps": 0,
    "feedback_answered_rate": 80,
    "actions_on_time_rate": 80,
}


def populate(desk: Desk, *, admin: Person) -> None:
    for code, value in SITE_TARGETS.items():
        desk.kpi.set_target(admin, code, value)
