"""Issue 16 part 3: bad input gives only DutyDesk errors, naming the field; nothing half-saved.

A property test drives the create and update functions of the services with text full of
control characters, very long strings, values of the wrong type and dates from year 1 to
9999. Every call either succeeds or raises a DutyDeskError; when it raises, every table is
exactly as before (row for row) and the audit chain has not moved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.limits import FIRST_YEAR, LAST_YEAR


def fingerprint(desk: Desk) -> dict[str, str]:
    """Every table's rows, hashed: equal fingerprints mean nothing changed."""
    found: dict[str, str] = {}
    for (name,) in desk.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_fts%'"
    ).fetchall():
        digest = hashlib.sha256()
        for text in sorted(repr(row) for row in desk.db.execute(f'SELECT * FROM "{name}"')):
            digest.update(text.encode())
        found[name] = digest.hexdigest()
    return found


TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from(["\x00", "\x07", "\x1b", "a", "一", "\n"]), max_size=8),
    st.sampled_from(["", "  ", "x" * 20000, "正常文本"]),
    st.integers(),
    st.none(),
    st.just(["list"]),
)
DAY = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1999, 12, 31), date(2101, 1, 1)]),
)
DAY_TEXT = st.one_of(DAY.map(date.isoformat), TEXT)


def _incident_ids(desk: Desk) -> tuple[int, int]:
    ref = desk.incidents.reference
    return ref.severities()[0].id, ref.categories()[0].id


ACTIONS: dict[str, Callable[[Desk, dict, Any, Any], Any]] = {
    "incidents.report": lambda d, c, text, day: d.incidents.report(
        c["officer"],
        title=text,
        severity_id=_incident_ids(d)[0],
        category_id=_incident_ids(d)[1],
        description=text,
        reported_at=day if isinstance(day, str) else None,
    ),
    "incidents.report_when": lambda d, c, text, day: d.incidents.report(
        c["officer"],
        title="停电",
        severity_id=_incident_ids(d)[0],
        category_id=_incident_ids(d)[1],
        reported_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        if isinstance(day, date)
        else day,
    ),
    "feedback.submit": lambda d, c, text, day: d.feedback.submit(c["officer"], text=text),
    "problems.create": lambda d, c, text, day: d.improvement.create_problem(
        c["leader"], title=text, category="process", source="feedback", description=text
    ),
    "people.add": lambda d, c, text, day: d.people.add(
        c["admin"], name=text, employee_no="5555", roles=["officer"], team=text
    ),
    "people.update": lambda d, c, text, day: d.people.update(
        c["admin"], c["officer2"].id, name=text, phone=text
    ),
    "settings.set": lambda d, c, text, day: d.settings.set(c["admin"], "site_name", text),
    "roster.add_team": lambda d, c, text, day: d.roster.add_team(c["admin"], name=text),
    "roster.preview": lambda d, c, text, day: d.roster.preview(team=1, start=day, end=day),
    "handover.start": lambda d, c, text, day: d.handover.start(
        c["officer"],
        shift_date=day,
        outgoing_shift_code=text,
        incoming_shift_code="N",
        incoming_person_id=c["officer2"].id,
    ),
    "leave.request": lambda d, c, text, day: d.roster.leave.request(
        c["officer"], person_id=c["officer"].id, kind="annual", start=day, end=day, reason=text
    ),
    "kpi.report": lambda d, c, text, day: d.kpi.report(
        __import__("dutydesk.kpi.period", fromlist=["Period"]).Period(day, day)
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_bad_input_raises_only_dutydesk_errors_and_saves_nothing_half(
    name: str, desk: Desk, crew: dict
) -> None:
    action = ACTIONS[name]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(text=TEXT, day=st.one_of(DAY, DAY_TEXT))
    def check(text: Any, day: Any) -> None:
        before = fingerprint(desk)
        try:
            action(desk, crew, text, day)
        except DutyDeskError:
            assert fingerprint(desk) == before
        # anything else propagates and fails the test

    check()


@pytest.mark.parametrize(
    ("field", "call"),
    [
        ("title", lambda d, c: ACTIONS["incidents.report"](d, c, "停电\x00", None)),
        ("text", lambda d, c: d.feedback.submit(c["officer"], text="建议\x07")),
        ("name", lambda d, c: d.roster.add_team(c["admin"], name="一\x1b班")),
    ],
)
def test_control_characters_are_refused_naming_the_field(
    field: str, call: Any, desk: Desk, crew: dict
) -> None:
    with pytest.raises(ValidationError) as caught:
        call(desk, crew)
    assert caught.value.field == field
    assert field in caught.value.message or "控制字符" in caught.value.message


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_dates_outside_the_sites_years_are_refused_with_the_range(
    year: int, desk: Desk, crew: dict
) -> None:
    day = date(year, 6, 1)
    for call in (
        lambda: desk.roster.preview(team=1, start=day, end=day),
        lambda: desk.roster.leave.request(
            crew["officer"], person_id=crew["officer"].id, kind="annual", start=day, end=day
        ),
        lambda: ACTIONS["handover.start"](desk, crew, "D", day.isoformat()),
        lambda: ACTIONS["incidents.report"](desk, crew, "停电", f"{year:04d}-06-01T08:00:00+08:00"),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert f"{FIRST_YEAR}–{LAST_YEAR}" in caught.value.message, caught.value.message
