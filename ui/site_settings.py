"""Site settings for administrators; the core validates, errors appear next to the field."""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError, ValidationError
from ui.forms import ERROR_STYLE, FieldWithError, add_row
from ui.session import Session

KEYS = ("site_name", "site_timezone", "idle_lock_minutes", "backup_keep")


class SiteSettingsDialog(QDialog):
    """Edits site name, time zone, idle lock minutes and backups kept, in one transaction."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("站点设置"))
        current = session.desk.settings.all()
        self.site_name = FieldWithError(self)
        self.site_name.setText(current["site_name"])
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z)
        self.timezone.addItems(zones)
        self.timezone.setCurrentText(current["site_timezone"])
        self.timezone_error = QLabel(self)
        self.timezone_error.setStyleSheet(ERROR_STYLE)
        self.timezone_error.hide()
        timezone_box = QWidget(self)
        timezone_layout = QVBoxLayout(timezone_box)
        timezone_layout.setContentsMargins(0, 0, 0, 0)
        timezone_layout.addWidget(self.timezone)
        timezone_layout.addWidget(self.timezone_error)
        timezone_box.setFocusProxy(self.timezone)
        self.idle_lock_minutes = FieldWithError(self)
        self.idle_lock_minutes.setText(current["idle_lock_minutes"])
        self.backup_keep = FieldWithError(self)
        self.backup_keep.setText(current["backup_keep"])
        form = QFormLayout()
        add_row(form, self.tr("站点名称(&N)："), self.site_name)
        add_row(form, self.tr("时区(&T)："), timezone_box)
        add_row(form, self.tr("空闲锁定（分钟）(&L)："), self.idle_lock_minutes)
        add_row(form, self.tr("保留自动备份份数(&B)："), self.backup_keep)
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存(&S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def values(self) -> dict[str, str]:
        return {
            "site_name": self.site_name.text(),
            "site_timezone": self.timezone.currentText(),
            "idle_lock_minutes": self.idle_lock_minutes.text(),
            "backup_keep": self.backup_keep.text(),
        }

    def show_field_error(self, key: str, message: str) -> None:
        if key == "site_timezone":
            self.timezone_error.setText(message)
            self.timezone_error.show()
            self.timezone.setFocus()
            return
        field = {
            "site_name": self.site_name,
            "idle_lock_minutes": self.idle_lock_minutes,
            "backup_keep": self.backup_keep,
        }.get(key)
        if field is None:
            self.message.setText(message)
            return
        field.show_error(message)
        field.setFocus()

    def clear_errors(self) -> None:
        for field in (self.site_name, self.idle_lock_minutes, self.backup_keep):
            field.clear_error()
        self.timezone_error.hide()
        self.message.clear()

    @Slot()
    def save(self) -> bool:
        """Write every changed setting; one rejected value saves nothing."""
        self.clear_errors()
        desk, person = self.session.desk, self.session.person
        current = desk.settings.all()
        changed = {k: v for k, v in self.values().items() if v.strip() != current[k]}
        try:
            with desk.db.atomic():
                for key, value in changed.items():
                    desk.settings.set(person, key, value)
        except ValidationError as error:
            self.show_field_error(error.field, self.session.error_text(error))
            return False
        except DutyDeskError as error:
            self.message.setText(self.session.error_text(error))
            return False
        if changed:
            self.session.data_changed.emit("settings")
        self.accept()
        return True
