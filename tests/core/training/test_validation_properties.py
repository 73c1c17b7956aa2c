"""Property tests: answers outside the allowed values never get stored."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.errors import ValidationError
from dutydesk.training.questionnaires import Question, QuestionnaireService

SCALE = Question(1, 1, "scale", "满意度", (), True)
CHOICE = Question(2, 2, "single", "选择", ("甲", "乙", "丙"), True)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=-1000, max_value=1000))
def test_a_scale_answer_is_accepted_exactly_when_it_is_one_to_five(value: int) -> None:
    service = QuestionnaireService.__new__(QuestionnaireService)
    try:
        stored = service.check_answer(SCALE, value)
    except ValidationError as error:
        assert not 1 <= value <= 5
        assert "1–5" in error.message
    else:
        assert 1 <= value <= 5 and stored == (None, value, None)


@settings(max_examples=60)
@given(st.text(min_size=1, max_size=6))
def test_a_choice_answer_must_name_an_option(text: str) -> None:
    service = QuestionnaireService.__new__(QuestionnaireService)
    try:
        stored = service.check_answer(CHOICE, text)
    except ValidationError:
        assert text.strip() not in CHOICE.options
    else:
        assert stored is not None and text.strip() in CHOICE.options
