"""The verification summary PDF: Chinese text extracts, problems listed, font embedded."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from dutydesk.desk import Desk
from dutydesk.store import archive, audit
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_database
from reports.verification import build_verification_report


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_a_clean_database_reads_as_passed_with_site_file_and_head_hash(
    desk: Desk, crew, tmp_path: Path
) -> None:
    report = verify_database(desk.db)
    out = tmp_path / "verify.pdf"
    pdf = build_verification_report(desk, report, out)
    assert out.read_bytes() == pdf
    text = _text(pdf)
    assert "数据库校验报告" in text
    assert "校验结果：通过" in text
    assert "测试值班室" in text
    assert report.audit_head in text
    assert "0001_core" in text
    assert "audit_log" in text and "people" in text
    assert f"{report.audit_rows}" in text
    assert "第 1 / " in text  # footer page x / y


def test_a_tampered_database_lists_every_problem_with_table_and_row(
    desk: Desk, crew, tmp_path: Path
) -> None:
    officer = crew["officer"]
    desk.db.execute("UPDATE people SET phone = '13999999999' WHERE id = ?", [officer.id])
    desk.db.execute("DROP TRIGGER audit_log_no_update")
    desk.db.execute("UPDATE audit_log SET actor_label = '冒名' WHERE seq = 2")
    report = verify_database(desk.db)
    assert not report.ok
    out = tmp_path / "bad.pdf"
    text = _text(build_verification_report(desk, report, out))
    assert f"发现 {len(report.problems)} 个问题" in text
    assert "记录与审计一致" in text and "审计哈希链" in text
    flat = re.sub(r"\s+", "", text)
    assert f"people第{officer.id}行与审计记录不符" in flat
    assert "审计记录2的内容与其哈希不符" in flat
    assert "phone" in text


def test_the_manifest_is_shown_and_compared_with_the_file(
    desk: Desk, admin, tmp_path: Path
) -> None:
    copy = tmp_path / "audit-copy.db"
    manifest = archive.export_for_audit(desk, copy, exporter=admin)
    with Desk(storage.open_readonly(copy), path=copy) as copy_desk:
        pdf = build_verification_report(copy_desk, verify_database(copy_desk.db), manifest=manifest)
    text = _text(pdf)
    assert "审计导出清单" in text
    assert "文件与清单一致" in text
    assert manifest.file_sha256 in text
    assert manifest.audit_head_hash in text
    assert admin.name in text

    data = bytearray(copy.read_bytes())
    at = data.find(manifest.audit_head_hash.encode())
    data[at] = ord("0") if data[at] != ord("0") else ord("1")  # one hex digit of the head
    copy.write_bytes(bytes(data))
    with Desk(storage.open_readonly(copy), path=copy) as copy_desk:
        text = _text(
            build_verification_report(copy_desk, verify_database(copy_desk.db), manifest=manifest)
        )
    assert "文件与清单不一致" in text and "文件 SHA-256" in text


def test_the_cjk_font_is_embedded_as_a_subset_and_no_other_font_is_referenced(
    desk: Desk,
) -> None:
    pdf = build_verification_report(desk, verify_database(desk.db))
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts, "the PDF names no font"
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei-\d+", name), name
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"
    assert len(pdf) < 200_000


@pytest.mark.parametrize("problems", [0, 50])
def test_many_problems_flow_over_pages_with_the_header_repeated(
    desk: Desk, admin, problems: int
) -> None:
    for index in range(problems):
        audit.insert(
            desk.db,
            "settings",
            {"key": f"k{index}", "value": "v"},
            actor=admin.actor,
            at=desk.now_iso(),
        )
        desk.db.execute("UPDATE settings SET value = 'x' WHERE key = ?", [f"k{index}"])
    report = verify_database(desk.db)
    assert len(report.problems) == problems
    with pdfplumber.open(io.BytesIO(build_verification_report(desk, report))) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    if problems:
        assert len(pages) >= 2
        assert sum("检查项" in page for page in pages) >= 2
