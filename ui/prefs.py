"""Per-user window state and interface preferences in QSettings (never in the database)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANIZATION = "DutyDesk"
APPLICATION = "DutyDesk"
# Tests and portable installs point this at an .ini file so nothing touches the user's profile.
SETTINGS_FILE_ENV = "DUTYDESK_UI_SETTINGS"

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def qsettings() -> QSettings:
    path = os.environ.get(SETTINGS_FILE_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def normalize_language(lang: str | None) -> str | None:
    if not lang:
        return None
    if lang.lower().startswith("en"):
        return "en"
    if lang.lower().startswith("zh"):
        return "zh_CN"
    return None


def stored_language() -> str:
    return normalize_language(str(qsettings().value("ui/language", "") or "")) or DEFAULT_LANGUAGE


def store_language(lang: str) -> None:
    settings = qsettings()
    settings.setValue("ui/language", normalize_language(lang) or DEFAULT_LANGUAGE)
    settings.sync()


def last_database() -> str | None:
    value = qsettings().value("ui/last_database", "")
    return str(value) if value else None


def store_last_database(path: str) -> None:
    settings = qsettings()
    settings.setValue("ui/last_database", path)
    settings.sync()
