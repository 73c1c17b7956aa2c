"""The signed-in session every tab receives: the Desk, the person and the language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

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
