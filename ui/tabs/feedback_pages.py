"""The working pages of the 反馈与改进 tab: feedback inbox, problem board and actions."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.improvement.feedback import ABOUT_KINDS, CATEGORIES, CHANNELS, FEEDBACK_STATUSES
from dutydesk.improvement.problems import (
    ACTION_KINDS,
    ACTION_STATUSES,
    LINK_KINDS,
    PRIORITIES,
    PROBLEM_STATUSES,
    SOURCES,
)
from ui import confirm
from ui.models.feedback_actions import ActionsModel
from ui.models.feedback_inbox import FeedbackInboxModel, pick
from ui.models.feedback_problems import ProblemsModel
from ui.models.feedback_rows import ColumnsModel
from ui.session import Session
from ui.tabs import feedback_dialogs as dialogs

AREA = "feedback"


def table_view(parent: QWidget, model: ColumnsModel, stretch: int | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view


def selected(view: QAbstractItemView) -> Any:
    index = view.currentIndex()
    model = view.model()
    if not index.isValid() or not isinstance(model, ColumnsModel):
        return None
    return model.row(index.row())


def refresh_keeping_selection(view: QAbstractItemView, model: ColumnsModel) -> None:
    """Reload ``model`` and put the cursor back on the same record (by id) if still listed."""
    before = selected(view)
    key = getattr(before, "id", None)
    model.refresh()
    if key is None:
        return
    for number, row in enumerate(model.rows):
        if getattr(row, "id", None) == key:
            view.setCurrentIndex(model.index(number, 0))
            view.scrollTo(model.index(number, 0))
            return


class FeedbackPage(QWidget):
    """A page refreshes its models on ``refresh()``; writes go through ``run_dialog``."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def may(self, permission: str) -> bool:
        return self.session.person.may(permission)

    def button(self, text: str, slot: Any, permission: str | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        if permission is not None and not self.may(permission):
            button.setEnabled(False)
            button.setToolTip(self.tr("您的角色无权执行此操作"))
        return button

    def run_dialog(self, dialog: QDialog) -> bool:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.session.data_changed.emit(AREA)
        return accepted

    def show_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("反馈与改进"), self.session.error_text(error))

    def need(self, row: Any, what: str) -> bool:
        if row is None:
            QMessageBox.information(self, self.tr("反馈与改进"), what)
            return False
        return True

    def refresh(self) -> None:
        raise NotImplementedError

    def print_pdf(self, title: str, name: str, build: Any) -> None:
        """Make a PDF off the GUI thread with ``build(desk, progress)`` and preview it."""
        from ui.pdf_preview import show_pdf
        from ui.worker import run_in_background

        def done(data: bytes) -> None:
            self.last_pdf = data
            self.preview = show_pdf(self, data, title=title, suggested_name=name)

        self.task = run_in_background(self, title, build, done, session=self.session)


