"""基础数据 dialog: admins edit severities, categories and sources; errors sit by the field."""

from __future__ import annotations

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from ui.models.incidents_reference import CategoryModel, SeverityModel, SourceModel
from ui.tabs.incidents_reference import ReferenceDataDialog


def _dialog(qtbot, make_session, person: Person) -> ReferenceDataDialog:  # type: ignore[no-untyped-def]
    dialog = ReferenceDataDialog(make_session(person))
    qtbot.addWidget(dialog)
    return dialog


def _select(page, code_or_name: str) -> None:  # type: ignore[no-untyped-def]
    for row, item in enumerate(page.model.items()):
        if code_or_name in (getattr(item, "code", None), item.name):
            page.view.selectRow(row)
            return
    raise AssertionError(code_or_name)


def test_admin_changes_the_respond_minutes_of_a_severity(
    qtbot, make_session, desk: Desk, admin: Person
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, make_session, admin)
    page = dialog.severities
    _select(page, "II")
    before = desk.incidents.reference.severity_by_code("II")
    assert page.code.text() == "II" and page.respond.value() == before.respond_minutes
    assert page.code.nextInFocusChain() is page.name  # Tab walks the form in order
    assert page.form.labelForField(page.code.parent()).buddy() is page.code  # Alt+C
    page.respond.setValue(before.respond_minutes + 7)
    page.save_button.click()
    after = desk.incidents.reference.severity_by_code("II")
    assert after.respond_minutes == before.respond_minutes + 7
    assert after.resolve_minutes == before.resolve_minutes and after.colour == before.colour
    assert page.editing_id == after.id and dialog.changed
    row = page.model.row_of(after.id)
    shown = page.model.index(row, SeverityModel.COL_RESPOND).data()
    assert shown == str(after.respond_minutes)


def test_bad_colour_and_short_resolution_show_beside_the_field_and_save_nothing(
    qtbot, make_session, desk: Desk, admin: Person
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, make_session, admin)
    dialog.show()
    page = dialog.severities
    _select(page, "II")
    before = desk.incidents.reference.severities()
    page.colour.setText("red")
    page.respond.setValue(50)
    assert page.save() is None
    assert "#RRGGBB" in page.error_text("colour")
    assert page.error_text("resolve_minutes") == ""
    assert desk.incidents.reference.severities() == before
    page.colour.setText("#123456")
    page.resolve.setValue(20)
    assert page.save() is None
    assert page.error_text("colour") == ""
    assert "解决时限不能短于响应时限" in page.error_text("resolve_minutes")
    assert desk.incidents.reference.severities() == before
    assert page.colour.text() == "#123456"  # the form keeps what was typed
    assert not dialog.changed


def test_new_category_under_a_parent_appears_in_categories(
    qtbot, make_session, desk: Desk, admin: Person
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, make_session, admin)
    page = dialog.categories
    parent = desk.incidents.reference.categories()[0]
    page.new_button.click()
    assert page.editing_id is None
    page.set_parent(parent.id)
    page.name.setText("测试子类")
    page.name_en.setText("Test child")
    saved = page.save()
    assert saved is not None and saved.parent_id == parent.id
    found = [c for c in desk.incidents.reference.categories() if c.name == "测试子类"]
    assert len(found) == 1
    assert found[0].parent_id == parent.id and found[0].path == f"{parent.path} / 测试子类"
    assert page.parent_combo.findData(found[0].id) > 0  # now a possible parent itself
    # the same name again under the same parent is refused beside the name field
    page.new_button.click()
    page.set_parent(parent.id)
    page.name.setText("测试子类")
    assert page.save() is None and page.error_text("name")


def test_new_source_is_added(qtbot, make_session, desk: Desk, admin: Person) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, make_session, admin)
    page = dialog.sources
    page.new()
    page.name.setText("巡检发现")
    page.name_en.setText("Patrol")
    page.save()
    assert "巡检发现" in [s.name for s in desk.incidents.reference.sources()]
    page.new()
    assert page.save() is None and page.error_text("name")


def test_officer_sees_the_dialog_read_only(
    qtbot, make_session, desk: Desk, crew: dict[str, Person]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, make_session, crew["officer"])
    for page in (dialog.severities, dialog.categories, dialog.sources):
        assert not page.save_button.isEnabled() and not page.new_button.isEnabled()
        assert page.model.rowCount() > 0 and page.name.isReadOnly()
    assert not dialog.severities.colour_button.isEnabled()
    # the core refuses anyway: the error goes to a message box, nothing changes
    before = desk.incidents.reference.severities()
    dialog.severities.respond.setValue(1)  # read-only stops typing, not setValue
    from unittest import mock

    with mock.patch("ui.tabs.incidents_reference.QMessageBox.warning") as warning:
        assert dialog.severities.save() is None
    assert warning.called
    assert desk.incidents.reference.severities() == before


def test_models_pass_the_model_tester(app, qtmodeltester, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    for model_class in (SeverityModel, CategoryModel, SourceModel):
        model = model_class(desk)
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_incidents_tab_opens_the_dialog_and_refreshes_its_filters(
    qtbot, make_session, desk: Desk, admin: Person
) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.incidents import IncidentsTab

    session = make_session(admin)
    tab = IncidentsTab(session)
    qtbot.addWidget(tab)
    assert tab.reference_button.text() == "基础数据(&B)…"
    dialog = tab.edit_reference()
    page = dialog.categories
    page.new()
    page.name.setText("新类别")
    page.save()
    with qtbot.waitSignal(session.data_changed) as signal:
        dialog.reject()
    assert signal.args == ["incidents"]
    names = [tab.category.itemText(i) for i in range(tab.category.count())]
    assert "新类别" in names and tab.category.currentIndex() == 0


def test_enter_in_a_field_saves_and_keeps_the_dialog_open(
    qtbot, make_session, desk: Desk, admin: Person
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot, make_session, admin)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.sources)
    page = dialog.sources
    _select(page, "其他")
    page.name_en.setFocus()
    page.name_en.setText("Anything else")
    qtbot.keyClick(page.name_en, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert "Anything else" in [s.name_en for s in desk.incidents.reference.sources()]
