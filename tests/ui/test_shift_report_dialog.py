"""值班报告 from the File menu: pick a day and a shift, get the PDF in the preview."""

from __future__ import annotations

import io

import pdfplumber

from ui.shift_report_dialog import WHOLE_DAY, ShiftReportDialog


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_dialog_offers_the_day_and_every_shift_type(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    desk, admin = window.session.desk, window.session.person
    desk.roster.add_shift_type(admin, code="D", name="白班", start="08:00", end="20:00")
    desk.roster.add_shift_type(admin, code="N", name="夜班", start="20:00", end="08:00")
    window.shift_report_action.trigger()
    dialog = window.shift_report_dialog
    assert isinstance(dialog, ShiftReportDialog)
    codes = [dialog.shift.itemData(i) for i in range(dialog.shift.count())]
    assert codes == [WHOLE_DAY, "D", "N"]
    day = dialog.choice()[0]
    whole_day = _text(ShiftReportDialog.build(desk, day, WHOLE_DAY))
    assert "值班日报" in whole_day
    one_shift = _text(ShiftReportDialog.build(desk, day, "N"))
    assert "值班报告" in one_shift and "夜班" in one_shift


def test_an_unknown_shift_is_reported_in_the_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_shift_report()
    dialog.shift.addItem("X", "X")
    dialog.shift.setCurrentIndex(dialog.shift.count() - 1)
    dialog.make_report()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10000)
    assert "没有班次 X" in dialog.error.text()
