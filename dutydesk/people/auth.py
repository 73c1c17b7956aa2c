"""People, roles, passwords, sign-in and the permission checks every core action makes."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from dutydesk.store import audit
from dutydesk.store.context import AreaService, StoreContext
from dutydesk.store.rows import from_row

if TYPE_CHECKING:
    from dutydesk.store.context import Acting

OFFICER, LEADER, ADMIN, AUDITOR = "officer", "leader", "admin", "auditor"
ROLES: tuple[str, ...] = (OFFICER, LEADER, ADMIN, AUDITOR)
ROLE_LABELS: dict[str, tuple[str, str]] = {
    OFFICER: ("值班员", "Duty officer"),
    LEADER: ("值班长", "Shift leader"),
    ADMIN: ("管理员", "Administrator"),
    AUDITOR: ("审计员", "Auditor"),
}

# permission -> roles that hold it. Auditors hold only read-side permissions.
PERMISSION_ROLES: dict[str, frozenset[str]] = {
    "people.manage": frozenset({ADMIN}),
    "settings.edit": frozenset({ADMIN}),
    "database.restore": frozenset({ADMIN}),
    "database.backup": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
    "audit.export": frozenset({LEADER, ADMIN, AUDITOR}),
    "audit.read": frozenset({LEADER, ADMIN, AUDITOR}),
}


# What each permission lets people do, as they say it (error messages, never the code).
PERMISSION_LABELS: dict[str, tuple[str, str]] = {
    "assessment.author": ("编写现状评估", "write needs assessments"),
    "audit.export": ("导出审计文件", "export for audit"),
    "audit.read": ("查看审计记录", "read the audit trail"),
    "calendar.edit": ("修改节假日", "edit public holidays"),
    "communication.plan": ("编排沟通计划", "plan the communication meetings"),
    "cycle.approve": ("批准改进周期", "approve improvement cycles"),
    "cycle.manage": ("管理改进周期", "manage improvement cycles"),
    "database.backup": ("备份数据库", "back up the database"),
    "database.restore": ("恢复数据库", "restore the database"),
    "feedback.categories": ("管理反馈子类", "manage feedback subcategories"),
    "feedback.classify": ("分类反馈", "classify feedback"),
    "feedback.submit": ("提交反馈", "submit feedback"),
    "handover.amend": ("更正交接班记录", "amend handover records"),
    "handover.fill": ("填写交接班", "fill in handovers"),
    "handover.open_items": ("处理遗留问题", "handle open items"),
    "handover.sign": ("签署交接班", "sign handovers"),
    "handover.template.edit": ("修改检查表模板", "edit checklist templates"),
    "improvement.act": ("填报整改措施", "report on actions"),
    "improvement.manage": ("管理问题和措施", "manage problems and actions"),
    "improvement.verify": ("验证措施效果", "verify actions"),
    "incidents.close": ("关闭事件", "close incidents"),
    "incidents.handle": ("处理事件", "handle incidents"),
    "incidents.read": ("查看事件", "read incidents"),
    "incidents.reference": ("修改事件基础数据", "edit incident reference data"),
    "incidents.report": ("登记事件", "record incidents"),
    "kpi.breach_to_problem": ("把未达标指标转为问题", "turn a missed target into a problem"),
    "kpi.read": ("查看统计", "read the KPIs"),
    "kpi.targets": ("设置指标目标", "set KPI targets"),
    "leave.approve": ("审批请假", "approve leave"),
    "leave.request": ("申请请假", "request leave"),
    "materials.manage": ("添加或移除培训资料", "add or remove training materials"),
    "materials.read": ("查看培训资料", "open training materials"),
    "meeting.record": ("记录评审会议", "record review meetings"),
    "people.manage": ("管理人员", "manage people"),
    "plan.approve": ("批准实施计划", "approve the implementation plan"),
    "plan.edit": ("修改实施计划", "edit the implementation plan"),
    "process.edit": ("编辑流程草稿", "edit the process draft"),
    "process.publish": ("批准发布流程", "publish the process"),
    "process.read": ("查看流程", "read the process"),
    "questionnaire.answer": ("填写问卷", "answer questionnaires"),
    "questionnaire.author": ("编写问卷", "write questionnaires"),
    "roster.edit": ("修改排班", "edit the roster"),
    "roster.served": ("确认实际值班", "record who served"),
    "roster.setup": ("修改排班设置", "change the roster setup"),
    "settings.edit": ("修改站点设置", "edit site settings"),
    "swap.approve": ("审批换班", "approve shift swaps"),
    "swap.request": ("申请换班", "request shift swaps"),
    "training.manage": ("管理培训", "manage training"),
    "training.take_test": ("参加测试", "take tests"),
}


def permission_label(permission: str, lang: str = "zh_CN") -> str:
    """People's words for ``permission``; falls back to the code for an unlabelled one."""
    zh, en = PERMISSION_LABELS.get(permission, (permission, permission))
    return en if lang == "en" else zh


