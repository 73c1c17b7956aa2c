"""Excel round trip of a questionnaire, answer sheets filled elsewhere, precise errors."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from dutydesk.errors import ValidationError
from dutydesk.store.verify import verify_database

from .conftest import make_questionnaire


def _book(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_questionnaire_survives_an_excel_round_trip(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    data = service.export_xlsx(survey.id)
    copy = service.import_xlsx(crew["admin"], data)
    assert copy.id != survey.id and copy.status == "draft"
    assert (copy.title, copy.purpose, copy.description, copy.anonymous) == (
        survey.title,
        survey.purpose,
        survey.description,
        survey.anonymous,
    )
    strip = [(q.position, q.kind, q.text, q.options, q.required) for q in survey.questions]
    assert [(q.position, q.kind, q.text, q.options, q.required) for q in copy.questions] == strip
    assert verify_database(desk.db).ok


def test_answers_filled_in_excel_are_imported_all_or_nothing(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    sheet = book["答卷"]
    assert sheet.cell(1, 1).value == "工号"
    sheet.append(["1001", "总是", "登记；交接签字", 4, "多演练"])
    sheet.append(["1002", "2", "3", "5", None])
    assert service.import_responses_xlsx(crew["leader"], survey.id, _bytes(book)) == 2
    results = service.results(survey.id)
    assert results.questions[0].counts == (1, 1, 0, 0)
    assert results.questions[1].counts == (1, 0, 2)
    assert results.questions[2].average == pytest.approx(4.5)
    assert service.has_responded(crew["officer2"], survey.id)
    assert verify_database(desk.db).ok


def test_a_bad_answer_row_names_its_row_and_column_and_saves_nothing(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    sheet = book["答卷"]
    sheet.append(["1001", "总是", None, 4, None])
    sheet.append(["1002", "经常", None, 9, None])
    with pytest.raises(ValidationError) as caught:
        service.import_responses_xlsx(crew["leader"], survey.id, _bytes(book))
    assert "第 3 行 D 列" in caught.value.message and "1–5" in caught.value.message
    assert desk.training.questionnaires.results(survey.id).responses == 0


def test_an_unknown_employee_number_is_reported_with_its_row(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    book["答卷"].append(["7777", "总是", None, 4, None])
    with pytest.raises(ValidationError, match=r"第 2 行 A 列.*7777"):
        service.import_responses_xlsx(crew["leader"], survey.id, _bytes(book))


def test_an_anonymous_answer_sheet_has_no_employee_column(desk, crew) -> None:
    survey = make_questionnaire(desk, crew["leader"], anonymous=True)
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    sheet = book["答卷"]
    assert sheet.cell(1, 1).value.startswith("1.")
    sheet.append(["偶尔", None, 3, None])
    sheet.append(["从不", "1", 1, "无"])
    assert service.import_responses_xlsx(crew["leader"], survey.id, _bytes(book)) == 2
    persons = desk.db.execute("SELECT person_id FROM questionnaire_responses").fetchall()
    assert persons == [(None,), (None,)]


def test_a_question_sheet_without_a_column_is_rejected(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    book["题目"].delete_cols(2)
    with pytest.raises(ValidationError, match="「题目」工作表第 1 行缺少列「题型」"):
        service.import_xlsx(crew["admin"], _bytes(book))


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (2, "判断", "第 3 行 B 列（题型）：未知题型「判断」"),
        (4, "", "第 3 行 D 列（选项）：选择题「哪些环节最费时？」至少需要两个选项"),
        (5, "也许", "第 3 行 E 列（必答）"),
        (3, None, "第 3 行 C 列（题目）：题目不能为空"),
    ],
)
def test_a_bad_question_row_is_reported_by_row_and_column(
    desk, crew, survey, column, value, expected
) -> None:
    service = desk.training.questionnaires
    book = _book(service.export_xlsx(survey.id))
    book["题目"].cell(3, column).value = value
    with pytest.raises(ValidationError) as caught:
        service.import_xlsx(crew["admin"], _bytes(book))
    assert expected in caught.value.message
    assert desk.db.execute("SELECT count(*) FROM questionnaires").fetchone()[0] == 1


def test_a_file_that_is_not_excel_is_rejected(desk, crew) -> None:
    with pytest.raises(ValidationError, match="无法读取 Excel"):
        desk.training.questionnaires.import_xlsx(crew["admin"], b"not a workbook")


def test_results_export_lists_distributions_and_free_text(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    ids = [q.id for q in survey.questions]
    service.submit(crew["officer"], survey.id, answers={ids[0]: 0, ids[2]: 5, ids[3]: "加强培训"})
    service.submit(crew["officer2"], survey.id, answers={ids[0]: 1, ids[2]: 3})
    book = _book(service.results_xlsx(survey.id))
    values = [[c for c in row] for row in book["结果"].iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "答卷数：2" in flat and 4 in flat  # the scale average
    assert len(book["图表"]._charts) == 3  # single, multiple and scale; not the text question
    texts = list(book["文本答案"].iter_rows(values_only=True))
    assert texts[1][2] == "加强培训"
