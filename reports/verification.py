"""The verification/export summary (数据库校验报告): what an auditor signs off on paper.

It states which file was checked (path, size, sha256), its schema, how many rows each
table holds, the audit chain's length and head hash, every problem verify found (check,
table, row, message) and, for an audit export, the manifest and whether the file still
matches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfoNotFoundError

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dutydesk.clock import format_site_time
from dutydesk.store import archive
from dutydesk.store import db as storage
from dutydesk.store.migrations import known_migration_names, schema_version
from dutydesk.store.verify import VerifyProblem, VerifyReport
from reports.document import (
    DocumentInfo,
    data_table,
    key_value_table,
    paragraph,
    styles,
    titled_pdf,
)

if TYPE_CHECKING:
    from dutydesk.desk import Desk

TITLE = "数据库校验报告"
OK_GREEN = colors.HexColor("#1e7b34")
ALERT_RED = colors.HexColor("#b42318")

CHECK_LABELS = {
    "integrity": "存储完整性",
    "foreign_keys": "外键",
    "audit_chain": "审计哈希链",
    "records": "记录与审计一致",
    "signatures": "电子签名",
    "schema": "数据库结构",
    "search_index": "搜索索引",
    "manifest": "审计导出清单",
    "head": "审计链头哈希",
}

MANIFEST_LABELS = {
    "file_sha256": "文件 SHA-256",
    "file_size": "文件大小",
    "audit_head_hash": "审计链头哈希",
    "audit_rows": "审计记录条数",
    "row_counts": "各表行数",
    "database": "数据库文件（无法打开）",
}


def _local_time(iso: str, timezone: str) -> str:
    """``2026-11-25 16:00:00 (Asia/Shanghai)``; falls back to the stored UTC text."""
    try:
        return f"{format_site_time(iso, timezone, seconds=True)} ({timezone})"
    except (ValueError, ZoneInfoNotFoundError):
        return iso


def _size(n: int) -> str:
    return f"{n:,} 字节" + (f"（{n / 1048576:.1f} MB）" if n >= 1048576 else "")


def _wal_note(path: Path | None) -> list[tuple[str, str]]:
    """A live database may hold committed changes in its WAL file, outside the hash above."""
    wal = Path(f"{path}-wal") if path is not None else None
    if wal is None or not wal.is_file() or wal.stat().st_size == 0:
        return []
    return [
        (
            "WAL 日志",
            f"{_size(wal.stat().st_size)}：数据库正在使用，部分已提交的更改尚在 WAL 中，"
            "上面的 SHA-256 只针对主文件。审计请使用导出文件。",
        )
    ]


def _status_line(text: str, colour: colors.Color) -> Flowable:
    base = styles().heading
    style = ParagraphStyle("status", parent=base, textColor=colour, fontSize=13)
    return paragraph(text, style)


def _problem_rows(problems: tuple[VerifyProblem, ...]) -> list[list[str]]:
    return [
        [
            CHECK_LABELS.get(p.check, p.check),
            p.table,
            p.row,
            p.message,
        ]
        for p in problems
    ]


def build_verification_report(
    desk: Desk,
    report: VerifyReport,
    out: Path | str | None = None,
    *,
    manifest: archive.Manifest | None = None,
) -> bytes:
    """The PDF bytes of the verification summary of ``desk``'s file; written to ``out``."""
    s = styles()
    site = desk.settings.get("site_name")
    timezone = desk.settings.get("site_timezone")
    now = desk.now_iso()
    path = Path(desk.path) if desk.path is not None else None
    digest = storage.file_sha256(path) if path is not None and path.is_file() else "-"
    applied = storage.applied_migrations(desk.db)
    counts = storage.table_counts(desk.db)
    stamp = now.replace("-", "").replace(":", "").replace("T", "-")[:15]
    info = DocumentInfo(
        title=TITLE,
        document_id=f"VR-{stamp}-{report.audit_head[:8]}",
        site_name=site,
        generated_at=_local_time(now, timezone),
        subject="DutyDesk verification summary",
    )

    story: list[Flowable] = []
    # The overall result, first and in one language: 通过 only when every check passed,
    # the manifest and head comparisons included.
    if manifest is not None and "manifest" not in report.anchors and path is not None:
        mismatches = archive.compare_with_manifest(manifest, path) if path.is_file() else []
    else:
        mismatches = []
    failed = not report.ok or bool(mismatches)
    if not failed:
        checked = "，并与审计导出清单核对一致" if manifest is not None else ""
        story.append(_status_line(f"校验结果：通过，未发现问题{checked}", OK_GREEN))
    else:
        count = len(report.problems) + (1 if mismatches and report.ok else 0)
        story.append(_status_line(f"校验结果：发现 {count} 个问题，校验失败", ALERT_RED))

    story.append(paragraph("被校验的文件", s.heading))
    pending = [name for name in known_migration_names() if name not in applied]
    story.append(
        key_value_table(
            [
                ("站点", site),
                ("数据库文件", str(path.resolve()) if path is not None else "-"),
                ("文件大小", _size(path.stat().st_size) if path and path.is_file() else "-"),
                ("文件 SHA-256", digest),
                *_wal_note(path),
                (
                    "结构版本",
                    f"{len(applied)}（本程序：{schema_version()}）"
                    + (f"，待升级：{', '.join(pending)}" if pending else ""),
                ),
                ("已应用的结构变更", "\n".join(applied) or "-"),
                ("审计记录条数", f"{report.audit_rows:,}"),
                ("审计链头哈希", report.audit_head),
                ("已核对记录", f"{report.records_checked:,}"),
                ("电子签名", f"{report.signatures:,}"),
                ("报告时间", _local_time(now, timezone)),
            ]
        )
    )

    story.append(paragraph("校验结果", s.heading))
    story.append(
        paragraph(
            "校验内容：SQLite 完整性检查、外键检查、数据库结构（表、索引、触发器、视图）、"
            "审计记录哈希链、每条受审计记录与其最后一次审计映像是否一致、每个电子签名的记录哈希、"
            "事故搜索索引；如提供审计导出清单或链头哈希，也与之核对。",
            s.small,
        )
    )
    story.append(Spacer(1, 2 * mm))
    if report.ok:
        story.append(paragraph("未发现问题。", s.body))
    else:
        story.append(
            data_table(
                ["检查项", "表", "行", "说明"],
                _problem_rows(report.problems),
                col_widths=[28 * mm, 24 * mm, 16 * mm, None],
            )
        )

    if manifest is None:
        story.append(paragraph("各表行数", s.heading))
        story.append(_two_column_counts(counts))
    else:
        story += _manifest_section(manifest, path, timezone, counts)

    story.append(Spacer(1, 6 * mm))
    story.append(
        paragraph(
            "核对方法：在另一台电脑上对该文件运行 `dutydesk verify 文件` 并比较上面的 "
            "SHA-256 与审计链头哈希；两者一致即说明文件自本报告生成后未被改动。",
            s.small,
        )
    )
    return titled_pdf(info, story, out)