def register_permissions(extra: dict[str, frozenset[str]]) -> None:
    """Feature modules declare their permissions at import; names must be new."""
    clash = set(extra) & set(PERMISSION_ROLES)
    if clash:
        raise ValueError(f"permissions declared twice: {sorted(clash)}")
    PERMISSION_ROLES.update(extra)


def permission_roles(permission: str) -> frozenset[str]:
    """The roles that hold ``permission``; KeyError for a permission nobody declares.

    Areas are imported on first use (``dutydesk.desk``) and declare their permissions
    then: a permission not declared yet may belong to an area not imported so far.
    """
    allowed = PERMISSION_ROLES.get(permission)
    if allowed is None:
        audit.load_every_area()
        allowed = PERMISSION_ROLES.get(permission)
    if allowed is None:
        raise KeyError(f"unknown permission {permission!r}")
    return allowed


MIN_PASSWORD_LENGTH = 8
FAILURES_BEFORE_DELAY = 3
MAX_DELAY_SECONDS = 300
# n=2**14, r=8 (16 MiB per hash) is the interactive-login level RFC 7914 suggests.
SCRYPT_PARAMETERS: dict[str, int] = {"n": 2**14, "r": 8, "p": 1}
_SCRYPT = dict(SCRYPT_PARAMETERS)
_EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9_.-]{1,20}$")
_PHONE = re.compile(r"^[0-9+\- ]{0,20}$")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    employee_no: str
    phone: str
    team: str
    roles: tuple[str, ...]
    active: bool
    can_sign_in: bool
    # The database this person was read from: permission checks read the person again
    # from it (or from the service's own database) instead of trusting this object.
    source: Any = field(default=None, compare=False, repr=False, hash=False)

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.id, self.name)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def may(self, permission: str) -> bool:
        allowed = permission_roles(permission)
        return self.active and any(role in allowed for role in self.roles)

    def require(self, permission: str, db: Any = None) -> None:
        """Raise PermissionDenied unless this person, read again from ``db`` (else from
        where it was read), holds ``permission``."""
        require(self, permission, db)


def fresh(person: Person, db: Any = None) -> Person:
    """``person`` as the database says now: roles, active flag and name read again.

    ``db`` is the database the action writes to (the service's own); without it the
    database the Person was read from. A Person object is never trusted on its own: a
    copy with a role added, or one kept open in a window after the account was
    deactivated, gets the roles and the active flag that the database holds.
    """
    source = db if db is not None else person.source
    if source is None:
        raise PermissionDenied(
            "无法核实操作人身份，请重新登录",
            en="The acting person cannot be verified; sign in again",
        )
    try:
        row = source.execute(
            "SELECT name, roles, active FROM people WHERE id = ?", [person.id]
        ).fetchone()
    except sqlite3.ProgrammingError:
        raise PermissionDenied(
            "登录已失效，请重新登录", en="The sign-in is no longer valid; sign in again"
        ) from None
    if row is None:
        raise PermissionDenied(
            "操作人不在本数据库中，请重新登录",
            en="The acting person is not in this database; sign in again",
        )
    return replace(
        person, name=row[0], roles=tuple(json.loads(row[1])), active=bool(row[2]), source=source
    )


def permitted(person: Person, permission: str, db: Any = None) -> bool:
    """Whether ``person`` holds ``permission`` now, read again from the database."""
    return fresh(person, db).may(permission)


def require(person: Person, permission: str, db: Any = None) -> Person:
    """Raise PermissionDenied unless ``person`` holds ``permission``, as the database says now.

    Returns the fresh reading of the person. The audited write helpers check the actor's
    active flag once more inside the write transaction (``audit.check_actor``).
    """
    if not isinstance(person, Person):
        raise PermissionDenied("需要先登录", en="Sign in first")
    current = fresh(person, db)
    if not current.active:
        raise PermissionDenied(
            f"{current.name} 的账号已停用", en=f"{current.name}'s account is deactivated"
        )
    if not current.may(permission):
        roles = "、".join(ROLE_LABELS[r][0] for r in current.roles if r in ROLE_LABELS) or "无"
        roles_en = ", ".join(ROLE_LABELS[r][1] for r in current.roles if r in ROLE_LABELS)
        raise PermissionDenied(
            f"{current.name}（{roles}）无权{permission_label(permission)}",
            en=f"{current.name} ({roles_en or 'none'}) may not "
            f"{permission_label(permission, 'en')}",
        )
    return current


