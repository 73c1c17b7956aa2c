"""Training materials (培训资料): slides, videos and documents for a course or a process step.

A material is kept inside the database like an incident attachment (bytes with sha256,
type and size; at most ``MAX_MATERIAL_BYTES``), so an exported file is complete. A video
too large for that may be linked by its path instead: the sha256 and size are taken when
it is linked and checked whenever it is opened, so a changed or missing file is reported,
never shown silently. Materials are added and removed (each with its audit row), not edited.
"""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from dutydesk.errors import Conflict, ValidationError
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person, register_permissions
from dutydesk.people.auth import require as require_permission
from dutydesk.people.inputs import optional_text
from dutydesk.store import audit, files
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import found
from dutydesk.training.context import TrainingContext

register_permissions(
    {
        "materials.read": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
        "materials.manage": frozenset({LEADER, ADMIN}),
    }
)
audit.register_table(audit.AuditedTable("training_materials"))

MAX_MATERIAL_BYTES = 20 * 1024 * 1024  # also a CHECK in the schema
NOUN = ("培训资料", "training material")

MATERIAL_KINDS: dict[str, tuple[str, str]] = {
    "slides": ("演示文稿", "Slides"),
    "video": ("视频", "Video"),
    "document": ("文档", "Document"),
    "image": ("图片", "Image"),
}

