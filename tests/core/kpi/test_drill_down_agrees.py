"""The drill-down names exactly the records a figure counts, on the demo database."""

from __future__ import annotations

from datetime import date

import pytest

from dutydesk.desk import Desk
from dutydesk.kpi.definitions import DEFINITIONS, HANDOVER, INCIDENTS
from dutydesk.kpi.period import Period

QUARTER = Period(date(2026, 10, 1), date(2026, 12, 31), "quarter")  # includes the demo's today


@pytest.mark.parametrize("period", [QUARTER, Period.month(2026, 10)], ids=["Q4", "October"])
def test_numerator_and_denominator_are_the_drill_down_counts(demo: Desk, period: Period) -> None:
    values = demo.kpi.values(period)
    checked = 0
    for definition in DEFINITIONS:
        if definition.area not in (INCIDENTS, HANDOVER):
            continue
        code = definition.code
        value = values[code]
        rows = (
            demo.kpi.incident_rows(period, code)
            if definition.area == INCIDENTS
            else demo.kpi.handover_rows(period, code)
        )
        assert rows, code
        if definition.unit == "%":
            assert value.denominator == len(rows), code
            assert value.numerator == sum(1 for r in rows if r.counted), code
        elif definition.unit == "count":
            assert value.value == len(rows), code
        else:
            assert value.denominator == len(rows), code
            assert all(r.counted is None for r in rows), code
        checked += 1
    assert checked == 15


def test_record_completeness_lists_ended_shifts_with_their_handovers(demo: Desk) -> None:
    value = demo.kpi.values(QUARTER)["record_completeness"]
    rows = demo.kpi.handover_rows(QUARTER, "record_completeness")
    # Shifts of 10-01 .. 11-24 have ended at 2026-11-25 09:00 (the night of 11-24 ends
    # at 08:00); the day shift of 11-25 and everything after it have not.
    days = {r.cells[0] for r in rows}
    assert min(days) == "2026-10-01" and max(days) == "2026-11-24"
    assert value.denominator == len(rows) == 2 * 55
    counted = [r for r in rows if r.counted]
    assert all(r.record_id > 0 for r in counted)
    assert len({r.record_id for r in counted}) == len(counted)
    handovers = {
        row[0]
        for row in demo.db.execute(
            "SELECT id FROM handovers WHERE status = 'locked' AND completeness >= 1"
            " AND shift_date BETWEEN '2026-10-01' AND '2026-11-24'"
        )
    }
    assert {r.record_id for r in counted} <= handovers
