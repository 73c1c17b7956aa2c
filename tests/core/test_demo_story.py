"""The demo tells one consistent story (issue 14, item 9)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dutydesk.connections import kpi_figures_provider
from dutydesk.demo.incidents import CASES
from dutydesk.demo.site import DEMO_TODAY
from dutydesk.desk import Desk
from dutydesk.kpi.period import Period


def _pattern(template: str) -> re.Pattern[str]:
    """A case's text as a regex; the same placeholder must take the same value."""
    text = re.escape(template)
    seen: set[str] = set()
    for name in ("loc", "unit", "n"):
        escaped = re.escape("{" + name + "}")
        while escaped in text:
            if name in seen:
                text = text.replace(escaped, f"(?P={name})", 1)
            else:
                text = text.replace(escaped, f"(?P<{name}>.+?)", 1)
                seen.add(name)
    return re.compile(f"^{text}$")


def test_each_incident_title_matches_its_description_and_place(demo: Desk) -> None:
    cases = [case for category in CASES.values() for case in category[0]]
    rows = demo.db.execute(
        "SELECT id, title, description, location, shift_code, resolution FROM incidents"
    ).fetchall()
    assert len(rows) > 200
    codes = set(demo.roster.shift_types())
    for incident_id, title, description, location, shift_code, resolution in rows:
        # One regex over title, description and resolution: shared places agree.
        parts = (title, description) if resolution is None else (title, description, resolution)
        found = next(
            (
                hit
                for case in cases
                if (
                    hit := _pattern("\n".join((case[0], case[1], case[3])[: len(parts)])).match(
                        "\n".join(parts)
                    )
                )
            ),
            None,
        )
        assert found is not None, (incident_id, parts)
        if "loc" in found.groupdict():
            assert found.group("loc") == location, incident_id
        assert shift_code in codes, incident_id


def test_the_signed_needs_assessment_holds_the_kpi_engines_figures(demo: Desk) -> None:
    # The demo's signed assessment (a follow-up one is still a draft).
    [assessment] = [a for a in demo.training.assessments.list() if a.locked]
    signed = {f.key: f.value for f in demo.training.assessments.figures(assessment)}
    period = (
        date.fromisoformat(assessment.period_start),
        date.fromisoformat(assessment.period_end),
    )
    engine = kpi_figures_provider(demo)(*period)
    assert signed == engine
    assert signed["incidents_per_day"] and signed["handover_minutes"]
    assert signed["record_completeness"] is not None


def test_the_cycle_in_force_has_targets_met_and_targets_breached(demo: Desk) -> None:
    [in_force] = [
        c
        for c in demo.cycles.cycles()
        if date.fromisoformat(c.start_date) <= DEMO_TODAY <= date.fromisoformat(c.end_date)
    ]
    assert not in_force.locked and in_force.targets
    period = Period(date.fromisoformat(in_force.start_date), DEMO_TODAY - timedelta(days=1))
    values = demo.kpi.values(period)
    verdicts = {
        t.kpi_key: t.met_by(values[t.kpi_key].value if t.kpi_key in values else None)
        for t in in_force.targets
    }
    assert True in verdicts.values() and False in verdicts.values(), verdicts
    assert verdicts["handover_on_time_rate"] is True
    assert verdicts["response_median"] is False
