"""Questionnaires: authoring rules, answering person by person, results, permissions."""

from __future__ import annotations

import pytest

from dutydesk.errors import Conflict, PermissionDenied, ValidationError
from dutydesk.store.verify import verify_database
from dutydesk.training.questionnaires import QuestionSpec

from .conftest import SPECS, make_questionnaire


def _answers(q, single, multiple, scale, text):  # type: ignore[no-untyped-def]
    ids = [question.id for question in q.questions]
    return dict(zip(ids, (single, multiple, scale, text), strict=True))


def test_a_questionnaire_keeps_its_questions_in_order(desk, crew, survey) -> None:
    assert [q.kind for q in survey.questions] == ["single", "multiple", "scale", "text"]
    assert survey.questions[0].options == ("总是", "经常", "偶尔", "从不")
    assert survey.questions[1].required is False
    assert survey.status == "open" and survey.purpose_zh == "现状评估"


def test_a_choice_question_without_options_is_rejected(desk, crew) -> None:
    service = desk.training.questionnaires
    with pytest.raises(ValidationError, match="至少需要两个选项") as caught:
        service.create(
            crew["leader"],
            title="坏问卷",
            purpose="free",
            questions=[QuestionSpec("scale", "满意度"), QuestionSpec("single", "选哪个？", ())],
        )
    assert "第 2 题" in caught.value.message and "two options" in caught.value.message_en
    assert desk.db.execute("SELECT count(*) FROM questionnaires").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        (QuestionSpec("rating", "x"), "未知题型"),
        (QuestionSpec("text", "  "), "题目不能为空"),
        (QuestionSpec("scale", "x", ("a", "b")), "不能有选项"),
        (QuestionSpec("multiple", "x", ("a", "a")), "选项重复"),
        (QuestionSpec("single", "x", ("a;b", "c")), "不能包含分号"),
    ],
)
def test_bad_questions_are_rejected_with_a_reason(desk, crew, spec, fragment) -> None:
    with pytest.raises(ValidationError, match=fragment):
        desk.training.questionnaires.create(
            crew["admin"], title="t", purpose="free", questions=[spec]
        )


def test_an_unknown_purpose_is_rejected(desk, crew) -> None:
    with pytest.raises(ValidationError, match="未知问卷用途"):
        desk.training.questionnaires.create(
            crew["admin"], title="t", purpose="exam", questions=SPECS
        )


def test_only_leaders_and_admins_author_and_auditors_never_answer(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    with pytest.raises(PermissionDenied):
        service.create(crew["officer"], title="t", purpose="free", questions=SPECS)
    with pytest.raises(PermissionDenied):
        service.set_status(crew["auditor"], survey.id, "closed")
    with pytest.raises(PermissionDenied):
        service.submit(crew["auditor"], survey.id, answers=_answers(survey, 0, [], 3, ""))
    service.submit(crew["officer"], survey.id, answers=_answers(survey, 0, [], 3, ""))


def test_results_count_average_and_collect_free_text(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    service.submit(crew["officer"], survey.id, answers=_answers(survey, 0, [0, 2], 4, "多培训"))
    service.submit(crew["officer2"], survey.id, answers=_answers(survey, "经常", [2], 2, ""))
    service.submit(crew["leader"], survey.id, answers=_answers(survey, 0, None, 5, "无"))
    results = service.results(survey.id)
    single, multiple, scale, text = results.questions
    assert results.responses == 3
    assert single.counts == (2, 1, 0, 0) and single.answered == 3
    assert multiple.counts == (1, 0, 2) and multiple.answered == 2
    assert scale.counts == (0, 1, 0, 1, 1) and scale.average == pytest.approx(11 / 3)
    assert text.texts == ("多培训", "无")
    assert verify_database(desk.db).ok


def test_a_required_question_left_blank_saves_nothing(desk, crew, survey) -> None:
    with pytest.raises(ValidationError, match="第 3 题：此题必答"):
        desk.training.questionnaires.submit(
            crew["officer"], survey.id, answers=_answers(survey, 0, [], None, "")
        )
    assert desk.db.execute("SELECT count(*) FROM questionnaire_responses").fetchone()[0] == 0


@pytest.mark.parametrize("bad", [0, 6, "7", "很好", 3.5, True])
def test_a_scale_answer_outside_one_to_five_is_rejected(desk, crew, survey, bad) -> None:
    with pytest.raises(ValidationError, match="1–5"):
        desk.training.questionnaires.submit(
            crew["officer"], survey.id, answers=_answers(survey, 0, [], bad, "")
        )


def test_a_choice_answer_must_be_an_option_and_single_means_one(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    with pytest.raises(ValidationError, match="不是本题的选项"):
        service.submit(crew["officer"], survey.id, answers=_answers(survey, "有时", [], 3, ""))
    with pytest.raises(ValidationError, match="只能选一个"):
        service.submit(crew["officer"], survey.id, answers=_answers(survey, [0, 1], [], 3, ""))


def test_a_person_answers_a_named_questionnaire_once(desk, crew, survey) -> None:
    service = desk.training.questionnaires
    service.submit(crew["officer"], survey.id, answers=_answers(survey, 0, [], 3, ""))
    assert service.has_responded(crew["officer"], survey.id)
    with pytest.raises(Conflict, match="已经填写过"):
        service.submit(crew["officer"], survey.id, answers=_answers(survey, 1, [], 3, ""))


def test_answers_are_taken_only_while_the_questionnaire_is_open(desk, crew) -> None:
    service = desk.training.questionnaires
    draft = make_questionnaire(desk, crew["admin"], open_it=False)
    with pytest.raises(Conflict, match="不在收集中"):
        service.submit(crew["officer"], draft.id, answers=_answers(draft, 0, [], 3, ""))
    service.set_status(crew["admin"], draft.id, "open")
    service.set_status(crew["admin"], draft.id, "closed")
    with pytest.raises(Conflict):
        service.submit(crew["officer"], draft.id, answers=_answers(draft, 0, [], 3, ""))
    with pytest.raises(Conflict, match="题目和匿名设置不能再修改"):
        service.update(crew["admin"], draft.id, questions=SPECS[:1])


def test_a_draft_can_be_rewritten(desk, crew) -> None:
    service = desk.training.questionnaires
    draft = make_questionnaire(desk, crew["admin"], open_it=False)
    changed = service.update(crew["admin"], draft.id, title="新标题", questions=SPECS[2:])
    assert changed.title == "新标题" and [q.kind for q in changed.questions] == ["scale", "text"]
    assert verify_database(desk.db).ok
