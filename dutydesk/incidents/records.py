"""Incident vocabulary and records: statuses, transitions, the frozen dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

STATUSES: tuple[str, ...] = (
    "new",
    "acknowledged",
    "in_progress",
    "escalated",
    "resolved",
    "closed",
)
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "new": ("新建", "New"),
    "acknowledged": ("已响应", "Acknowledged"),
    "in_progress": ("处理中", "In progress"),
    "escalated": ("已升级", "Escalated"),
    "resolved": ("已解决", "Resolved"),
    "closed": ("已关闭", "Closed"),
}
OPEN_STATUSES = ("new", "acknowledged", "in_progress", "escalated")

# action -> (statuses it may start from, status it leads to, permission)
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "acknowledge": (frozenset({"new"}), "acknowledged", "incidents.handle"),
    "start": (frozenset({"acknowledged", "escalated"}), "in_progress", "incidents.handle"),
    "escalate": (
        frozenset({"acknowledged", "in_progress", "escalated"}),
        "escalated",
        "incidents.handle",
    ),
    "resolve": (
        frozenset({"acknowledged", "in_progress", "escalated"}),
        "resolved",
        "incidents.handle",
    ),
    "close": (frozenset({"resolved"}), "closed", "incidents.close"),
}
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "report": ("上报", "Reported"),
    "acknowledge": ("响应", "Acknowledge"),
    "start": ("开始处理", "Start handling"),
    "escalate": ("升级", "Escalate"),
    "resolve": ("解决", "Resolve"),
    "close": ("关闭", "Close"),
    "note": ("备注", "Note"),
    "attachment": ("附件", "Attachment"),
    "reopened_as": ("已重新打开为新事件", "Reopened as a new incident"),
    "reopen_of": ("重新打开", "Reopen of"),
}

# A clock may drift a little between PCs; anything later than this is an input mistake.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # also a CHECK in the schema
ATTACHMENT_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".wps": "application/vnd.ms-works",
    ".ofd": "application/ofd",
    ".zip": "application/zip",
}
MAX_TITLE = 200
# Above this many full-text hits the list is walked in display order instead of sorting
# every hit (see IncidentService._where). Measured on 180k incidents: sorting costs about
# 9 µs a hit (1,366 hits 12 ms, 45k hits 240 ms); walking in order costs 2-5 ms once hits
# are denser than ~0.3 % and at worst ~40 ms for a query with no hit at all.
FTS_DRIVER_LIMIT = 500
MAX_TEXT = 4000


@dataclass(frozen=True)
class Incident:
    id: int
    title: str
    description: str
    location: str
    status: str
    severity_id: int
    severity_code: str
    severity_name: str
    severity_colour: str
    category_id: int
    category_name: str
    source_id: int | None
    source_name: str
    reported_at: str
    reported_by: int
    reporter_name: str
    shift_date: str | None
    shift_code: str | None
    acknowledged_at: str | None
    acknowledged_by_name: str | None
    started_at: str | None
    escalated_at: str | None
    escalated_to: str | None
    escalation_reason: str | None
    escalated_by_name: str | None
    resolved_at: str | None
    resolved_by_name: str | None
    resolution: str | None
    closed_at: str | None
    closed_by_name: str | None
    response_minutes: int | None
    resolution_minutes: int | None
    respond_target_minutes: int | None
    resolve_target_minutes: int | None
    responded_on_time: bool | None
    resolved_on_time: bool | None
    reopened_from: int | None
    process_version: str | None
    created_at: str
    updated_at: str
    overdue_response: bool
    overdue_resolution: bool

    @property
    def overdue(self) -> bool:
        return self.overdue_response or self.overdue_resolution

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def number(self) -> str:
        return f"SJ-{self.reported_at[:4]}-{self.id:06d}"


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    incident_id: int
    at: str
    author_id: int
    author_name: str
    kind: str
    from_status: str | None
    to_status: str | None
    body: str
    recorded_at: str


@dataclass(frozen=True)
class Attachment:
    id: int
    incident_id: int
    filename: str
    mime_type: str
    size: int
    sha256: str
    added_at: str
    added_by: int
    added_by_name: str


@dataclass(frozen=True)
class IncidentFilter:
    """What the list shows. Dates are site-local days (inclusive); empty means "any"."""

    query: str = ""
    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ()
    severity_ids: tuple[int, ...] = ()
    category_id: int | None = None
    person_id: int | None = None
    shift_date: str | None = None
    shift_code: str | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class IncidentPage:
    """One page of the list, newest first; pass ``next_cursor`` to get the next one."""

    items: tuple[Incident, ...]
    next_cursor: tuple[str, int] | None = None
    mode: str = field(default="all")  # how the text query was answered: all/fts/like


# Timeline text the application itself writes (stored in Chinese since the first
# release); ``timeline_body`` renders it in the reader's language, user text unchanged.
_REOPEN = re.compile(r"^重新打开 #(?P<id>\d+)：(?P<why>.*)$", re.S)
_REOPENED_AS = re.compile(r"^已重新打开为 #(?P<id>\d+)：(?P<why>.*)$", re.S)
_MADE_TEXT: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "escalate",
        re.compile(r"^升级至 (?P<to>.*?)：(?P<reason>.*)$", re.S),
        "Escalated to {to}: {reason}",
    ),
    (
        "attachment",
        re.compile(r"^(?P<name>.*)（(?P<size>\d+) 字节，sha256 (?P<hash>[0-9a-f]+)…）$", re.S),
        "{name} ({size} bytes, sha256 {hash}…)",
    ),
    ("reopen_of", _REOPEN, "Reopened #{id}: {why}"),
    ("reopened_as", _REOPENED_AS, "Reopened as #{id}: {why}"),
)


def timeline_body(kind: str, body: str, lang: str = "zh_CN") -> str:
    """A timeline entry's text in ``lang``: app-made wording translated, user text kept."""
    if not lang.startswith("en"):
        return body
    for wanted, pattern, english in _MADE_TEXT:
        if wanted != kind:
            continue
        found = pattern.match(body)
        if found:
            return english.format(**found.groupdict())
    return body
