"""The 流程 tab: steps of the version, editing the draft, publishing with a signature, diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD
from tests.ui.fresh_process import printed_by_fresh_process


@pytest.fixture
def tab(app, qtbot, desk: Desk, admin: Person, session):  # type: ignore[no-untyped-def]
    from ui.tabs.process import ProcessTab

    desk.process.install_default(admin, password=PASSWORD)
    widget = ProcessTab(session)
    qtbot.addWidget(widget)
    return widget


def test_the_tab_lists_steps_and_draws_the_flowchart(tab) -> None:  # type: ignore[no-untyped-def]
    assert tab.version_box.count() == 1
    assert tab.stage_box.currentText() == "值班安排"
    assert tab.steps_model.rowCount() == 6
    assert tab.chart.layout_data is not None
    assert {n.key for n in tab.chart.layout_data.nodes} >= {"S1", "S6", "START", "END"}
    assert tab.chart.grab().width() > 400
    assert not tab.save_button.isEnabled()  # published versions are locked


SHOWN = """
import sys
from PySide6.QtWidgets import QApplication

from dutydesk.desk import Desk
from ui.app import ensure_application
from ui.session import Session
from ui.tabs.process import ProcessTab

app = ensure_application("zh_CN")
desk = Desk.open(sys.argv[1])
tab = ProcessTab(Session(desk, desk.people.by_employee_no("admin"), "zh_CN"))
tab.resize(1200, 700)
tab.show()
for _ in range(20):
    app.processEvents()
image = tab.chart.grab()
print("NODES", len(tab.chart.layout_data.nodes), image.width())
print("MODULES", *sorted(sys.modules))
"""


def test_showing_the_tab_loads_no_reportlab(demo_db: Path) -> None:
    """The preview lays out and paints with Qt's font metrics (reportlab and its parsed
    CJK face cost the window about 35 MiB); a fresh process, so no other test's imports
    count."""
    lines = printed_by_fresh_process(SHOWN, str(demo_db))
    nodes, width = map(int, lines["NODES"])
    assert nodes >= 4 and width > 400  # the chart was laid out and painted
    modules = set(lines["MODULES"])
    assert "reportlab" not in modules
    assert not [m for m in modules if m.startswith(("reportlab.", "PIL"))]
    assert "reports.flowchart_layout" in modules and "reports.flowchart" not in modules


def test_the_preview_breaks_lines_where_the_manual_does(tab) -> None:  # type: ignore[no-untyped-def]
    """Measured in the window's font, the default process lays out as in the PDF."""
    from reports.flowchart import pdf_measure
    from reports.flowchart_layout import layout_stage

    for stage in tab.current.definition.stages:
        window = layout_stage(stage, tab.chart.measure, width=480)
        printed = layout_stage(stage, pdf_measure, width=480)
        assert [n.lines for n in window.nodes] == [n.lines for n in printed.nodes]
        assert [n.note for n in window.nodes] == [n.note for n in printed.nodes]
    for text in ("S3 值班表是否", "时限 接班前30分钟", "Limit within 30 min"):
        assert tab.chart.measure(text, 8.5) == pytest.approx(pdf_measure(text, 8.5), abs=0.05)


