"""The bundled CJK font, registered once with reportlab and embedded as a subset."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import tables

from dutydesk.store.paths import resources_dir

FONT = "WenQuanYiMicroHei"
# The face has no bold; the same outlines stand in, and documents show weight by size.
FONT_BOLD = "WenQuanYiMicroHei-Bold"


@cache
def register_fonts() -> str:
    path = resources_dir() / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(path), subfontIndex=0))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    # Table cells default to Helvetica, which would leave an unembedded font in every PDF
    # with a table (and the table of contents is one); our documents use only this face.
    tables.CellStyle.fontname = FONT
    return FONT
