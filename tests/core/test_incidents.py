"""The incident lifecycle: transitions, times, durations at close, permissions, files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from dutydesk.clock import ManualClock, to_iso
from dutydesk.desk import Desk
from dutydesk.errors import Conflict, PermissionDenied, ValidationError
from dutydesk.incidents.service import MAX_ATTACHMENT_BYTES, TRANSITIONS, Incident
from dutydesk.people.auth import Person
from dutydesk.store.verify import verify_database


def _ids(desk: Desk) -> tuple[int, int]:
    severity = desk.incidents.reference.severity_by_code("II")  # respond 15, resolve 240
    category = next(c for c in desk.incidents.reference.categories() if c.name == "空调")
    return severity.id, category.id


def _report(desk: Desk, person: Person, title: str = "机房空调故障", **extra: object) -> Incident:
    severity_id, category_id = _ids(desk)
    return desk.incidents.report(
        person, title=title, severity_id=severity_id, category_id=category_id, **extra
    )


def _count(desk: Desk, table: str) -> int:
    return int(desk.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_reference_data_is_seeded_in_chinese(desk: Desk) -> None:
    ref = desk.incidents.reference
    assert [s.name for s in ref.severities()] == ["特别重大", "重大", "较大", "一般"]
    assert all(s.resolve_minutes >= s.respond_minutes for s in ref.severities())
    roots = [c.name for c in ref.categories() if c.parent_id is None]
    assert roots == ["设备", "网络", "电力", "安全", "系统", "其他"]
    assert "设备 / 空调" in [c.path for c in ref.categories()]
    assert [s.name for s in ref.sources()] == [
        "电话",
        "系统告警",
        "巡检",
        "上级通知",
        "群众来电",
        "其他",
    ]
    assert verify_database(desk.db).ok


def test_only_an_admin_edits_reference_data(desk: Desk, crew: dict[str, Person]) -> None:
    ref = desk.incidents.reference
    with pytest.raises(PermissionDenied):
        ref.save_source(crew["leader"], name="微信群")
    added = ref.save_severity(
        crew["admin"], code="V", name="轻微", colour="#888888", respond_minutes=120,
        resolve_minutes=2880,
    )  # fmt: skip
    assert added.name == "轻微"
    with pytest.raises(ValidationError) as error:
        ref.save_severity(
            crew["admin"], code="VI", name="错", colour="red", respond_minutes=1,
            resolve_minutes=2,
        )  # fmt: skip
    assert error.value.field == "colour"
    child = ref.save_category(crew["admin"], name="冷机", parent_id=ref.categories()[0].id)
    assert child.path == "设备 / 冷机"
    with pytest.raises(ValidationError):
        ref.save_category(crew["admin"], category_id=ref.categories()[0].id, name="设备",
                          parent_id=child.id)  # fmt: skip


def test_full_lifecycle_stores_times_people_durations_and_on_time_flags(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    officer, leader = crew["officer"], crew["leader"]
    incident = _report(desk, officer, shift_date="2026-11-25", shift_code="白班")
    assert incident.status == "new" and incident.reporter_name == "李丽"
    clock.advance(minutes=10)
    desk.incidents.acknowledge(crew["officer2"], incident.id)
    clock.advance(minutes=5)
    desk.incidents.start(officer, incident.id)
    clock.advance(minutes=20)
    escalated = desk.incidents.escalate(
        officer, incident.id, to="设备科 王工", reason="压缩机需要厂家维修"
    )
    assert escalated.status == "escalated" and escalated.escalated_to == "设备科 王工"
    clock.advance(minutes=100, seconds=1)
    resolved = desk.incidents.resolve(officer, incident.id, resolution="更换压缩机，温度恢复")
    assert resolved.status == "resolved" and resolved.response_minutes is None
    clock.advance(minutes=30)
    closed = desk.incidents.close(leader, incident.id)
    assert closed.status == "closed" and closed.closed_by_name == "张强"
    assert closed.response_minutes == 10 and closed.respond_target_minutes == 15
    assert closed.resolution_minutes == 136  # 135 min 1 s rounds up
    assert closed.resolve_target_minutes == 240
    assert closed.responded_on_time is True and closed.resolved_on_time is True
    kinds = [e.kind for e in desk.incidents.timeline(incident.id)]
    assert kinds == ["report", "acknowledge", "start", "escalate", "resolve", "close"]
    assert [e.author_name for e in desk.incidents.timeline(incident.id)][:2] == ["李丽", "王伟"]
    assert verify_database(desk.db).ok


def test_late_response_and_resolution_are_flagged_at_close(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    incident = _report(desk, crew["officer"])
    clock.advance(minutes=16)
    desk.incidents.acknowledge(crew["officer"], incident.id)
    clock.advance(hours=5)
    desk.incidents.resolve(crew["officer"], incident.id, resolution="已修复")
    closed = desk.incidents.close(crew["leader"], incident.id)
    assert closed.response_minutes == 16 and closed.responded_on_time is False
    assert closed.resolution_minutes == 316 and closed.resolved_on_time is False


def test_times_given_by_the_user_are_used_and_checked(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    officer = crew["officer"]
    reported = clock() - timedelta(minutes=40)
    incident = _report(desk, officer, reported_at=reported)
    assert incident.reported_at == to_iso(reported)
    with pytest.raises(ValidationError, match="不能早于上报时间") as error:
        desk.incidents.acknowledge(officer, incident.id, at=reported - timedelta(minutes=1))
    assert error.value.field == "acknowledged_at"
    # Site-local times in the message (Asia/Shanghai), never UTC ISO text.
    site = (reported - timedelta(minutes=1)).astimezone(ZoneInfo("Asia/Shanghai"))
    assert f"{site:%Y-%m-%d %H:%M}" in str(error.value.localized("zh_CN"))
    assert "+00:00" not in error.value.localized("zh_CN") + error.value.localized("en")
    desk.incidents.acknowledge(officer, incident.id, at=reported + timedelta(minutes=5))
    with pytest.raises(ValidationError, match="不能早于响应时间"):
        desk.incidents.resolve(
            officer, incident.id, resolution="好了", at=reported + timedelta(minutes=1)
        )
    with pytest.raises(ValidationError, match="不能晚于当前时间"):
        desk.incidents.resolve(
            officer, incident.id, resolution="好了", at=clock() + timedelta(hours=1)
        )
    with pytest.raises(ValidationError, match="时区"):
        desk.incidents.resolve(officer, incident.id, resolution="好了", at="2026-11-24T10:00:00")
    assert desk.incidents.get(incident.id).status == "acknowledged"


def test_reporting_far_in_the_future_is_rejected_and_saves_nothing(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    before = (_count(desk, "incidents"), _count(desk, "audit_log"))
    with pytest.raises(ValidationError) as error:
        _report(desk, crew["officer"], reported_at=clock() + timedelta(days=1))
    assert error.value.field == "reported_at"
    assert (_count(desk, "incidents"), _count(desk, "audit_log")) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "长" * 201}, "title"),
        ({"severity_id": 999}, "severity"),
        ({"category_id": 999}, "category"),
        ({"source_id": 999}, "source"),
        ({"shift_date": "2026-13-01"}, "shift_date"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_bad_input_is_rejected_with_the_field_and_nothing_half_saved(
    desk: Desk, crew: dict[str, Person], changes: dict[str, object], field: str
) -> None:
    severity_id, category_id = _ids(desk)
    given: dict[str, object] = {
        "title": "停电",
        "severity_id": severity_id,
        "category_id": category_id,
        **changes,
    }
    before = (_count(desk, "incidents"), _count(desk, "incident_events"), _count(desk, "audit_log"))
    with pytest.raises(ValidationError) as error:
        desk.incidents.report(crew["officer"], **given)  # type: ignore[arg-type]
    assert error.value.field == field
    assert error.value.message and error.value.message_en
    after = (_count(desk, "incidents"), _count(desk, "incident_events"), _count(desk, "audit_log"))
    assert after == before


def test_every_transition_rule(desk: Desk, clock: ManualClock, crew: dict[str, Person]) -> None:
    """From each status exactly the transitions in TRANSITIONS are allowed."""
    officer, leader = crew["officer"], crew["leader"]

    def at_status(status: str) -> Incident:
        incident = _report(desk, officer)
        path = {
            "new": [],
            "acknowledged": ["acknowledge"],
            "in_progress": ["acknowledge", "start"],
            "escalated": ["acknowledge", "escalate"],
            "resolved": ["acknowledge", "resolve"],
            "closed": ["acknowledge", "resolve", "close"],
        }[status]
        for action in path:
            clock.advance(minutes=1)
            do(action, incident.id)
        return desk.incidents.get(incident.id)

    def do(action: str, incident_id: int) -> Incident:
        service = desk.incidents
        if action == "acknowledge":
            return service.acknowledge(officer, incident_id)
        if action == "start":
            return service.start(officer, incident_id)
        if action == "escalate":
            return service.escalate(officer, incident_id, to="值班领导", reason="需要协调")
        if action == "resolve":
            return service.resolve(officer, incident_id, resolution="已处理")
        return service.close(leader, incident_id)

    for status in ("new", "acknowledged", "in_progress", "escalated", "resolved", "closed"):
        for action, (sources, target, _permission) in TRANSITIONS.items():
            incident = at_status(status)
            clock.advance(minutes=1)
            if status in sources:
                assert do(action, incident.id).status == target
            else:
                events = _count(desk, "incident_events")
                with pytest.raises(Conflict):
                    do(action, incident.id)
                assert desk.incidents.get(incident.id).status == status
                assert _count(desk, "incident_events") == events


def test_allowed_actions_follow_status_and_role(desk: Desk, crew: dict[str, Person]) -> None:
    incident = _report(desk, crew["officer"])
    service = desk.incidents
    assert service.allowed_actions(incident, crew["officer"]) == ["acknowledge", "note"]
    assert service.allowed_actions(incident, crew["auditor"]) == []
    incident = service.acknowledge(crew["officer"], incident.id)
    incident = service.resolve(crew["officer"], incident.id, resolution="好")
    assert service.allowed_actions(incident, crew["officer"]) == ["note"]
    assert service.allowed_actions(incident, crew["leader"]) == ["close", "note"]
    incident = service.close(crew["leader"], incident.id)
    assert service.allowed_actions(incident, crew["officer"]) == ["reopen"]


def test_resolution_text_is_mandatory(desk: Desk, crew: dict[str, Person]) -> None:
    incident = _report(desk, crew["officer"])
    desk.incidents.acknowledge(crew["officer"], incident.id)
    with pytest.raises(ValidationError) as error:
        desk.incidents.resolve(crew["officer"], incident.id, resolution="   ")
    assert error.value.field == "resolution"
    assert desk.incidents.get(incident.id).status == "acknowledged"


def test_escalation_needs_to_whom_and_why(desk: Desk, crew: dict[str, Person]) -> None:
    incident = _report(desk, crew["officer"])
    desk.incidents.acknowledge(crew["officer"], incident.id)
    with pytest.raises(ValidationError) as error:
        desk.incidents.escalate(crew["officer"], incident.id, to="", reason="严重")
    assert error.value.field == "escalated_to"
    with pytest.raises(ValidationError) as error:
        desk.incidents.escalate(crew["officer"], incident.id, to="值班领导", reason="")
    assert error.value.field == "escalation_reason"


def test_permissions_auditor_adds_nothing_and_only_a_leader_closes(
    desk: Desk, crew: dict[str, Person]
) -> None:
    auditor, officer = crew["auditor"], crew["officer"]
    with pytest.raises(PermissionDenied):
        _report(desk, auditor)
    incident = _report(desk, officer)
    with pytest.raises(PermissionDenied):
        desk.incidents.acknowledge(auditor, incident.id)
    with pytest.raises(PermissionDenied):
        desk.incidents.add_note(auditor, incident.id, "审计员不能写")
    with pytest.raises(PermissionDenied):
        desk.incidents.add_attachment(auditor, incident.id, filename="a.png", data=b"x")
    desk.incidents.acknowledge(officer, incident.id)
    desk.incidents.resolve(officer, incident.id, resolution="好")
    with pytest.raises(PermissionDenied):
        desk.incidents.close(officer, incident.id)
    assert desk.incidents.close(crew["admin"], incident.id).status == "closed"
    assert desk.incidents.search().items  # the auditor may still read
    assert auditor.may("incidents.read")


def test_closed_is_final_and_reopen_creates_a_linked_incident(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    officer = crew["officer"]
    incident = _report(desk, officer, description="三号机房")
    desk.incidents.acknowledge(officer, incident.id)
    desk.incidents.resolve(officer, incident.id, resolution="重启")
    closed = desk.incidents.close(crew["leader"], incident.id)
    with pytest.raises(Conflict, match="已关闭"):
        desk.incidents.add_note(officer, incident.id, "又坏了")
    with pytest.raises(Conflict, match="已关闭"):
        desk.incidents.acknowledge(officer, incident.id)
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE incidents SET title = 'x' WHERE id = ?", [incident.id])
    clock.advance(hours=2)
    again = desk.incidents.reopen(officer, incident.id, reason="温度再次升高")
    assert again.id != incident.id and again.reopened_from == incident.id
    assert again.status == "new" and again.title == closed.title
    assert desk.incidents.get(incident.id) == closed
    assert desk.incidents.timeline(incident.id)[-1].kind == "reopened_as"
    assert "温度再次升高" in desk.incidents.timeline(again.id)[0].body
    with pytest.raises(Conflict, match="已重新打开"):
        desk.incidents.reopen(officer, incident.id, reason="再来")
    with pytest.raises(Conflict):
        desk.incidents.reopen(officer, again.id, reason="未关闭")
    assert verify_database(desk.db).ok


def test_schema_rejects_impossible_rows_even_by_raw_sql(
    desk: Desk, crew: dict[str, Person]
) -> None:
    incident = _report(desk, crew["officer"])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "UPDATE incidents SET acknowledged_at = '2000-01-01T00:00:00+00:00',"
            " acknowledged_by = reported_by, status = 'acknowledged' WHERE id = ?",
            [incident.id],
        )
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE incidents SET status = 'resolved' WHERE id = ?", [incident.id])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("DELETE FROM incident_events")


def test_notes_are_timeline_entries_with_time_and_author(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    incident = _report(desk, crew["officer"])
    clock.advance(minutes=3)
    entry = desk.incidents.add_note(crew["officer2"], incident.id, "已电话通知物业张伟")
    assert entry.kind == "note" and entry.author_name == "王伟"
    assert entry.at == to_iso(clock())
    with pytest.raises(ValidationError):
        desk.incidents.add_note(crew["officer2"], incident.id, " ")


def test_attachment_round_trip_keeps_bytes_sha256_type_and_size(
    desk: Desk, crew: dict[str, Person]
) -> None:
    import hashlib

    incident = _report(desk, crew["officer"])
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    attachment = desk.incidents.add_attachment(
        crew["officer"], incident.id, filename="C:\\照片\\现场照片.png", data=data
    )
    assert attachment.filename == "现场照片.png"
    assert attachment.mime_type == "image/png" and attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert desk.incidents.attachment_data(attachment.id) == data
    assert desk.incidents.timeline(incident.id)[-1].kind == "attachment"
    # The audit trail holds only the fingerprint of the blob, never the bytes.
    audit_row = desk.db.execute(
        "SELECT after_json FROM audit_log WHERE entity = 'incident_attachments'"
    ).fetchone()[0]
    assert f"sha256:{attachment.sha256}" in audit_row
    assert verify_database(desk.db).ok


def test_attachment_beyond_the_size_limit_is_refused_clearly(
    desk: Desk, crew: dict[str, Person]
) -> None:
    incident = _report(desk, crew["officer"])
    before = _count(desk, "incident_attachments"), _count(desk, "incident_events")
    with pytest.raises(ValidationError, match="超过上限 10 MB") as error:
        desk.incidents.add_attachment(
            crew["officer"],
            incident.id,
            filename="录像.pdf",
            data=b"0" * (MAX_ATTACHMENT_BYTES + 1),
        )
    assert "10 MB" in error.value.message_en
    with pytest.raises(ValidationError, match="不支持"):
        desk.incidents.add_attachment(crew["officer"], incident.id, filename="a.exe", data=b"M")
    with pytest.raises(ValidationError, match="空文件"):
        desk.incidents.add_attachment(crew["officer"], incident.id, filename="a.pdf", data=b"")
    assert (_count(desk, "incident_attachments"), _count(desk, "incident_events")) == before


def test_overdue_incidents_are_flagged_and_counted(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    officer = crew["officer"]
    late = _report(desk, officer, title="无人响应")  # severity II: respond 15, resolve 240
    handled = _report(desk, officer, title="已响应")
    desk.incidents.acknowledge(officer, handled.id)
    done = _report(desk, officer, title="已解决")
    desk.incidents.acknowledge(officer, done.id)
    desk.incidents.resolve(officer, done.id, resolution="好")
    assert desk.incidents.overdue_count() == 0
    clock.advance(minutes=16)
    assert desk.incidents.get(late.id).overdue_response
    assert not desk.incidents.get(handled.id).overdue
    assert desk.incidents.overdue_count() == 1
    clock.advance(hours=4)
    assert desk.incidents.get(handled.id).overdue_resolution
    assert not desk.incidents.get(done.id).overdue
    assert desk.incidents.overdue_count() == 2
