"""The 统计 dashboard: tiles, drill-down, targets and period navigation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dutydesk.desk import Desk
from dutydesk.kpi.definitions import DEFINITIONS
from dutydesk.kpi.period import Period
from tests.fixtures_kpi import OCTOBER
from ui.session import Session
from ui.tabs.kpi import KpiTab, TargetsDialog


def settle(qtbot, tab: KpiTab) -> None:  # type: ignore[no-untyped-def]
    """The dashboard computes in a worker thread; wait for the newest result."""
    qtbot.waitUntil(lambda: tab.is_current, timeout=15000)


@pytest.fixture
def tab(qtbot, desk: Desk, crew, incidents) -> KpiTab:
    session = Session(desk, crew["leader"])
    widget = KpiTab(session)
    qtbot.addWidget(widget)
    widget.set_period(OCTOBER)
    settle(qtbot, widget)
    return widget


def test_every_kpi_has_a_tile_and_missing_data_is_not_zero(tab: KpiTab) -> None:
    assert list(tab.tiles) == [d.code for d in DEFINITIONS]
    assert tab.tiles["resolution_rate"].value_label.text() == "50.0%"
    assert tab.tiles["feedback_answered_rate"].value_label.text() == "无数据"
    assert "2026年10月" in tab.summary.text()


def test_clicking_a_tile_lists_the_incidents_behind_it(qtbot, tab: KpiTab) -> None:
    opened = []
    tab.tiles["resolution_rate"].activated.connect(opened.append)
    qtbot.mouseClick(tab.tiles["resolution_rate"], Qt.MouseButton.LeftButton)
    assert opened == ["resolution_rate"]
    dialog = tab.drill_down("resolution_rate")
    qtbot.addWidget(dialog)
    titles = {dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())}
    assert titles == {"机房空调告警", "UPS 电池故障", "门禁离线", "电话线路杂音"}
    # Every row is in the denominator; the last column marks the numerator (2 of 4 resolved).
    last = dialog.model.columnCount() - 1
    assert dialog.model.headerData(last, Qt.Orientation.Horizontal) == "计入分子"
    marks = {
        dialog.model.index(r, 1).data(): dialog.model.index(r, last).data()
        for r in range(dialog.model.rowCount())
    }
    assert marks == {
        "机房空调告警": "是",
        "UPS 电池故障": "是",
        "门禁离线": "否",
        "电话线路杂音": "否",
    }
    assert not dialog.raise_button.isEnabled()  # no target, no breach


def test_a_breached_target_can_become_a_problem(qtbot, tab: KpiTab, desk: Desk, crew) -> None:
    desk.kpi.set_target(crew["leader"], "resolution_rate", 90)
    tab.refresh()
    settle(qtbot, tab)
    assert "目标 ≥ 90.0%（站点）" in tab.tiles["resolution_rate"].target_label.text()
    dialog = tab.drill_down("resolution_rate")
    qtbot.addWidget(dialog)
    assert dialog.raise_button.isEnabled()
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.information
    QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # type: ignore
    try:
        dialog.raise_button.click()
    finally:
        QMessageBox.information = original  # type: ignore
    assert (
        desk.db.execute("SELECT count(*) FROM problems WHERE source = 'kpi_breach'").fetchone()[0]
        == 1
    )


def test_the_targets_dialog_shows_bad_input_beside_the_field(qtbot, desk: Desk, crew) -> None:
    dialog = TargetsDialog(Session(desk, crew["leader"]))
    qtbot.addWidget(dialog)
    dialog.fields["resolution_rate"].setText("150")
    dialog.fields["response_median"].setText("20")
    assert dialog.save() is False
    assert "100" in dialog.fields["resolution_rate"].error.text()
    assert desk.kpi.targets() == {"response_median": 20.0}
    dialog.fields["resolution_rate"].setText("95")
    assert dialog.save() is True
    assert desk.kpi.targets() == {"response_median": 20.0, "resolution_rate": 95.0}


def test_officers_cannot_open_targets_and_periods_step(qtbot, desk: Desk, crew, incidents) -> None:
    widget = KpiTab(Session(desk, crew["officer"]))
    qtbot.addWidget(widget)
    assert not widget.targets_button.isEnabled()
    widget.set_period(OCTOBER)
    widget.go_previous()
    assert widget.period() == Period.month(2026, 9)
    widget.go_next()
    widget.go_next()
    assert widget.period() == Period.month(2026, 11)


def test_excel_export_from_the_tab(tab: KpiTab, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "kpi.xlsx"
    tab.export_excel_to(str(out))
    sheet = load_workbook(out)["指标"]
    assert sheet["A2"].value == DEFINITIONS[0].code


def test_every_chart_has_dates_or_names_and_its_numbers_one_click_away(tab: KpiTab) -> None:
    from PySide6.QtCharts import QCategoryAxis, QHorizontalBarSeries

    from ui.tabs.kpi_charts import ChartPanel

    panels = tab.findChildren(ChartPanel)
    assert len(panels) == 4
    daily, _trend, categories, hours = panels
    axis = next(a for a in daily.view.chart().axes() if isinstance(a, QCategoryAxis))
    assert axis.categoriesLabels()[0] == "10-01"  # dates on the time axis
    assert "2026-10-01" in axis.titleText()
    assert daily.stack.currentIndex() == 0
    daily.toggle.click()
    assert daily.stack.currentWidget() is daily.table
    assert daily.table.item(0, 0).text() == "2026-10-01"
    assert daily.toggle.text() == "图表"
    daily.toggle.click()
    assert daily.stack.currentWidget() is daily.view
    for panel in (categories, hours):
        series = panel.view.chart().series()[0]
        assert isinstance(series, QHorizontalBarSeries) and series.isLabelsVisible()
    names = [hours.table.item(r, 0).text() for r in range(hours.table.rowCount())]
    assert all(name for name in names)  # the fixture has no roster: maybe none
    assert hours.view.minimumHeight() >= 26 * len(names)


def test_a_chart_is_made_when_it_is_scrolled_into_view(qtbot, tab: KpiTab) -> None:
    """The charts sit below the tiles: none is built (nor Qt Charts' memory spent) until
    its panel is painted; its table button works before that."""
    from PySide6.QtWidgets import QScrollArea

    from ui.tabs.kpi_charts import ChartPanel

    tab.resize(1200, 420)  # the tiles fill the view
    tab.show()
    qtbot.waitExposed(tab)
    panels = tab.findChildren(ChartPanel)
    qtbot.wait(50)
    assert [panel._view for panel in panels] == [None] * 4
    blank_heights = [panel.blank.minimumHeight() for panel in panels]
    daily = panels[0]
    daily.toggle.click()
    assert daily.stack.currentWidget() is daily.table and daily._view is None
    assert daily.table.item(0, 0).text() == "2026-10-01"
    daily.toggle.click()
    scroll = tab.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: None not in [panel._view for panel in panels[2:]], timeout=5000)
    assert daily.stack.currentIndex() == 0 and daily.stack.currentWidget() is daily.view
    # The blank held the chart's room: the page does not jump when the chart comes.
    assert [panel.view.minimumHeight() for panel in panels] == blank_heights


def test_charts_in_view_when_the_data_arrives_are_made(qtbot, tab: KpiTab) -> None:
    from ui.tabs.kpi_charts import ChartPanel

    tab.resize(1200, 1800)  # tall enough for every chart
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh()  # new panels while the tab is on screen
    settle(qtbot, tab)
    # The panels of the first result go with the next deferred delete.
    qtbot.waitUntil(lambda: len(tab.findChildren(ChartPanel)) == 4, timeout=5000)
    panels = tab.findChildren(ChartPanel)
    qtbot.waitUntil(lambda: None not in [panel._view for panel in panels], timeout=5000)
