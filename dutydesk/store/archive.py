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
from dutydesk.store import audit
from dutydesk.store import db as storage
from dutydesk.store.migrations import schema_version

if TYPE_CHECKING:
    from dutydesk.store.context import Acting, StoreContext


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


def export_for_audit(desk: StoreContext, dest: Path | str, *, exporter: Acting | None) -> Manifest:
    """Copy the file, record the export in the trail (live file and copy), describe the copy.

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
        exporter.require("audit.export", desk.db)
        actor = exporter.actor
    else:
        actor = audit.Actor.system(f"command line ({getpass.getuser()})")
    staged = dest.with_name(dest.name + ".exporting")
    staged_manifest = dest.with_name(dest.name + ".manifest.exporting")
    try:
        for _attempt in range(5):
            manifest = _export_once(desk, dest, staged, staged_manifest, actor)
            if manifest is not None:
                return manifest
        raise Conflict(
            "数据库一直在被其他程序修改，导出未完成，请稍后再试",
            en="The database kept changing under other programs; try the export again",
        )
    except BaseException:
        for leftover in (staged, staged_manifest):
            leftover.unlink(missing_ok=True)
        raise


class _Moved(Exception):
    """Another connection committed between the copy and the export's own transaction."""


def _data_version(desk: StoreContext) -> int:
    return int(desk.db.execute("PRAGMA data_version").fetchone()[0])


def _export_once(
    desk: StoreContext, dest: Path, staged: Path, staged_manifest: Path, actor: audit.Actor
) -> Manifest | None:
    """Copy, then record the export in the live trail and the copy in one transaction.

    The copy is made first (a long read); the export's audit row is then written to the
    live file and appended to the copy, and the files are put in place, all before the
    live transaction commits. Any failure (disk full, say) rolls the audit row back and
    removes both files: no trail of an export that does not exist, no partial file.
    Returns None when another program wrote in between (the caller tries again).
    """
    version = _data_version(desk)
    storage.backup_to(desk.db, staged)
    placed = False
    try:
        with desk.db.atomic():
            if _data_version(desk) != version:
                raise _Moved
            now = desk.now_iso()
            seq = audit.record(
                desk.db,
                actor=actor,
                at=now,
                action="audit_export",
                entity="database",
                entity_id=None,
                after={"file_name": dest.name},
            )
            cursor = desk.db.execute("SELECT * FROM audit_log WHERE seq = ?", [seq])
            names = [c[0] for c in cursor.description]
            row = cursor.fetchone()
            _append_to_copy(staged, names, row)
            manifest = _describe(desk, staged, dest.name, actor, now)
            with staged_manifest.open("w", encoding="utf-8") as handle:
                handle.write(manifest.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(staged, dest)
            os.replace(staged_manifest, manifest_path_for(dest))
            placed = True
    except _Moved:
        staged.unlink(missing_ok=True)
        return None
    except BaseException:
        if placed:  # the commit itself failed: the files describe nothing that happened
            dest.unlink(missing_ok=True)
            manifest_path_for(dest).unlink(missing_ok=True)
        raise
    return manifest


def _append_to_copy(copy: Path, names: list[str], row: tuple[object, ...]) -> None:
    conn = sqlite3.connect(str(copy))
    try:
        columns = ", ".join(names)
        marks = ", ".join("?" for _ in names)
        with conn:
            conn.execute(f"INSERT INTO audit_log ({columns}) VALUES ({marks})", row)
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _describe(
    desk: StoreContext, copy: Path, file_name: str, actor: audit.Actor, now: str
) -> Manifest:
    db = storage.open_readonly(copy)
    try:
        counts = storage.table_counts(db)
        rows, head_hash = audit.head(db)
        applied = storage.applied_migrations(db)
    finally:
        db.close()
    return Manifest(
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
        file_name=file_name,
        file_sha256=storage.file_sha256(copy),
        file_size=copy.stat().st_size,
    )


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
