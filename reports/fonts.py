"""The fonts of every PDF: the bundled CJK face, and a fallback for what it leaves blank.

WenQuanYi Micro Hei covers Chinese and Latin text, but some characters it maps have no
outline (℃, ℉, Ⅴ, pinyin tone letters such as ǎ) and some it does not map at all (✗, ☐,
☑, ⚠): printed in it they leave no ink although the text layer has them. Those characters
are set in DejaVu Sans (bundled, Bitstream Vera licence), which has them:

- paragraphs: ``ink_markup`` wraps them in ``<font face="DejaVuSans">`` (``paragraph()``
  in reports.document does it for every paragraph);
- everything drawn directly on the canvas (headers, footers, table cells given as plain
  text, chart and flowchart labels) goes through ``ink_runs`` in the document canvas.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.platypus import tables

from dutydesk.store.paths import resources_dir

FONT = "WenQuanYiMicroHei"
# The face has no bold; the same outlines stand in, and documents show weight by size.
FONT_BOLD = "WenQuanYiMicroHei-Bold"
FALLBACK = "DejaVuSans"

_FILES: dict[str, tuple[str, int]] = {
    FONT: ("wqy-microhei.ttc", 0),
    FONT_BOLD: ("wqy-microhei.ttc", 0),
    FALLBACK: ("DejaVuSans.ttf", 0),
}


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / _FILES[name][0]


def _same_face(font: TTFont, name: str) -> TTFont:
    """``font`` under another name, sharing its parsed face: the CJK face's tables take
    about 20 MiB, read once. Each name still gets its own subsets in every document."""
    twin = copy.copy(font)
    twin.fontName = name
    twin.state = WeakKeyDictionary()
    return twin


@cache
def register_fonts() -> str:
    path = font_path(FONT)
    regular = TTFont(FONT, str(path), subfontIndex=0)
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(_same_face(regular, FONT_BOLD))
    pdfmetrics.registerFont(TTFont(FALLBACK, str(font_path(FALLBACK))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    addMapping(FALLBACK, 0, 0, FALLBACK)
    addMapping(FALLBACK, 1, 0, FALLBACK)
    addMapping(FALLBACK, 0, 1, FALLBACK)
    addMapping(FALLBACK, 1, 1, FALLBACK)
    # Table cells default to Helvetica, which would leave an unembedded font in every PDF
    # with a table (and the table of contents is one); our documents use only this face.
    tables.CellStyle.fontname = FONT
    # Likewise every chart starts its drawing state on Helvetica, named but never used.
    shapes.STATE_DEFAULTS["fontName"] = FONT
    return FONT


@cache
def inked_characters(name: str) -> frozenset[int]:
    """Code points the font maps to a glyph with an outline (a glyph that leaves ink)."""
    file_name, index = _FILES[name]
    face = TTFontFile(str(resources_dir() / "fonts" / file_name), subfontIndex=index)
    positions = face.glyphPos
    return frozenset(
        code
        for code, glyph in face.charToGlyph.items()
        if glyph + 1 < len(positions) and positions[glyph + 1] > positions[glyph]
    )


def leaves_ink(char: str, font: str = FONT) -> bool:
    """Whether ``char`` printed in ``font`` leaves ink (white space never does)."""
    return ord(char) in inked_characters(font)


def _needs_fallback(char: str) -> bool:
    return not leaves_ink(char, FONT) and leaves_ink(char, FALLBACK)


def ink_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, part) runs: the CJK face, and the fallback where it is blank."""
    if font not in (FONT, FONT_BOLD) or text.isascii():
        return [(font, text)]
    runs: list[tuple[str, str]] = []
    for char in text:
        wanted = FALLBACK if _needs_fallback(char) else font
        if runs and runs[-1][0] == wanted:
            runs[-1] = (wanted, runs[-1][1] + char)
        else:
            runs.append((wanted, char))
    return runs or [(font, text)]


_TAG = re.compile(r"(<[^>]*>|&[#\w]+;)")


def ink_markup(markup: str) -> str:
    """Paragraph markup with the characters the CJK face leaves blank set in the fallback."""
    if markup.isascii():
        return markup
    out: list[str] = []
    for piece in _TAG.split(markup):
        if not piece or _TAG.fullmatch(piece):
            out.append(piece)
            continue
        for font, part in ink_runs(piece, FONT):
            out.append(f'<font face="{FALLBACK}">{part}</font>' if font == FALLBACK else part)
    return "".join(out)
