"""`dutydesk report assessment` and `dutydesk report plan` on a database file."""

from __future__ import annotations

import io

import pdfplumber

from dutydesk.cli.main import main
from dutydesk.training.assessments import NeedSpec


def _text(path) -> str:  # type: ignore[no-untyped-def]
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)


def test_the_assessment_report_command_writes_the_pdf(desk, crew, db_path, tmp_path) -> None:
    a = desk.training.assessments.create(
        crew["leader"],
        title="现状评估一",
        period_start="2026-09-01",
        period_end="2026-11-30",
        needs=[NeedSpec("缺少演练", "high")],
    )
    out = tmp_path / "a.pdf"
    assert main(["report", "assessment", str(db_path), "--id", str(a.id), "--out", str(out)]) == 0
    text = _text(out)
    assert "现状评估报告" in text and "缺少演练" in text and "本评估未引用问卷" in text


def test_an_unknown_assessment_is_one_clear_line_and_exit_2(
    desk, db_path, tmp_path, capsys
) -> None:
    out = tmp_path / "a.pdf"
    assert main(["report", "assessment", str(db_path), "--id", "42", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == "dutydesk: 现状评估不存在：42"
    assert not out.exists()


def test_the_plan_report_command_writes_the_pdf(desk, crew, db_path, tmp_path) -> None:
    desk.training.plan.save_task(
        crew["admin"], title="培训讲师", start_on="2026-11-01", due_on="2026-11-30"
    )
    out = tmp_path / "p.pdf"
    assert main(["report", "plan", str(db_path), "--out", str(out)]) == 0
    assert "培训讲师" in _text(out)
