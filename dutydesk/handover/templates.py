"""Handover checklist templates: sections and items, one per shift type or site, versioned.

A template binds to a roster shift type by its id (``shift_type_id``; ``shift_code`` is the
type's code when it was saved, kept for people and files); None is the site-wide template.
A template is never edited in place: saving makes a new version and the old one is marked
superseded, so every handover keeps pointing at the exact items it was filled against.
The shipped templates (``resources/templates/handover_*.json``) say what they apply to:
``"applies_to": ["site", "day", "night"]`` (site-wide, day shift types, night shift types).
"""

from __future__ import annotations

import builtins
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutydesk import schema
from dutydesk.errors import NotFound, ValidationError
from dutydesk.people.auth import ADMIN, Person, register_permissions, require
from dutydesk.store import audit
from dutydesk.store.paths import resources_dir
from dutydesk.store.rows import from_row

if TYPE_CHECKING:
    from dutydesk.people.context import PeopleContext

register_permissions({"handover.template.edit": frozenset({ADMIN})})
audit.register_table(audit.AuditedTable("handover_templates"))
audit.register_table(audit.AuditedTable("handover_template_items"))

KINDS: dict[str, tuple[str, str]] = {
    "check": ("勾选", "Check"),
    "text": ("文字", "Text"),
    "number": ("数值", "Number"),
    "choice": ("选项", "Choice"),
}
CHECK_YES, CHECK_NO = "yes", "no"
_YES = {"yes", "y", "true", "1", "是", "已", "√", "✓", "正常"}
_NO = {"no", "n", "false", "0", "否", "未", "×", "✗", "异常"}


@dataclass(frozen=True)
class ItemSpec:
    """One checklist item as an administrator defines it."""

    label: str
    kind: str
    mandatory: bool = False
    unit: str = ""
    normal_min: float | None = None
    normal_max: float | None = None
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class SectionSpec:
    title: str
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class TemplateItem:
    id: int
    template_id: int
    section: str
    section_order: int
    item_order: int
    label: str
    kind: str
    mandatory: bool
    unit: str
    normal_min: float | None
    normal_max: float | None
    choices: tuple[str, ...]
    help: str

    @property
    def range_text(self) -> str:
        """The normal range as people write it: "18–27 ℃", "≥ 80 %", or ""."""
        low, high = _number_text(self.normal_min), _number_text(self.normal_max)
        unit = f" {self.unit}" if self.unit else ""
        if low and high:
            return f"{low}–{high}{unit}"
        if low:
            return f"≥ {low}{unit}"
        if high:
            return f"≤ {high}{unit}"
        return ""


@dataclass(frozen=True)
class Template:
    """A template version: ``shift_type_id`` None means the site-wide template."""

    id: int
    name: str
    shift_code: str | None
    version: int
    status: str
    created_at: str
    created_by: int | None
    items: tuple[TemplateItem, ...]
    shift_type_id: int | None = None

    @property
    def sections(self) -> list[tuple[str, list[TemplateItem]]]:
        grouped: dict[int, tuple[str, list[TemplateItem]]] = {}
        for item in self.items:
            grouped.setdefault(item.section_order, (item.section, []))[1].append(item)
        return [grouped[key] for key in sorted(grouped)]

    @property
    def scope_label(self) -> str:
        return "全站通用" if self.shift_code is None else f"班次 {self.shift_code}"


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def normalise_value(item: TemplateItem, raw: Any) -> tuple[str | None, bool]:
    """Check a value typed for ``item``; returns (stored text or None, flagged).

    Numbers outside the normal range and a check answered "no" are flagged, not refused.
    """
    where = f"item:{item.id}"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, False
    if item.kind == "check":
        if isinstance(raw, bool):
            return (CHECK_YES, False) if raw else (CHECK_NO, True)
        text = str(raw).strip().lower()
        if text in _YES:
            return CHECK_YES, False
        if text in _NO:
            return CHECK_NO, True
        raise ValidationError(
            where,
            f"「{item.label}」只能填写 是 或 否",
            en=f"“{item.label}” takes yes or no",
        )
    if item.kind == "text":
        text = str(raw).strip()
        if len(text) > 2000:
            raise ValidationError(
                where, f"「{item.label}」不能超过 2000 字", en=f"“{item.label}” is over 2000 chars"
            )
        return text, False
    if item.kind == "number":
        try:
            number = float(str(raw).strip().replace("，", "").replace(",", ""))
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ValidationError(
                where,
                f"「{item.label}」必须是数字（单位 {item.unit or '无'}），而不是“{raw}”",
                en=f"“{item.label}” must be a number, not “{raw}”",
            )
        low, high = item.normal_min, item.normal_max
        flagged = (low is not None and number < low) or (high is not None and number > high)
        return _number_text(number), flagged
    text = str(raw).strip()
    if text not in item.choices:
        raise ValidationError(
            where,
            f"「{item.label}」只能选择：{'、'.join(item.choices)}",
            en=f"“{item.label}” must be one of: {', '.join(item.choices)}",
        )
    return text, False


