"""Incident rows to ``Incident`` records, with names from small cached lookups.

A page of the list is 100 incidents. Joining nine small tables (severity, category and
its parent, source, five people) to every row cost more than reading the rows, and the
generated ``__init__`` of the 42-field frozen dataclass cost about 6 µs a row, three
times the query. So the incident columns are read alone (``COLUMNS``), names come from
``Lookups`` (loaded once per change of the database), and ``build`` makes each record
through its ``__dict__``: the same frozen dataclass, equal to one built by ``Incident(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from dutydesk.clock import parse_iso
from dutydesk.incidents.records import OPEN_STATUSES, Incident

COLUMNS = (
    "i.id, i.title, i.description, i.location, i.status, i.severity_id, i.category_id,"
    " i.source_id, i.reported_at, i.reported_by, i.shift_date, i.shift_code,"
    " i.acknowledged_at, i.acknowledged_by, i.started_at, i.escalated_at, i.escalated_to,"
    " i.escalation_reason, i.escalated_by, i.resolved_at, i.resolved_by, i.resolution,"
    " i.closed_at, i.closed_by, i.response_minutes, i.resolution_minutes,"
    " i.respond_target_minutes, i.resolve_target_minutes, i.responded_on_time,"
    " i.resolved_on_time, i.reopened_from, i.process_version, i.created_at, i.updated_at"
)
# Positions in a row of COLUMNS.
ID, REPORTED_AT = 0, 8

# Every field of Incident, for the test that ``build`` fills exactly these.
FIELDS = frozenset(f.name for f in fields(Incident))


@dataclass(frozen=True)
class Lookups:
    """Names of the reference data and people, as of ``key`` (see IncidentQueries)."""

    key: tuple[int, int]
    # id -> (code, name, colour, respond minutes, resolve minutes)
    severities: dict[int, tuple[str, str, str, int, int]]
    categories: dict[int, str]  # id -> "parent / leaf" or "leaf"
    sources: dict[int, str]
    people: dict[int, str]

    @classmethod
    def load(cls, db: Database, key: tuple[int, int]) -> Lookups:
        severities = {
            r[0]: (r[1], r[2], r[3], r[4], r[5])
            for r in db.execute(
                "SELECT id, code, name, colour, respond_minutes, resolve_minutes"
                " FROM incident_severities"
            )
        }
        categories = {
            r[0]: f"{r[2]} / {r[1]}" if r[2] else r[1]
            for r in db.execute(
                "SELECT c.id, c.name, pc.name FROM incident_categories c"
                " LEFT JOIN incident_categories pc ON pc.id = c.parent_id"
            )
        }
        sources = {r[0]: r[1] for r in db.execute("SELECT id, name FROM incident_sources")}
        people = {r[0]: r[1] for r in db.execute("SELECT id, name FROM people")}
        return cls(key, severities, categories, sources, people)


def build(rows: list[tuple[Any, ...]], now: datetime, names: Lookups) -> list[Incident]:
    """``Incident`` records of ``rows`` (each a row of ``COLUMNS``), in the same order.

    Raises KeyError when a row names something the lookups do not hold (reload them).
    """
    severities, categories, sources, people = (
        names.severities,
        names.categories,
        names.sources,
        names.people,
    )
    new, set_attribute = object.__new__, object.__setattr__
    out: list[Incident] = []
    for (
        incident_id,
        title,
        description,
        location,
        status,
        severity_id,
        category_id,
        source_id,
        reported_at,
        reported_by,
        shift_date,
        shift_code,
        acknowledged_at,
        acknowledged_by,
        started_at,
        escalated_at,
        escalated_to,
        escalation_reason,
        escalated_by,
        resolved_at,
        resolved_by,
        resolution,
        closed_at,
        closed_by,
        response_minutes,
        resolution_minutes,
        respond_target_minutes,
        resolve_target_minutes,
        responded_on_time,
        resolved_on_time,
        reopened_from,
        process_version,
        created_at,
        updated_at,
    ) in rows:
        code, severity_name, colour, respond, resolve = severities[severity_id]
        overdue_response = overdue_resolution = False
        if status in OPEN_STATUSES:
            reported = parse_iso(reported_at)
            overdue_response = acknowledged_at is None and now > reported + timedelta(
                minutes=respond
            )
            overdue_resolution = now > reported + timedelta(minutes=resolve)
        values = {
            "id": incident_id,
            "title": title,
            "description": description,
            "location": location,
            "status": status,
            "severity_id": severity_id,
            "severity_code": code,
            "severity_name": severity_name,
            "severity_colour": colour,
            "category_id": category_id,
            "category_name": categories[category_id],
            "source_id": source_id,
            "source_name": (sources[source_id] or "") if source_id is not None else "",
            "reported_at": reported_at,
            "reported_by": reported_by,
            "reporter_name": people[reported_by],
            "shift_date": shift_date,
            "shift_code": shift_code,
            "acknowledged_at": acknowledged_at,
            "acknowledged_by_name": None if acknowledged_by is None else people[acknowledged_by],
            "started_at": started_at,
            "escalated_at": escalated_at,
            "escalated_to": escalated_to,
            "escalation_reason": escalation_reason,
            "escalated_by_name": None if escalated_by is None else people[escalated_by],
            "resolved_at": resolved_at,
            "resolved_by_name": None if resolved_by is None else people[resolved_by],
            "resolution": resolution,
            "closed_at": closed_at,
            "closed_by_name": None if closed_by is None else people[closed_by],
            "response_minutes": response_minutes,
            "resolution_minutes": resolution_minutes,
            "respond_target_minutes": respond_target_minutes,
            "resolve_target_minutes": resolve_target_minutes,
            "responded_on_time": None if responded_on_time is None else bool(responded_on_time),
            "resolved_on_time": None if resolved_on_time is None else bool(resolved_on_time),
            "reopened_from": reopened_from,
            "process_version": process_version,
            "created_at": created_at,
            "updated_at": updated_at,
            "overdue_response": overdue_response,
            "overdue_resolution": overdue_resolution,
        }
        incident = new(Incident)
        set_attribute(incident, "__dict__", values)
        out.append(incident)
    return out
