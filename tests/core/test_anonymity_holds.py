"""Issue 16 part 5: two people sign in and submit anonymous feedback in turn; the database
cannot tell whose entry is whose (no column, row id, audit sequence or time links them)."""

from __future__ import annotations

import json

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from tests.conftest import PASSWORD


def _audit(desk: Desk, since: int) -> list[tuple]:
    return desk.db.execute(
        "SELECT seq, at, actor_id, actor_label, action, entity, entity_id FROM audit_log"
        " WHERE seq > ? ORDER BY seq",
        [since],
    ).fetchall()


def _seq(desk: Desk) -> int:
    return int(desk.db.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0])


def test_two_people_in_turn_cannot_be_told_apart(desk: Desk, crew, clock: ManualClock) -> None:
    first_is_lower = []
    for round_ in range(24):
        start = _seq(desk)
        a = desk.people.sign_in("1001", PASSWORD)
        clock.advance(minutes=3)
        assert desk.feedback.submit(a, text=f"甲的意见{round_}", anonymous=True) is None
        after_a = _seq(desk)
        clock.advance(minutes=40)
        b = desk.people.sign_in("1002", PASSWORD)
        clock.advance(minutes=2)
        assert desk.feedback.submit(b, text=f"乙的意见{round_}", anonymous=True) is None
        after_b = _seq(desk)
        # Submitting wrote nothing to the audit trail: only the two sign-ins are there.
        assert [r[4] for r in _audit(desk, start)] == ["sign_in", "sign_in"]
        assert after_a == start + 1 and after_b == start + 2
        # While held, the inbox has no person, no time of day, no order.
        held = desk.db.execute("SELECT * FROM anonymous_inbox").fetchall()
        assert len(held) == 2
        for _token, kind, ref, day, payload in held:
            assert kind == "feedback" and ref is None and len(day) == 10
            data = json.loads(payload)
            assert "giver_id" not in data and "recorded_by" not in data
            assert a.name not in payload and b.name not in payload
        # The next day, the leader's first look enters both, in random order.
        clock.advance(days=1, minutes=-45)  # the same hour of the next day
        leader = desk.people.sign_in("2001", PASSWORD)
        released_from = _seq(desk)
        entries = {e.text: e for e in desk.feedback.list(limit=1000)}
        ours = [entries[f"甲的意见{round_}"], entries[f"乙的意见{round_}"]]
        rows = _audit(desk, released_from)
        assert [r[4] for r in rows] == ["submit", "submit"]
        assert {r[2] for r in rows} == {None} and {r[3] for r in rows} == {"anonymous"}
        assert rows[0][1] == rows[1][1] == ours[0].received_at == ours[1].received_at
        assert ours[0].received_at.endswith(":00:00+00:00")  # the day's start, site-local
        for entry in ours:
            assert entry.giver_id is None and entry.giver_label == "匿名"
        values = desk.db.execute(
            "SELECT giver_id, giver_name, recorded_by FROM feedback WHERE id IN (?, ?)",
            [ours[0].id, ours[1].id],
        ).fetchall()
        assert set(values) == {(None, "", None)}
        first_is_lower.append(ours[0].id < ours[1].id)
        assert leader.id not in (a.id, b.id)
    # Row ids (and with them the audit order) put 甲 first in some rounds and 乙 in others.
    assert any(first_is_lower) and not all(first_is_lower)


def test_a_full_batch_is_entered_at_once_on_the_same_day(desk: Desk, crew) -> None:
    people = [crew["officer"], crew["officer2"], crew["leader"]]
    for number, person in enumerate(people):
        desk.feedback.submit(person, text=f"同日第{number}条", anonymous=True)
    assert desk.feedback.waiting_anonymous() == 0
    texts = {e.text for e in desk.feedback.list()}
    assert {f"同日第{n}条" for n in range(3)} <= texts
