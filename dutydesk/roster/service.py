"""Roster (排班): shift types, patterns, teams, generation, assignments, who served, on duty.

Other features use three entry points here:
``desk.roster.on_duty(at)``, ``desk.roster.shift_window(day, code)`` and
``desk.roster.record_served(actor, assignment_id=..., person_id=..., source="handover")``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutydesk import limits
from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person
from dutydesk.roster.engine import (
    DUTY_ROLE_LABELS,
    DUTY_ROLES,
    RULE_LABELS,
    GenerationInput,
    Member,
    Pattern,
    QualityReport,
    Row,
    Rules,
    ShiftDef,
    Unfilled,
    _check,
    _PersonState,
    balance_figure,
    find_violations,
    generate,
    person_stats,
    required_slots,
    unfilled_from_rows,
)
from dutydesk.roster.holidays import CalendarService, missing_year_message, parse_day
from dutydesk.roster.qualifications import qualification_status
from dutydesk.store import audit

if TYPE_CHECKING:
    from dutydesk.desk import Desk

for _table in (
    "shift_types",
    "rotation_patterns",
    "teams",
    "team_members",
    "team_member_roles",
    "assignments",
    "leave_requests",
    "swap_requests",
):
    audit.register_table(audit.AuditedTable(_table))

auth.register_permissions(
    {
        "roster.setup": frozenset({LEADER, ADMIN}),
        "roster.edit": frozenset({LEADER, ADMIN}),
        "roster.served": frozenset({OFFICER, LEADER, ADMIN}),
        "leave.request": frozenset({OFFICER, LEADER, ADMIN}),
        "leave.approve": frozenset({LEADER, ADMIN}),
        "swap.request": frozenset({OFFICER, LEADER, ADMIN}),
        "swap.approve": frozenset({LEADER, ADMIN}),
    }
)

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_RANGE_DAYS = 400


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    pattern_id: int | None
    rules: Rules


@dataclass(frozen=True)
class Assignment:
    id: int
    team_id: int
    team: str
    day: date
    shift_code: str
    shift_name: str
    role: str
    slot: int
    person_id: int
    person_name: str
    source: str
    starts_at: datetime
    ends_at: datetime
    locked: bool
    served_person_id: int | None
    served_source: str | None
    colour: str
    is_night: bool

    @property
    def role_label(self) -> str:
        return DUTY_ROLE_LABELS[self.role][0]


@dataclass(frozen=True)
class OnDuty:
    person: Person
    role: str
    shift: ShiftDef
    assignment: Assignment


@dataclass(frozen=True)
class GenerationPreview:
    team_id: int
    start: date
    end: date
    new_rows: tuple[Row, ...]  # generated rows to insert (unchanged ones are not repeated)
    removed_ids: tuple[int, ...]  # old generated rows that the new plan replaces
    kept: int  # rows left as they are (manual, swap, started, unchanged generated)
    quality: QualityReport
    fingerprint: str
    replace: bool = False  # True: unstarted generated rows in the range may be re-planned


def _role_check(role: str) -> str:
    if role not in DUTY_ROLES:
        raise ValidationError("duty_role", f"未知值班岗位：{role}", en=f"Unknown duty role: {role}")
    return role


def _clock_time(value: str, field_name: str) -> str:
    value = (value or "").strip()
    if not _HHMM.match(value):
        raise ValidationError(
            field_name, f"时间格式应为 HH:MM：{value}", en=f"Times are written HH:MM: {value}"
        )
    return value


def _date_range(start: str | date, end: str | date) -> tuple[date, date]:
    first = (
        limits.check_day(start, "start") if isinstance(start, date) else parse_day(start, "start")
    )
    last = limits.check_day(end, "end") if isinstance(end, date) else parse_day(end, "end")
    if last < first:
        raise ValidationError(
            "end",
            f"结束日期 {last} 早于开始日期 {first}",
            en=f"The end date {last} is before the start date {first}",
        )
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValidationError(
            "end", f"一次最多 {MAX_RANGE_DAYS} 天", en=f"At most {MAX_RANGE_DAYS} days at once"
        )
    return first, last


def shift_from_row(row: dict[str, Any]) -> ShiftDef:
    return ShiftDef(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        start=time.fromisoformat(row["start_time"]),
        end=time.fromisoformat(row["end_time"]),
        need_leader=row["need_leader"],
        need_officer=row["need_officer"],
        need_standby=row["need_standby"],
        is_night=bool(row["is_night"]),
        on_rest_days=bool(row["on_rest_days"]),
        colour=row["colour"],
    )


class RosterService:
    """Everything about who is on duty when. ``calendar``, ``leave`` and ``swaps`` hang here."""

    def __init__(self, desk: Desk) -> None:
        from dutydesk.roster.changes import LeaveService, SwapService

        self._desk = desk
        self.calendar = CalendarService(desk)
        self.leave = LeaveService(desk, self)
        self.swaps = SwapService(desk, self)

    @property
    def _db(self) -> Any:
        return self._desk.db

    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self._desk.settings.get("site_timezone"))

    # --- shift types, patterns, teams, members, qualifications ----------------------------

    def add_shift_type(
        self,
        actor: Person,
        *,
        code: str,
        name: str,
        start: str,
        end: str,
        need_leader: int = 0,
        need_officer: int = 1,
        need_standby: int = 0,
        is_night: bool = False,
        on_rest_days: bool = True,
        colour: str = "#9ecae1",
    ) -> ShiftDef:
        actor = auth.require(actor, "roster.setup", self._db)
        code = (code or "").strip()
        if not code or len(code) > 8:
            raise ValidationError("code", "班次代码为 1–8 个字符", en="Shift code: 1-8 characters")
        if not (name or "").strip():
            raise ValidationError("name", "请填写班次名称", en="A shift name is required")
        start_text, end_text = _clock_time(start, "start"), _clock_time(end, "end")
        needs = {"need_leader": need_leader, "need_officer": need_officer}
        needs["need_standby"] = need_standby
        for key, value in needs.items():
            if not isinstance(value, int) or not 0 <= value <= 20:
                raise ValidationError(key, "人数应为 0–20", en="Headcount must be 0-20")
        if sum(needs.values()) == 0:
            raise ValidationError("need_officer", "至少需要 1 人", en="At least one person")
        if not _COLOUR.match(colour or ""):
            raise ValidationError("colour", "颜色格式应为 #RRGGBB", en="Colour is #RRGGBB")
        if self._db.execute("SELECT 1 FROM shift_types WHERE code = ?", [code]).fetchone():
            raise ValidationError("code", f"班次代码 {code} 已存在", en=f"Code {code} exists")
        now = self._desk.now_iso()
        new_id = audit.insert(
            self._db,
            "shift_types",
            {
                "code": code,
                "name": name.strip(),
                "start_time": start_text,
                "end_time": end_text,
                **needs,
                "is_night": int(is_night),
                "on_rest_days": int(on_rest_days),
                "colour": colour,
            },
            actor=actor.actor,
            at=now,
        )
        return self.shift_types_by_id()[new_id]

    def shift_types(self) -> dict[str, ShiftDef]:
        rows = self._db.query("SELECT * FROM shift_types WHERE active = 1 ORDER BY start_time")
        return {r["code"]: shift_from_row(r) for r in rows}

    def shift_types_by_id(self) -> dict[int, ShiftDef]:
        return {r["id"]: shift_from_row(r) for r in self._db.query("SELECT * FROM shift_types")}

    def add_pattern(
        self,
        actor: Person,
        *,
        name: str,
        cycle: list[list[str]] | str,
        anchor_day: str | date,
        workdays_only: bool = False,
    ) -> int:
        """``cycle``: a list of days, each a list of shift codes; or text "早,中,夜|休"."""
        actor = auth.require(actor, "roster.setup", self._db)
        if isinstance(cycle, str):
            days = [
                [c.strip() for c in part.split(",") if c.strip() and c.strip() not in "-休"]
                for part in cycle.split("|")
            ]
        else:
            days = [list(day) for day in cycle]
        if not days:
            raise ValidationError("cycle", "循环至少一天", en="The cycle needs at least one day")
        known = self.shift_types()
        for index, codes in enumerate(days, start=1):
            for code in codes:
                if code not in known:
                    raise ValidationError(
                        "cycle",
                        f"第 {index} 天的班次代码 {code} 不存在",
                        en=f"Day {index}: unknown shift code {code}",
                    )
        anchor = anchor_day if isinstance(anchor_day, date) else parse_day(anchor_day, "anchor")
        if not (name or "").strip():
            raise ValidationError("name", "请填写名称", en="A name is required")
        if self._db.execute(
            "SELECT 1 FROM rotation_patterns WHERE name = ?", [name.strip()]
        ).fetchone():
            raise ValidationError("name", f"轮班模式 {name} 已存在", en=f"{name} exists")
        return audit.insert(
            self._db,
            "rotation_patterns",
            {
                "name": name.strip(),
                "cycle": json.dumps(days, ensure_ascii=False),
                "anchor_day": anchor.isoformat(),
                "workdays_only": int(workdays_only),
            },
            actor=actor.actor,
            at=self._desk.now_iso(),
        )

    def pattern(self, pattern_id: int) -> Pattern:
        row = audit.fetch_row(self._db, "rotation_patterns", pattern_id)
        if row is None:
            raise NotFound(f"轮班模式不存在：{pattern_id}", en=f"No pattern {pattern_id}")
        return Pattern(
            tuple(tuple(day) for day in json.loads(row["cycle"])),
            date.fromisoformat(row["anchor_day"]),
            bool(row["workdays_only"]),
        )

    def patterns(self) -> list[dict[str, Any]]:
        return list(self._db.query("SELECT * FROM rotation_patterns ORDER BY id"))

    def add_team(
        self,
        actor: Person,
        *,
        name: str,
        pattern_id: int | None = None,
        rules: Rules | None = None,
    ) -> Team:
        actor = auth.require(actor, "roster.setup", self._db)
        name = (name or "").strip()
        if not name:
            raise ValidationError("name", "请填写班组名称", en="A team name is required")
        if self._db.execute("SELECT 1 FROM teams WHERE name = ?", [name]).fetchone():
            raise ValidationError("name", f"班组 {name} 已存在", en=f"Team {name} exists")
        if pattern_id is not None:
            self.pattern(pattern_id)
        values: dict[str, Any] = {"name": name, "pattern_id": pattern_id}
        values.update(self._rules_values(rules or Rules()))
        team_id = audit.insert(
            self._db, "teams", values, actor=actor.actor, at=self._desk.now_iso()
        )
        return self.team(team_id)

    def _rules_values(self, rules: Rules) -> dict[str, Any]:
        checks = (
            ("min_rest_hours", rules.min_rest_hours, 0, 72),
            ("max_consecutive_nights", rules.max_consecutive_nights, 1, 14),
            ("max_hours_week", rules.max_hours_week, 1, 168),
            ("max_hours_month", rules.max_hours_month, 1, 744),
        )
        for key, value, low, high in checks:
            if not low <= value <= high:
                raise ValidationError(
                    key, f"{key} 应在 {low}–{high} 之间", en=f"{key} must be {low}-{high}"
                )
        return {key: value for key, value, _l, _h in checks}

    def set_rules(self, actor: Person, team_id: int, rules: Rules) -> Team:
        actor = auth.require(actor, "roster.setup", self._db)
        self.team(team_id)
        audit.update(
            self._db,
            "teams",
            team_id,
            self._rules_values(rules),
            actor=actor.actor,
            at=self._desk.now_iso(),
        )
        return self.team(team_id)

    def team(self, team: int | str) -> Team:
        if isinstance(team, str) and not team.isdigit():
            row = self._db.execute("SELECT id FROM teams WHERE name = ?", [team]).fetchone()
            if row is None:
                raise NotFound(f"班组不存在：{team}", en=f"No team named {team}")
            team = row[0]
        found = audit.fetch_row(self._db, "teams", int(team))
        if found is None:
            raise NotFound(f"班组不存在：{team}", en=f"No team {team}")
        return Team(
            found["id"],
            found["name"],
            found["pattern_id"],
            Rules(
                found["min_rest_hours"],
                found["max_consecutive_nights"],
                found["max_hours_week"],
                found["max_hours_month"],
            ),
        )

    def teams(self) -> list[Team]:
        return [self.team(r[0]) for r in self._db.execute("SELECT id FROM teams ORDER BY id")]

    def set_members(
        self,
        actor: Person,
        team_id: int,
        person_ids: list[int],
        *,
        part_time: frozenset[int] = frozenset(),
    ) -> list[Member]:
        """Replace the team's members, in rotation order."""
        actor = auth.require(actor, "roster.setup", self._db)
        self.team(team_id)
        if len(set(person_ids)) != len(person_ids):
            raise ValidationError("members", "成员重复", en="A person is listed twice")
        for pid in person_ids:
            self._person(pid)
        now = self._desk.now_iso()
        with self._db.atomic():
            current = {
                r["person_id"]: r
                for r in self._db.query("SELECT * FROM team_members WHERE team_id = ?", [team_id])
            }
            for pid, row in current.items():
                if pid not in person_ids:
                    audit.delete(self._db, "team_members", row["id"], actor=actor.actor, at=now)
            for position, pid in enumerate(person_ids):
                values = {"position": position, "full_time": int(pid not in part_time)}
                if pid in current:
                    old = current[pid]
                    if (old["position"], old["full_time"]) != tuple(values.values()):
                        audit.update(
                            self._db, "team_members", old["id"], values, actor=actor.actor, at=now
                        )
                else:
                    audit.insert(
                        self._db,
                        "team_members",
                        {"team_id": team_id, "person_id": pid, **values},
                        actor=actor.actor,
                        at=now,
                    )
        return self.members(team_id)

    def qualifications(
        self, person_id: int | None = None
    ) -> dict[int, list[tuple[str, date | None]]]:
        """Each person's duty roles and the last day they hold them.

        The roster's own qualification (``team_member_roles``) is needed; where the training
        qualification matrix also lists the person for that role, its expiry limits it too
        (the matrix's per-shift detail is checked on manual assignment, not here).
        """
        where, params = ("", []) if person_id is None else (" WHERE person_id = ?", [person_id])
        matrix: dict[tuple[int, str], date | None] = {}
        for pid, role, expires in self._db.execute(
            f"SELECT person_id, duty_role, expires_on FROM qualifications{where}", params
        ).fetchall():
            key = (pid, role)
            until = date.fromisoformat(expires) if expires else None
            if key not in matrix:
                matrix[key] = until
            elif matrix[key] is not None:
                matrix[key] = None if until is None else max(until, matrix[key])  # type: ignore[type-var]
        quals: dict[int, list[tuple[str, date | None]]] = {}
        for pid, role, valid_until in self._db.execute(
            f"SELECT person_id, duty_role, valid_until FROM team_member_roles{where}", params
        ).fetchall():
            until = date.fromisoformat(valid_until) if valid_until else None
            if (pid, role) in matrix:
                limit = matrix[(pid, role)]
                until = limit if until is None else (until if limit is None else min(until, limit))
            quals.setdefault(pid, []).append((role, until))
        return quals

    def members(self, team_id: int) -> list[Member]:
        quals = self.qualifications()
        rows = self._db.query(
            "SELECT m.person_id, m.position, m.full_time, p.name FROM team_members m"
            " JOIN people p ON p.id = m.person_id WHERE m.team_id = ? AND p.active = 1"
            " ORDER BY m.position",
            [team_id],
        )
        return [
            Member(
                r["person_id"],
                r["name"],
                r["position"],
                bool(r["full_time"]),
                tuple(sorted(quals.get(r["person_id"], []), key=lambda q: q[0])),
            )
            for r in rows
        ]

    def set_qualification(
        self,
        actor: Person,
        *,
        person_id: int,
        duty_role: str,
        valid_until: str | date | None = None,
    ) -> None:
        """Qualify a person for a duty role (值班长/值班员/备班), optionally until a day."""
        actor = auth.require(actor, "roster.setup", self._db)
        self._person(person_id)
        _role_check(duty_role)
        until = None
        if valid_until:
            until = (
                valid_until
                if isinstance(valid_until, date)
                else parse_day(valid_until, "valid_until")
            ).isoformat()
        now = self._desk.now_iso()
        row = self._db.execute(
            "SELECT id FROM team_member_roles WHERE person_id = ? AND duty_role = ?",
            [person_id, duty_role],
        ).fetchone()
        if row:
            audit.update(
                self._db,
                "team_member_roles",
                row[0],
                {"valid_until": until},
                actor=actor.actor,
                at=now,
            )
        else:
            audit.insert(
                self._db,
                "team_member_roles",
                {"person_id": person_id, "duty_role": duty_role, "valid_until": until},
                actor=actor.actor,
                at=now,
            )

    def remove_qualification(self, actor: Person, *, person_id: int, duty_role: str) -> None:
        actor = auth.require(actor, "roster.setup", self._db)
        row = self._db.execute(
            "SELECT id FROM team_member_roles WHERE person_id = ? AND duty_role = ?",
            [person_id, duty_role],
        ).fetchone()
        if row is None:
            raise NotFound("该资质不存在", en="No such qualification")
        audit.delete(
            self._db, "team_member_roles", row[0], actor=actor.actor, at=self._desk.now_iso()
        )

    def _check_training_qualification(
        self, person_id: int, duty_role: str, shift_code: str, day: date
    ) -> None:
        """Refuse, with the training matrix's own reason, a person it lists but not as valid."""
        listed = self._db.execute(
            "SELECT 1 FROM qualifications WHERE person_id = ? AND duty_role = ?",
            [person_id, duty_role],
        ).fetchone()
        if not listed:
            return
        ok, reason_zh, reason_en = qualification_status(
            self._desk, person_id, duty_role, shift_code, day
        )
        if not ok:
            raise Conflict(
                f"违反规则（{RULE_LABELS['qualification'][0]}）：{reason_zh}",
                en=f"Breaks a rule ({RULE_LABELS['qualification'][1]}): {reason_en}",
            )

    def is_qualified(self, person_id: int, duty_role: str, day: date) -> bool:
        """Whether the person may take ``duty_role`` on ``day`` (a training feature adds expiry)."""
        return any(
            role == duty_role and (until is None or until >= day)
            for role, until in self.qualifications(person_id).get(person_id, [])
        )

    def _person(self, person_id: int) -> Person:
        try:
            return self._desk.people.get(int(person_id))
        except (NotFound, ValueError, TypeError):
            raise ValidationError(
                "person", f"人员不存在：{person_id}", en=f"Unknown person: {person_id}"
            ) from None

    # --- reading assignments ----------------------------------------------------------------

    def _rows(self, where: str, params: list[Any]) -> list[Row]:
        return [
            Row(
                day=date.fromisoformat(r["day"]),
                shift_id=r["shift_type_id"],
                role=r["duty_role"],
                slot=r["slot"],
                person_id=r["person_id"],
                source=r["source"],
                start=parse_iso(r["starts_at"]),
                end=parse_iso(r["ends_at"]),
                team_id=r["team_id"],
                locked=bool(r["locked"]),
                id=r["id"],
            )
            for r in self._db.query(f"SELECT * FROM assignments WHERE {where}", params)
        ]

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
        return Assignment(
            id=r["id"],
            team_id=r["team_id"],
            team=r["team"],
            day=date.fromisoformat(r["day"]),
            shift_code=r["code"],
            shift_name=r["shift_name"],
            role=r["duty_role"],
            slot=r["slot"],
            person_id=r["person_id"],
            person_name=r["person_name"],
            source=r["source"],
            starts_at=parse_iso(r["starts_at"]),
            ends_at=parse_iso(r["ends_at"]),
            locked=bool(r["locked"]),
            served_person_id=r["served_person_id"],
            served_source=r["served_source"],
            colour=r["colour"],
            is_night=bool(r["is_night"]),
        )

    def assignment(self, assignment_id: int) -> Assignment:
        found = list(
            self._db.query(
                "SELECT a.*, t.name AS team, s.code, s.name AS shift_name, s.colour, s.is_night,"
                " p.name AS person_name FROM assignments a JOIN teams t ON t.id = a.team_id"
                " JOIN shift_types s ON s.id = a.shift_type_id"
                " JOIN people p ON p.id = a.person_id WHERE a.id = ?",
                [assignment_id],
            )
        )
        if not found:
            raise NotFound(f"排班记录不存在：{assignment_id}", en=f"No assignment {assignment_id}")
        return self._assignment(found[0])

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
        start, end = shift.window(day, tz)
        member = next((m for m in self.members(team_id) if m.person_id == person_id), None)
        if member is None:
            quals = tuple(self.qualifications(person_id).get(person_id, []))
            member = Member(person_id, "", 0, True, quals)
        shifts = self.shift_types_by_id()
        lo = date(day.year, day.month, 1) - timedelta(days=8)
        hi = day + timedelta(days=40)
        state = _PersonState()
        for row in self._rows(
            "person_id = ? AND day BETWEEN ? AND ?", [person_id, lo.isoformat(), hi.isoformat()]
        ):
            if row.id not in ignore_ids:
                state.add(row, shifts[row.shift_id], tz)
        for row in extra_rows:
            if row.person_id == person_id:
                state.add(row, shifts[row.shift_id], tz)
        leave = self.leave.leave_days(person_id, day, day)
        return _check(state, member, leave, team.rules, shift, role, day, start, end, tz)

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
                audit.update(
                    self._db,
                    "assignments",
                    row_id,
                    {"person_id": person_id, "source": "manual"},
                    actor=actor.actor,
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
        audit.delete(
            self._db,
            "assignments",
            assignment_id,
            actor=actor.actor,
            at=self._desk.now_iso(),
            action="roster.clear",
        )

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
        audit.update(
            self._db,
            "assignments",
            assignment_id,
            {"served_person_id": person_id, "served_source": source, "served_at": now},
            actor=actor.actor,
            at=now,
            action="roster.served",
        )
        return self.assignment(assignment_id)

    # --- generation --------------------------------------------------------------------------

    def _generation_input(
        self, team: Team, first: date, last: date, *, replace: bool = True
    ) -> GenerationInput:
        if team.pattern_id is None:
            raise ValidationError(
                "pattern", f"班组 {team.name} 未设置轮班模式", en=f"{team.name} has no pattern"
            )
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
            pattern=self.pattern(team.pattern_id),
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
        self, *, start: str | date, end: str | date, team: int | str | None = None
    ) -> list[Any]:
        """Per-person hours in [start, end] by calendar day; the served person counts if known."""
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
        counted = [Row(**{**r.__dict__, "person_id": served.get(r.id, r.person_id)}) for r in rows]
        for pid in {r.person_id for r in counted} - set(people):
            person = self._desk.people.get(pid)
            people[pid] = (person.name, True)
        return person_stats(
            counted,
            shifts_by_id=self.shift_types_by_id(),
            people=people,
            calendar=self.calendar.load(first, last),
            tz=self.timezone(),
            start=first,
            end=last,
        )
