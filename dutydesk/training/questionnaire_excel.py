"""Excel (openpyxl) round trip of questionnaires and their answer sheets, and results.

Sheets: 问卷 (title, purpose, anonymity, description), 题目 (one question per row),
答卷 (one respondent per row). Import errors name the sheet, row and column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dutydesk.errors import ValidationError
from dutydesk.training.questionnaires import (
    CHOICE_KINDS,
    KINDS,
    PURPOSES,
    QuestionSpec,
    parse_options,
    validate_spec,
)

if TYPE_CHECKING:
    from dutydesk.training.questionnaires import Questionnaire, Results

SHEET_INFO, SHEET_QUESTIONS, SHEET_RESPONSES = "问卷", "题目", "答卷"
QUESTION_COLUMNS = ("序号", "题型", "题目", "选项", "必答")
_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="E4ECF3")
_YES = {"是", "必答", "y", "yes", "true", "1", "√"}
_NO = {"否", "选答", "n", "no", "false", "0", ""}


def _header(sheet: Worksheet, values: Sequence[str]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        cell.font = _HEAD
        cell.fill = _FILL


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_questionnaire(questionnaire: Questionnaire) -> bytes:
    book = Workbook()
    info = book.active
    info.title = SHEET_INFO
    for key, value in (
        ("标题", questionnaire.title),
        ("用途", PURPOSES[questionnaire.purpose][0]),
        ("匿名", "是" if questionnaire.anonymous else "否"),
        ("说明", questionnaire.description),
    ):
        info.append([key, value])
        info.cell(info.max_row, 1).font = _HEAD
    info.append([])
    info.append(
        [
            "填写说明",
            "在「答卷」工作表中每人填一行。单选/多选填选项文字或选项序号（1 起），多选用；分隔；"
            "量表填 1–5；文本直接填写。" + ("" if questionnaire.anonymous else "A 列填工号。"),
        ]
    )
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 80

    questions = book.create_sheet(SHEET_QUESTIONS)
    _header(questions, QUESTION_COLUMNS)
    for q in questionnaire.questions:
        questions.append(
            [
                q.position,
                KINDS[q.kind][0],
                q.text,
                "；".join(q.options),
                "是" if q.required else "否",
            ]
        )
    for column, width in zip("ABCDE", (6, 8, 60, 40, 6), strict=True):
        questions.column_dimensions[column].width = width

    answers = book.create_sheet(SHEET_RESPONSES)
    head = [] if questionnaire.anonymous else ["工号"]
    head += [f"{q.position}. {q.text}" for q in questionnaire.questions]
    _header(answers, head)
    for index in range(1, len(head) + 1):
        answers.column_dimensions[get_column_letter(index)].width = 24
        answers.cell(1, index).alignment = Alignment(wrap_text=True, vertical="top")
    return _save(book)


def _open(data: bytes) -> Any:
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(
            "file",
            f"无法读取 Excel 文件（.xlsx）：{error.__class__.__name__}",
            en=f"Cannot read the Excel (.xlsx) file: {error.__class__.__name__}",
        ) from None


def _sheet(book: Any, name: str) -> Worksheet:
    if name not in book.sheetnames:
        raise ValidationError(
            "file",
            f"工作簿缺少「{name}」工作表",
            en=f"The workbook has no sheet named {name!r}",
        )
    return book[name]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_questionnaire(data: bytes) -> tuple[dict[str, Any], list[QuestionSpec]]:
    """Header fields (title, purpose, anonymous, description) and the question specs."""
    book = _open(data)
    info = _sheet(book, SHEET_INFO)
    pairs = {
        _text(row[0].value): (row[1].value if len(row) > 1 else None, row[0].row)
        for row in info.iter_rows(max_col=2)
        if row[0].value is not None
    }
    header: dict[str, Any] = {}
    for key in ("标题", "用途", "匿名"):
        if key not in pairs:
            raise ValidationError(
                key,
                f"「{SHEET_INFO}」工作表缺少「{key}」行（A 列）",
                en=f"Sheet {SHEET_INFO}: no row {key!r} in column A",
            )
    title, title_row = pairs["标题"]
    header["title"] = _text(title)
    purpose_text, purpose_row = pairs["用途"]
    by_label = {zh: key for key, (zh, _) in PURPOSES.items()}
    by_label.update({key: key for key in PURPOSES})
    purpose = _text(purpose_text)
    if purpose not in by_label:
        raise ValidationError(
            "用途",
            f"「{SHEET_INFO}」工作表第 {purpose_row} 行 B 列（用途）：未知用途「{purpose}」，"
            "应为 现状评估/培训评估/满意度/自由",
            en=f"Sheet {SHEET_INFO} row {purpose_row} column B: unknown purpose {purpose!r}",
        )
    header["purpose"] = by_label[purpose]
    anonymous, anonymous_row = pairs["匿名"]
    header["anonymous"] = _yes_no(
        anonymous, f"「{SHEET_INFO}」工作表第 {anonymous_row} 行 B 列（匿名）", "匿名"
    )
    header["description"] = _text(pairs.get("说明", (None, 0))[0])
    if not header["title"]:
        raise ValidationError(
            "标题",
            f"「{SHEET_INFO}」工作表第 {title_row} 行 B 列（标题）：标题不能为空",
            en=f"Sheet {SHEET_INFO} row {title_row} column B: the title is empty",
        )

    sheet = _sheet(book, SHEET_QUESTIONS)
    rows = list(sheet.iter_rows(values_only=True))
    head = [_text(v) for v in (rows[0] if rows else ())]
    columns: dict[str, int] = {}
    for name in QUESTION_COLUMNS:
        if name not in head:
            raise ValidationError(
                name,
                f"「{SHEET_QUESTIONS}」工作表第 1 行缺少列「{name}」",
                en=f"Sheet {SHEET_QUESTIONS}: row 1 has no column {name!r}",
            )
        columns[name] = head.index(name)
    kinds = {zh: key for key, (zh, _) in KINDS.items()}
    kinds.update({key: key for key in KINDS})
    specs: list[QuestionSpec] = []
    for row_no, row in enumerate(rows[1:], start=2):
        values = {name: _text(row[i]) if i < len(row) else "" for name, i in columns.items()}
        if not any(values.values()):
            continue

        def where(name: str, row_no: int = row_no) -> str:
            letter = get_column_letter(columns[name] + 1)
            return f"「{SHEET_QUESTIONS}」工作表第 {row_no} 行 {letter} 列（{name}）"

        kind = values["题型"]
        if kind not in kinds:
            raise ValidationError(
                "题型",
                f"{where('题型')}：未知题型「{kind}」，应为 单选/多选/量表/文本",
                en=f"Sheet {SHEET_QUESTIONS} row {row_no} column "
                f"{get_column_letter(columns['题型'] + 1)}: unknown type {kind!r}",
            )
        kind = kinds[kind]
        spec = QuestionSpec(
            kind=kind,
            text=values["题目"],
            options=parse_options(values["选项"]),
            required=_yes_no(row[columns["必答"]], where("必答"), "必答"),
        )
        if not spec.text:
            location = where("题目")
        elif kind in CHOICE_KINDS or spec.options:
            location = where("选项")
        else:
            location = f"「{SHEET_QUESTIONS}」工作表第 {row_no} 行"
        specs.append(validate_spec(spec, field="题目", location=location))
    if not specs:
        raise ValidationError(
            "题目",
            f"「{SHEET_QUESTIONS}」工作表没有题目",
            en=f"Sheet {SHEET_QUESTIONS} has no questions",
        )
    return header, specs


def _yes_no(value: Any, where: str, field: str) -> bool:
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(
        field, f"{where}：应填「是」或「否」，而不是「{value}」", en=f"{where}: use 是 or 否"
    )


def read_responses(
    questionnaire: Questionnaire, data: bytes
) -> list[tuple[int, str | None, list[Any]]]:
    """(row number, employee number or None, raw answers in question order) per filled row.

    Choice cells may hold option texts or 1-based option numbers, several separated by ；.
    """
    book = _open(data)
    sheet = _sheet(book, SHEET_RESPONSES)
    rows = list(sheet.iter_rows(values_only=True))
    offset = 0 if questionnaire.anonymous else 1
    expected = offset + len(questionnaire.questions)
    head = rows[0] if rows else ()
    if not questionnaire.anonymous and (not head or _text(head[0]) != "工号"):
        raise ValidationError(
            "工号",
            f"「{SHEET_RESPONSES}」工作表第 1 行 A 列应为「工号」",
            en=f"Sheet {SHEET_RESPONSES}: cell A1 must be 工号 (employee number)",
        )
    if len([h for h in head if _text(h)]) < expected:
        missing = get_column_letter(len([h for h in head if _text(h)]) + 1)
        raise ValidationError(
            "答卷",
            f"「{SHEET_RESPONSES}」工作表第 1 行缺少题目列（从 {missing} 列起），"
            f"应有 {len(questionnaire.questions)} 道题",
            en=f"Sheet {SHEET_RESPONSES}: row 1 lacks question columns from {missing}",
        )
    out: list[tuple[int, str | None, list[Any]]] = []
    for row_no, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * (expected - len(row))
        if not any(_text(c) for c in cells[:expected]):
            continue
        employee_no = None if questionnaire.anonymous else _text(cells[0])
        answers: list[Any] = []
        for question, cell in zip(questionnaire.questions, cells[offset:expected], strict=True):
            text = _text(cell)
            if question.kind in CHOICE_KINDS:
                tokens = list(parse_options(text))
                answers.append([_choice_token(question.options, t) for t in tokens])
            else:
                answers.append(text)
        out.append((row_no, employee_no, answers))
    return out


def _choice_token(options: tuple[str, ...], token: str) -> int | str:
    if token in options:
        return options.index(token)
    if token.isdigit() and 1 <= int(token) <= len(options):
        return int(token) - 1
    return token


def _charts(book: Workbook, results: Results) -> None:
    """One bar chart per choice or scale question, beside its own small data table."""
    from openpyxl.chart import BarChart, Reference

    sheet = book.create_sheet("图表")
    row = 1
    for result in results.questions:
        if result.question.kind == "text":
            continue
        title = f"{result.question.position}. {result.question.text}"
        sheet.cell(row, 1, title).font = _HEAD
        sheet.cell(row + 1, 1, "选项")
        sheet.cell(row + 1, 2, "人数")
        labels = result.labels
        for offset, (label, count) in enumerate(zip(labels, result.counts, strict=True)):
            sheet.cell(row + 2 + offset, 1, label)
            sheet.cell(row + 2 + offset, 2, count)
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        chart.height = max(4.0, 0.8 * len(labels) + 2)
        chart.width = 16
        data = Reference(sheet, min_col=2, min_row=row + 1, max_row=row + 1 + len(labels))
        categories = Reference(sheet, min_col=1, min_row=row + 2, max_row=row + 1 + len(labels))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(categories)
        sheet.add_chart(chart, f"D{row}")
        row += max(len(labels) + 4, int(chart.height * 2) + 2)
    sheet.column_dimensions["A"].width = 30


def export_results(results: Results) -> bytes:
    """Counts, averages and distributions per question, and the free-text answers."""
    questionnaire = results.questionnaire
    book = Workbook()
    sheet = book.active
    sheet.title = "结果"
    sheet.append([questionnaire.title])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append(
        [
            f"用途：{PURPOSES[questionnaire.purpose][0]}",
            f"答卷数：{results.responses}",
            "匿名" if questionnaire.anonymous else "实名",
        ]
    )
    sheet.append([])
    _header(sheet, ("题号", "题目", "题型", "回答数", "选项/分值", "人数", "占比", "平均分"))
    for result in results.questions:
        q = result.question
        first = [q.position, q.text, KINDS[q.kind][0], result.answered]
        if q.kind == "text":
            sheet.append([*first, "（文本题，见「文本答案」）"])
            continue
        for index, (label, count) in enumerate(zip(result.labels, result.counts, strict=True)):
            share = round(count / result.answered, 4) if result.answered else None
            lead = first if index == 0 else ["", "", "", ""]
            average = (
                round(result.average, 2) if index == 0 and result.average is not None else None
            )
            sheet.append([*lead, label, count, share, average])
            if share is not None:
                sheet.cell(sheet.max_row, 7).number_format = "0.0%"
    for column, width in zip("ABCDEFGH", (6, 48, 8, 8, 24, 6, 8, 8), strict=True):
        sheet.column_dimensions[column].width = width
    _charts(book, results)
    texts = book.create_sheet("文本答案")
    _header(texts, ("题号", "题目", "答案"))
    for result in results.questions:
        for text in result.texts:
            texts.append([result.question.position, result.question.text, text])
    texts.column_dimensions["B"].width = 40
    texts.column_dimensions["C"].width = 80
    return _save(book)
