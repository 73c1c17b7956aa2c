"""The meeting log (沟通): 周例会, 月度会 and ad hoc meetings; a decision can become an action."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutydesk.clock import site_today
from dutydesk.errors import Conflict, ValidationError
from dutydesk.improvement.attendees import checked_attendees
from dutydesk.improvement.context import ImprovementContext
from dutydesk.improvement.feedback import check_choice
from dutydesk.improvement.problems import Action, as_date
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, Person
from dutydesk.people.inputs import clean_text
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row
from dutydesk.store.rows import from_row
from dutydesk.store.where import Where
from dutydesk.store.writes import append_line

if TYPE_CHECKING:
    pass

MEETING_KINDS: dict[str, tuple[str, str]] = {
    "weekly": ("周例会", "Weekly meeting"),
    "monthly": ("月度会", "Monthly meeting"),
    "ad_hoc": ("临时会议", "Ad hoc meeting"),
}

auth.register_permissions({"meeting.record": frozenset({LEADER, ADMIN})})
for _table in ("meetings", "meeting_attendees", "meeting_decisions"):
    audit.register_table(audit.AuditedTable(_table))


@dataclass(frozen=True)
class Decision:
    id: int
    meeting_id: int
    position: int
    text: str
    action_id: int | None


@dataclass(frozen=True)
class Meeting:
    id: int
    kind: str
    held_on: str
    title: str
    topics: tuple[str, ...]
    guests: str
    minutes: str
    cycle_id: int | None
    recorded_by: int
    attendees: tuple[tuple[int, str], ...]
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class MinutesData:
    """What the 会议纪要 printout shows: the meeting, who recorded it, each decision with
    the action it became (if any)."""

    site_name: str
    meeting: Meeting
    kind_zh: str
    recorder_name: str
    cycle_title: str | None
    decisions: tuple[tuple[Decision, Action | None], ...]


class MeetingService(AreaService[ImprovementContext]):
    def meeting(self, meeting_id: int) -> Meeting:
        row = existing_row(self._db, "meetings", meeting_id, ("会议记录", "meeting"))
        attendees = tuple(
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT p.id, p.name FROM meeting_attendees m JOIN people p ON p.id = m.person_id"
                " WHERE m.meeting_id = ? ORDER BY m.id",
                [meeting_id],
            ).fetchall()
        )
        decisions = tuple(
            Decision(**r)
            for r in self._db.query(
                "SELECT * FROM meeting_decisions WHERE meeting_id = ? ORDER BY position",
                [meeting_id],
            )
        )
        return from_row(
            Meeting,
            row,
            topics=tuple(json.loads(row["topics"])),
            attendees=attendees,
            decisions=decisions,
        )

    def minutes_data(self, meeting_id: int) -> MinutesData:
        """The data of the 会议纪要 (meeting minutes) printout."""
        meeting = self.meeting(meeting_id)
        cycle_title = self._desk.cycles.cycle(meeting.cycle_id).title if meeting.cycle_id else None
        decisions = tuple(
            (d, self._desk.improvement.action(d.action_id) if d.action_id else None)
            for d in meeting.decisions
        )
        return MinutesData(
            site_name=self._desk.settings.get("site_name"),
            meeting=meeting,
            kind_zh=MEETING_KINDS[meeting.kind][0],
            recorder_name=self._desk.people.get(meeting.recorded_by).name,
            cycle_title=cycle_title,
            decisions=decisions,
        )

    def meetings(
        self,
        *,
        kind: str | None = None,
        start: date | None = None,
        end: date | None = None,
        cycle_id: int | None = None,
    ) -> list[Meeting]:
        where = Where(("kind", kind), ("cycle_id", cycle_id))
        if start is not None:
            where.add("held_on >= ?", start.isoformat())
        if end is not None:
            where.add("held_on <= ?", end.isoformat())
        rows = self._db.execute(
            f"SELECT id FROM meetings {where} ORDER BY held_on DESC, id DESC", where.params
        ).fetchall()
        return [self.meeting(r[0]) for r in rows]

    def record(
        self,
        actor: Person,
        *,
        kind: str,
        held_on: date | str,
        title: str,
        attendee_ids: Iterable[int],
        topics: Sequence[str] = (),
        decisions: Sequence[str] = (),
        guests: str = "",
        minutes: str = "",
        cycle_id: int | None = None,
    ) -> Meeting:
        actor = auth.require(actor, "meeting.record", self._db)
        check_choice("kind", kind, MEETING_KINDS)
        day = as_date("held_on", held_on, "会议日期", "Meeting date")
        today = site_today(self._desk).isoformat()
        if day > today:
            raise ValidationError(
                "held_on",
                f"会议日期 {day} 晚于今天，会议记录只记已召开的会议",
                en=f"The meeting date {day} is in the future",
            )
        title = clean_text("title", title, "会议主题", "Meeting title", limit=120)
        attendees = checked_attendees(self._desk, attendee_ids)
        topic_list = [t.strip() for t in topics if t and t.strip()]
        decision_list = [d.strip() for d in decisions if d and d.strip()]
        if cycle_id is not None:
            self._desk.cycles.cycle(cycle_id)
        now = self._desk.now_iso()
        with self._db.atomic():
            meeting_id = self._insert(
                "meetings",
                {
                    "kind": kind,
                    "held_on": day,
                    "title": title,
                    "topics": json.dumps(topic_list, ensure_ascii=False),
                    "guests": (guests or "").strip(),
                    "minutes": (minutes or "").strip(),
                    "cycle_id": cycle_id,
                    "recorded_by": actor.id,
                    "created_at": now,
                },
                by=actor,
                at=now,
            )
            for person_id in attendees:
                self._insert(
                    "meeting_attendees",
                    {"meeting_id": meeting_id, "person_id": person_id},
                    by=actor,
                    at=now,
                )
            for text in decision_list:
                self._insert_decision(actor, meeting_id, text)
        return self.meeting(meeting_id)

    def add_decision(self, actor: Person, meeting_id: int, *, text: str) -> Decision:
        actor = auth.require(actor, "meeting.record", self._db)
        self.meeting(meeting_id)
        decision_id = self._insert_decision(actor, meeting_id, text)
        return self.decision(decision_id)

    def _insert_decision(self, actor: Person, meeting_id: int, text: str) -> int:
        text = clean_text("decisions", text, "决议内容", "Decision", limit=1000)
        return append_line(
            self._db,
            "meeting_decisions",
            ("meeting_id", meeting_id),
            text,
            by=actor,
            at=self._desk.now_iso(),
        )

    def decision(self, decision_id: int) -> Decision:
        row = existing_row(self._db, "meeting_decisions", decision_id, ("决议", "decision"))
        return Decision(**row)

    def decision_to_action(
        self,
        actor: Person,
        decision_id: int,
        *,
        kind: str,
        owner_id: int,
        due_on: date | str,
        title: str | None = None,
        problem_id: int | None = None,
        cycle_id: int | None = None,
    ) -> Action:
        """Turn a meeting decision into a tracked action (once)."""
        actor = auth.require(actor, "improvement.manage", self._db)
        decision = self.decision(decision_id)
        if decision.action_id is not None:
            raise Conflict(
                f"该决议已转为整改措施 {decision.action_id}",
                en=f"This decision already became action {decision.action_id}",
            )
        if cycle_id is None:
            cycle_id = self.meeting(decision.meeting_id).cycle_id
            if cycle_id is not None and self._desk.cycles.cycle(cycle_id).locked:
                cycle_id = None
        with self._db.atomic():
            action = self._desk.improvement.add_action(
                actor,
                kind=kind,
                title=title or decision.text,
                owner_id=owner_id,
                due_on=due_on,
                problem_id=problem_id,
                cycle_id=cycle_id,
                decision_id=decision_id,
            )
            self._update(
                "meeting_decisions",
                decision_id,
                {"action_id": action.id},
                by=actor,
                at=self._desk.now_iso(),
                action="to_action",
            )
        return action
