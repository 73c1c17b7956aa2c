"""The review pages of the 反馈与改进 tab: improvement cycles, the meeting log and analysis."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutydesk.clock import site_today
from dutydesk.errors import DutyDeskError
from dutydesk.improvement.cycles import CYCLE_STATUSES
from dutydesk.improvement.meetings import MEETING_KINDS
from dutydesk.improvement.problems import (
    ACTION_STATUSES,
)
from ui.models.feedback_analysis import MonthlyCountsModel, RecurringModel
from ui.models.feedback_cycles import CyclesModel, KpiComparisonModel
from ui.models.feedback_inbox import pick
from ui.models.feedback_meetings import MeetingsModel
from ui.session import Session
from ui.tabs import feedback_dialogs as dialogs
from ui.tabs import feedback_review_dialogs as review_dialogs
from ui.tabs.feedback_pages import AREA, FeedbackPage, selected, table_view


class CyclesPage(FeedbackPage):
    """Plan, progress and evaluation of a cycle; approve with a signature; the PDF report."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = CyclesModel(session, self)
        self.view = table_view(self, self.model, stretch=0)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.kpis = KpiComparisonModel(session, self)
        self.kpi_view = table_view(self, self.kpis, stretch=0)
        self.plan = QTextBrowser(self)
        self.progress = QProgressBar(self)
        self.progress.setFormat(self.tr("已过 %v / %m 天"))
        self.progress_text = QLabel(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.plan, 2)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self.progress_text)
        kpi_label = QLabel(self.tr("指标对比（目标、本期、上期）"), self)
        kpi_label.setBuddy(self.kpi_view)
        right_layout.addWidget(kpi_label)
        right_layout.addWidget(self.kpi_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 840])
        bar = QHBoxLayout()
        bar.addWidget(self.button(self.tr("新建周期(&N)…"), self.new_cycle, "cycle.manage"))
        bar.addWidget(self.button(self.tr("编辑计划(&P)…"), self.edit_plan, "cycle.manage"))
        bar.addWidget(self.button(self.tr("评估(&E)…"), self.evaluate, "cycle.manage"))
        bar.addWidget(self.button(self.tr("批准签名(&Q)…"), self.approve, "cycle.approve"))
        bar.addWidget(self.button(self.tr("开启下一周期(&X)"), self.next_cycle, "cycle.manage"))
        bar.addWidget(self.button(self.tr("评估报告 PDF(&R)"), self.report))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.last_pdf = b""

    def refresh(self) -> None:
        current = self.current()
        self.model.refresh()
        row = 0
        if current is not None:
            for number, cycle in enumerate(self.model.rows):
                if cycle.id == current.id:
                    row = number
        if self.model.rows:
            self.view.selectRow(row)
        self._show()

    def current(self) -> Any:
        return selected(self.view)

    def _show(self) -> None:
        cycle = self.current()
        self.kpis.cycle_id = cycle.id if cycle else None
        self.kpis.refresh()
        if cycle is None:
            self.plan.setHtml(self.tr("还没有优化周期。"))
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress_text.clear()
            return
        s = self.session
        progress = s.desk.cycles.progress(cycle.id)
        self.progress.setRange(0, progress.days_total)
        self.progress.setValue(progress.days_elapsed)
        counts = "　".join(
            f"{pick(ACTION_STATUSES[k], s)} {v}" for k, v in progress.by_status.items() if v
        )
        self.progress_text.setText(
            self.tr("措施 {0} 项：{1}　逾期 {2} 项").format(
                progress.actions_total, counts or "—", progress.overdue
            )
        )
        parts = [
            f"<h3>{escape(cycle.title)}</h3>",
            f"{cycle.start_date} – {cycle.end_date} · "
            f"{escape(pick(CYCLE_STATUSES[cycle.status], s))}"
            + (" · " + self.tr("已锁定") if cycle.locked else ""),
        ]
        if cycle.goals:
            parts.append(
                "<p><b>"
                + self.tr("目标")
                + "</b><ol>"
                + "".join(f"<li>{escape(g)}</li>" for g in cycle.goals)
                + "</ol>"
            )
        if cycle.evaluated_at:
            parts.append(
                "<p><b>"
                + self.tr("评估结论：")
                + f"</b>{escape(cycle.conclusions)}<br><b>"
                + self.tr("调整：")
                + f"</b>{escape(cycle.adjustments or '—')}<br>"
                + self.tr("评估人 {0}，{1}").format(
                    escape(cycle.evaluator_name or ""), s.site_time(cycle.evaluated_at)
                )
                + "</p>"
            )
        for signature in s.desk.cycles.signatures(cycle.id):
            signer = s.desk.people.get(signature.person_id).name
            parts.append(
                "<p>"
                + self.tr("批准签名：{0}，{1}，哈希 {2}").format(
                    escape(signer),
                    s.site_time(signature.signed_at),
                    signature.content_hash[:16] + "…",
                )
                + "</p>"
            )
        self.plan.setHtml("".join(parts))

    def _need(self) -> Any:
        cycle = self.current()
        return cycle if self.need(cycle, self.tr("请先选择一个周期")) else None

    @Slot()
    def new_cycle(self) -> None:
        self.run_dialog(review_dialogs.CycleDialog(self.session, self))

    @Slot()
    def edit_plan(self) -> None:
        cycle = self._need()
        if cycle is not None:
            self.run_dialog(review_dialogs.CycleDialog(self.session, self, cycle=cycle))

    @Slot()
    def evaluate(self) -> None:
        cycle = self._need()
        if cycle is not None:
            self.run_dialog(review_dialogs.EvaluateDialog(self.session, cycle, self))

    @Slot()
    def approve(self) -> None:
        cycle = self._need()
        if cycle is None:
            return
        dialog = review_dialogs.ApproveDialog(self.session, cycle, self)
        if self.run_dialog(dialog):
            self.propose_next(dialog.result_value)

    def propose_next(self, proposal: Any) -> None:
        carried = "\n".join(f"· {a.title}" for a in proposal.carried_actions) or "—"
        if proposal.existing_id is not None:
            offer = self.tr("下一周期“{0}”已存在，将结转未完成措施 {1} 项：").format(
                proposal.title, len(proposal.carried_actions)
            )
        else:
            offer = self.tr("建议开启下一周期：{0}（{1} – {2}），结转未完成措施 {3} 项：").format(
                proposal.title,
                proposal.start_date,
                proposal.end_date,
                len(proposal.carried_actions),
            )
        text = (
            self.tr("周期已批准并锁定。")
            + "\n"
            + offer
            + f"\n{carried}\n\n"
            + self.tr("现在开启？")
        )
        answer = QMessageBox.question(self, self.tr("开启下一周期"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self._create_next(proposal.previous_id)

    @Slot()
    def next_cycle(self) -> None:
        cycle = self._need()
        if cycle is not None:
            self._create_next(cycle.id)

    def _create_next(self, cycle_id: int) -> None:
        try:
            self.session.desk.cycles.create_next(self.session.person, cycle_id)
        except DutyDeskError as error:
            self.show_error(error)
            return
        self.session.data_changed.emit(AREA)

    @Slot()
    def report(self) -> None:
        cycle = self._need()
        if cycle is None:
            return
        from ui.worker import run_in_background

        cycle_id, title = cycle.id, cycle.title

        def work(desk: Any, progress: Any) -> bytes:
            from reports.cycle import build_cycle_report

            return build_cycle_report(desk, cycle_id, progress=lambda d, t: progress(d, t))

        def done(data: bytes) -> None:
            self.last_pdf = data
            from ui.pdf_preview import PdfPreviewDialog

            PdfPreviewDialog(
                data,
                title=self.tr("周期评估报告 — {0}").format(title),
                suggested_name=f"cycle-{cycle_id}.pdf",
                parent=self,
            ).exec()

        self.task = run_in_background(
            self, self.tr("正在生成周期评估报告…"), work, done, session=self.session
        )


class MeetingsPage(FeedbackPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = MeetingsModel(session, self)
        self.view = table_view(self, self.model, stretch=2)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.detail = QTextBrowser(self)
        self.decision = QComboBox(self)
        decision_label = QLabel(self.tr("决议(&D)："), self)
        decision_label.setBuddy(self.decision)
        bar = QHBoxLayout()
        bar.addWidget(self.button(self.tr("记录会议(&N)…"), self.record, "meeting.record"))
        bar.addStretch(1)
        bar.addWidget(decision_label)
        bar.addWidget(self.decision, 1)
        bar.addWidget(self.button(self.tr("转为措施(&A)…"), self.to_action, "improvement.manage"))
        bar.addWidget(self.button(self.tr("打印会议纪要(&P)"), self.print_minutes))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        self.model.refresh()
        self._show()

    def _show(self) -> None:
        meeting = selected(self.view)
        self.decision.clear()
        if meeting is None:
            self.detail.clear()
            return
        s = self.session
        for decision in meeting.decisions:
            if decision.action_id is None:
                self.decision.addItem(f"{decision.position}. {decision.text}", decision.id)
        parts = [
            f"<h3>{escape(meeting.title)}</h3>",
            f"{meeting.held_on} · {escape(pick(MEETING_KINDS[meeting.kind], s))}",
            "<p><b>"
            + self.tr("参会：")
            + "</b>"
            + escape("、".join(name for _id, name in meeting.attendees))
            + "</p>",
        ]
        if meeting.topics:
            parts.append(
                "<p><b>"
                + self.tr("议题")
                + "</b><ol>"
                + "".join(f"<li>{escape(t)}</li>" for t in meeting.topics)
                + "</ol>"
            )
        if meeting.decisions:
            parts.append(
                "<p><b>"
                + self.tr("决议")
                + "</b><ol>"
                + "".join(
                    f"<li>{escape(d.text)}"
                    + (f" → {self.tr('措施')} #{d.action_id}" if d.action_id else "")
                    + "</li>"
                    for d in meeting.decisions
                )
                + "</ol>"
            )
        self.detail.setHtml("".join(parts))

    @Slot()
    def record(self) -> None:
        self.run_dialog(review_dialogs.MeetingDialog(self.session, self))

    @Slot()
    def print_minutes(self) -> None:
        meeting = selected(self.view)
        if not self.need(meeting, self.tr("请先选择一次会议")):
            return
        meeting_id = meeting.id

        def build(desk: Any, progress: Any) -> bytes:
            from reports.printouts import build_minutes

            return build_minutes(desk, meeting_id, progress=progress)

        self.print_pdf(self.tr("会议纪要"), f"minutes-{meeting_id}.pdf", build)

    @Slot()
    def to_action(self) -> None:
        decision_id = self.decision.currentData()
        if not self.need(decision_id, self.tr("请先选择会议和尚未转为措施的决议")):
            return
        decision = self.session.desk.meetings.decision(decision_id)
        self.run_dialog(dialogs.ActionDialog(self.session, self, decision=decision))


class BarChart(QWidget):
    """A small horizontal bar chart (label, value) painted directly; values are counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(120)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars[:8]
        self.setMinimumHeight(24 + 22 * len(self.bars))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有重复发生的问题")
            )
            return
        top = max(value for _label, value in self.bars) or 1
        label_width = min(220, self.width() // 3)
        span = self.width() - label_width - 50
        for index, (label, value) in enumerate(self.bars):
            y = 8 + index * 22
            painter.setPen(QColor("#1f2933"))
            painter.drawText(
                QRectF(0, y, label_width - 8, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            width = span * value / top
            painter.fillRect(QRectF(label_width, y + 2, width, 14), QColor("#1f5f8b"))
            painter.drawText(QRectF(label_width + width + 4, y, 40, 18), str(value))


class AnalysisPage(FeedbackPage):
    """Counts by month and category, the top themes, and recurring problems (table + chart)."""

    PERIODS = (90, 182, 365)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.period = QComboBox(self)
        self.period.addItem(self.tr("近三个月"), 90)
        self.period.addItem(self.tr("近半年"), 182)
        self.period.addItem(self.tr("近一年"), 365)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self.refresh)
        period_label = QLabel(self.tr("期间(&T)："), self)
        period_label.setBuddy(self.period)
        self.monthly = MonthlyCountsModel(session, self)
        self.monthly_view = table_view(self, self.monthly, stretch=2)
        self.recurring = RecurringModel(session, self)
        self.recurring_view = table_view(self, self.recurring, stretch=1)
        self.themes = QLabel(self)
        self.themes.setWordWrap(True)
        self.themes.setTextFormat(Qt.TextFormat.RichText)
        self.chart = BarChart(self)
        bar = QHBoxLayout()
        bar.addWidget(period_label)
        bar.addWidget(self.period)
        bar.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("按月份与类别统计"), self))
        left.addWidget(self.monthly_view, 1)
        left.addWidget(self.themes)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("重复发生的问题"), self))
        right.addWidget(self.recurring_view, 1)
        right.addWidget(self.chart)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(body, 1)

    def bounds(self) -> tuple[date, date]:
        today = site_today(self.session.desk)
        return today - timedelta(days=int(self.period.currentData())), today

    def refresh(self) -> None:
        period = self.bounds()
        self.monthly.period = period
        self.monthly.refresh()
        self.recurring.period = period
        self.recurring.refresh()
        self.chart.set_bars([(r.problem.title, r.occurrences) for r in self.recurring.rows])
        analysis = self.session.desk.improvement_analysis
        themes = analysis.feedback_themes(*period)
        incidents = analysis.incident_categories(*period)
        self.themes.setText(
            "<b>"
            + self.tr("反馈主题：")
            + "</b>"
            + (escape("、".join(f"{t.label} {t.count}" for t in themes)) or "—")
            + "<br><b>"
            + self.tr("事件类别：")
            + "</b>"
            + (escape("、".join(f"{t.label} {t.count}" for t in incidents)) or "—")
        )
