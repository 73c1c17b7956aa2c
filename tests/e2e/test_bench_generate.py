"""The realistic database generator: every area filled, records consistent, verify passes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bench.gen_incidents import Incidents, Severity, Trail
from bench.generate import Generated, generate, main
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.incidents.records import IncidentFilter
from dutydesk.incidents.search import index_problems
from dutydesk.people.auth import LEADER, OFFICER
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_path

# 55 days ending 2026-02-20: a quarter start (a cycle), the January needs survey and
# assessment, the February plan and a training session with its test.
END = date(2026, 2, 20)
YEARS = 0.15

AREA_TABLES = (
    "people",
    "shift_types",
    "teams",
    "assignments",
    "leave_requests",
    "incidents",
    "incident_events",
    "incident_attachments",
    "incident_search",
    "handovers",
    "handover_values",
    "handover_crew",
    "signatures",
    "open_items",
    "feedback",
    "problems",
    "actions",
    "improvement_cycles",
    "meetings",
    "meeting_decisions",
    "process_versions",
    "kpi_targets",
    "questionnaires",
    "questionnaire_responses",
    "assessments",
    "training_courses",
    "training_sessions",
    "training_attendance",
    "training_test_attempts",
    "plan_milestones",
    "plan_tasks",
    "plan_risks",
)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    path = tmp_path_factory.mktemp("gen") / "realistic.db"
    return generate(path, years=YEARS, seed=5, end=END)


def test_the_generated_database_passes_verify(made: Generated) -> None:
    report = verify_path(made.path)
    assert report.ok, report.problems[:5]
    assert made.audit_rows == report.audit_rows
    assert made.padding_rows == 0
    with storage.open_readonly(made.path) as db:
        times = [
            row[0]
            for row in db.execute(
                # anonymous entries carry only their day, by design
                "SELECT at FROM audit_log WHERE actor_label NOT IN ('migration', 'anonymous')"
                " ORDER BY seq"
            )
        ]
        actions = {row[0] for row in db.execute("SELECT DISTINCT action FROM audit_log")}
    assert times == sorted(times), "audit times must follow the sequence"
    assert "bench_padding" not in {a for a in actions}
    assert {"sign_in", "incident_report", "incident_close", "handover_start"} <= actions


def test_every_area_has_rows(made: Generated) -> None:
    with storage.open_readonly(made.path) as db:
        counts = storage.table_counts(db)
    empty = [table for table in AREA_TABLES if not counts.get(table)]
    assert empty == []
    days = round(365.25 * YEARS)
    assert 40 * days < counts["incidents"] < 60 * days  # about 49 a day
    assert counts["handovers"] >= 3 * (days - 2)  # three shift boundaries a day
    assert made.counts["incidents"] == counts["incidents"]


def test_handovers_are_signed_by_the_rostered_people(made: Generated) -> None:
    with storage.open_readonly(made.path) as db:
        rows = db.execute(
            "SELECT h.id, h.shift_date, h.outgoing_shift_code, h.incoming_shift_code,"
            " h.shift_boundary_at, h.outgoing_person_id, h.incoming_person_id, h.status"
            " FROM handovers h ORDER BY h.id"
        ).fetchall()
        assert rows
        last = rows[-1][0]
        for hid, day, out_code, in_code, boundary, out_id, in_id, status in rows:
            # the last one may still wait for the incoming officer at the end of the run
            assert status == "locked" or hid == last, (hid, status)
            planned_out = {
                r[0]
                for r in db.execute(
                    "SELECT a.person_id FROM assignments a JOIN shift_types s"
                    " ON s.id = a.shift_type_id WHERE a.day = ? AND s.code = ?",
                    [day, out_code],
                )
            }
            planned_in = {
                r[0]
                for r in db.execute(
                    "SELECT a.person_id FROM assignments a JOIN shift_types s"
                    " ON s.id = a.shift_type_id WHERE s.code = ? AND a.starts_at = ?",
                    [in_code, boundary],
                )
            }
            assert out_id in planned_out and in_id in planned_in, hid
            signed = dict(
                db.execute(
                    "SELECT meaning, person_id FROM signatures"
                    " WHERE entity = 'handover' AND entity_id = ?",
                    [str(hid)],
                ).fetchall()
            )
            if status == "locked":
                assert signed == {"handover_out": out_id, "handover_in": in_id}
        # each handover's checklist is its template's, and open items travel along
        missing = db.execute(
            "SELECT count(*) FROM handovers h JOIN handover_template_items t"
            " ON t.template_id = h.template_id LEFT JOIN handover_values v"
            " ON v.handover_id = h.id AND v.item_id = t.id WHERE v.id IS NULL"
        ).fetchone()[0]
        assert missing == 0
        carried = db.execute(
            "SELECT count(*) FROM (SELECT open_item_id FROM handover_open_items"
            " GROUP BY open_item_id HAVING count(*) > 1)"
        ).fetchone()[0]
        assert carried > 0


def test_incidents_follow_their_lifecycle_and_are_found_by_search(made: Generated) -> None:
    with storage.open_readonly(made.path) as db:
        assert index_problems(db) == []
        bad = db.execute(
            "SELECT count(*) FROM incidents WHERE status = 'closed' AND NOT"
            " (reported_at <= acknowledged_at AND acknowledged_at <= resolved_at"
            " AND resolved_at <= closed_at)"
        ).fetchone()[0]
        assert bad == 0
        statuses = dict(db.execute("SELECT status, count(*) FROM incidents GROUP BY 1"))
        assert statuses["closed"] > 0.9 * sum(statuses.values())
        closers = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT p.roles FROM incidents i JOIN people p ON p.id = i.closed_by"
            )
        }
        assert all(LEADER in roles for roles in closers)
        # who reported was on duty: rostered on the incident's shift
        off_duty = db.execute(
            "SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM assignments a"
            " JOIN shift_types s ON s.id = a.shift_type_id WHERE a.day = i.shift_date"
            " AND s.code = i.shift_code AND a.person_id = i.reported_by)"
        ).fetchone()[0]
        assert off_duty == 0
        notes = db.execute("SELECT count(*) FROM incident_events WHERE kind = 'note'").fetchone()
        assert notes[0] > 0.4 * sum(statuses.values())
        titled = db.execute("SELECT count(*) FROM incidents WHERE title LIKE '%空调%'").fetchone()[
            0
        ]
    assert titled > 0
    with Desk.open(made.path) as desk:  # the app finds them through the search index
        found = desk.incidents.count(IncidentFilter(query="空调"))
        page = desk.incidents.search(IncidentFilter(query="空调"), limit=20)
        assert found >= titled
        assert page.items and all(
            "空调" in " ".join([i.title, i.description, i.resolution or ""]) for i in page.items
        )
        # the generated accounts can sign in
        assert desk.people.sign_in("1001", "bench1234").employee_no == "1001"


def test_the_bulk_incident_path_writes_what_the_service_writes(tmp_path: Path) -> None:
    """Same rows, same audit images, same search rows as IncidentService, stage by stage."""
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    def fresh(name: str) -> tuple[Desk, ManualClock]:
        clock = ManualClock(start)
        desk = Desk.open(tmp_path / name, create=True, clock=clock)
        admin = desk.initialise(
            site_name="测试",
            admin_name="管理员",
            admin_employee_no="admin",
            admin_password="pw123456",
        )
        desk.people.add(
            admin, name="张伟", employee_no="1001", roles=[LEADER, OFFICER], password="pw123456"
        )
        return desk, clock

    steps = [0, 7, 25, 40, 95, 300]
    service_desk, service_clock = fresh("service2.db")
    bulk_desk, _ = fresh("bulk.db")
    try:
        person = service_desk.people.by_employee_no("1001")
        ref = service_desk.incidents.reference
        severity_row = ref.severities(active_only=True)[1]
        category = ref.categories()[-1].id
        source = ref.sources()[0].id
        svc = service_desk.incidents

        def at(minutes: int) -> None:
            service_clock.set(start + timedelta(minutes=minutes))

        at(steps[0])
        incident = svc.report(
            person,
            title="二号机房空调高温告警",
            severity_id=severity_row.id,
            category_id=category,
            description="温度升至29℃",
            source_id=source,
            location="二号机房",
            shift_date="2026-03-02",
            shift_code="白",
        )
        at(steps[0] + 1)
        svc.add_attachment(person, incident.id, filename="告警日志.txt", data="告警\n".encode())
        at(steps[1])
        svc.acknowledge(person, incident.id)
        at(steps[2])
        svc.add_note(person, incident.id, "已开启备用空调")
        at(steps[3])
        svc.escalate(person, incident.id, to="空调维保公司", reason="需专业力量")
        at(steps[4])
        svc.resolve(person, incident.id, resolution="清洗滤网，温度恢复")
        at(steps[5])
        svc.close(person, incident.id)

        bulk_person = bulk_desk.people.by_employee_no("1001")
        trail = Trail(bulk_desk)
        writer = Incidents(trail, bulk_desk.process.version_text_in_force)
        actor = bulk_person.actor
        sev = Severity(
            severity_row.id,
            severity_row.rank,
            severity_row.respond_minutes,
            severity_row.resolve_minutes,
        )

        def moment(minutes: int) -> datetime:
            return start + timedelta(minutes=minutes)

        new_id = writer.report(
            actor,
            moment(steps[0]),
            title="二号机房空调高温告警",
            description="温度升至29℃",
            location="二号机房",
            severity_id=severity_row.id,
            category_id=category,
            source_id=source,
            shift_date="2026-03-02",
            shift_code="白",
        )
        writer.attach(
            actor, new_id, moment(steps[0] + 1), filename="告警日志.txt", data="告警\n".encode()
        )
        writer.acknowledge(actor, new_id, moment(steps[1]))
        writer.note(actor, new_id, moment(steps[2]), "已开启备用空调")
        writer.escalate(actor, new_id, moment(steps[3]), to="空调维保公司", reason="需专业力量")
        writer.resolve(actor, new_id, moment(steps[4]), text="清洗滤网，温度恢复")
        writer.close(actor, new_id, moment(steps[5]), sev)
        trail.commit()

        def dump(desk: Desk) -> dict[str, list[tuple[object, ...]]]:
            tables = ("incidents", "incident_events", "incident_attachments", "incident_search")
            out = {t: desk.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
            out["audit"] = desk.db.execute(
                "SELECT at, actor_id, actor_label, action, entity, entity_id, before_json,"
                " after_json FROM audit_log WHERE entity LIKE 'incident%' AND entity NOT IN"
                " ('incident_severities', 'incident_categories', 'incident_sources') ORDER BY seq"
            ).fetchall()
            out["fts"] = desk.db.execute(
                "SELECT rowid FROM incident_fts WHERE incident_fts MATCH '\"空调\"'"
            ).fetchall()
            return out

        assert dump(bulk_desk) == dump(service_desk)
    finally:
        service_desk.close()
        bulk_desk.close()
    assert verify_path(tmp_path / "bulk.db").ok


def test_a_changed_generated_row_is_caught(tmp_path: Path) -> None:
    made = generate(tmp_path / "g.db", years=0.02, seed=4, audit_rows=9000)
    # the old padding option still pads a short trail to the size asked for
    assert made.padding_rows > 0 and made.audit_rows == 9000
    assert verify_path(made.path).ok
    conn = sqlite3.connect(made.path)
    conn.execute("UPDATE people SET phone = '10000000000' WHERE employee_no = '1002'")
    conn.commit()
    conn.close()
    problems = verify_path(made.path).problems
    assert [(p.table, p.check) for p in problems] == [("people", "records")]


def test_the_command_refuses_an_existing_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "g.db"
    assert main([str(path), "--years", "0.02", "--end", "2026-06-01"]) == 0
    out = capsys.readouterr()
    assert "audit rows" in out.out and "incidents:" in out.out
    with pytest.raises(SystemExit, match="exists"):
        main([str(path), "--years", "0.02"])
