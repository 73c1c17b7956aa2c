"""The 意见汇总 (feedback summary) of a period: counts by channel and by 流程/技术/人员,
the themes (subcategories) raised most, the replies given and the items still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dutydesk.errors import ValidationError
from dutydesk.improvement.analysis import Theme
from dutydesk.improvement.feedback import (
    CATEGORIES,
    CHANNELS,
    Feedback,
    _feedback,
    day_start_iso,
)

if TYPE_CHECKING:
    from dutydesk.improvement.context import ImprovementContext

OPEN_STATUSES = ("new", "classified")
UNCLASSIFIED = ("未分类", "Unclassified")


@dataclass(frozen=True)
class FeedbackSummary:
    site_name: str
    start: date
    end: date
    total: int
    anonymous: int
    by_channel: tuple[tuple[str, int], ...]  # (channel code, count) in CHANNELS order
    by_category: tuple[tuple[str | None, int], ...]  # None = not yet classified
    by_status: tuple[tuple[str, int], ...]
    themes: tuple[Theme, ...]  # most raised first
    replied: tuple[Feedback, ...]
    open_items: tuple[Feedback, ...]
    entries: tuple[Feedback, ...]


def feedback_summary(desk: ImprovementContext, start: date, end: date) -> FeedbackSummary:
    """All feedback received from ``start`` to ``end`` (site-local days, both included)."""
    if end < start:
        raise ValidationError(
            "end",
            f"结束日期 {end} 早于开始日期 {start}",
            en=f"The end date {end} is before the start date {start}",
        )
    rows = desk.db.query(
        "SELECT f.*, s.name AS subcategory, p.name AS person_name FROM feedback f"
        " LEFT JOIN feedback_subcategories s ON s.id = f.subcategory_id"
        " LEFT JOIN people p ON p.id = f.giver_id"
        " WHERE f.received_at >= ? AND f.received_at < ?"
        " ORDER BY f.received_at, f.id",
        [day_start_iso(desk, start), day_start_iso(desk, end + timedelta(days=1))],
    )
    entries = tuple(_feedback(r) for r in rows)
    channels = {code: 0 for code in CHANNELS}
    categories: dict[str | None, int] = {code: 0 for code in CATEGORIES}
    categories[None] = 0
    statuses: dict[str, int] = {}
    themes: dict[tuple[str, str], int] = {}
    for entry in entries:
        channels[entry.channel] = channels.get(entry.channel, 0) + 1
        categories[entry.category] = categories.get(entry.category, 0) + 1
        statuses[entry.status] = statuses.get(entry.status, 0) + 1
        if entry.category and entry.subcategory:
            key = (entry.category, entry.subcategory)
            themes[key] = themes.get(key, 0) + 1
    ranked = sorted(themes.items(), key=lambda item: (-item[1], item[0]))
    return FeedbackSummary(
        site_name=desk.settings.get("site_name"),
        start=start,
        end=end,
        total=len(entries),
        anonymous=sum(1 for e in entries if e.anonymous),
        by_channel=tuple(channels.items()),
        by_category=tuple(categories.items()),
        by_status=tuple(statuses.items()),
        themes=tuple(Theme(n, c, k) for (c, n), k in ranked),
        replied=tuple(e for e in entries if e.reply),
        open_items=tuple(e for e in entries if e.status in OPEN_STATUSES),
        entries=entries,
    )
