"""``dutydesk init|demo|backup|restore|export|verify`` and ``report verify``: the file itself."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Commands,
    lang,
    read_password,
    say,
)
from dutydesk.errors import DutyDeskError

if TYPE_CHECKING:
    from dutydesk.store.verify import Expected, VerifyReport


def cmd_init(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.people.auth import validate_password

    path = Path(args.path)
    if path.exists():
        raise DutyDeskError(f"文件已存在：{path}", en=f"The file already exists: {path}")
    password = read_password(say("管理员密码：", "Administrator password: "), confirm=True)
    validate_password(password)
    with Desk.open(path, create=True) as desk:
        admin = desk.initialise(
            site_name=args.site,
            admin_name=args.admin,
            admin_employee_no=args.employee_no,
            admin_password=password,
        )
    print(
        say(
            f"已创建 {path}：站点 {args.site}，管理员 {admin.name}（工号 {admin.employee_no}）",
            f"Created {path}: site {args.site}, administrator {admin.name} ({admin.employee_no})",
        )
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from dutydesk.clock import parse_day
    from dutydesk.demo.site import DEMO_PASSWORD, DEMO_TODAY, create_demo, demo_logins

    today = parse_day(args.date, "date") if args.date else DEMO_TODAY
    with create_demo(args.path, seed=args.seed, today=today) as desk:
        logins = demo_logins(desk)
    print(say(f"演示数据库已创建：{args.path}", f"Demo database created: {args.path}"))
    for login in logins:
        print(f"  {login.role:8} {login.employee_no:6} {login.name}  / {DEMO_PASSWORD}")
    return EXIT_OK


def _copy_destination(args: argparse.Namespace, kind: str) -> Path:
    """``args.dest``, or in that folder a new name: the database's, ``kind`` and the UTC time."""
    from datetime import UTC, datetime

    dest = Path(args.dest)
    if dest.is_dir():
        stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
        dest = dest / f"{Path(args.path).stem}-{kind}-{stamp}.db"
    return dest


def cmd_backup(args: argparse.Namespace) -> int:
    from dutydesk.store import db as storage

    dest = _copy_destination(args, "backup")
    if dest.exists():
        raise DutyDeskError(
            f"目标文件已存在，备份不会覆盖它：{dest}",
            en=f"{dest} exists; a backup never overwrites a file",
        )
    # Read-only: a backup copies the file as it is, without upgrading or touching it.
    with storage.open_readonly(args.path) as db:
        storage.backup_to(db, dest)
    print(say(f"已备份到 {dest}", f"Backed up to {dest}"))
    return EXIT_OK


def _restorer(args: argparse.Namespace) -> Any:
    """The administrator restoring: signed in on the file to be replaced when it can be
    opened (throttled and audited like every sign-in), else checked against the backup."""
    from dutydesk.desk import Desk
    from dutydesk.errors import AuthenticationFailed, DatabaseOpenError
    from dutydesk.people import auth
    from dutydesk.store import db as storage

    if not args.user:
        raise DutyDeskError(
            "恢复需要管理员身份：请用 --user 给出工号", en="Restore needs an administrator: --user"
        )
    password = read_password(say(f"{args.user} 的密码：", f"Password of {args.user}: "))
    target = Path(args.path)
    if target.exists():
        try:
            desk = Desk.open(target)
        except DatabaseOpenError:
            desk = None  # damaged or newer: the backup's people decide
        if desk is not None:
            with desk:
                if desk.is_initialised:
                    return desk.people.sign_in(args.user, password)
    with storage.open_readonly(args.backup) as db:
        cursor = db.execute("SELECT * FROM people WHERE employee_no = ?", [args.user.strip()])
        found = cursor.fetchone()
        row = dict(zip([c[0] for c in cursor.description], found, strict=True)) if found else {}
    if not row or not row["active"] or not auth.password_matches(password, row["password_hash"]):
        raise AuthenticationFailed("工号或密码错误", en="Wrong employee number or password")
    return auth.person_from_row(row)


def cmd_restore(args: argparse.Namespace) -> int:
    from datetime import datetime

    from dutydesk.store import db as storage

    if not args.yes:
        if not sys.stdin.isatty():
            raise DutyDeskError(
                "恢复会替换现有数据库；非交互运行时请加 --yes 确认",
                en="Restore replaces the database; add --yes when not running interactively",
            )
        answer = input(
            say(
                f"用 {args.backup} 替换 {args.path}？输入 yes 确认：",
                f"Replace {args.path} with {args.backup}? Type yes: ",
            )
        )
        if answer.strip().lower() != "yes":
            print(say("已取消", "Cancelled"))
            return EXIT_USAGE
    actor = _restorer(args)
    kept = storage.restore_from(
        args.backup, args.path, now=datetime.now().astimezone(), actor=actor
    )
    print(say(f"已从 {args.backup} 恢复 {args.path}", f"Restored {args.path} from {args.backup}"))
    if kept:
        print(say(f"原文件保留为 {kept}", f"The replaced file was kept as {kept}"))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.store.archive import export_for_audit, manifest_path_for

    dest = _copy_destination(args, "audit")
    with Desk.open(args.path) as desk:
        manifest = export_for_audit(desk, dest, exporter=None)
    print(say(f"审计文件：{dest}", f"Audit copy: {dest}"))
    print(say(f"清单：{manifest_path_for(dest)}", f"Manifest: {manifest_path_for(dest)}"))
    print(f"sha256 {manifest.file_sha256}  audit head {manifest.audit_head_hash}")
    return EXIT_OK