def _clean_item(item: ItemSpec, where: str) -> ItemSpec:
    label = (item.label or "").strip()
    if not label:
        raise ValidationError(where, f"{where}：检查项名称不能为空", en=f"{where}: label is empty")
    if item.kind not in KINDS:
        raise ValidationError(
            where,
            f"{where}「{label}」：未知类型 {item.kind}（可用：check、text、number、choice）",
            en=f"{where} “{label}”: unknown kind {item.kind}",
        )
    unit = (item.unit or "").strip()
    low, high = item.normal_min, item.normal_max
    choices = tuple(c.strip() for c in item.choices if c and c.strip())
    if item.kind != "number" and (unit or low is not None or high is not None):
        raise ValidationError(
            where,
            f"{where}「{label}」：只有数值项可以设置单位和正常范围",
            en=f"{where} “{label}”: only number items have a unit and range",
        )
    if low is not None and high is not None and float(low) > float(high):
        raise ValidationError(
            where,
            f"{where}「{label}」：正常范围下限 {low} 大于上限 {high}",
            en=f"{where} “{label}”: range minimum {low} is above maximum {high}",
        )
    if item.kind == "choice" and len(set(choices)) < 2:
        raise ValidationError(
            where,
            f"{where}「{label}」：选项项至少需要两个不同的选项",
            en=f"{where} “{label}”: a choice item needs at least two options",
        )
    if item.kind != "choice" and choices:
        raise ValidationError(
            where,
            f"{where}「{label}」：只有选项项可以设置选项",
            en=f"{where} “{label}”: only choice items have options",
        )
    return ItemSpec(
        label=label,
        kind=item.kind,
        mandatory=bool(item.mandatory),
        unit=unit,
        normal_min=None if low is None else float(low),
        normal_max=None if high is None else float(high),
        choices=tuple(dict.fromkeys(choices)),
        help=(item.help or "").strip(),
    )


def clean_sections(sections: Sequence[SectionSpec]) -> list[SectionSpec]:
    """Validate a whole template before anything is written; names the section and item."""
    if not sections:
        raise ValidationError("sections", "模板至少需要一个分组", en="A template needs a section")
    cleaned: list[SectionSpec] = []
    labels: set[str] = set()
    for s_index, section in enumerate(sections, start=1):
        title = (section.title or "").strip()
        if not title:
            raise ValidationError(
                "sections", f"第 {s_index} 个分组没有标题", en=f"Section {s_index} has no title"
            )
        if not section.items:
            raise ValidationError(
                "sections",
                f"分组「{title}」没有检查项",
                en=f"Section “{title}” has no items",
            )
        items = []
        for i_index, item in enumerate(section.items, start=1):
            clean = _clean_item(item, f"「{title}」第 {i_index} 项")
            if clean.label in labels:
                raise ValidationError(
                    "sections",
                    f"检查项「{clean.label}」重复出现",
                    en=f"Item “{clean.label}” appears twice",
                )
            labels.add(clean.label)
            items.append(clean)
        cleaned.append(SectionSpec(title, tuple(items)))
    return cleaned


_TEXT = {"type": "string", "maxLength": 500}


