"""Painted widgets of the training area: result bars and the plan's Gantt timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from dutydesk.training.plans import Plan, Task

ACCENT = QColor("#1f5f8b")
ALERT = QColor("#c0392b")
DONE = QColor("#7b8794")
TRACK = QColor("#eef2f6")
TEXT = QColor("#1f2933")
MUTED = QColor("#616e7c")
STATUS_FILL = {
    "todo": QColor("#9fb3c8"),
    "in_progress": ACCENT,
    "blocked": QColor("#d9822b"),
    "done": DONE,
    "cancelled": QColor("#d9e2ec"),
}


class BarsWidget(QWidget):
    """Horizontal bars with "count (share)" for one question's distribution."""

    ROW = 22

    def __init__(
        self,
        labels: Sequence[str],
        counts: Sequence[int],
        total: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.labels, self.counts, self.total = list(labels), list(counts), total
        self.setMinimumHeight(self.ROW * len(self.labels) + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(520, self.ROW * len(self.labels) + 4)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_width = min(220, self.width() // 3)
        space = max(self.width() - label_width - 90, 10)
        most = max([*self.counts, 1])
        for index, (text, count) in enumerate(zip(self.labels, self.counts, strict=True)):
            y = 2 + index * self.ROW
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(0, y, label_width - 8, self.ROW - 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            painter.fillRect(QRectF(label_width, y + 3, space, self.ROW - 10), TRACK)
            length = space * count / most
            painter.fillRect(QRectF(label_width, y + 3, length, self.ROW - 10), ACCENT)
            share = f"{count} ({count / self.total:.0%})" if self.total else str(count)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(label_width + length + 6, y, 90, self.ROW - 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                share,
            )
        painter.end()


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


class GanttWidget(QWidget):
    """Tasks as bars and milestones as diamonds on a month axis; today is a dashed line.
    Overdue tasks and late milestones are red."""

    ROW = 22
    TOP = 24
    LABEL = 230

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.rows: list[tuple[str, object]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_plan(self, plan: Plan) -> None:
        self.plan = plan
        rows: list[tuple[str, object]] = []
        by_milestone: dict[int | None, list[Task]] = {}
        for task in plan.tasks:
            by_milestone.setdefault(task.milestone_id, []).append(task)
        for milestone in plan.milestones:
            rows += [("task", t) for t in by_milestone.get(milestone.id, [])]
            rows.append(("milestone", milestone))
        rows += [("task", t) for t in by_milestone.get(None, [])]
        self.rows = rows
        self.setMinimumHeight(self.TOP + self.ROW * len(rows) + 20)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, self.TOP + self.ROW * len(self.rows) + 20)

    def _span(self) -> tuple[date, date]:
        assert self.plan is not None
        days = [date.fromisoformat(self.plan.today)]
        for task in self.plan.tasks:
            days += [date.fromisoformat(task.start_on), date.fromisoformat(task.due_on)]
        days += [date.fromisoformat(m.due_on) for m in self.plan.milestones]
        return _first_of_month(min(days)), _next_month(max(days))

    def paintEvent(self, event: object) -> None:
        if self.plan is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first, last = self._span()
        total = max((last - first).days, 1)
        width = max(self.width() - self.LABEL - 10, 50)
        today = date.fromisoformat(self.plan.today)
        height = self.TOP + self.ROW * len(self.rows)

        def x_of(day: date) -> float:
            return self.LABEL + width * (day - first).days / total

        month = first
        while month < last:
            x = x_of(month)
            painter.setPen(QPen(QColor("#d9e2ec"), 1))
            painter.drawLine(int(x), self.TOP - 4, int(x), height)
            painter.setPen(MUTED)
            painter.drawText(int(x) + 3, self.TOP - 8, month.strftime("%Y-%m"))
            month = _next_month(month)
        for index, (kind, item) in enumerate(self.rows):
            y = self.TOP + index * self.ROW
            if index % 2 == 0:
                painter.fillRect(QRectF(0, y, self.width(), self.ROW), QColor("#f7f9fb"))
            if kind == "milestone":
                due = date.fromisoformat(item.due_on)  # type: ignore[attr-defined]
                late = item.done_on is None and due < today  # type: ignore[attr-defined]
                color = DONE if item.done_on else (ALERT if late else QColor("#e8a33d"))  # type: ignore[attr-defined]
                cx, cy, r = x_of(due), y + self.ROW / 2, 6
                polygon = QPolygonF()
                for px, py in ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)):
                    polygon.append(QPointF(px, py))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawPolygon(polygon)
                text = f"◆ {item.title}"  # type: ignore[attr-defined]
                text_color = ALERT if late else TEXT
            else:
                task: Task = item  # type: ignore[assignment]
                overdue = task.is_overdue(today)
                x0 = x_of(date.fromisoformat(task.start_on))
                x1 = x_of(date.fromisoformat(task.due_on) + timedelta(days=1))
                fill = ALERT if overdue else STATUS_FILL[task.status]
                painter.fillRect(QRectF(x0, y + 5, max(x1 - x0, 2), self.ROW - 10), fill)
                if task.owner_name:
                    painter.setPen(MUTED)
                    painter.drawText(int(x1) + 4, int(y + self.ROW - 7), task.owner_name)
                text = ("！" if overdue else "") + task.title
                text_color = ALERT if overdue else TEXT
            painter.setPen(text_color)
            painter.drawText(
                QRectF(6, y, self.LABEL - 12, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, self.LABEL - 12
                ),
            )
        if first <= today <= last:
            x = x_of(today)
            pen = QPen(ALERT, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(int(x), self.TOP - 4, int(x), height)
            today_text = self.tr("今天")
            painter.drawText(int(x) - 40, height + 15, f"{today_text} {self.plan.today}")
        painter.end()
