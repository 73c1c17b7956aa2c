"""The one document base for every PDF: A4, CJK font, header, footer with page x/y and hash.

A document function builds a list of flowables (``story``) from core data and calls
``titled_pdf`` (or ``build_pdf`` for a document with its own cover); it never queries the
database itself beyond the core's functions.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from reports.fonts import FONT, FONT_BOLD, ink_markup, ink_runs, register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#cbd2d9")
WARNING_RED = colors.HexColor("#b42318")
WARNING_FILL = colors.HexColor("#fdecea")
# In the PDF's keywords when a warning was printed: the window's preview looks for it.
MISMATCH_MARK = "DutyDesk-signature-mismatch"
SIGNATURE_WARNING = "记录与签名不符"
HEADER_FILL = colors.HexColor("#e4ecf3")

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class DocumentInfo:
    """What every page shows: site, title, document id, and for signed records the hash."""

    title: str
    document_id: str
    site_name: str
    generated_at: str
    record_hash: str | None = None
    subject: str = ""
    landscape: bool = False
    # Signed records whose hash no longer matches (signing.mismatch_warnings): printed
    # first, in red, and on every page's header.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle


@cache
def styles() -> Styles:
    """The documents' paragraph styles (made once; treat them as read-only)."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15, textColor=INK)
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=28,
            alignment=TA_CENTER,
            spaceAfter=6 * mm,
            textColor=ACCENT,
        ),
        heading=ParagraphStyle(
            "heading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=20,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
            keepWithNext=1,  # never a heading alone at the foot of a page
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=17,
            spaceBefore=3 * mm,
            spaceAfter=1.5 * mm,
            keepWithNext=1,
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        cell_head=ParagraphStyle(
            "cell_head", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12.5
        ),
    )


