"""Dialogs of the plan page: a resource (人力/物力/财力) of a task, the plan's approval."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QWidget

from dutydesk.training.plan_resources import RESOURCE_KINDS
from ui.forms import FormDialog
from ui.session import Session
from ui.tabs.training_dialogs import pick


class ResourceDialog(FormDialog):
    """A resource of one task: people and material with a quantity, budget with an amount."""

    def __init__(self, session: Session, task: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("添加资源"), parent)
        self.task = task
        self.form.addRow(QLabel(self.tr("任务：{0}").format(task.title), self))
        self.kind: QComboBox = self.row(
            self.tr("类别(&K)"), pick(RESOURCE_KINDS, session.english, self), "kind"
        )
        self.description = self.row(self.tr("说明(&D)"), QLineEdit(self), "description")
        self.quantity = self.row(
            self.tr("数量 / 金额(&Q)"), QDoubleSpinBox(self), "quantity", "amount"
        )
        self.quantity.setRange(0, 1e9)
        self.quantity.setDecimals(2)
        self.unit = self.row(self.tr("单位或币种(&U)"), QLineEdit(self), "unit", "currency")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.unit.setText("CNY" if kind == "budget" else ("人·天" if kind == "people" else "件"))

    def submit(self) -> Any:
        kind = self.kind.currentData()
        service = self.session.desk.training.plan_resources
        common = {"task_id": self.task.id, "kind": kind, "description": self.description.text()}
        if kind == "budget":
            return service.save_resource(
                self.session.person,
                amount=self.quantity.value(),
                currency=self.unit.text(),
                **common,
            )
        return service.save_resource(
            self.session.person,
            quantity=self.quantity.value() or None,
            unit=self.unit.text(),
            **common,
        )
