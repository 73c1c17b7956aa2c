"""``Desk``: the one entry object over a DutyDesk database, holding every service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from dutydesk.argcheck import check_arguments
from dutydesk.clock import Clock, to_iso, utc_now
from dutydesk.connections import HOOKS
from dutydesk.errors import Conflict
from dutydesk.people.auth import ADMIN, PeopleService, Person
from dutydesk.store import audit
from dutydesk.store import db as storage
from dutydesk.store.paths import backups_dir_for
from dutydesk.store.settings import SettingsService

if TYPE_CHECKING:
    from dutydesk.handover.service import HandoverService
    from dutydesk.improvement.analysis import ImprovementAnalysis
    from dutydesk.improvement.communication import CommunicationService, TodoItem
    from dutydesk.improvement.cycles import CycleService
    from dutydesk.improvement.feedback import FeedbackService
    from dutydesk.improvement.meetings import MeetingService
    from dutydesk.improvement.problems import ImprovementService
    from dutydesk.incidents.service import IncidentService
    from dutydesk.kpi.engine import KpiService
    from dutydesk.process.service import ProcessService
    from dutydesk.roster.service import RosterService
    from dutydesk.training.service import TrainingService

# Every area's service, with the classes whose public methods refuse arguments of the
# wrong type by name (argcheck) before they run: "attribute": ("module", "Class", checked).
# A service's module is imported, and its classes checked, the first time a Desk uses it:
# start-up imports only what the first screen needs.
SERVICES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "people": ("dutydesk.people.auth", "PeopleService", ()),
    "settings": ("dutydesk.store.settings", "SettingsService", ()),
    "roster": (
        "dutydesk.roster.service",
        "RosterService",
        (
            "dutydesk.roster.generation:RosterGeneration",
            "dutydesk.roster.assignments:RosterAssignments",
            "dutydesk.roster.setup:RosterSetup",
            "dutydesk.roster.holidays:CalendarService",
            "dutydesk.roster.qualifications:QualificationService",
            "dutydesk.roster.changes:LeaveService",
            "dutydesk.roster.changes:SwapService",
        ),
    ),
    "incidents": (
        "dutydesk.incidents.service",
        "IncidentService",
        ("dutydesk.incidents.query:IncidentQueries", "dutydesk.incidents.reference:ReferenceData"),
    ),
    "handover": (
        "dutydesk.handover.service",
        "HandoverService",
        (
            "dutydesk.handover.signoff:SignOffMixin",
            "dutydesk.handover.open_items:OpenItemsMixin",
            "dutydesk.handover.templates:TemplateService",
        ),
    ),
    "feedback": ("dutydesk.improvement.feedback", "FeedbackService", ()),
    "improvement": (
        "dutydesk.improvement.problems",
        "ImprovementService",
        ("dutydesk.improvement.actions:ActionsMixin",),
    ),
    "cycles": ("dutydesk.improvement.cycles", "CycleService", ()),
    "meetings": ("dutydesk.improvement.meetings", "MeetingService", ()),
    "communication": ("dutydesk.improvement.communication", "CommunicationService", ()),
    "improvement_analysis": ("dutydesk.improvement.analysis", "ImprovementAnalysis", ()),
    "training": (
        "dutydesk.training.service",
        "TrainingService",
        (
            "dutydesk.training.questionnaires:QuestionnaireService",
            "dutydesk.training.assessments:AssessmentService",
            "dutydesk.training.plans:PlanService",
            "dutydesk.training.interviews:InterviewService",
            "dutydesk.training.plan_resources:PlanResourceService",
            "dutydesk.training.materials:MaterialService",
            "dutydesk.roster.qualifications:QualificationService",
        ),
    ),
    "process": ("dutydesk.process.service", "ProcessService", ()),
    "kpi": ("dutydesk.kpi.engine", "KpiService", ()),
}

check_arguments(PeopleService)
check_arguments(SettingsService)


def service_class(area: str) -> type:
    """The service class of ``area`` (``SERVICES``), imported and argument-checked."""
    import importlib

    module, name, checked = SERVICES[area]
    cls: type = getattr(importlib.import_module(module), name)
    check_arguments(cls)
    for entry in checked:
        other_module, _, other = entry.partition(":")
        check_arguments(getattr(importlib.import_module(other_module), other))
    return cls


def import_every_area() -> None:
    """Import every service module now (each area registers its permissions on import)."""
    for area in SERVICES:
        service_class(area)


# Verify, or a permission nobody has declared yet, asks for every area (store.audit).
audit.add_area_loader(import_every_area)


class Desk:
    """A database plus the clock its records are stamped with.

    Attributes: ``db`` (sqlite-utils Database), ``path``, ``clock``, and one service per
    area (``SERVICES``): ``people``, ``settings``, ``roster``, ``incidents``, ``handover``,
    ``feedback``, ``improvement``, ``cycles``, ``meetings``, ``communication``,
    ``improvement_analysis``, ``training``, ``process``, ``kpi``. Each service is built
    (and its module imported) the first time it is used, then kept; its hooks to other
    areas are joined then (``connections.HOOKS``).
    """

    def __init__(self, db: Database, *, path: Path | None = None, clock: Clock = utc_now) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.people = PeopleService(self)
        self.settings = SettingsService(self)

    def _service(self, area: str) -> Any:
        service = service_class(area)(self)
        hook: Callable[[Desk, Any], None] | None = HOOKS.get(area)
        if hook is not None:
            hook(self, service)
        return service

    @cached_property
    def roster(self) -> RosterService:
        return self._service("roster")  # type: ignore[no-any-return]

    @cached_property
    def incidents(self) -> IncidentService:
        return self._service("incidents")  # type: ignore[no-any-return]

    @cached_property
    def handover(self) -> HandoverService:
        return self._service("handover")  # type: ignore[no-any-return]

    @cached_property
    def feedback(self) -> FeedbackService:
        return self._service("feedback")  # type: ignore[no-any-return]

    @cached_property
    def improvement(self) -> ImprovementService:
        return self._service("improvement")  # type: ignore[no-any-return]

    @cached_property
    def cycles(self) -> CycleService:
        return self._service("cycles")  # type: ignore[no-any-return]

    @cached_property
    def meetings(self) -> MeetingService:
        return self._service("meetings")  # type: ignore[no-any-return]

    @cached_property
    def communication(self) -> CommunicationService:
        return self._service("communication")  # type: ignore[no-any-return]

    @cached_property
    def improvement_analysis(self) -> ImprovementAnalysis:
        return self._service("improvement_analysis")  # type: ignore[no-any-return]

    @cached_property
    def training(self) -> TrainingService:
        return self._service("training")  # type: ignore[no-any-return]

    @cached_property
    def process(self) -> ProcessService:
        return self._service("process")  # type: ignore[no-any-return]

    @cached_property
    def kpi(self) -> KpiService:
        return self._service("kpi")  # type: ignore[no-any-return]

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
