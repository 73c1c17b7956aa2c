"""Shared steps for the handover tests: start a handover, fill it, sign it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.handover.service import HandoverRecord
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD

SAMPLE = {"check": "yes", "text": "无", "number": "22", "choice": None}


def good_values(record: HandoverRecord, *, mandatory_only: bool = True) -> dict[int, Any]:
    values: dict[int, Any] = {}
    for value in record.items:
        if mandatory_only and not value.item.mandatory:
            continue
        sample = SAMPLE[value.item.kind]
        if value.item.kind == "choice":
            sample = value.item.choices[0]
        if value.item.kind == "number":
            low, high = value.item.normal_min, value.item.normal_max
            if low is not None and high is not None:
                sample = str(int((low + high) / 2))
        values[value.item.id] = sample
    return values


def ensure_shift_types(desk: Desk) -> None:
    """The roster's day (D, 08:00–20:00) and night (N) shift types the tests hand over."""
    known = desk.roster.shift_types()
    admin = desk.people.by_employee_no("admin")
    if "D" not in known:
        desk.roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    if "N" not in known:
        desk.roster.add_shift_type(
            admin, code="N", name="夜班", start="20:00", end="08:00", is_night=True
        )


def start(
    desk: Desk,
    outgoing: Person,
    incoming: Person,
    *,
    day: str = "2026-11-25",
    out_code: str = "D",
    in_code: str = "N",
    boundary: str = "2026-11-25T10:00:00+00:00",
) -> HandoverRecord:
    ensure_shift_types(desk)
    return desk.handover.start(
        outgoing,
        shift_date=day,
        outgoing_shift_code=out_code,
        incoming_shift_code=in_code,
        incoming_person_id=incoming.id,
        shift_boundary_at=boundary,
    )


def complete(
    desk: Desk, clock: ManualClock, outgoing: Person, incoming: Person, **kwargs: Any
) -> HandoverRecord:
    """Start, fill, submit and accept one handover, moving the clock a little each step."""
    record = start(desk, outgoing, incoming, **kwargs)
    desk.handover.set_values(outgoing, record.id, good_values(record))
    clock.advance(minutes=10)
    desk.handover.submit(outgoing, record.id, password=PASSWORD)
    clock.advance(minutes=5)
    return desk.handover.accept(incoming, record.id, password=PASSWORD)


def at(clock: ManualClock, iso: str) -> None:
    from dutydesk.clock import parse_iso

    clock.set(parse_iso(iso))


def later(clock: ManualClock, hours: float) -> None:
    clock.set(clock.current + timedelta(hours=hours))
