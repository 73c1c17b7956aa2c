"""Small reportlab.graphics drawings shared by the training documents: labelled bars."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.document import ACCENT, INK, MUTED, RULE
from reports.fonts import FONT, register_fonts


def _fit(text: str, size: float, width: float) -> str:
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(
    labels: Sequence[str],
    counts: Sequence[int],
    *,
    total: int,
    width: float,
    bar_height: float = 12,
    label_width: float = 120,
    fill: colors.Color = ACCENT,
) -> Drawing:
    """Horizontal bars, one per label, with "count (share %)" after each bar."""
    register_fonts()
    gap = 5
    height = len(labels) * (bar_height + gap) + gap
    drawing = Drawing(width, height)
    most = max([*counts, 1])
    bar_space = width - label_width - 70
    for index, (label, count) in enumerate(zip(labels, counts, strict=True)):
        y = height - (index + 1) * (bar_height + gap)
        drawing.add(
            String(
                label_width - 6,
                y + 3,
                _fit(label, 8.5, label_width - 8),
                fontName=FONT,
                fontSize=8.5,
                fillColor=INK,
                textAnchor="end",
            )
        )
        drawing.add(
            Rect(
                label_width,
                y,
                bar_space,
                bar_height,
                fillColor=colors.HexColor("#f0f4f8"),
                strokeColor=None,
            )
        )
        length = bar_space * count / most
        if length > 0:
            drawing.add(Rect(label_width, y, length, bar_height, fillColor=fill, strokeColor=None))
        share = f"{count}（{count / total:.0%}）" if total else f"{count}"
        drawing.add(
            String(
                label_width + length + 4, y + 3, share, fontName=FONT, fontSize=8.5, fillColor=MUTED
            )
        )
    drawing.add(Rect(label_width, 0, 0.01, height, strokeColor=RULE, fillColor=None))
    return drawing
