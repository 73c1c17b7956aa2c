"""Flowcharts of process stages in the PDF manual, drawn with reportlab graphics.

The geometry and the list of shapes come from ``reports.flowchart_layout`` (shared with
the window's preview, which paints the same shapes with Qt); here text is measured with
reportlab's ``stringWidth`` in the embedded face, and the shapes become a ``Drawing``
(flipped: reportlab's y grows upwards).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Polygon, PolyLine, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from dutydesk.process.model import Stage
from reports.flowchart_layout import Box, Lines, StageLayout, Text, chart_shapes, layout_stage
from reports.fonts import FONT, register_fonts


def pdf_measure(text: str, size: float) -> float:
    """The width of ``text`` set in the PDF's face at ``size`` points."""
    register_fonts()
    return float(stringWidth(text, FONT, size))


def flowchart_drawing(layout: StageLayout, *, max_height: float | None = None) -> Drawing:
    """The layout as a reportlab Drawing, scaled down uniformly if taller than allowed."""
    scale = 1.0
    if max_height is not None and layout.height > max_height:
        scale = max_height / layout.height
    drawing = Drawing(layout.width * scale, layout.height * scale)
    group = Group()
    for shape in chart_shapes(layout, pdf_measure):
        group.add(_reportlab_shape(shape, layout.height))
    if scale != 1.0:
        group.scale(scale, scale)
    drawing.add(group)
    return drawing


def _colour(value: str | None) -> colors.Color | None:
    return None if value is None else colors.HexColor(value)


def _reportlab_shape(shape: Box | Lines | Text, height: float) -> Shape:
    if isinstance(shape, Box):
        return Rect(
            shape.x,
            height - shape.y - shape.h,
            shape.w,
            shape.h,
            rx=shape.radius,
            ry=shape.radius,
            fillColor=_colour(shape.fill),
            strokeColor=_colour(shape.stroke),
            strokeWidth=shape.stroke_width,
        )
    if isinstance(shape, Lines):
        points = [c for x, y in shape.points for c in (x, height - y)]
        if shape.closed:
            return Polygon(
                points,
                fillColor=_colour(shape.fill),
                strokeColor=_colour(shape.stroke),
                strokeWidth=shape.stroke_width,
            )
        return PolyLine(points, strokeColor=_colour(shape.stroke), strokeWidth=shape.stroke_width)
    return String(
        shape.x,
        height - shape.baseline,
        shape.text,
        fontName=FONT,
        fontSize=shape.size,
        fillColor=_colour(shape.colour),
        textAnchor=shape.anchor,
    )


def stage_drawing(
    stage: Stage,
    *,
    width: float = 480.0,
    max_height: float | None = None,
    lang: str = "zh_CN",
    highlight_role: str | None = None,
) -> Drawing:
    return flowchart_drawing(
        layout_stage(stage, pdf_measure, width=width, lang=lang, highlight_role=highlight_role),
        max_height=max_height,
    )