def _record(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """The schema of a JSON object with these fields and no others."""
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    """The schema of a JSON array of at least one ``item``."""
    return {"type": "array", "minItems": 1, "items": item}


_ITEM_SCHEMA = _record(
    ["label", "kind"],
    {
        "label": {"type": "string", "minLength": 1, "maxLength": 200},
        "kind": {"type": "string", "enum": list(KINDS)},
        "mandatory": {"type": "boolean"},
        "unit": {"type": "string", "maxLength": 20},
        "normal_min": {"type": ["number", "null"]},
        "normal_max": {"type": ["number", "null"]},
        "choices": {"type": "array", "items": _TEXT},
        "help": _TEXT,
    },
)
_SECTION_SCHEMA = _record(
    ["title", "items"],
    {
        "title": {"type": "string", "minLength": 1, "maxLength": 100},
        "items": _list_of(_ITEM_SCHEMA),
    },
)
TEMPLATE_SCHEMA: dict[str, Any] = _record(
    ["name", "sections"],
    {
        "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "shift_code": {"type": ["string", "null"], "maxLength": 20},
        # Shipped templates say which kinds of shift they serve (site, day, night).
        "applies_to": {
            "type": "array",
            "items": {"type": "string", "enum": ["site", "day", "night"]},
        },
        "sections": _list_of(_SECTION_SCHEMA),
    },
)


def spec_from_json(data: Any) -> tuple[str, str | None, list[SectionSpec]]:
    """Read a template file's content: ``{"name", "shift_code", "sections": [...]}``.

    Checked against ``TEMPLATE_SCHEMA`` first: a malformed file gets a ValidationError
    naming the place (``sections[2].items[1].kind``), never Python's error text.
    """
    try:
        schema.validate(data, TEMPLATE_SCHEMA, root="template")
    except ValidationError as error:
        raise ValidationError(
            error.field,
            f"模板文件格式不对：{error.message}",
            en=f"The template file is malformed: {error.message_en}",
        ) from None
    sections = [
        SectionSpec(
            title=section["title"],
            items=tuple(
                ItemSpec(
                    label=item["label"],
                    kind=item["kind"],
                    mandatory=item.get("mandatory", False),
                    unit=item.get("unit", ""),
                    normal_min=item.get("normal_min"),
                    normal_max=item.get("normal_max"),
                    choices=tuple(item.get("choices", ())),
                    help=item.get("help", ""),
                )
                for item in section["items"]
            ),
        )
        for section in data["sections"]
    ]
    shift_code = data.get("shift_code")
    return data["name"], (None if shift_code in (None, "") else shift_code), sections


def default_template_files() -> list[Path]:
    return sorted((resources_dir() / "templates").glob("handover_*.json"))


def applies_to(data: Mapping[str, Any]) -> frozenset[str]:
    """What a shipped template file applies to: "site", "day" and/or "night"."""
    found = data.get("applies_to")
    if found is None:
        return frozenset({"site"}) if data.get("shift_code") in (None, "") else frozenset()
    return frozenset([found] if isinstance(found, str) else found)


def _item_from_row(row: Mapping[str, Any]) -> TemplateItem:
    return from_row(
        TemplateItem,
        row,
        mandatory=bool(row["mandatory"]),
        choices=tuple(json.loads(row["choices"])),
    )


class TemplateService:
    """Checklist templates; reached as ``desk.handover.templates``."""

    def __init__(self, desk: PeopleContext) -> None:
        self._desk = desk

    def get(self, template_id: int) -> Template:
        row = audit.fetch_row(self._desk.db, "handover_templates", template_id)
        if row is None:
            raise NotFound(f"检查表模板不存在：{template_id}", en=f"No template {template_id}")
        items = [
            _item_from_row(r)
            for r in self._desk.db.query(
                "SELECT * FROM handover_template_items WHERE template_id = ?"
                " ORDER BY section_order, item_order",
                [template_id],
            )
        ]
        return from_row(Template, row, items=tuple(items))

    def item(self, item_id: int) -> TemplateItem:
        row = audit.fetch_row(self._desk.db, "handover_template_items", item_id)
        if row is None:
            raise NotFound(f"检查项不存在：{item_id}", en=f"No checklist item {item_id}")
        return _item_from_row(row)

    def list(self, *, include_superseded: bool = False) -> list[Template]:
        sql = "SELECT id FROM handover_templates"
        if not include_superseded:
            sql += " WHERE status = 'current'"
        sql += " ORDER BY coalesce(shift_code, ''), version DESC"
        return [self.get(row[0]) for row in self._desk.db.execute(sql).fetchall()]

    def _shift_type_id(self, shift_code: str | None) -> int | None:
        """The id of the roster shift type ``shift_code`` (None: site-wide); refuses others."""
        code = (shift_code or "").strip()
        if not code:
            return None
        return self._shift_type("code", code)[0]

    def _shift_type(self, column: str, value: int | str) -> tuple[int, str]:
        """(id, code) of the roster shift type whose ``column`` is ``value``; refuses none."""
        found = self._desk.db.execute(
            f"SELECT id, code FROM shift_types WHERE {column} = ?", [value]
        ).fetchone()
        if found is None:
            raise ValidationError(
                "shift_code",
                f"排班中没有班次类型 {value}",
                en=f"The roster has no shift type {value}",
            )
        return int(found[0]), str(found[1])

    def current(self, shift_code: str | None) -> Template | None:
        """The current template of exactly this scope (None: the site-wide one)."""
        try:
            shift_type_id = self._shift_type_id(shift_code)
        except ValidationError:
            return None
        return self.current_for_type(shift_type_id)

    def current_for_type(self, shift_type_id: int | None) -> Template | None:
        """The current template bound to this shift type (None: the site-wide one)."""
        found = self._desk.db.execute(
            "SELECT id FROM handover_templates WHERE status = 'current'"
            " AND coalesce(shift_type_id, 0) = ?",
            [shift_type_id or 0],
        ).fetchone()
        return self.get(found[0]) if found else None

    def for_shift(self, shift_code: str) -> Template:
        """The template a handover of the shift type ``shift_code`` uses."""
        shift_type_id = self._shift_type_id(shift_code)
        if shift_type_id is None:
            raise ValidationError(
                "shift_code", "请选择排班中的班次类型", en="Choose a shift type of the roster"
            )
        return self.for_shift_type(shift_type_id)

    def for_shift_type(self, shift_type_id: int) -> Template:
        """The template of this shift type: its own, else the site's.

        A shift type that never had a template first gets the shipped one that applies to
        it (day or night), so the shipped templates serve the roster's own shift types.
        """
        found = self.current_for_type(shift_type_id)
        if found is None and not self._has_history(shift_type_id):
            self.install_defaults()
            found = self.current_for_type(shift_type_id)
        found = found or self.current_for_type(None)
        if found is None:
            self.install_defaults()
            found = self.current_for_type(shift_type_id) or self.current_for_type(None)
        if found is None:
            raise NotFound(
                "没有可用的交接班检查表模板，请管理员先创建",
                en="No handover checklist template exists; an administrator must create one",
            )
        return found

    def site_wide(self) -> Template:
        """The current site-wide template (installed from the shipped one if missing)."""
        found = self.current_for_type(None)
        if found is None:
            self.install_defaults()
            found = self.current_for_type(None)
        if found is None:
            raise NotFound(
                "没有全站通用的交接班检查表模板", en="No site-wide handover checklist template"
            )
        return found

    def _has_history(self, shift_type_id: int) -> bool:
        return (
            self._desk.db.execute(
                "SELECT 1 FROM handover_templates WHERE shift_type_id = ?", [shift_type_id]
            ).fetchone()
            is not None
        )

    def save(
        self,
        actor: Person,
        *,
        name: str,
        shift_code: str | None = None,
        sections: Sequence[SectionSpec],
        shift_type_id: int | None = None,
    ) -> Template:
        """Save a new version for this scope; the previous version is kept, superseded.

        The scope is a shift type (``shift_type_id``, or its code ``shift_code``) or, with
        neither, the site; an unknown shift type is refused.
        """
        actor = require(actor, "handover.template.edit", self._desk.db)
        if shift_type_id is None:
            shift_type_id = self._shift_type_id(shift_code)
        return self._save(actor.actor, name=name, shift_type_id=shift_type_id, sections=sections)

    def install_defaults(self, actor: Person | None = None) -> builtins.list[Template]:
        """Install the shipped Chinese templates where none is yet: the site-wide one, and
        for each shift type that never had a template the day or night one."""
        by = audit.Actor.system("defaults")
        if actor is not None:
            actor = require(actor, "handover.template.edit", self._desk.db)
            by = actor.actor
        shift_types = self._desk.db.query(
            "SELECT id, is_night FROM shift_types WHERE active = 1 ORDER BY start_time, id"
        )
        untouched = [
            (int(r["id"]), "night" if r["is_night"] else "day")
            for r in shift_types
            if not self._has_history(int(r["id"]))
        ]
        made = []
        for path in default_template_files():
            data = json.loads(path.read_text("utf-8"))
            name, _, sections = spec_from_json(data)
            scopes = applies_to(data)
            if "site" in scopes and self.current_for_type(None) is None:
                made.append(self._save(by, name=name, shift_type_id=None, sections=sections))
            for shift_type_id, kind in untouched:
                if kind in scopes and self.current_for_type(shift_type_id) is None:
                    made.append(
                        self._save(by, name=name, shift_type_id=shift_type_id, sections=sections)
                    )
        return made

    def _save(
        self,
        by: audit.Actor,
        *,
        name: str,
        shift_type_id: int | None,
        sections: Iterable[SectionSpec],
    ) -> Template:
        name = (name or "").strip()
        if not name:
            raise ValidationError("name", "模板名称不能为空", en="The template needs a name")
        code = None
        if shift_type_id is not None:
            code = self._shift_type("id", shift_type_id)[1]
        cleaned = clean_sections(list(sections))
        db, now = self._desk.db, self._desk.now_iso()
        with db.atomic():
            previous = self.current_for_type(shift_type_id)
            last = db.execute(
                "SELECT max(version) FROM handover_templates WHERE coalesce(shift_type_id, 0) = ?",
                [shift_type_id or 0],
            ).fetchone()[0]
            if previous is not None:
                audit.update(
                    db,
                    "handover_templates",
                    previous.id,
                    {"status": "superseded"},
                    actor=by,
                    at=now,
                    action="supersede",
                )
            template_id = audit.insert(
                db,
                "handover_templates",
                {
                    "name": name,
                    "shift_code": code,
                    "shift_type_id": shift_type_id,
                    "version": (last or 0) + 1,
                    "status": "current",
                    "created_at": now,
                    "created_by": by.person_id,
                },
                actor=by,
                at=now,
            )
            for s_order, section in enumerate(cleaned, start=1):
                for i_order, item in enumerate(section.items, start=1):
                    audit.insert(
                        db,
                        "handover_template_items",
                        {
                            "template_id": template_id,
                            "section": section.title,
                            "section_order": s_order,
                            "item_order": i_order,
                            "label": item.label,
                            "kind": item.kind,
                            "mandatory": int(item.mandatory),
                            "unit": item.unit,
                            "normal_min": item.normal_min,
                            "normal_max": item.normal_max,
                            "choices": json.dumps(list(item.choices), ensure_ascii=False),
                            "help": item.help,
                        },
                        actor=by,
                        at=now,
                    )
        return self.get(template_id)


def template_to_json(template: Template) -> dict[str, Any]:
    """A template in the file format of ``resources/templates/handover_*.json``."""
    sections = []
    for title, items in template.sections:
        rows = []
        for i in items:
            row: dict[str, Any] = {"label": i.label, "kind": i.kind, "mandatory": i.mandatory}
            if i.unit:
                row["unit"] = i.unit
            if i.normal_min is not None:
                row["normal_min"] = i.normal_min
            if i.normal_max is not None:
                row["normal_max"] = i.normal_max
            if i.choices:
                row["choices"] = list(i.choices)
            if i.help:
                row["help"] = i.help
            rows.append(row)
        sections.append({"title": title, "items": rows})
    return {"name": template.name, "shift_code": template.shift_code, "sections": sections}


def sections_of(template: Template) -> list[SectionSpec]:
    """A template's content as specs, the starting point for editing a new version."""
    return [
        SectionSpec(
            title,
            tuple(
                ItemSpec(
                    label=i.label,
                    kind=i.kind,
                    mandatory=i.mandatory,
                    unit=i.unit,
                    normal_min=i.normal_min,
                    normal_max=i.normal_max,
                    choices=i.choices,
                    help=i.help,
                )
                for i in items
            ),
        )
        for title, items in template.sections
    ]
