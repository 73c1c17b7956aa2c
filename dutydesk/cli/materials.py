"""``dutydesk materials list|add|link|remove|get``: training materials of courses and steps."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutydesk.cli.common import EXIT_OK, EXIT_USAGE, Commands, say, sign_in_user


def cmd_list(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk
    from dutydesk.training.materials import MATERIAL_KINDS

    with Desk.open(args.path) as desk:
        courses = {c.id: c.title for c in desk.training.courses()}
        rows = desk.training.materials.list(course_id=args.course, step_key=args.step)
        if not rows:
            print(say("没有培训资料", "No training materials"))
        for m in rows:
            owner = courses.get(m.course_id, "") if m.course_id is not None else m.step_key
            where = m.linked_path if m.linked_path else say("存于数据库", "in the database")
            kind = say(*MATERIAL_KINDS[m.kind])
            print(f"{m.id:>4}  {owner}  {m.title}  {kind}  {m.filename}  {m.size_text}")
            print(f"      sha256 {m.sha256}  {where}")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        person = sign_in_user(desk, args.user)
        materials = desk.training.materials
        course, step, title = args.course, args.step, args.title
        if args.action == "link":
            path = Path(args.file).resolve()
            made = materials.link(person, path=path, title=title, course_id=course, step_key=step)
        else:
            made = materials.add(
                person,
                filename=Path(args.file).name,
                data=Path(args.file).read_bytes(),
                title=title,
                course_id=course,
                step_key=step,
            )
        zh = f"已登记培训资料 {made.id}：{made.title}"
        print(say(zh, f"Material {made.id} added: {made.title}"))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        person = sign_in_user(desk, args.user)
        desk.training.materials.remove(person, args.id)
        print(say(f"已移除培训资料 {args.id}", f"Material {args.id} removed"))
    return EXIT_OK


def cmd_get(args: argparse.Namespace) -> int:
    """A stored material written to ``--out``; a linked one checked and its path printed."""
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        person = sign_in_user(desk, args.user)
        opened = desk.training.materials.open(person, args.id)
        if opened.path is not None:
            print(opened.path)
            return EXIT_OK
        if not args.out:
            print(say("请用 --out 给出保存位置", "Give --out to write the file"))
            return EXIT_USAGE
        Path(args.out).write_bytes(opened.data or b"")
        print(say(f"已写出 {args.out}", f"Wrote {args.out}"))
    return EXIT_OK


def register(commands: Commands) -> None:
    top = commands.add("materials", lambda _a: EXIT_USAGE, "training materials (培训资料)")
    sub = top.add_subparsers(dest="action", required=True)

    def owner(parser: argparse.ArgumentParser, required: bool) -> None:
        group = parser.add_mutually_exclusive_group(required=required)
        group.add_argument("--course", type=int, help="course number")
        group.add_argument("--step", help="process step key, e.g. H2")

    listing = sub.add_parser("list", help="list materials")
    listing.add_argument("path")
    owner(listing, False)
    listing.set_defaults(handler=cmd_list)
    for name, text in (
        ("add", "store a file in the database; password on stdin"),
        ("link", "link a large file by its path; password on stdin"),
    ):
        adding = sub.add_parser(name, help=text)
        adding.add_argument("path")
        adding.add_argument("file")
        owner(adding, True)
        adding.add_argument("--title", default="")
        adding.add_argument("--user", required=True, help="employee number")
        adding.set_defaults(handler=cmd_add)
    remove = sub.add_parser("remove", help="remove a material; password on stdin")
    remove.add_argument("path")
    remove.add_argument("id", type=int)
    remove.add_argument("--user", required=True, help="employee number")
    remove.set_defaults(handler=cmd_remove)
    get = sub.add_parser("get", help="write a stored material out, or check a linked one")
    get.add_argument("path")
    get.add_argument("id", type=int)
    get.add_argument("--out")
    get.add_argument("--user", required=True, help="employee number")
    get.set_defaults(handler=cmd_get)
