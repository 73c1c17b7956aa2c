"""A cycle's KPI targets are chosen by name; the code stays behind the cell (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from dutydesk.desk import Desk
from dutydesk.improvement.cycles import CycleTarget
from dutydesk.kpi.definitions import BY_CODE
from dutydesk.people.auth import Person
from ui.tabs.feedback_review_dialogs import CycleDialog


def test_a_target_is_chosen_by_name_and_saved_by_code(
    session, desk: Desk, crew: dict[str, Person], qtbot
) -> None:  # type: ignore[no-untyped-def]
    cycle = desk.cycles.create_cycle(
        crew["leader"],
        kind="quarter",
        start_date="2026-10-01",
        targets=[CycleTarget("resolution_rate", "", 90, "at_least", "%")],
    )
    dialog = CycleDialog(session, cycle=cycle)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = [dialog.targets.item(r, 0).text() for r in range(dialog.targets.rowCount())]
    assert shown[0] == BY_CODE["resolution_rate"].name_zh
    assert "resolution_rate" not in shown
    # Choose a KPI for the first empty row with the keyboard: F2 opens the list, Tab takes it.
    index = dialog.targets.index(1, 0)
    dialog.target_view.setCurrentIndex(index)
    dialog.target_view.setFocus()
    QTest.keyClick(dialog.target_view, Qt.Key.Key_F2)
    editor = dialog.target_view.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData("response_median"))
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    name = BY_CODE["response_median"].name_zh
    assert dialog.targets.item(1, 0).text() == name
    assert dialog.targets.item(1, 1).text() == name  # the label is filled in
    assert dialog.targets.item(1, 3).text() == "不高于"  # shorter response is better
    dialog.targets.item(1, 2).setText("15")
    dialog.buttons.accepted.emit()
    saved = {t.kpi_key: t for t in desk.cycles.cycle(cycle.id).targets}
    assert set(saved) == {"resolution_rate", "response_median"}
    assert saved["response_median"].target == 15
    assert saved["response_median"].direction == "at_most"
