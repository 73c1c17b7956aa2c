"""Handover read side: the frozen dataclasses, the queries, and the signed content builder."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

from sqlite_utils import Database

from dutydesk.handover.templates import TemplateItem, _item_from_row
from dutydesk.store import audit, signing
from dutydesk.store.rows import from_row

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "draft": ("填写中", "Draft"),
    "submitted": ("待接班确认", "Awaiting take-over"),
    "locked": ("已锁定", "Locked"),
    "rejected": ("已退回", "Sent back"),
}
OPEN_ITEM_STATUS: dict[str, tuple[str, str]] = {
    "open": ("未解决", "Open"),
    "resolved": ("已解决", "Resolved"),
}


@dataclass(frozen=True)
class OpenIncident:
    id: int
    title: str
    severity: str
    status: str
    reported_at: str


@dataclass(frozen=True)
class IncidentSummary:
    """What happened in the outgoing shift, frozen into the handover when it starts.

    ``by_status`` and ``by_severity`` map a code to a count; ``open_incidents`` lists the
    incidents still open. ``available`` is False when no incident log is connected.
    """

    by_status: Mapping[str, int] = field(default_factory=dict)
    by_severity: Mapping[str, int] = field(default_factory=dict)
    open_incidents: tuple[OpenIncident, ...] = ()
    available: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_status", dict(self.by_status))
        object.__setattr__(self, "by_severity", dict(self.by_severity))
        object.__setattr__(
            self,
            "open_incidents",
            tuple(
                i if isinstance(i, OpenIncident) else OpenIncident(*i) for i in self.open_incidents
            ),
        )

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "by_status": {k: int(v) for k, v in sorted(self.by_status.items())},
            "by_severity": {k: int(v) for k, v in sorted(self.by_severity.items())},
            "open_incidents": [
                {
                    "id": i.id,
                    "title": i.title,
                    "severity": i.severity,
                    "status": i.status,
                    "reported_at": i.reported_at,
                }
                for i in self.open_incidents
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IncidentSummary:
        return cls(
            by_status=data.get("by_status", {}),
            by_severity=data.get("by_severity", {}),
            open_incidents=tuple(
                OpenIncident(int(i["id"]), i["title"], i["severity"], i["status"], i["reported_at"])
                for i in data.get("open_incidents", [])
            ),
            available=bool(data.get("available", True)),
        )


NO_INCIDENT_LOG = IncidentSummary(available=False)


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    employee_no: str


@dataclass(frozen=True)
class ItemValue:
    item: TemplateItem
    value: str | None
    flagged: bool
    note: str
    updated_at: str | None

    @property
    def filled(self) -> bool:
        return self.value is not None and self.value != ""


@dataclass(frozen=True)
class OpenItem:
    """A 遗留问题 as it stands now; ``age_minutes`` runs until it is resolved."""

    id: int
    title: str
    detail: str
    incident_id: int | None
    created_at: str
    created_by: int
    created_by_name: str
    created_in_handover_id: int | None
    status: str
    resolved_at: str | None
    resolved_by: int | None
    resolved_by_name: str | None
    resolution: str | None
    age_minutes: int


@dataclass(frozen=True)
class CarriedItem:
    """An open item as it stood in one handover (part of the signed content)."""

    open_item_id: int
    title: str
    detail: str
    incident_id: int | None
    created_at: str
    created_by_name: str
    age_minutes: int
    status: str
    resolved_at: str | None
    resolved_by_name: str | None
    resolution: str | None


@dataclass(frozen=True)
class SignatureInfo:
    id: int
    meaning: str
    meaning_zh: str
    meaning_en: str
    person: PersonRef
    on_behalf_of: PersonRef | None
    signed_at: str
    content_hash: str


@dataclass(frozen=True)
class Amendment:
    id: int
    handover_id: int
    author: PersonRef
    created_at: str
    subject: str
    correction: str
    reason: str


@dataclass(frozen=True)
class CrewMember:
    """One role and slot of the incoming shift and who takes it over.

    ``assignment_id`` and ``planned_person_id`` come from the roster (None: no roster slot,
    e.g. a gap left by leave); ``person_id`` is who actually takes over. A stand-in is a
    person other than the planned one.
    """

    duty_role: str
    slot: int
    person_id: int
    assignment_id: int | None = None
    planned_person_id: int | None = None
    person_name: str = ""
    planned_name: str = ""

    @property
    def is_stand_in(self) -> bool:
        return self.planned_person_id is not None and self.person_id != self.planned_person_id


@dataclass(frozen=True)
class Figures:
    """Stored at lock for the KPI work."""

    duration_seconds: int
    on_time: bool
    tolerance_minutes: int
    mandatory_total: int
    mandatory_filled: int
    items_total: int
    items_filled: int
    flagged_count: int
    signatures_present: int
    completeness: float
    # Signed minutes from the handover time to the incoming signature (negative: early);
    # None for records locked before it was stored.
    early_late_minutes: int | None = None

    def timing_text(self, en: bool = False) -> str:
        """Whether the incoming signature came on time and by how much: "准时（提前 3 分钟，
        容差 ±15 分钟）", "未准时：提前 180 分钟（容差 ±15 分钟）"."""
        minutes = self.early_late_minutes
        if en:
            state = "on time" if self.on_time else "not on time"
            if minutes is None:
                return f"{state} (tolerance {self.tolerance_minutes} min)"
            offset = (
                "at the handover time"
                if minutes == 0
                else f"{abs(minutes)} min {'early' if minutes < 0 else 'late'}"
            )
            return f"{state}: {offset} (tolerance ±{self.tolerance_minutes} min)"
        if minutes is None:
            return f"{'准时' if self.on_time else '超时'}（容差 {self.tolerance_minutes} 分钟）"
        offset = (
            "正点" if minutes == 0 else f"{'提前' if minutes < 0 else '晚'} {abs(minutes)} 分钟"
        )
        if self.on_time:
            return f"准时（{offset}，容差 ±{self.tolerance_minutes} 分钟）"
        return f"未准时：{offset}（容差 ±{self.tolerance_minutes} 分钟）"


