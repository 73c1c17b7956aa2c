"""Site settings kept in the database (audited), with typed defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dutydesk.errors import PermissionDenied, ValidationError
from dutydesk.store import audit

if TYPE_CHECKING:
    from dutydesk.store.context import Acting, StoreContext


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    label_zh: str
    label_en: str
    minimum: int | None = None
    maximum: int | None = None


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("site_name", "值班室", "站点名称", "Site name"),
        SettingSpec("site_timezone", "Asia/Shanghai", "站点时区", "Site time zone"),
        SettingSpec("idle_lock_minutes", "10", "空闲锁定（分钟）", "Idle lock (minutes)", 1, 240),
        SettingSpec("backup_keep", "10", "保留自动备份份数", "Automatic backups kept", 1, 365),
        SettingSpec(
            "handover_tolerance_minutes",
            "15",
            "交接班准时容差（分钟）",
            "On-time handover tolerance (minutes)",
            0,
            240,
        ),
    )
}


def _validate(spec: SettingSpec, value: str) -> str:
    value = (value or "").strip()
    if spec.minimum is not None:
        try:
            number = int(value)
        except ValueError:
            raise ValidationError(
                spec.key, f"{spec.label_zh}必须是整数", en=f"{spec.label_en} must be a whole number"
            ) from None
        if not spec.minimum <= number <= (spec.maximum or number):
            raise ValidationError(
                spec.key,
                f"{spec.label_zh}必须在 {spec.minimum}–{spec.maximum} 之间",
                en=f"{spec.label_en} must be between {spec.minimum} and {spec.maximum}",
            )
        return str(number)
    if not value:
        raise ValidationError(
            spec.key, f"{spec.label_zh}不能为空", en=f"{spec.label_en} is required"
        )
    if spec.key == "site_timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                spec.key, f"未知时区：{value}", en=f"Unknown time zone: {value}"
            ) from None
    return value


class SettingsService:
    def __init__(self, desk: StoreContext) -> None:
        self._desk = desk

    def get(self, key: str) -> str:
        spec = SPECS[key]
        found = self._desk.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return found[0] if found else spec.default

    def get_int(self, key: str) -> int:
        return int(self.get(key))

    def site_zone(self) -> ZoneInfo:
        """The duty room's time zone (setting ``site_timezone``); see dutydesk.clock."""
        return ZoneInfo(self.get("site_timezone"))

    def all(self) -> dict[str, str]:
        return {key: self.get(key) for key in SPECS}

    def set(self, actor: Acting | None, key: str, value: Any) -> str:
        """Change a setting; ``actor`` None only during first-run set-up."""
        if key not in SPECS:
            raise ValidationError(key, f"未知设置项：{key}", en=f"Unknown setting: {key}")
        by = audit.Actor.system("setup")
        if actor is None:
            # First-run set-up only: once anyone exists, an administrator must act.
            if self._desk.db.execute("SELECT 1 FROM people LIMIT 1").fetchone():
                raise PermissionDenied(
                    "只有管理员可以修改站点设置", en="Only an administrator may change settings"
                )
        else:
            actor.require("settings.edit", self._desk.db)
            by = actor.actor
        clean = _validate(SPECS[key], str(value))
        db = self._desk.db
        now = self._desk.now_iso()
        # Look and write under one write lock: two programs setting a new key at once
        # must not both decide to insert it.
        with db.atomic():
            found = db.execute("SELECT id FROM settings WHERE key = ?", [key]).fetchone()
            if found:
                audit.update(db, "settings", found[0], {"value": clean}, actor=by, at=now)
            else:
                audit.insert(db, "settings", {"key": key, "value": clean}, actor=by, at=now)
        return clean
