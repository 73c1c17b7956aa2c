"""Feedback (意见反馈): channels, anonymity, categories with subcategories, status and reply.

An anonymous entry stores no link to a person anywhere: no giver, no recorder, and its
audit rows are written by ``Actor.anonymous()``. Its time is kept to the site-local day
only, so that it cannot be matched to the sign-in of the officer at the desk by time, and
it is held back and entered in a shuffled batch with others (``store/anonymous.py``
explains why and how), so that neither its row id nor its audit sequence number follows
the giver's sign-in.
"""

from __future__ import annotations

import builtins
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from dutydesk import limits
from dutydesk.clock import site_date, site_day_start, site_today, to_iso
from dutydesk.errors import Conflict, NotFound, StorageFault, ValidationError
from dutydesk.improvement.context import ImprovementContext
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, LEADER, OFFICER, Person
from dutydesk.people.inputs import clean_text
from dutydesk.store import anonymous as anonymous_store
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row
from dutydesk.store.rows import from_row
from dutydesk.store.where import Where

CATEGORIES: dict[str, tuple[str, str]] = {
    "process": ("流程", "Process"),
    "technical": ("技术", "Technical"),
    "people": ("人员", "People"),
}
CHANNELS: dict[str, tuple[str, str]] = {
    "in_person": ("当面", "In person"),
    "phone": ("电话", "Phone"),
    "survey": ("问卷", "Survey"),
    "suggestion_box": ("意见箱", "Suggestion box"),
    "meeting": ("会议", "Meeting"),
    "system": ("系统内", "In the system"),
}
FEEDBACK_STATUSES: dict[str, tuple[str, str]] = {
    "new": ("新建", "New"),
    "classified": ("已分类", "Classified"),
    "converted": ("已转问题", "Turned into a problem"),
    "rejected": ("不采纳", "Not adopted"),
    "replied": ("已答复", "Replied"),
}
ABOUT_KINDS: dict[str, tuple[str, str]] = {
    "shift": ("班次", "Shift"),
    "incident": ("事件", "Incident"),
    "handover": ("交接班", "Handover"),
    "process_step": ("流程步骤", "Process step"),
}
DEFAULT_SUBCATEGORIES: dict[str, tuple[str, ...]] = {
    "process": ("交接班流程", "事件上报", "值班记录", "排班安排"),
    "technical": ("通信设备", "值班系统", "监控告警", "办公环境"),
    "people": ("培训不足", "人手不足", "沟通协作", "工作负荷"),
}
MAX_TEXT = 4000

auth.register_permissions(
    {
        "feedback.submit": frozenset({OFFICER, LEADER, ADMIN}),
        "feedback.classify": frozenset({LEADER, ADMIN}),
        "feedback.categories": frozenset({ADMIN}),
    }
)
for _table in ("feedback", "feedback_subcategories"):
    audit.register_table(audit.AuditedTable(_table))


def local_date(desk: ImprovementContext, iso: str) -> date:
    return site_date(iso, desk.settings.site_zone())


def day_start_iso(desk: ImprovementContext, day: date) -> str:
    return to_iso(site_day_start(day, desk.settings.site_zone()))


def check_choice(field: str, value: str | None, choices: dict[str, tuple[str, str]]) -> str:
    if value not in choices:
        allowed = "、".join(zh for zh, _ in choices.values())
        raise ValidationError(
            field,
            f"{field} 的取值“{value}”无效，可选：{allowed}",
            en=f"{field}: {value!r} is not one of {', '.join(choices)}",
        )
    return str(value)


@dataclass(frozen=True)
class Subcategory:
    id: int
    category: str
    name: str
    rank: int
    active: bool


@dataclass(frozen=True)
class Feedback:
    id: int
    received_at: str
    channel: str
    anonymous: bool
    giver_id: int | None
    giver_name: str
    recorded_by: int | None
    about_kind: str | None
    about_ref: str | None
    category: str | None
    subcategory_id: int | None
    subcategory: str | None
    text: str
    status: str
    problem_id: int | None
    reject_reason: str | None
    reply: str | None
    replied_at: str | None
    updated_at: str

    @property
    def giver_label(self) -> str:
        return "匿名" if self.anonymous else self.giver_name