def paragraph(text: Any, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: user text is escaped, line breaks kept."""
    safe = (
        str("" if text is None else text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "<br/>")
    )
    return Paragraph(ink_markup(safe), style)


# Cell padding of every table here (reportlab's default, 6 points left and right).
_CELL_PADDING = 12


def _text_width(text: str, size: float) -> float:
    return float(sum(stringWidth(part, font, size) for font, part in ink_runs(text, FONT)))


def _cell(value: Any, style: ParagraphStyle, width: float | None) -> Any:
    """A table cell: plain text when it fits its column as it is, else a paragraph.

    Wrapping a paragraph costs far more than drawing a string, and most cells (names,
    times, short labels) fit on their line(s) anyway; a plain string in a cell is drawn
    the same way (same face, size, leading and colour, set on the table) and its
    characters the CJK face leaves blank still go through the canvas's fallback.
    """
    if isinstance(value, Flowable):
        return value
    text = "" if value is None else str(value)
    if width is None or "  " in text or "\t" in text:
        return paragraph(text, style)
    room = width - _CELL_PADDING
    for line in text.split("\n"):
        if line != line.strip() or _text_width(line, style.fontSize) > room:
            return paragraph(text, style)
    return text


def _text_style(style: ParagraphStyle) -> list[tuple[Any, ...]]:
    """Table commands that set plain-text cells like paragraphs of ``style``."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), style.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), style.fontSize),
        ("LEADING", (0, 0), (-1, -1), style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), style.textColor),
    ]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    col_widths: Sequence[float | None] | None = None,
    zebra: bool = True,
) -> Table:
    """A table that splits across pages and repeats its header row on each page."""
    s = styles()
    widths: Sequence[float | None] = col_widths or [None] * len(header)
    body = [[_cell(h, s.cell_head, w) for h, w in zip(header, widths, strict=False)]]
    body += [[_cell(c, s.cell, w) for c, w in zip(row, widths, strict=False)] for row in rows]
    table = Table(body, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        # Paragraph cells carry their own style; plain-text cells take these.
        *_text_style(s.cell),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("GRID", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        for index in range(2, len(body), 2):
            commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f5f7fa")))
    table.setStyle(TableStyle(commands))
    return table


def table_or_note(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    empty: str,
    *,
    col_widths: Sequence[float | None] | None = None,
) -> Flowable:
    """``data_table(header, rows)``, or the sentence ``empty`` when there are no rows."""
    if not rows:
        return paragraph(empty, styles().body)
    return data_table(header, rows, col_widths=col_widths)


def key_value_table(pairs: Sequence[tuple[str, Any]], *, key_width: float = 40 * mm) -> Table:
    s = styles()
    rows = [[_cell(k, s.cell_head, key_width), paragraph(v, s.cell)] for k, v in pairs]
    table = Table(rows, colWidths=[key_width, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                *_text_style(s.cell_head),
                ("GRID", (0, 0), (-1, -1), 0.25, RULE),
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


class _NumberedCanvas(Canvas):
    """Defers page output so that every page can print "page x / y"."""

    info: DocumentInfo

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def drawString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        """Draw ``text``, setting what the CJK face leaves blank in the fallback face."""
        runs = ink_runs(text, self._fontname)
        if len(runs) == 1:
            super().drawString(x, y, text, *args, **kwargs)
            return
        font, size, leading = self._fontname, self._fontsize, self._leading
        for run_font, part in runs:
            self.setFont(run_font, size, leading)
            super().drawString(x, y, part, *args, **kwargs)
            x += self.stringWidth(part, run_font, size)
        self.setFont(font, size, leading)

    def _runs_width(self, runs: list[tuple[str, str]]) -> float:
        return float(sum(self.stringWidth(part, font, self._fontsize) for font, part in runs))

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        runs = ink_runs(text, self._fontname)
        if len(runs) == 1:
            super().drawRightString(x, y, text, *args, **kwargs)
        else:
            self.drawString(x - self._runs_width(runs), y, text)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        runs = ink_runs(text, self._fontname)
        if len(runs) == 1:
            super().drawCentredString(x, y, text, *args, **kwargs)
        else:
            self.drawString(x - self._runs_width(runs) / 2, y, text)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _draw_frame_text(self, self.info, self._pageNumber, total)
            super().showPage()
        super().save()


def _draw_frame_text(canvas: Canvas, info: DocumentInfo, page: int, total: int) -> None:
    width, height = canvas._pagesize
    margin = 18 * mm
    canvas.saveState()
    canvas.setFont(FONT, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(margin, height - 12 * mm, info.site_name)
    canvas.drawRightString(width - margin, height - 12 * mm, f"{info.title}  ·  {info.document_id}")
    if info.warnings:
        canvas.setFillColor(WARNING_RED)
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawCentredString(width / 2, height - 12 * mm, SIGNATURE_WARNING)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(MUTED)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(margin, height - 14 * mm, width - margin, height - 14 * mm)
    canvas.line(margin, 14 * mm, width - margin, 14 * mm)
    canvas.drawString(margin, 10 * mm, f"生成时间 {info.generated_at}")
    canvas.drawRightString(width - margin, 10 * mm, f"第 {page} / {total} 页")
    if info.record_hash:
        canvas.setFont(FONT, 7)
        canvas.drawCentredString(width / 2, 6 * mm, f"记录哈希 SHA-256: {info.record_hash}")
    canvas.restoreState()


class _Document(BaseDocTemplate):
    def __init__(self, target: Any, info: DocumentInfo, progress: ProgressCallback | None):
        pagesize = landscape(A4) if info.landscape else A4
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=info.title,
            author=info.site_name,
            subject=info.subject or info.document_id,
            keywords=[MISMATCH_MARK] if info.warnings else [],
            creator="DutyDesk",
            # Without this the canvas starts on Helvetica and the PDF lists an unembedded
            # standard font that no text uses.
            initialFontName=FONT,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._progress = progress

    def afterFlowable(self, flowable: Flowable) -> None:
        toc_level = getattr(flowable, "toc_level", None)
        if toc_level is not None and isinstance(flowable, Paragraph):
            self.notify("TOCEntry", (toc_level, flowable.getPlainText(), self.page))

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        super().handle_flowable(flowables)
        if self._progress is not None:
            self._progress(self._total - len(flowables), self._total)

    def build_story(self, story: list[Flowable], multi: bool) -> None:
        self._total = len(story)

        def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            canvas = _NumberedCanvas(*args, **kwargs)
            canvas.info = self._info
            return canvas

        if multi:
            self.multiBuild(story, canvasmaker=canvasmaker)
        else:
            self.build(story, canvasmaker=canvasmaker)


def contents_heading(text: str, level: int = 0) -> Paragraph:
    """A heading that appears in the table of contents (see ``table_of_contents``)."""
    s = styles()
    heading = paragraph(text, s.heading if level == 0 else s.subheading)
    heading.toc_level = level
    return heading


def table_of_contents() -> TableOfContents:
    s = styles()
    toc = TableOfContents()
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=s.body, fontSize=11, leading=18),
        ParagraphStyle("toc1", parent=s.body, fontSize=9.5, leading=14, leftIndent=8 * mm),
    ]
    return toc


def bind_headings(story: Sequence[Flowable]) -> list[Flowable]:
    """Keep every heading with what follows it, even when that is a KeepTogether group.

    reportlab keeps a ``keepWithNext`` paragraph with the next flowable only when that is
    a plain flowable; a heading followed by a KeepTogether (a chart with its caption, a
    signature block) could be left alone at the foot of a page. Here they become one group.
    """
    bound: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in story:
        if not isinstance(flowable, KeepTogether) and flowable.getKeepWithNext():
            pending.append(flowable)
            continue
        if pending and isinstance(flowable, KeepTogether):
            bound.append(KeepTogether([*pending, *flowable._content]))
        else:
            bound += [*pending, flowable]
        pending = []
    return bound + pending


def build_pdf(
    info: DocumentInfo,
    story: list[Flowable],
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """Lay out ``story`` and return the PDF bytes; also write them to ``out`` if given.

    A story containing a ``table_of_contents()`` is laid out twice so page numbers settle.
    """
    register_fonts()
    if info.warnings:
        story = [warning_box(info.warnings), *story]
        issued = _issued.get()
        if issued is not None:
            issued.extend(info.warnings)
    story = bind_headings(story)
    buffer = io.BytesIO()
    document = _Document(buffer, info, progress)
    document._info = info
    multi = any(isinstance(f, TableOfContents) for f in story)
    document.build_story(list(story), multi)
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data


def title_block(info: DocumentInfo) -> list[Flowable]:
    s = styles()
    return [paragraph(info.title, s.title), Spacer(1, 2 * mm)]


def titled_pdf(
    info: DocumentInfo,
    story: Sequence[Flowable],
    out: Path | str | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """``build_pdf`` of ``story`` under the document's title (every document but the
    process manual, which opens with a cover page)."""
    return build_pdf(info, [*title_block(info), *story], out, progress=progress)


_issued: ContextVar[list[str] | None] = ContextVar("signature_warnings", default=None)


@contextlib.contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """The signature warnings of every document built inside (the command line exits 1)."""
    found: list[str] = []
    token = _issued.set(found)
    try:
        yield found
    finally:
        _issued.reset(token)


def warning_box(warnings: Sequence[str]) -> Flowable:
    """The red box at the top of the first page: the record is not what was signed."""
    s = styles()
    head = ParagraphStyle(
        "warning_head", parent=s.heading, textColor=WARNING_RED, fontSize=16, leading=22
    )
    body = ParagraphStyle("warning_body", parent=s.body, textColor=WARNING_RED)
    cells = [[paragraph(f"警告：{SIGNATURE_WARNING}", head)]]
    cells += [[paragraph(text, body)] for text in warnings]
    box = Table(cells, colWidths=[None], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, WARNING_RED),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def has_signature_warning(pdf: bytes) -> bool:
    """Whether a PDF made here carries the 记录与签名不符 warning (for the preview)."""
    return MISMATCH_MARK.encode() in pdf
