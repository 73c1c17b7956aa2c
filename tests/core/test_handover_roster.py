"""Issue 14: the handover follows the roster.

Shift types 白 (08:00–20:00, one leader and one officer) and 夜 (20:00–08:00, night, one
leader and one officer), Asia/Shanghai. Rostered:
  2026-11-25 白: 张强 (leader), 李丽 (officer)   2026-11-25 夜: 钱军 (leader), 王伟 (officer)
  2026-11-26 白: 张强 (leader), 李丽 (officer)
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dutydesk.clock import ManualClock, to_iso
from dutydesk.desk import Desk
from dutydesk.errors import Conflict, ValidationError
from dutydesk.handover.records import CrewMember
from dutydesk.handover.shift_report import day_report_data, shift_report_data
from dutydesk.people.auth import LEADER, OFFICER, Person
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD
from tests.core.handover_helpers import good_values

ZONE = ZoneInfo("Asia/Shanghai")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def site(desk: Desk, crew: dict[str, Person], clock: ManualClock) -> dict[str, Person]:
    admin, roster = crew["admin"], desk.roster
    clock.set(local(20, 9))
    people = dict(crew)
    people["qian"] = desk.people.add(
        admin, name="钱军", employee_no="2002", roles=[LEADER, OFFICER], password=PASSWORD
    )
    people["zhao"] = desk.people.add(
        admin, name="赵敏", employee_no="1003", roles=[OFFICER], password=PASSWORD
    )
    roster.add_shift_type(
        admin, code="白", name="白班", start="08:00", end="20:00", need_leader=1, need_officer=1
    )
    roster.add_shift_type(
        admin,
        code="夜",
        name="夜班",
        start="20:00",
        end="08:00",
        need_leader=1,
        need_officer=1,
        is_night=True,
    )
    team = roster.add_team(admin, name="一班")
    members = [people[k] for k in ("leader", "officer", "officer2", "qian", "zhao")]
    roster.set_members(admin, team.id, [p.id for p in members])
    for person in members:
        roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    for key in ("leader", "qian"):
        roster.set_qualification(admin, person_id=people[key].id, duty_role="leader")
    for day, code, role, key in (
        ("2026-11-25", "白", "leader", "leader"),
        ("2026-11-25", "白", "officer", "officer"),
        ("2026-11-25", "夜", "leader", "qian"),
        ("2026-11-25", "夜", "officer", "officer2"),
        ("2026-11-26", "白", "leader", "leader"),
        ("2026-11-26", "白", "officer", "officer"),
    ):
        roster.set_assignment(
            admin,
            team_id=team.id,
            day=day,
            shift_code=code,
            duty_role=role,
            person_id=people[key].id,
        )
    clock.set(local(25, 19, 40))
    return people


def _sign(desk: Desk, clock: ManualClock, record_id: int, outgoing: Person, incoming: Person):  # type: ignore[no-untyped-def]
    record = desk.handover.get(record_id)
    desk.handover.set_values(outgoing, record.id, good_values(record))
    clock.advance(minutes=5)
    desk.handover.submit(outgoing, record.id, password=PASSWORD)
    clock.advance(minutes=5)
    return desk.handover.accept(incoming, record.id, password=PASSWORD)


# ----------------------------------------------------------------------------- proposal


def test_the_proposal_names_the_ending_and_next_shift_their_people_and_template(
    desk: Desk, site: dict[str, Person]
) -> None:
    proposal = desk.handover.propose(local(25, 19, 40))
    assert proposal.ending is not None and proposal.next is not None
    assert (proposal.ending.code, proposal.ending.day.isoformat()) == ("白", "2026-11-25")
    assert (proposal.next.code, proposal.next.day.isoformat()) == ("夜", "2026-11-25")
    assert proposal.boundary_at == local(25, 20)
    assert [(s.role_label, s.person_name) for s in proposal.ending.crew] == [
        ("值班长", "张强"),
        ("值班员", "李丽"),
    ]
    assert [(s.role_label, s.person_name) for s in proposal.next.crew] == [
        ("值班长", "钱军"),
        ("值班员", "王伟"),
    ]
    assert proposal.incoming_person_id == site["qian"].id
    assert proposal.template is not None
    assert proposal.template.shift_type_id == desk.roster.shift_types()["白"].id
    assert proposal.template.name == "值班室交接班检查表（通用）"
    assert proposal.existing_handover_id is None

    # In the morning the night → day handover is due; its template is the night one.
    morning = desk.handover.propose(local(26, 7, 50))
    assert morning.ending is not None and morning.next is not None
    assert (morning.ending.code, morning.next.code) == ("夜", "白")
    assert morning.template is not None and morning.template.name == "夜班交接班检查表"
    assert morning.incoming_person_id == site["leader"].id


def test_a_handover_already_started_moves_the_proposal_to_the_next_handover_time(
    desk: Desk, site: dict[str, Person], clock: ManualClock
) -> None:
    first = desk.handover.propose()
    record = desk.handover.start_proposed(site["leader"], first)
    assert record.shift_boundary_at == to_iso(local(25, 20))
    assert (record.outgoing_shift_code, record.incoming_shift_code) == ("白", "夜")
    assert record.outgoing.id == site["leader"].id and record.incoming.id == site["qian"].id
    assert record.template_name == "值班室交接班检查表（通用）"
    again = desk.handover.propose(local(25, 20, 5))
    assert again.ending is not None and again.ending.end_at == local(26, 8)


def test_a_site_without_a_roster_still_gets_its_shift_types_proposed(
    desk: Desk, crew: dict[str, Person]
) -> None:
    assert desk.handover.propose(local(25, 12)).ending is None
    desk.roster.add_shift_type(crew["admin"], code="A", name="全天", start="09:00", end="09:00")
    proposal = desk.handover.propose(local(25, 8, 50))
    assert proposal.ending is not None and proposal.next is not None
    assert proposal.ending.code == proposal.next.code == "A"
    assert not proposal.has_roster and proposal.incoming_person_id is None
    assert [t.code for t in proposal.shift_types] == ["A"]
    with pytest.raises(ValidationError) as caught:
        desk.handover.start_proposed(crew["officer"], proposal)
    assert caught.value.field == "incoming_person_id"
    record = desk.handover.start_proposed(
        crew["officer"], proposal, incoming_person_id=crew["officer2"].id
    )
    assert record.shift_boundary_at == to_iso(local(25, 9)) and record.crew == ()


# ------------------------------------------------------------------ one live per time


def test_a_second_live_handover_for_the_same_time_is_a_conflict_in_the_core(
    desk: Desk, site: dict[str, Person]
) -> None:
    desk.handover.start_proposed(site["leader"], desk.handover.propose())
    with pytest.raises(Conflict) as caught:
        # Other codes, other date: the same handover time all the same.
        desk.handover.start(
            site["officer"],
            shift_date="2026-11-24",
            outgoing_shift_code="夜",
            incoming_shift_code="白",
            incoming_person_id=site["officer2"].id,
            shift_boundary_at=local(25, 20),
        )
    assert "2026-11-25 20:00 的交接班已有记录" in caught.value.message
    assert "张强 → 钱军" in caught.value.message
    assert desk.handover.count() == 1


def test_the_database_refuses_a_second_live_handover_even_with_raw_sql(
    desk: Desk, site: dict[str, Person]
) -> None:
    record = desk.handover.start_proposed(site["leader"], desk.handover.propose())
    columns = [c[0] for c in desk.db.execute("SELECT * FROM handovers").description]
    values = dict(
        zip(
            columns,
            desk.db.execute("SELECT * FROM handovers WHERE id = ?", [record.id]).fetchone(),
            strict=True,
        )
    )
    values.pop("id")
    values.update(shift_date="2026-11-24", outgoing_shift_code="夜", incoming_shift_code="白")
    marks = ", ".join("?" for _ in values)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        desk.db.execute(
            f"INSERT INTO handovers ({', '.join(values)}) VALUES ({marks})", list(values.values())
        )
    # A rejected record does not count: the returned draft has the same time.
    outgoing = site["leader"]
    desk.handover.set_values(outgoing, record.id, good_values(record))
    desk.handover.submit(outgoing, record.id, password=PASSWORD)
    again = desk.handover.reject(site["qian"], record.id, password=PASSWORD, reason="温度未说明")
    assert again.shift_boundary_at == record.shift_boundary_at and again.status == "draft"
    assert [(c.duty_role, c.person_id) for c in again.crew] == [
        (c.duty_role, c.person_id) for c in record.crew
    ]


# ------------------------------------------------------------------ template by shift type


def test_templates_bind_to_shift_types_by_id(desk: Desk, site: dict[str, Person]) -> None:
    templates = desk.handover.templates
    types = desk.roster.shift_types()
    day = templates.for_shift_type(types["白"].id)
    night = templates.for_shift_type(types["夜"].id)
    assert (day.shift_type_id, day.shift_code) == (types["白"].id, "白")
    assert (night.shift_type_id, night.name) == (types["夜"].id, "夜班交接班检查表")
    assert templates.for_shift("夜").id == night.id
    with pytest.raises(ValidationError) as caught:
        templates.save(site["admin"], name="x", shift_code="N", sections=[])
    assert caught.value.field == "shift_code"
    # The database too: a shift template must be bound to a shift type.
    with pytest.raises(sqlite3.IntegrityError, match="bound to a shift type"):
        desk.db.execute(
            "INSERT INTO handover_templates (name, shift_code, version, status, created_at)"
            " VALUES ('x', 'N', 9, 'superseded', '2026-11-25T00:00:00+00:00')"
        )


# ------------------------------------------------------------------ who served


def test_every_incoming_person_is_recorded_as_served_with_the_stand_in(
    desk: Desk, site: dict[str, Person], clock: ManualClock
) -> None:
    proposal = desk.handover.propose()
    assert proposal.next is not None
    officer_slot = next(s for s in proposal.next.crew if s.duty_role == "officer")
    # 王伟 is ill: 赵敏 stands in for him; 钱军 signs as the rostered leader.
    record = desk.handover.start_proposed(
        site["leader"],
        proposal,
        stand_ins={officer_slot.assignment_id: site["zhao"].id},  # type: ignore[dict-item]
    )
    assert [(c.duty_role, c.planned_name, c.person_name, c.is_stand_in) for c in record.crew] == [
        ("leader", "钱军", "钱军", False),
        ("officer", "王伟", "赵敏", True),
    ]
    locked = _sign(desk, clock, record.id, site["leader"], site["qian"])
    assert locked.is_locked
    lines = {
        (p.assignment.role, p.planned_name): p
        for p in desk.roster.planned_and_served("2026-11-25", "2026-11-25")
        if p.assignment.shift_code == "夜"
    }
    assert lines[("leader", "钱军")].served_name == "钱军"
    assert lines[("leader", "钱军")].source == "handover" and not lines[("leader", "钱军")].stand_in
    assert lines[("officer", "王伟")].served_name == "赵敏"
    assert lines[("officer", "王伟")].stand_in and lines[("officer", "王伟")].source == "handover"
    assert verify_database(desk.db).ok


def test_an_incoming_officer_who_is_not_rostered_stands_in_for_the_rostered_one(
    desk: Desk, site: dict[str, Person], clock: ManualClock
) -> None:
    proposal = desk.handover.propose()
    record = desk.handover.start_proposed(
        site["leader"], proposal, incoming_person_id=site["zhao"].id
    )
    assert record.incoming.id == site["zhao"].id
    assert [(c.planned_name, c.person_name) for c in record.crew] == [
        ("钱军", "赵敏"),
        ("王伟", "王伟"),
    ]
    _sign(desk, clock, record.id, site["leader"], site["zhao"])
    served = {
        p.planned_name: (p.served_name, p.stand_in)
        for p in desk.roster.planned_and_served("2026-11-25", "2026-11-25")
        if p.assignment.shift_code == "夜"
    }
    assert served == {"钱军": ("赵敏", True), "王伟": ("王伟", False)}


def test_a_crew_must_include_the_incoming_officer(desk: Desk, site: dict[str, Person]) -> None:
    with pytest.raises(ValidationError) as caught:
        desk.handover.start(
            site["leader"],
            shift_date="2026-11-25",
            outgoing_shift_code="白",
            incoming_shift_code="夜",
            incoming_person_id=site["qian"].id,
            incoming_crew=[CrewMember("officer", 0, site["officer2"].id)],
        )
    assert caught.value.field == "incoming_person_id"


# ------------------------------------------------------------------ on time either side


@pytest.mark.parametrize(
    ("offset_minutes", "on_time", "early_late"),
    [(-180, False, -180), (-10, True, -10), (0, True, 0), (14, True, 14), (25, False, 25)],
)
def test_on_time_means_within_the_tolerance_on_either_side(
    desk: Desk,
    site: dict[str, Person],
    clock: ManualClock,
    offset_minutes: int,
    on_time: bool,
    early_late: int,
) -> None:
    assert desk.settings.get_int("handover_tolerance_minutes") == 15
    boundary = local(25, 20)
    clock.set(boundary + timedelta(minutes=offset_minutes - 30))
    record = desk.handover.start_proposed(site["leader"], desk.handover.propose(boundary))
    desk.handover.set_values(site["leader"], record.id, good_values(record))
    desk.handover.submit(site["leader"], record.id, password=PASSWORD)
    clock.set(boundary + timedelta(minutes=offset_minutes, seconds=20 if early_late >= 0 else -20))
    locked = desk.handover.accept(site["qian"], record.id, password=PASSWORD)
    assert locked.figures is not None
    assert locked.figures.on_time is on_time
    assert locked.figures.early_late_minutes == early_late
    text = locked.figures.timing_text()
    assert text.startswith("准时" if on_time else "未准时")
    if early_late:
        assert f"{'提前' if early_late < 0 else '晚'} {abs(early_late)} 分钟" in text
    stored = desk.db.execute(
        "SELECT on_time, early_late_minutes FROM handovers WHERE id = ?", [record.id]
    ).fetchone()
    assert tuple(stored) == (int(on_time), early_late)


# ------------------------------------------------------------------ every view agrees


def test_roster_handover_and_shift_report_name_the_same_people_for_one_shift(
    desk: Desk, site: dict[str, Person], clock: ManualClock
) -> None:
    proposal = desk.handover.propose()
    assert proposal.next is not None
    officer_slot = next(s for s in proposal.next.crew if s.duty_role == "officer")
    evening = desk.handover.start_proposed(
        site["leader"],
        proposal,
        stand_ins={officer_slot.assignment_id: site["zhao"].id},  # type: ignore[dict-item]
    )
    evening = _sign(desk, clock, evening.id, site["leader"], site["qian"])
    clock.set(local(26, 7, 45))
    morning_proposal = desk.handover.propose()
    morning = desk.handover.start_proposed(site["qian"], morning_proposal)
    morning = _sign(desk, clock, morning.id, site["qian"], site["leader"])

    # The night shift of 2026-11-25: taken over at 20:00, handed over at 08:00.
    roster_served = sorted(
        p.served_name or ""
        for p in desk.roster.planned_and_served("2026-11-25", "2026-11-25")
        if p.assignment.shift_code == "夜"
    )
    handover_crew = sorted(c.person_name for c in evening.crew)
    report = shift_report_data(desk, "2026-11-25", "夜")
    report_served = sorted(p.name for p in report.people if p.served)
    assert roster_served == handover_crew == report_served == ["赵敏", "钱军"]
    assert any("替班（原：王伟）" in p.note for p in report.people if p.name == "赵敏")
    # The report's handover is the one at the end of that shift, with both signatures.
    assert [(s.meaning, s.name) for s in report.signatures] == [
        ("交班确认", "钱军"),
        ("接班确认", "张强"),
    ]
    assert report.record_hash == desk.handover.content_hash(morning.id)
    day = day_report_data(desk, "2026-11-25")
    night = next(s for s in day.shifts if s.shift_code == "夜")
    assert sorted(p.name for p in night.people if p.served) == report_served
    assert [s.name for s in night.signatures] == [s.name for s in report.signatures]


# ------------------------------------------------------------------ migration 0009


def test_migration_binds_templates_recomputes_on_time_and_keeps_old_duplicates(
    tmp_path: Path,
) -> None:
    from dutydesk.store import audit
    from dutydesk.store.db import APPLICATION_ID, DutyDeskDatabase, open_database
    from dutydesk.store.migrations import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA foreign_keys = ON")
    old = DutyDeskDatabase(conn)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(old, stop_before="0009_handover_roster")
    by = audit.Actor.system("test")
    at = "2026-11-01T00:00:00+00:00"
    person = audit.insert(
        old,
        "people",
        {
            "name": "甲",
            "employee_no": "1",
            "roles": '["officer"]',
            "created_at": at,
            "updated_at": at,
        },
        actor=by,
        at=at,
    )
    other = audit.insert(
        old,
        "people",
        {
            "name": "乙",
            "employee_no": "2",
            "roles": '["officer"]',
            "created_at": at,
            "updated_at": at,
        },
        actor=by,
        at=at,
    )
    day = audit.insert(
        old,
        "shift_types",
        {"code": "白", "name": "白班", "start_time": "08:00", "end_time": "20:00"},
        actor=by,
        at=at,
    )
    templates = {}
    for code in (None, "白", "N"):
        templates[code] = audit.insert(
            old,
            "handover_templates",
            {
                "name": f"t{code}",
                "shift_code": code,
                "version": 1,
                "status": "current",
                "created_at": at,
            },
            actor=by,
            at=at,
        )
    locked = {}
    for key, date_, code, locked_at in (
        ("early", "2026-11-01", "白", "2026-11-01T09:00:00+00:00"),  # 3 h early
        ("twin", "2026-11-01", "N", "2026-11-01T12:05:00+00:00"),  # same time, other code
    ):
        locked[key] = audit.insert(
            old,
            "handovers",
            {
                "shift_date": date_,
                "outgoing_shift_code": code,
                "incoming_shift_code": code,
                "shift_boundary_at": "2026-11-01T12:00:00+00:00",
                "period_start_at": "2026-11-01T00:00:00+00:00",
                "outgoing_person_id": person,
                "incoming_person_id": other,
                "template_id": templates[None],
                "started_at": "2026-11-01T08:00:00+00:00",
                "incident_summary_json": "{}",
                "status": "locked",
                "submitted_at": "2026-11-01T08:30:00+00:00",
                "locked_at": locked_at,
                "duration_seconds": 60,
                "on_time": 1,
                "tolerance_minutes": 15,
                "completeness": 1.0,
            },
            actor=by,
            at=at,
        )
    # A file from before the migration still verifies as it is (read-only, no crew table).
    before = verify_database(old)
    assert before.ok, before.problems
    old.close()

    db = open_database(path)
    rows = {r["id"]: r for r in db.query("SELECT * FROM handover_templates")}
    assert rows[templates["白"]]["shift_type_id"] == day
    assert rows[templates["N"]]["status"] == "superseded"  # names no shift type: retired
    assert rows[templates[None]]["shift_type_id"] is None
    assert rows[templates[None]]["status"] == "current"
    figures = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT id, on_time, early_late_minutes FROM handovers")
    }
    assert figures[locked["early"]] == (0, -180)
    assert figures[locked["twin"]] == (1, 5)
    report = verify_database(db)
    assert report.ok, report.problems
    # The old twins stay; a third live one at that time is refused (by the unique index, or
    # first by the trigger that keeps a locked twin from being replaced).
    with pytest.raises(sqlite3.IntegrityError, match=r"UNIQUE|protected row cannot be replaced"):
        db.execute(
            "INSERT INTO handovers (shift_date, outgoing_shift_code, incoming_shift_code,"
            " shift_boundary_at, period_start_at, outgoing_person_id, incoming_person_id,"
            " template_id, started_at, incident_summary_json) VALUES ('2026-10-31', '白',"
            " '白', '2026-11-01T12:00:00+00:00', '2026-11-01T00:00:00+00:00', ?, ?, ?,"
            " '2026-11-01T08:00:00+00:00', '{}')",
            [person, other, templates[None]],
        )
    db.close()


def test_a_slot_turned_into_a_gap_after_the_start_does_not_block_the_take_over(
    desk: Desk, site: dict[str, Person], clock: ManualClock
) -> None:
    record = desk.handover.start_proposed(site["leader"], desk.handover.propose())
    leave = desk.roster.leave.request(
        site["officer2"],
        person_id=site["officer2"].id,
        kind="sick",
        start="2026-11-25",
        end="2026-11-25",
        reason="发烧",
    )
    desk.roster.leave.approve(site["admin"], leave.id, note="同意")
    locked = _sign(desk, clock, record.id, site["leader"], site["qian"])
    assert locked.is_locked and [c.person_name for c in locked.crew] == ["钱军", "王伟"]
    night = [a for a in desk.roster.shift_crew("2026-11-25", "夜")]
    assert [(a.person_name, a.served_person_id) for a in night] == [("钱军", site["qian"].id)]
