"""Incident reference data: severities (colours, time targets), the category tree, sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dutydesk.errors import NotFound, ValidationError
from dutydesk.people.auth import ADMIN, Person, register_permissions, require
from dutydesk.people.inputs import clean_text
from dutydesk.store import audit
from dutydesk.store.rows import from_row

if TYPE_CHECKING:
    from dutydesk.people.context import PeopleContext

for _table in ("incident_severities", "incident_categories", "incident_sources"):
    audit.register_table(audit.AuditedTable(_table))

register_permissions({"incidents.reference": frozenset({ADMIN})})

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Severity:
    id: int
    code: str
    name: str
    name_en: str
    colour: str
    respond_minutes: int
    resolve_minutes: int
    rank: int
    active: bool


@dataclass(frozen=True)
class Category:
    """``path`` is the full name from the root, e.g. 设备 / 空调."""

    id: int
    parent_id: int | None
    name: str
    name_en: str
    rank: int
    active: bool
    path: str
    path_en: str


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    name_en: str
    rank: int
    active: bool


def _text(field: str, value: str | None, label: str, label_en: str, limit: int = 40) -> str:
    """A required name or code of the reference data: up to 40 characters by default."""
    return clean_text(field, value, label, label_en, limit=limit)


class ReferenceData:
    """Read and (for administrators) edit severities, categories and sources."""

    def __init__(self, desk: PeopleContext) -> None:
        self._desk = desk

    # -- severities ------------------------------------------------------------------
    def severities(self, *, active_only: bool = False) -> list[Severity]:
        sql = "SELECT * FROM incident_severities"
        if active_only:
            sql += " WHERE active = 1"
        return [_severity(r) for r in self._desk.db.query(sql + " ORDER BY rank, id")]

    def severity(self, severity_id: int) -> Severity:
        row = audit.fetch_row(self._desk.db, "incident_severities", severity_id)
        if row is None:
            raise NotFound(f"严重程度不存在：{severity_id}", en=f"No such severity: {severity_id}")
        return _severity(row)

    def severity_by_code(self, code: str) -> Severity:
        for severity in self.severities():
            if severity.code == code:
                return severity
        raise NotFound(f"严重程度不存在：{code}", en=f"No such severity: {code}")

    def save_severity(
        self,
        actor: Person,
        *,
        severity_id: int | None = None,
        code: str,
        name: str,
        name_en: str = "",
        colour: str,
        respond_minutes: int,
        resolve_minutes: int,
        rank: int = 0,
        active: bool = True,
    ) -> Severity:
        """Add (``severity_id`` None) or change a severity; targets are whole minutes."""
        actor = require(actor, "incidents.reference", self._desk.db)
        values: dict[str, Any] = {
            "code": _text("code", code, "代码", "Code", 10),
            "name": _text("name", name, "名称", "Name"),
            "name_en": (name_en or "").strip(),
            "colour": (colour or "").strip(),
            "respond_minutes": respond_minutes,
            "resolve_minutes": resolve_minutes,
            "rank": int(rank),
            "active": int(bool(active)),
        }
        if not _COLOUR.match(values["colour"]):
            raise ValidationError(
                "colour", "颜色格式应为 #RRGGBB", en="Colour must look like #RRGGBB"
            )
        for field, label, label_en in (
            ("respond_minutes", "响应时限", "Response target"),
            ("resolve_minutes", "解决时限", "Resolution target"),
        ):
            if not isinstance(values[field], int) or values[field] <= 0:
                raise ValidationError(
                    field, f"{label}必须是正整数（分钟）", en=f"{label_en}: positive minutes"
                )
        if resolve_minutes < respond_minutes:
            raise ValidationError(
                "resolve_minutes",
                "解决时限不能短于响应时限",
                en="The resolution target cannot be shorter than the response target",
            )
        clash = self._desk.db.execute(
            "SELECT id FROM incident_severities WHERE code = ? AND id IS NOT ?",
            [values["code"], severity_id],
        ).fetchone()
        if clash:
            raise ValidationError(
                "code", f"代码 {values['code']} 已被使用", en=f"Code {values['code']} is taken"
            )
        if severity_id is not None:
            self.severity(severity_id)  # NotFound for a wrong id
        return self.severity(self._save("incident_severities", severity_id, values, actor))

    # -- categories ------------------------------------------------------------------
    def categories(self, *, active_only: bool = False) -> list[Category]:
        """All categories in tree order (parents before their children)."""
        rows = list(self._desk.db.query("SELECT * FROM incident_categories ORDER BY rank, id"))
        by_id = {r["id"]: r for r in rows}

        def path(row: dict[str, Any], key: str) -> str:
            names = [row[key] or row["name"]]
            seen = {row["id"]}
            while row["parent_id"] is not None and row["parent_id"] not in seen:
                row = by_id[row["parent_id"]]
                seen.add(row["id"])
                names.append(row[key] or row["name"])
            return " / ".join(reversed(names))

        ordered: list[Category] = []

        def walk(parent: int | None) -> None:
            for row in rows:
                if row["parent_id"] == parent:
                    if row["active"] or not active_only:
                        ordered.append(
                            from_row(
                                Category,
                                row,
                                active=bool(row["active"]),
                                path=path(row, "name"),
                                path_en=path(row, "name_en"),
                            )
                        )
                        walk(row["id"])

        walk(None)
        return ordered

    def category(self, category_id: int) -> Category:
        for category in self.categories():
            if category.id == category_id:
                return category
        raise NotFound(f"类别不存在：{category_id}", en=f"No such category: {category_id}")

    def category_and_descendants(self, category_id: int) -> list[int]:
        rows = self._desk.db.execute("SELECT id, parent_id FROM incident_categories").fetchall()
        found, frontier = [category_id], [category_id]
        while frontier:
            frontier = [r[0] for r in rows if r[1] in frontier and r[0] not in found]
            found += frontier
        return found

    def save_category(
        self,
        actor: Person,
        *,
        category_id: int | None = None,
        name: str,
        name_en: str = "",
        parent_id: int | None = None,
        rank: int = 0,
        active: bool = True,
    ) -> Category:
        actor = require(actor, "incidents.reference", self._desk.db)
        values: dict[str, Any] = {
            "name": _text("name", name, "类别名称", "Category name"),
            "name_en": (name_en or "").strip(),
            "parent_id": parent_id,
            "rank": int(rank),
            "active": int(bool(active)),
        }
        if parent_id is not None:
            self.category(parent_id)
            if category_id is not None and parent_id in self.category_and_descendants(category_id):
                raise ValidationError(
                    "parent_id",
                    "上级类别不能是它自己或它的下级",
                    en="A category cannot sit under itself or its own children",
                )
        clash = self._desk.db.execute(
            "SELECT id FROM incident_categories WHERE coalesce(parent_id, 0) = ? AND name = ?"
            " AND id IS NOT ?",
            [parent_id or 0, values["name"], category_id],
        ).fetchone()
        if clash:
            raise ValidationError(
                "name",
                f"同一上级下已有类别 {values['name']}",
                en=f"A category {values['name']} already exists there",
            )
        if category_id is not None:
            self.category(category_id)  # NotFound for a wrong id
        return self.category(self._save("incident_categories", category_id, values, actor))

    # -- sources ---------------------------------------------------------------------
    def sources(self, *, active_only: bool = False) -> list[Source]:
        sql = "SELECT * FROM incident_sources"
        if active_only:
            sql += " WHERE active = 1"
        return [
            Source(r["id"], r["name"], r["name_en"], r["rank"], bool(r["active"]))
            for r in self._desk.db.query(sql + " ORDER BY rank, id")
        ]

    def source(self, source_id: int) -> Source:
        for source in self.sources():
            if source.id == source_id:
                return source
        raise NotFound(f"来源不存在：{source_id}", en=f"No such source: {source_id}")

    def save_source(
        self,
        actor: Person,
        *,
        source_id: int | None = None,
        name: str,
        name_en: str = "",
        rank: int = 0,
        active: bool = True,
    ) -> Source:
        actor = require(actor, "incidents.reference", self._desk.db)
        values: dict[str, Any] = {
            "name": _text("name", name, "来源名称", "Source name"),
            "name_en": (name_en or "").strip(),
            "rank": int(rank),
            "active": int(bool(active)),
        }
        clash = self._desk.db.execute(
            "SELECT id FROM incident_sources WHERE name = ? AND id IS NOT ?",
            [values["name"], source_id],
        ).fetchone()
        if clash:
            raise ValidationError(
                "name", f"来源 {values['name']} 已存在", en=f"Source {values['name']} exists"
            )
        if source_id is not None:
            self.source(source_id)  # NotFound for a wrong id
        return self.source(self._save("incident_sources", source_id, values, actor))

    def _save(self, table: str, row_id: int | None, values: dict[str, Any], actor: Person) -> int:
        """Insert (``row_id`` None) or update one reference row with its audit row."""
        now = self._desk.now_iso()
        if row_id is None:
            return audit.insert(self._desk.db, table, values, actor=actor.actor, at=now)
        audit.update(self._desk.db, table, row_id, values, actor=actor.actor, at=now)
        return row_id


def _severity(row: dict[str, Any]) -> Severity:
    return from_row(Severity, row, active=bool(row["active"]))