def test_editing_a_draft_saves_and_bad_input_shows_the_core_message(tab, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    tab.new_draft()
    assert tab.current is not None and tab.current.is_draft
    assert tab.save_button.isEnabled()
    tab.steps_view.selectRow(0)
    tab.edit_limit.setText("每月18日前")
    tab.save_step()
    draft = desk.process.draft()
    assert draft is not None and draft.definition.step("S1").time_limit == "每月18日前"
    tab.steps_view.selectRow(2)
    tab.edit_next.setText("符合→S99; 不符合→S2(返回)")
    tab.save_step()
    assert "不存在的步骤 S99" in tab.editor_error.text()
    assert desk.process.draft().definition.step("S3").next[0].to == "S4"  # type: ignore[union-attr]
    tab.reload()
    assert "时限 每月20日前 → 每月18日前" in tab.diff_text.toPlainText()


def test_publishing_through_the_dialog_signs_and_locks(tab, desk: Desk, session) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.process import PublishDialog

    tab.new_draft()
    dialog = PublishDialog(session, desk.process.draft(), tab)
    dialog.note.setText("测试修订")
    dialog.password.setText("wrong-password")
    dialog._ok()
    assert dialog.published is None and dialog.error_label("password").text()
    assert dialog.refused(dialog.password) and dialog.note.text() == "测试修订"
    dialog.password.setText(PASSWORD)
    dialog._ok()
    assert dialog.published is not None and dialog.published.number == 2
    assert desk.process.latest_published().number == 2  # type: ignore[union-attr]


def test_edge_text_round_trips() -> None:
    from ui.tabs.process import format_edges, parse_edges

    edges = parse_edges("是→H4; 否，退回→H2(返回)")
    assert [(e.label, e.to, e.loop) for e in edges] == [
        ("是", "H4", False),
        ("否，退回", "H2", True),
    ]
    assert parse_edges(format_edges(edges)) == edges
    with pytest.raises(DutyDeskError):
        parse_edges("→→")


def test_stages_can_be_renamed_added_and_removed_in_the_draft(tab, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    tab.new_draft()
    tab.stage_name.setText("排班安排")
    tab.save_stage()
    draft = desk.process.draft()
    assert draft is not None and draft.definition.stages[0].name == "排班安排"
    tab.new_stage()
    draft = desk.process.draft()
    assert draft is not None and len(draft.definition.stages) == 5
    assert tab.stage_box.currentText().startswith("新阶段")
    tab.delete_stage()
    assert len(desk.process.draft().definition.stages) == 4  # type: ignore[union-attr]
    tab.stage_name.setText("")
    tab.save_stage()
    assert "阶段名称不能为空" in tab.stage_error.text()


def test_the_manual_is_made_in_the_background_and_previewed(tab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.handout_role.setCurrentIndex(tab.handout_role.findData("leader"))
    tab.make_handout()
    qtbot.waitUntil(lambda: tab.last_task.is_finished, timeout=30000)
    assert tab.last_task.error is None
    assert tab.last_pdf.startswith(b"%PDF")
    assert tab.preview.page_count >= 3
    assert tab.preview.suggested_name == "handout-leader-v1.pdf"
    tab.preview.close()


def test_the_tab_opens_on_the_version_in_force_and_the_draft_is_one_click_away(
    app, qtbot, desk: Desk, admin: Person, crew, make_session
) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.process import ProcessTab

    desk.process.install_default(admin, password=PASSWORD)
    desk.process.start_draft(admin)
    tab = ProcessTab(make_session(admin))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.current is not None and not tab.current.is_draft
    assert tab.current.number == 1 and "已发布" in tab.version_box.currentText()
    assert tab.open_draft_button.isVisible() and "第 2 版" in tab.open_draft_button.text()
    tab.open_draft_button.click()
    assert tab.current is not None and tab.current.is_draft and tab.save_button.isEnabled()

    auditor_tab = ProcessTab(make_session(crew["auditor"]))
    qtbot.addWidget(auditor_tab)
    auditor_tab.show()
    assert auditor_tab.current is not None and not auditor_tab.current.is_draft
    assert not auditor_tab.open_draft_button.isVisible()


def test_the_editor_shows_supporting_roles_by_name(tab, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    tab.new_draft()
    tab.steps_view.selectRow(0)
    texts = [box.text() for box in tab.support_boxes.values()]
    assert texts == ["值班员", "值班长", "管理员"]
    tab.support_boxes["leader"].setChecked(True)
    tab.support_boxes["officer"].setChecked(False)
    tab.save_step()
    draft = desk.process.draft()
    assert draft is not None
    key = tab._selected_key()
    assert draft.definition.step(key).support_roles == ("leader",)