def hash_password(
    password: str, *, salt: bytes | None = None, parameters: dict[str, int] | None = None
) -> str:
    cost = parameters or _SCRYPT
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **cost)
    return f"scrypt${cost['n']}${cost['r']}${cost['p']}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=bytes.fromhex(salt_hex),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(digest_hex) // 2,
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符",
            en=f"The password needs at least {MIN_PASSWORD_LENGTH} characters",
        )


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", "姓名不能为空", en="Name is required")
    if len(name) > 50:
        raise ValidationError("name", "姓名不能超过 50 个字符", en="Name is longer than 50")
    return name


def _clean_employee_no(employee_no: str) -> str:
    employee_no = (employee_no or "").strip()
    if not _EMPLOYEE_NO.match(employee_no):
        raise ValidationError(
            "employee_no",
            "工号只能包含字母、数字和 ._-，长度 1–20",
            en="Employee number: 1-20 letters, digits or ._-",
        )
    return employee_no


def _clean_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if not _PHONE.match(phone):
        raise ValidationError(
            "phone", "电话只能包含数字、+、- 和空格", en="Phone: digits, +, - and spaces only"
        )
    return phone


def _clean_roles(roles: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(roles))
    unknown = [r for r in chosen if r not in ROLES]
    if unknown:
        raise ValidationError("roles", f"未知角色：{unknown}", en=f"Unknown roles: {unknown}")
    if not chosen:
        raise ValidationError("roles", "至少选择一个角色", en="Choose at least one role")
    return [r for r in ROLES if r in chosen]


def person_from_row(row: dict[str, Any], db: Any = None) -> Person:
    return from_row(
        Person,
        row,
        roles=tuple(json.loads(row["roles"])),
        active=bool(row["active"]),
        can_sign_in=bool(row["password_hash"]),
        source=db,
    )


