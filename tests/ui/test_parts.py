"""Worker, PDF preview, the problems model and opening files that are not databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.errors import ValidationError
from dutydesk.store.verify import VerifyProblem


def test_worker_runs_on_its_own_desk_and_reports_progress(session, qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    from ui.worker import run_in_background

    seen = {}

    def work(desk, progress):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.get_ident()
        seen["same_desk"] = desk is session.desk
        progress(1, 2, "半")
        return desk.settings.get("site_name")

    results = []
    task = run_in_background(None, "测试", work, results.append, session=session)
    qtbot.waitUntil(lambda: task.is_finished, timeout=5000)
    assert results == ["测试值班室"]
    assert seen["thread"] != threading.get_ident()
    assert seen["same_desk"] is False


def test_worker_shows_core_errors_through_on_error(session, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.worker import run_in_background

    def work(desk, progress):  # type: ignore[no-untyped-def]
        raise ValidationError("x", "字段有误", en="Field is wrong")

    errors = []
    task = run_in_background(
        None, "测试", work, None, session=session, on_error=lambda e: errors.append(e)
    )
    qtbot.waitUntil(lambda: task.is_finished, timeout=5000)
    assert session.error_text(errors[0]) == "字段有误"
    session.lang = "en"
    assert session.error_text(errors[0]) == "Field is wrong"


def test_worker_cancel_stops_the_work(session, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.worker import run_in_background

    gate = __import__("threading").Event()

    def work(desk, progress):  # type: ignore[no-untyped-def]
        gate.wait(5)
        progress(1, 10)
        return "not reached"

    done = []
    task = run_in_background(None, "测试", work, done.append, session=session)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: task.is_finished, timeout=5000)
    assert done == [] and type(task.error).__name__ == "Cancelled"


def _pdf_bytes() -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(2):
        pdf.drawString(72, 720, f"page {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_preview_loads_saves_and_prints(app, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ui.pdf_preview import PdfPreviewDialog

    data = _pdf_bytes()
    dialog = PdfPreviewDialog(data, title="预览", suggested_name="x.pdf")
    qtbot.addWidget(dialog)
    assert dialog.page_count == 2
    saved = dialog.save_to(tmp_path / "saved.pdf")
    assert saved.read_bytes() == data
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.render_to(printer) == 2
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert dialog.print_action.shortcut().toString() == "Ctrl+P"


def test_problems_model_passes_the_model_tester(app, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui.models.problems import VerifyProblemsModel

    problems = [
        VerifyProblem("audit_chain", "audit_log", "7", "哈希不符", "Hash mismatch"),
        VerifyProblem("records", "people", "1", "记录被改动", "Record changed"),
    ]
    model = VerifyProblemsModel(problems)
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "people"
    assert model.index(1, 3).data() == "记录被改动"
    assert VerifyProblemsModel(problems, lang="en").index(1, 3).data() == "Record changed"
    qtmodeltester.check(VerifyProblemsModel([]))


def test_a_file_that_is_not_a_database_gets_a_message_not_a_traceback(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui import opening

    shown = []

    def fake_exec(box):  # type: ignore[no-untyped-def]
        shown.append(box.text() + "\n" + box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    bogus = tmp_path / "notes.db"
    bogus.write_text("这不是数据库", encoding="utf-8")
    assert opening.open_desk_interactive(None, bogus, lang="zh_CN") is None
    assert "不是 DutyDesk 数据库" in shown[0]
    assert "没有被修改" in shown[0]
    assert bogus.read_text(encoding="utf-8") == "这不是数据库"
