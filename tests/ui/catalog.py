"""Every dialog the window can open, built over the demo database.

``dialog_classes()`` finds every QDialog subclass defined in ``ui/`` by importing all of
its modules; ``factories(session)`` builds each one with demo data. A dialog class that
is neither built here nor listed as a base class fails ``uncovered()``: a new dialog
must be added to the catalog, so the key and names checks see it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

# Bases that are never shown on their own.
BASES = {
    "ui.forms.FormDialog",
}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def dialog_classes() -> set[str]:
    import ui

    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    pending: list[type] = [QDialog]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("ui."):
                found.add(_name(sub))
    return found - BASES


def uncovered(session: Any) -> set[str]:
    return dialog_classes() - {name.split("#")[0] for name in factories(session)}


_KEEP: list[Any] = []


def _incidents(session: Any) -> Any:
    """The incidents tab that parents its text dialogs (kept alive while they are shown)."""
    from ui.tabs.incidents import IncidentsTab

    _KEEP[:] = [IncidentsTab(session)]
    return _KEEP[0]


def factories(session: Any) -> dict[str, Callable[[], QDialog]]:
    """Qualified class name → a function that builds the dialog with demo data."""
    from dutydesk.kpi.period import Period
    from dutydesk.store.verify import verify_database
    from ui import (
        about_dialog,
        first_run,
        pdf_preview,
        shift_report_dialog,
        shortcuts_dialog,
        sign_in,
        site_settings,
        verify_dialog,
    )
    from ui.tabs import feedback_dialogs as fd
    from ui.tabs import feedback_review_dialogs as frd
    from ui.tabs import handover_dialogs as hd
    from ui.tabs import (
        incidents,
        incidents_reference,
        kpi,
        process,
        roster,
        roster_dialogs,
        roster_setup,
        training_plan_dialogs,
    )
    from ui.tabs import stage_dialogs as sd
    from ui.tabs import training_dialogs as td

    desk = session.desk
    today = desk.clock().date()
    people = desk.people.list()
    feedback = desk.feedback.list()
    problem = desk.improvement.problems()[0]
    action = desk.improvement.actions()[0]
    cycle = desk.cycles.cycles()[0]
    assignment = desk.roster.assignments(today, today)[0]
    summary = desk.handover.history(limit=1)[0]
    record = desk.handover.get(summary.id)
    questionnaire = desk.training.questionnaires.list()[0]
    courses = desk.training.courses()
    test = desk.training.tests()[0]
    plan = desk.training.plan
    draft = desk.process.draft() or desk.process.versions()[0]
    report = desk.kpi.report(Period.containing("month", today))
    assessment = desk.training.assessments.list()[0]

    def build(cls: type[QDialog], *args: Any, **kwargs: Any) -> tuple[str, Callable[[], QDialog]]:
        return _name(cls), lambda: cls(*args, **kwargs)

    made = [
        build(about_dialog.AboutDialog, desk),
        build(first_run.FirstRunWizard, desk, lang=session.lang),
        build(pdf_preview.PdfPreviewDialog, b"", title="x"),
        build(shift_report_dialog.ShiftReportDialog, session),
        build(shortcuts_dialog.ShortcutsDialog),
        build(sign_in.SignInDialog, desk, lang=session.lang),
        build(site_settings.SiteSettingsDialog, session),
        build(verify_dialog.VerifyResultDialog, session, verify_database(desk.db)),
        # 反馈与改进
        build(fd.FeedbackDialog, session),
        build(fd.ClassifyDialog, session, feedback[0]),
        # The one-field dialogs as the pages open them (不采纳, 答复, 重开, 取消措施).
        *(
            (
                f"{_name(fd.TextDialog)}#{n}",
                lambda context=context, label=label: fd.TextDialog(
                    session,
                    "x",
                    QCoreApplication.translate(context, label),
                    "reason",
                    lambda t: None,
                ),
            )
            for n, (context, label) in enumerate(
                (
                    ("InboxPage", "理由(&R)"),
                    ("InboxPage", "答复(&R)"),
                    ("ProblemsPage", "原因(&R)"),
                    ("ActionsPage", "原因(&R)"),
                )
            )
        ),
        build(fd.ProblemDialog, session, problem=problem),
        build(fd.JoinProblemDialog, session, feedback[0]),
        build(fd.LinkDialog, session, problem),
        build(fd.ActionDialog, session, problem_id=problem.id),
        build(fd.CompleteDialog, session, action),
        build(fd.VerifyDialog, session, action),
        build(fd.SubcategoriesDialog, session),
        build(frd.CycleDialog, session, cycle=cycle),
        build(frd.EvaluateDialog, session, cycle),
        build(frd.ApproveDialog, session, cycle),
        build(frd.MeetingDialog, session),
        build(frd.PeriodDialog, session),
        # 交接班
        build(hd.StartDialog, session),
        build(hd.SignDialog, session, record, "submit"),
        build(hd.OpenItemDialog, session, record.id),
        build(hd.ResolveDialog, session, 1, "遗留问题"),
        build(hd.AmendDialog, session, record),
        build(hd.RecordDialog, session, record.id),
        build(hd.TemplatesDialog, session),
        # 事件
        build(incidents.QuickAddDialog, session),
        (
            f"{_name(incidents.IncidentTextDialog)}#escalate",
            lambda: _incidents(session).escalate_dialog(),
        ),
        (
            f"{_name(incidents.IncidentTextDialog)}#resolve",
            lambda: _incidents(session).resolve_dialog(),
        ),
        build(incidents_reference.ReferenceDataDialog, session),
        # 统计, 流程
        build(kpi.DrillDownDialog, session, report, "resolution_rate"),
        build(kpi.TargetsDialog, session),
        build(process.PublishDialog, session, draft, None),
        # 排班
        build(roster.GenerationDialog, session, date(2026, 12, 1), date(2026, 12, 31), None),
        build(roster.CellDialog, session, people[0].id, people[0].name, today, None),
        build(roster.LeaveDialog, session, None),
        build(roster_dialogs.CalendarDialog, session),
        build(roster_dialogs.SwapDialog, session, assignment, None),
        build(roster_dialogs.ServedDialog, session, assignment, None),
        build(roster_setup.SetupDialog, session),
        # 培训
        build(td.QuestionnaireDialog, session),
        build(td.AnswerDialog, session, questionnaire),
        build(td.AssessmentDialog, session, [questionnaire], today),
        build(sd.InterviewDialog, session, assessment, people, today),
        build(sd.NeedsDialog, session, desk.training.assessments.get(assessment.id)),
        build(sd.PlannedMeetingDialog, session, people, today),
        build(td.CourseDialog, session),
        build(td.SessionDialog, session, courses, people, today),
        build(td.TestDialog, session, courses),
        build(td.TakeTestDialog, session, test),
        build(td.QualificationDialog, session, people, today),
        build(td.MilestoneDialog, session, today),
        build(td.TaskDialog, session, plan.milestones(), people, today),
        build(td.RiskDialog, session, people),
        build(training_plan_dialogs.ResourceDialog, session, plan.tasks()[0]),
    ]
    return dict(made)
