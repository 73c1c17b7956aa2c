"""Audit export: a consistent copy of the database plus a manifest an auditor can check."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from dutydesk import __version__
from dutydesk.errors import (
    Conflict,
    DatabaseOpenError,
    NotFound,
    UnwritableLocation,
    ValidationError,
)
from dutydesk.people.auth import Person, require
from dutydesk.store import audit
from dutydesk.store import db as storage
from dutydesk.store.migrations import schema_version

if TYPE_CHECKING:
    from dutydesk.desk import Desk


@dataclass(frozen=True)
class Manifest:
    exporter: str
    exporter_id: int | None
    exported_at: str
    site_name: str
    app_version: str
    schema_version: int
    migrations: list[str]
    row_counts: dict[str, int]
    audit_rows: int
    audit_head_hash: str
    file_name: str
    file_sha256: str
    file_size: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_file(cls, path: Path | str) -> Manifest:
        """Read a manifest; a missing, unreadable or foreign file is a user error."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFound(
                f"清单文件不存在：{path}", en=f"The manifest does not exist: {path}"
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise ValidationError(
                "manifest",
                f"无法读取清单文件 {path.name}：{error}",
                en=f"Cannot read the manifest {path.name}: {error}",
            ) from None
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) != names:
            missing = sorted(names - set(data)) if isinstance(data, dict) else sorted(names)
            raise ValidationError(
                "manifest",
                f"{path.name} 不是 DutyDesk 审计导出清单（缺少字段：{', '.join(missing) or '-'}）",
                en=f"{path.name} is not a DutyDesk export manifest "
                f"(missing: {', '.join(missing) or '-'})",
            )
        return cls(**data)


def manifest_path_for(copy: Path) -> Path:
    return copy.with_name(copy.name + ".manifest.json")


def export_for_audit(desk: Desk, dest: Path | str, *, exporter: Person | None) -> Manifest:
    """Record the export in the audit trail, copy the file, then describe the copy.

    ``exporter`` None means the command line, attributed to the operating-system user.
    """
    dest = Path(dest)
    if not dest.parent.is_dir():
        raise UnwritableLocation(
            f"导出目录不存在：{dest.parent}", en=f"The export folder does not exist: {dest.parent}"
        )
    if not os.access(dest.parent, os.W_OK):  # before the export is written to the trail
        raise UnwritableLocation(
            f"导出目录不可写：{dest.parent}", en=f"The export folder is not writable: {dest.parent}"
        )
    for existing in (dest, manifest_path_for(dest)):
        if existing.exists():
            raise Conflict(
                f"目标文件已存在，审计导出不会覆盖它：{existing}",
                en=f"{existing} exists; an audit export never overwrites a file",
            )
    if exporter is not None:
        exporter = require(exporter, "audit.export", desk.db)
        actor = exporter.actor
    else:
        actor = audit.Actor.system(f"command line ({getpass.getuser()})")
    now = desk.now_iso()
    audit.record(
        desk.db,
        actor=actor,
        at=now,
        action="audit_export",
        entity="database",
        entity_id=None,
        after={"file_name": dest.name},
    )
    storage.backup_to(desk.db, dest)
    copy = storage.open_readonly(dest)
    try:
        counts = storage.table_counts(copy)
        rows, head_hash = audit.head(copy)
        applied = storage.applied_migrations(copy)
    finally:
        copy.close()
    manifest = Manifest(
        exporter=actor.label,
        exporter_id=actor.person_id,
        exported_at=now,
        site_name=desk.settings.get("site_name"),
        app_version=__version__,
        schema_version=schema_version(),
        migrations=applied,
        row_counts=counts,
        audit_rows=rows,
        audit_head_hash=head_hash,
        file_name=dest.name,
        file_sha256=storage.file_sha256(dest),
        file_size=dest.stat().st_size,
    )
    manifest_path_for(dest).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def compare_with_manifest(manifest: Manifest, copy: Path | str) -> list[str]:
    """Which manifest fields the file at ``copy`` no longer matches (empty: all match).

    Checks the file's sha256 and size, the audit head and row count, and the row counts.
    """
    copy = Path(copy)
    mismatches: list[str] = []
    if storage.file_sha256(copy) != manifest.file_sha256:
        mismatches.append("file_sha256")
    if copy.stat().st_size != manifest.file_size:
        mismatches.append("file_size")
    try:
        db = storage.open_readonly(copy)
    except DatabaseOpenError:
        return [*mismatches, "database"]
    try:
        rows, head_hash = audit.head(db)
        if head_hash != manifest.audit_head_hash:
            mismatches.append("audit_head_hash")
        if rows != manifest.audit_rows:
            mismatches.append("audit_rows")
        if storage.table_counts(db) != manifest.row_counts:
            mismatches.append("row_counts")
    except sqlite3.DatabaseError:
        mismatches.append("database")  # damaged pages: the copy is not what was exported
    finally:
        db.close()
    return mismatches


def check_export(copy: Path | str) -> list[str]:
    """Offline check of an exported copy against its manifest; returns the mismatches."""
    copy = Path(copy)
    return compare_with_manifest(Manifest.from_file(manifest_path_for(copy)), copy)
