"""The signed-in session every tab receives: the Desk, the person and the language."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Signal

from dutydesk.clock import DATE_FORMAT, DATE_TIME_FORMAT, format_site_time
from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.people.auth import ROLE_LABELS, Person
from dutydesk.text import pick


class Session(QObject):
    """Who is signed in to which database.

    Attributes: ``desk`` (the GUI thread's Desk), ``person`` (signed-in Person),
    ``lang`` ("zh_CN" or "en"). Signals: ``data_changed(str)`` carries the area key of a
    write so other tabs refresh; ``language_changed(str)`` after a language switch.
    """

    data_changed = Signal(str)
    language_changed = Signal(str)

    _active: Session | None = None

    def __init__(
        self, desk: Desk, person: Person, lang: str = "zh_CN", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.person = person
        self.lang = lang
        self._zone: ZoneInfo | None = None
        self.data_changed.connect(self._forget_zone)
        Session._active = self

    @classmethod
    def active(cls) -> Session | None:
        """The most recently created session (the worker falls back to it)."""
        return cls._active

    @property
    def db_path(self) -> Path | None:
        return self.desk.path

    @property
    def english(self) -> bool:
        return self.lang == "en"

    def _forget_zone(self, area: str) -> None:
        if area == "settings":
            self._zone = None

    def zone(self) -> ZoneInfo:
        """The site's time zone (site settings), read once per settings change."""
        if self._zone is None:
            self._zone = self.desk.settings.site_zone()
        return self._zone

    def site_time(
        self, value: datetime | str | None, fmt: str = DATE_TIME_FORMAT, empty: str = ""
    ) -> str:
        """A stored UTC time as people on site write it: ``2026-11-25 08:05``."""
        if isinstance(value, str) and "T" not in value:
            return value or empty  # already a plain date
        return format_site_time(value, self.zone(), fmt, empty=empty)

    def site_date(self, value: datetime | str | None, empty: str = "") -> str:
        """The site-local day of a stored UTC time (not the UTC day)."""
        return self.site_time(value, DATE_FORMAT, empty)

    def site_today(self) -> date:
        return self.desk.clock().astimezone(self.zone()).date()

    def to_site_wall(self, moment: datetime) -> datetime:
        """The site's wall-clock time of ``moment``, without zone, for date/time editors."""
        return moment.astimezone(self.zone()).replace(tzinfo=None)

    def from_site_wall(self, wall: datetime) -> datetime:
        """An editor's wall-clock time read as site time (not the PC's zone), aware."""
        return wall.replace(tzinfo=self.zone())

    def refresh_person(self) -> None:
        """Re-read the signed-in person (roles may have changed)."""
        self.person = self.desk.people.get(self.person.id)

    def role_text(self, person: Person | None = None) -> str:
        person = person or self.person
        return ("、" if not self.english else ", ").join(
            pick(ROLE_LABELS[role], self.english) for role in person.roles
        )

    def error_text(self, exc: BaseException) -> str:
        """The message to show for ``exc`` in the session's language."""
        if isinstance(exc, DutyDeskError):
            return exc.localized(self.lang)
        if isinstance(exc, OSError):
            where = exc.filename or ""
            return QCoreApplication.translate("Session", "无法读写文件 {0}：{1}").format(
                where, exc.strerror or exc
            )
        if isinstance(exc, sqlite3.Error):
            return QCoreApplication.translate("Session", "数据库操作失败：{0}").format(exc)
        return QCoreApplication.translate("Session", "发生意外错误：{0}").format(
            f"{type(exc).__name__}: {exc}"
        )
