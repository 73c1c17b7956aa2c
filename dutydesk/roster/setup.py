"""Setting up the roster: shift types, rotation patterns, teams, members, qualifications."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutydesk.clock import parse_day
from dutydesk.errors import Conflict, NotFound, ValidationError
from dutydesk.people import auth
from dutydesk.people.auth import Person
from dutydesk.roster.context import RosterContext
from dutydesk.roster.engine import (
    RULE_LABELS,
    Member,
    Pattern,
    Rules,
    ShiftDef,
)
from dutydesk.roster.holidays import CalendarService
from dutydesk.roster.qualifications import qualification_status
from dutydesk.roster.records import _COLOUR, Team, _clock_time, _role_check, shift_from_row
from dutydesk.store import audit
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    from dutydesk.roster.changes import LeaveService, SwapService


class RosterSetup(AreaService[RosterContext]):
    """Shift types, patterns, teams, members and their duty qualifications."""

    calendar: CalendarService
    leave: LeaveService
    swaps: SwapService

    def timezone(self) -> ZoneInfo:
        return self._desk.settings.site_zone()

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
        new_id = self._insert(
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
            by=actor,
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
        return self._insert(
            "rotation_patterns",
            {
                "name": name.strip(),
                "cycle": json.dumps(days, ensure_ascii=False),
                "anchor_day": anchor.isoformat(),
                "workdays_only": int(workdays_only),
            },
            by=actor,
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
        team_id = self._insert("teams", values, by=actor, at=self._desk.now_iso())
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
        self._update("teams", team_id, self._rules_values(rules), by=actor, at=self._desk.now_iso())
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
                        self._update("team_members", old["id"], values, by=actor, at=now)
                else:
                    self._insert(
                        "team_members",
                        {"team_id": team_id, "person_id": pid, **values},
                        by=actor,
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
            self._update("team_member_roles", row[0], {"valid_until": until}, by=actor, at=now)
        else:
            self._insert(
                "team_member_roles",
                {"person_id": person_id, "duty_role": duty_role, "valid_until": until},
                by=actor,
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
        self._delete("team_member_roles", row[0], by=actor, at=self._desk.now_iso())

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
