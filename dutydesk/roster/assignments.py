"""Reading and editing assignments: who is on duty, locking started shifts, who served."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from dutydesk.clock import parse_day, parse_iso, to_iso
from dutydesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import Person
from dutydesk.roster.engine import (
    DUTY_ROLES,
    RULE_LABELS,
    Member,
    Row,
    ShiftDef,
    first_broken_rule,
)
from dutydesk.roster.records import Assignment, OnDuty, PlannedServed, _date_range, _role_check
from dutydesk.roster.setup import RosterSetup
from dutydesk.store import audit
from dutydesk.store.rows import from_row


class RosterAssignments(RosterSetup):
    """Assignments: reading, on duty, locking, manual edits, who served."""

    # --- reading assignments ----------------------------------------------------------------

    def _rows(self, where: str, params: list[Any]) -> list[Row]:
        return [
            Row(
                date.fromisoformat(day),
                shift_id,
                role,
                slot,
                person_id,
                source,
                parse_iso(starts_at),
                parse_iso(ends_at),
                team_id,
                bool(locked),
                row_id,
            )
            for (
                day, shift_id, role, slot, person_id, source, starts_at, ends_at, team_id,
                locked, row_id,
            ) in self._db.execute(
                "SELECT day, shift_type_id, duty_role, slot, person_id, source, starts_at,"
                f" ends_at, team_id, locked, id FROM assignments WHERE {where}",
                params,
            )
        ]  # fmt: skip

    def assignments(
        self,
        start: str | date,
        end: str | date,
        *,
        team_id: int | None = None,
        person_id: int | None = None,
    ) -> list[Assignment]:
        first, last = _date_range(start, end)
        sql = (
            "SELECT a.*, t.name AS team, s.code, s.name AS shift_name, s.colour, s.is_night,"
            " p.name AS person_name FROM assignments a JOIN teams t ON t.id = a.team_id"
            " JOIN shift_types s ON s.id = a.shift_type_id JOIN people p ON p.id = a.person_id"
            " WHERE a.day BETWEEN ? AND ?"
        )
        params: list[Any] = [first.isoformat(), last.isoformat()]
        if team_id is not None:
            sql += " AND a.team_id = ?"
            params.append(team_id)
        if person_id is not None:
            sql += " AND a.person_id = ?"
            params.append(person_id)
        sql += " ORDER BY a.starts_at, a.team_id, a.duty_role, a.slot"
        return [self._assignment(r) for r in self._db.query(sql, params)]

    def _assignment(self, r: dict[str, Any]) -> Assignment:
        return from_row(
            Assignment,
            r,
            day=date.fromisoformat(r["day"]),
            shift_code=r["code"],
            role=r["duty_role"],
            starts_at=parse_iso(r["starts_at"]),
            ends_at=parse_iso(r["ends_at"]),
            locked=bool(r["locked"]),
            is_night=bool(r["is_night"]),
        )

    def assignment(self, assignment_id: int) -> Assignment:
        row = self._one_row(
            "SELECT a.*, t.name AS team, s.code, s.name AS shift_name, s.colour, s.is_night,"
            " p.name AS person_name FROM assignments a JOIN teams t ON t.id = a.team_id"
            " JOIN shift_types s ON s.id = a.shift_type_id"
            " JOIN people p ON p.id = a.person_id WHERE a.id = ?",
            [assignment_id],
            f"排班记录不存在：{assignment_id}",
            f"No assignment {assignment_id}",
        )
        return self._assignment(row)

    def shift_crew(self, day: str | date, shift_code: str) -> list[Assignment]:
        """The assignments of one shift (its day and shift type), after swaps and leave:
        leader, officers, standby, each by slot. A gap left by leave has no row."""
        when = day if isinstance(day, date) else parse_day(day)
        order = {role: index for index, role in enumerate(DUTY_ROLES)}
        found = [a for a in self.assignments(when, when) if a.shift_code == shift_code]
        return sorted(found, key=lambda a: (order[a.role], a.slot, a.team_id))

    def planned_and_served(self, start: str | date, end: str | date) -> list[PlannedServed]:
        """Planned against served for every assignment of the days: who was rostered, who
        served (None: not yet recorded), whether that was a stand-in, and how it was
        recorded ('handover': the incoming signature; 'manual': confirmed by hand)."""
        lines = []
        for a in self.assignments(start, end):
            served_name = None
            if a.served_person_id is not None:
                served_name = (
                    a.person_name
                    if a.served_person_id == a.person_id
                    else self._desk.people.get(a.served_person_id).name
                )
            lines.append(
                PlannedServed(
                    assignment=a,
                    planned_person_id=a.person_id,
                    planned_name=a.person_name,
                    served_person_id=a.served_person_id,
                    served_name=served_name,
                    stand_in=a.served_person_id is not None and a.served_person_id != a.person_id,
                    source=a.served_source,
                )
            )
        return lines

    def shift_window(self, day: str | date, shift_code: str) -> tuple[datetime, datetime]:
        """Aware start and end (site time zone) of shift ``shift_code`` on ``day``."""
        when = day if isinstance(day, date) else parse_day(day)
        shift = self.shift_types().get(shift_code)
        if shift is None:
            raise NotFound(f"班次不存在：{shift_code}", en=f"No shift type {shift_code}")
        return shift.window(when, self.timezone())

    def on_duty(self, at: datetime) -> list[OnDuty]:
        """Who is (planned, or recorded as serving) on duty at ``at``: (person, role, shift)."""
        moment = to_iso(at)
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM assignments WHERE starts_at <= ? AND ends_at > ?"
                " ORDER BY starts_at, duty_role, slot",
                [moment, moment],
            ).fetchall()
        ]
        return self._on_duty_list(ids)

    def next_on_duty(self, at: datetime) -> list[OnDuty]:
        """The assignments of the next shift start after ``at``."""
        moment = to_iso(at)
        row = self._db.execute(
            "SELECT min(starts_at) FROM assignments WHERE starts_at > ?", [moment]
        ).fetchone()
        if not row or row[0] is None:
            return []
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM assignments WHERE starts_at = ? ORDER BY duty_role, slot", [row[0]]
            ).fetchall()
        ]
        return self._on_duty_list(ids)

    def _on_duty_list(self, ids: list[int]) -> list[OnDuty]:
        shifts = self.shift_types_by_id()
        found = []
        for assignment_id in ids:
            a = self.assignment(assignment_id)
            pid = a.served_person_id or a.person_id
            shift = next(s for s in shifts.values() if s.code == a.shift_code)
            found.append(OnDuty(self._desk.people.get(pid), a.role, shift, a))
        return found

    # --- locking, editing, served -------------------------------------------------------------

    def lock_started(self, actor: audit.Actor | None = None) -> int:
        """Lock every assignment whose shift has started (audited); returns how many."""
        now = self._desk.now_iso()
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM assignments WHERE locked = 0 AND starts_at <= ?", [now]
            ).fetchall()
        ]
        with self._db.atomic():
            for row_id in ids:
                audit.update(
                    self._db,
                    "assignments",
                    row_id,
                    {"locked": 1},
                    actor=actor or audit.Actor.system("roster"),
                    at=now,
                    action="roster.lock_started",
                )
        return len(ids)

    def _insert_row(self, row: Row, actor: audit.Actor, now: str, action: str) -> int:
        return audit.insert(
            self._db,
            "assignments",
            {
                "team_id": row.team_id,
                "day": row.day.isoformat(),
                "shift_type_id": row.shift_id,
                "duty_role": row.role,
                "slot": row.slot,
                "person_id": row.person_id,
                "source": row.source,
                "starts_at": to_iso(row.start),
                "ends_at": to_iso(row.end),
            },
            actor=actor,
            at=now,
            action=action,
        )

    def check_person_takes(
        self,
        *,
        team_id: int,
        person_id: int,
        day: date,
        shift: ShiftDef,
        role: str,
        ignore_ids: frozenset[int] = frozenset(),
        extra_rows: tuple[Row, ...] = (),
    ) -> tuple[str, str, str] | None:
        """The first hard rule broken if ``person_id`` took this shift, or None."""
        tz = self.timezone()
        team = self.team(team_id)
        member = next((m for m in self.members(team_id) if m.person_id == person_id), None)
        if member is None:
            quals = tuple(self.qualifications(person_id).get(person_id, []))
            member = Member(person_id, "", 0, True, quals)
        lo = date(day.year, day.month, 1) - timedelta(days=8)
        hi = day + timedelta(days=40)
        rows = [
            row
            for row in self._rows(
                "person_id = ? AND day BETWEEN ? AND ?",
                [person_id, lo.isoformat(), hi.isoformat()],
            )
            if row.id not in ignore_ids
        ]
        rows += [row for row in extra_rows if row.person_id == person_id]
        return first_broken_rule(
            rows,
            shifts_by_id=self.shift_types_by_id(),
            member=member,
            leave=self.leave.leave_days(person_id, day, day),
            rules=team.rules,
            shift=shift,
            role=role,
            day=day,
            tz=tz,
        )

    def set_assignment(
        self,
        actor: Person,
        *,
        team_id: int,
        day: str | date,
        shift_code: str,
        duty_role: str,
        person_id: int,
        slot: int = 0,
    ) -> Assignment:
        """A manual edit of one cell; hard rules are checked and a broken rule refuses it."""
        actor = auth.require(actor, "roster.edit", self._db)
        when = day if isinstance(day, date) else parse_day(day)
        _role_check(duty_role)
        self._person(person_id)
        shift = self.shift_types().get(shift_code)
        if shift is None:
            raise ValidationError("shift", f"班次不存在：{shift_code}", en=f"No shift {shift_code}")
        self.team(team_id)
        self.lock_started(actor.actor)
        existing = self._rows(
            "team_id = ? AND day = ? AND shift_type_id = ? AND duty_role = ? AND slot = ?",
            [team_id, when.isoformat(), shift.id, duty_role, slot],
        )
        if existing and existing[0].locked:
            raise Conflict("该班次已开始，不能修改", en="This shift has started and is locked")
        self._check_training_qualification(person_id, duty_role, shift_code, when)
        ignore = frozenset(r.id for r in existing if r.id is not None)
        broken = self.check_person_takes(
            team_id=team_id,
            person_id=person_id,
            day=when,
            shift=shift,
            role=duty_role,
            ignore_ids=ignore,
        )
        if broken is not None:
            raise Conflict(
                f"违反规则（{RULE_LABELS[broken[0]][0]}）：{broken[1]}",
                en=f"Breaks a rule ({RULE_LABELS[broken[0]][1]}): {broken[2]}",
            )
        now = self._desk.now_iso()
        start, end = shift.window(when, self.timezone())
        with self._db.atomic():
            if existing:
                row_id = existing[0].id
                assert row_id is not None
                self._update(
                    "assignments",
                    row_id,
                    {"person_id": person_id, "source": "manual"},
                    by=actor,
                    at=now,
                    action="roster.edit",
                )
            else:
                row_id = self._insert_row(
                    Row(when, shift.id, duty_role, slot, person_id, "manual", start, end, team_id),
                    actor.actor,
                    now,
                    "roster.edit",
                )
        return self.assignment(row_id)

    def clear_assignment(self, actor: Person, assignment_id: int) -> None:
        actor = auth.require(actor, "roster.edit", self._db)
        self.lock_started(actor.actor)
        current = self.assignment(assignment_id)
        if current.locked:
            raise Conflict("该班次已开始，不能删除", en="This shift has started and is locked")
        now = self._desk.now_iso()
        self._delete("assignments", assignment_id, by=actor, at=now, action="roster.clear")

    def record_served(
        self,
        actor: Person,
        *,
        assignment_id: int,
        person_id: int,
        source: str = "manual",
    ) -> Assignment:
        """Record who really served an assignment.

        ``source`` 'manual' (confirmed by hand) or 'handover' (the handover sign-in). An
        officer may record only an assignment planned for or served by themself.
        """
        actor = auth.require(actor, "roster.served", self._db)
        if source not in ("manual", "handover"):
            raise ValidationError("source", f"未知来源：{source}", en=f"Unknown source {source}")
        current = self.assignment(assignment_id)
        self._person(person_id)
        if not (
            auth.permitted(actor, "roster.edit", self._db)
            or actor.id in (current.person_id, person_id)
        ):
            raise PermissionDenied(
                "值班员只能确认本人的班次", en="An officer may confirm only their own shifts"
            )
        now = self._desk.now_iso()
        self._update(
            "assignments",
            assignment_id,
            {"served_person_id": person_id, "served_source": source, "served_at": now},
            by=actor,
            at=now,
            action="roster.served",
        )
        return self.assignment(assignment_id)

    def record_served_by_handover(
        self, actor: Person, *, assignment_id: int, person_id: int
    ) -> Assignment:
        """The incoming handover signature records who took over this assignment.

        Called by the handover sign-off (``connections``) for each person of the incoming
        crew, stand-ins included; the signer need not be the planned person.
        """
        actor = auth.require(actor, "roster.served", self._db)
        self.assignment(assignment_id)
        self._person(person_id)
        now = self._desk.now_iso()
        self._update(
            "assignments",
            assignment_id,
            {"served_person_id": person_id, "served_source": "handover", "served_at": now},
            by=actor,
            at=now,
            action="roster.served",
        )
        return self.assignment(assignment_id)
