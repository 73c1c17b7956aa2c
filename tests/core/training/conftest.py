"""Fixtures for the training area: a small questionnaire with one question of each kind."""

from __future__ import annotations

import pytest

from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from dutydesk.training.questionnaires import Questionnaire, QuestionSpec

SPECS = (
    QuestionSpec("single", "交接班是否准时？", ("总是", "经常", "偶尔", "从不")),
    QuestionSpec("multiple", "哪些环节最费时？", ("登记", "电话确认", "交接签字"), required=False),
    QuestionSpec("scale", "对现有值班流程的满意度", ()),
    QuestionSpec("text", "其他建议", (), required=False),
)


def make_questionnaire(
    desk: Desk, author: Person, *, anonymous: bool = False, open_it: bool = True
) -> Questionnaire:
    q = desk.training.questionnaires.create(
        author,
        title="值班现状调查",
        purpose="assessment",
        questions=SPECS,
        anonymous=anonymous,
        description="请如实填写",
    )
    if open_it:
        q = desk.training.questionnaires.set_status(author, q.id, "open")
    return q


@pytest.fixture
def survey(desk: Desk, crew: dict[str, Person]) -> Questionnaire:
    return make_questionnaire(desk, crew["leader"])


@pytest.fixture
def anonymous_survey(desk: Desk, crew: dict[str, Person]) -> Questionnaire:
    return make_questionnaire(desk, crew["leader"], anonymous=True)
