"""Every document made from the demo: ink for every character, site time only, headings and
signature blocks with what follows them, table headers on every page a table reaches."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.platypus import Table

from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from reports.document import DocumentInfo, build_pdf, data_table, paragraph, styles, title_block
from reports.fonts import FALLBACK, FONT, leaves_ink
from tests.reports.demo_documents import demo_documents, night_incident

HEADING_SIZES = {14.0, 11.5}  # reports.document styles: heading, subheading
UTC_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[+-]00:00\b")
MARGIN = 20 * 72 / 25.4  # top and bottom margin of every page (header and footer outside)


@dataclass
class Page:
    number: int
    height: float
    chars: list[dict[str, Any]]
    words: list[dict[str, Any]]
    text: str


@dataclass
class Made:
    pdf: bytes
    splits: list[tuple[int, str]]  # tables that ran across pages: (repeatRows, first cell)
    pages: list[Page]

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


def _pages(pdf: bytes) -> list[Page]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            Page(
                page.page_number,
                float(page.height),
                list(page.chars),
                page.extract_words(),
                page.extract_text() or "",
            )
            for page in document.pages
        ]


@pytest.fixture(scope="module")
def documents(demo_db: Path) -> Iterator[dict[str, Made]]:
    """Every demo document, laid out once and read back once."""
    splits: list[tuple[int, str]] = []
    original = Table.split

    def recording_split(self: Table, availWidth: float, availHeight: float) -> list[Any]:
        parts = original(self, availWidth, availHeight)
        if len(parts) > 1 and _has_header_row(self):
            splits.append((self.repeatRows, _cell_text(self._cellvalues[0][0])))
        return parts

    made: dict[str, Made] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Table, "split", recording_split)
        with Desk.open(demo_db, clock=demo_clock()) as desk:
            for name, build in demo_documents(desk):
                splits.clear()
                pdf = build()
                made[name] = Made(pdf, list(splits), _pages(pdf))
    yield made


def _has_header_row(table: Table) -> bool:
    """A table whose first row is shaded as a header (data_table, forms, rosters)."""
    return (
        any(command[1] == (0, 0) and command[2][1] == 0 for command in table._bkgrndcmds)
        and len(table._cellvalues) > 2
    )


def _cell_text(cell: Any) -> str:
    return cell.getPlainText() if hasattr(cell, "getPlainText") else str(cell)


def _font_of(pdf_font_name: str) -> str:
    for name in (FONT, FALLBACK):
        if name in pdf_font_name:
            return name
    raise AssertionError(f"unexpected font {pdf_font_name}")


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "ZC"


def test_the_demo_makes_every_kind_of_document(documents: dict[str, Made]) -> None:
    kinds = {name.split("-")[0] for name in documents}
    assert kinds == {
        "period",
        "shift",
        "day",
        "handover",
        "incident",
        "cycle",
        "assessment",
        "plan",
        "roster",
        "manual",
        "handout",
        "verification",
    }


def test_every_character_of_every_document_leaves_ink(documents: dict[str, Made]) -> None:
    blank: list[str] = []
    for name, made in documents.items():
        for page in made.pages:
            for char in page.chars:
                text = char["text"]
                if len(text) != 1 or _is_blank(text):
                    continue
                if not leaves_ink(text, _font_of(char["fontname"])):
                    blank.append(f"{name} p{page.number}: {text!r} U+{ord(text):04X}")
    assert not blank, blank[:20]


def test_units_and_symbols_the_cjk_face_leaves_blank_print_in_the_fallback(
    documents: dict[str, Made],
) -> None:
    handover_text = documents["handover"].text
    assert "18–27 ℃" in handover_text  # the demo checklist's temperature range
    info = DocumentInfo(title="符号 ℃", document_id="T-℃", site_name="值班室 ✗", generated_at="x")
    symbols = "℃ ℉ ‰ ① ㎡ ✗ ✓ ☐ ☑ ⚠ ǎ Ⅴ"
    s = styles()
    pdf = build_pdf(
        info,
        [
            *title_block(info),
            paragraph(symbols, s.body),
            data_table(["项", "值"], [["温度", "24 ℃"]]),
            Table([["plain ✗ ℃"]]),
        ],
    )
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[0].chars
    printed = {c["text"] for c in chars if leaves_ink(c["text"], _font_of(c["fontname"]))}
    assert set(symbols.replace(" ", "")) <= printed
    assert any(FALLBACK in c["fontname"] and c["text"] == "℃" for c in chars)


def test_no_document_prints_a_utc_timestamp(documents: dict[str, Made]) -> None:
    found = {
        name: UTC_ISO.findall(made.text)
        for name, made in documents.items()
        if UTC_ISO.search(made.text)
    }
    assert not found
    assert "生成时间 2026-11-25 09:00" in documents["roster"].text


def test_no_page_ends_with_a_heading(documents: dict[str, Made]) -> None:
    stranded: list[str] = []
    for name, made in documents.items():
        for page in made.pages[:-1]:
            body = [
                c
                for c in page.chars
                if MARGIN < c["top"] < page.height - MARGIN and not _is_blank(c["text"])
            ]
            if not body:
                continue
            bottom = max(c["bottom"] for c in body)
            last_line = [c for c in body if c["bottom"] > bottom - 2]
            if all(round(c["size"], 1) in HEADING_SIZES for c in last_line):
                text = "".join(c["text"] for c in sorted(last_line, key=lambda c: c["x0"]))
                stranded.append(f"{name} p{page.number}: {text}")
    assert not stranded


def test_tables_that_run_onto_another_page_repeat_their_header(
    documents: dict[str, Made],
) -> None:
    split = {name: made.splits for name, made in documents.items() if made.splits}
    assert split, "some demo table should run across pages"
    without = {
        name: [head for repeat, head in tables if repeat < 1] for name, tables in split.items()
    }
    assert not any(without.values()), without


def test_the_incident_form_signature_block_stays_together(documents: dict[str, Made]) -> None:
    pages = [page.text for page in documents["incident"].pages]
    holding = [i for i, text in enumerate(pages) if "处理人签字" in text]
    assert holding and all(label in pages[holding[0]] for label in ("值班长审核", "日期")), (
        "the signature block is split across pages"
    )
    assert "大小" in "".join(pages) and "大小（字节）" not in "".join(pages)


def test_every_roster_page_names_the_team_of_its_members(documents: dict[str, Made]) -> None:
    """Under every day header the first row is a team's name, never a stray member."""
    headers_seen = 0
    for page in documents["roster"].pages:
        for header in (w for w in page.words if w["text"] == "姓名"):
            headers_seen += 1
            below = [
                w
                for w in page.words
                if w["top"] > header["bottom"] + 8 and w["x0"] < header["x1"] + 20
            ]
            first = min(below, key=lambda w: w["top"])
            assert first["text"].startswith("【"), (page.number, first["text"])
    assert headers_seen >= 3  # one block per team


