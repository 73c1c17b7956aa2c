"""The ``dutydesk`` command: the composition root for the window, reports and file tools.

Exit codes: 0 success, 1 a check found problems, 2 usage error or unusable file.
User errors print one line to standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dutydesk import __version__
from dutydesk.errors import DutyDeskError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _lang() -> str:
    wanted = os.environ.get("DUTYDESK_LANG") or os.environ.get("LANG", "")
    return "en" if wanted.startswith("en") else "zh_CN"


def _say(zh: str, en: str) -> str:
    return en if _lang() == "en" else zh


def _read_password(prompt: str, *, confirm: bool = False) -> str:
    """From standard input when it is not a terminal (scripts, CI), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_say("再次输入：", "Again: ")) != first:
        raise DutyDeskError("两次输入的密码不一致", en="The passwords do not match")
    return first


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(db_path=args.db, lang=args.lang)


def cmd_init(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.people.auth import validate_password

    path = Path(args.path)
    if path.exists():
        raise DutyDeskError(f"文件已存在：{path}", en=f"The file already exists: {path}")
    password = _read_password(_say("管理员密码：", "Administrator password: "), confirm=True)
    validate_password(password)
    with Desk.open(path, create=True) as desk:
        admin = desk.initialise(
            site_name=args.site,
            admin_name=args.admin,
            admin_employee_no=args.employee_no,
            admin_password=password,
        )
    print(
        _say(
            f"已创建 {path}：站点 {args.site}，管理员 {admin.name}（工号 {admin.employee_no}）",
            f"Created {path}: site {args.site}, administrator {admin.name} ({admin.employee_no})",
        )
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from dutydesk.demo.site import DEMO_PASSWORD, DEMO_TODAY, create_demo, demo_logins
    from dutydesk.roster.holidays import parse_day

    today = parse_day(args.date, "date") if args.date else DEMO_TODAY
    with create_demo(args.path, seed=args.seed, today=today) as desk:
        logins = demo_logins(desk)
    print(_say(f"演示数据库已创建：{args.path}", f"Demo database created: {args.path}"))
    for login in logins:
        print(f"  {login.role:8} {login.employee_no:6} {login.name}  / {DEMO_PASSWORD}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from dutydesk.store import db as storage

    dest = Path(args.dest)
    if dest.is_dir():
        stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
        dest = dest / f"{Path(args.path).stem}-backup-{stamp}.db"
    if dest.exists():
        raise DutyDeskError(
            f"目标文件已存在，备份不会覆盖它：{dest}",
            en=f"{dest} exists; a backup never overwrites a file",
        )
    # Read-only: a backup copies the file as it is, without upgrading or touching it.
    with storage.open_readonly(args.path) as db:
        storage.backup_to(db, dest)
    print(_say(f"已备份到 {dest}", f"Backed up to {dest}"))
    return EXIT_OK


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
            _say(
                f"用 {args.backup} 替换 {args.path}？输入 yes 确认：",
                f"Replace {args.path} with {args.backup}? Type yes: ",
            )
        )
        if answer.strip().lower() != "yes":
            print(_say("已取消", "Cancelled"))
            return EXIT_USAGE
    kept = storage.restore_from(args.backup, args.path, now=datetime.now().astimezone())
    print(_say(f"已从 {args.backup} 恢复 {args.path}", f"Restored {args.path} from {args.backup}"))
    if kept:
        print(_say(f"原文件保留为 {kept}", f"The replaced file was kept as {kept}"))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from dutydesk.desk import Desk
    from dutydesk.store.archive import export_for_audit, manifest_path_for

    dest = Path(args.dest)
    if dest.is_dir():
        stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
        dest = dest / f"{Path(args.path).stem}-audit-{stamp}.db"
    with Desk.open(args.path) as desk:
        manifest = export_for_audit(desk, dest, exporter=None)
    print(_say(f"审计文件：{dest}", f"Audit copy: {dest}"))
    print(_say(f"清单：{manifest_path_for(dest)}", f"Manifest: {manifest_path_for(dest)}"))
    print(f"sha256 {manifest.file_sha256}  audit head {manifest.audit_head_hash}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from dutydesk.store.verify import verify_path

    def show_progress(done: int, total: int) -> None:
        label = _say("校验审计链", "Checking the audit chain")
        end = "\n" if done >= total else ""
        print(f"\r{label} {done:,} / {total:,}", end=end, file=sys.stderr, flush=True)

    # A long chain takes a while; say how far it got, but only to a person watching.
    report = verify_path(args.path, progress=show_progress if sys.stderr.isatty() else None)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "audit_rows": report.audit_rows,
                    "audit_head": report.audit_head,
                    "records_checked": report.records_checked,
                    "signatures": report.signatures,
                    "problems": [asdict(p) for p in report.problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        english = _lang() == "en"
        for problem in report.problems:
            text = problem.message_en if english else problem.message
            print(f"[{problem.check}] {problem.table}#{problem.row}: {text}")
        print(
            _say(
                f"校验{'通过' if report.ok else '发现问题'}：审计记录 {report.audit_rows} 条，"
                f"记录 {report.records_checked} 条，签名 {report.signatures} 个，"
                f"问题 {len(report.problems)} 个",
                f"Verify {'passed' if report.ok else 'found problems'}: "
                f"{report.audit_rows} audit rows, {report.records_checked} records, "
                f"{report.signatures} signatures, {len(report.problems)} problems",
            )
        )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_report_verify(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.store import db as storage
    from dutydesk.store.archive import Manifest
    from dutydesk.store.verify import verify_database
    from reports.verification import build_verification_report

    manifest = Manifest.from_file(args.manifest) if args.manifest else None
    out = Path(args.out)
    if not out.parent.is_dir():
        raise DutyDeskError(
            f"输出目录不存在：{out.parent}", en=f"The output folder does not exist: {out.parent}"
        )
    # Read-only: the checked file (often an audit copy) must stay byte for byte as it is.
    with Desk(storage.open_readonly(args.path), path=Path(args.path)) as desk:
        report = verify_database(desk.db)
        build_verification_report(desk, report, out, manifest=manifest)
    print(_say(f"已生成 {out}", f"Wrote {out}"))
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _day(text: str | None, flag: str) -> Any:
    from datetime import date

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DutyDeskError(
            f"{flag} 日期格式应为 YYYY-MM-DD：{text}", en=f"{flag} needs YYYY-MM-DD: {text}"
        ) from None


def cmd_incidents_search(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.incidents.export import local_time
    from dutydesk.incidents.service import STATUS_LABELS, IncidentFilter

    flt = IncidentFilter(
        query=args.query,
        date_from=_day(args.date_from, "--from"),
        date_to=_day(args.date_to, "--to"),
        statuses=tuple(args.status or ()),
    )
    with Desk.open(args.path) as desk:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(desk.settings.get("site_timezone"))
        page = desk.incidents.search(flt, limit=args.limit)
        total = desk.incidents.count(flt)
    if args.json:
        print(
            json.dumps(
                {
                    "query": args.query,
                    "total": total,
                    "incidents": [
                        {
                            "id": i.id,
                            "number": i.number,
                            "title": i.title,
                            "status": i.status,
                            "severity": i.severity_code,
                            "category": i.category_name,
                            "reported_at": i.reported_at,
                            "reporter": i.reporter_name,
                            "overdue": i.overdue,
                        }
                        for i in page.items
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    english = _lang() == "en"
    for i in page.items:
        status = STATUS_LABELS[i.status][1 if english else 0]
        print(
            f"#{i.id:<7} {local_time(i.reported_at, zone)}  {i.severity_code:<4} {status:<6}"
            f" {i.title}  [{i.category_name}]{'  !' if i.overdue else ''}"
        )
    print(
        _say(
            f"共 {total} 条，显示 {len(page.items)} 条",
            f"{total} found, {len(page.items)} shown",
        )
    )
    return EXIT_OK


def cmd_incidents_export(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.incidents.export import export_incidents
    from dutydesk.incidents.service import IncidentFilter

    flt = IncidentFilter(
        query=args.query or "",
        date_from=_day(args.date_from, "--from"),
        date_to=_day(args.date_to, "--to"),
    )
    with Desk.open(args.path) as desk:
        count = export_incidents(desk, args.out, flt)
    print(_say(f"已导出 {count} 条事件到 {args.out}", f"Exported {count} incidents to {args.out}"))
    return EXIT_OK


def cmd_incidents_reindex(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        count = desk.incidents.rebuild_search_index()
    print(_say(f"已重建 {count} 条事件的搜索索引", f"Rebuilt the search index of {count}"))
    return EXIT_OK


def _write_document(args: argparse.Namespace, build: Callable[[Any], object]) -> int:
    """Open ``args.path``, let ``build(desk)`` write ``args.out``, and say where it went."""
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        build(desk)
    print(_say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def cmd_report_incident(args: argparse.Namespace) -> int:
    from reports.incident import build_incident_form

    return _write_document(args, lambda desk: build_incident_form(desk, args.id, args.out))


def cmd_report_handover(args: argparse.Namespace) -> int:
    from reports.handover import build_handover_sheet

    return _write_document(args, lambda desk: build_handover_sheet(desk, args.id, args.out))


def cmd_handover_templates(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        templates = desk.handover.templates.list(include_superseded=args.all)
        for t in templates:
            scope = t.shift_code or _say("全站", "site")
            state = _say("当前", "current") if t.status == "current" else _say("已停用", "old")
            print(f"#{t.id}  {scope:6} v{t.version}  {state}  {t.name}  ({len(t.items)})")
    return EXIT_OK


def cmd_handover_template_export(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.handover.templates import template_to_json

    with Desk.open(args.path) as desk:
        templates = desk.handover.templates
        if args.shift:
            template = templates.for_shift(args.shift)
        else:
            template = templates.current(None) or templates.for_shift("-")
        data = json.dumps(template_to_json(template), ensure_ascii=False, indent=2)
    Path(args.out).write_text(data + "\n", encoding="utf-8")
    print(
        _say(
            f"已导出 {template.name} 第 {template.version} 版到 {args.out}",
            f"Exported {template.name} v{template.version} to {args.out}",
        )
    )
    return EXIT_OK


def cmd_handover_template_import(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.handover.templates import spec_from_json

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DutyDeskError(
            f"无法读取模板文件 {args.file}：{error}", en=f"Cannot read {args.file}: {error}"
        ) from None
    name, shift_code, sections = spec_from_json(data)
    password = _read_password(_say("管理员密码：", "Administrator password: "))
    with Desk.open(args.path) as desk:
        admin = desk.people.sign_in(args.admin, password)
        template = desk.handover.templates.save(
            admin, name=name, shift_code=shift_code, sections=sections
        )
    scope = template.shift_code or _say("全站", "site")
    print(
        _say(
            f"已保存检查表模板 {template.name}（{scope}）第 {template.version} 版",
            f"Saved checklist {template.name} ({scope}) version {template.version}",
        )
    )
    return EXIT_OK


def cmd_manual(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from reports.manual import build_handout, build_manual, manual_data

    if args.handout and not args.role:
        raise DutyDeskError("--handout 需要 --role", en="--handout needs --role")
    with Desk.open(args.path) as desk:
        data = manual_data(desk, version=args.version)
        if args.handout:
            build_handout(data, args.role, args.out)
        else:
            build_manual(data, args.out)
    print(_say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def cmd_process_check(args: argparse.Namespace) -> int:
    from dutydesk.process.service import ProcessInvalid, parse_json

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DutyDeskError(
            f"无法读取 {args.file}：{error}", en=f"Cannot read {args.file}: {error}"
        ) from error
    try:
        definition = parse_json(text)
    except ProcessInvalid as invalid:
        english = _lang() == "en"
        for problem in invalid.problems:
            print(f"{problem.where}: {problem.message_en if english else problem.message}")
        return EXIT_PROBLEMS
    steps = sum(len(stage.steps) for stage in definition.stages)
    print(
        _say(
            f"流程定义有效：{len(definition.stages)} 个阶段，{steps} 个步骤",
            f"The definition is valid: {len(definition.stages)} stages, {steps} steps",
        )
    )
    return EXIT_OK


def cmd_report_assessment(args: argparse.Namespace) -> int:
    from reports.assessment import build_assessment_report

    return _write_document(args, lambda desk: build_assessment_report(desk, args.id, args.out))


def cmd_report_plan(args: argparse.Namespace) -> int:
    from reports.plan import build_plan_report

    return _write_document(args, lambda desk: build_plan_report(desk, args.out))


def cmd_process_install_default(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        admin = desk.people.by_employee_no(args.employee_no)
        password = _read_password(_say("管理员密码（批准签名）：", "Administrator password: "))
        version = desk.process.install_default(admin, password=password)
    print(
        _say(
            f"已发布默认流程：第 {version.number} 版，批准人 {admin.name}",
            f"Published the default process as version {version.number}, approved by {admin.name}",
        )
    )
    return EXIT_OK


def cmd_process_list(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        in_force = desk.process.version_in_force()
        for version in desk.process.versions():
            status = _say("草稿", "draft") if version.is_draft else _say("已发布", "published")
            mark = "*" if version.number == in_force else " "
            when = version.published_at or version.updated_at
            print(f"{mark} {version.number:3} {status:6} {when}  {version.change_note}")
    return EXIT_OK


def _period_from_args(args: argparse.Namespace) -> Any:
    from dutydesk.kpi.period import parse_period

    return parse_period(args.date_from, args.date_to)


def cmd_kpi(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.kpi.engine import format_value

    period = _period_from_args(args)
    with Desk.open(args.path) as desk:
        report = desk.kpi.report(period, cycle_id=args.cycle)
        if args.xlsx:
            from dutydesk.kpi.export import export_kpi_workbook

            export_kpi_workbook(desk, report, args.xlsx)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        english = _lang() == "en"
        for result in report.results:
            d = result.definition
            shown = result.current.note("en" if english else "zh_CN") or format_value(
                d, result.current.value, _lang()
            )
            target = "" if result.target is None else f"  / {format_value(d, result.target)}"
            print(f"{d.name(_lang()):<16} {shown}{target}  [{result.status}]")
    if args.xlsx:
        print(_say(f"已导出 {args.xlsx}", f"Wrote {args.xlsx}"), file=sys.stderr)
    return EXIT_OK


def cmd_report_period(args: argparse.Namespace) -> int:
    from reports.period import build_period_report

    period = _period_from_args(args)
    return _write_document(
        args, lambda desk: build_period_report(desk, desk.kpi.report(period), args.out)
    )


def cmd_report_shift(args: argparse.Namespace) -> int:
    from dutydesk.handover.shift_report import shift_report_data
    from reports.shift import build_shift_report

    day = _day_arg(args.date)
    return _write_document(
        args,
        lambda desk: build_shift_report(shift_report_data(desk, day, args.shift), args.out),
    )


def cmd_report_day(args: argparse.Namespace) -> int:
    from dutydesk.handover.shift_report import day_report_data
    from reports.shift import build_day_report

    day = _day_arg(args.date)
    return _write_document(
        args, lambda desk: build_day_report(day_report_data(desk, day), args.out)
    )


def _day_arg(text: str) -> str:
    from dutydesk.roster.holidays import parse_day

    return parse_day(text, "date").isoformat()


def cmd_report_cycle(args: argparse.Namespace) -> int:
    from reports.cycle import build_cycle_report

    return _write_document(args, lambda desk: build_cycle_report(desk, args.id, args.out))


def cmd_feedback_add(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    password = _read_password(_say("密码：", "Password: "))
    with Desk.open(args.path) as desk:
        person = desk.people.sign_in(args.user, password)
        entry = desk.feedback.submit(
            person,
            text=args.text,
            channel=args.channel,
            anonymous=args.anonymous,
            about_kind=args.about_kind,
            about_ref=args.about_ref,
            category=args.category,
        )
    print(_say(f"已记录反馈 {entry.id}", f"Recorded feedback {entry.id}"))
    return EXIT_OK


def cmd_feedback_list(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.improvement.feedback import CATEGORIES, CHANNELS, FEEDBACK_STATUSES

    english = _lang() == "en"
    pick = 1 if english else 0
    with Desk.open(args.path) as desk:
        for entry in desk.feedback.list(status=args.status, limit=args.limit):
            category = CATEGORIES[entry.category][pick] if entry.category else "-"
            print(
                f"{entry.id:>5}  {entry.received_at[:10]}  "
                f"{FEEDBACK_STATUSES[entry.status][pick]:<6} {category:<4} "
                f"{CHANNELS[entry.channel][pick]:<4} {entry.giver_label or '-'}  {entry.text}"
            )
    return EXIT_OK


def _roster_actor(desk: Any, employee_no: str) -> Any:
    """Sign in the person the command acts for (password from stdin when not a terminal)."""
    password = _read_password(_say(f"{employee_no} 的密码：", f"Password of {employee_no}: "))
    return desk.people.sign_in(employee_no, password)


def cmd_roster_generate(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.roster.engine import DUTY_ROLE_LABELS, RULE_LABELS

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start is None or end is None:
        raise DutyDeskError("请给出 --from 和 --to", en="Give --from and --to")
    english = _lang() == "en"
    problems = False
    with Desk.open(args.path) as desk:
        teams = [desk.roster.team(args.team)] if args.team else desk.roster.teams()
        if not teams:
            raise DutyDeskError("尚未设置班组", en="No teams are set up")
        actor = None if args.dry_run else _roster_actor(desk, args.user)
        for team in teams:
            preview = desk.roster.preview(team=team.id, start=start, end=end, replace=args.replace)
            q = preview.quality
            for year in q.missing_years:
                from dutydesk.roster.holidays import missing_year_message

                zh, en = missing_year_message(year)
                print(en if english else zh)
            for gap in q.unfilled:
                rule = RULE_LABELS.get(gap.rule, (gap.rule, gap.rule))[1 if english else 0]
                role = DUTY_ROLE_LABELS[gap.role][1 if english else 0]
                reason = gap.reason_en if english else gap.reason
                print(f"  {gap.day} {gap.shift_code} {role}#{gap.slot + 1}: [{rule}] {reason}")
            for v in q.violations:
                detail = v.detail_en if english else v.detail
                print(f"  ! {v.day} {v.shift_code} #{v.person_id}: {detail}")
            balance = "-" if q.balance is None else f"{q.balance:.3f}"
            print(
                _say(
                    f"{team.name}：新增 {len(preview.new_rows)}，替换 {len(preview.removed_ids)}，"
                    f"保留 {preview.kept}，空缺 {len(q.unfilled)}，违规 {len(q.violations)}，"
                    f"均衡度 {balance}",
                    f"{team.name}: {len(preview.new_rows)} new,"
                    f" {len(preview.removed_ids)} replaced, {preview.kept} kept,"
                    f" {len(q.unfilled)} unfilled, {len(q.violations)} violations,"
                    f" balance {balance}",
                )
            )
            problems = problems or bool(q.unfilled or q.violations or q.missing_years)
            if actor is not None and not q.missing_years:
                desk.roster.commit(actor, preview)
        if args.dry_run:
            print(_say("试运行：未写入任何数据", "Dry run: nothing was written"))
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_roster_hours(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.roster.exports import export_hours

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start is None or end is None:
        raise DutyDeskError("请给出 --from 和 --to", en="Give --from and --to")
    with Desk.open(args.path) as desk:
        count = export_hours(desk, args.out, start=start, end=end, team=args.team)
    print(
        _say(
            f"已导出 {count} 人的工时到 {args.out}", f"Wrote hours of {count} people to {args.out}"
        )
    )
    return EXIT_OK


def cmd_roster_ics(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from dutydesk.desk import Desk
    from dutydesk.roster.exports import person_ics, team_ics

    if bool(args.person) == bool(args.team):
        raise DutyDeskError("请给出 --person 或 --team 之一", en="Give --person or --team")
    with Desk.open(args.path) as desk:
        today = desk.clock().date()
        start = _day(args.date_from, "--from") or today - timedelta(days=31)
        end = _day(args.date_to, "--to") or today + timedelta(days=92)
        if args.person:
            person = desk.people.by_employee_no(args.person)
            data = person_ics(desk, person.id, start=start, end=end)
        else:
            data = team_ics(desk, args.team, start=start, end=end)
    Path(args.out).write_bytes(data)
    print(_say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def cmd_roster_pdf(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from reports.roster import build_month_roster

    try:
        year, month = (int(x) for x in args.month.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise DutyDeskError(
            f"--month 格式应为 YYYY-MM：{args.month}", en=f"--month needs YYYY-MM: {args.month}"
        ) from None
    with Desk.open(args.path) as desk:
        build_month_roster(desk, year=year, month=month, team=args.team, out=args.out)
    print(_say(f"已生成 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dutydesk", description="DutyDesk 值班台 — duty-room desk application"
    )
    parser.add_argument("--version", action="version", version=f"dutydesk {__version__}")
    parser.add_argument("--db", help="database file for the window")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> Any:
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        return command

    gui = add("gui", cmd_gui, "open the window (default)")
    gui.add_argument("--db", help="database file")
    gui.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")

    init = add("init", cmd_init, "create a new database with its first administrator")
    init.add_argument("path")
    init.add_argument("--site", required=True, help="site (duty room) name")
    init.add_argument("--admin", required=True, help="administrator's name")
    init.add_argument("--employee-no", default="admin", help="administrator's number")

    demo = add("demo", cmd_demo, "create a demo database")
    demo.add_argument("path")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--date", help="the demo's today, YYYY-MM-DD (default: a fixed day)")

    backup = add("backup", cmd_backup, "consistent copy with SQLite's online backup")
    backup.add_argument("path")
    backup.add_argument("dest", help="new file, or a folder for a time-stamped name")

    restore = add("restore", cmd_restore, "replace a database with a backup")
    restore.add_argument("backup")
    restore.add_argument("path")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    export = add("export", cmd_export, "audit copy plus manifest")
    export.add_argument("path")
    export.add_argument("dest", help="new file, or a folder for a time-stamped name")

    verify = add("verify", cmd_verify, "check integrity, audit chain, records, signatures")
    verify.add_argument("path")
    verify.add_argument("--json", action="store_true")

    manual = add("manual", cmd_manual, "process manual PDF, or a role's training handout")
    manual.add_argument("path")
    manual.add_argument("--out", required=True, help="PDF file to write")
    manual.add_argument(
        "--version", type=int, help="process version number (default: the one in force)"
    )
    manual.add_argument("--role", choices=["officer", "leader", "admin"], help="role for --handout")
    manual.add_argument(
        "--handout", action="store_true", help="training handout for --role instead"
    )

    process = add("process", lambda _a: EXIT_USAGE, "process definition tools")
    process_sub = process.add_subparsers(dest="process_command", required=True)
    process_check = process_sub.add_parser("check", help="validate a process definition file")
    process_check.add_argument("file")
    process_check.set_defaults(handler=cmd_process_check)
    process_default = process_sub.add_parser(
        "install-default", help="publish the shipped default process as version 1"
    )
    process_default.add_argument("path")
    process_default.add_argument("--employee-no", default="admin", help="approving admin")
    process_default.set_defaults(handler=cmd_process_install_default)
    process_list = process_sub.add_parser("list", help="process versions (* = in force)")
    process_list.add_argument("path")
    process_list.set_defaults(handler=cmd_process_list)

    handover_cmd = add("handover", lambda _a: EXIT_USAGE, "handover checklist templates")
    handover_sub = handover_cmd.add_subparsers(dest="handover_command", required=True)
    templates = handover_sub.add_parser("templates", help="list checklist templates")
    templates.add_argument("path")
    templates.add_argument("--all", action="store_true", help="include old versions")
    templates.set_defaults(handler=cmd_handover_templates)
    template_export = handover_sub.add_parser("template-export", help="template to JSON")
    template_export.add_argument("path")
    template_export.add_argument("--shift", help="shift code (default: the site template)")
    template_export.add_argument("--out", required=True, help="JSON file to write")
    template_export.set_defaults(handler=cmd_handover_template_export)
    template_import = handover_sub.add_parser(
        "template-import", help="save a JSON file as the new version of its template (admin)"
    )
    template_import.add_argument("path")
    template_import.add_argument("file", help="JSON file (format of resources/templates)")
    template_import.add_argument("--admin", required=True, help="administrator's number")
    template_import.set_defaults(handler=cmd_handover_template_import)

    kpi = add("kpi", cmd_kpi, "compute the KPIs for a period")
    kpi.add_argument("path")
    kpi.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    kpi.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD (inclusive)")
    kpi.add_argument("--cycle", type=int, help="compare with this improvement cycle's targets")
    kpi.add_argument("--json", action="store_true", help="stable JSON (see README)")
    kpi.add_argument("--xlsx", help="also write the KPI table and its rows to this .xlsx")

    roster = add("roster", lambda _a: EXIT_USAGE, "roster (排班): generate, hours, ics, pdf")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    generate = roster_sub.add_parser("generate", help="generate the roster for a date range")
    generate.add_argument("path")
    generate.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    generate.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    generate.add_argument("--team", help="team name (default: every team)")
    generate.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    generate.add_argument(
        "--replace",
        action="store_true",
        help="re-plan unstarted generated shifts (default: keep them, fill gaps only)",
    )
    generate.add_argument("--user", default="admin", help="employee number acting (leader/admin)")
    generate.set_defaults(handler=cmd_roster_generate)
    hours = roster_sub.add_parser("hours", help="hours per person to .xlsx or .csv")
    hours.add_argument("path")
    hours.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    hours.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    hours.add_argument("--team", help="team name")
    hours.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
    hours.set_defaults(handler=cmd_roster_hours)
    ics = roster_sub.add_parser("ics", help="iCalendar file for a person or a team")
    ics.add_argument("path")
    ics.add_argument("--person", help="employee number")
    ics.add_argument("--team", help="team name")
    ics.add_argument("--from", dest="date_from", help="YYYY-MM-DD (default: a month ago)")
    ics.add_argument("--to", dest="date_to", help="YYYY-MM-DD (default: three months ahead)")
    ics.add_argument("--out", required=True)
    ics.set_defaults(handler=cmd_roster_ics)
    pdf = roster_sub.add_parser("pdf", help="monthly roster PDF (A4 landscape)")
    pdf.add_argument("path")
    pdf.add_argument("--month", required=True, help="YYYY-MM")
    pdf.add_argument("--team", help="team name (default: every team)")
    pdf.add_argument("--out", required=True)
    pdf.set_defaults(handler=cmd_roster_pdf)
    report = add("report", lambda _a: EXIT_USAGE, "make a PDF document")
    report_sub = report.add_subparsers(dest="document", required=True)
    verification = report_sub.add_parser("verify", help="verification summary PDF")
    verification.add_argument("path")
    verification.add_argument("--out", required=True, help="PDF file to write")
    verification.add_argument("--manifest", help="audit export manifest (.manifest.json)")
    verification.set_defaults(handler=cmd_report_verify)
    period_report = report_sub.add_parser("period", help="weekly/monthly/quarterly KPI report")
    period_report.add_argument("path")
    period_report.add_argument("--from", dest="date_from", required=True)
    period_report.add_argument("--to", dest="date_to", required=True)
    period_report.add_argument("--out", required=True)
    period_report.set_defaults(handler=cmd_report_period)
    shift_report = report_sub.add_parser("shift", help="值班报告 of one shift")
    shift_report.add_argument("path")
    shift_report.add_argument("--date", required=True, help="YYYY-MM-DD (the roster day)")
    shift_report.add_argument("--shift", required=True, help="shift code, e.g. D or N")
    shift_report.add_argument("--out", required=True)
    shift_report.set_defaults(handler=cmd_report_shift)
    day_report = report_sub.add_parser("day", help="daily report covering every shift")
    day_report.add_argument("path")
    day_report.add_argument("--date", required=True, help="YYYY-MM-DD")
    day_report.add_argument("--out", required=True)
    day_report.set_defaults(handler=cmd_report_day)
    incident_form = report_sub.add_parser("incident", help="问题处理单 problem-handling form")
    incident_form.add_argument("path")
    incident_form.add_argument("--id", type=int, required=True, help="incident id")
    incident_form.add_argument("--out", required=True)
    incident_form.set_defaults(handler=cmd_report_incident)

    incidents = add("incidents", lambda _a: EXIT_USAGE, "search and export the incident log")
    incidents_sub = incidents.add_subparsers(dest="action", required=True)
    search = incidents_sub.add_parser("search", help="full-text search (Chinese substrings)")
    search.add_argument("path")
    search.add_argument("query")
    search.add_argument("--from", dest="date_from", help="first day YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", help="last day YYYY-MM-DD")
    search.add_argument("--status", action="append", help="new, acknowledged, ... (repeat)")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_incidents_search)
    export_incidents = incidents_sub.add_parser("export", help="the list to .xlsx or .csv")
    export_incidents.add_argument("path")
    export_incidents.add_argument("--from", dest="date_from", help="first day YYYY-MM-DD")
    export_incidents.add_argument("--to", dest="date_to", help="last day YYYY-MM-DD")
    export_incidents.add_argument("--query", help="only incidents matching this text")
    export_incidents.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
    export_incidents.set_defaults(handler=cmd_incidents_export)
    reindex = incidents_sub.add_parser("reindex", help="rebuild the search index")
    reindex.add_argument("path")
    reindex.set_defaults(handler=cmd_incidents_reindex)
    handover = report_sub.add_parser("handover", help="handover sheet PDF (交接班记录)")
    handover.add_argument("path")
    handover.add_argument("--id", type=int, required=True, help="handover number")
    handover.add_argument("--out", required=True)
    handover.set_defaults(handler=cmd_report_handover)
    assessment = report_sub.add_parser("assessment", help="needs-analysis report (现状评估报告)")
    assessment.add_argument("path")
    assessment.add_argument("--id", type=int, required=True, help="assessment number")
    assessment.add_argument("--out", required=True)
    assessment.set_defaults(handler=cmd_report_assessment)
    plan = report_sub.add_parser("plan", help="implementation plan PDF (实施计划)")
    plan.add_argument("path")
    plan.add_argument("--out", required=True)
    plan.set_defaults(handler=cmd_report_plan)
    cycle = report_sub.add_parser("cycle", help="improvement cycle review PDF (周期评估报告)")
    cycle.add_argument("path")
    cycle.add_argument("--id", type=int, required=True, help="cycle number")
    cycle.add_argument("--out", required=True)
    cycle.set_defaults(handler=cmd_report_cycle)

    feedback = add("feedback", lambda _a: EXIT_USAGE, "record or list feedback (意见反馈)")
    feedback_sub = feedback.add_subparsers(dest="action", required=True)
    feedback_add = feedback_sub.add_parser("add", help="record feedback; password on stdin")
    feedback_add.add_argument("path")
    feedback_add.add_argument("--user", required=True, help="employee number of the recorder")
    feedback_add.add_argument("--text", required=True)
    feedback_add.add_argument(
        "--channel",
        default="system",
        choices=["in_person", "phone", "survey", "suggestion_box", "meeting", "system"],
    )
    feedback_add.add_argument("--anonymous", action="store_true")
    feedback_add.add_argument(
        "--about-kind", choices=["shift", "incident", "handover", "process_step"]
    )
    feedback_add.add_argument("--about-ref")
    feedback_add.add_argument("--category", choices=["process", "technical", "people"])
    feedback_add.set_defaults(handler=cmd_feedback_add)
    feedback_list = feedback_sub.add_parser("list", help="list feedback, newest first")
    feedback_list.add_argument("path")
    feedback_list.add_argument(
        "--status", choices=["new", "classified", "converted", "rejected", "replied"]
    )
    feedback_list.add_argument("--limit", type=int, default=50)
    feedback_list.set_defaults(handler=cmd_feedback_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except DutyDeskError as error:
        print(f"dutydesk: {error.localized(_lang())}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as error:
        # A file that passed the checks on opening can still fail later (locked by another
        # program, damaged pages): one line, never a traceback.
        text = str(error)
        if "locked" in text or "busy" in text:
            message = _say(
                f"数据库正被另一个程序占用，请稍后再试（{text}）",
                f"The database is in use by another program; try again later ({text})",
            )
        else:
            message = _say(f"数据库错误：{text}", f"Database error: {text}")
        print(f"dutydesk: {message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"dutydesk: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
