"""The communication plan generates meeting dates; the 待办 list reminds each person."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.improvement.communication import dates
from dutydesk.store.verify import verify_database


@pytest.fixture
def weekly(desk, crew):  # type: ignore[no-untyped-def]
    return desk.communication.save(
        crew["leader"],
        title="值班周例会",
        meeting_kind="weekly",
        weekday=0,  # Monday
        time_of_day="09:00",
        channel="in_person",
        attendee_ids=[crew["leader"].id, crew["officer"].id],
        starts_on="2026-11-01",
    )


def test_recurring_meetings_generate_their_dates(desk, crew, weekly) -> None:
    monthly = desk.communication.save(
        crew["leader"],
        title="月度值班工作会",
        meeting_kind="monthly",
        day_of_month=28,
        time_of_day="15:00",
        channel="video",
        attendee_ids=[crew["leader"].id],
        starts_on="2026-11-01",
        ends_on="2027-01-31",
    )
    assert [d.isoformat() for d in dates(weekly, date(2026, 11, 20), date(2026, 12, 10))] == [
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
    ]
    assert [d.isoformat() for d in dates(monthly, date(2026, 10, 1), date(2027, 3, 31))] == [
        "2026-11-28",
        "2026-12-28",
        "2027-01-28",
    ]
    schedule = desk.communication.schedule(date(2026, 11, 23), date(2026, 11, 30))
    assert [(d.isoformat(), e.title) for d, e in schedule] == [
        ("2026-11-23", "值班周例会"),
        ("2026-11-28", "月度值班工作会"),
        ("2026-11-30", "值班周例会"),
    ]
    assert weekly.when_zh == "每周一 09:00"
    assert verify_database(desk.db).ok


def test_the_plan_is_validated_and_permission_checked(desk, crew) -> None:
    base = {
        "title": "例会",
        "meeting_kind": "weekly",
        "weekday": 2,
        "time_of_day": "09:00",
        "channel": "in_person",
        "attendee_ids": [crew["leader"].id],
        "starts_on": "2026-11-01",
    }
    with pytest.raises(PermissionDenied):
        desk.communication.save(crew["officer"], **base)
    for change, field in (
        ({"weekday": None}, "weekday"),
        ({"meeting_kind": "monthly", "day_of_month": 31}, "day_of_month"),
        ({"time_of_day": "25:00"}, "time_of_day"),
        ({"channel": "pigeon"}, "channel"),
        ({"attendee_ids": []}, "attendees"),
        ({"ends_on": "2026-10-01"}, "ends_on"),
    ):
        with pytest.raises(ValidationError) as caught:
            desk.communication.save(crew["leader"], **{**base, **change})
        assert caught.value.field == field, change


def test_the_todo_list_gathers_what_each_person_must_do(desk, crew, weekly, clock) -> None:
    leader, officer, admin = crew["leader"], crew["officer"], crew["admin"]
    now = clock()
    clock.set(datetime(2026, 11, 10, tzinfo=UTC))
    desk.improvement.add_action(
        leader, kind="corrective", title="更换对讲机电池", owner_id=officer.id, due_on="2026-11-20"
    )
    desk.improvement.add_action(
        leader, kind="corrective", title="下周才到期", owner_id=officer.id, due_on="2026-12-20"
    )
    clock.set(now)
    desk.cycles.create_cycle(leader, kind="quarter", start_date="2026-09-01", end_date="2026-11-30")
    desk.training.qualifications.grant(
        admin,
        person_id=officer.id,
        duty_role="officer",
        gained_on="2025-12-01",
        expires_on="2026-12-10",
    )
    monday = date(2026, 11, 23)

    mine = desk.todo(officer, monday)
    assert [(t.kind, t.title) for t in mine] == [
        ("action", "更换对讲机电池"),  # overdue first
        ("meeting", "值班周例会"),
        ("qualification", "李丽 的上岗资格"),
    ]
    assert mine[0].overdue and mine[0].tab == "feedback" and mine[2].tab == "training"

    theirs = {(t.kind, t.title) for t in desk.todo(leader, monday)}
    assert ("meeting", "值班周例会") in theirs
    assert ("qualification", "李丽 的上岗资格") in theirs  # leaders arrange retraining
    assert any(k == "cycle" for k, _ in theirs)  # the month ends within 14 days
    assert ("roster", "2026 年 12 月排班尚未生成") in theirs
    assert not any(k == "holidays" for k, _ in theirs)  # admins enter holidays

    admin_items = {(t.kind, t.title) for t in desk.todo(admin, monday)}
    assert ("holidays", "2027 年节假日尚未录入") in admin_items
    # Tuesday: no meeting; before the 15th: no roster reminder.
    assert not any(t.kind == "meeting" for t in desk.todo(officer, date(2026, 11, 24)))
    early = {t.kind for t in desk.todo(leader, date(2026, 11, 10))}
    assert "roster" not in early and "cycle" not in early  # 20 days before its end
    # Default day: the site's today from the desk clock (2026-11-25).
    assert [t.kind for t in desk.todo(officer)] == ["action", "qualification"]


def test_the_todo_command_prints_the_list(desk, crew, weekly, db_path, capsys) -> None:
    from dutydesk.cli.main import main

    desk.db.conn.commit()
    assert main(["todo", str(db_path), "--user", "1001", "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "会议" in out and "值班周例会" in out and "09:00 现场" in out
    assert main(["todo", str(db_path), "--user", "1001", "--date", "2026-11-24"]) == 0
    assert "李丽：没有待办事项" in capsys.readouterr().out
    assert main(["todo", str(db_path), "--user", "nobody"]) == 2
