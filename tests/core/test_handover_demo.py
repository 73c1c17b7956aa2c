"""The demo database holds three months of realistic, signed handovers."""

from __future__ import annotations

from dutydesk.clock import parse_iso
from dutydesk.desk import Desk
from dutydesk.store.verify import verify_database


def test_two_signed_handovers_a_day_for_three_months(demo: Desk) -> None:
    days = demo.db.execute(
        "SELECT count(DISTINCT shift_date), min(shift_date), max(shift_date) FROM handovers"
    ).fetchone()
    assert days[0] == 91
    per_day = demo.db.execute(
        "SELECT DISTINCT count(*) FROM handovers WHERE status <> 'rejected' GROUP BY shift_date"
    ).fetchall()
    assert per_day == [(2,)]
    locked = demo.handover.count(status="locked")
    assert locked == 181
    on_time = demo.db.execute("SELECT avg(on_time) FROM handovers WHERE status = 'locked'")
    assert 0.8 < on_time.fetchone()[0] < 1
    durations = demo.db.execute(
        "SELECT min(duration_seconds), max(duration_seconds) FROM handovers"
    ).fetchone()
    assert 5 * 60 <= durations[0] and durations[1] <= 90 * 60


def test_the_demo_shows_every_part_of_the_workflow(demo: Desk) -> None:
    rejected = demo.handover.history(status="rejected")
    assert len(rejected) == 1
    first = demo.handover.get(rejected[0].id)
    assert first.reject_reason and "机房温度" in first.reject_reason
    again = demo.handover.get(first.resubmitted_as or 0)
    assert again.status == "locked" and any("备用空调" in v.note for v in again.items)
    amended = [h for h in demo.handover.history(limit=500) if h.amendments]
    assert len(amended) == 1
    travelled = demo.db.execute(
        "SELECT max(c) FROM (SELECT count(*) c FROM handover_open_items GROUP BY open_item_id)"
    ).fetchone()[0]
    assert travelled >= 3
    resolved = demo.handover.open_items(include_resolved=True)
    assert any(i.status == "resolved" and i.resolution for i in resolved)
    on_behalf = demo.db.execute("SELECT count(*) FROM signatures WHERE on_behalf_of IS NOT NULL")
    assert on_behalf.fetchone()[0] == 1
    officer = demo.people.by_employee_no("1001")
    waiting = demo.handover.current_for(officer)
    assert waiting is not None and waiting.status == "submitted"
    # 1001 stands in for a rostered officer of this morning's day shift.
    [mine] = [c for c in waiting.crew if c.person_id == officer.id]
    assert mine.is_stand_in and mine.duty_role == "officer"


def test_the_demo_handovers_verify(demo: Desk) -> None:
    report = verify_database(demo.db)
    assert report.ok, report.problems[:3]
    assert report.signatures >= 363


def test_demo_handovers_follow_the_roster_shifts_people_and_templates(demo: Desk) -> None:
    shift_types = demo.roster.shift_types()
    assert set(shift_types) == {"白", "夜"}
    templates = {code: demo.handover.templates.current(code) for code in shift_types}
    assert templates["白"] is not None and templates["夜"] is not None
    assert templates["夜"].name == "夜班交接班检查表"
    for summary in demo.handover.history(limit=500):
        record = demo.handover.get(summary.id)
        assert record.outgoing_shift_code in shift_types
        assert record.incoming_shift_code in shift_types
        assert record.incoming_shift_code != record.outgoing_shift_code
        # The handover time is the end of the roster's outgoing shift.
        end = demo.roster.shift_window(record.shift_date, record.outgoing_shift_code)[1]
        assert parse_iso(record.shift_boundary_at) == end
        template = demo.handover.templates.get(record.template_id)
        assert template.shift_type_id == shift_types[record.outgoing_shift_code].id
        # The outgoing officer served the ending shift; the incoming one is on the crew.
        served = {
            a.served_person_id or a.person_id
            for a in demo.roster.shift_crew(record.shift_date, record.outgoing_shift_code)
        }
        assert record.outgoing.id in served
        assert record.incoming.id in {c.person_id for c in record.crew}


def test_demo_served_marks_come_from_handovers_with_stand_ins(demo: Desk) -> None:
    lines = demo.roster.planned_and_served("2026-08-25", "2026-11-24")
    sources = {line.source for line in lines if line.served_person_id is not None}
    assert sources == {"handover"}
    stand_ins = [line for line in lines if line.stand_in]
    assert len(stand_ins) >= 2
    # Each served mark is the crew of a locked handover.
    crews = {
        (c.assignment_id, c.person_id)
        for row in demo.db.execute("SELECT id FROM handovers WHERE status = 'locked'")
        for c in demo.handover.get(row[0]).crew
    }
    served = {(line.assignment.id, line.served_person_id) for line in lines if line.source}
    assert served == crews
    # Every past shift but the roster's very first has been served.
    unserved = [
        line
        for line in lines
        if line.served_person_id is None and line.assignment.day.isoformat() > "2026-08-26"
    ]
    assert unserved == []


def test_every_handover_content_streams_exactly_each_handovers_signed_content(demo: Desk) -> None:
    """Verify builds the signed content of every handover in one pass; it must be the very
    content (and hash) that ``handover_content`` builds for each record alone."""
    from dutydesk.handover import records
    from dutydesk.store import audit

    streamed = list(records.every_handover_content(demo.db))
    ids = [row[0] for row in demo.db.execute("SELECT id FROM handovers ORDER BY id")]
    assert [handover_id for handover_id, _ in streamed] == ids
    for handover_id, content in streamed:
        alone = records.handover_content(demo.db, handover_id)
        assert content is not None
        assert audit.canonical_json(content) == audit.canonical_json(alone), handover_id
    contents = [content for _, content in streamed if content is not None]
    assert any(c["open_items"] for c in contents) and any("crew" in c for c in contents)
