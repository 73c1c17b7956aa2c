"""The process definition: validation, drafts, approval, locking, diff, version in force."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.errors import (
    AuthenticationFailed,
    Conflict,
    PermissionDenied,
    ValidationError,
)
from dutydesk.people.auth import Person
from dutydesk.process.model import (
    find_cycle,
    insert_step,
    move_step,
    remove_step,
    replace_step,
    steps_for_role,
    to_data,
)
from dutydesk.process.service import (
    Edge,
    ProcessInvalid,
    Stage,
    Step,
    check,
    default_definition,
    diff,
    kpi_definitions,
    parse_definition,
    parse_json,
    version_in_force,
)
from dutydesk.store import audit
from dutydesk.store.verify import verify_database
from tests.conftest import PASSWORD


def _raw() -> dict:
    return to_data(default_definition())


def _messages(raw: dict) -> str:
    with pytest.raises(ProcessInvalid) as caught:
        parse_definition(raw)
    return str(caught.value) + " | " + caught.value.message_en


def test_the_default_definition_covers_the_four_stages_with_roles() -> None:
    definition = default_definition()
    assert [s.name for s in definition.stages] == ["值班安排", "交接班", "问题处理", "报告生成"]
    assert check(definition) == []
    assert {step.role for _stage, step in definition.steps()} == {"officer", "leader", "admin"}
    assert any(step.is_decision for _stage, step in definition.steps())
    assert all(len(stage.steps) >= 5 for stage in definition.stages)


def test_the_definition_round_trips_through_its_json_document() -> None:
    definition = default_definition()
    assert parse_definition(to_data(definition)) == definition


def test_a_step_without_a_role_is_rejected_with_where_and_what() -> None:
    raw = _raw()
    raw["stages"][1]["steps"][0]["role"] = ""
    text = _messages(raw)
    assert "交接班 / H1" in text and "没有指定责任角色" in text
    assert "no responsible role" in text


def test_an_unknown_role_and_unknown_fields_are_named() -> None:
    raw = _raw()
    raw["stages"][0]["steps"][0]["role"] = "auditor"
    raw["stages"][0]["steps"][1]["colour"] = "red"
    text = _messages(raw)
    assert "责任角色 auditor 无效" in text
    assert "steps[2].colour：未知的项" in text


def test_an_edge_to_a_missing_step_is_rejected() -> None:
    raw = _raw()
    raw["stages"][1]["steps"][2]["next"][0]["to"] = "H99"
    text = _messages(raw)
    assert "不存在的步骤 H99" in text


def test_an_unmarked_back_edge_is_a_cycle_and_is_rejected() -> None:
    raw = _raw()
    # 交接班 H5 jumps back to H2: a cycle that no decision controls.
    raw["stages"][1]["steps"][4]["next"] = [{"to": "H2"}]
    text = _messages(raw)
    assert "流程出现循环" in text and "H2 → " in text


def test_a_loop_is_allowed_only_from_a_decision_with_a_way_out() -> None:
    raw = _raw()
    raw["stages"][1]["steps"][4]["next"] = [{"to": "H2", "loop": True}]
    assert "只有判断步骤可以设置返回" in _messages(raw)
    raw = _raw()
    raw["stages"][0]["steps"][2]["next"] = [
        {"to": "S2", "label": "a", "loop": True},
        {"to": "S1", "label": "b", "loop": True},
    ]
    assert "只有返回去向" in _messages(raw)


def test_find_cycle_reports_the_steps_in_order() -> None:
    stage = Stage(
        "s",
        "阶段",
        steps=(
            Step("A", "甲", "officer"),
            Step("B", "乙", "officer", next=(Edge("C"),)),
            Step("C", "丙", "officer", next=(Edge("A"),)),
        ),
    )
    assert find_cycle(stage) == ["A", "B", "C", "A"]


def test_an_empty_stage_and_a_thin_decision_are_rejected() -> None:
    raw = _raw()
    raw["stages"][2]["steps"] = []
    raw["stages"][3]["steps"][2]["next"] = [{"to": "R4", "label": "是"}]
    text = _messages(raw)
    assert "问题处理：阶段中没有任何步骤" in text
    assert "判断步骤至少需要两个去向" in text


def test_an_unreachable_step_is_rejected() -> None:
    raw = _raw()
    raw["stages"][0]["steps"][0]["next"] = [{"to": "END"}]
    assert "无法到达该步骤" in _messages(raw)


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_json('{"title": "x",\n "stages": [}')
    assert "第 2 行" in str(caught.value)


def test_edits_move_insert_rename_and_guard_removal() -> None:
    definition = default_definition()
    renamed = replace_step(definition, "H4", replace(definition.step("H4"), key="H4b"))
    assert any(e.to == "H4b" for e in renamed.step("H3").next)
    assert check(renamed) == []
    with pytest.raises(ValidationError, match="仍被 H3 的流转引用"):
        remove_step(definition, "H4")
    added = insert_step(definition, "handover", Step("H8", "归档", "leader"), after="H7")
    assert [s.key for s in added.stage("handover").steps][-1] == "H8"
    moved = move_step(definition, "S6", -1)
    assert [s.key for s in moved.stage("schedule").steps][-2:] == ["S6", "S5"]


def test_diff_lists_added_removed_and_changed_fields() -> None:
    old = default_definition()
    new = replace_step(old, "H1", replace(old.step("H1"), time_limit="交班前30分钟"))
    new = insert_step(new, "handover", Step("H8", "资料归档", "leader"))
    new = remove_step(new, "S6")
    result = diff(old, new)
    changes = {(i.key, i.change) for i in result.items}
    assert changes == {("H1", "changed"), ("H8", "added"), ("S6", "removed")}
    h1 = next(i for i in result.items if i.key == "H1")
    assert h1.fields[0].field == "time_limit" and h1.fields[0].new == "交班前30分钟"
    assert any("时限 交班前15分钟 → 交班前30分钟" in line for line in result.lines())
    assert diff(old, old).empty


def test_steps_for_role_lists_responsible_and_supporting_steps() -> None:
    found = steps_for_role(default_definition(), "officer")
    assert ("P1", True) in [(s.key, r) for _st, s, r in found]
    assert ("S1", False) in [(s.key, r) for _st, s, r in found]


def test_the_manual_uses_the_kpi_engines_definitions() -> None:
    kpis = kpi_definitions()
    assert len(kpis) >= 5
    assert any(k.name_zh == "响应时间中位数" for k in kpis)


# ------------------------------------------------------------------ versions


@pytest.fixture
def published(desk: Desk, admin: Person) -> Desk:
    desk.process.install_default(admin, password=PASSWORD)
    return desk


def test_install_default_publishes_version_one_with_an_approval_signature(
    published: Desk, admin: Person
) -> None:
    version = published.process.get(1)
    assert version.status == "published" and version.approved_by == admin.id
    assert version.approval is not None and version.approval.meaning == "approve"
    assert verify_database(published.db).ok


def test_publishing_needs_an_admin_and_the_right_password(
    desk: Desk, crew: dict[str, Person]
) -> None:
    desk.process.load_default(crew["leader"])
    with pytest.raises(PermissionDenied):
        desk.process.publish(crew["leader"], password=PASSWORD)
    with pytest.raises(AuthenticationFailed):
        desk.process.publish(crew["admin"], password="wrong-password")
    draft = desk.process.draft()
    assert draft is not None and draft.status == "draft"
    assert desk.db.execute("SELECT count(*) FROM signatures").fetchone()[0] == 0


def test_publishing_without_approval_is_refused_by_the_schema(desk: Desk, admin: Person) -> None:
    desk.process.load_default(admin)
    with pytest.raises(sqlite3.IntegrityError, match="approval signature"):
        desk.db.execute(
            "UPDATE process_versions SET status = 'published', locked = 1,"
            " published_at = updated_at, approved_by = ? WHERE id = 1",
            [admin.id],
        )


def test_a_published_version_is_locked_against_raw_sql(published: Desk) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        published.db.execute("UPDATE process_versions SET title = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        published.db.execute("DELETE FROM process_versions WHERE id = 1")


def test_a_new_draft_copies_the_published_version_and_keeps_it_readable(
    published: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    leader, admin = crew["leader"], crew["admin"]
    clock.advance(days=3)
    draft = published.process.start_draft(leader)
    assert draft.number == 2 and draft.based_on == 1
    with pytest.raises(Conflict):
        published.process.start_draft(leader)
    definition = draft.definition
    definition = replace_step(
        definition, "P1", replace(definition.step("P1"), time_limit="接报后3分钟内")
    )
    published.process.save_draft(leader, definition, change_note="缩短登记时限")
    clock.advance(hours=1)
    version = published.process.publish(admin, password=PASSWORD)
    assert version.number == 2
    assert published.process.get(1).definition.step("P1").time_limit == "接报后5分钟内"
    lines = published.process.diff(1, 2).lines()
    assert lines == ["修改步骤 P1 接报并登记事件：时限 接报后5分钟内 → 接报后3分钟内"]
    assert verify_database(published.db).ok


def test_an_invalid_draft_saves_nothing(published: Desk, admin: Person) -> None:
    draft = published.process.start_draft(admin)
    bad = replace_step(draft.definition, "H2", replace(draft.definition.step("H2"), role=""))
    before = audit.head(published.db)
    with pytest.raises(ProcessInvalid):
        published.process.save_draft(admin, bad)
    assert audit.head(published.db) == before
    assert published.process.draft().definition == draft.definition  # type: ignore[union-attr]


def test_publishing_needs_a_change_note(published: Desk, admin: Person) -> None:
    published.process.start_draft(admin)
    with pytest.raises(ValidationError, match="修订说明"):
        published.process.publish(admin, password=PASSWORD)


def test_auditors_and_officers_cannot_edit(published: Desk, crew: dict[str, Person]) -> None:
    for who in ("auditor", "officer"):
        with pytest.raises(PermissionDenied):
            published.process.start_draft(crew[who])


def test_version_in_force_follows_publication_times(
    published: Desk, admin: Person, clock: ManualClock
) -> None:
    first_published = published.process.get(1).published_at
    assert first_published is not None
    assert version_in_force(published.db, "2020-01-01T00:00:00+00:00") is None
    assert version_in_force(published.db, first_published) == 1
    clock.advance(days=10)
    published.process.start_draft(admin)
    published.process.publish(admin, password=PASSWORD, change_note="复核")
    assert published.process.version_in_force() == 2
    assert published.process.version_text_in_force(clock()) == "2"
    # A time in another offset is normalised before comparing.
    assert version_in_force(published.db, "2026-11-26T08:00:00+08:00") == 1


def test_discarding_a_draft_keeps_the_audit_trail_consistent(
    published: Desk, admin: Person
) -> None:
    published.process.start_draft(admin)
    published.process.discard_draft(admin)
    assert published.process.draft() is None
    assert verify_database(published.db).ok


def test_a_changed_approved_definition_is_found_by_verify(published: Desk) -> None:
    published.db.execute("DROP TRIGGER process_versions_locked_update")
    published.db.execute(
        "UPDATE process_versions SET definition_json = replace(definition_json, '值班长', '班长')"
    )
    report = verify_database(published.db)
    assert {p.check for p in report.problems} >= {"records", "signatures"}