def _two_column_counts(counts: dict[str, int]) -> Flowable:
    """Table names with their row counts, in two column pairs to halve the length."""
    items = [(name, f"{count:,}") for name, count in counts.items()]
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    rows = [[*left[i], *(right[i] if i < len(right) else ("", ""))] for i in range(len(left))]
    return data_table(
        ["表", "行数", "表", "行数"],
        rows,
        col_widths=[55 * mm, 25 * mm, 55 * mm, 25 * mm],
    )


def _manifest_section(
    manifest: archive.Manifest, path: Path | None, timezone: str, counts: dict[str, int]
) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [paragraph("审计导出清单", s.heading)]
    if path is not None and path.is_file():
        mismatches = archive.compare_with_manifest(manifest, path)
        if mismatches:
            fields = "、".join(MANIFEST_LABELS.get(m, m) for m in mismatches)
            story.append(
                _status_line(
                    f"文件与清单不一致：{fields}",
                    ALERT_RED,
                )
            )
        else:
            story.append(_status_line("文件与清单一致", OK_GREEN))
    story.append(
        key_value_table(
            [
                ("导出人", manifest.exporter),
                ("导出时间", _local_time(manifest.exported_at, timezone)),
                ("站点", manifest.site_name),
                ("程序版本", manifest.app_version),
                ("结构版本", str(manifest.schema_version)),
                ("结构变更", "\n".join(manifest.migrations) or "-"),
                ("文件名", manifest.file_name),
                ("文件大小", _size(manifest.file_size)),
                ("文件 SHA-256", manifest.file_sha256),
                ("审计记录条数", f"{manifest.audit_rows:,}"),
                ("审计链头哈希", manifest.audit_head_hash),
            ]
        )
    )
    story.append(paragraph("各表行数：清单与本文件", s.subheading))
    rows = []
    for name in sorted(set(manifest.row_counts) | set(counts)):
        listed, found = manifest.row_counts.get(name), counts.get(name)
        rows.append(
            [
                name,
                "-" if listed is None else f"{listed:,}",
                "-" if found is None else f"{found:,}",
                "一致" if listed == found else "不一致",
            ]
        )
    story.append(
        data_table(
            ["表", "清单", "本文件", "核对"],
            rows,
            col_widths=[70 * mm, 30 * mm, 30 * mm, 20 * mm],
        )
    )
    return story
