"""Training materials opened from the 培训 tab (a course's) and the 流程 tab (a step's):
add, link, open, remove through the core; its messages shown when it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.training.materials import MAX_MATERIAL_BYTES
from tests.conftest import PASSWORD


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: shown.append(text))
    )
    return shown


def test_a_course_material_is_added_opened_and_removed_from_the_training_tab(  # type: ignore[no-untyped-def]
    qtbot, session, desk, tmp_path: Path, warnings
):
    from ui.tabs.training import TrainingTab

    course = desk.training.add_course(session.person, title="交接班规范")
    tab = TrainingTab(session)
    qtbot.addWidget(tab)
    page = tab.courses
    page.course_view.selectRow(0)
    panel = page.materials
    assert panel.course_id == course.id and "交接班规范" in panel.heading.text()
    assert panel.add_button.isEnabled()
    slides = tmp_path / "交接班规范.pdf"
    slides.write_bytes(b"%PDF-1.4 handover")
    panel.add_path(slides, "交接班规范讲义")
    assert panel.model.rowCount() == 1
    assert [m.title for m in desk.training.materials.list(course_id=course.id)] == [
        "交接班规范讲义"
    ]
    opened: list[Path] = []
    panel.opener = opened.append
    panel.view.selectRow(0)
    panel.open_selected()
    assert opened and opened[0].read_bytes() == b"%PDF-1.4 handover"
    # too large: the core's message, nothing stored
    big = tmp_path / "录像.mp4"
    big.write_bytes(b"v" * (MAX_MATERIAL_BYTES + 1))
    assert panel.add_path(big) is None
    assert "超过上限 20 MB" in warnings[-1] and "链接文件" in warnings[-1]
    # linked instead; when the file changes, opening says so and opens nothing
    linked = panel.link_path(big, "消防演练录像")
    assert linked is not None and panel.model.rowCount() == 2
    big.write_bytes(b"w" * (MAX_MATERIAL_BYTES + 1))
    panel.view.selectRow(1)
    assert panel.open_selected() is None
    assert "已被改动" in warnings[-1] and len(opened) == 1
    panel.remove_selected()
    assert panel.model.rowCount() == 1


def test_an_officer_opens_but_cannot_add(qtbot, make_session, crew, desk) -> None:  # type: ignore[no-untyped-def]
    from ui.materials import MaterialsPanel

    course = desk.training.add_course(crew["leader"], title="值班台操作")
    desk.training.materials.add(
        crew["leader"], course_id=course.id, filename="操作要点.md", data="要点".encode()
    )
    panel = MaterialsPanel(make_session(crew["officer"]))
    qtbot.addWidget(panel)
    panel.show_course(course.id, course.title)
    assert panel.model.rowCount() == 1
    assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    assert panel.open_button.isEnabled()


def test_a_step_material_from_the_process_tab(qtbot, session, desk, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.process import ProcessTab

    desk.process.install_default(admin, password=PASSWORD)
    tab = ProcessTab(session)
    qtbot.addWidget(tab)
    tab.stage_box.setCurrentIndex(1)  # 交接班
    tab.steps_view.selectRow(1)
    assert tab.materials.step_key == "H2"
    assert "H2 逐项核对交接清单" in tab.materials.heading.text()
    card = tmp_path / "核对示范.png"
    card.write_bytes(b"\x89PNG\r\n\x1a\n fake")
    tab.materials.add_path(card)
    assert [m.filename for m in desk.training.materials.list(step_key="H2")] == ["核对示范.png"]
    tab.steps_view.selectRow(1)
    assert tab.materials.model.rowCount() == 1