def _expected(args: argparse.Namespace) -> Expected | None:
    from dutydesk.store.archive import Manifest
    from dutydesk.store.verify import Expected

    manifest = Manifest.from_file(args.manifest) if args.manifest else None
    if manifest is None and not args.head:
        return None
    return Expected(manifest=manifest, head=args.head, path=Path(args.path))


def _progress_printer(args: argparse.Namespace) -> Callable[[int, int], None] | None:
    """Progress on standard error, only for a person watching (or when asked)."""
    if not (args.progress or sys.stderr.isatty()):
        return None
    label = say("校验中", "Verifying")

    def show(done: int, total: int) -> None:
        share = done * 100 // total if total else 100
        end = "\n" if done >= total else ""
        print(f"\r{label} {share:3d}%  {done:,} / {total:,}", end=end, file=sys.stderr, flush=True)

    return show


def _verify(args: argparse.Namespace) -> VerifyReport:
    import dutydesk.desk  # noqa: F401  (loads every area: each registers its tables and signables)
    from dutydesk.store.verify import verify_path

    expected = _expected(args)
    return verify_path(args.path, progress=_progress_printer(args), expected=expected)


def cmd_verify(args: argparse.Namespace) -> int:
    report = _verify(args)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "audit_rows": report.audit_rows,
                    "audit_head": report.audit_head,
                    "records_checked": report.records_checked,
                    "signatures": report.signatures,
                    "checked_against": list(report.anchors),
                    "problems": [asdict(p) for p in report.problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        english = lang() == "en"
        for problem in report.problems:
            text = problem.message_en if english else problem.message
            print(f"[{problem.check}] {problem.table}#{problem.row}: {text}")
        print(
            say(
                f"校验{'通过' if report.ok else '发现问题'}：审计记录 {report.audit_rows} 条，"
                f"记录 {report.records_checked} 条，签名 {report.signatures} 个，"
                f"问题 {len(report.problems)} 个",
                f"Verify {'passed' if report.ok else 'found problems'}: "
                f"{report.audit_rows} audit rows, {report.records_checked} records, "
                f"{report.signatures} signatures, {len(report.problems)} problems",
            )
        )
        print(say(f"审计链头哈希 {report.audit_head}", f"Audit head {report.audit_head}"))
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_report_verify(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.store import db as storage
    from reports.verification import build_verification_report

    out = Path(args.out)
    if not out.parent.is_dir():
        raise DutyDeskError(
            f"输出目录不存在：{out.parent}", en=f"The output folder does not exist: {out.parent}"
        )
    report = _verify(args)
    expected = _expected(args)
    manifest = expected.manifest if expected is not None else None
    # Read-only: the checked file (often an audit copy) must stay byte for byte as it is.
    with Desk(storage.open_readonly(args.path), path=Path(args.path)) as desk:
        build_verification_report(desk, report, out, manifest=manifest)
    print(say(f"已生成 {out}", f"Wrote {out}"))
    if not report.ok:
        print(
            say(
                f"校验发现问题：{len(report.problems)} 个",
                f"Verify failed: {len(report.problems)} problems",
            ),
            file=sys.stderr,
        )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _head_hash(text: str) -> str:
    """``--head``: the 64 hexadecimal digits of a SHA-256 chain hash, as a report prints it."""
    wanted = text.strip().lower()
    if len(wanted) != 64 or any(c not in "0123456789abcdef" for c in wanted):
        raise argparse.ArgumentTypeError(
            say(
                f"审计链头哈希应为 64 位十六进制数（给定 {len(text)} 个字符）",
                f"the audit head hash must be 64 hexadecimal digits ({len(text)} characters given)",
            )
        )
    return wanted


def _add_expectations(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--manifest", help="audit export manifest (.manifest.json) the file must match"
    )
    parser.add_argument(
        "--head",
        type=_head_hash,
        help="audit head hash the file must end with (as printed on a report)",
    )
    parser.add_argument("--progress", action="store_true", help="show progress on standard error")


def register(commands: Commands) -> None:
    init = commands.add("init", cmd_init, "create a new database with its first administrator")
    init.add_argument("path")
    init.add_argument("--site", required=True, help="site (duty room) name")
    init.add_argument("--admin", required=True, help="administrator's name")
    init.add_argument("--employee-no", default="admin", help="administrator's number")
    demo = commands.add("demo", cmd_demo, "create a demo database")
    demo.add_argument("path")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--date", help="the demo's today, YYYY-MM-DD (default: a fixed day)")
    backup = commands.add("backup", cmd_backup, "consistent copy with SQLite's online backup")
    backup.add_argument("path")
    backup.add_argument("dest", help="new file, or a folder for a time-stamped name")
    restore = commands.add("restore", cmd_restore, "replace a database with a backup")
    restore.add_argument("backup")
    restore.add_argument("path")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--user", help="administrator's employee number (password from stdin)")
    export = commands.add("export", cmd_export, "audit copy plus manifest")
    export.add_argument("path")
    export.add_argument("dest", help="new file, or a folder for a time-stamped name")
    verify = commands.add(
        "verify", cmd_verify, "check storage, schema, audit chain, records, signatures, index"
    )
    verify.add_argument("path")
    verify.add_argument("--json", action="store_true")
    _add_expectations(verify)
    verification = commands.document(
        "verify", cmd_report_verify, "verification summary PDF", out_help="PDF file to write"
    )
    _add_expectations(verification)
