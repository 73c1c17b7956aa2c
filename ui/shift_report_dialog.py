"""Choose a day and shift, then preview, print or save its 值班报告 (or the day's 值班日报)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from dutydesk.desk import Desk

if TYPE_CHECKING:
    from ui.session import Session

WHOLE_DAY = ""


class ShiftReportDialog(QDialog):
    """The report is built off the GUI thread and opens in the PDF preview."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("值班报告"))
        today = session.site_today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.shift = QComboBox(self)
        self.shift.addItem(self.tr("全天（值班日报）"), WHOLE_DAY)
        for code, shift in session.desk.roster.shift_types().items():
            self.shift.addItem(f"{shift.name}（{code}）", code)
        form = QFormLayout(self)
        day_label = QLabel(self.tr("日期(&D)："), self)
        day_label.setBuddy(self.day)
        shift_label = QLabel(self.tr("班次(&S)："), self)
        shift_label.setBuddy(self.shift)
        form.addRow(day_label, self.day)
        form.addRow(shift_label, self.shift)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("预览(&P)"))
        buttons.accepted.connect(self.make_report)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.task: Any = None

    def choice(self) -> tuple[str, str]:
        return self.day.date().toString("yyyy-MM-dd"), self.shift.currentData()

    @staticmethod
    def build(desk: Desk, day: str, code: str, progress: Any = None) -> bytes:
        from dutydesk.handover.shift_report import day_report_data, shift_report_data
        from reports.shift import build_day_report, build_shift_report

        if code == WHOLE_DAY:
            return build_day_report(day_report_data(desk, day), progress=progress)
        return build_shift_report(shift_report_data(desk, day, code), progress=progress)

    @Slot()
    def make_report(self) -> None:
        from ui.pdf_preview import show_pdf
        from ui.worker import run_in_background

        day, code = self.choice()
        name = f"值班报告-{day}-{code or '全天'}.pdf"

        def shown(data: bytes) -> None:
            self.preview = show_pdf(self.parentWidget(), data, title=self.windowTitle(),
                                    suggested_name=name)  # fmt: skip
            self.accept()

        def failed(error: BaseException) -> None:
            self.error.setText(self.session.error_text(error))

        self.task = run_in_background(
            self,
            self.tr("正在生成值班报告…"),
            lambda desk, progress: self.build(desk, day, code, progress),
            shown,
            session=self.session,
            on_error=failed,
        )
