"""Small input helpers shared by the questionnaire, training and plan modules."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dutydesk import limits
from dutydesk.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from dutydesk.desk import Desk


def site_today(desk: Desk) -> date:
    """Today's date at the duty room (the site time zone), from the desk's clock."""
    return desk.clock().astimezone(ZoneInfo(desk.settings.get("site_timezone"))).date()


def clean_text(
    field: str, value: str | None, label_zh: str, label_en: str, *, limit: int = 200
) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label_zh}不能为空", en=f"{label_en} is required")
    if len(text) > limit:
        raise ValidationError(
            field,
            f"{label_zh}不能超过 {limit} 个字符",
            en=f"{label_en} is longer than {limit} characters",
        )
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


def parse_day(field: str, value: date | str | None, label_zh: str, label_en: str) -> date:
    if isinstance(value, date):
        return limits.check_day(value, field)
    try:
        return limits.check_day(date.fromisoformat((value or "").strip()), field)
    except (ValueError, AttributeError):
        raise ValidationError(
            field,
            f"{label_zh}不是有效日期（YYYY-MM-DD）：{value!r}",
            en=f"{label_en} is not a valid date (YYYY-MM-DD): {value!r}",
        ) from None


def check_person(desk: Desk, person_id: int | None, field: str) -> None:
    if person_id is None:
        return
    try:
        desk.people.get(person_id)
    except NotFound:
        raise ValidationError(
            field, f"人员不存在：{person_id}", en=f"No such person: {person_id}"
        ) from None
