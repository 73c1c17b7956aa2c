"""Preview, print and save a PDF the application made (bytes), with QtPdf."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt, Slot
from PySide6.QtGui import QAction, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui import shortcuts


class PdfPreviewDialog(QDialog):
    """Shows ``data`` page by page; Print (Ctrl+P) renders to the printer, Save as (Ctrl+S)."""

    def __init__(
        self,
        data: bytes,
        *,
        title: str,
        suggested_name: str = "document.pdf",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.data = bytes(data)
        self.suggested_name = suggested_name
        self._bytes = QByteArray(self.data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        toolbar = QToolBar(self)
        self.print_action = QAction(self.tr("打印(&P)…"), self)
        shortcuts.assign(self.print_action, "pdf.print")
        self.print_action.triggered.connect(self.print_document)
        self.save_action = QAction(self.tr("另存为(&S)…"), self)
        shortcuts.assign(self.save_action, "pdf.save")
        self.save_action.triggered.connect(self.save_as)
        self.fit_action = QAction(self.tr("适合宽度(&W)"), self)
        shortcuts.assign(self.fit_action, "pdf.fit")
        self.fit_action.triggered.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.close_action = QAction(self.tr("关闭"), self)
        shortcuts.assign(self.close_action, "pdf.close")
        self.close_action.triggered.connect(self.accept)
        for action in (self.print_action, self.save_action, self.fit_action, self.close_action):
            toolbar.addAction(action)
            self.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        # A signed record printed from changed data: the same warning as on its first page.
        self.signature_warning = QLabel(
            self.tr("记录与签名不符：此记录在签名之后被改动，所印内容不是签名时的内容。"), self
        )
        self.signature_warning.setWordWrap(True)
        self.signature_warning.setStyleSheet(
            "QLabel { background: #fdecea; color: #b42318; border: 2px solid #b42318;"
            " font-weight: bold; padding: 6px; }"
        )
        from reports.document import has_signature_warning

        self.signature_warning.setVisible(has_signature_warning(self.data))
        layout.addWidget(self.signature_warning)
        layout.addWidget(self.view)
        self.resize(820, 900)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @Slot()
    def save_as(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存 PDF"), str(Path.home() / self.suggested_name), "PDF (*.pdf)"
        )
        if not name:
            return None
        return self.save_to(Path(name))

    def save_to(self, path: Path) -> Path:
        try:
            path.write_bytes(self.data)
        except OSError as error:
            QMessageBox.warning(self, self.tr("保存 PDF"), self.tr("无法保存：{0}").format(error))
            raise
        return path

    @Slot()
    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer: QPrinter) -> int:
        """Render every page (or the chosen range) as an image at the printer's resolution."""
        first, last = printer.fromPage(), printer.toPage()
        if first == 0 and last == 0:
            first, last = 1, self.page_count
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            dpi = min(printer.resolution(), 300)
            for number in range(first, last + 1):
                index = number - 1
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
                image = self.document.render(index, size)
                fitted = image.size().scaled(
                    painter.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRect(QPoint(0, 0), fitted), image)
                printed += 1
        finally:
            painter.end()
        return printed


def show_pdf(
    parent: QWidget | None, data: bytes, *, title: str, suggested_name: str = "document.pdf"
) -> PdfPreviewDialog:
    """Open a non-blocking preview window for ``data``."""
    dialog = PdfPreviewDialog(data, title=title, suggested_name=suggested_name, parent=parent)
    dialog.open()
    return dialog
