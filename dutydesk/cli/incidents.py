"""``dutydesk incidents …`` and ``report incident``."""

from __future__ import annotations

import argparse
import json

from dutydesk.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    lang,
    optional_day,
    say,
)
from dutydesk.text import pick


def cmd_incidents_search(args: argparse.Namespace) -> int:
    from dutydesk.clock import format_site_time
    from dutydesk.desk import Desk
    from dutydesk.incidents.service import STATUS_LABELS, IncidentFilter

    flt = IncidentFilter(
        query=args.query,
        date_from=optional_day(args.date_from, "--from"),
        date_to=optional_day(args.date_to, "--to"),
        statuses=tuple(args.status or ()),
    )
    with Desk.open(args.path) as desk:
        zone = desk.settings.site_zone()
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
    english = lang() == "en"
    for i in page.items:
        status = pick(STATUS_LABELS[i.status], english)
        print(
            f"#{i.id:<7} {format_site_time(i.reported_at, zone)}  {i.severity_code:<4} {status:<6}"
            f" {i.title}  [{i.category_name}]{'  !' if i.overdue else ''}"
        )
    print(
        say(
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
        date_from=optional_day(args.date_from, "--from"),
        date_to=optional_day(args.date_to, "--to"),
    )
    with Desk.open(args.path) as desk:
        count = export_incidents(desk, args.out, flt)
    print(say(f"已导出 {count} 条事件到 {args.out}", f"Exported {count} incidents to {args.out}"))
    return EXIT_OK


def cmd_incidents_reindex(args: argparse.Namespace) -> int:
    from dutydesk.desk import Desk

    with Desk.open(args.path) as desk:
        count = desk.incidents.rebuild_search_index()
    print(say(f"已重建 {count} 条事件的搜索索引", f"Rebuilt the search index of {count}"))
    return EXIT_OK


def register(commands: Commands) -> None:
    commands.record_document(
        "incident",
        "问题处理单 problem-handling form",
        "incident id",
        "reports.incident:build_incident_form",
    )
    incidents = commands.add(
        "incidents", lambda _a: EXIT_USAGE, "search and export the incident log"
    )
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
