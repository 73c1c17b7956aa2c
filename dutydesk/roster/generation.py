"""Generating a roster (preview, quality, commit) and the hours each person works."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from dutydesk.errors import Conflict, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import Person
from dutydesk.roster.assignments import RosterAssignments
from dutydesk.roster.engine import (
    GenerationInput,
    Member,
    QualityReport,
    Row,
    Unfilled,
    balance_figure,
    find_violations,
    generate,
    person_stats,
    required_slots,
    unfilled_from_keys,
    unfilled_from_rows,
)
from dutydesk.roster.holidays import missing_year_message
from dutydesk.roster.records import GenerationPreview, Team, _date_range
from dutydesk.store import audit


class RosterGeneration(RosterAssignments):
    """Generation from the pattern and rules, its quality report, and hours per person."""

    # --- generation --------------------------------------------------------------------------

    def _generation_input(
        self, team: Team, first: date, last: date, *, replace: bool = True
    ) -> GenerationInput:
        pattern_id = _require_pattern(team)
        tz = self.timezone()
        members = tuple(self.members(team.id))
        member_ids = [m.person_id for m in members]
        lo = date(first.year, first.month, 1) - timedelta(days=8)
        hi = date(last.year, last.month, 28) + timedelta(days=12)
        marks = ",".join("?" for _ in member_ids) or "NULL"
        context = self._rows(
            f"(team_id = ? OR person_id IN ({marks})) AND day BETWEEN ? AND ?",
            [team.id, *member_ids, lo.isoformat(), hi.isoformat()],
        )
        now = self._desk.clock()
        fixed = tuple(
            r
            for r in context
            if not (
                replace
                and r.team_id == team.id
                and first <= r.day <= last
                and r.source == "generated"
                and not r.locked
                and r.start > now
            )
        )
        leave = {pid: frozenset(self.leave.leave_days(pid, lo, hi)) for pid in member_ids}
        return GenerationInput(
            team_id=team.id,
            start=first,
            end=last,
            tz=tz,
            pattern=self.pattern(pattern_id),
            shifts=self.shift_types(),
            members=members,
            rules=team.rules,
            calendar=self.calendar.load(first, last),
            leave=leave,
            fixed=fixed,
        )

    def preview(
        self, *, team: int | str, start: str | date, end: str | date, replace: bool = False
    ) -> GenerationPreview:
        """What generation would do (a pure read), with the quality report of the result.

        By default rows already planned stay and only the gaps are filled, so that a
        published roster does not reshuffle; ``replace=True`` re-plans every generated row
        of the range that has not started (manual, swap and started rows always stay).
        """
        first, last = _date_range(start, end)
        team_ = self.team(team)
        data = self._generation_input(team_, first, last, replace=replace)
        missing = data.calendar.missing_years()
        old = {
            r.key: r
            for r in self._rows(
                "team_id = ? AND day BETWEEN ? AND ? AND source = 'generated'",
                [team_.id, first.isoformat(), last.isoformat()],
            )
        }
        fixed_ids = {r.id for r in data.fixed}
        replaceable = {k: r for k, r in old.items() if r.id not in fixed_ids}
        if missing:
            # A year without official data: generate nothing, the report says why.
            result_rows: tuple[Row, ...] = ()
            unfilled: tuple[Unfilled, ...] = ()
        else:
            result = generate(data)
            result_rows, unfilled = result.rows, result.unfilled
        new_rows = []
        unchanged: set[int] = set()
        for row in result_rows:
            before = replaceable.get(row.key)
            if before is not None and before.person_id == row.person_id:
                assert before.id is not None
                unchanged.add(before.id)
            else:
                new_rows.append(row)
        if missing:  # nothing generated: the stored rows all stay
            unchanged = {r.id for r in replaceable.values() if r.id is not None}
        removed = tuple(
            sorted(r.id for r in replaceable.values() if r.id is not None and r.id not in unchanged)
        )
        planned = [r for r in data.fixed if r.team_id == team_.id and first <= r.day <= last]
        planned += [r for r in replaceable.values() if r.id in unchanged]
        planned += new_rows
        quality = self._quality(
            team_, data, planned, first, last, unfilled=unfilled, missing=tuple(missing)
        )
        digest = hashlib.sha256(
            json.dumps(
                [[r.day.isoformat(), r.shift_id, r.role, r.slot, r.person_id] for r in new_rows]
                + [list(removed)]
            ).encode()
        ).hexdigest()
        return GenerationPreview(
            team_.id,
            first,
            last,
            tuple(new_rows),
            removed,
            len(planned) - len(new_rows),
            quality,
            digest,
            replace,
        )

    def _quality(
        self,
        team: Team,
        data: GenerationInput,
        planned: list[Row],
        first: date,
        last: date,
        *,
        unfilled: tuple[Any, ...] | None = None,
        missing: tuple[int, ...] = (),
    ) -> QualityReport:
        by_id = {s.id: s for s in self.shift_types_by_id().values()}
        member_map = {m.person_id: m for m in data.members}
        context = [r for r in data.fixed if not (r.team_id == team.id and first <= r.day <= last)]
        all_rows = context + planned
        violations = find_violations(
            all_rows,
            shifts_by_id=by_id,
            members={
                **{
                    r.person_id: self._any_member(r.person_id)
                    for r in all_rows
                    if r.person_id not in member_map
                },
                **member_map,
            },
            rules=team.rules,
            leave=data.leave,
            tz=data.tz,
            only_in=(first, last),
        )
        if unfilled is None:
            slots = required_slots(data.pattern, data.shifts, data.calendar, first, last)
            unfilled = tuple(unfilled_from_rows(slots, planned, team.id))
        stats = person_stats(
            planned,
            shifts_by_id=by_id,
            people={m.person_id: (m.name, m.full_time) for m in data.members},
            calendar=data.calendar,
            tz=data.tz,
            start=first,
            end=last,
        )
        return QualityReport(
            start=first,
            end=last,
            required_slots=len(planned) + len(unfilled),
            filled_slots=len(planned),
            unfilled=tuple(unfilled),
            violations=tuple(violations),
            people=tuple(stats),
            balance=balance_figure(stats),
            missing_years=missing,
        )

    def _any_member(self, person_id: int) -> Member:
        quals = tuple(
            (role, date.fromisoformat(u) if u else None)
            for role, u in self._db.execute(
                "SELECT duty_role, valid_until FROM team_member_roles WHERE person_id = ?",
                [person_id],
            ).fetchall()
        )
        return Member(person_id, "", 0, True, quals)

    def quality(self, *, team: int | str, start: str | date, end: str | date) -> QualityReport:
        """Quality of the stored roster of a team for any period."""
        first, last = _date_range(start, end)
        team_ = self.team(team)
        data = self._generation_input(team_, first, last)
        planned = self._rows(
            "team_id = ? AND day BETWEEN ? AND ?", [team_.id, first.isoformat(), last.isoformat()]
        )
        data = GenerationInput(
            **{
                **data.__dict__,
                "fixed": tuple(
                    r for r in data.fixed if r.team_id != team_.id or not first <= r.day <= last
                ),
            }
        )
        return self._quality(
            team_, data, planned, first, last, missing=tuple(data.calendar.missing_years())
        )

    def unfilled(
        self, *, team: int | str, start: str | date, end: str | date
    ) -> tuple[Unfilled, ...]:
        """The required slots of a team's stored roster that nobody is assigned to: the
        ``unfilled`` of ``quality`` for the same range, without its rule checks and hours."""
        first, last = _date_range(start, end)
        team_ = self.team(team)
        pattern_id = _require_pattern(team_)
        present = {
            (team_.id, date.fromisoformat(day), shift_id, role, slot)
            for day, shift_id, role, slot in self._db.execute(
                "SELECT day, shift_type_id, duty_role, slot FROM assignments"
                " WHERE team_id = ? AND day BETWEEN ? AND ?",
                [team_.id, first.isoformat(), last.isoformat()],
            )
        }
        slots = required_slots(
            self.pattern(pattern_id), self.shift_types(), self.calendar.load(first, last),
            first, last,
        )  # fmt: skip
        return tuple(unfilled_from_keys(slots, present, team_.id))

    def commit(self, actor: Person, preview: GenerationPreview) -> GenerationPreview:
        """Write a preview in one transaction, if the roster has not changed since."""
        actor = auth.require(actor, "roster.edit", self._db)
        if preview.quality.missing_years:
            zh, en = missing_year_message(preview.quality.missing_years[0])
            raise Conflict(zh + "；未生成排班", en=en + "; nothing was generated")
        self.lock_started(actor.actor)
        fresh = self.preview(
            team=preview.team_id, start=preview.start, end=preview.end, replace=preview.replace
        )
        if fresh.fingerprint != preview.fingerprint:
            raise Conflict(
                "预览之后排班数据已变化，请重新预览", en="The roster changed since the preview"
            )
        now = self._desk.now_iso()
        by = actor.actor
        with self._db.atomic():
            self.calendar.seed_official(by, range(preview.start.year, preview.end.year + 1))
            for row_id in preview.removed_ids:
                audit.delete(
                    self._db, "assignments", row_id, actor=by, at=now, action="roster.regenerate"
                )
            for row in preview.new_rows:
                self._insert_row(row, by, now, "roster.generate")
            audit.record(
                self._db,
                actor=by,
                at=now,
                action="roster.generate",
                # not a table name: verify() compares table rows with their last image
                entity="roster_generation",
                entity_id=preview.team_id,
                after={
                    "start": preview.start.isoformat(),
                    "end": preview.end.isoformat(),
                    "inserted": len(preview.new_rows),
                    "removed": len(preview.removed_ids),
                    "unfilled": len(preview.quality.unfilled),
                    "balance": preview.quality.balance,
                },
            )
        return preview

    def generate(
        self,
        actor: Person,
        *,
        team: int | str,
        start: str | date,
        end: str | date,
        replace: bool = False,
    ) -> GenerationPreview:
        actor = auth.require(actor, "roster.edit", self._db)
        return self.commit(actor, self.preview(team=team, start=start, end=end, replace=replace))

    # --- hours -----------------------------------------------------------------------------

    def hours(
        self,
        *,
        start: str | date,
        end: str | date,
        team: int | str | None = None,
        until: datetime | None = None,
    ) -> list[Any]:
        """Per-person hours in [start, end] by calendar day; the served person counts if known.

        With ``until`` only time worked before it counts: later shifts are left out and a
        shift in progress counts up to ``until``.
        """
        first, last = _date_range(start, end)
        where = "day BETWEEN ? AND ?"
        params: list[Any] = [
            (first - timedelta(days=1)).isoformat(),
            last.isoformat(),
        ]
        people: dict[int, tuple[str, bool]] = {}
        if team is not None:
            team_ = self.team(team)
            where += " AND team_id = ?"
            params.append(team_.id)
            people = {m.person_id: (m.name, m.full_time) for m in self.members(team_.id)}
        rows = self._rows(where, params)
        served = {
            r[0]: r[1]
            for r in self._db.execute(
                "SELECT id, served_person_id FROM assignments WHERE served_person_id IS NOT NULL"
                " AND day BETWEEN ? AND ?",
                params[:2],
            ).fetchall()
        }
        counted = []
        for r in rows:
            person_id, end_at = served.get(r.id, r.person_id), r.end
            if until is not None:
                if not r.start < until:
                    continue
                end_at = min(r.end, until)
            if person_id != r.person_id or end_at != r.end:
                r = replace(r, person_id=person_id, end=end_at)
            counted.append(r)
        missing = sorted({r.person_id for r in counted} - set(people))
        names: dict[int, str] = {}
        for chunk in (missing[i : i + 500] for i in range(0, len(missing), 500)):
            marks = ",".join("?" * len(chunk))
            names.update(
                self._db.execute(f"SELECT id, name FROM people WHERE id IN ({marks})", chunk)
            )
        for pid in missing:
            name = names[pid] if pid in names else self._desk.people.get(pid).name  # NotFound
            people[pid] = (name, True)
        return person_stats(
            counted,
            shifts_by_id=self.shift_types_by_id(),
            people=people,
            calendar=self.calendar.load(first, last),
            tz=self.timezone(),
            start=first,
            end=last,
        )


def _require_pattern(team: Team) -> int:
    if team.pattern_id is None:
        raise ValidationError(
            "pattern", f"班组 {team.name} 未设置轮班模式", en=f"{team.name} has no pattern"
        )
    return team.pattern_id
