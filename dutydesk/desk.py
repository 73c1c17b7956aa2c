"""``Desk``: the one entry object over a DutyDesk database, holding every service."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database

from dutydesk.argcheck import check_arguments
from dutydesk.clock import Clock, to_iso, utc_now
from dutydesk.connections import connect
from dutydesk.errors import Conflict
from dutydesk.handover.open_items import OpenItemsMixin
from dutydesk.handover.service import HandoverService
from dutydesk.handover.signoff import SignOffMixin
from dutydesk.handover.templates import TemplateService
from dutydesk.improvement.actions import ActionsMixin
from dutydesk.improvement.analysis import ImprovementAnalysis
from dutydesk.improvement.communication import CommunicationService, TodoItem
from dutydesk.improvement.cycles import CycleService
from dutydesk.improvement.feedback import FeedbackService
from dutydesk.improvement.meetings import MeetingService
from dutydesk.improvement.problems import ImprovementService
from dutydesk.incidents.query import IncidentQueries
from dutydesk.incidents.reference import ReferenceData
from dutydesk.incidents.service import IncidentService
from dutydesk.kpi.engine import KpiService
from dutydesk.people.auth import ADMIN, PeopleService, Person
from dutydesk.process.service import ProcessService
from dutydesk.roster.assignments import RosterAssignments
from dutydesk.roster.changes import LeaveService, SwapService
from dutydesk.roster.generation import RosterGeneration
from dutydesk.roster.holidays import CalendarService
from dutydesk.roster.qualifications import QualificationService
from dutydesk.roster.service import RosterService
from dutydesk.roster.setup import RosterSetup
from dutydesk.store import db as storage
from dutydesk.store.paths import backups_dir_for
from dutydesk.store.settings import SettingsService
from dutydesk.training.assessments import AssessmentService
from dutydesk.training.interviews import InterviewService
from dutydesk.training.materials import MaterialService
from dutydesk.training.plan_resources import PlanResourceService
from dutydesk.training.plans import PlanService
from dutydesk.training.questionnaires import QuestionnaireService
from dutydesk.training.service import TrainingService

# Arguments of the wrong type are refused by name before any service method runs.
for _service in (
    HandoverService,
    SignOffMixin,
    OpenItemsMixin,
    TemplateService,
    TrainingService,
    QuestionnaireService,
    AssessmentService,
    PlanService,
    ProcessService,
    IncidentService,
    IncidentQueries,
    ReferenceData,
    RosterService,
    RosterGeneration,
    RosterAssignments,
    RosterSetup,
    CalendarService,
    QualificationService,
    LeaveService,
    SwapService,
    KpiService,
    SettingsService,
    CycleService,
    ActionsMixin,
    ImprovementService,
    FeedbackService,
    MeetingService,
    ImprovementAnalysis,
    PeopleService,
    InterviewService,
    PlanResourceService,
    CommunicationService,
    MaterialService,
):
    check_arguments(_service)


class Desk:
    """A database plus the clock its records are stamped with.

    Attributes: ``db`` (sqlite-utils Database), ``path``, ``clock``, and the services
    ``people`` and ``settings``; later features add theirs here.
    """

    def __init__(self, db: Database, *, path: Path | None = None, clock: Clock = utc_now) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.people = PeopleService(self)
        self.settings = SettingsService(self)
        self.roster = RosterService(self)
        self.incidents = IncidentService(self)
        self.handover = HandoverService(self)
        self.feedback = FeedbackService(self)
        self.improvement = ImprovementService(self)
        self.cycles = CycleService(self)
        self.meetings = MeetingService(self)
        self.communication = CommunicationService(self)
        self.improvement_analysis = ImprovementAnalysis(self)
        self.training = TrainingService(self)
        self.process = ProcessService(self)
        self.kpi = KpiService(self)
        connect(self)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, clock: Clock = utc_now) -> Desk:
        path = Path(path)
        return cls(storage.open_database(path, create=create), path=path, clock=clock)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now_iso(self) -> str:
        return to_iso(self.clock())

    def todo(self, person: Person, today: date | None = None) -> list[TodoItem]:
        """The 待办 list of ``person`` for ``today`` (the site's today by default)."""
        from dutydesk.clock import site_today

        return self.communication.todo(person, today or site_today(self))

    @property
    def is_initialised(self) -> bool:
        return self.people.count() > 0

    def initialise(
        self,
        *,
        site_name: str,
        admin_name: str,
        admin_employee_no: str,
        admin_password: str,
        site_timezone: str | None = None,
    ) -> Person:
        """First run: name the site and create the first administrator, in one transaction."""
        if self.is_initialised:
            raise Conflict("该数据库已完成初始化", en="This database is already set up")
        with self.db.atomic():
            self.settings.set(None, "site_name", site_name)
            if site_timezone is not None:
                self.settings.set(None, "site_timezone", site_timezone)
            return self.people.add(
                None,
                name=admin_name,
                employee_no=admin_employee_no,
                roles=[ADMIN],
                password=admin_password,
            )

    def automatic_backup(self) -> Path | None:
        """At start and at most daily: a rotating backup beside the database file."""
        if self.path is None:
            return None
        return storage.rotating_backup(
            self.db,
            backups_dir_for(self.path),
            stem=self.path.stem,
            now=self.clock(),
            keep=self.settings.get_int("backup_keep"),
        )
