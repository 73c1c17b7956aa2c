"""Improvement cycles and the KPI comparison of one cycle."""

from __future__ import annotations

from typing import Any

from dutydesk.improvement.cycles import (
    CYCLE_KINDS,
    CYCLE_STATUSES,
    DIRECTIONS,
    Cycle,
    KpiComparison,
)
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.feedback_inbox import pick
from ui.models.feedback_rows import Column, ColumnsModel
from ui.session import Session


def number(value: float | None, unit: str, missing: str) -> str:
    if value is None:
        return missing
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


class CyclesModel(ColumnsModel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        locked = " (locked)" if session.english else "（已锁定）"
        super().__init__(
            [
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "周期"),
                    lambda c: c.title + (locked if c.locked else ""),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "类型"),
                    lambda c: pick(CYCLE_KINDS[c.kind], session),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "起止"),
                    lambda c: f"{c.start_date} – {c.end_date}",
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "状态"),
                    lambda c: pick(CYCLE_STATUSES[c.status], session),
                ),
            ],
            parent,
        )

    def load_all(self) -> list[Cycle]:
        return self.session.desk.cycles.cycles()


class KpiComparisonModel(ColumnsModel):
    """Missing values read 未录入 / not entered, never zero."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        self.session = session
        self.cycle_id: int | None = None
        missing = "not entered" if session.english else "未录入"
        met = {True: ("达标", "Met"), False: ("未达标", "Missed"), None: ("无数据", "No data")}
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("FeedbackModels", "指标"), lambda r: r.label),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "目标"),
                    lambda r: (
                        f"{pick(DIRECTIONS[r.direction], session)} "
                        + number(r.target, r.unit, missing)
                    ),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "本期"),
                    lambda r: number(r.actual, r.unit, missing),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "结果"), lambda r: pick(met[r.met], session)
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "上期"),
                    lambda r: number(r.previous, r.unit, "—"),
                ),
                Column(
                    QT_TRANSLATE_NOOP("FeedbackModels", "变化"),
                    lambda r: "—" if r.change is None else f"{r.change:+.2f}",
                ),
            ],
            parent,
        )

    def load_all(self) -> list[KpiComparison]:
        if self.cycle_id is None:
            return []
        return self.session.desk.cycles.comparison(self.cycle_id)

    def highlight(self, row: KpiComparison) -> str | None:
        return "overdue" if row.met is False else None
