"""The process manual and handout PDFs: text, pages, flowcharts, fonts, hash, CLI."""

from __future__ import annotations

import io
import itertools
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from dutydesk.cli.main import main
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from dutydesk.process.model import Edge, Stage, Step
from dutydesk.process.service import default_definition
from dutydesk.store import signing
from dutydesk.store.verify import verify_database
from reports.flowchart import pdf_measure
from reports.flowchart_layout import layout_stage, wrap_text
from reports.manual import build_handout, build_manual, manual_data
from tests.conftest import PASSWORD, START


@pytest.fixture
def published(desk: Desk, admin: Person) -> Desk:
    desk.process.install_default(admin, password=PASSWORD)
    return desk


@pytest.fixture(scope="module")
def manual_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Built once for the read-only checks (a manual takes about a second)."""
    path = tmp_path_factory.mktemp("manual") / "duty.db"
    with Desk.open(path, create=True, clock=ManualClock(START)) as desk:
        admin = desk.initialise(
            site_name="测试值班室",
            admin_name="管理员甲",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
        desk.process.install_default(admin, password=PASSWORD)
        pdf = build_manual(manual_data(desk))
        # What verify recomputes for the approval, kept beside the PDF for the hash test.
        manual_hashes[path.name] = signing.content_hash(desk.db, "process_version", 1)
        assert verify_database(desk.db).ok
        return pdf


manual_hashes: dict[str, str] = {}


def _pages(pdf: bytes, *, only: int | None = None) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chosen = document.pages if only is None else document.pages[:only]
        return [page.extract_text() or "" for page in chosen]


@pytest.fixture(scope="module")
def manual_pages(manual_pdf: bytes) -> list[str]:
    return _pages(manual_pdf)


def test_the_manual_has_cover_version_page_contents_stages_and_forms(
    manual_pages: list[str],
) -> None:
    pages = manual_pages
    assert 14 <= len(pages) <= 30
    assert "值班流程手册" in pages[0] and "第 1 版" in pages[0]
    assert "版本与审批" in pages[1] and "批准人" in pages[1] and "管理员甲" in pages[1]
    assert "目录" in pages[2] and "角色与步骤矩阵" in pages[2]
    text = "\n".join(pages)
    for words in ("值班记录", "交接班记录", "问题处理单", "意见反馈表", "关键绩效指标定义"):
        assert words in text
    assert "响应时间中位数" in text and "越低越好" in text
    assert f"第 {len(pages)} / {len(pages)} 页" in pages[-1]


def test_every_stage_has_a_flowchart_page_with_its_boxes(manual_pdf: bytes) -> None:
    definition = default_definition()
    with pdfplumber.open(io.BytesIO(manual_pdf)) as document:
        pages = list(document.pages)
        for stage in definition.stages:
            caption = f"{stage.name}流程图"
            page = next(p for p in pages if caption in (p.extract_text() or ""))
            text = page.extract_text() or ""
            # Lane headers, every step's key and the start/end terminals are drawn text.
            assert "开始" in text and "结束" in text
            for step in stage.steps:
                assert step.key in text
            drawn = len(page.rects) + len(page.curves) + len(page.lines)
            assert drawn >= len(stage.steps) + 2, stage.name


def test_the_step_table_and_matrix_name_the_responsible_roles(manual_pages: list[str]) -> None:
    text = "\n".join(manual_pages)
    assert "逐项核对交接清单" in text and "值班员" in text and "值班长" in text
    assert "● 负责" in text and "○ 协助" in text


def test_the_font_is_embedded_as_a_subset(manual_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(manual_pdf))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            obj = font.get_object()
            descriptor = obj.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(obj["/BaseFont"]).lstrip("/"))
    assert embedded and all("+WenQuanYiMicroHei" in name for name in embedded)
    # Every glyph on every page is set in an embedded subset font.
    with pdfplumber.open(io.BytesIO(manual_pdf)) as document:
        used = {char["fontname"] for page in document.pages for char in page.chars}
    assert used <= embedded, used - embedded


def test_the_printed_hash_is_the_one_verify_computes(manual_pages: list[str]) -> None:
    (expected,) = manual_hashes.values()
    assert all(f"记录哈希 SHA-256: {expected}" in page for page in manual_pages)
    assert expected in manual_pages[1]  # and on the approval page


def test_the_approval_hash_is_the_signature_content_hash(published: Desk) -> None:
    expected = signing.content_hash(published.db, "process_version", 1)
    assert published.process.approval_hash(1) == expected


def test_a_draft_manual_says_it_is_not_approved_and_has_no_hash(
    published: Desk, admin: Person
) -> None:
    published.process.start_draft(admin)
    pages = _pages(build_manual(manual_data(published, version=2)), only=2)
    assert "尚未经管理员批准" in pages[0] and "草稿" in pages[1]
    assert "记录哈希" not in "\n".join(pages)


def test_the_handout_lists_the_officers_steps(published: Desk) -> None:
    pages = _pages(build_handout(manual_data(published), "officer"))
    text = "\n".join(pages)
    assert "值班员岗位培训手册" in pages[0]
    assert "接报并登记事件" in text and "学习自查" in text
    # The duty list names only the officer's steps (the flowcharts show the whole stage).
    assert "编制下月值班表草案" not in pages[0]
    assert "S6 班前确认到岗人员" in pages[0] or "班前确认到岗人员" in pages[0]


def test_wrapped_text_fits_and_boxes_never_overlap() -> None:
    lines = wrap_text("接班人签字确认并锁定记录并通知值班长", 60, 8.5, pdf_measure)
    assert len(lines) > 1 and "".join(lines) == "接班人签字确认并锁定记录并通知值班长"
    for stage in default_definition().stages:
        layout = layout_stage(stage, pdf_measure, width=480)
        boxes = sorted(layout.nodes, key=lambda n: n.top)
        for upper, lower in itertools.pairwise(boxes):
            assert upper.bottom < lower.top
        for node in layout.nodes:
            assert 0 <= node.left and node.right <= layout.width
        by_key = {n.key: n for n in layout.nodes}
        for route in layout.routes:
            target = by_key[route.target]
            assert route.points[-1] == (target.x, target.top)  # arrows end on their box


def test_a_single_lane_stage_with_a_loop_lays_out() -> None:
    stage = Stage(
        "x",
        "测试",
        steps=(
            Step("A", "甲", "officer"),
            Step(
                "B",
                "是否完成？",
                "officer",
                kind="decision",
                next=(Edge("END", "是"), Edge("A", "否", loop=True)),
            ),
        ),
    )
    layout = layout_stage(stage, pdf_measure)
    assert len(layout.lanes) == 1
    assert {(r.source, r.target) for r in layout.routes} >= {("B", "END"), ("B", "A")}


def test_cli_writes_manual_and_handout(published: Desk, tmp_path: Path) -> None:
    path = published.path
    assert path is not None
    published.db.conn.commit()
    out = tmp_path / "manual.pdf"
    assert main(["manual", str(path), "--out", str(out)]) == 0
    assert "值班流程手册" in _pages(out.read_bytes(), only=1)[0]
    handout = tmp_path / "handout.pdf"
    assert main(["manual", str(path), "--role", "leader", "--handout", "--out", str(handout)]) == 0
    assert "值班长岗位培训手册" in _pages(handout.read_bytes(), only=1)[0]
    assert main(["manual", str(path), "--version", "7", "--out", str(out)]) == 2


def test_cli_without_a_published_version_explains(desk: Desk, tmp_path: Path, capsys) -> None:
    assert desk.path is not None
    assert main(["manual", str(desk.path), "--out", str(tmp_path / "m.pdf")]) == 2
    assert "还没有已发布的流程版本" in capsys.readouterr().err


def test_cli_process_check_lists_problems(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"title": "t", "stages": [{"key": "a", "name": "甲", "steps": ['
        '{"key": "A1", "name": "一"}]}]}',
        encoding="utf-8",
    )
    assert main(["process", "check", str(bad)]) == 1
    assert "甲 / A1: 步骤没有指定责任角色" in capsys.readouterr().out
    good = Path(__file__).resolve().parents[2] / "resources" / "process" / "default_process.json"
    assert main(["process", "check", str(good)]) == 0


def test_pdffonts_reports_the_cjk_font_embedded(manual_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "m.pdf"
    path.write_bytes(manual_pdf)
    try:
        result = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=30
        )
    except FileNotFoundError:
        pytest.skip("pdffonts not installed")
    rows = [r for r in result.stdout.splitlines()[2:] if "WenQuanYi" in r]
    # (reportlab also lists an unused Helvetica resource; no glyph uses it, see above.)
    assert rows and all(" yes yes " in row for row in rows), result.stdout


def test_cli_installs_the_default_process_and_lists_versions(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert desk.path is not None
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["process", "install-default", str(desk.path)]) == 0
    assert "第 1 版" in capsys.readouterr().out
    assert main(["process", "list", str(desk.path)]) == 0
    assert capsys.readouterr().out.startswith("*   1 已发布")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["process", "install-default", str(desk.path)]) == 2
