"""The process manual and an officer's handout as PDFs (information).

DutyDesk: ``reports.manual.build_manual`` and ``build_handout`` from the default process
installed on a fresh database (``manual_data`` gathered once). Baseline: a one-page
reportlab document with the same embedded CJK font, built in the same run, so the ratio
says how much work the manual adds beyond reportlab itself. Needs no database.
"""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.common import Context, Row, failed, paired

NAME = "manual"
NEEDS_DB = False
TITLE = "process manual PDF"
PASSWORD = "bench-password"


def minimal_cjk_page() -> bytes:
    """The bare minimum: one A4 page of Chinese text in the embedded subset font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from reports.fonts import FONT, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(FONT, 12)
    canvas.drawString(72, 760, "值班台 基准页：最小的中文 PDF 文档")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def run(ctx: Context) -> list[Row]:
    from dutydesk.clock import ManualClock
    from dutydesk.desk import Desk
    from reports.manual import build_handout, build_manual, manual_data

    try:
        with tempfile.TemporaryDirectory() as folder:
            clock = ManualClock(datetime(2026, 11, 25, tzinfo=UTC))
            with Desk.open(Path(folder) / "bench.db", create=True, clock=clock) as desk:
                admin = desk.initialise(
                    site_name="基准值班室",
                    admin_name="管理员",
                    admin_employee_no="admin",
                    admin_password=PASSWORD,
                )
                desk.process.install_default(admin, password=PASSWORD)
                data = manual_data(desk)
        pages = build_manual(data).count(b"/Type /Page\n")
        manual = paired(lambda: build_manual(data), minimal_cjk_page, ctx.runs, floor=0)
        handout = paired(
            lambda: build_handout(data, "officer"), minimal_cjk_page, ctx.runs, floor=0
        )
    except Exception as error:
        return [failed(NAME, TITLE, error)]
    base = "one-page reportlab document, same font"
    row = Row(
        NAME, f"process manual PDF ({pages} pages)", manual[0], manual[1], base, samples=manual[2]
    )
    return [
        row,
        Row(
            "manual_handout",
            "officer's handout PDF",
            handout[0],
            handout[1],
            base,
            samples=handout[2],
        ),
    ]
