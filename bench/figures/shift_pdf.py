"""The shift report PDF of a shift with 17 incidents (goal ≤ 3×).

DutyDesk: ``reports.shift.build_shift_report(data)`` for one shift of the realistic
database, ``data`` gathered once by ``dutydesk.handover.shift_report.shift_report_data``
(the gathering is timed separately, as information). Baseline: the same content — every
field and every line of ``data`` — laid out with plain platypus tables (strings in
``Table`` cells, the same embedded CJK font) by ``SimpleDocTemplate``. Fonts are
registered before timing starts, so neither side pays the first-use cost.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from bench.common import Context, Row, failed, paired, timed
from bench.figures._desk import open_desk

NAME = "shift_pdf"
NEEDS_DB = True
TITLE = "shift report PDF, 17 incidents"
INCIDENTS = 17


def find_shift(desk: Any) -> tuple[str, str, Any]:
    """The newest shift whose report lists 17 incidents (else the nearest count)."""
    from dutydesk.handover.shift_report import shift_report_data

    codes = set(desk.roster.shift_types())
    candidates = [
        (r[0], r[1])
        for r in desk.db.execute(
            "SELECT shift_date, shift_code FROM incidents WHERE shift_date IS NOT NULL"
            " GROUP BY shift_date, shift_code ORDER BY abs(count(*) - ?), shift_date DESC"
            " LIMIT 40",
            [INCIDENTS],
        )
        if r[1] in codes
    ]
    if not candidates:
        days = [
            r[0]
            for r in desk.db.execute(
                "SELECT DISTINCT day FROM assignments ORDER BY day DESC LIMIT 30"
            )
        ]
        candidates = [(d, c) for d in days for c in sorted(codes)]
    best: tuple[str, str, Any] | None = None
    for day, code in candidates:
        data = shift_report_data(desk, day, code)
        if best is None or abs(len(data.incidents) - INCIDENTS) < abs(
            len(best[2].incidents) - INCIDENTS
        ):
            best = (day, code, data)
        if len(data.incidents) == INCIDENTS:
            break
    if best is None:
        raise RuntimeError("no shift with incidents found")
    return best


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def plain_tables(data: Any) -> bytes:
    """The same content as plain platypus tables: scalars as a two-column table, then
    one table per list of lines (a header of field names, one row per line)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from reports.fonts import FONT, register_fonts

    register_fonts()
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    scalars, lists = [], []
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if isinstance(value, tuple):
            lists.append((f.name, value))
        else:
            scalars.append([f.name, _text(value)])
    story: list[Any] = [Table(scalars, style=style), Spacer(1, 12)]
    for name, lines in lists:
        if not lines:
            continue
        if dataclasses.is_dataclass(lines[0]):
            header = [f.name for f in dataclasses.fields(lines[0])]
            body = [[_text(getattr(line, h)) for h in header] for line in lines]
        else:
            header, body = [name], [[_text(line)] for line in lines]
        story += [Table([header, *body], style=style, repeatRows=1), Spacer(1, 12)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page\r") or pdf.count(b"/Page ")


def run(ctx: Context) -> list[Row]:
    from dutydesk.handover.shift_report import shift_report_data
    from reports.shift import build_shift_report

    desk = open_desk(ctx)
    try:
        day, code, data = find_shift(desk)
        ours, theirs = build_shift_report(data), plain_tables(data)  # fonts registered
        app_s, base_s, samples = paired(
            lambda: build_shift_report(data), lambda: plain_tables(data), ctx.runs, floor=0
        )
        gather_s, gather_samples = timed(lambda: shift_report_data(desk, day, code), ctx.runs)
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    finally:
        desk.close()
    row = Row(
        NAME,
        f"shift report PDF, {len(data.incidents)} incidents",
        app_s,
        base_s,
        "the same content laid out with plain platypus tables",
        goal=3.0,
        samples=samples,
    )
    row.notes.append(
        f"Shift {day} {code}: {len(data.incidents)} incidents, {len(data.people)} people;"
        f" DutyDesk's PDF {pages(ours)} pages, {len(ours) // 1024} KiB; the plain tables"
        f" {pages(theirs)} pages, {len(theirs) // 1024} KiB."
    )
    gather = Row(
        "shift_pdf_data",
        "shift report data (shift_report_data)",
        gather_s,
        None,
        "",
        samples={"app": gather_samples},
    )
    return [row, gather]