def test_the_shift_report_dates_times_on_the_next_day(
    documents: dict[str, Made], demo_db: Path
) -> None:
    with Desk.open(demo_db) as desk:
        _, incident_id, reported = night_incident(desk)  # the night shift the report shows
    text = documents["shift"].text
    incidents = text[text.index("事件及处置时间") : text.index("交接清单检查结果")]
    assert f"#{incident_id}" in incidents
    assert f"{reported:%Y-%m-%d}" in incidents and f"{reported:%H:%M}" in incidents


def test_the_manual_prints_the_handover_checklist_in_use(documents: dict[str, Made]) -> None:
    text = documents["manual"].text
    form = text[text.index("交接班记录（空白表单）") :]
    assert "机房温度" in form and "18–27 ℃" in form
    assert "值班电话录音与未接来电" not in form  # the generic placeholder items are gone


def test_the_period_report_daily_chart_has_a_date_axis(documents: dict[str, Made]) -> None:
    text = documents["period"].text
    assert "11-01" in text and "日期（月-日" in text


def test_every_document_names_only_the_embedded_faces(documents: dict[str, Made]) -> None:
    from pypdf import PdfReader

    stray: dict[str, set[str]] = {}
    for name, made in documents.items():
        for page in PdfReader(io.BytesIO(made.pdf)).pages:
            for font in page["/Resources"].get("/Font", {}).values():
                base = str(font.get_object()["/BaseFont"])
                if FONT not in base and FALLBACK not in base:
                    stray.setdefault(name, set()).add(base)
    assert not stray  # charts used to name an unembedded Helvetica
