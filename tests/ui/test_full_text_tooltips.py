"""A cell text cut short by its column ("…") can be read in full as its tooltip: the one
table model base answers ToolTipRole for every list model that gives no tooltip itself."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from tests.ui.test_table_models import _model_classes
from ui.models.base import TableModel, is_long_text

TIP = Qt.ItemDataRole.ToolTipRole
LONG_TITLE = "三楼机房精密空调压缩机高压告警，值班员到场复位后半小时内再次告警并自动停机"


def _tip(index: QModelIndex) -> Any:
    return index.model().data(index, TIP)


def _cut_short(view: QAbstractItemView, index: QModelIndex) -> bool:
    """The view shows less than the text: the column is narrower than the text."""
    text = str(index.data())
    return view.visualRect(index).width() < view.fontMetrics().horizontalAdvance(text)


def test_every_list_model_answers_with_the_full_text() -> None:
    missing = [
        name
        for name, cls in _model_classes()
        if issubclass(cls, TableModel)
        and cls is not TableModel
        and not getattr(cls.data, "full_text_tooltip", False)
    ]
    assert missing == []


def test_long_texts_get_a_tooltip_short_ones_and_numbers_none(app) -> None:  # type: ignore[no-untyped-def]
    from ui.models.roster import TextRowsModel

    model = TextRowsModel(("名称", "说明", "数量", "备注"))
    model.set_rows([("早班", LONG_TITLE, 3, "第一行\n第二行")])
    assert _tip(model.index(0, 0)) is None  # short: shown whole, no tooltip
    assert _tip(model.index(0, 1)) == LONG_TITLE
    assert _tip(model.index(0, 2)) is None  # not a text
    assert _tip(model.index(0, 3)) == "第一行\n第二行"  # a list row shows only one line
    assert is_long_text("x" * 16) and not is_long_text("x" * 15)
    assert is_long_text("八个中文字符八个") and not is_long_text("七个中文字符七")


def test_a_tooltip_the_model_gives_itself_is_kept(app) -> None:  # type: ignore[no-untyped-def]
    from ui.models.feedback_rows import Column, ColumnsModel

    model = ColumnsModel(
        [Column("标题", lambda row: row), Column("说明", lambda row: row, lambda row: "自己的")]
    )
    model.rows = [LONG_TITLE]
    assert _tip(model.index(0, 0)) == LONG_TITLE
    assert _tip(model.index(0, 1)) == "自己的"


def test_the_incident_list_reads_a_long_title_in_full(  # type: ignore[no-untyped-def]
    app, qtbot, desk: Desk, crew: dict[str, Person]
) -> None:
    from ui.session import Session
    from ui.tabs.incidents import IncidentsTab

    ref = desk.incidents.reference
    desk.incidents.report(
        crew["officer"],
        title=LONG_TITLE,
        severity_id=ref.severity_by_code("II").id,
        category_id=next(c.id for c in ref.categories() if c.name == "空调"),
    )
    tab = IncidentsTab(Session(desk, crew["officer"], "zh_CN"))
    qtbot.addWidget(tab)
    tab.resize(1280, 600)
    tab.show()
    QApplication.processEvents()
    index = tab.view.model().index(0, tab.model.COL_TITLE)
    assert index.data() == LONG_TITLE
    assert _cut_short(tab.view, index)
    assert _tip(index) == LONG_TITLE


def test_the_feedback_inbox_reads_a_long_entry_in_full(  # type: ignore[no-untyped-def]
    window, desk: Desk, crew: dict[str, Person]
) -> None:
    text = f"{LONG_TITLE}。上周也出现过：{LONG_TITLE}。建议更换压缩机：{LONG_TITLE}"
    desk.feedback.submit(crew["officer"], text=text)
    window.resize(1280, 720)
    window.show()
    tab = window.select_tab("feedback")
    tab.pages.setCurrentWidget(tab.inbox)
    tab.inbox.refresh()
    QApplication.processEvents()
    view, model = tab.inbox.view, tab.inbox.model
    [column] = [c for c in range(model.columnCount()) if model.index(0, c).data() == text]
    index = view.model().index(0, column)
    assert _cut_short(view, index)
    assert _tip(index) == text


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_list_without_tooltips_of_its_own_now_has_them(  # type: ignore[no-untyped-def]
    qtbot, make_session, desk: Desk, admin: Person, lang: str
) -> None:
    """基础数据 → 事件类别 gave no tooltips: a long category name is read in full now."""
    from ui.models.incidents_reference import CategoryModel
    from ui.tabs.incidents_reference import ReferenceDataDialog

    name = "机房精密空调及新风系统（含冷凝器与室外机组）"
    desk.incidents.reference.save_category(admin, name=name)
    dialog = ReferenceDataDialog(make_session(admin, lang))
    qtbot.addWidget(dialog)
    page = dialog.categories
    row = next(r for r, item in enumerate(page.model.items()) if item.name == name)
    assert _tip(page.model.index(row, CategoryModel.COL_NAME)) == name
    assert _tip(page.model.index(row, CategoryModel.COL_PARENT)) is None  # empty: no tip


def test_the_todo_list_gives_a_long_entry_in_full_beside_its_hint(  # type: ignore[no-untyped-def]
    desk: Desk, clock, crew: dict[str, Person], make_session, make_window
) -> None:
    desk.improvement.add_action(
        crew["admin"],
        kind="corrective",
        title=LONG_TITLE,
        owner_id=crew["officer"].id,
        due_on="2026-11-26",
    )
    clock.advance(days=3)
    window = make_window(make_session(crew["officer"]))
    window.finish_start_up()
    todo = window.todo_panel.list
    long_cell, date_cell = todo.item(0, 0), todo.item(0, 2)
    assert LONG_TITLE in long_cell.text()
    assert long_cell.toolTip() == f"{long_cell.text()}\n回车或双击：打开处理的位置"
    assert date_cell.toolTip() == "回车或双击：打开处理的位置"
