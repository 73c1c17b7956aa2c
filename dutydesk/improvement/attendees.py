"""Who attends a meeting, recorded (meetings) or planned (communication plan)."""

from __future__ import annotations

from collections.abc import Iterable

from dutydesk.errors import ValidationError
from dutydesk.people.context import PeopleContext


def checked_attendees(desk: PeopleContext, attendee_ids: Iterable[int]) -> list[int]:
    """The attendees once each, in the order given: at least one, each a known person."""
    attendees = list(dict.fromkeys(attendee_ids))
    if not attendees:
        raise ValidationError(
            "attendees", "请至少选择一名参会人员", en="Choose at least one attendee"
        )
    for person_id in attendees:
        desk.people.get(person_id)
    return attendees
