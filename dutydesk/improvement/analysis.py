"""Analysis of common problems: counts by category per month, top themes, recurring problems.

Months are site-local. Incident categories come from ``incident_category_counts`` when
one is plugged in, else from the incidents table (category path, by reported time), and
without an incidents table from the incidents linked to problems, by problem category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dutydesk.improvement.context import ImprovementContext
from dutydesk.improvement.feedback import CATEGORIES, day_start_iso, local_date
from dutydesk.improvement.problems import RECURRING_OCCURRENCES, ImprovementProblem
from dutydesk.store.context import AreaService

IncidentCategoryCounts = Callable[[date, date], list[tuple[str, int]]]


@dataclass(frozen=True)
class CategoryMonth:
    month: str
    category: str
    subcategory: str | None
    feedback: int
    problems: int


@dataclass(frozen=True)
class Recurrence:
    """A recurring problem and how often it occurred in the period asked about."""

    problem: ImprovementProblem
    occurrences: int


@dataclass(frozen=True)
class Theme:
    label: str
    category: str | None
    count: int


class ImprovementAnalysis(AreaService[ImprovementContext]):
    def __init__(self, desk: ImprovementContext) -> None:
        super().__init__(desk)
        # The incidents feature plugs in here: (start, end) -> [(category label, count)].
        self.incident_category_counts: IncidentCategoryCounts | None = None

    def _bounds(self, start: date, end: date) -> tuple[str, str]:
        return day_start_iso(self._desk, start), day_start_iso(self._desk, end + timedelta(1))

    def monthly_counts(self, start: date, end: date) -> list[CategoryMonth]:
        """Feedback received and problems opened, by month, category and subcategory."""
        low, high = self._bounds(start, end)
        counts: dict[tuple[str, str, str | None], list[int]] = {}
        for column, sql in (
            (
                0,
                "SELECT f.received_at, f.category, s.name FROM feedback f"
                " LEFT JOIN feedback_subcategories s ON s.id = f.subcategory_id"
                " WHERE f.category IS NOT NULL AND f.received_at >= ? AND f.received_at < ?",
            ),
            (
                1,
                "SELECT p.created_at, p.category, s.name FROM problems p"
                " LEFT JOIN feedback_subcategories s ON s.id = p.subcategory_id"
                " WHERE p.created_at >= ? AND p.created_at < ?",
            ),
        ):
            for at, category, subcategory in self._db.execute(sql, [low, high]).fetchall():
                month = local_date(self._desk, at).strftime("%Y-%m")
                counts.setdefault((month, category, subcategory), [0, 0])[column] += 1
        order = list(CATEGORIES)
        return [
            CategoryMonth(month, category, sub, values[0], values[1])
            for (month, category, sub), values in sorted(
                counts.items(),
                key=lambda item: (item[0][0], order.index(item[0][1]), item[0][2] or ""),
            )
        ]

    def category_totals(self, start: date, end: date) -> dict[str, dict[str, int]]:
        """month -> category -> feedback + problems (for a stacked chart)."""
        totals: dict[str, dict[str, int]] = {}
        for row in self.monthly_counts(start, end):
            month = totals.setdefault(row.month, {c: 0 for c in CATEGORIES})
            month[row.category] += row.feedback + row.problems
        return totals

    def feedback_themes(self, start: date, end: date, *, limit: int = 5) -> list[Theme]:
        """The most frequent feedback subcategories (category where none was chosen)."""
        return self._themes(
            "SELECT f.category, s.name FROM feedback f"
            " LEFT JOIN feedback_subcategories s ON s.id = f.subcategory_id"
            " WHERE f.category IS NOT NULL AND f.received_at >= ? AND f.received_at < ?",
            self._bounds(start, end),
            limit,
        )

    def _themes(self, sql: str, bounds: tuple[str, str], limit: int) -> list[Theme]:
        """The ``limit`` most frequent (category, subcategory) pairs that ``sql`` yields for
        ``bounds``, named by the subcategory or else the category."""
        counter: Counter[tuple[str, str | None]] = Counter()
        for category, subcategory in self._db.execute(sql, list(bounds)).fetchall():
            counter[(category, subcategory)] += 1
        return [
            Theme(subcategory or CATEGORIES[category][0], category, count)
            for (category, subcategory), count in counter.most_common(limit)
        ]

    def incident_categories(self, start: date, end: date, *, limit: int = 5) -> list[Theme]:
        if self.incident_category_counts is not None:
            found = sorted(self.incident_category_counts(start, end), key=lambda x: -x[1])
            return [Theme(label, None, count) for label, count in found[:limit]]
        low, high = self._bounds(start, end)
        if {"incidents", "incident_categories"} <= set(self._db.table_names()):
            rows = self._db.execute(
                "SELECT coalesce(p.name || ' / ', '') || c.name, count(*) FROM incidents i"
                " JOIN incident_categories c ON c.id = i.category_id"
                " LEFT JOIN incident_categories p ON p.id = c.parent_id"
                " WHERE i.reported_at >= ? AND i.reported_at < ?"
                " GROUP BY i.category_id ORDER BY count(*) DESC, 1 LIMIT ?",
                [low, high, limit],
            ).fetchall()
            return [Theme(label, None, count) for label, count in rows]
        return self._themes(
            "SELECT p.category, s.name FROM problem_links l JOIN problems p ON p.id = l.problem_id"
            " LEFT JOIN feedback_subcategories s ON s.id = p.subcategory_id"
            " WHERE l.kind = 'incident' AND l.occurred_at >= ? AND l.occurred_at < ?",
            (low, high),
            limit,
        )

    def recurring_problems(
        self, start: date | None = None, end: date | None = None
    ) -> list[Recurrence]:
        """Problems reported repeatedly (or reopened) within the period, most frequent first.

        Without a period every occurrence counts.
        """
        low, high = self._bounds(start, end) if start and end else ("", "9999")
        counts: Counter[int] = Counter()
        for (problem_id,) in self._db.execute(
            "SELECT problem_id FROM feedback WHERE problem_id IS NOT NULL"
            " AND received_at >= ? AND received_at < ?"
            " UNION ALL SELECT problem_id FROM problem_links"
            " WHERE occurred_at >= ? AND occurred_at < ?",
            [low, high, low, high],
        ).fetchall():
            counts[problem_id] += 1
        found = []
        for problem in self._desk.improvement.problems():
            seen = counts.get(problem.id, 0)
            active = bool(seen) or low <= problem.updated_at < high
            if seen >= RECURRING_OCCURRENCES or (problem.reopen_count and active):
                found.append(Recurrence(problem, seen))
        return sorted(found, key=lambda r: (-r.occurrences, -r.problem.reopen_count, r.problem.id))
