"""Reading the incident log: one incident, its timeline and files, the filtered list."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dutydesk.clock import to_iso
from dutydesk.errors import NotFound, ValidationError
from dutydesk.incidents import search as incident_search
from dutydesk.incidents.records import (
    FTS_DRIVER_LIMIT,
    STATUSES,
    TRANSITIONS,
    Attachment,
    Incident,
    IncidentFilter,
    IncidentPage,
    TimelineEntry,
)
from dutydesk.incidents.rows import COLUMNS as _COLUMNS
from dutydesk.incidents.rows import ID, REPORTED_AT, Lookups, build
from dutydesk.people.auth import Person
from dutydesk.people.context import PeopleContext
from dutydesk.store.context import AreaService

if TYPE_CHECKING:
    from dutydesk.incidents.reference import ReferenceData


_EVERYTHING = IncidentFilter()


# Reading a full-text hit with its incident costs about as much as walking this many
# entries of incidents_reported (measured on the ten-year database).
_JOIN_COST = 8


def _list_key(row: tuple[Any, ...]) -> tuple[str, int]:
    return row[REPORTED_AT], row[ID]


class IncidentQueries(AreaService[PeopleContext]):
    """The read side of ``IncidentService`` (mixed in); never writes."""

    reference: ReferenceData
    _lookup_cache: Lookups | None = None

    # -- reading ---------------------------------------------------------------------
    def _lookups(self) -> Lookups:
        """Severities, categories, sources and people names, cached until anything changes.

        The list shows a page of 100 incidents; joining nine small tables for every row
        cost more than reading the rows. The cache is dropped when this connection writes
        anything (``total_changes``) or another connection commits (``data_version``).
        """
        key = (
            self._db.conn.total_changes,
            self._db.execute("PRAGMA data_version").fetchone()[0],
        )
        cached = self._lookup_cache
        if cached is None or cached.key != key:
            cached = Lookups.load(self._db, key)
            self._lookup_cache = cached
        return cached

    def _incidents(self, rows: list[tuple[Any, ...]], now: datetime) -> list[Incident]:
        """Incidents from rows of ``_COLUMNS``, names taken from the cached lookups."""
        try:
            return build(rows, now, self._lookups())
        except KeyError:
            # A name the cache does not hold (a change it did not see): load it again.
            self._lookup_cache = None
            return build(rows, now, self._lookups())

    def get(self, incident_id: int) -> Incident:
        found = self._db.execute(
            f"SELECT {_COLUMNS} FROM incidents i WHERE i.id = ?", [incident_id]
        ).fetchall()
        if not found:
            raise NotFound(f"事件不存在：{incident_id}", en=f"No such incident: {incident_id}")
        return self._incidents(found, self._desk.clock())[0]

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
    ) -> IncidentPage:
        """One page of incidents matching ``flt``, newest reported first (keyset paging)."""
        flt = flt or _EVERYTHING
        only_text = flt.query.strip() and flt == IncidentFilter(query=flt.query)
        if flt == _EVERYTHING:
            # The whole list walks incidents_reported in order: one step, no sort.
            rows: list[tuple[Any, ...]] = self._db.execute(
                f"SELECT {_COLUMNS} FROM incidents i INDEXED BY incidents_reported"
                + ("" if after is None else " WHERE (i.reported_at, i.id) < (?, ?)")
                + " ORDER BY i.reported_at DESC, i.id DESC LIMIT ?",
                [*(after or ()), limit + 1],
            ).fetchall()
            return self._page(rows, limit, "all")
        if only_text:
            plan = incident_search.plan(flt.query)
            if plan.match is not None:
                rows = self._hits(plan.match, limit + 1, after)
                return self._page(rows, limit, "fts")
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
        rows = []
        if ids:
            by_id = {
                r[ID]: r
                for r in self._db.execute(
                    f"SELECT {_COLUMNS} FROM incidents i"
                    f" WHERE i.id IN ({', '.join('?' for _ in ids)})",
                    ids,
                )
            }
            rows = [by_id[i] for i in ids if i in by_id]
        return self._page(rows, limit, mode)

    def _page(self, rows: list[tuple[Any, ...]], limit: int, mode: str) -> IncidentPage:
        """A page of ``rows`` (list order, at most ``limit + 1``: one more means more)."""
        items = tuple(self._incidents(rows[:limit], self._desk.clock()))
        more = len(rows) > limit
        next_cursor = (items[-1].reported_at, items[-1].id) if more and items else None
        return IncidentPage(items, next_cursor, mode)

    def _hits(
        self, match: str, wanted: int, after: tuple[str, int] | None = None
    ) -> list[tuple[Any, ...]]:
        """The first ``wanted`` full-text hits in list order after the cursor ``after``
        (from the top when None), in one pass over the index.

        Hits are read newest id first (the index's own order, no sort) with their rows,
        below the cursor's id. Ids follow the order of reporting closely but not exactly
        (an incident may be entered after a later one), so a hit outside the ids read
        could still belong on the page: one with a smaller id than every row read, or
        (after a cursor) one entered after the cursor's incident but reported before it.
        Those few are found through incidents_reported (only rows between the page's end
        and the cursor) and kept if they match.
        """
        hits = (
            f"SELECT {_COLUMNS} FROM incident_fts f CROSS JOIN incidents i ON i.id = f.rowid"
            " WHERE incident_fts MATCH ?"
        )
        if after is None:
            rows = self._db.execute(
                f"{hits} ORDER BY f.rowid DESC LIMIT ?", [match, wanted]
            ).fetchall()
        else:
            cursor_at, cursor_id = after
            rows = self._db.execute(
                f"{hits} AND f.rowid < ? AND (i.reported_at, i.id) < (?, ?)"
                " ORDER BY f.rowid DESC LIMIT ?",
                [match, cursor_id, cursor_at, cursor_id, wanted],
            ).fetchall()
        if len(rows) < wanted:
            if after is not None:
                # Every hit below the cursor's id is read: add those entered after it.
                rows += self._entered_later(hits, match, after)
            rows.sort(key=_list_key, reverse=True)
            return rows[:wanted]
        rows.sort(key=_list_key, reverse=True)
        last = rows[-1]
        lowest = min(r[ID] for r in rows)
        # (A plain range on reported_at walks the covering index faster than a row value.
        # The index and the join order are named: statistics must never turn these into
        # a scan of the whole table.)
        if after is None:
            candidates = self._db.execute(
                "SELECT reported_at, id FROM incidents INDEXED BY incidents_reported"
                " WHERE reported_at >= ? AND +id < ?",
                [last[REPORTED_AT], lowest],
            )
        else:
            candidates = self._db.execute(
                "SELECT reported_at, id FROM incidents INDEXED BY incidents_reported"
                " WHERE reported_at >= ? AND reported_at <= ? AND (+id < ? OR +id > ?)",
                [last[REPORTED_AT], after[0], lowest, after[1]],
            )
        earlier_ids = [
            r[1]
            for r in candidates
            if (r[0], r[1]) > (last[REPORTED_AT], last[ID])
            and (after is None or (r[0], r[1]) < after)
        ]
        for start in range(0, len(earlier_ids), 500):
            chunk = earlier_ids[start : start + 500]
            rows += self._db.execute(
                f"{hits} AND f.rowid IN ({', '.join('?' for _ in chunk)})", [match, *chunk]
            ).fetchall()
        if earlier_ids:
            rows.sort(key=_list_key, reverse=True)
        return rows[:wanted]

    def _entered_later(
        self, hits: str, match: str, after: tuple[str, int]
    ) -> list[tuple[Any, ...]]:
        """Hits entered after the cursor's incident (a larger id) but listed below it.

        Two ways, the cheaper one by the ids' spread (ids follow reporting time closely):
        the hits above the cursor's id, each joined to its incident (near the newest end),
        or the incidents reported before the cursor on incidents_reported, looked up in the
        index only where entered later (near the oldest end, the last page of a list).
        """
        cursor_at, cursor_id = after
        # (One aggregate per statement: SQLite then reads just one end of the table.)
        lowest, highest = self._db.execute(
            "SELECT (SELECT min(id) FROM incidents), (SELECT max(id) FROM incidents)"
        ).fetchone()
        if lowest is None:
            return []
        if (highest - cursor_id) * _JOIN_COST <= cursor_id - lowest:
            return list(
                self._db.execute(
                    f"{hits} AND f.rowid > ? AND (i.reported_at, i.id) < (?, ?)",
                    [match, cursor_id, cursor_at, cursor_id],
                )
            )
        later = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM incidents INDEXED BY incidents_reported"
                " WHERE reported_at < ? AND +id > ?",
                [cursor_at, cursor_id],
            )
        ]
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(later), 500):
            chunk = later[start : start + 500]
            found += self._db.execute(
                f"{hits} AND f.rowid IN ({', '.join('?' for _ in chunk)})", [match, *chunk]
            ).fetchall()
        return found

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
