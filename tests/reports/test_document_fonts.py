"""The document base embeds the CJK font and references no other font."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import Table

from reports.document import (
    DocumentInfo,
    build_pdf,
    contents_heading,
    data_table,
    paragraph,
    styles,
    table_of_contents,
    title_block,
)


def _font_names(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_contents_tables_and_plain_tables_use_only_the_embedded_face() -> None:
    info = DocumentInfo(title="字体测试", document_id="T-1", site_name="值班室", generated_at="x")
    s = styles()
    story = [
        *title_block(info),
        table_of_contents(),
        contents_heading("第一章 概述", 0),
        paragraph("正文段落", s.body),
        data_table(["列一", "列二"], [["甲", "乙"]]),
        Table([["plain cell", "普通单元格"]]),  # a table built without our helpers
        contents_heading("1.1 小节", 1),
    ]
    names = _font_names(build_pdf(info, story))
    assert names and all(name.endswith("WenQuanYiMicroHei-0") for name in names), names
