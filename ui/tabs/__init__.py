"""The registry of main-window tabs: one TabSpec per area, in display order.

Each entry names its tab, either a callable ``factory(session, parent) -> QWidget`` or a
lazy ``"module:Class"`` string (imported the first time the tab is shown), e.g.
``"ui.tabs.roster:RosterTab"``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session

Factory = Callable[["Session", "QWidget | None"], "QWidget"]


@dataclass(frozen=True)
class TabSpec:
    """``key`` names the area, ``title`` is the Chinese source text (context "Tabs")."""

    key: str
    title: str
    factory: Factory | str

    def display_title(self) -> str:
        return QCoreApplication.translate("Tabs", self.title)

    def create(self, session: Session, parent: QWidget | None) -> QWidget:
        factory = self.factory
        if isinstance(factory, str):
            module_name, _, attribute = factory.partition(":")
            factory = getattr(importlib.import_module(module_name), attribute)
        return factory(session, parent)


TABS: list[TabSpec] = [
    TabSpec("roster", QT_TRANSLATE_NOOP("Tabs", "排班"), "ui.tabs.roster:RosterTab"),
    TabSpec("handover", QT_TRANSLATE_NOOP("Tabs", "交接班"), "ui.tabs.handover:HandoverTab"),
    TabSpec("incidents", QT_TRANSLATE_NOOP("Tabs", "事件"), "ui.tabs.incidents:IncidentsTab"),
    TabSpec("feedback", QT_TRANSLATE_NOOP("Tabs", "反馈与改进"), "ui.tabs.feedback:FeedbackTab"),
    TabSpec("kpi", QT_TRANSLATE_NOOP("Tabs", "统计"), "ui.tabs.kpi:KpiTab"),
    TabSpec("process", QT_TRANSLATE_NOOP("Tabs", "流程"), "ui.tabs.process:ProcessTab"),
    TabSpec("training", QT_TRANSLATE_NOOP("Tabs", "培训"), "ui.tabs.training:TrainingTab"),
]


def tab_spec(key: str) -> TabSpec:
    for spec in TABS:
        if spec.key == key:
            return spec
    raise KeyError(key)
