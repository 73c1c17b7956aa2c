"""The result of 校验数据库: a summary and every problem with its table and row."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutydesk.store.verify import VerifyReport
from ui.models.problems import COL_MESSAGE, VerifyProblemsModel
from ui.session import Session


def verification_pdf_available() -> bool:
    """The verification PDF comes from reports/verification.py, which may not exist yet."""
    if sys.modules.get("reports.verification") is not None:
        return True
    try:
        return importlib.util.find_spec("reports.verification") is not None
    except (ImportError, ValueError):
        return False


class VerifyResultDialog(QDialog):
    def __init__(
        self, session: Session, report: VerifyReport, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.report = report
        self.pdf_preview: Any = None
        self.setWindowTitle(self.tr("校验结果"))
        if report.ok:
            headline = self.tr("校验通过：未发现问题。")
        else:
            headline = self.tr("校验发现 {0} 个问题。").format(len(report.problems))
        self.summary = QLabel(
            headline
            + "\n"
            + self.tr("审计记录 {0} 条，核对记录 {1} 条，签名 {2} 个。").format(
                report.audit_rows, report.records_checked, report.signatures
            )
            + "\n"
            + self.tr("审计链头哈希：{0}").format(report.audit_head),
            self,
        )
        self.summary.setWordWrap(True)
        self.model = VerifyProblemsModel(report.problems, lang=session.lang, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_MESSAGE, QHeaderView.ResizeMode.Stretch
        )
        self.table.setVisible(not report.ok)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        self.pdf_button: QPushButton | None = None
        if verification_pdf_available():
            self.pdf_button = buttons.addButton(
                self.tr("校验报告 PDF(&R)…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.pdf_button.clicked.connect(self.make_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        if report.ok:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(760, 420 if not report.ok else 200)

    @Slot()
    def make_pdf(self) -> Any:
        from ui.pdf_preview import show_pdf
        from ui.worker import run_in_background

        report = self.report

        def build(desk: Any, progress: Any) -> bytes:
            from reports.verification import build_verification_report

            return bytes(build_verification_report(desk, report, None))

        def done(data: bytes) -> None:
            self.pdf_preview = show_pdf(
                self, data, title=self.tr("校验报告"), suggested_name="verification.pdf"
            )

        return run_in_background(
            self, self.tr("正在生成校验报告…"), build, done, session=self.session
        )
