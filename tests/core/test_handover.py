"""Handover: checklist, open items, dual sign-off, lock, amendments, figures, verify."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from dutydesk.clock import ManualClock, to_iso
from dutydesk.desk import Desk
from dutydesk.errors import (
    AuthenticationFailed,
    Conflict,
    Locked,
    PermissionDenied,
    ValidationError,
)
from dutydesk.handover.service import IncidentSummary
from dutydesk.handover.templates import ItemSpec, SectionSpec, sections_of
from dutydesk.people.auth import Person
from dutydesk.store import signing
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD
from tests.core.handover_helpers import (
    at,
    complete,
    ensure_shift_types,
    good_values,
    later,
    start,
)


@pytest.fixture
def crew_at_evening(desk: Desk, crew: dict[str, Person], clock: ManualClock) -> dict[str, Person]:
    at(clock, "2026-11-25T09:45:00+00:00")
    return crew


def item_id(record, label: str) -> int:  # type: ignore[no-untyped-def]
    return next(v.item.id for v in record.items if v.item.label == label)


def test_start_prefills_the_checklist_from_the_shipped_chinese_template(
    desk: Desk, crew_at_evening: dict[str, Person]
) -> None:
    crew = crew_at_evening
    record = start(desk, crew["officer"], crew["officer2"])
    assert record.status == "draft"
    assert record.template_name == "值班室交接班检查表（通用）"
    assert record.outgoing.name == "李丽" and record.incoming.name == "王伟"
    assert record.started_at == "2026-11-25T09:45:00+00:00"
    assert [title for title, _ in record.sections][:2] == ["值班记录与事件", "设备与系统"]
    assert all(v.value is None for v in record.items)
    assert record.incident_summary.available and record.incident_summary.total == 0
    # The night shift has its own template.
    night = start(
        desk,
        crew["officer2"],
        crew["officer"],
        out_code="N",
        in_code="D",
        boundary="2026-11-25T22:00:00+00:00",
    )
    assert night.template_name == "夜班交接班检查表"


def test_submission_is_refused_with_the_exact_list_of_missing_items(
    desk: Desk, crew_at_evening: dict[str, Person]
) -> None:
    crew = crew_at_evening
    record = start(desk, crew["officer"], crew["officer2"])
    values = good_values(record)
    skipped = ["机房温度", "上级指示及落实情况"]
    for label in skipped:
        values.pop(item_id(record, label))
    desk.handover.set_values(crew["officer"], record.id, values)
    with pytest.raises(ValidationError) as caught:
        desk.handover.submit(crew["officer"], record.id, password=PASSWORD)
    message = caught.value.message
    assert "还有 2 个必填项未填写" in message
    assert "「设备与系统／机房温度」" in message
    assert "「值班记录与事件／上级指示及落实情况」" in message
    assert "UPS" not in message
    assert "Equipment" not in caught.value.message_en
    assert "机房温度" in caught.value.message_en
    assert desk.handover.get(record.id).status == "draft"
    assert signing.signatures_for(desk.db, "handover", record.id) == []
    assert sorted(desk.handover.missing_mandatory(record.id)) == sorted(skipped)


def test_out_of_range_numbers_and_failed_checks_are_flagged_and_bad_input_refused(
    desk: Desk, crew_at_evening: dict[str, Person]
) -> None:
    crew = crew_at_evening
    record = start(desk, crew["officer"], crew["officer2"])
    temp = item_id(record, "机房温度")
    assert desk.handover.set_value(crew["officer"], record.id, temp, "31.5").flagged
    assert not desk.handover.set_value(crew["officer"], record.id, temp, "22").flagged
    keys = item_id(record, "钥匙、印章、登记簿清点无误")
    assert desk.handover.set_value(crew["officer"], record.id, keys, "否").flagged
    with pytest.raises(ValidationError, match="机房温度」必须是数字") as caught:
        desk.handover.set_value(crew["officer"], record.id, temp, "很热")
    assert caught.value.field == f"item:{temp}"
    phone = item_id(record, "值班电话及录音系统")
    with pytest.raises(ValidationError, match="只能选择"):
        desk.handover.set_value(crew["officer"], record.id, phone, "还行")
    # A rejected batch saves nothing, not even its valid values.
    with pytest.raises(ValidationError):
        desk.handover.set_values(crew["officer"], record.id, {phone: "正常", temp: "x"})
    after = desk.handover.get(record.id)
    assert next(v for v in after.items if v.item.id == phone).value is None
    assert next(v for v in after.items if v.item.id == temp).value == "22"


def test_the_full_flow_locks_the_record_and_stores_the_figures(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    served: list[dict[str, object]] = []
    desk.handover.served_recorder = lambda **kw: served.append(kw)
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    assert record.status == "locked"
    assert record.locked_at == "2026-11-25T10:00:00+00:00"
    out, incoming = record.signature("handover_out"), record.signature("handover_in")
    assert out and incoming
    assert (out.person.name, out.meaning_zh) == ("李丽", "交班确认")
    assert (incoming.person.name, incoming.meaning_zh) == ("王伟", "接班确认")
    assert out.content_hash == incoming.content_hash == desk.handover.content_hash(record.id)
    figures = record.figures
    assert figures is not None
    assert figures.duration_seconds == 15 * 60
    assert figures.on_time and figures.tolerance_minutes == 15
    assert figures.mandatory_filled == figures.mandatory_total > 0
    assert figures.signatures_present == 2 and figures.completeness == 1.0
    assert served == [
        {
            "shift_date": "2026-11-25",
            "shift_code": "N",
            "person_id": crew["officer2"].id,
            "at": "2026-11-25T10:00:00+00:00",
            "actor": crew["officer2"],
        }
    ]
    assert verify_database(desk.db).ok


def test_a_late_handover_is_not_on_time(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    at(clock, "2026-11-25T10:05:00+00:00")
    record = complete(desk, clock, crew["officer"], crew["officer2"])  # signed 10:20
    assert record.figures and not record.figures.on_time


def test_locked_records_cannot_change_through_the_core(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    temp = item_id(record, "机房温度")
    with pytest.raises(Locked):
        desk.handover.set_value(crew["officer"], record.id, temp, "25")
    with pytest.raises(Locked):
        desk.handover.set_remarks(crew["leader"], record.id, "补充")
    with pytest.raises(Locked):
        desk.handover.submit(crew["officer"], record.id, password=PASSWORD)
    with pytest.raises(Conflict):
        desk.handover.accept(crew["officer2"], record.id, password=PASSWORD)
    with pytest.raises(Conflict):
        desk.handover.reject(crew["officer2"], record.id, password=PASSWORD, reason="x")


RAW_EDITS = [
    "UPDATE handovers SET remarks = 'x' WHERE id = :id",
    "UPDATE handovers SET status = 'draft', submitted_at = NULL WHERE id = :id",
    "DELETE FROM handovers WHERE id = :id",
    "UPDATE handover_values SET value = '99' WHERE handover_id = :id",
    "DELETE FROM handover_values WHERE handover_id = :id",
    "INSERT INTO handover_values (handover_id, item_id) VALUES (:id, 1)",
    "UPDATE handover_open_items SET title = 'x' WHERE handover_id = :id",
    "DELETE FROM handover_open_items WHERE handover_id = :id",
    "UPDATE handover_amendments SET reason = 'x' WHERE handover_id = :id",
    "DELETE FROM handover_amendments WHERE handover_id = :id",
    "UPDATE handover_template_items SET label = 'x'",
    "DELETE FROM handover_template_items",
    "UPDATE handover_templates SET name = 'x'",
    "DELETE FROM handover_templates",
]


def test_locked_records_cannot_change_through_raw_sql(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    desk.handover.add_open_item(crew["officer"], title="空调漏水待维修")
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    desk.handover.amend(
        crew["leader"], record.id, subject="机房温度", correction="应为 23℃", reason="抄错"
    )
    content = desk.handover.content(record.id)
    for sql in RAW_EDITS:
        with pytest.raises(sqlite3.IntegrityError):
            desk.db.execute(sql, {"id": record.id})
    assert desk.handover.content(record.id) == content
    assert verify_database(desk.db).ok


def test_a_submitted_record_is_frozen_until_taken_over_or_rejected(
    desk: Desk, crew_at_evening: dict[str, Person]
) -> None:
    crew = crew_at_evening
    record = start(desk, crew["officer"], crew["officer2"])
    desk.handover.set_values(crew["officer"], record.id, good_values(record))
    desk.handover.submit(crew["officer"], record.id, password=PASSWORD)
    with pytest.raises(Locked):
        desk.handover.set_value(crew["officer"], record.id, record.items[0].item.id, "no")
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute("UPDATE handovers SET remarks = 'x' WHERE id = ?", [record.id])
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "UPDATE handover_values SET value = 'no' WHERE handover_id = ?", [record.id]
        )


def test_verify_finds_a_one_byte_change_in_a_signed_record(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    assert verify_database(desk.db).ok
    temp = item_id(record, "机房温度")
    db = desk.db
    db.execute("DROP TRIGGER handover_values_frozen_update")
    db.execute(
        "UPDATE handover_values SET value = '23' WHERE handover_id = ? AND item_id = ?",
        [record.id, temp],
    )  # "22" -> "23": one byte
    problems = verify_database(db).problems
    signature_problems = [p for p in problems if p.check == "signatures"]
    assert {(p.table, p.row) for p in signature_problems} == {("handover", str(record.id))}
    assert any(f"handover 第 {record.id} 条记录在签名" in p.message for p in signature_problems)
    assert any(p.check == "records" and p.table == "handover_values" for p in problems)


def test_an_open_item_travels_through_three_handovers_until_resolved(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    a, b = crew["officer"], crew["officer2"]
    item = desk.handover.add_open_item(
        a, title="2 号 UPS 电池告警", detail="厂家已报修，待上门", incident_id=42
    )
    first = complete(desk, clock, a, b, day="2026-11-25", out_code="D", in_code="N")
    at(clock, "2026-11-25T21:50:00+00:00")
    second = complete(
        desk,
        clock,
        b,
        a,
        day="2026-11-25",
        out_code="N",
        in_code="D",
        boundary="2026-11-25T22:00:00+00:00",
    )
    at(clock, "2026-11-26T09:30:00+00:00")
    third = start(desk, a, b, day="2026-11-26", boundary="2026-11-26T10:00:00+00:00")
    desk.handover.set_values(a, third.id, good_values(third))
    resolved = desk.handover.resolve_open_item(b, item.id, resolution="厂家更换电池，告警消除")
    clock.advance(minutes=10)
    desk.handover.submit(a, third.id, password=PASSWORD)
    clock.advance(minutes=5)
    third = desk.handover.accept(b, third.id, password=PASSWORD)
    at(clock, "2026-11-26T21:50:00+00:00")
    fourth = complete(
        desk,
        clock,
        b,
        a,
        day="2026-11-26",
        out_code="N",
        in_code="D",
        boundary="2026-11-26T22:00:00+00:00",
    )
    carried = [
        [c for c in desk.handover.get(h.id).carried if c.open_item_id == item.id]
        for h in (first, second, third, fourth)
    ]
    assert [len(c) for c in carried] == [1, 1, 1, 0]
    assert [c[0].status for c in carried[:3]] == ["open", "open", "resolved"]
    assert carried[0][0].incident_id == 42
    ages = [c[0].age_minutes for c in carried[:3]]
    assert ages[0] < ages[1] < ages[2]
    assert carried[2][0].resolved_by_name == "王伟"
    assert carried[2][0].resolution == "厂家更换电池，告警消除"
    assert resolved.status == "resolved" and resolved.resolved_at == "2026-11-26T09:30:00+00:00"
    assert desk.handover.open_items() == []
    assert verify_database(desk.db).ok


def test_open_items_show_their_age_and_resolution_is_final(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    item = desk.handover.add_open_item(crew["officer"], title="打印机卡纸")
    later(clock, 27.5)
    assert desk.handover.open_items()[0].age_minutes == 27 * 60 + 30
    desk.handover.resolve_open_item(crew["leader"], item.id, resolution="已清理")
    with pytest.raises(Conflict):
        desk.handover.resolve_open_item(crew["leader"], item.id, resolution="再次")
    with pytest.raises(ValidationError):
        desk.handover.add_open_item(crew["officer"], title="  ")
    with pytest.raises(PermissionDenied):
        desk.handover.add_open_item(crew["auditor"], title="审计员不能写")


def test_reject_and_resubmit(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    a, b = crew["officer"], crew["officer2"]
    record = start(desk, a, b)
    desk.handover.set_values(a, record.id, good_values(record))
    temp = item_id(record, "机房温度")
    desk.handover.set_value(a, record.id, temp, "35")
    desk.handover.submit(a, record.id, password=PASSWORD)
    with pytest.raises(ValidationError, match="退回原因"):
        desk.handover.reject(b, record.id, password=PASSWORD, reason=" ")
    clock.advance(minutes=3)
    draft = desk.handover.reject(b, record.id, password=PASSWORD, reason="机房温度 35℃ 未说明处置")
    old = desk.handover.get(record.id)
    assert old.status == "rejected" and old.reject_reason == "机房温度 35℃ 未说明处置"
    assert old.rejected_by and old.rejected_by.name == "王伟"
    assert old.resubmitted_as == draft.id and draft.resubmission_of == record.id
    assert draft.status == "draft" and draft.started_at == old.started_at
    assert [v.value for v in draft.items] == [v.value for v in old.items]
    assert desk.handover.current_for(a) == draft
    desk.handover.set_value(a, draft.id, temp, "24", note="已开启备用空调")
    clock.advance(minutes=5)
    desk.handover.submit(a, draft.id, password=PASSWORD)
    final = desk.handover.accept(b, draft.id, password=PASSWORD)
    assert final.status == "locked"
    assert final.figures and final.figures.duration_seconds == 8 * 60
    # The rejected submission keeps its own valid outgoing signature.
    assert old.signature("handover_out") and old.signature("handover_in") is None
    assert verify_database(desk.db).ok
    assert [h.status for h in desk.handover.history()] == ["locked", "rejected"]


def test_a_template_change_leaves_past_records_intact(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    before_hash = desk.handover.content_hash(record.id)
    template = desk.handover.templates.get(record.template_id)
    sections = sections_of(template)
    sections[0] = SectionSpec(
        "值班记录与事件（修订）",
        (*sections[0].items[1:], ItemSpec("新增：交接录音已存档", "check", mandatory=True)),
    )
    with pytest.raises(PermissionDenied):
        desk.handover.templates.save(
            crew["leader"], name="新版", shift_code=None, sections=sections
        )
    # The day shift type's own template gets the new version.
    assert template.shift_code == "D"
    new = desk.handover.templates.save(
        crew["admin"], name="通用检查表 第二版", shift_code="D", sections=sections
    )
    assert new.version == 2 and new.id != template.id
    assert desk.handover.templates.get(template.id).status == "superseded"
    past = desk.handover.get(record.id)
    assert past.template_version == 1 and past.template_name == template.name
    assert "新增：交接录音已存档" not in [v.item.label for v in past.items]
    assert desk.handover.content_hash(record.id) == before_hash
    at(clock, "2026-11-25T21:50:00+00:00")
    nxt = start(
        desk,
        crew["officer"],
        crew["officer2"],
        day="2026-11-26",
        boundary="2026-11-26T10:00:00+00:00",
    )
    assert nxt.template_version == 2
    assert "新增：交接录音已存档" in [v.item.label for v in nxt.items]
    assert verify_database(desk.db).ok


def test_template_validation_names_the_bad_item(desk: Desk, crew: dict[str, Person]) -> None:
    ensure_shift_types(desk)
    bad = [SectionSpec("设备", (ItemSpec("温度", "number", normal_min=30, normal_max=10),))]
    with pytest.raises(ValidationError, match="「设备」第 1 项「温度」：正常范围下限"):
        desk.handover.templates.save(crew["admin"], name="x", shift_code="D", sections=bad)
    bad = [SectionSpec("设备", (ItemSpec("状态", "choice", choices=("正常",)),))]
    with pytest.raises(ValidationError, match="至少需要两个"):
        desk.handover.templates.save(crew["admin"], name="x", shift_code="D", sections=bad)
    assert desk.handover.templates.current("D") is None


def test_only_the_two_officers_or_a_leader_on_their_behalf_can_sign(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    a, b, leader = crew["officer"], crew["officer2"], crew["leader"]
    record = start(desk, a, b)
    desk.handover.set_values(a, record.id, good_values(record))
    for signer in (b, leader, crew["auditor"], crew["admin"]):
        with pytest.raises(PermissionDenied):
            desk.handover.submit(signer, record.id, password=PASSWORD)
    with pytest.raises(PermissionDenied):  # an officer cannot sign on behalf
        desk.handover.submit(b, record.id, password=PASSWORD, on_behalf_of=a)
    with pytest.raises(PermissionDenied):  # on behalf of the wrong person
        desk.handover.submit(leader, record.id, password=PASSWORD, on_behalf_of=b)
    with pytest.raises(AuthenticationFailed):
        desk.handover.submit(a, record.id, password="wrong-password")
    assert desk.handover.get(record.id).status == "draft"
    desk.handover.submit(leader, record.id, password=PASSWORD, on_behalf_of=a)
    with pytest.raises(PermissionDenied):
        desk.handover.accept(a, record.id, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        desk.handover.accept(leader, record.id, password=PASSWORD)
    locked = desk.handover.accept(b, record.id, password=PASSWORD)
    out = locked.signature("handover_out")
    assert out and out.person.id == leader.id and out.on_behalf_of
    assert out.on_behalf_of.id == a.id
    row = desk.db.execute(
        "SELECT person_id, on_behalf_of FROM signatures WHERE meaning = 'handover_out'"
    ).fetchone()
    assert row == (leader.id, a.id)


def test_amendments_are_kept_beside_the_unchanged_record(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    record = complete(desk, clock, crew["officer"], crew["officer2"])
    content = desk.handover.content(record.id)
    draft = start(
        desk,
        crew["officer2"],
        crew["officer"],
        out_code="N",
        in_code="D",
        boundary="2026-11-25T22:00:00+00:00",
    )
    with pytest.raises(Conflict):
        desk.handover.amend(crew["leader"], draft.id, subject="s", correction="c", reason="r")
    with pytest.raises(PermissionDenied):
        desk.handover.amend(crew["auditor"], record.id, subject="s", correction="c", reason="r")
    with pytest.raises(ValidationError, match="更正原因不能为空"):
        desk.handover.amend(crew["officer"], record.id, subject="s", correction="c", reason="")
    clock.advance(hours=2)
    amendment = desk.handover.amend(
        crew["officer"],
        record.id,
        subject="本班接报电话数",
        correction="应为 41 个",
        reason="漏计两通",
    )
    assert amendment.author.name == "李丽" and amendment.created_at == "2026-11-25T12:00:00+00:00"
    after = desk.handover.get(record.id)
    assert after.amendments == (amendment,)
    assert desk.handover.content(record.id) == content
    assert verify_database(desk.db).ok


def test_the_incident_summary_is_frozen_into_the_signed_content(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    seen: list[tuple[datetime, datetime]] = []

    def provider(start_at: datetime, end_at: datetime) -> IncidentSummary:
        seen.append((start_at, end_at))
        return IncidentSummary(
            by_status={"open": 1, "closed": 3},
            by_severity={"一般": 3, "较大": 1},
            open_incidents=[(7, "化工园区异味投诉", "较大", "open", "2026-11-25T03:10:00+00:00")],
        )

    ensure_shift_types(desk)
    desk.handover.incident_summary_provider = provider
    desk.handover.process_version_provider = lambda moment: f"v-{moment.hour}"
    desk.handover.shift_window_provider = lambda day, code: (
        datetime(2026, 11, 24, 22, tzinfo=UTC),
        datetime(2026, 11, 25, 10, tzinfo=UTC),
    )
    record = desk.handover.start(
        crew["officer"],
        shift_date="2026-11-25",
        outgoing_shift_code="D",
        incoming_shift_code="N",
        incoming_person_id=crew["officer2"].id,
    )
    assert record.shift_boundary_at == "2026-11-25T10:00:00+00:00"
    assert record.period_start_at == "2026-11-24T22:00:00+00:00"
    assert seen == [
        (datetime(2026, 11, 24, 22, tzinfo=UTC), datetime(2026, 11, 25, 10, tzinfo=UTC))
    ]
    assert record.incident_summary.total == 4
    assert record.process_version == "v-10"  # asked at the shift boundary
    assert record.incident_summary.open_incidents[0].title == "化工园区异味投诉"
    content = desk.handover.content(record.id)
    assert content["incident_summary"]["by_severity"] == {"一般": 3, "较大": 1}
    assert content["incident_summary"]["open_incidents"][0]["id"] == 7


def test_one_live_handover_per_shift_and_sane_inputs(
    desk: Desk, crew_at_evening: dict[str, Person]
) -> None:
    crew = crew_at_evening
    start(desk, crew["officer"], crew["officer2"])
    with pytest.raises(Conflict):
        start(desk, crew["officer"], crew["officer2"])
    with pytest.raises(ValidationError, match="同一人"):
        start(desk, crew["officer"], crew["officer"], day="2026-11-26")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        start(desk, crew["officer"], crew["officer2"], day="26.11.2026")
    with pytest.raises(ValidationError, match="时区"):
        start(
            desk,
            crew["officer"],
            crew["officer2"],
            day="2026-11-27",
            boundary="2026-11-27T10:00:00",
        )
    # Without a boundary, the end of the roster's shift is the handover time.
    made = desk.handover.start(
        crew["officer"],
        shift_date="2026-11-28",
        outgoing_shift_code="D",
        incoming_shift_code="N",
        incoming_person_id=crew["officer2"].id,
    )
    assert made.shift_boundary_at == to_iso(desk.roster.shift_window("2026-11-28", "D")[1])
    with pytest.raises(PermissionDenied):  # someone else's handover, not a leader
        desk.handover.start(
            crew["officer2"],
            shift_date="2026-11-29",
            outgoing_shift_code="D",
            incoming_shift_code="N",
            incoming_person_id=crew["leader"].id,
            outgoing_person_id=crew["officer"].id,
            shift_boundary_at="2026-11-29T10:00:00+00:00",
        )
    with pytest.raises(PermissionDenied):
        start(desk, crew["auditor"], crew["officer2"], day="2026-11-30")


def test_history_filters(
    desk: Desk, crew_at_evening: dict[str, Person], clock: ManualClock
) -> None:
    crew = crew_at_evening
    complete(desk, clock, crew["officer"], crew["officer2"])
    at(clock, "2026-11-25T21:50:00+00:00")
    draft = start(
        desk,
        crew["officer2"],
        crew["leader"],
        out_code="N",
        in_code="D",
        boundary="2026-11-25T22:00:00+00:00",
    )
    assert desk.handover.count() == 2
    assert [h.id for h in desk.handover.history(status="draft")] == [draft.id]
    assert desk.handover.count(person_id=crew["leader"].id) == 1
    assert desk.handover.count(date_from="2026-11-26") == 0
    assert desk.handover.count(shift_code="N") == 2
    assert [h.status for h in desk.handover.pending()] == ["draft"]
    assert desk.handover.current_for(crew["officer2"]) == desk.handover.get(draft.id)
    assert desk.handover.current_for(crew["officer"]) is None