@dataclass(frozen=True)
class HandoverRecord:
    id: int
    shift_date: str
    outgoing_shift_code: str
    incoming_shift_code: str
    shift_boundary_at: str
    period_start_at: str
    outgoing: PersonRef
    incoming: PersonRef
    template_id: int
    template_name: str
    template_version: int
    started_at: str
    status: str
    submitted_at: str | None
    rejected_at: str | None
    rejected_by: PersonRef | None
    reject_reason: str | None
    locked_at: str | None
    resubmission_of: int | None
    resubmitted_as: int | None
    process_version: str | None
    remarks: str
    incident_summary: IncidentSummary
    items: tuple[ItemValue, ...]
    carried: tuple[CarriedItem, ...]
    signatures: tuple[SignatureInfo, ...]
    amendments: tuple[Amendment, ...]
    figures: Figures | None
    crew: tuple[CrewMember, ...] = ()

    @property
    def is_locked(self) -> bool:
        return self.status == "locked"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def missing(self) -> list[TemplateItem]:
        return [v.item for v in self.items if v.item.mandatory and not v.filled]

    @property
    def flagged(self) -> list[ItemValue]:
        return [v for v in self.items if v.flagged]

    def signature(self, meaning: str) -> SignatureInfo | None:
        found = [s for s in self.signatures if s.meaning == meaning]
        return found[-1] if found else None

    @property
    def sections(self) -> list[tuple[str, list[ItemValue]]]:
        grouped: dict[int, tuple[str, list[ItemValue]]] = {}
        for value in self.items:
            key = value.item.section_order
            grouped.setdefault(key, (value.item.section, []))[1].append(value)
        return [grouped[key] for key in sorted(grouped)]


@dataclass(frozen=True)
class HandoverSummary:
    """One row of the history list."""

    id: int
    shift_date: str
    outgoing_shift_code: str
    incoming_shift_code: str
    outgoing_name: str
    incoming_name: str
    status: str
    started_at: str
    shift_boundary_at: str
    locked_at: str | None
    on_time: bool | None
    flagged_count: int
    open_items: int
    amendments: int