class PeopleService(AreaService[StoreContext]):
    """People and their accounts; only administrators change them."""

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM people").fetchone()[0])

    def get(self, person_id: int) -> Person:
        row = audit.fetch_row(self._db, "people", person_id)
        if row is None:
            raise NotFound(f"人员不存在：{person_id}", en=f"No such person: {person_id}")
        return person_from_row(row, self._db)

    def by_employee_no(self, employee_no: str) -> Person:
        row = self._db.execute(
            "SELECT id FROM people WHERE employee_no = ?", [employee_no.strip()]
        ).fetchone()
        if row is None:
            raise NotFound(f"工号不存在：{employee_no}", en=f"No person with number {employee_no}")
        return self.get(row[0])

    def list(self, *, active_only: bool = False) -> list[Person]:
        sql = "SELECT * FROM people"
        if active_only:
            sql += " WHERE active = 1"
        sql += " ORDER BY team, employee_no"
        return [person_from_row(row, self._db) for row in self._db.query(sql)]

    def add(
        self,
        actor: Person | None,
        *,
        name: str,
        employee_no: str,
        roles: Iterable[str],
        phone: str = "",
        team: str = "",
        password: str | None = None,
    ) -> Person:
        """Add a person; ``actor`` None is allowed only while the database has no people."""
        if actor is None:
            if self.count():
                raise PermissionDenied(
                    "只有管理员可以添加人员", en="Only an administrator may add people"
                )
            by = audit.Actor.system("setup")
        else:
            require(actor, "people.manage", self._db)
            by = actor.actor
        values: dict[str, Any] = {
            "name": _clean_name(name),
            "employee_no": _clean_employee_no(employee_no),
            "phone": _clean_phone(phone),
            "team": (team or "").strip(),
            "roles": json.dumps(_clean_roles(roles)),
            "active": 1,
        }
        if password is not None:
            validate_password(password)
            values["password_hash"] = hash_password(password)
        now = self._desk.now_iso()
        values["created_at"] = values["updated_at"] = now
        with self._db.atomic():  # the uniqueness check and the insert under one lock
            if self._db.execute(
                "SELECT 1 FROM people WHERE employee_no = ?", [values["employee_no"]]
            ).fetchone():
                raise ValidationError(
                    "employee_no",
                    f"工号 {values['employee_no']} 已被使用",
                    en=f"Employee number {values['employee_no']} is already taken",
                )
            person_id = audit.insert(self._db, "people", values, actor=by, at=now)
        return self.get(person_id)

    def update(
        self,
        actor: Person,
        person_id: int,
        *,
        name: str | None = None,
        phone: str | None = None,
        team: str | None = None,
        roles: Iterable[str] | None = None,
        active: bool | None = None,
    ) -> Person:
        require(actor, "people.manage", self._db)
        current = self.get(person_id)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = _clean_name(name)
        if phone is not None:
            changes["phone"] = _clean_phone(phone)
        if team is not None:
            changes["team"] = team.strip()
        if roles is not None:
            changes["roles"] = json.dumps(_clean_roles(roles))
        if active is not None:
            changes["active"] = int(active)
        self._keep_one_admin(current, changes)
        if not changes:
            return current
        changes["updated_at"] = self._desk.now_iso()
        self._update("people", person_id, changes, by=actor, at=changes["updated_at"])
        return self.get(person_id)

    def _keep_one_admin(self, current: Person, changes: dict[str, Any]) -> None:
        loses_admin = (
            "roles" in changes and ADMIN not in json.loads(changes["roles"])
        ) or changes.get("active") == 0
        if not (current.has_role(ADMIN) and current.active and loses_admin):
            return
        others = [p for p in self.list(active_only=True) if p.has_role(ADMIN)]
        if len(others) <= 1:
            raise Conflict(
                "至少需要保留一名在岗管理员", en="At least one active administrator must remain"
            )

    def set_password(
        self,
        actor: Person,
        person_id: int,
        new_password: str,
        *,
        current_password: str | None = None,
    ) -> None:
        """Admins set anyone's password; a person changes their own with the current one."""
        if actor.id == person_id:
            stored = self._password_hash(person_id)
            if stored and not password_matches(current_password or "", stored):
                raise ValidationError(
                    "current_password", "当前密码不正确", en="The current password is wrong"
                )
        else:
            require(actor, "people.manage", self._db)
        validate_password(new_password)
        now = self._desk.now_iso()
        self._update(
            "people",
            person_id,
            {"password_hash": hash_password(new_password), "updated_at": now},
            by=actor,
            at=now,
            action="set_password",
        )

    def _password_hash(self, person_id: int) -> str | None:
        found = self._db.execute(
            "SELECT password_hash FROM people WHERE id = ?", [person_id]
        ).fetchone()
        return found[0] if found else None

    def check_password(self, person: Acting, password: str) -> None:
        """Re-ask for a password (signatures, unlock); throttled like sign-in."""
        self._authenticate(person.id, password)

    def sign_in(self, employee_no: str, password: str) -> Person:
        found = self._db.execute(
            "SELECT id FROM people WHERE employee_no = ?", [(employee_no or "").strip()]
        ).fetchone()
        if found is None:
            raise AuthenticationFailed("工号或密码错误", en="Wrong employee number or password")
        person = self._authenticate(found[0], password)
        self._record_session(person, "sign_in")
        return person

    def sign_out(self, person: Person) -> None:
        """Record that ``person`` left the desk (switch user, quit); audited like sign-in."""
        self._record_session(person, "sign_out")

    def _record_session(self, person: Person, action: str) -> None:
        """The audit row of a sign-in or sign-out: by the person, on their own account."""
        audit.record(
            self._db,
            actor=person.actor,
            at=self._desk.now_iso(),
            action=action,
            entity="people",
            entity_id=person.id,
        )

    def _authenticate(self, person_id: int, password: str) -> Person:
        now = self._desk.clock()
        wait = self._seconds_to_wait(person_id, now)
        if wait > 0:
            raise AuthenticationFailed(
                f"尝试次数过多，请 {wait} 秒后再试",
                en=f"Too many failed attempts; try again in {wait} seconds",
            )
        person = self.get(person_id)
        if not person.active:
            raise AuthenticationFailed("该账号已停用", en="This account is deactivated")
        if not password_matches(password, self._password_hash(person_id)):
            self._note_failure(person, now)
            raise AuthenticationFailed("工号或密码错误", en="Wrong employee number or password")
        self._db.execute("DELETE FROM sign_in_failures WHERE person_id = ?", [person_id])
        return person

    def _seconds_to_wait(self, person_id: int, now: datetime) -> int:
        found = self._db.execute(
            "SELECT failures, last_failure_at FROM sign_in_failures WHERE person_id = ?",
            [person_id],
        ).fetchone()
        if not found or found[0] < FAILURES_BEFORE_DELAY:
            return 0
        delay = min(MAX_DELAY_SECONDS, 5 * 2 ** (found[0] - FAILURES_BEFORE_DELAY))
        ready = parse_iso(found[1]) + timedelta(seconds=delay)
        return max(0, int((ready - now).total_seconds() + 0.999))

    def _note_failure(self, person: Person, now: datetime) -> None:
        at = to_iso(now)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO sign_in_failures (person_id, failures, last_failure_at)"
                " VALUES (?, 1, ?) ON CONFLICT(person_id) DO UPDATE SET"
                " failures = failures + 1, last_failure_at = excluded.last_failure_at",
                [person.id, at],
            )
            audit.record(
                self._db,
                actor=audit.Actor.system("sign-in"),
                at=at,
                action="sign_in_failed",
                entity="people",
                entity_id=person.id,
            )