# suffix → (MIME type, kind)
MATERIAL_TYPES: dict[str, tuple[str, str]] = {
    ".ppt": ("application/vnd.ms-powerpoint", "slides"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "slides",
    ),
    ".dps": ("application/vnd.ms-powerpoint", "slides"),
    ".odp": ("application/vnd.oasis.opendocument.presentation", "slides"),
    ".pdf": ("application/pdf", "document"),
    ".doc": ("application/msword", "document"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "document",
    ),
    ".wps": ("application/vnd.ms-works", "document"),
    ".odt": ("application/vnd.oasis.opendocument.text", "document"),
    ".xls": ("application/vnd.ms-excel", "document"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"),
    ".ofd": ("application/ofd", "document"),
    ".txt": ("text/plain", "document"),
    ".md": ("text/markdown", "document"),
    ".mp4": ("video/mp4", "video"),
    ".m4v": ("video/mp4", "video"),
    ".mov": ("video/quicktime", "video"),
    ".avi": ("video/x-msvideo", "video"),
    ".mkv": ("video/x-matroska", "video"),
    ".wmv": ("video/x-ms-wmv", "video"),
    ".webm": ("video/webm", "video"),
    ".png": ("image/png", "image"),
    ".jpg": ("image/jpeg", "image"),
    ".jpeg": ("image/jpeg", "image"),
    ".gif": ("image/gif", "image"),
    ".bmp": ("image/bmp", "image"),
    ".webp": ("image/webp", "image"),
}
_MIME = {suffix: mime for suffix, (mime, _kind) in MATERIAL_TYPES.items()}
TOO_LARGE_HINT = "；较大的视频请改用“链接文件”按路径登记"


@dataclass(frozen=True)
class Material:
    id: int
    course_id: int | None
    step_key: str | None
    title: str
    kind: str  # MATERIAL_KINDS
    filename: str
    mime_type: str
    size: int
    sha256: str
    linked_path: str | None
    added_at: str
    added_by: int
    added_by_name: str

    @property
    def linked(self) -> bool:
        return self.linked_path is not None

    @property
    def size_text(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / 1048576:.1f} MB"
        if self.size >= 1024:
            return f"{self.size / 1024:.0f} KB"
        return f"{self.size} B"


@dataclass(frozen=True)
class OpenedMaterial:
    """What opening gives: the bytes of a stored material, or the checked linked path."""

    material: Material
    data: bytes | None
    path: Path | None


_SELECT = (
    "SELECT m.id, m.course_id, m.step_key, m.title, m.kind, m.filename, m.mime_type, m.size,"
    " m.sha256, m.linked_path, m.added_at, m.added_by, p.name FROM training_materials m"
    " JOIN people p ON p.id = m.added_by"
)


class MaterialService(AreaService[TrainingContext]):
    """Materials of courses (``course_id``) and of process steps (``step_key``)."""

    def __init__(self, desk: TrainingContext) -> None:
        super().__init__(desk)
        # Step key → step name of the process (published and draft); joined in connections.
        self.step_names_provider: Callable[[], dict[str, str]] | None = None

    # -- reading -----------------------------------------------------------------------------

    def get(self, material_id: int) -> Material:
        row = self._db.execute(f"{_SELECT} WHERE m.id = ?", [material_id]).fetchone()
        return Material(*found(row, NOUN, material_id))

    def list(
        self, *, course_id: int | None = None, step_key: str | None = None
    ) -> builtins.list[Material]:
        """Materials of one course, of one step, or (neither given) all of them."""
        where, params = "", builtins.list[object]()
        if course_id is not None:
            where, params = " WHERE m.course_id = ?", [course_id]
        elif step_key is not None:
            where, params = " WHERE m.step_key = ?", [step_key]
        rows = self._db.execute(f"{_SELECT}{where} ORDER BY m.id", params).fetchall()
        return [Material(*r) for r in rows]

    def by_step(self) -> dict[str, builtins.list[Material]]:
        """Every step's materials, keyed by step key (for the manual)."""
        out: dict[str, list[Material]] = {}
        for material in self.list():
            if material.step_key is not None:
                out.setdefault(material.step_key, []).append(material)
        return out

    def step_names(self) -> dict[str, str]:
        return {} if self.step_names_provider is None else self.step_names_provider()

    # -- adding and removing -----------------------------------------------------------------

    def _owner(self, course_id: int | None, step_key: str | None) -> tuple[int | None, str | None]:
        if (course_id is None) == (step_key in (None, "")):
            raise ValidationError(
                "owner",
                "培训资料须属于一门课程或一个流程步骤（二者选一）",
                en="A material belongs to one course or one process step",
            )
        if course_id is not None:
            self._desk.training.course(course_id)
            return course_id, None
        key = str(step_key).strip()
        names = self.step_names()
        if self.step_names_provider is not None and key not in names:
            raise ValidationError(
                "step_key",
                f"流程中没有编号为 {key} 的步骤",
                en=f"The process has no step {key}",
            )
        return None, key

    def _title(self, title: str, filename: str) -> str:
        text = optional_text("title", title, "资料名称", "Title", 120)
        return text or PurePath(filename).stem or filename

    def _store(
        self,
        actor: Person,
        course_id: int | None,
        step_key: str | None,
        title: str,
        checked: files.CheckedFile,
        *,
        data: bytes | None = None,
        linked_path: str | None = None,
    ) -> Material:
        """One row: the file's bytes (``data``) or where it lives (``linked_path``)."""
        now = self._desk.now_iso()
        values = {
            "course_id": course_id,
            "step_key": step_key,
            "title": self._title(title, checked.name),
            "kind": MATERIAL_TYPES[checked.suffix][1],
            "filename": checked.name,
            "mime_type": checked.mime_type,
            "size": checked.size,
            "sha256": checked.sha256,
            "data": data,
            "linked_path": linked_path,
            "added_at": now,
            "added_by": actor.id,
        }
        material_id = self._insert(
            "training_materials", values, by=actor, at=now, action="material_add"
        )
        return self.get(material_id)

    def add(
        self,
        actor: Person,
        *,
        filename: str,
        data: bytes,
        title: str = "",
        course_id: int | None = None,
        step_key: str | None = None,
    ) -> Material:
        """Store a file inside the database (at most 20 MB; a larger video: ``link``)."""
        actor = require_permission(actor, "materials.manage", self._db)
        course, key = self._owner(course_id, step_key)
        checked = files.check_file(
            filename,
            data,
            types=_MIME,
            max_bytes=MAX_MATERIAL_BYTES,
            noun=NOUN,
            hint=TOO_LARGE_HINT,
        )
        return self._store(actor, course, key, title, checked, data=bytes(data))

    def link(
        self,
        actor: Person,
        *,
        path: Path | str,
        title: str = "",
        course_id: int | None = None,
        step_key: str | None = None,
    ) -> Material:
        """Register a file by its path (any size); its sha256 is checked when opened."""
        actor = require_permission(actor, "materials.manage", self._db)
        course, key = self._owner(course_id, step_key)
        where, checked = files.check_path(path, _MIME, noun=NOUN)
        return self._store(actor, course, key, title, checked, linked_path=str(where))

    def remove(self, actor: Person, material_id: int) -> None:
        actor = require_permission(actor, "materials.manage", self._db)
        self.get(material_id)
        audit.delete(
            self._db,
            "training_materials",
            material_id,
            actor=actor.actor,
            at=self._desk.now_iso(),
            action="material_remove",
        )

    # -- opening -------------------------------------------------------------------------------

    def open(self, actor: Person, material_id: int) -> OpenedMaterial:
        """The stored bytes, or the linked path after checking it is the file that was linked.

        A linked file that is gone raises NotFound, one whose content changed Conflict.
        """
        require_permission(actor, "materials.read", self._db)
        material = self.get(material_id)
        if material.linked_path is not None:
            path = files.check_linked(
                material.linked_path, material.sha256, material.size, title=material.title
            )
            return OpenedMaterial(material, None, path)
        found = self._db.execute(
            "SELECT data FROM training_materials WHERE id = ?", [material_id]
        ).fetchone()
        data = bytes(found[0])
        if hashlib.sha256(data).hexdigest() != material.sha256:
            raise Conflict(
                f"培训资料「{material.title}」的内容与登记的 SHA-256 不符（数据库被改动），"
                "请运行“校验数据库”",
                en=f"The stored material {material.title!r} does not match its sha256; run verify",
            )
        return OpenedMaterial(material, data, None)
