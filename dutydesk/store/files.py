"""Files kept inside the database (incident attachments, training materials).

One place checks what may be stored — a plain file name, an allowed type, not empty, not
over the size limit — and computes the sha256, type and size that go beside the bytes.
A file too large to keep inside the database may be linked by path instead; its sha256 is
taken when linked and checked again whenever it is opened (``check_linked``).
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

from dutydesk.errors import Conflict, NotFound, ValidationError
from dutydesk.store.db import file_sha256

MAX_FILE_NAME = 200
MB = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """What goes beside the bytes: the plain name, its type, size and sha256."""

    name: str
    suffix: str
    mime_type: str
    size: int
    sha256: str


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def clean_file_name(
    filename: str, types: Mapping[str, str], *, noun: tuple[str, str] = ("附件", "attachment")
) -> tuple[str, str]:
    """The plain name (no folders) and its lower-case suffix, which must be in ``types``."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    if not name:
        raise ValidationError("filename", f"{noun[0]}缺少文件名", en="The file has no name")
    if len(name) > MAX_FILE_NAME:
        raise ValidationError("filename", "文件名过长", en="The file name is too long")
    suffix = PurePath(name).suffix.lower()
    if suffix not in types:
        allowed = " ".join(sorted(types))
        raise ValidationError(
            "filename",
            f"不支持的{noun[0]}类型 {suffix or '（无扩展名）'}：{name}；允许 {allowed}",
            en=f"Unsupported {noun[1]} type {suffix or '(none)'}: {name}; allowed {allowed}",
        )
    return name, suffix


def check_size(name: str, size: int, max_bytes: int, noun: tuple[str, str], hint: str = "") -> None:
    """Refuse an empty file and one over ``max_bytes``, saying how large it is."""
    if size <= 0:
        raise ValidationError("data", f"{noun[0]} {name} 是空文件", en=f"{name} is empty")
    if size > max_bytes:
        raise ValidationError(
            "data",
            f"{noun[0]} {name} 大小 {_mb(size)} MB，超过上限 {max_bytes // MB} MB{hint}",
            en=f"{name} is {_mb(size)} MB; the limit is {max_bytes // MB} MB"
            + (" (link a large file by its path instead)" if hint else ""),
        )


def check_file(
    filename: str,
    data: bytes,
    *,
    types: Mapping[str, str],
    max_bytes: int,
    mime_type: str | None = None,
    noun: tuple[str, str] = ("附件", "attachment"),
    hint: str = "",
) -> CheckedFile:
    """Check a file to be stored in the database; ``types`` maps suffix → MIME type."""
    name, suffix = clean_file_name(filename, types, noun=noun)
    check_size(name, len(data or b""), max_bytes, noun, hint)
    mime = mime_type or types.get(suffix) or mimetypes.guess_type(name)[0]
    return CheckedFile(
        name=name,
        suffix=suffix,
        mime_type=mime or "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_path(
    path: Path | str, types: Mapping[str, str], *, noun: tuple[str, str]
) -> tuple[Path, CheckedFile]:
    """A file to be linked by path: it must exist, be readable and of an allowed type."""
    text = str(path or "").strip()
    if not text:
        raise ValidationError("path", "请填写文件路径", en="Give the file's path")
    where = Path(text).expanduser()
    if not where.is_absolute():
        raise ValidationError(
            "path", f"请填写完整路径（绝对路径）：{text}", en=f"Give the full path: {text}"
        )
    name, suffix = clean_file_name(where.name, types, noun=noun)
    if not where.is_file():
        raise ValidationError("path", f"文件不存在：{where}", en=f"No such file: {where}")
    try:
        size = where.stat().st_size
        digest = file_sha256(where)
    except OSError as error:
        raise ValidationError(
            "path", f"无法读取文件 {where}：{error.strerror}", en=f"Cannot read {where}"
        ) from None
    if size <= 0:
        raise ValidationError("path", f"{noun[0]} {name} 是空文件", en=f"{name} is empty")
    mime = types.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return where, CheckedFile(name, suffix, mime, size, digest)


def check_linked(path: Path | str, sha256: str, size: int, *, title: str) -> Path:
    """The linked file at ``path`` if it is still the file that was linked.

    Raises NotFound when it is gone and Conflict when its content changed (size or hash).
    """
    where = Path(path)
    if not where.is_file():
        raise NotFound(
            f"「{title}」链接的文件不存在：{where}（已被移动或删除），请重新链接",
            en=f"The file linked for {title!r} is missing: {where}; link it again",
        )
    try:
        changed = where.stat().st_size != size or file_sha256(where) != sha256
    except OSError as error:
        raise NotFound(
            f"无法读取「{title}」链接的文件 {where}：{error.strerror}",
            en=f"Cannot read the file linked for {title!r}: {where}",
        ) from None
    if changed:
        raise Conflict(
            f"「{title}」链接的文件 {where} 已被改动（SHA-256 与登记时不同），请核对后重新链接",
            en=f"The file linked for {title!r} ({where}) has changed since it was linked"
            " (sha256 differs); check it and link it again",
        )
    return where
