"""The status-bar summary every officer glances at: who is on duty, open items, overdue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from dutydesk.errors import DutyDeskError

if TYPE_CHECKING:
    from ui.session import Session

REFRESH_MS = 60_000


class DutyStatus(QWidget):
    """On duty now (shift and people), open handover items and overdue incidents.

    Refreshes after any write in the session and once a minute, so a shift change or a
    target passing shows without a click.
    """

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, refresh_now: bool = True
    ) -> None:
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.on_duty_label = QLabel(self)
        self.open_items_label = QLabel(self)
        self.overdue_label = QLabel(self)
        for label in (self.on_duty_label, self.open_items_label, self.overdue_label):
            layout.addWidget(label)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        session.data_changed.connect(self.refresh)
        if refresh_now:  # the main window refreshes it after its first paint instead
            self.refresh()

    @Slot()
    def refresh(self, _area: str = "") -> None:
        desk = self.session.desk
        try:
            on_duty = desk.roster.on_duty(desk.clock())
            open_items = len(desk.handover.open_items())
            overdue = desk.incidents.overdue_count()
        except DutyDeskError as error:
            self.on_duty_label.setText(self.session.error_text(error))
            return
        if on_duty:
            shift = on_duty[0].shift
            names = (", " if self.session.english else "、").join(d.person.name for d in on_duty)
            self.on_duty_label.setText(self.tr("在岗：{0}（{1}）").format(names, shift.name))
        else:
            self.on_duty_label.setText(self.tr("在岗：未排班"))
        self.open_items_label.setText(self.tr("遗留问题：{0}").format(open_items))
        self.overdue_label.setText(self.tr("超时事件：{0}").format(overdue))
        self.overdue_label.setStyleSheet("color: #b00020;" if overdue else "")
