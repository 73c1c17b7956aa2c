"""Site settings for administrators; the core validates, errors appear next to the field."""

from __future__ import annotations

import zoneinfo

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget

from ui.forms import FormDialog
from ui.session import Session

KEYS = ("site_name", "site_timezone", "idle_lock_minutes", "backup_keep")


class SiteSettingsDialog(FormDialog):
    """Edits site name, time zone, idle lock minutes and backups kept, in one transaction."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("站点设置"), parent)
        current = session.desk.settings.all()
        self.site_name = self.row(self.tr("站点名称(&N)："), QLineEdit(self), "site_name")
        self.site_name.setText(current["site_name"])
        self.timezone = self.row(self.tr("时区(&T)："), QComboBox(self), "site_timezone")
        self.timezone.setEditable(True)
        zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z)
        self.timezone.addItems(zones)
        self.timezone.setCurrentText(current["site_timezone"])
        self.idle_lock_minutes = self.row(
            self.tr("空闲锁定（分钟）(&L)："), QLineEdit(self), "idle_lock_minutes"
        )
        self.idle_lock_minutes.setText(current["idle_lock_minutes"])
        self.backup_keep = self.row(
            self.tr("保留自动备份份数(&B)："), QLineEdit(self), "backup_keep"
        )
        self.backup_keep.setText(current["backup_keep"])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.setMinimumWidth(440)

    def values(self) -> dict[str, str]:
        return {
            "site_name": self.site_name.text(),
            "site_timezone": self.timezone.currentText(),
            "idle_lock_minutes": self.idle_lock_minutes.text(),
            "backup_keep": self.backup_keep.text(),
        }

    def submit(self) -> dict[str, str]:
        """Write every changed setting; one rejected value saves nothing."""
        desk, person = self.session.desk, self.session.person
        current = desk.settings.all()
        changed = {k: v for k, v in self.values().items() if v.strip() != current[k]}
        with desk.db.atomic():
            for key, value in changed.items():
                desk.settings.set(person, key, value)
        if changed:
            self.session.data_changed.emit("settings")
        return changed
