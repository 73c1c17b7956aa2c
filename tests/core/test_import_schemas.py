"""Issue 16 part 6: malformed import files get a DutyDesk error naming the place.

Checklist templates (JSON, checked against ``TEMPLATE_SCHEMA``), process definitions
(JSON), questionnaires from Excel and the pasted holiday notice are fed malformed input by
hypothesis. Each either imports or raises a DutyDeskError whose field is set and whose
message carries no Python error text.
"""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dutydesk import schema
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.handover.templates import default_template_files, spec_from_json
from dutydesk.process.model import parse_definition, parse_json, to_data
from dutydesk.process.service import default_definition
from dutydesk.roster.holidays import parse_notice
from dutydesk.training import questionnaire_excel as qx

PYTHON_TEXT = ("indices", "NoneType", "object has no", "not subscriptable", "Traceback", "<class")
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["name", "sections", "title", "items", "label", "kind", "x", "stages"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def _plain(error: DutyDeskError) -> None:
    assert not any(token in error.message for token in PYTHON_TEXT), error.message
    if isinstance(error, ValidationError):
        assert error.field


def _mutate(document: Any, data: st.DataObject) -> Any:
    """Replace one value somewhere in ``document`` by arbitrary JSON (or drop a key)."""
    document = copy.deepcopy(document)
    node = document
    for _ in range(data.draw(st.integers(0, 4))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
            if not isinstance(node[key], dict | list) or not node[key]:
                break
            node = node[key]
        elif isinstance(node, list) and node:
            nxt = node[data.draw(st.integers(0, len(node) - 1))]
            if not isinstance(nxt, dict | list) or not nxt:
                break
            node = nxt
    if isinstance(node, dict) and node:
        key = data.draw(st.sampled_from(sorted(node)))
        if data.draw(st.booleans()):
            del node[key]
        else:
            node[key] = data.draw(JSON)
    elif isinstance(node, list) and node:
        node[data.draw(st.integers(0, len(node) - 1))] = data.draw(JSON)
    return document


TEMPLATE = json.loads(default_template_files()[0].read_text(encoding="utf-8"))


@SETTINGS
@given(data=st.data())
def test_malformed_checklist_templates_name_the_place(data: st.DataObject) -> None:
    document = data.draw(st.one_of(JSON, st.just(TEMPLATE).map(lambda t: _mutate(t, data))))
    try:
        spec_from_json(document)
    except DutyDeskError as error:
        _plain(error)
        assert "模板文件格式不对" in error.message


def test_the_template_message_names_section_item_and_field() -> None:
    broken = copy.deepcopy(TEMPLATE)
    broken["sections"][1]["items"][0]["kind"] = "dial"
    with pytest.raises(ValidationError) as caught:
        spec_from_json(broken)
    assert caught.value.field == "sections[2].items[1].kind"
    assert "check" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        spec_from_json(["not", "an", "object"])
    assert caught.value.field == "template" and "对象" in caught.value.message


def test_schema_layer_reports_the_first_place_that_does_not_fit() -> None:
    shape = {
        "type": "object",
        "required": ["rows"],
        "properties": {"rows": {"type": "array", "items": {"type": "integer", "maximum": 9}}},
    }
    assert schema.validate({"rows": [1, 2]}, shape) == {"rows": [1, 2]}
    with pytest.raises(ValidationError) as caught:
        schema.validate({"rows": [1, 12]}, shape, root="file")
    assert caught.value.field == "rows[2]" and "9" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        schema.validate({"rows": [True]}, shape)
    assert caught.value.field == "rows[1]"


PROCESS = to_data(default_definition())


@SETTINGS
@given(data=st.data())
def test_malformed_process_definitions_name_the_place(data: st.DataObject) -> None:
    document = data.draw(st.one_of(JSON, st.just(PROCESS).map(lambda d: _mutate(d, data))))
    try:
        parse_definition(document)
        parse_json(json.dumps(document))
    except DutyDeskError as error:
        _plain(error)


@SETTINGS
@given(text=st.text(max_size=200))
def test_malformed_process_json_text(text: str) -> None:
    try:
        parse_json(text)
    except DutyDeskError as error:
        _plain(error)


CELL = st.one_of(
    st.none(),
    st.integers(-5, 50),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["单选", "多选", "量表", "文本", "是", "否", "", "反馈", "A；B", "x" * 300]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10),  # xlsx-safe
)


def _workbook(info: list[list[Any]], questions: list[list[Any]], sheets: list[str]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    if qx.SHEET_INFO in sheets:
        sheet = book.create_sheet(qx.SHEET_INFO)
        for row in info:
            sheet.append(row)
    if qx.SHEET_QUESTIONS in sheets:
        sheet = book.create_sheet(qx.SHEET_QUESTIONS)
        sheet.append(list(qx.QUESTION_COLUMNS))
        for row in questions:
            sheet.append(row)
    if not book.sheetnames:
        book.create_sheet("其他")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@SETTINGS
@given(
    info=st.lists(
        st.tuples(st.sampled_from(["标题", "用途", "匿名", "说明", "其他"]), CELL).map(list),
        max_size=5,
    ),
    questions=st.lists(st.lists(CELL, min_size=0, max_size=6), max_size=5),
    sheets=st.lists(st.sampled_from([qx.SHEET_INFO, qx.SHEET_QUESTIONS]), unique=True),
    junk=st.one_of(st.none(), st.binary(max_size=200)),
)
def test_malformed_questionnaire_workbooks_name_the_row(
    info: list[list[Any]], questions: list[list[Any]], sheets: list[str], junk: bytes | None
) -> None:
    data = junk if junk is not None else _workbook(info, questions, sheets)
    try:
        qx.read_questionnaire(data)
    except DutyDeskError as error:
        _plain(error)


LINE = st.one_of(
    st.sampled_from(
        [
            "国务院办公厅关于2027年部分节假日安排的通知",
            "一、元旦：1月1日（周五）放假，与周末连休。",
            "二、春节：2月6日至13日放假调休，共8天。2月14日（星期日）上班。",
            "三、清明节：4月4日至6日放假，共3天。",
            "四、劳动节：5月1日至5日放假调休，共5天。4月25日（周日）上班。",
            "二、春节：13月40日至2月99日放假",
            "五、端午节：",
        ]
    ),
    st.text(max_size=40),
)


@SETTINGS
@given(lines=st.lists(LINE, max_size=8), year=st.one_of(st.none(), st.integers(1, 9999)))
def test_malformed_holiday_notices_name_the_line(lines: list[str], year: int | None) -> None:
    try:
        parse_notice("\n".join(lines), year=year)
    except DutyDeskError as error:
        _plain(error)
