"""The handover hooks as connections.connect wires them: roster, incidents, process."""

from __future__ import annotations

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import ValidationError
from dutydesk.people.auth import Person
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD
from tests.core.handover_helpers import at, good_values


@pytest.fixture
def wired(desk: Desk, crew: dict[str, Person], clock: ManualClock) -> dict[str, Person]:
    admin, roster = crew["admin"], desk.roster
    roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    roster.add_shift_type(admin, code="N", name="夜班", start="20:00", end="08:00", is_night=True)
    pattern = roster.add_pattern(admin, name="两班倒", cycle="D,N", anchor_day="2026-01-01")
    team = roster.add_team(admin, name="一班", pattern_id=pattern)
    people = [crew["officer"], crew["officer2"], crew["leader"]]
    for person in people:
        roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    roster.set_members(admin, team.id, [p.id for p in people])
    roster.set_assignment(
        admin,
        team_id=team.id,
        day="2026-11-25",
        shift_code="N",
        duty_role="officer",
        person_id=crew["officer2"].id,
    )
    severity = desk.incidents.reference.severity_by_code("II")
    category = next(c for c in desk.incidents.reference.categories() if c.name == "空调")
    for hour, title in ((1, "机房空调故障"), (5, "UPS 告警"), (30, "次日事件")):
        at(
            clock,
            f"2026-11-25T{hour % 24:02d}:10:00+00:00" if hour < 24 else "2026-11-26T06:00:00+00:00",
        )
        made = desk.incidents.report(
            crew["officer"], title=title, severity_id=severity.id, category_id=category.id
        )
        if title == "UPS 告警":
            desk.incidents.acknowledge(crew["officer"], made.id)
    at(clock, "2026-11-25T11:45:00+00:00")  # 19:45 in Shanghai
    return crew


def test_start_takes_the_boundary_from_the_roster_and_freezes_the_incidents(
    desk: Desk, wired: dict[str, Person]
) -> None:
    record = desk.handover.start(
        wired["officer"],
        shift_date="2026-11-25",
        outgoing_shift_code="D",
        incoming_shift_code="N",
        incoming_person_id=wired["officer2"].id,
    )
    assert record.period_start_at == "2026-11-25T00:00:00+00:00"
    assert record.shift_boundary_at == "2026-11-25T12:00:00+00:00"
    summary = record.incident_summary
    assert summary.available and summary.total == 2
    assert summary.by_status == {"new": 1, "acknowledged": 1}
    assert [i.title for i in summary.open_incidents] == ["机房空调故障", "UPS 告警"]
    assert record.process_version is None  # no process version published in this file


def test_the_incoming_signature_records_the_officer_as_served(
    desk: Desk, wired: dict[str, Person], clock: ManualClock
) -> None:
    record = desk.handover.start(
        wired["officer"],
        shift_date="2026-11-25",
        outgoing_shift_code="D",
        incoming_shift_code="N",
        incoming_person_id=wired["officer2"].id,
    )
    desk.handover.set_values(wired["officer"], record.id, good_values(record))
    desk.handover.submit(wired["officer"], record.id, password=PASSWORD)
    clock.advance(minutes=10)
    desk.handover.accept(wired["officer2"], record.id, password=PASSWORD)
    slot = desk.roster.assignments("2026-11-25", "2026-11-25", person_id=wired["officer2"].id)
    assert [(a.shift_code, a.served_person_id) for a in slot] == [("N", wired["officer2"].id)]
    assert verify_database(desk.db).ok


def test_an_unknown_shift_code_is_refused_naming_the_field(
    desk: Desk, wired: dict[str, Person]
) -> None:
    cases = (("outgoing_shift_code", ("早", "N")), ("incoming_shift_code", ("D", "中")))
    for field, codes in cases:
        with pytest.raises(ValidationError) as caught:
            desk.handover.start(
                wired["officer"],
                shift_date="2026-11-25",
                outgoing_shift_code=codes[0],
                incoming_shift_code=codes[1],
                incoming_person_id=wired["officer2"].id,
                shift_boundary_at="2026-11-25T08:00:00+00:00",
            )
        assert caught.value.field == field
        assert "白班（D）、夜班（N）" in caught.value.message
    assert desk.handover.count() == 0
