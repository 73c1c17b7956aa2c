"""Reading the incident log: one incident, its timeline and files, the filtered list."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import NotFound, ValidationError
from dutydesk.incidents import search as incident_search
from dutydesk.incidents.records import (
    _SELECT,
    FTS_DRIVER_LIMIT,
    OPEN_STATUSES,
    STATUSES,
    TRANSITIONS,
    Attachment,
    Incident,
    IncidentFilter,
    Page,
    TimelineEntry,
)
from dutydesk.people.auth import Person
from dutydesk.people.context import PeopleContext
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    from dutydesk.incidents.reference import ReferenceData


class IncidentQueries(AreaService[PeopleContext]):
    """The read side of ``IncidentService`` (mixed in); never writes."""

    reference: ReferenceData

    # -- reading ---------------------------------------------------------------------
    def _to_incident(self, row: dict[str, Any], now: datetime) -> Incident:
        reported = parse_iso(row["reported_at"])
        is_open = row["status"] in OPEN_STATUSES
        overdue_response = (
            is_open
            and row["acknowledged_at"] is None
            and now > reported + timedelta(minutes=row["s_respond"])
        )
        overdue_resolution = is_open and now > reported + timedelta(minutes=row["s_resolve"])
        category = row["category_leaf"]
        if row["category_parent"]:
            category = f"{row['category_parent']} / {category}"

        def flag(value: int | None) -> bool | None:
            return None if value is None else bool(value)

        return Incident(
            id=row["id"],
            title=row["title"],
            description=row["description"],
            location=row["location"],
            status=row["status"],
            severity_id=row["severity_id"],
            severity_code=row["severity_code"],
            severity_name=row["severity_name"],
            severity_colour=row["severity_colour"],
            category_id=row["category_id"],
            category_name=category,
            source_id=row["source_id"],
            source_name=row["source_name"] or "",
            reported_at=row["reported_at"],
            reported_by=row["reported_by"],
            reporter_name=row["reporter_name"],
            shift_date=row["shift_date"],
            shift_code=row["shift_code"],
            acknowledged_at=row["acknowledged_at"],
            acknowledged_by_name=row["acknowledged_by_name"],
            started_at=row["started_at"],
            escalated_at=row["escalated_at"],
            escalated_to=row["escalated_to"],
            escalation_reason=row["escalation_reason"],
            escalated_by_name=row["escalated_by_name"],
            resolved_at=row["resolved_at"],
            resolved_by_name=row["resolved_by_name"],
            resolution=row["resolution"],
            closed_at=row["closed_at"],
            closed_by_name=row["closed_by_name"],
            response_minutes=row["response_minutes"],
            resolution_minutes=row["resolution_minutes"],
            respond_target_minutes=row["respond_target_minutes"],
            resolve_target_minutes=row["resolve_target_minutes"],
            responded_on_time=flag(row["responded_on_time"]),
            resolved_on_time=flag(row["resolved_on_time"]),
            reopened_from=row["reopened_from"],
            process_version=row["process_version"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            overdue_response=overdue_response,
            overdue_resolution=overdue_resolution,
        )

    def get(self, incident_id: int) -> Incident:
        cursor = self._db.execute(_SELECT + " WHERE i.id = ?", [incident_id])
        found = cursor.fetchone()
        if found is None:
            raise NotFound(f"事件不存在：{incident_id}", en=f"No such incident: {incident_id}")
        names = [c[0] for c in cursor.description]
        return self._to_incident(dict(zip(names, found, strict=True)), self._desk.clock())

    def timeline(self, incident_id: int) -> list[TimelineEntry]:
        rows = self._db.execute(
            "SELECT e.id, e.incident_id, e.at, e.author_id, p.name, e.kind, e.from_status,"
            " e.to_status, e.body, e.recorded_at FROM incident_events e"
            " JOIN people p ON p.id = e.author_id WHERE e.incident_id = ? ORDER BY e.at, e.id",
            [incident_id],
        ).fetchall()
        return [TimelineEntry(*r) for r in rows]

    def attachments(self, incident_id: int) -> list[Attachment]:
        rows = self._db.execute(
            "SELECT a.id, a.incident_id, a.filename, a.mime_type, a.size, a.sha256,"
            " a.added_at, a.added_by, p.name FROM incident_attachments a"
            " JOIN people p ON p.id = a.added_by WHERE a.incident_id = ? ORDER BY a.id",
            [incident_id],
        ).fetchall()
        return [Attachment(*r) for r in rows]

    def attachment_data(self, attachment_id: int) -> bytes:
        found = self._db.execute(
            "SELECT data FROM incident_attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        if found is None:
            raise NotFound(
                f"附件不存在：{attachment_id}", en=f"No such attachment: {attachment_id}"
            )
        return bytes(found[0])

    def reopened_as(self, incident_id: int) -> int | None:
        found = self._db.execute(
            "SELECT id FROM incidents WHERE reopened_from = ?", [incident_id]
        ).fetchone()
        return found[0] if found else None

    def allowed_actions(self, incident: Incident, person: Person) -> list[str]:
        """The transitions ``person`` may make now (the UI enables exactly these)."""
        allowed = [
            action
            for action, (sources, _target, permission) in TRANSITIONS.items()
            if incident.status in sources and person.may(permission)
        ]
        if incident.status != "closed" and person.may("incidents.handle"):
            allowed.append("note")
        if (
            incident.status == "closed"
            and person.may("incidents.report")
            and self.reopened_as(incident.id) is None
        ):
            allowed.append("reopen")
        return allowed

    # -- the list: filters, search, paging -------------------------------------------
    def _day_start(self, day: date) -> str:
        zone = self._desk.settings.site_zone()
        return to_iso(datetime.combine(day, time(0, 0), tzinfo=zone))

    def _where(
        self, flt: IncidentFilter, *, for_count: bool = False
    ) -> tuple[list[str], list[Any], str]:
        where: list[str] = []
        params: list[Any] = []
        mode = "all"
        if flt.query.strip():
            plan = incident_search.plan(flt.query)
            if plan.match is not None:
                # Few hits: let SQLite start from the FTS hits and sort them. Many hits
                # (告警 matches a quarter of all incidents): the unary + stops SQLite from
                # driving by the hit list, so it walks the list order (incidents_reported)
                # and stops after one page, checking each id against the hit set.
                many = (
                    not for_count
                    and self._db.execute(
                        "SELECT count(*) FROM (SELECT 1 FROM incident_fts WHERE incident_fts"
                        " MATCH ? LIMIT ?)",
                        [plan.match, FTS_DRIVER_LIMIT + 1],
                    ).fetchone()[0]
                    > FTS_DRIVER_LIMIT
                )
                mode = "fts-scan" if many else "fts"
                where.append(
                    f"{'+' if many else ''}i.id IN"
                    " (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)"
                )
                params.append(plan.match)
            elif plan.like:
                # One-character queries: a correlated LIKE, checked row by row in list
                # order, so the first page stops as soon as it is full.
                mode = "like"
                for text in plan.like:
                    where.append(
                        "EXISTS (SELECT 1 FROM incident_search x WHERE x.id = i.id"
                        " AND x.plain LIKE ? ESCAPE '\\')"
                    )
                    params.append(incident_search.like_pattern(text))
            else:
                where.append("0")
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            raise ValidationError(
                "date_to", "结束日期早于开始日期", en="The end date is before the start date"
            )
        if flt.date_from:
            where.append("i.reported_at >= ?")
            params.append(self._day_start(flt.date_from))
        if flt.date_to:
            where.append("i.reported_at < ?")
            params.append(self._day_start(flt.date_to + timedelta(days=1)))
        if flt.statuses:
            unknown = [s for s in flt.statuses if s not in STATUSES]
            if unknown:
                raise ValidationError("status", f"未知状态：{unknown}", en=f"Unknown: {unknown}")
            where.append(f"i.status IN ({', '.join('?' for _ in flt.statuses)})")
            params += list(flt.statuses)
        if flt.severity_ids:
            where.append(f"i.severity_id IN ({', '.join('?' for _ in flt.severity_ids)})")
            params += list(flt.severity_ids)
        if flt.category_id is not None:
            ids = self.reference.category_and_descendants(flt.category_id)
            where.append(f"i.category_id IN ({', '.join('?' for _ in ids)})")
            params += ids
        if flt.person_id is not None:
            where.append(
                "? IN (i.reported_by, i.acknowledged_by, i.started_by, i.escalated_by,"
                " i.resolved_by, i.closed_by)"
            )
            params.append(flt.person_id)
        if flt.shift_date:
            where.append("i.shift_date = ?")
            params.append(flt.shift_date)
        if flt.shift_code:
            where.append("i.shift_code = ?")
            params.append(flt.shift_code)
        if flt.overdue_only:
            where.append(self._overdue_sql())
            params += [self._desk.now_iso()] * 2
        return where, params, mode

    @staticmethod
    def _overdue_sql() -> str:
        return (
            # Written like the partial index incidents_open so that the planner uses it.
            "(i.status NOT IN ('resolved', 'closed') AND ("
            "(i.acknowledged_at IS NULL AND"
            " (julianday(?) - julianday(i.reported_at)) * 1440 > s.respond_minutes)"
            " OR (julianday(?) - julianday(i.reported_at)) * 1440 > s.resolve_minutes))"
        )

    def search(
        self,
        flt: IncidentFilter | None = None,
        *,
        limit: int = 50,
        after: tuple[str, int] | None = None,
    ) -> Page:
        """One page of incidents matching ``flt``, newest reported first (keyset paging)."""
        flt = flt or IncidentFilter()
        where, params, mode = self._where(flt)
        if after is not None:
            where.append("(i.reported_at, i.id) < (?, ?)")
            params += [after[0], after[1]]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        # Two steps: the page's ids without joins (cheap to sort), then the full rows.
        join = " JOIN incident_severities s ON s.id = i.severity_id" if flt.overdue_only else ""
        ids = [
            r[0]
            for r in self._db.execute(
                f"SELECT i.id FROM incidents i{join}{clause}"
                " ORDER BY i.reported_at DESC, i.id DESC LIMIT ?",
                [*params, limit + 1],
            )
        ]
        more = len(ids) > limit
        ids = ids[:limit]
        found: dict[int, Incident] = {}
        if ids:
            cursor = self._db.execute(
                _SELECT + f" WHERE i.id IN ({', '.join('?' for _ in ids)})", ids
            )
            names = [c[0] for c in cursor.description]
            now = self._desk.clock()
            for values in cursor:
                incident = self._to_incident(dict(zip(names, values, strict=True)), now)
                found[incident.id] = incident
        items = tuple(found[i] for i in ids)
        next_cursor = (items[-1].reported_at, items[-1].id) if more and items else None
        return Page(items, next_cursor, mode)

    def iter_all(self, flt: IncidentFilter | None = None, *, batch: int = 1000) -> Any:
        """Every matching incident, page by page (exports)."""
        after = None
        while True:
            page = self.search(flt, limit=batch, after=after)
            yield from page.items
            if page.next_cursor is None:
                return
            after = page.next_cursor

    def count(self, flt: IncidentFilter | None = None) -> int:
        where, params, _mode = self._where(flt or IncidentFilter(), for_count=True)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = (
            "SELECT count(*) FROM incidents i"
            " JOIN incident_severities s ON s.id = i.severity_id" + clause
        )
        return int(self._db.execute(sql, params).fetchone()[0])

    def overdue_count(self) -> int:
        """Open incidents past their response or resolution target (status bar)."""
        return self.count(IncidentFilter(overdue_only=True))
