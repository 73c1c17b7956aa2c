"""Every list model in ui/models stands on the one TableModel base, under one name."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

from PySide6.QtCore import QAbstractTableModel, Qt

import ui.models
from dutydesk.roster.changes import Leave
from ui.models.base import TableModel
from ui.models.roster import LeaveQueueModel

# The month grid is people × days with its own headers: a grid, not a list of rows.
NOT_LISTS = {"RosterMonthModel"}


def _model_classes() -> list[tuple[str, type]]:
    found = []
    for info in pkgutil.iter_modules(ui.models.__path__):
        module = importlib.import_module(f"ui.models.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QAbstractTableModel):
                found.append((name, cls))
    return found


def test_every_list_model_uses_the_base() -> None:
    classes = _model_classes()
    assert len(classes) > 20
    outside = [n for n, cls in classes if not issubclass(cls, TableModel) and n not in NOT_LISTS]
    assert outside == []
    # none repeats what the base does
    repeats = [
        (n, method)
        for n, cls in classes
        if n not in NOT_LISTS and cls is not TableModel
        for method in ("rowCount", "columnCount", "headerData")
        if method in vars(cls)
    ]
    assert repeats == []


def test_one_name_per_model() -> None:
    names = [n for n, _cls in _model_classes()]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_headers_translate_through_qt(app, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    model = LeaveQueueModel()
    leave = Leave(
        1, 2, "张伟", "annual", date(2026, 12, 1), date(2026, 12, 3), "pending", "探亲", ""
    )
    model.set_items([leave])
    qtmodeltester.check(model)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["姓名", "类型", "开始", "结束", "状态", "事由"]
    assert model.index(0, 0).data() == "张伟"
    i18n.install_translators(app, "en")
    try:
        header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
        assert header == ["Name", "Type", "From", "To", "Status", "Reason"]
    finally:
        i18n.install_translators(app, "zh_CN")
