"""What the store layer needs from whoever holds the open database.

Every area's services take a *context*: an object that offers the database, the clock
and the settings. ``Desk`` is the one real context; the areas only see these Protocols
(each area extends them in its own ``context.py``), so no area imports ``dutydesk.desk``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from sqlite_utils import Database

from dutydesk.clock import Clock
from dutydesk.errors import NotFound
from dutydesk.store import audit

if TYPE_CHECKING:
    from dutydesk.store.settings import SettingsService


class Acting(Protocol):
    """Someone who acts on records: a signed-in person (``people.Person`` is one)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def actor(self) -> audit.Actor: ...

    def require(self, permission: str, db: Database | None = None) -> None:
        """Raise PermissionDenied unless this person, read again from ``db``, holds
        ``permission``."""
        ...


class PasswordCheck(Protocol):
    def check_password(self, person: Acting, password: str) -> None: ...


class StoreContext(Protocol):
    """The open database, its clock and its settings."""

    @property
    def db(self) -> Database: ...

    @property
    def clock(self) -> Clock: ...

    def now_iso(self) -> str: ...

    @property
    def settings(self) -> SettingsService: ...

    @property
    def people(self) -> PasswordCheck: ...


C = TypeVar("C", bound=StoreContext)


class AreaService(Generic[C]):
    """The base of an area's service: the context it works in (``_desk``) and its database."""

    def __init__(self, desk: C) -> None:
        self._desk = desk

    @property
    def _db(self) -> Database:
        return self._desk.db

    def _one_row(
        self, sql: str, params: list[Any], missing: str, missing_en: str
    ) -> dict[str, Any]:
        """The first row ``sql`` finds; ``NotFound(missing, en=missing_en)`` when none."""
        rows = list(self._db.query(sql, params))
        if not rows:
            raise NotFound(missing, en=missing_en)
        return rows[0]

    def _insert(
        self, table: str, values: dict[str, Any], *, by: Acting, at: str, action: str = "create"
    ) -> int:
        """``audit.insert`` on this service's database, recorded as done by ``by``."""
        return audit.insert(self._db, table, values, actor=by.actor, at=at, action=action)

    def _update(
        self,
        table: str,
        row_id: int,
        changes: dict[str, Any],
        *,
        by: Acting,
        at: str,
        action: str = "update",
    ) -> dict[str, Any]:
        """``audit.update`` on this service's database, recorded as done by ``by``."""
        return audit.update(self._db, table, row_id, changes, actor=by.actor, at=at, action=action)

    def _delete(
        self, table: str, row_id: int, *, by: Acting, at: str, action: str = "delete"
    ) -> None:
        """``audit.delete`` on this service's database, recorded as done by ``by``."""
        audit.delete(self._db, table, row_id, actor=by.actor, at=at, action=action)
