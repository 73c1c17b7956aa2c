"""Fixtures for the training area: a small questionnaire with one question of each kind.

``desk``, ``admin`` and ``crew`` are the root fixtures' data, copied per test from one
template database made once per session: migrating a new file and hashing five
passwords costs about three seconds, a copy a few milliseconds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutydesk.auth import AUDITOR, LEADER, OFFICER, Person
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.questionnaires import Questionnaire, QuestionSpec
from tests.conftest import PASSWORD, START

CREW = (
    ("leader", "2001", "张强", [LEADER, OFFICER]),
    ("officer", "1001", "李丽", [OFFICER]),
    ("officer2", "1002", "王伟", [OFFICER]),
    ("auditor", "9001", "刘审", [AUDITOR]),
)


@pytest.fixture(scope="session")
def training_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site, admin and crew as tests/conftest.py makes, built once."""
    path = tmp_path_factory.mktemp("training-template") / "template.db"
    with Desk.open(path, create=True, clock=ManualClock(START)) as desk:
        admin = desk.initialise(
            site_name="测试值班室",
            admin_name="管理员甲",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
        for _, number, name, roles in CREW:
            desk.people.add(
                admin, name=name, employee_no=number, roles=roles, password=PASSWORD, team="一班"
            )
    return path


@pytest.fixture
def desk(db_path: Path, clock: ManualClock, training_template: Path) -> Iterator[Desk]:
    source, target = sqlite3.connect(training_template), sqlite3.connect(db_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    with Desk.open(db_path, clock=clock) as opened:
        # No crash-safety tests here: skip the fsync per commit that dominates wall time.
        opened.db.execute("PRAGMA synchronous = OFF")
        yield opened


@pytest.fixture
def admin(desk: Desk) -> Person:
    return desk.people.by_employee_no("admin")


@pytest.fixture
def crew(desk: Desk, admin: Person) -> dict[str, Person]:
    people = {"admin": admin}
    for key, number, _, _ in CREW:
        people[key] = desk.people.by_employee_no(number)
    return people


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
