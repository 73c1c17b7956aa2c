"""Which handover is due: the shift that is ending and the next one, from the roster.

``propose(desk, at)`` (reached as ``desk.handover.propose(at)``) looks at the roster's shift
types around ``at`` in the site time zone and picks the shift whose end (the handover time)
is nearest to ``at`` and has no live handover yet; the next shift is the one starting at
that time. Each shift lists its rostered people per duty role and slot after swaps and
leave (a gap left by leave is a slot without a person) and who has been recorded as
serving. The proposal also names the checklist template of the ending shift's type and the
default incoming officer (the next shift's leader, else its first officer).
``crew_for`` gives the incoming crew with the officer's stand-ins, from which
``desk.handover.start_proposed`` starts the handover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dutydesk.clock import to_iso
from dutydesk.errors import DutyDeskError
from dutydesk.handover.records import CrewMember
from dutydesk.handover.templates import Template
from dutydesk.roster.engine import DUTY_ROLE_LABELS, DUTY_ROLES, ShiftDef

if TYPE_CHECKING:
    from dutydesk.handover.context import HandoverContext

# How far from ``at`` a handover time may lie to be proposed.
SEARCH = timedelta(hours=24)


@dataclass(frozen=True)
class CrewSlot:
    """One duty role and slot of a shift: the rostered person (None: a gap) and who served."""

    duty_role: str
    slot: int
    assignment_id: int | None
    person_id: int | None
    person_name: str
    served_person_id: int | None = None
    served_name: str = ""

    @property
    def role_label(self) -> str:
        return DUTY_ROLE_LABELS[self.duty_role][0]

    @property
    def role_label_en(self) -> str:
        return DUTY_ROLE_LABELS[self.duty_role][1]


@dataclass(frozen=True)
class ProposedShift:
    """One shift of the roster: its type, day (the day it starts), window and people."""

    shift_type_id: int
    code: str
    name: str
    day: date
    start_at: datetime
    end_at: datetime
    crew: tuple[CrewSlot, ...] = ()

    @property
    def rostered(self) -> bool:
        return any(slot.person_id is not None for slot in self.crew)

    @property
    def people_ids(self) -> tuple[int, ...]:
        return tuple(s.person_id for s in self.crew if s.person_id is not None)


@dataclass(frozen=True)
class HandoverProposal:
    """What 发起交接班 proposes at ``at``; ``ending``/``next`` None when no shift types exist."""

    at: datetime
    ending: ProposedShift | None
    next: ProposedShift | None
    template: Template | None
    shift_types: tuple[ShiftDef, ...]
    incoming_person_id: int | None
    existing_handover_id: int | None = None

    @property
    def boundary_at(self) -> datetime | None:
        return self.ending.end_at if self.ending else None

    @property
    def has_roster(self) -> bool:
        return bool(self.ending and self.ending.rostered) or bool(self.next and self.next.rostered)


def _shift(desk: HandoverContext, shift: ShiftDef, day: date) -> ProposedShift:
    start, end = shift.window(day, desk.roster.timezone())
    assigned = desk.roster.shift_crew(day, shift.code)
    slots: list[CrewSlot] = []
    for role in DUTY_ROLES:
        mine = [a for a in assigned if a.role == role]
        for a in mine:
            served = a.served_person_id
            slots.append(
                CrewSlot(
                    role,
                    a.slot,
                    a.id,
                    a.person_id,
                    a.person_name,
                    served,
                    ""
                    if served is None
                    else a.person_name
                    if served == a.person_id
                    else desk.people.get(served).name,
                )
            )
        taken = {a.slot for a in mine}
        if assigned:  # gaps only where the roster has planned this shift at all
            free = (s for s in range(shift.need(role) + len(mine)) if s not in taken)
            for _ in range(max(0, shift.need(role) - len(mine))):
                slots.append(CrewSlot(role, next(free), None, None, ""))
    return ProposedShift(shift.id, shift.code, shift.name, day, start, end, tuple(slots))


def _live_at(desk: HandoverContext, boundary: datetime) -> int | None:
    found = desk.db.execute(
        "SELECT id FROM handovers WHERE shift_boundary_at = ? AND status <> 'rejected'",
        [to_iso(boundary)],
    ).fetchone()
    return int(found[0]) if found else None


def propose(desk: HandoverContext, at: datetime | None = None) -> HandoverProposal:
    """The handover due at ``at`` (default: the desk's now), from the roster."""
    moment = at or desk.clock()
    zone = desk.roster.timezone()
    local = moment.astimezone(zone)
    types = tuple(desk.roster.shift_types().values())
    if not types:
        return HandoverProposal(moment, None, None, None, types, None)
    days = [local.date() + timedelta(days=d) for d in range(-2, 3)]
    instances = [_shift(desk, shift, day) for day in days for shift in types]
    if any(i.rostered for i in instances):
        instances = [i for i in instances if i.rostered]
    started = [
        i for i in instances if i.start_at <= moment and abs(i.end_at - moment) <= SEARCH
    ] or [i for i in instances if abs(i.end_at - moment) <= SEARCH]
    # Nearest handover time first; on a tie the coming one.
    started.sort(key=lambda i: (abs((i.end_at - moment).total_seconds()), -i.end_at.timestamp()))
    ending = next((i for i in started if _live_at(desk, i.end_at) is None), None)
    existing = None
    if ending is None and started:
        ending = started[0]
        existing = _live_at(desk, ending.end_at)
    if ending is None:
        return HandoverProposal(moment, None, None, None, types, None)
    following = sorted(
        (i for i in instances if i.start_at >= ending.end_at),
        key=lambda i: (i.start_at, not i.rostered),
    )
    nxt = following[0] if following else None
    incoming = next(
        (
            s.person_id
            for s in (nxt.crew if nxt else ())
            if s.person_id is not None and s.person_id not in ending.people_ids
        ),
        None,
    )
    try:
        template: Template | None = desk.handover.templates.for_shift_type(ending.shift_type_id)
    except DutyDeskError:  # no template at all: starting will say so
        template = None
    return HandoverProposal(moment, ending, nxt, template, types, incoming, existing)


def crew_for(
    proposal: HandoverProposal,
    *,
    incoming_person_id: int,
    stand_ins: Mapping[int, int] | None = None,
) -> list[CrewMember]:
    """The incoming crew: the next shift's rostered people, with ``stand_ins``
    (assignment id → person who takes it over) applied; an incoming officer who is not on
    it takes over the slot of the proposed incoming officer."""
    if proposal.next is None:
        return []
    stand_ins = dict(stand_ins or {})
    crew = [
        CrewMember(
            duty_role=s.duty_role,
            slot=s.slot,
            person_id=stand_ins.get(s.assignment_id, s.person_id),
            assignment_id=s.assignment_id,
            planned_person_id=s.person_id,
        )
        for s in proposal.next.crew
        if s.assignment_id is not None and s.person_id is not None
    ]
    if crew and all(c.person_id != incoming_person_id for c in crew):
        index = next(
            (i for i, c in enumerate(crew) if c.planned_person_id == proposal.incoming_person_id),
            0,
        )
        crew[index] = replace(crew[index], person_id=incoming_person_id)
    return crew
