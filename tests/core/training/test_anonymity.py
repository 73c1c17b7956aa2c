"""An anonymous answer leaves no trace of the respondent in any table or audit row."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from dutydesk.desk import Desk
from dutydesk.store.verify import verify_database

from .conftest import make_questionnaire


def _everything(db: sqlite3.Connection) -> Counter[tuple[str, tuple[object, ...]]]:
    """Every row of every table (virtual, shadow and WITHOUT ROWID tables included)."""
    rows: Counter[tuple[str, tuple[object, ...]]] = Counter()
    tables = [
        r[0]
        for r in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith("sqlite_") and "WITHOUT ROWID" not in (r[1] or "").upper()
    ]
    for table in tables:
        for row in db.execute(f'SELECT * FROM "{table}"'):
            rows[(table, tuple(row))] += 1
    return rows


def test_an_anonymous_response_stores_no_link_to_the_respondent(desk: Desk, crew) -> None:
    admin = crew["admin"]
    # Enough people that the respondent's id cannot be confused with small ids and answers.
    for number in range(20):
        desk.people.add(
            admin, name=f"填充{number}", employee_no=f"F{number:03d}", roles=["officer"]
        )
    respondent = desk.people.add(
        admin, name="欧阳匿名", employee_no="Z9876", roles=["officer"], password="pass-word-1"
    )
    assert respondent.id > 25
    survey = make_questionnaire(desk, crew["leader"], anonymous=True)
    ids = [q.id for q in survey.questions]
    service = desk.training.questionnaires
    before = _everything(desk.db.conn)
    assert (
        service.submit(
            respondent,
            survey.id,
            answers={ids[0]: 1, ids[1]: [0, 2], ids[2]: 4, ids[3]: "建议增加演练"},
        )
        is None
    )
    # At once only the fact that this person answered (so that they answer once) ...
    held = _everything(desk.db.conn) - before
    assert {table for table, _ in held.elements()} == {"questionnaire_participants", "audit_log"}
    assert service.has_responded(respondent, survey.id)
    # ... the answers themselves are entered later, in a batch, by someone else's action.
    before = _everything(desk.db.conn)
    assert service.release_anonymous(survey.id, force=True) == 1
    after = _everything(desk.db.conn)
    new_rows = list((after - before).elements())
    assert not before - after, "the answer changed or removed existing rows"
    assert {table for table, _ in new_rows} == {
        "audit_log",
        "questionnaire_responses",
        "questionnaire_answers",
    }
    needles = (respondent.name, respondent.employee_no, f'"person_id":{respondent.id}')
    for table, row in new_rows:
        for index, value in enumerate(row):
            # Column 0 is the row's own key (id, or the audit sequence), never a link.
            if index and isinstance(value, int) and not isinstance(value, bool):
                assert value != respondent.id, f"{table} holds the respondent's id"
            if isinstance(value, str):
                for needle in needles:
                    assert needle not in value, f"{table} holds {needle}"
    audit_rows = [row for table, row in new_rows if table == "audit_log"]
    assert audit_rows and all(row[2] is None and row[3] == "anonymous" for row in audit_rows)
    # The audit time holds only the day, so it cannot be matched to a sign-in.
    assert all(row[1].endswith("T00:00:00+00:00") for row in audit_rows)
    # And the whole database: the name and number appear only in the people table and in
    # audit rows about the people table.
    for table, row in after:
        if table == "people":
            continue
        if table == "audit_log" and row[5] in ("people", "questionnaire_participants"):
            continue  # who answered is known on purpose (each answers once); not what
        if table == "questionnaire_participants":
            continue
        text = " ".join(str(v) for v in row)
        assert respondent.name not in text and respondent.employee_no not in text, table
    assert verify_database(desk.db).ok


def test_raw_sql_cannot_attach_a_person_to_an_anonymous_response(desk: Desk, crew) -> None:
    survey = make_questionnaire(desk, crew["leader"], anonymous=True)
    with pytest.raises(sqlite3.IntegrityError, match="anonymous"):
        desk.db.execute(
            "INSERT INTO questionnaire_responses (questionnaire_id, person_id, submitted_on)"
            " VALUES (?, ?, '2026-11-25')",
            [survey.id, crew["officer"].id],
        )


def test_each_person_answers_an_anonymous_questionnaire_once(desk: Desk, crew) -> None:
    from dutydesk.errors import Conflict

    survey = make_questionnaire(desk, crew["leader"], anonymous=True)
    ids = [q.id for q in survey.questions]
    service = desk.training.questionnaires
    service.submit(crew["officer"], survey.id, answers={ids[0]: 0, ids[2]: 3})
    with pytest.raises(Conflict):
        service.submit(crew["officer"], survey.id, answers={ids[0]: 1, ids[2]: 2})
    service.submit(crew["officer2"], survey.id, answers={ids[0]: 1, ids[2]: 2})
    service.set_status(crew["leader"], survey.id, "closed")  # closing enters held answers
    assert service.results(survey.id).responses == 2
    participants = desk.db.execute(
        "SELECT person_id FROM questionnaire_participants WHERE questionnaire_id = ?",
        [survey.id],
    ).fetchall()
    assert sorted(p[0] for p in participants) == sorted([crew["officer"].id, crew["officer2"].id])
    # participants and responses share no column: nothing joins a person to an answer
    columns = {r[1] for r in desk.db.execute("PRAGMA table_info(questionnaire_responses)")}
    assert "person_id" in columns  # named questionnaires only; NULL here
    assert desk.db.execute(
        "SELECT count(*) FROM questionnaire_responses WHERE questionnaire_id = ?"
        " AND person_id IS NOT NULL",
        [survey.id],
    ).fetchone() == (0,)


def test_held_answers_of_an_earlier_day_count_from_the_next_day(desk: Desk, crew, clock) -> None:  # type: ignore[no-untyped-def]
    survey = make_questionnaire(desk, crew["leader"], anonymous=True)
    ids = [q.id for q in survey.questions]
    service = desk.training.questionnaires
    service.submit(crew["officer"], survey.id, answers={ids[0]: 0, ids[2]: 3})
    assert service.results(survey.id).responses == 0  # held back on the day itself
    clock.advance(days=1)
    assert service.results(survey.id).responses == 1