def _age(minutes: int, days_hours: str, hours_minutes: str, only_minutes: str) -> str:
    """``minutes`` in the largest two units: days and hours, hours and minutes, or minutes."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return days_hours.format(days, hours)
    if hours:
        return hours_minutes.format(hours, mins)
    return only_minutes.format(mins)


def age_text(minutes: int) -> str:
    """Age of an open item as the desk says it: "3 天 4 小时", "5 小时 10 分"."""
    return _age(minutes, "{} 天 {} 小时", "{} 小时 {} 分", "{} 分钟")


def age_text_en(minutes: int) -> str:
    return _age(minutes, "{} d {} h", "{} h {} min", "{} min")


def _person(db: Database, person_id: int | None) -> PersonRef | None:
    if person_id is None:
        return None
    row = db.execute("SELECT id, name, employee_no FROM people WHERE id = ?", [person_id])
    found = row.fetchone()
    return PersonRef(found[0], found[1], found[2]) if found else None


def _values(db: Database, handover_id: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    cursor = db.execute(
        "SELECT i.*, v.value AS v_value, v.flagged AS v_flagged, v.note AS v_note,"
        " v.updated_at AS v_updated_at FROM handover_values v"
        " JOIN handover_template_items i ON i.id = v.item_id"
        " WHERE v.handover_id = ? ORDER BY i.section_order, i.item_order",
        [handover_id],
    )
    # The item's own columns, then the four v_ columns named above (verify rebuilds every
    # signed handover, so the split is by position rather than by name).
    names = [c[0] for c in cursor.description]
    item_names, value_names = names[:-4], [name[2:] for name in names[-4:]]
    split = len(item_names)
    return [
        (
            dict(zip(item_names, values[:split], strict=True)),
            dict(zip(value_names, values[split:], strict=True)),
        )
        for values in cursor.fetchall()
    ]


def _carried(db: Database, handover_id: int) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM handover_open_items WHERE handover_id = ? ORDER BY open_item_id",
            [handover_id],
        )
    )


def handover_content(db: Database, handover_id: int) -> dict[str, Any]:
    """The canonical signed content: header, items and values, open items, incidents.

    Status, figures and rejection details are deliberately outside: they change when the
    incoming officer signs, and both signatures must cover the same content.
    """
    row = audit.fetch_row(db, "handovers", handover_id)
    if row is None:
        raise LookupError(f"handover {handover_id} does not exist")
    template = audit.fetch_row(db, "handover_templates", row["template_id"])
    assert template is not None
    content: dict[str, Any] = {
        "entity": "handover",
        "id": handover_id,
        "header": {
            "shift_date": row["shift_date"],
            "outgoing_shift_code": row["outgoing_shift_code"],
            "incoming_shift_code": row["incoming_shift_code"],
            "shift_boundary_at": row["shift_boundary_at"],
            "period_start_at": row["period_start_at"],
            "outgoing_person_id": row["outgoing_person_id"],
            "incoming_person_id": row["incoming_person_id"],
            "started_at": row["started_at"],
            "process_version": row["process_version"],
            "remarks": row["remarks"],
            "resubmission_of": row["resubmission_of"],
            "template": {
                "id": template["id"],
                "name": template["name"],
                "shift_code": template["shift_code"],
                "version": template["version"],
            },
        },
        "items": [
            {
                "item_id": item["id"],
                "section": item["section"],
                "label": item["label"],
                "kind": item["kind"],
                "mandatory": item["mandatory"],
                "unit": item["unit"],
                "normal_min": item["normal_min"],
                "normal_max": item["normal_max"],
                "value": value["value"],
                "flagged": value["flagged"],
                "note": value["note"],
            }
            for item, value in _values(db, handover_id)
        ],
        "open_items": [
            {k: v for k, v in carried.items() if k not in ("id", "handover_id")}
            for carried in _carried(db, handover_id)
        ],
        "incident_summary": json.loads(row["incident_summary_json"]),
    }
    crew = _crew_rows(db, handover_id)
    if crew:  # absent from records made before crews were kept: their hashes stay valid
        content["crew"] = [
            {
                k: c[k]
                for k in ("duty_role", "slot", "assignment_id", "planned_person_id", "person_id")
            }
            for c in crew
        ]
    return content


def _crew_rows(db: Database, handover_id: int) -> list[dict[str, Any]]:
    if not _has_crew_table(db):  # a file from before 0009_handover_roster, read as it is
        return []
    return list(
        db.query(
            "SELECT c.*, p.name AS person_name, q.name AS planned_name FROM handover_crew c"
            " JOIN people p ON p.id = c.person_id LEFT JOIN people q ON q.id = c.planned_person_id"
            " WHERE c.handover_id = ? ORDER BY CASE c.duty_role WHEN 'leader' THEN 0"
            " WHEN 'officer' THEN 1 ELSE 2 END, c.slot",
            [handover_id],
        )
    )


def _has_crew_table(db: Database) -> bool:
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'handover_crew'"
    ).fetchone()
    return found is not None


_HEADER = (
    "shift_date",
    "outgoing_shift_code",
    "incoming_shift_code",
    "shift_boundary_at",
    "period_start_at",
    "outgoing_person_id",
    "incoming_person_id",
    "started_at",
    "process_version",
    "remarks",
    "resubmission_of",
)
_ITEM = ("item_id", "section", "label", "kind", "mandatory", "unit", "normal_min", "normal_max")
_CREW = ("duty_role", "slot", "assignment_id", "planned_person_id", "person_id")


def _by_handover(cursor: Any) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """(handover id, its rows) from a cursor ordered by handover id in its first column."""
    rows: list[tuple[Any, ...]] = []
    current: int | None = None
    while chunk := cursor.fetchmany(1000):
        for row in chunk:
            if row[0] != current:
                if current is not None:
                    yield current, rows
                current, rows = row[0], []
            rows.append(row[1:])
    if current is not None:
        yield current, rows


def every_handover_content(db: Database) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """``handover_content`` of every handover in id order, from four streamed queries
    (verify rebuilds every signed handover; tests hold it to ``handover_content``)."""
    values = _by_handover(
        db.execute(
            "SELECT v.handover_id, i.id, i.section, i.label, i.kind, i.mandatory, i.unit,"
            " i.normal_min, i.normal_max, v.value, v.flagged, v.note FROM handover_values v"
            " JOIN handover_template_items i ON i.id = v.item_id"
            " ORDER BY v.handover_id, i.section_order, i.item_order"
        )
    )
    carried_cursor = db.execute(
        "SELECT handover_id, * FROM handover_open_items ORDER BY handover_id, open_item_id"
    )
    carried_names = [c[0] for c in carried_cursor.description][1:]
    carried = _by_handover(carried_cursor)
    crew = _by_handover(
        db.execute(
            "SELECT c.handover_id, c.duty_role, c.slot, c.assignment_id, c.planned_person_id,"
            " c.person_id FROM handover_crew c JOIN people p ON p.id = c.person_id"
            " LEFT JOIN people q ON q.id = c.planned_person_id ORDER BY c.handover_id,"
            " CASE c.duty_role WHEN 'leader' THEN 0 WHEN 'officer' THEN 1 ELSE 2 END, c.slot"
        )
        if _has_crew_table(db)
        else iter(())
    )
    joined = {"values": values, "carried": carried, "crew": crew}
    ahead: dict[str, tuple[int, list[tuple[Any, ...]]] | None] = {
        name: next(rows, None) for name, rows in joined.items()
    }

    def rows_of(name: str, handover_id: int) -> list[tuple[Any, ...]]:
        while (found := ahead[name]) is not None and found[0] < handover_id:
            ahead[name] = next(joined[name], None)
        if found is not None and found[0] == handover_id:
            return found[1]
        return []

    cursor = db.execute(
        "SELECT h.id, h.incident_summary_json, t.id, t.name, t.shift_code, t.version, "
        + ", ".join(f"h.{name}" for name in _HEADER)
        + " FROM handovers h LEFT JOIN handover_templates t ON t.id = h.template_id ORDER BY h.id"
    )
    while chunk := cursor.fetchmany(1000):
        for handover_id, summary, template_id, name, shift_code, version, *header in chunk:
            items = rows_of("values", handover_id)
            open_items = rows_of("carried", handover_id)
            crew_rows = rows_of("crew", handover_id)
            if template_id is None:
                yield handover_id, None
                continue
            try:
                incident_summary = json.loads(summary)
            except (TypeError, ValueError):
                yield handover_id, None
                continue
            content: dict[str, Any] = {
                "entity": "handover",
                "id": handover_id,
                "header": {
                    **dict(zip(_HEADER, header, strict=True)),
                    "template": {
                        "id": template_id,
                        "name": name,
                        "shift_code": shift_code,
                        "version": version,
                    },
                },
                "items": [
                    {
                        **dict(zip(_ITEM, item[:8], strict=True)),
                        "value": item[8],
                        "flagged": item[9],
                        "note": item[10],
                    }
                    for item in items
                ],
                "open_items": [
                    {
                        k: v
                        for k, v in zip(carried_names, row, strict=True)
                        if k not in ("id", "handover_id")
                    }
                    for row in open_items
                ],
                "incident_summary": incident_summary,
            }
            if crew_rows:
                content["crew"] = [dict(zip(_CREW, row, strict=True)) for row in crew_rows]
            yield handover_id, content


signing.register_signable("handover", handover_content, every=every_handover_content)


def _signature_info(db: Database, sig: signing.Signature) -> SignatureInfo:
    zh, en = signing.MEANINGS[sig.meaning]
    person = _person(db, sig.person_id)
    assert person is not None
    return SignatureInfo(
        id=sig.id,
        meaning=sig.meaning,
        meaning_zh=zh,
        meaning_en=en,
        person=person,
        on_behalf_of=_person(db, sig.on_behalf_of),
        signed_at=sig.signed_at,
        content_hash=sig.content_hash,
    )


def load_record(db: Database, handover_id: int) -> HandoverRecord | None:
    row = audit.fetch_row(db, "handovers", handover_id)
    if row is None:
        return None
    template = audit.fetch_row(db, "handover_templates", row["template_id"])
    assert template is not None
    items = tuple(
        ItemValue(
            item=_item_from_row(item),
            value=value["value"],
            flagged=bool(value["flagged"]),
            note=value["note"],
            updated_at=value["updated_at"],
        )
        for item, value in _values(db, handover_id)
    )
    carried = tuple(
        CarriedItem(**{k: v for k, v in c.items() if k not in ("id", "handover_id")})
        for c in _carried(db, handover_id)
    )
    amendments = tuple(
        from_row(Amendment, a, author=_person(db, a["author_id"]))
        for a in db.query(
            "SELECT * FROM handover_amendments WHERE handover_id = ? ORDER BY id", [handover_id]
        )
    )
    follow = db.execute(
        "SELECT id FROM handovers WHERE resubmission_of = ?", [handover_id]
    ).fetchone()
    figures = None
    if row["status"] == "locked":
        figures = from_row(Figures, row, on_time=bool(row["on_time"]))
    outgoing = _person(db, row["outgoing_person_id"])
    incoming = _person(db, row["incoming_person_id"])
    assert outgoing is not None and incoming is not None
    return from_row(
        HandoverRecord,
        row,
        outgoing=outgoing,
        incoming=incoming,
        template_id=template["id"],
        template_name=template["name"],
        template_version=template["version"],
        rejected_by=_person(db, row["rejected_by"]),
        resubmitted_as=follow[0] if follow else None,
        incident_summary=IncidentSummary.from_json(json.loads(row["incident_summary_json"])),
        items=items,
        carried=carried,
        signatures=tuple(
            _signature_info(db, s) for s in signing.signatures_for(db, "handover", handover_id)
        ),
        amendments=amendments,
        figures=figures,
        crew=tuple(
            from_row(CrewMember, c, planned_name=c["planned_name"] or "")
            for c in _crew_rows(db, handover_id)
        ),
    )


class HistoryFilters(TypedDict, total=False):
    """The filters of the handover history; a missing, None or empty one does not filter."""

    status: str | None
    person_id: int | None  # as the outgoing or the incoming officer
    date_from: str | None
    date_to: str | None
    shift_code: str | None  # as the outgoing or the incoming shift
    flagged_only: bool


def history_query(**filters: Unpack[HistoryFilters]) -> tuple[str, list[Any]]:
    """WHERE clause and parameters shared by the history list and its count."""
    where: list[str] = []
    params: list[Any] = []
    status, person_id = filters.get("status"), filters.get("person_id")
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    shift_code = filters.get("shift_code")
    if status:
        where.append("h.status = ?")
        params.append(status)
    if person_id is not None:
        where.append("(h.outgoing_person_id = ? OR h.incoming_person_id = ?)")
        params += [person_id, person_id]
    if date_from:
        where.append("h.shift_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("h.shift_date <= ?")
        params.append(date_to)
    if shift_code:
        where.append("(h.outgoing_shift_code = ? OR h.incoming_shift_code = ?)")
        params += [shift_code, shift_code]
    if filters.get("flagged_only"):
        where.append(
            "EXISTS (SELECT 1 FROM handover_values f WHERE f.handover_id = h.id AND f.flagged)"
        )
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


def summaries(db: Database, rows: Iterable[Mapping[str, Any]]) -> list[HandoverSummary]:
    return [
        from_row(
            HandoverSummary,
            r,
            on_time=None if r["on_time"] is None else bool(r["on_time"]),
            flagged_count=r["flagged"],
        )
        for r in rows
    ]


HISTORY_SELECT = """
    SELECT h.id, h.shift_date, h.outgoing_shift_code, h.incoming_shift_code, h.status,
        h.started_at, h.shift_boundary_at, h.locked_at, h.on_time,
        o.name AS outgoing_name, i.name AS incoming_name,
        (SELECT count(*) FROM handover_values f WHERE f.handover_id = h.id AND f.flagged)
            AS flagged,
        (SELECT count(*) FROM handover_open_items c WHERE c.handover_id = h.id
            AND c.status = 'open') AS open_items,
        (SELECT count(*) FROM handover_amendments a WHERE a.handover_id = h.id) AS amendments
    FROM handovers h
    JOIN people o ON o.id = h.outgoing_person_id
    JOIN people i ON i.id = h.incoming_person_id
"""
