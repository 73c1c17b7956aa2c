"""A small JSON-Schema subset for imported files, with messages that name the place.

Imported files (checklist templates, process definitions) are checked against a schema
before anything is built from them, so that a malformed file gets one message naming the
field and what was expected (``sections[2].items[0].kind：应为以下之一 …``), never
Python's own error text. The vocabulary is JSON Schema's (``type``, ``properties``,
``required``, ``additionalProperties``, ``items``, ``enum``, ``minLength``,
``maxLength``, ``minItems``, ``maxItems``, ``minimum``, ``maximum``), so the schemas are
valid JSON Schema documents too; jsonschema itself is not a dependency because its
messages are English-only and name no field the way a duty officer reads it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from dutydesk.errors import ValidationError

_TYPES: dict[str, tuple[tuple[type, ...], str, str]] = {
    "object": ((dict,), "对象", "an object"),
    "array": ((list,), "列表", "a list"),
    "string": ((str,), "文本", "text"),
    "integer": ((int,), "整数", "a whole number"),
    "number": ((int, float), "数字", "a number"),
    "boolean": ((bool,), "是/否（true/false）", "true or false"),
    "null": ((type(None),), "空值", "null"),
}


def _path(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key + 1}]"
    return f"{where}.{key}" if where else key


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a document does not fit its schema."""

    where: str
    message: str
    message_en: str

    def error(self) -> ValidationError:
        return ValidationError(
            self.where, f"{self.where}：{self.message}", en=f"{self.where}: {self.message_en}"
        )


def _is_type(value: Any, name: str) -> bool:
    types = _TYPES[name][0]
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, types)


def validate(value: Any, schema: Mapping[str, Any], *, root: str = "file", where: str = "") -> Any:
    """Raise ValidationError (field = the path, counted from 1) unless ``value`` fits."""
    for problem in _problems(value, schema, root, where):
        raise problem.error()
    return value


def problems(value: Any, schema: Mapping[str, Any], *, root: str = "file") -> list[SchemaProblem]:
    """Every place where ``value`` does not fit (an editor shows them all at once)."""
    return list(_problems(value, schema, root, ""))


def _problems(
    value: Any, schema: Mapping[str, Any], root: str, where: str
) -> Iterator[SchemaProblem]:
    place = where or root

    def fail(zh: str, en: str, at: str | None = None) -> SchemaProblem:
        return SchemaProblem(at or place, zh, en)

    wanted = schema.get("type")
    if wanted is not None:
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        if not any(_is_type(value, name) for name in names):
            zh = "或".join(_TYPES[n][1] for n in names)
            en = " or ".join(_TYPES[n][2] for n in names)
            yield fail(f"应为{zh}", f"must be {en}")
            return
    if "enum" in schema and value not in schema["enum"]:
        choices = "、".join(str(c) for c in schema["enum"])
        yield fail(f"应为以下之一：{choices}", f"must be one of: {choices}")
        return
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0):
            yield fail("不能为空", "must not be empty")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            limit = schema["maxLength"]
            yield fail(f"不能超过 {limit} 个字符", f"is longer than {limit}")
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            yield fail(f"不能小于 {schema['minimum']}", f"is below {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            yield fail(f"不能大于 {schema['maximum']}", f"is above {schema['maximum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            yield fail(f"至少需要 {schema['minItems']} 项", f"needs {schema['minItems']}+")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield fail(f"最多 {schema['maxItems']} 项", f"max {schema['maxItems']}")
        if "items" in schema:
            for index, item in enumerate(value):
                yield from _problems(item, schema["items"], root, _path(where, index))
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                yield fail("缺少此项", "is missing", _path(where, key))
        properties = schema.get("properties", {})
        if schema.get("additionalProperties", True) is False:
            for extra in (k for k in value if k not in properties):
                yield fail(
                    f"未知的项（可用：{'、'.join(properties)}）",
                    f"is not a known field (known: {', '.join(properties)})",
                    _path(where, str(extra)),
                )
        for key, sub in properties.items():
            if key in value:
                yield from _problems(value[key], sub, root, _path(where, key))
