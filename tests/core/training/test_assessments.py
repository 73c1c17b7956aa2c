"""The needs analysis: figures from other features, the needs list, signing and locking."""

from __future__ import annotations

import sqlite3

import pytest

from dutydesk.errors import Conflict, Locked, PermissionDenied
from dutydesk.store.verify import verify_database
from dutydesk.training.assessments import NeedSpec
from tests.conftest import PASSWORD


@pytest.fixture
def assessment(desk, crew, survey):  # type: ignore[no-untyped-def]
    return desk.training.assessments.create(
        crew["leader"],
        title="2026 年第四季度值班现状评估",
        questionnaire_id=survey.id,
        period_start="2026-09-01",
        period_end="2026-11-30",
        needs=[NeedSpec("交接班时间过长", "high", "推行交接清单")],
    )


def test_without_records_or_provider_every_figure_is_unavailable_never_zero(
    desk, assessment
) -> None:
    service = desk.training.assessments
    # The default provider asks the KPI engine; an empty database has nothing to measure.
    assert all(f.value is None for f in service.figures(assessment))
    service.figures_provider = None
    assert all(f.value is None for f in service.figures(assessment))


def test_a_provider_is_asked_for_the_assessment_period(desk, assessment) -> None:
    service = desk.training.assessments
    seen = []

    def provider(start, end):  # type: ignore[no-untyped-def]
        seen.append((start.isoformat(), end.isoformat()))
        return {"incidents_per_day": 3.5, "handover_minutes": 0.0}

    service.figures_provider = provider
    figures = {f.key: f.value for f in service.figures(assessment)}
    assert seen == [("2026-09-01", "2026-11-30")]
    assert figures["incidents_per_day"] == 3.5 and figures["handover_minutes"] == 0.0
    assert figures["record_completeness"] is None


def test_the_author_signs_and_the_assessment_locks(desk, crew, survey, assessment) -> None:
    service = desk.training.assessments
    with pytest.raises(Conflict, match="结束所引用问卷"):
        service.sign(crew["leader"], assessment.id, password=PASSWORD)
    desk.training.questionnaires.set_status(crew["leader"], survey.id, "closed")
    with pytest.raises(PermissionDenied, match="只有作者"):
        service.sign(crew["admin"], assessment.id, password=PASSWORD)
    signed = service.sign(crew["leader"], assessment.id, password=PASSWORD, meaning="approve")
    assert signed.locked and signed.signatures[0].name == "张强"
    assert signed.signatures[0].meaning == "approve"
    with pytest.raises(Locked):
        service.update(
            crew["leader"],
            assessment.id,
            title="改",
            period_start="2026-09-01",
            period_end="2026-11-30",
        )
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        desk.db.execute(
            "UPDATE assessment_needs SET need = '改' WHERE assessment_id = ?", [assessment.id]
        )
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        desk.db.execute("UPDATE assessments SET summary = '改' WHERE id = ?", [assessment.id])
    assert verify_database(desk.db).ok


def test_the_needs_list_is_edited_before_signing(desk, crew, assessment) -> None:
    service = desk.training.assessments
    changed = service.update(
        crew["leader"],
        assessment.id,
        title=assessment.title,
        period_start="2026-09-01",
        period_end="2026-11-30",
        questionnaire_id=assessment.questionnaire_id,
        summary="总体良好",
        needs=[NeedSpec("夜班人手不足", "medium"), NeedSpec("缺少演练", "high")],
    )
    assert [n.need for n in changed.needs] == ["夜班人手不足", "缺少演练"]
    assert changed.summary == "总体良好"
    assert verify_database(desk.db).ok


def test_a_signed_assessment_keeps_the_figures_it_was_signed_with(
    desk, crew, survey, assessment
) -> None:
    service = desk.training.assessments
    service.figures_provider = lambda start, end: {"incidents_per_day": 2.0}
    desk.training.questionnaires.set_status(crew["leader"], survey.id, "closed")
    signed = service.sign(crew["leader"], assessment.id, password=PASSWORD, meaning="review")
    service.figures_provider = lambda start, end: {"incidents_per_day": 9.0}
    figures = {f.key: f.value for f in service.figures(signed)}
    assert figures["incidents_per_day"] == 2.0 and figures["handover_minutes"] is None
    draft = service.create(
        crew["leader"], title="草稿", period_start="2026-10-01", period_end="2026-10-31"
    )
    assert {f.key: f.value for f in service.figures(draft)}["incidents_per_day"] == 9.0
    assert verify_database(desk.db).ok
