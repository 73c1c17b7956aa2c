"""The process manual and the training handout list the training materials of the steps
and the courses (title, kind, stored or linked file, size, start of the sha256)."""

from __future__ import annotations

import io

import pdfplumber

from dutydesk.desk import Desk
from reports.manual import build_handout, build_manual, manual_data
from tests.conftest import PASSWORD


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


def test_the_demo_manual_lists_step_and_course_materials(demo_db) -> None:  # type: ignore[no-untyped-def]
    with Desk.open(demo_db) as desk:
        data = manual_data(desk)
        step = desk.training.materials.list(step_key="H2")[0]
        pages = _pages(build_manual(data))
    text = "".join(pages)
    # the H2 material sits in the handover stage's section, with its hash prefix
    stage_page = next(p for p in pages if "交接班步骤与责任" in p and "交接清单核对示范" in p)
    assert "内置：handover-check-demo.pdf" in stage_page and step.sha256[:12] in stage_page
    assert "课程培训资料" in text
    for title in ("交接班检查表", "交接班要点", "事件分级与上报"):  # cells wrap
        assert title in text


def test_the_handout_lists_the_role_steps_materials_and_a_linked_video(  # type: ignore[no-untyped-def]
    desk, crew, tmp_path
) -> None:
    desk.process.install_default(crew["admin"], password=PASSWORD)
    course = desk.training.add_course(crew["leader"], title="突发事件接报与处置")
    video = tmp_path / "fire-drill.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"v" * 2048)
    desk.training.materials.link(
        crew["leader"], course_id=course.id, path=str(video), title="消防演练录像"
    )
    desk.training.materials.add(
        crew["leader"], step_key="P1", filename="接警登记要素.md", data="登记要素".encode()
    )
    desk.training.materials.add(
        crew["leader"], step_key="S2", filename="排班草案样例.pdf", data=b"%PDF-1.4"
    )
    text = "".join(_pages(build_handout(manual_data(desk, version=1), "officer")))
    assert "接警登记要素" in text  # P1 is the officer's step
    assert "排班草案样例" not in text  # S2 is the leader's, the officer does not take part
    assert "课程：突发事件" in text and "消防演练录像" in text
    assert "链接：" in text and "fire-drill.mp4" in text
