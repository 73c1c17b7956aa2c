"""帮助 → 关于: version, where the data and backups are, and the licences of what ships."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dutydesk import __version__
from dutydesk.desk import Desk
from dutydesk.store import db as storage
from dutydesk.store.migrations import schema_version
from dutydesk.store.paths import AppPaths, backups_dir_for, resources_dir
from ui import i18n

# Distribution name, what it is in DutyDesk, its licence (as its authors state it).
COMPONENTS = (
    ("PySide6-Essentials", "Qt 6 / PySide6", "LGPL-3.0-only"),
    ("reportlab", "ReportLab", "BSD-3-Clause"),
    ("sqlite-utils", "sqlite-utils", "Apache-2.0"),
    ("openpyxl", "openpyxl", "MIT"),
    ("icalendar", "icalendar", "BSD-2-Clause"),
    ("chinesecalendar", "chinese_calendar", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
)
FONT_COPYRIGHT = "wqy-microhei-COPYRIGHT.txt"


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        # A frozen build may carry no package metadata.
        return ""


def licences_text() -> str:
    lines = [
        "DutyDesk 值班台 — LicenseRef-Proprietary",
        "",
        "WenQuanYi Micro Hei 文泉驿微米黑 (resources/fonts/wqy-microhei.ttc) — "
        "Apache-2.0 or GPL-3.0-or-later with font exception",
    ]
    for distribution, name, licence in COMPONENTS:
        version = _version_of(distribution)
        lines.append(f"{name} {version} — {licence}".replace("  ", " "))
    notice = resources_dir() / "fonts" / FONT_COPYRIGHT
    if notice.is_file():
        lines += ["", "—" * 20, notice.read_text(encoding="utf-8")]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Attributes: ``facts`` (the label's text, one fact a line) and ``licences``."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于值班台"))
        applied = len(storage.applied_migrations(desk.db))
        backups = backups_dir_for(desk.path) if desk.path else None
        self.facts = "\n".join(
            [
                self.tr("值班台 DutyDesk {0}").format(__version__),
                self.tr("站点：{0}").format(desk.settings.get("site_name")),
                self.tr("数据库：{0}").format(desk.path or "-"),
                self.tr("自动备份目录：{0}").format(backups or "-"),
                self.tr("默认数据目录：{0}").format(AppPaths.from_platformdirs().data_dir),
                self.tr("数据库结构版本：{0}（本程序支持 {1}）").format(applied, schema_version()),
                self.tr("界面字体：{0}").format(i18n.bundled_font_family() or "-"),
            ]
        )
        facts = QLabel(self.facts, self)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.setWordWrap(True)
        heading = QLabel(self.tr("许可证(&L)："), self)
        self.licences = QPlainTextEdit(licences_text(), self)
        self.licences.setReadOnly(True)
        heading.setBuddy(self.licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(heading)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)
