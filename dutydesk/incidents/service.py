"""The incident log: report, acknowledge, handle, escalate, resolve, close; notes, files.

Lifecycle (``TRANSITIONS``): 新建 new → 已响应 acknowledged → 处理中 in_progress →
已升级 escalated → 已解决 resolved → 已关闭 closed. Each stage keeps its time and person;
response and resolution durations and the on-time flags are computed against the
severity's targets and stored when a leader closes the incident. A closed incident is
final (a schema trigger rejects any change); ``reopen`` starts a new linked incident.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from dutydesk import limits
from dutydesk.clock import format_site_time, minutes_between, parse_iso, to_iso
from dutydesk.errors import Conflict, NotFound, ValidationError
from dutydesk.incidents import search as incident_search
from dutydesk.incidents.query import IncidentQueries
from dutydesk.incidents.records import (
    ACTION_LABELS,
    ATTACHMENT_TYPES,
    FTS_DRIVER_LIMIT,
    FUTURE_TOLERANCE,
    MAX_ATTACHMENT_BYTES,
    MAX_TEXT,
    MAX_TITLE,
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUSES,
    TRANSITIONS,
    Attachment,
    Incident,
    IncidentFilter,
    IncidentPage,
    TimelineEntry,
)
from dutydesk.incidents.reference import ReferenceData
from dutydesk.people.auth import (
    ADMIN,
    AUDITOR,
    LEADER,
    OFFICER,
    Person,
    register_permissions,
    require,
)
from dutydesk.store import audit, files

__all__ = [
    "ACTION_LABELS",
    "ATTACHMENT_TYPES",
    "FTS_DRIVER_LIMIT",
    "MAX_ATTACHMENT_BYTES",
    "OPEN_STATUSES",
    "STATUSES",
    "STATUS_LABELS",
    "TRANSITIONS",
    "Attachment",
    "Incident",
    "IncidentFilter",
    "IncidentPage",
    "IncidentService",
    "TimelineEntry",
]

if TYPE_CHECKING:
    from dutydesk.people.context import PeopleContext

for _table in ("incidents", "incident_events", "incident_attachments"):
    audit.register_table(audit.AuditedTable(_table))

register_permissions(
    {
        "incidents.read": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
        "incidents.report": frozenset({OFFICER, LEADER, ADMIN}),
        "incidents.handle": frozenset({OFFICER, LEADER, ADMIN}),
        "incidents.close": frozenset({LEADER, ADMIN}),
    }
)


def _clean(
    field_name: str, value: str | None, label: str, label_en: str, limit: int = MAX_TEXT
) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(
            field_name,
            f"{label}不能超过 {limit} 个字符（现有 {len(value)} 个）",
            en=f"{label_en} is longer than {limit} characters ({len(value)})",
        )
    return value


Ref = TypeVar("Ref")


def _chosen(
    field_name: str, find: Callable[[int], Ref], ref_id: int, missing: str, missing_en: str
) -> Ref:
    """The reference record ``ref_id`` names; a ValidationError when it names none."""
    try:
        return find(int(ref_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(field_name, missing, en=missing_en) from None


def _required(
    field_name: str, value: str | None, label: str, label_en: str, limit: int = MAX_TEXT
) -> str:
    value = _clean(field_name, value, label, label_en, limit)
    if not value:
        raise ValidationError(field_name, f"{label}不能为空", en=f"{label_en} is required")
    return value


class IncidentService(IncidentQueries):
    """Everything the incident log can do; every write is audited in one transaction.

    Reading (get, timeline, attachments, search, count, overdue_count) comes from
    ``IncidentQueries``; ``reference`` holds severities, categories and sources.
    """

    def __init__(self, desk: PeopleContext) -> None:
        self._desk = desk
        self.reference = ReferenceData(desk)
        # The process version in force at a time (joined in connections; None: not known).
        self.process_version_provider: Callable[[str], str | None] | None = None

    # -- writing helpers -------------------------------------------------------------
    def _time(self, field_name: str, at: datetime | str | None, label: str, label_en: str) -> str:
        """An event time given by the user (or now), never far in the future."""
        now = self._desk.clock()
        if at is None:
            return to_iso(now)
        if isinstance(at, str):
            try:
                moment = parse_iso(at)
            except (ValueError, AttributeError):
                raise ValidationError(
                    field_name,
                    f"{label}格式不正确（应为带时区的 ISO 时间）：{at}",
                    en=f"{label_en} is not an ISO time with offset: {at}",
                ) from None
        else:
            moment = at
            if moment.tzinfo is None:
                raise ValidationError(
                    field_name, f"{label}缺少时区", en=f"{label_en} has no time zone"
                )
        limits.check_day(moment, field_name)
        if moment > now + FUTURE_TOLERANCE:
            given, current = self._site(moment), self._site(now)
            raise ValidationError(
                field_name,
                f"{label}不能晚于当前时间（{given} 晚于 {current}）",
                en=f"{label_en} cannot be in the future ({given} is after {current})",
            )
        return to_iso(moment)

    def _site(self, moment: datetime | str) -> str:
        """A time as people on site write it, for messages (never UTC ISO text)."""
        return format_site_time(moment, self._desk.settings.site_zone())

    def _not_before(
        self,
        field_name: str,
        value: str,
        earlier: str | None,
        label: str,
        earlier_label: str,
        en: str,
    ) -> None:
        if earlier is not None and parse_iso(value) < parse_iso(earlier):
            given, before = self._site(value), self._site(earlier)
            raise ValidationError(
                field_name,
                f"{label}（{given}）不能早于{earlier_label}（{before}）",
                en=f"{en} ({given} is before {before})",
            )

    def _event(
        self,
        actor: Person,
        incident_id: int,
        *,
        kind: str,
        at: str,
        body: str = "",
        from_status: str | None = None,
        to_status: str | None = None,
    ) -> int:
        return self._insert(
            "incident_events",
            {
                "incident_id": incident_id,
                "at": at,
                "author_id": actor.id,
                "kind": kind,
                "from_status": from_status,
                "to_status": to_status,
                "body": body,
                "recorded_at": self._desk.now_iso(),
            },
            by=actor,
            at=self._desk.now_iso(),
            action=f"incident_{kind}",
        )

    def _check_active_ref(self, severity_id: int, category_id: int, source_id: int | None) -> None:
        reference = self.reference
        severity = _chosen(
            "severity", reference.severity, severity_id, "请选择严重程度", "Choose a severity"
        )
        if not severity.active:
            raise ValidationError(
                "severity", f"严重程度 {severity.name} 已停用", en="That severity is retired"
            )
        category = _chosen(
            "category", reference.category, category_id, "请选择类别", "Choose a category"
        )
        if not category.active:
            raise ValidationError(
                "category", f"类别 {category.path} 已停用", en="That category is retired"
            )
        if source_id is not None:
            _chosen("source", reference.source, source_id, "来源不存在", "No such source")

    @staticmethod
    def _check_shift(shift_date: str | None, shift_code: str | None) -> None:
        if shift_date:
            try:
                date.fromisoformat(shift_date)
            except ValueError:
                raise ValidationError(
                    "shift_date",
                    f"班次日期格式应为 YYYY-MM-DD：{shift_date}",
                    en=f"Shift date must be YYYY-MM-DD: {shift_date}",
                ) from None
            if len(shift_date) != 10:
                raise ValidationError(
                    "shift_date", "班次日期格式应为 YYYY-MM-DD", en="Shift date: YYYY-MM-DD"
                )
        if shift_code and len(shift_code) > 20:
            raise ValidationError(
                "shift_code", "班次代码不能超过 20 个字符", en="Shift code is longer than 20"
            )

    # -- lifecycle -------------------------------------------------------------------
    def report(
        self,
        actor: Person,
        *,
        title: str,
        severity_id: int,
        category_id: int,
        description: str = "",
        source_id: int | None = None,
        location: str = "",
        reported_at: datetime | str | None = None,
        shift_date: str | None = None,
        shift_code: str | None = None,
        process_version: str | None = None,
    ) -> Incident:
        """Record a new incident (新建) with its first timeline entry."""
        actor = require(actor, "incidents.report", self._db)
        values = self._new_values(
            actor,
            title=title,
            severity_id=severity_id,
            category_id=category_id,
            description=description,
            source_id=source_id,
            location=location,
            reported_at=reported_at,
            shift_date=shift_date,
            shift_code=shift_code,
            process_version=process_version,
        )
        with self._db.atomic():
            incident_id = self._create(
                actor, values, action="incident_report", kind="report", body=values["title"]
            )
        return self.get(incident_id)

    def _create(
        self, actor: Person, values: dict[str, Any], *, action: str, kind: str, body: str
    ) -> int:
        """Insert a new incident (新建) with its first timeline entry ``kind`` and index it."""
        incident_id = self._insert(
            "incidents", values, by=actor, at=values["created_at"], action=action
        )
        self._event(
            actor, incident_id, kind=kind, at=values["reported_at"], to_status="new", body=body
        )
        incident_search.reindex(self._db, incident_id)
        return incident_id

    def _new_values(self, actor: Person, **given: Any) -> dict[str, Any]:
        title = _required("title", given["title"], "标题", "Title", MAX_TITLE)
        self._check_active_ref(given["severity_id"], given["category_id"], given["source_id"])
        shift_code = (given["shift_code"] or "").strip() or None
        shift_date = (given["shift_date"] or "").strip() or None
        self._check_shift(shift_date, shift_code)
        now = self._desk.now_iso()
        reported_at = self._time("reported_at", given["reported_at"], "上报时间", "Reported")
        process_version = given["process_version"]
        if process_version is None:
            # The process version in force when it happened (None before any is published).
            provider = self.process_version_provider
            process_version = None if provider is None else provider(reported_at)
        return {
            "title": title,
            "description": _clean("description", given["description"], "描述", "Description"),
            "location": _clean("location", given["location"], "地点", "Location", 100),
            "severity_id": int(given["severity_id"]),
            "category_id": int(given["category_id"]),
            "source_id": None if given["source_id"] is None else int(given["source_id"]),
            "status": "new",
            "reported_at": reported_at,
            "reported_by": actor.id,
            "shift_date": shift_date,
            "shift_code": shift_code,
            "process_version": process_version,
            "created_at": now,
            "updated_at": now,
        }

    def _transition(
        self,
        actor: Person,
        incident_id: int,
        action: str,
        changes: dict[str, Any],
        *,
        at: str,
        body: str = "",
    ) -> Incident:
        sources, target, _permission = TRANSITIONS[action]
        with self._db.atomic():
            current = self.get(incident_id)
            if current.status not in sources:
                raise Conflict(
                    f"事件 #{incident_id} 当前状态为“{STATUS_LABELS[current.status][0]}”，"
                    f"不能{ACTION_LABELS[action][0]}",
                    en=f"Incident #{incident_id} is {STATUS_LABELS[current.status][1]}; "
                    f"it cannot be moved by '{action}'",
                )
            changes = {**changes, "status": target, "updated_at": self._desk.now_iso()}
            self._update(
                "incidents",
                incident_id,
                changes,
                by=actor,
                at=changes["updated_at"],
                action=f"incident_{action}",
            )
            self._event(
                actor,
                incident_id,
                kind=action,
                at=at,
                body=body,
                from_status=current.status,
                to_status=target,
            )
            incident_search.reindex(self._db, incident_id)
        return self.get(incident_id)

    def _load_for(self, actor: Person, incident_id: int, action: str) -> Incident:
        actor = require(actor, TRANSITIONS[action][2], self._db)
        incident = self.get(incident_id)
        sources = TRANSITIONS[action][0]
        if incident.status not in sources:
            if incident.status == "closed":
                raise Conflict(
                    f"事件 #{incident_id} 已关闭，不能再更改；如需继续处理请重新打开为新事件",
                    en=f"Incident #{incident_id} is closed and final; reopen it as a new one",
                )
            raise Conflict(
                f"事件 #{incident_id} 当前状态为“{STATUS_LABELS[incident.status][0]}”，"
                f"不能{ACTION_LABELS[action][0]}",
                en=f"Incident #{incident_id} is {STATUS_LABELS[incident.status][1]}; "
                f"'{action}' is not allowed",
            )
        return incident

    def acknowledge(
        self, actor: Person, incident_id: int, *, at: datetime | str | None = None
    ) -> Incident:
        """已响应: someone on duty has taken the incident on."""
        incident = self._load_for(actor, incident_id, "acknowledge")
        when = self._time("acknowledged_at", at, "响应时间", "Acknowledged time")
        self._not_before(
            "acknowledged_at",
            when,
            incident.reported_at,
            "响应时间",
            "上报时间",
            "Acknowledged before it was reported",
        )
        return self._transition(
            actor,
            incident_id,
            "acknowledge",
            {"acknowledged_at": when, "acknowledged_by": actor.id},
            at=when,
        )

    def start(
        self,
        actor: Person,
        incident_id: int,
        *,
        at: datetime | str | None = None,
        note: str = "",
    ) -> Incident:
        """处理中: work on the incident has begun (again, after an escalation)."""
        incident = self._load_for(actor, incident_id, "start")
        when = self._time("started_at", at, "开始处理时间", "Start time")
        self._not_before(
            "started_at",
            when,
            incident.escalated_at or incident.acknowledged_at,
            "开始处理时间",
            "响应/升级时间",
            "Handling started before it was acknowledged or escalated",
        )
        changes: dict[str, Any] = {}
        if incident.started_at is None:
            changes = {"started_at": when, "started_by": actor.id}
        body = _clean("note", note, "说明", "Note")
        return self._transition(actor, incident_id, "start", changes, at=when, body=body)

    def escalate(
        self,
        actor: Person,
        incident_id: int,
        *,
        to: str,
        reason: str,
        at: datetime | str | None = None,
    ) -> Incident:
        """已升级: handed up to someone (a person, a unit); says to whom and why."""
        incident = self._load_for(actor, incident_id, "escalate")
        to = _required("escalated_to", to, "升级对象", "Escalated to", 100)
        reason = _required("escalation_reason", reason, "升级原因", "Escalation reason")
        when = self._time("escalated_at", at, "升级时间", "Escalation time")
        self._not_before(
            "escalated_at",
            when,
            incident.acknowledged_at,
            "升级时间",
            "响应时间",
            "Escalated before it was acknowledged",
        )
        return self._transition(
            actor,
            incident_id,
            "escalate",
            {
                "escalated_at": when,
                "escalated_by": actor.id,
                "escalated_to": to,
                "escalation_reason": reason,
            },
            at=when,
            body=f"升级至 {to}：{reason}",
        )

    def resolve(
        self,
        actor: Person,
        incident_id: int,
        *,
        resolution: str,
        at: datetime | str | None = None,
    ) -> Incident:
        """已解决: the problem is fixed; the resolution text is mandatory."""
        incident = self._load_for(actor, incident_id, "resolve")
        text = _required("resolution", resolution, "处理结果", "Resolution")
        when = self._time("resolved_at", at, "解决时间", "Resolution time")
        for earlier, label, en in (
            (incident.acknowledged_at, "响应时间", "Resolved before it was acknowledged"),
            (incident.started_at, "开始处理时间", "Resolved before handling started"),
            (incident.escalated_at, "升级时间", "Resolved before it was escalated"),
        ):
            self._not_before("resolved_at", when, earlier, "解决时间", label, en)
        return self._transition(
            actor,
            incident_id,
            "resolve",
            {"resolved_at": when, "resolved_by": actor.id, "resolution": text},
            at=when,
            body=text,
        )

    def close(self, actor: Person, incident_id: int, *, remark: str = "") -> Incident:
        """已关闭 (leaders only): stores durations and on-time flags; final afterwards."""
        incident = self._load_for(actor, incident_id, "close")
        when = self._desk.now_iso()
        assert incident.acknowledged_at and incident.resolved_at
        self._not_before(
            "closed_at",
            when,
            incident.resolved_at,
            "关闭时间",
            "解决时间",
            "Closed before it was resolved",
        )
        severity = self.reference.severity(incident.severity_id)
        response = minutes_between(incident.reported_at, incident.acknowledged_at)
        resolution = minutes_between(incident.reported_at, incident.resolved_at)
        changes = {
            "closed_at": when,
            "closed_by": actor.id,
            "response_minutes": response,
            "resolution_minutes": resolution,
            "respond_target_minutes": severity.respond_minutes,
            "resolve_target_minutes": severity.resolve_minutes,
            "responded_on_time": int(response <= severity.respond_minutes),
            "resolved_on_time": int(resolution <= severity.resolve_minutes),
        }
        body = _clean("remark", remark, "关闭说明", "Closing remark")
        return self._transition(actor, incident_id, "close", changes, at=when, body=body)

    def add_note(
        self, actor: Person, incident_id: int, text: str, *, at: datetime | str | None = None
    ) -> TimelineEntry:
        """A timeline note (who called, what was tried); not on closed incidents."""
        actor = require(actor, "incidents.handle", self._db)
        incident = self.get(incident_id)
        self._refuse_closed(incident)
        body = _required("note", text, "备注内容", "Note text")
        when = self._time("at", at, "备注时间", "Note time")
        self._not_before(
            "at", when, incident.reported_at, "备注时间", "上报时间", "Note before the report"
        )
        with self._db.atomic():
            event_id = self._event(actor, incident_id, kind="note", at=when, body=body)
            incident_search.reindex(self._db, incident_id)
        return next(e for e in self.timeline(incident_id) if e.id == event_id)

    @staticmethod
    def _refuse_closed(incident: Incident) -> None:
        if incident.status == "closed":
            raise Conflict(
                f"事件 #{incident.id} 已关闭，不能再添加内容；如需继续处理请重新打开为新事件",
                en=f"Incident #{incident.id} is closed; reopen it as a new incident",
            )

    def add_attachment(
        self,
        actor: Person,
        incident_id: int,
        *,
        filename: str,
        data: bytes,
        mime_type: str | None = None,
    ) -> Attachment:
        """Store a file inside the database (sha256, type, size; at most 10 MB)."""
        actor = require(actor, "incidents.handle", self._db)
        incident = self.get(incident_id)
        self._refuse_closed(incident)
        checked = files.check_file(
            filename,
            data,
            types=ATTACHMENT_TYPES,
            max_bytes=MAX_ATTACHMENT_BYTES,
            mime_type=mime_type,
        )
        name, digest = checked.name, checked.sha256
        now = self._desk.now_iso()
        with self._db.atomic():
            attachment_id = self._insert(
                "incident_attachments",
                {
                    "incident_id": incident_id,
                    "filename": name,
                    "mime_type": checked.mime_type,
                    "size": len(data),
                    "sha256": digest,
                    "data": bytes(data),
                    "added_at": now,
                    "added_by": actor.id,
                },
                by=actor,
                at=now,
                action="incident_attach",
            )
            self._event(
                actor,
                incident_id,
                kind="attachment",
                at=now,
                body=f"{name}（{len(data)} 字节，sha256 {digest[:12]}…）",
            )
        return next(a for a in self.attachments(incident_id) if a.id == attachment_id)

    def reopen(self, actor: Person, incident_id: int, *, reason: str) -> Incident:
        """A closed incident stays closed; this starts a new one linked to it."""
        actor = require(actor, "incidents.report", self._db)
        old = self.get(incident_id)
        if old.status != "closed":
            raise Conflict(
                f"事件 #{incident_id} 尚未关闭，请直接继续处理",
                en=f"Incident #{incident_id} is not closed; keep working on it",
            )
        already = self.reopened_as(incident_id)
        if already is not None:
            raise Conflict(
                f"事件 #{incident_id} 已重新打开为 #{already}",
                en=f"Incident #{incident_id} was already reopened as #{already}",
            )
        why = _required("reason", reason, "重新打开原因", "Reason for reopening")
        values = self._new_values(
            actor,
            title=old.title,
            severity_id=old.severity_id,
            category_id=old.category_id,
            description=old.description,
            source_id=old.source_id,
            location=old.location,
            reported_at=None,
            shift_date=None,
            shift_code=None,
            process_version=None,  # the version in force now
        )
        values["reopened_from"] = incident_id
        with self._db.atomic():
            new_id = self._create(
                actor,
                values,
                action="incident_reopen",
                kind="reopen_of",
                body=f"重新打开 #{incident_id}：{why}",
            )
            self._event(
                actor,
                incident_id,
                kind="reopened_as",
                at=values["reported_at"],
                body=f"已重新打开为 #{new_id}：{why}",
            )
        return self.get(new_id)

    def rebuild_search_index(self) -> int:
        return incident_search.rebuild(self._db)