class FeedbackService(AreaService[ImprovementContext]):
    """Submit, classify, reject and answer feedback; admins keep the subcategory list."""

    # -- subcategories -------------------------------------------------------------------
    def subcategories(
        self, category: str | None = None, *, include_inactive: bool = False
    ) -> list[Subcategory]:
        where = Where(("category", category))
        if not include_inactive:
            where.add("active = 1")
        rows = self._db.query(
            f"SELECT * FROM feedback_subcategories {where} ORDER BY category, rank, id",
            where.params,
        )
        return [Subcategory(**{**r, "active": bool(r["active"])}) for r in rows]

    def subcategory(self, subcategory_id: int) -> Subcategory:
        row = existing_row(
            self._db, "feedback_subcategories", subcategory_id, ("子类", "subcategory")
        )
        return Subcategory(**{**row, "active": bool(row["active"])})

    def add_subcategory(self, actor: Person, *, category: str, name: str) -> Subcategory:
        actor = auth.require(actor, "feedback.categories", self._db)
        check_choice("category", category, CATEGORIES)
        name = clean_text("name", name, "子类名称", "Subcategory name", limit=40)
        if self._db.execute(
            "SELECT 1 FROM feedback_subcategories WHERE category = ? AND name = ?",
            [category, name],
        ).fetchone():
            raise ValidationError(
                "name", f"子类“{name}”已存在", en=f"Subcategory {name} already exists"
            )
        rank = self._db.execute(
            "SELECT coalesce(max(rank), 0) + 1 FROM feedback_subcategories WHERE category = ?",
            [category],
        ).fetchone()[0]
        new_id = self._insert(
            "feedback_subcategories",
            {"category": category, "name": name, "rank": rank, "active": 1},
            by=actor,
            at=self._desk.now_iso(),
        )
        return self.subcategory(new_id)

    def update_subcategory(
        self,
        actor: Person,
        subcategory_id: int,
        *,
        name: str | None = None,
        active: bool | None = None,
    ) -> Subcategory:
        actor = auth.require(actor, "feedback.categories", self._db)
        current = self.subcategory(subcategory_id)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = clean_text("name", name, "子类名称", "Subcategory name", limit=40)
            clash = self._db.execute(
                "SELECT 1 FROM feedback_subcategories WHERE category = ? AND name = ? AND id <> ?",
                [current.category, changes["name"], subcategory_id],
            ).fetchone()
            if clash:
                raise ValidationError(
                    "name",
                    f"子类“{changes['name']}”已存在",
                    en=f"Subcategory {changes['name']} already exists",
                )
        if active is not None:
            changes["active"] = int(active)
        if changes:
            self._update(
                "feedback_subcategories", subcategory_id, changes, by=actor, at=self._desk.now_iso()
            )
        return self.subcategory(subcategory_id)

    def seed_default_subcategories(self, actor: Person) -> list[Subcategory]:
        """Add the default subcategories that are missing (admin; first set-up, demo)."""
        actor = auth.require(actor, "feedback.categories", self._db)
        existing = {(s.category, s.name) for s in self.subcategories(include_inactive=True)}
        with self._db.atomic():
            for category, names in DEFAULT_SUBCATEGORIES.items():
                for name in names:
                    if (category, name) not in existing:
                        self.add_subcategory(actor, category=category, name=name)
        return self.subcategories()

    def _check_subcategory(self, category: str, subcategory_id: int | None) -> None:
        if subcategory_id is None:
            return
        sub = self.subcategory(subcategory_id)
        if sub.category != category:
            raise ValidationError(
                "subcategory_id",
                f"子类“{sub.name}”不属于类别{CATEGORIES[category][0]}",
                en=f"Subcategory {sub.name} does not belong to {CATEGORIES[category][1]}",
            )

    # -- feedback ------------------------------------------------------------------------
    def get(self, feedback_id: int) -> Feedback:
        row = self._db.execute(
            "SELECT f.*, s.name AS subcategory, p.name AS person_name FROM feedback f"
            " LEFT JOIN feedback_subcategories s ON s.id = f.subcategory_id"
            " LEFT JOIN people p ON p.id = f.giver_id WHERE f.id = ?",
            [feedback_id],
        )
        names = [c[0] for c in row.description]
        found = row.fetchone()
        if found is None:
            raise NotFound(f"反馈不存在：{feedback_id}", en=f"No such feedback: {feedback_id}")
        return _feedback(dict(zip(names, found, strict=True)))

    def list(
        self,
        *,
        status: str | None = None,
        category: str | None = None,
        problem_id: int | None = None,
        limit: int = 500,
        offset: int = 0,
    ) -> list[Feedback]:
        self._release_quietly()  # yesterday's held entries show from today's first look
        where = self._filters(status, category, problem_id)
        rows = self._db.query(
            "SELECT f.*, s.name AS subcategory, p.name AS person_name FROM feedback f"
            " LEFT JOIN feedback_subcategories s ON s.id = f.subcategory_id"
            f" LEFT JOIN people p ON p.id = f.giver_id {where}"
            " ORDER BY f.received_at DESC, f.id DESC LIMIT ? OFFSET ?",
            [*where.params, limit, offset],
        )
        return [_feedback(r) for r in rows]

    def count(
        self,
        *,
        status: str | None = None,
        category: str | None = None,
        problem_id: int | None = None,
    ) -> int:
        where = self._filters(status, category, problem_id)
        found = self._db.execute(f"SELECT count(*) FROM feedback f {where}", where.params)
        return int(found.fetchone()[0])

    @staticmethod
    def _filters(status: str | None, category: str | None, problem_id: int | None) -> Where:
        return Where(("f.status", status), ("f.category", category), ("f.problem_id", problem_id))

    def submit(
        self,
        actor: Person,
        *,
        text: str,
        channel: str = "system",
        anonymous: bool = False,
        giver_id: int | None = None,
        giver_name: str = "",
        about_kind: str | None = None,
        about_ref: str | None = None,
        category: str | None = None,
        subcategory_id: int | None = None,
    ) -> Feedback | None:
        """Record feedback. ``giver_id`` defaults to the actor; ``giver_name`` is for
        people outside the roster (a caller, another unit).

        Anonymous feedback is held back and entered with the next batch; it returns None
        (nothing the caller could hold would not point back at the giver).
        """
        actor = auth.require(actor, "feedback.submit", self._db)
        text = clean_text("text", text, "反馈内容", "Feedback text", limit=MAX_TEXT)
        check_choice("channel", channel, CHANNELS)
        about_kind, about_ref = _clean_about(about_kind, about_ref)
        if category is not None:
            check_choice("category", category, CATEGORIES)
            self._check_subcategory(category, subcategory_id)
        elif subcategory_id is not None:
            raise ValidationError(
                "subcategory_id", "选择子类前请先选择类别", en="Choose a category first"
            )
        giver_name = (giver_name or "").strip()
        if len(giver_name) > 50:
            raise ValidationError(
                "giver_name", "反馈人姓名不能超过 50 个字符", en="Giver name is longer than 50"
            )
        now = self._desk.now_iso()
        values: dict[str, Any] = {
            "channel": channel,
            "about_kind": about_kind,
            "about_ref": about_ref,
            "category": category,
            "subcategory_id": subcategory_id,
            "text": text,
            "status": "new",
        }
        if anonymous:
            for column, value in values.items():
                limits.check_value(value, column)
            with self._db.atomic():
                anonymous_store.hold(
                    self._db, "feedback", site_today(self._desk).isoformat(), values
                )
                self._release(force=False)
            return None
        else:
            if giver_id is None and not giver_name:
                giver_id = actor.id
            if giver_id is not None:
                self._desk.people.get(giver_id)
            at = now
            values.update(
                received_at=now,
                anonymous=0,
                giver_id=giver_id,
                giver_name=giver_name,
                recorded_by=actor.id,
                updated_at=now,
            )
            by = actor.actor
        with self._db.atomic():
            new_id = audit.insert(self._db, "feedback", values, actor=by, at=at, action="submit")
            self._release(force=False)
        return self.get(new_id)

    def waiting_anonymous(self) -> int:
        """How many anonymous entries wait for their batch."""
        return anonymous_store.waiting(self._db, "feedback")

    def release_anonymous(self, *, force: bool = False) -> builtins.list[Feedback]:
        """Enter the anonymous entries that are due (all of them with ``force``)."""
        with self._db.atomic():
            ids = self._release(force=force)
        return [self.get(i) for i in ids]

    def _release_quietly(self) -> None:
        if self._db.conn.in_transaction:
            return
        try:
            if anonymous_store.waiting(self._db, "feedback"):
                with self._db.atomic():
                    self._release(force=False)
        except (StorageFault, sqlite3.OperationalError):
            pass  # a read-only copy or a busy file: the next write releases them

    def _release(self, *, force: bool) -> builtins.list[int]:
        today = site_today(self._desk).isoformat()
        ids = []
        for day, values in anonymous_store.take_due(self._db, "feedback", today=today, force=force):
            # Only the site-local day: no time that could be matched to a sign-in.
            at = day_start_iso(self._desk, date.fromisoformat(day))
            values.update(
                received_at=at,
                anonymous=1,
                giver_id=None,
                giver_name="",
                recorded_by=None,
                updated_at=at,
            )
            ids.append(
                audit.insert(
                    self._db,
                    "feedback",
                    values,
                    actor=audit.Actor.anonymous(),
                    at=at,
                    action="submit",
                )
            )
        return ids

    def _change(
        self, actor: Person, feedback_id: int, changes: dict[str, Any], action: str
    ) -> Feedback:
        current = self.get(feedback_id)
        now = self._desk.now_iso()
        changes["updated_at"] = max(now, current.updated_at)
        self._update("feedback", feedback_id, changes, by=actor, at=now, action=action)
        return self.get(feedback_id)

    def classify(
        self,
        actor: Person,
        feedback_id: int,
        *,
        category: str,
        subcategory_id: int | None = None,
    ) -> Feedback:
        actor = auth.require(actor, "feedback.classify", self._db)
        current = self.get(feedback_id)
        if current.status not in ("new", "classified"):
            raise Conflict(
                f"反馈 {feedback_id} 已处理（{FEEDBACK_STATUSES[current.status][0]}），不能再分类",
                en=f"Feedback {feedback_id} is already {current.status}; it cannot be reclassified",
            )
        check_choice("category", category, CATEGORIES)
        self._check_subcategory(category, subcategory_id)
        return self._change(
            actor,
            feedback_id,
            {"category": category, "subcategory_id": subcategory_id, "status": "classified"},
            "classify",
        )

    def link_problem(self, actor: Person, feedback_id: int, *, problem_id: int) -> Feedback:
        """Mark feedback as turned into (or joined to) a problem: 已转问题."""
        actor = auth.require(actor, "feedback.classify", self._db)
        current = self.get(feedback_id)
        if current.status not in ("new", "classified", "converted"):
            raise Conflict(
                f"反馈 {feedback_id} 已{FEEDBACK_STATUSES[current.status][0]}，不能转为问题",
                en=f"Feedback {feedback_id} is {current.status}; it cannot become a problem",
            )
        problem = self._db.execute(
            "SELECT category, subcategory_id FROM problems WHERE id = ?", [problem_id]
        ).fetchone()
        if problem is None:
            raise NotFound(f"问题不存在：{problem_id}", en=f"No such problem: {problem_id}")
        changes: dict[str, Any] = {"problem_id": problem_id, "status": "converted"}
        if current.category is None:
            changes["category"], changes["subcategory_id"] = problem[0], problem[1]
        return self._change(actor, feedback_id, changes, "convert")

    def reject(self, actor: Person, feedback_id: int, *, reason: str) -> Feedback:
        actor = auth.require(actor, "feedback.classify", self._db)
        reason = clean_text("reason", reason, "不采纳理由", "Reason", limit=1000)
        current = self.get(feedback_id)
        if current.status not in ("new", "classified"):
            raise Conflict(
                f"反馈 {feedback_id} 已{FEEDBACK_STATUSES[current.status][0]}，不能再设为不采纳",
                en=f"Feedback {feedback_id} is {current.status}; it cannot be rejected now",
            )
        if current.category is None:
            raise ValidationError(
                "category", "请先为反馈分类再决定不采纳", en="Classify the feedback first"
            )
        return self._change(
            actor, feedback_id, {"status": "rejected", "reject_reason": reason}, "reject"
        )

    def reply(self, actor: Person, feedback_id: int, *, text: str) -> Feedback:
        """Record the answer given to the giver (on the board for an anonymous entry)."""
        actor = auth.require(actor, "feedback.classify", self._db)
        text = clean_text("reply", text, "答复内容", "Reply", limit=MAX_TEXT)
        current = self.get(feedback_id)
        if current.status not in ("converted", "rejected", "replied"):
            raise Conflict(
                f"反馈 {feedback_id} 尚未处理（转为问题或不采纳）前不能答复",
                en=f"Feedback {feedback_id} must be turned into a problem or rejected first",
            )
        replied_at = max(self._desk.now_iso(), current.received_at)
        return self._change(
            actor,
            feedback_id,
            {"status": "replied", "reply": text, "replied_at": replied_at},
            "reply",
        )


def _clean_about(kind: str | None, ref: str | None) -> tuple[str | None, str | None]:
    ref = (ref or "").strip() or None
    if kind in (None, ""):
        if ref is not None:
            raise ValidationError(
                "about_kind", "填写了关联编号但未选择关联类型", en="Choose what the reference is"
            )
        return None, None
    check_choice("about_kind", kind, ABOUT_KINDS)
    if ref is None:
        raise ValidationError(
            "about_ref", "请填写关联记录的编号", en="Enter the number of the related record"
        )
    if len(ref) > 60:
        raise ValidationError("about_ref", "关联编号过长", en="The reference is too long")
    return kind, ref


def _feedback(row: dict[str, Any]) -> Feedback:
    return from_row(
        Feedback,
        row,
        anonymous=bool(row["anonymous"]),
        giver_name=row["giver_name"] or row.get("person_name") or "",
        subcategory=row.get("subcategory"),
    )
