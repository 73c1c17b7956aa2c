"""The errors a user can cause; every message exists in Chinese and English."""

from __future__ import annotations

import sqlite3

from dutydesk.text import pick


class DutyDeskError(Exception):
    """Base of all user-facing errors.

    ``message`` is Chinese (the users' first language), ``message_en`` English.
    ``str(error)`` gives the Chinese text so that logs and the command line stay readable.
    """

    def __init__(self, message: str, *, en: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = en or message

    def localized(self, lang: str = "zh_CN") -> str:
        return pick((self.message, self.message_en), lang)


class ValidationError(DutyDeskError):
    """Input that breaks a rule; ``field`` names the form field or import column."""

    def __init__(self, field: str, message: str, *, en: str | None = None) -> None:
        super().__init__(message, en=en)
        self.field = field


class PermissionDenied(DutyDeskError):
    """The acting person's roles do not allow the action."""


class Conflict(DutyDeskError):
    """The action clashes with existing data (duplicate, wrong state)."""


class Locked(DutyDeskError):
    """The record is signed or otherwise frozen; corrections must be amendments."""


class NotFound(DutyDeskError):
    """A referenced record does not exist."""


class AuthenticationFailed(DutyDeskError):
    """Wrong credentials, an inactive account or too many recent failures."""


class DatabaseOpenError(DutyDeskError):
    """The database file cannot be used; nothing on disk was changed."""


class NotADutyDeskDatabase(DatabaseOpenError):
    pass


class DamagedDatabase(DatabaseOpenError):
    pass


class NewerSchemaError(DatabaseOpenError):
    pass


class UnwritableLocation(DatabaseOpenError):
    pass


class StorageFault(DutyDeskError, sqlite3.OperationalError):
    """The database file could not be read or written (disk, permissions, another program).

    Also an ``sqlite3.OperationalError`` so that code written against SQLite's own errors
    keeps working. The transaction it happened in was rolled back: nothing is half-saved.
    """


class DiskFull(StorageFault):
    pass


class ReadOnlyStorage(StorageFault):
    pass


class DatabaseBusy(StorageFault):
    pass


class StorageIOError(StorageFault):
    pass