class InboxPage(FeedbackPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = FeedbackInboxModel(session, self)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("全部"), None)
        for code, pair in FEEDBACK_STATUSES.items():
            self.status.addItem(pick(pair, session), code)
        self.status.currentIndexChanged.connect(self._filter)
        status_label = QLabel(self.tr("状态(&Z)："), self)
        status_label.setBuddy(self.status)
        self.view = table_view(self, self.model, stretch=7)
        self.view.selectionModel().currentRowChanged.connect(self._show)
        self.detail = QTextBrowser(self)
        self.detail.setMaximumHeight(150)
        bar = QHBoxLayout()
        bar.addWidget(status_label)
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.submit_button = self.button(self.tr("提交反馈(&N)…"), self.submit, "feedback.submit")
        self.submit_button.setToolTip(self.tr("任何页面均可按 Ctrl+Shift+F 提交反馈"))
        bar.addWidget(self.submit_button)
        for text, slot in (
            (self.tr("分类(&C)…"), self.classify),
            (self.tr("转为问题(&P)…"), self.to_problem),
            (self.tr("归入已有问题(&J)…"), self.join_problem),
            (self.tr("不采纳(&R)…"), self.reject),
            (self.tr("答复(&A)…"), self.reply),
        ):
            bar.addWidget(self.button(text, slot, "feedback.classify"))
        bar.addWidget(
            self.button(self.tr("子类管理(&M)…"), self.subcategories, "feedback.categories")
        )
        bar.addWidget(self.button(self.tr("意见汇总(&U)…"), self.summary))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)

    def refresh(self) -> None:
        refresh_keeping_selection(self.view, self.model)
        self._show(self.view.currentIndex(), QModelIndex())

    @Slot()
    def summary(self) -> None:
        """Ask for a period (this month so far by default) and preview its 意见汇总."""
        from ui.tabs.feedback_review_dialogs import PeriodDialog

        dialog = PeriodDialog(self.session, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start, end = dialog.period()
        self.print_summary(start, end)

    def print_summary(self, start: Any, end: Any) -> None:
        def build(desk: Any, progress: Any) -> bytes:
            from reports.printouts import build_feedback_summary

            return build_feedback_summary(desk, start, end, progress=progress)

        self.print_pdf(self.tr("意见汇总"), f"feedback-{start}-{end}.pdf", build)

    @Slot()
    def subcategories(self) -> None:
        dialog = dialogs.SubcategoriesDialog(self.session, self)
        dialog.exec()
        if dialog.changed:
            self.session.data_changed.emit(AREA)

    @Slot()
    def _filter(self) -> None:
        self.model.status = self.status.currentData()
        self.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = selected(self.view) if current.isValid() else None
        if entry is None:
            self.detail.clear()
            return
        s = self.session
        giver = self.tr("匿名") if entry.anonymous else escape(entry.giver_name)
        lines = [
            f"<b>#{entry.id}</b> {escape(s.site_date(entry.received_at))} · "
            f"{escape(pick(CHANNELS[entry.channel], s))} · {giver} · "
            f"{escape(pick(FEEDBACK_STATUSES[entry.status], s))}",
            escape(entry.text).replace("\n", "<br>"),
        ]
        if entry.about_kind:
            lines.append(
                self.tr("关于：{0} {1}").format(
                    escape(pick(ABOUT_KINDS[entry.about_kind], s)), escape(entry.about_ref or "")
                )
            )
        if entry.problem_id:
            lines.append(self.tr("已转问题 #{0}").format(entry.problem_id))
        if entry.reject_reason:
            lines.append(self.tr("不采纳理由：{0}").format(escape(entry.reject_reason)))
        if entry.reply:
            lines.append(self.tr("答复：{0}").format(escape(entry.reply)))
        self.detail.setHtml("<br>".join(lines))

    def current(self) -> Any:
        return selected(self.view)

    @Slot()
    def submit(self) -> None:
        self.run_dialog(dialogs.FeedbackDialog(self.session, self))

    @Slot()
    def classify(self) -> None:
        entry = self.current()
        if self.need(entry, self.tr("请先选择一条反馈")):
            self.run_dialog(dialogs.ClassifyDialog(self.session, entry, self))

    @Slot()
    def to_problem(self) -> None:
        entry = self.current()
        if self.need(entry, self.tr("请先选择一条反馈")):
            self.run_dialog(dialogs.ProblemDialog(self.session, self, feedback=[entry]))

    @Slot()
    def join_problem(self) -> None:
        entry = self.current()
        if self.need(entry, self.tr("请先选择一条反馈")):
            self.run_dialog(dialogs.JoinProblemDialog(self.session, entry, self))

    @Slot()
    def reject(self) -> None:
        entry = self.current()
        if not self.need(entry, self.tr("请先选择一条反馈")):
            return
        desk, me = self.session.desk, self.session.person
        self.run_dialog(
            dialogs.TextDialog(
                self.session,
                self.tr("不采纳"),
                self.tr("理由(&R)"),
                "reason",
                lambda text: desk.feedback.reject(me, entry.id, reason=text),
                self,
                intro=entry.text
                + "\n\n"
                + self.tr("不采纳后这条反馈结束处理，理由会留在记录中，反馈人可以看到。"),
            )
        )

    @Slot()
    def reply(self) -> None:
        entry = self.current()
        if not self.need(entry, self.tr("请先选择一条反馈")):
            return
        desk, me = self.session.desk, self.session.person
        self.run_dialog(
            dialogs.TextDialog(
                self.session,
                self.tr("答复反馈人"),
                self.tr("答复(&R)"),
                "reply",
                lambda text: desk.feedback.reply(me, entry.id, text=text),
                self,
                intro=entry.text,
            )
        )


class ProblemsPage(FeedbackPage):
    """The board: one column per status; a recurring problem is marked ↻ and shaded."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.columns: dict[str, tuple[QLabel, QListView, ProblemsModel]] = {}
        self.current_problem: Any = None
        board = QHBoxLayout()
        for status, pair in PROBLEM_STATUSES.items():
            model = ProblemsModel(session, status, self)
            view = QListView(self)
            view.setModel(model)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(True)
            view.selectionModel().currentChanged.connect(
                lambda current, _p, v=view: self._select(v, current)
            )
            title = QLabel(pick(pair, session), self)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setStyleSheet("font-weight: bold; padding: 4px; background: #e4ecf3;")
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(view, 1)
            board.addLayout(column, 1)
            self.columns[status] = (title, view, model)
        self.detail = QTextBrowser(self)
        bar = QHBoxLayout()
        for text, slot in (
            (self.tr("新建问题(&N)…"), self.new_problem),
            (self.tr("分析/编辑(&E)…"), self.edit_problem),
            (self.tr("关联记录(&L)…"), self.add_link),
            (self.tr("添加措施(&A)…"), self.add_action),
            (self.tr("关闭问题(&C)"), self.close_problem),
            (self.tr("重开(&O)…"), self.reopen_problem),
        ):
            bar.addWidget(self.button(text, slot, "improvement.manage"))
        bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        holder = QWidget(self)
        holder.setLayout(board)
        splitter.addWidget(holder)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        for status, (title, _view, model) in self.columns.items():
            model.refresh()
            title.setText(f"{pick(PROBLEM_STATUSES[status], self.session)} ({model.rowCount()})")
        if self.current_problem is not None:
            try:
                self.current_problem = self.session.desk.improvement.problem(
                    self.current_problem.id
                )
            except DutyDeskError:
                self.current_problem = None
        self._show()

    def _select(self, view: QListView, current: QModelIndex) -> None:
        if not current.isValid():
            return
        for _title, other, _model in self.columns.values():
            if other is not view:
                other.clearSelection()
        self.current_problem = selected(view)
        self._show()

    def _show(self) -> None:
        p = self.current_problem
        if p is None:
            self.detail.setHtml(self.tr("选择一个问题查看分析、关联记录和整改措施。"))
            return
        s = self.session
        desk = s.desk
        parts = [
            f"<h3>#{p.id} {escape(p.title)}</h3>",
            escape(
                f"{pick(CATEGORIES[p.category], s)}"
                + (f" / {p.subcategory}" if p.subcategory else "")
                + f" · {pick(SOURCES[p.source], s)} · {pick(PRIORITIES[p.priority], s)}"
                + f" · {pick(PROBLEM_STATUSES[p.status], s)}"
                + (f" · {p.owner_name}" if p.owner_name else "")
            ),
        ]
        if p.recurring:
            parts.append(
                "<p style='color:#b00020'>"
                + self.tr("重复发生：{0} 次报告，重开 {1} 次").format(p.occurrences, p.reopen_count)
                + (f"（{escape(p.reopen_reason)}）" if p.reopen_reason else "")
                + "</p>"
            )
        if p.description:
            parts.append(f"<p>{escape(p.description).replace(chr(10), '<br>')}</p>")
        if p.whys:
            parts.append(
                "<p><b>"
                + self.tr("五问")
                + "</b><ol>"
                + "".join(f"<li>{escape(w)}</li>" for w in p.whys)
                + "</ol>"
            )
        if p.root_cause:
            parts.append("<p><b>" + self.tr("根本原因：") + f"</b>{escape(p.root_cause)}</p>")
        links = desk.improvement.links(p.id)
        entries = desk.feedback.list(problem_id=p.id, limit=50)
        if links or entries:
            items = [
                f"<li>{escape(pick(LINK_KINDS[link.kind], s))} {escape(link.ref)}"
                f" · {escape(s.site_date(link.occurred_at))}</li>"
                for link in links
            ] + [
                f"<li>{self.tr('反馈')} #{f.id} · {escape(s.site_date(f.received_at))} · "
                f"{escape(f.text[:60])}</li>"
                for f in entries
            ]
            parts.append("<p><b>" + self.tr("关联记录") + "</b><ul>" + "".join(items) + "</ul>")
        actions = desk.improvement.actions(problem_id=p.id)
        if actions:
            parts.append(
                "<p><b>"
                + self.tr("整改措施")
                + "</b><ul>"
                + "".join(
                    f"<li>#{a.id} [{escape(pick(ACTION_KINDS[a.kind], s))}] {escape(a.title)} · "
                    f"{escape(a.owner_name)} · {a.due_on} · "
                    f"{escape(pick(ACTION_STATUSES[a.status], s))}</li>"
                    for a in actions
                )
                + "</ul>"
            )
        self.detail.setHtml("".join(parts))

    def _need(self) -> bool:
        return self.need(self.current_problem, self.tr("请先在看板上选择一个问题"))

    @Slot()
    def new_problem(self) -> None:
        self.run_dialog(dialogs.ProblemDialog(self.session, self))

    @Slot()
    def edit_problem(self) -> None:
        if self._need():
            self.run_dialog(dialogs.ProblemDialog(self.session, self, problem=self.current_problem))

    @Slot()
    def add_link(self) -> None:
        if self._need():
            self.run_dialog(dialogs.LinkDialog(self.session, self.current_problem, self))

    @Slot()
    def add_action(self) -> None:
        if self._need():
            self.run_dialog(
                dialogs.ActionDialog(self.session, self, problem_id=self.current_problem.id)
            )

    @Slot()
    def close_problem(self) -> None:
        if not self._need():
            return
        text = self.tr("关闭问题“{0}”？\n关闭后问题不再跟踪，它的措施和记录保留。").format(
            self.current_problem.title
        )
        if not confirm.confirm(self, self.tr("关闭问题"), text, self.tr("关闭问题")):
            return
        try:
            self.session.desk.improvement.close_problem(
                self.session.person, self.current_problem.id
            )
        except DutyDeskError as error:
            self.show_error(error)
            return
        self.session.data_changed.emit(AREA)

    @Slot()
    def reopen_problem(self) -> None:
        if not self._need():
            return
        desk, me, problem = self.session.desk, self.session.person, self.current_problem
        self.run_dialog(
            dialogs.TextDialog(
                self.session,
                self.tr("重开问题"),
                self.tr("原因(&R)"),
                "reason",
                lambda text: desk.improvement.reopen_problem(me, problem.id, reason=text),
                self,
                intro=problem.title,
            )
        )


class ActionsPage(FeedbackPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ActionsModel(session, self)
        self.overdue = QCheckBox(self.tr("只看逾期(&O)"), self)
        self.overdue.toggled.connect(self._filter)
        self.unfinished = QCheckBox(self.tr("只看未完成(&U)"), self)
        self.unfinished.toggled.connect(self._filter)
        self.view = table_view(self, self.model, stretch=2)
        self.summary = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.overdue)
        bar.addWidget(self.unfinished)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.button(self.tr("新建措施(&N)…"), self.new_action, "improvement.manage"))
        bar.addWidget(self.button(self.tr("填报完成(&D)…"), self.complete, "improvement.act"))
        bar.addWidget(self.button(self.tr("验证(&Y)…"), self.verify, "improvement.verify"))
        bar.addWidget(self.button(self.tr("取消措施(&X)…"), self.cancel, "improvement.manage"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        refresh_keeping_selection(self.view, self.model)
        overdue = len(self.session.desk.improvement.actions(overdue_only=True))
        self.summary.setText(self.tr("逾期 {0} 项").format(overdue))
        self.summary.setStyleSheet("color: #b00020;" if overdue else "")

    @Slot()
    def _filter(self) -> None:
        self.model.overdue_only = self.overdue.isChecked()
        self.model.unfinished_only = self.unfinished.isChecked()
        self.refresh()

    def _current(self) -> Any:
        action = selected(self.view)
        return action if self.need(action, self.tr("请先选择一项措施")) else None

    @Slot()
    def new_action(self) -> None:
        self.run_dialog(dialogs.ActionDialog(self.session, self))

    @Slot()
    def complete(self) -> None:
        action = self._current()
        if action is not None:
            self.run_dialog(dialogs.CompleteDialog(self.session, action, self))

    @Slot()
    def verify(self) -> None:
        action = self._current()
        if action is None:
            return
        if action.owner_id == self.session.person.id:
            QMessageBox.warning(
                self,
                self.tr("验证措施效果"),
                self.tr("您是该措施的负责人，不能验证自己的措施，请由其他值班长或管理员验证。"),
            )
            return
        self.run_dialog(dialogs.VerifyDialog(self.session, action, self))

    @Slot()
    def cancel(self) -> None:
        action = self._current()
        if action is None:
            return
        desk, me = self.session.desk, self.session.person
        self.run_dialog(
            dialogs.TextDialog(
                self.session,
                self.tr("取消措施"),
                self.tr("原因(&R)"),
                "reason",
                lambda text: desk.improvement.cancel_action(me, action.id, reason=text),
                self,
                intro=action.title
                + "\n\n"
                + self.tr("取消后这项措施不再跟踪，不能恢复；原因会留在记录中。"),
            )
        )
