"""The data behind the training printouts: 培训签到表 (attendance sheet of a session),
a person's 培训档案 (training record) and a blank questionnaire for paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dutydesk.clock import site_today
from dutydesk.roster.qualifications import Qualification
from dutydesk.training.questionnaires import Questionnaire
from dutydesk.training.service import TrainingRecord, TrainingSession

if TYPE_CHECKING:
    from dutydesk.training.context import TrainingContext


@dataclass(frozen=True)
class AttendanceSheetData:
    site_name: str
    session: TrainingSession
    course_content: str
    employee_nos: dict[int, str]
    teams: dict[int, str]


@dataclass(frozen=True)
class TrainingRecordData:
    site_name: str
    today: date
    record: TrainingRecord
    qualifications: tuple[Qualification, ...]


@dataclass(frozen=True)
class QuestionnaireFormData:
    site_name: str
    questionnaire: Questionnaire


def attendance_sheet(desk: TrainingContext, session_id: int) -> AttendanceSheetData:
    session = desk.training.session(session_id)
    course = desk.training.course(session.course_id)
    people = {a.person_id: desk.people.get(a.person_id) for a in session.attendees}
    return AttendanceSheetData(
        site_name=desk.settings.get("site_name"),
        session=session,
        course_content=course.content,
        employee_nos={k: p.employee_no for k, p in people.items()},
        teams={k: p.team for k, p in people.items()},
    )


def training_record(desk: TrainingContext, employee_no: str) -> TrainingRecordData:
    person = desk.people.by_employee_no(employee_no)
    return TrainingRecordData(
        site_name=desk.settings.get("site_name"),
        today=site_today(desk),
        record=desk.training.record(person.id),
        qualifications=tuple(desk.training.qualifications.list(person_id=person.id)),
    )


def questionnaire_form(desk: TrainingContext, questionnaire_id: int) -> QuestionnaireFormData:
    return QuestionnaireFormData(
        site_name=desk.settings.get("site_name"),
        questionnaire=desk.training.questionnaires.get(questionnaire_id),
    )
