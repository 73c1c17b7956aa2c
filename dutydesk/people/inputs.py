"""Input checks every area shares: required and optional text, dates, person ids, site today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutydesk.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from dutydesk.people.context import PeopleContext


def clean_text(
    field: str, value: str | None, label_zh: str, label_en: str, *, limit: int = 200
) -> str:
    """The stripped text, which must not be empty and not be longer than ``limit``."""
    text = optional_text(field, value, label_zh, label_en, limit)
    if not text:
        raise ValidationError(field, f"{label_zh}不能为空", en=f"{label_en} is required")
    return text


def optional_text(field: str, value: str | None, label_zh: str, label_en: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(
            field,
            f"{label_zh}不能超过 {limit} 个字符",
            en=f"{label_en} is longer than {limit} characters",
        )
    return text


def check_person(desk: PeopleContext, person_id: int | None, field: str) -> None:
    if person_id is None:
        return
    try:
        desk.people.get(person_id)
    except NotFound:
        raise ValidationError(
            field, f"人员不存在：{person_id}", en=f"No such person: {person_id}"
        ) from None
