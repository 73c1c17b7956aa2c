"""The qualification matrix: who may stand which duty role on which shift type, until when.

``qualification_status`` is the one check the roster generator and manual assignment call.
A qualification with an empty ``shift_code`` covers every shift type.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from dutydesk.clock import parse_day, site_today
from dutydesk.errors import NotFound, ValidationError
from dutydesk.people.auth import Person, require
from dutydesk.people.context import PeopleContext
from dutydesk.people.inputs import check_person, optional_text
from dutydesk.store import audit
from dutydesk.store.context import AreaService

audit.register_table(audit.AuditedTable("qualifications"))

DUTY_ROLES: dict[str, tuple[str, str]] = {
    "leader": ("值班长", "Shift leader"),
    "officer": ("值班员", "Duty officer"),
    "standby": ("备班", "Standby"),
}

# Days before the expiry date from which a qualification is flagged "expiring soon".
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class Qualification:
    id: int
    person_id: int
    person_name: str
    duty_role: str
    shift_code: str
    gained_on: str
    expires_on: str | None
    note: str

    def state(self, on: date, warn_days: int = EXPIRY_WARNING_DAYS) -> str:
        """'pending' (not yet gained), 'valid', 'expiring' (within the window) or 'expired'."""
        if date.fromisoformat(self.gained_on) > on:
            return "pending"
        if self.expires_on is None:
            return "valid"
        expires = date.fromisoformat(self.expires_on)
        if expires < on:
            return "expired"
        if expires - on <= timedelta(days=warn_days):
            return "expiring"
        return "valid"


STATES: dict[str, tuple[str, str]] = {
    "valid": ("有效", "Valid"),
    "expiring": ("即将到期", "Expiring soon"),
    "expired": ("已过期", "Expired"),
    "pending": ("未生效", "Not yet valid"),
}


def _row(r: Sequence[Any]) -> Qualification:
    return Qualification(*r)


_SELECT = (
    "SELECT q.id, q.person_id, p.name, q.duty_role, q.shift_code, q.gained_on, q.expires_on,"
    " q.note FROM qualifications q JOIN people p ON p.id = q.person_id"
)


def _db_of(db_or_desk: Database | PeopleContext) -> Database:
    return db_or_desk if isinstance(db_or_desk, Database) else db_or_desk.db


# Why a person with only expiring or only expired qualifications is (not) qualified:
# (state, ok, zh, en), the latest expiry day of that state filled in as {day}.
_EXPIRY_REASONS: tuple[tuple[str, bool, str, str], ...] = (
    (
        "expiring",
        True,
        "{name}的{role}资格将于 {day} 到期，请安排复训",
        "{name}'s {role} qualification expires on {day}; plan a refresher",
    ),
    (
        "expired",
        False,
        "{name}的{role}资格已于 {day} 过期",
        "{name}'s {role} qualification expired on {day}",
    ),
)


def qualification_status(
    db_or_desk: Database | PeopleContext,
    person_id: int,
    duty_role: str,
    shift_code: str | None,
    on: date,
    *,
    warn_days: int = EXPIRY_WARNING_DAYS,
) -> tuple[bool, str, str]:
    """(ok, reason in Chinese, reason in English) for ``person_id`` standing ``duty_role``.

    A qualification for the exact shift type or for every shift type ('') counts; ok is
    True when one is valid on ``on`` (an "expiring soon" warning is then the reason).
    """
    db = _db_of(db_or_desk)
    role_zh, role_en = DUTY_ROLES.get(duty_role, (duty_role, duty_role))
    person = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    name = person[0] if person else f"#{person_id}"
    codes = ["", shift_code] if shift_code else [""]
    marks = ", ".join("?" for _ in codes)
    found = [
        _row(r)
        for r in db.execute(
            f"{_SELECT} WHERE q.person_id = ? AND q.duty_role = ? AND q.shift_code IN ({marks})",
            [person_id, duty_role, *codes],
        )
    ]
    where_zh = f"（{shift_code}）" if shift_code else ""
    where_en = f" ({shift_code})" if shift_code else ""
    if not found:
        return (
            False,
            f"{name}没有{role_zh}{where_zh}资格",
            f"{name} holds no {role_en}{where_en} qualification",
        )
    states = {q.id: q.state(on, warn_days) for q in found}
    valid = [q for q in found if states[q.id] == "valid"]
    if valid:
        return True, f"{name}具备{role_zh}资格", f"{name} is qualified as {role_en}"
    for state, ok, zh, en in _EXPIRY_REASONS:
        ends = [q.expires_on or "" for q in found if states[q.id] == state]
        if ends:
            return (
                ok,
                zh.format(name=name, role=role_zh, day=max(ends)),
                en.format(name=name, role=role_en, day=max(ends)),
            )
    first = min(q.gained_on for q in found)
    return (
        False,
        f"{name}的{role_zh}资格自 {first} 起才生效",
        f"{name}'s {role_en} qualification is valid only from {first}",
    )


class QualificationService(AreaService[PeopleContext]):
    """The matrix; leaders and admins grant, renew and withdraw qualifications."""

    def get(self, qualification_id: int) -> Qualification:
        row = self._db.execute(f"{_SELECT} WHERE q.id = ?", [qualification_id]).fetchone()
        if row is None:
            raise NotFound(
                f"资格记录不存在：{qualification_id}",
                en=f"No such qualification: {qualification_id}",
            )
        return _row(row)

    def list(self, *, person_id: int | None = None) -> builtins.list[Qualification]:
        sql, params = _SELECT, []
        if person_id is not None:
            sql += " WHERE q.person_id = ?"
            params.append(person_id)
        sql += " ORDER BY p.team, p.employee_no, q.duty_role, q.shift_code"
        return [_row(r) for r in self._db.execute(sql, params)]

    def status(
        self, person_id: int, duty_role: str, shift_code: str | None, on: date
    ) -> tuple[bool, str, str]:
        return qualification_status(self._desk, person_id, duty_role, shift_code, on)

    def expiring(
        self, *, on: date | None = None, warn_days: int = EXPIRY_WARNING_DAYS
    ) -> builtins.list[tuple[Qualification, str]]:
        """Qualifications expired or expiring within the window, with their state."""
        today = on or site_today(self._desk)
        out = []
        for q in self.list():
            state = q.state(today, warn_days)
            if state in ("expiring", "expired"):
                out.append((q, state))
        return out

    def _shift_codes(self) -> set[str]:
        """The roster's shift types, when the roster feature has defined any."""
        if "shift_types" not in self._db.table_names():
            return set()
        return {r[0] for r in self._db.execute("SELECT code FROM shift_types")}

    def _validate(
        self,
        person_id: int,
        duty_role: str,
        shift_code: str,
        gained_on: date | str,
        expires_on: date | str | None,
        note: str,
    ) -> dict[str, Any]:
        check_person(self._desk, person_id, "person_id")
        if duty_role not in DUTY_ROLES:
            raise ValidationError(
                "duty_role",
                f"未知值班角色「{duty_role}」，应为 值班长/值班员/备班",
                en=f"Unknown duty role {duty_role!r}; use leader/officer/standby",
            )
        code = optional_text("shift_code", shift_code, "班次类型", "Shift type", 20)
        known = self._shift_codes()
        if code and known and code not in known:
            raise ValidationError(
                "shift_code",
                f"未知班次类型「{code}」，已定义的班次：{'、'.join(sorted(known))}（留空表示全部班次）",
                en=f"Unknown shift type {code!r}; defined: {', '.join(sorted(known))}",
            )
        gained = parse_day(gained_on, "gained_on", "取得日期", "Date gained")
        expires = None
        if expires_on not in (None, ""):
            expires = parse_day(expires_on, "expires_on", "有效期至", "Expiry date")
            if expires <= gained:
                raise ValidationError(
                    "expires_on",
                    f"有效期至 {expires} 必须晚于取得日期 {gained}",
                    en=f"The expiry date {expires} must be after the date gained {gained}",
                )
        return {
            "person_id": person_id,
            "duty_role": duty_role,
            "shift_code": code,
            "gained_on": gained.isoformat(),
            "expires_on": None if expires is None else expires.isoformat(),
            "note": optional_text("note", note, "备注", "Note", 500),
        }

    def grant(
        self,
        actor: Person,
        *,
        person_id: int,
        duty_role: str,
        gained_on: date | str,
        expires_on: date | str | None = None,
        shift_code: str = "",
        note: str = "",
    ) -> Qualification:
        """Grant, or renew when the person already holds this role and shift type."""
        actor = require(actor, "training.manage", self._db)
        values = self._validate(person_id, duty_role, shift_code, gained_on, expires_on, note)
        now = self._desk.now_iso()
        values["updated_at"] = now
        found = self._db.execute(
            "SELECT id FROM qualifications WHERE person_id = ? AND duty_role = ?"
            " AND shift_code = ?",
            [person_id, duty_role, values["shift_code"]],
        ).fetchone()
        if found:
            self._update("qualifications", found[0], values, by=actor, at=now, action="renew")
            return self.get(found[0])
        new_id = self._insert("qualifications", values, by=actor, at=now, action="grant")
        return self.get(new_id)

    def withdraw(self, actor: Person, qualification_id: int) -> None:
        actor = require(actor, "training.manage", self._db)
        self.get(qualification_id)
        now = self._desk.now_iso()
        self._delete("qualifications", qualification_id, by=actor, at=now, action="withdraw")
