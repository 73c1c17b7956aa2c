"""Issue 18 query figures as interleaved pairs: search, list, handover history, shift PDF.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.query_pairs COPY.db [--runs 15]

COPY.db must be your own copy of a large database (it is opened with DutyDesk, which
migrates it): never the shared file under /tmp/dutydesk-bench. Each figure runs the app
and its baseline one after the other, ``--runs`` times, on the same connection, and
reports the medians, the ratio of the wall-clock medians and the ratio of the CPU-time
medians (the second is steadier on a busy machine), with the load average.

- search: ``IncidentService.search(IncidentFilter(query=word), limit=100)`` against
  ``SELECT rowid FROM incident_fts WHERE incident_fts MATCH ? LIMIT 100`` plus fetching
  those 100 incident rows by id (goal ≤ 3×);
- list: ``IncidentService.search(None, limit=100)`` against
  ``SELECT * FROM incidents ORDER BY reported_at DESC, id DESC LIMIT 100`` (goal ≤ 2×);
- handover history: ``HandoverService.history(limit=200)`` and its query plan;
- shift PDF: ``reports.shift.build_shift_report`` of a shift with 17 incidents (3 pages)
  against the same content as plain platypus tables in the same font (goal ≤ 3×).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dutydesk.clock import fixed_clock  # noqa: E402
from dutydesk.desk import Desk  # noqa: E402
from dutydesk.handover.records import HISTORY_SELECT  # noqa: E402
from dutydesk.handover.shift_report import (  # noqa: E402
    ChecklistResult,
    IncidentLine,
    OpenItemLine,
    PersonOnDuty,
    ShiftReportData,
    SignatureLine,
)
from dutydesk.incidents import search as incident_search  # noqa: E402
from dutydesk.incidents.records import IncidentFilter  # noqa: E402

WORDS = ("空调", "告警", "张伟", "停电")


def pairs(app: Callable[[], Any], base: Callable[[], Any], runs: int) -> dict[str, float]:
    app()
    base()
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for index, fn in enumerate((app, base)):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall[index].append(time.perf_counter() - start)
            cpu[index].append(time.process_time() - start_cpu)
    app_ms, base_ms = (statistics.median(w) * 1000 for w in wall)
    app_cpu, base_cpu = (statistics.median(c) for c in cpu)
    return {
        "app_ms": round(app_ms, 3),
        "base_ms": round(base_ms, 3),
        "ratio": round(app_ms / base_ms, 2),
        "cpu_ratio": round(app_cpu / base_cpu, 2) if base_cpu else float("nan"),
    }


def shift_data(incidents: int = 17, checks: int = 16) -> ShiftReportData:
    titles = (
        "二号机房精密空调高温告警", "UPS电池组巡检发现电压偏低", "门禁系统刷卡失灵",
        "消防主机误报警", "核心交换机端口闪断", "监控大屏黑屏", "配电柜跳闸",
        "机房漏水传感器告警", "备用发电机例行启动测试失败", "网络出口带宽占用过高",
    )  # fmt: skip
    return ShiftReportData(
        site_name="基准测试值班室",
        timezone="Asia/Shanghai",
        generated_at="2026-11-25T12:00:00+00:00",
        shift_date="2026-11-25",
        shift_code="D",
        shift_name="白班",
        start_at="2026-11-25T00:00:00+00:00",
        end_at="2026-11-25T12:00:00+00:00",
        people=(
            PersonOnDuty("张强", "值班长"),
            PersonOnDuty("李丽", "值班员"),
            PersonOnDuty("王伟", "值班员", planned=True, served=False, note="病假，由赵敏替班"),
            PersonOnDuty("赵敏", "值班员", planned=False, served=True, note="替班"),
        ),
        incidents=tuple(
            IncidentLine(
                f"SJ-2026-{n:06d}",
                f"{titles[n % 10]}（第{n}次）",
                ("特别重大", "重大", "较大", "一般")[n % 4],
                "已关闭" if n % 3 else "处理中",
                f"2026-11-25T{n % 11:02d}:10:00+00:00",
                f"2026-11-25T{n % 11 + 1:02d}:25:00+00:00" if n % 3 else None,
                "李丽",
            )
            for n in range(1, incidents + 1)
        ),
        checklist=tuple(
            ChecklistResult(
                f"检查项目{k}：机房温湿度、设备运行状态",
                k % 5 != 0,
                "温度 26℃，偏高，已通知" if k % 5 == 0 else "",
            )
            for k in range(checks)
        ),
        open_items=(
            OpenItemLine("二号机房空调待厂家复查", "李丽", "11-26 10:00"),
            OpenItemLine("UPS电池更换申请待审批", "张强", "11-27 17:00"),
        ),
        remarks="夜间注意机房温度，二号机房空调压缩机异响，厂家明早到场。",
        signatures=(
            SignatureLine("交班确认", "李丽", "2026-11-25T11:58:00+00:00"),
            SignatureLine("接班确认", "王五", "2026-11-25T12:01:00+00:00"),
        ),
        record_hash="ab" * 32,
        process_version=2,
    )


def plain_shift_pdf(data: ShiftReportData) -> bytes:
    """The same content in plain platypus tables (no wrapping, no header/footer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    name = "BenchCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    body = ParagraphStyle("b", fontName=name, fontSize=10, leading=15)
    head = ParagraphStyle("h", fontName=name, fontSize=14, leading=20)
    look = [
        ("FONTNAME", (0, 0), (-1, -1), name),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.25, "#cbd2d9"),
    ]

    def table(rows: list[list[str]], widths: list[float]) -> Table:
        made = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
        made.setStyle(look)
        return made

    d = data
    story = [
        Paragraph("值班报告", head),
        Paragraph(f"{d.shift_date} {d.shift_name}（{d.shift_code}）", body),
        table(
            [
                ["站点", d.site_name],
                ["班次", d.shift_name],
                ["时间", f"{d.start_at} 至 {d.end_at}"],
                ["事件", f"共 {len(d.incidents)} 起"],
            ],
            [30, 144],
        ),
        Paragraph("值班人员", head),
        table(
            [["姓名", "岗位", "计划", "实到", "说明"]]
            + [[p.name, p.role, "是", "是", p.note] for p in d.people],
            [30, 26, 16, 16, 86],
        ),
        Paragraph("事件及处置时间", head),
        table(
            [["编号", "事件", "等级", "接报", "关闭", "用时", "状态", "处置人"]]
            + [
                [
                    i.reference,
                    i.title,
                    i.severity,
                    i.reported_at[11:16],
                    (i.closed_at or "—")[11:16],
                    "1 小时 15 分",
                    i.status,
                    i.handled_by,
                ]
                for i in d.incidents
            ],
            [18, 36, 14, 22, 22, 22, 18, 22],
        ),
        Paragraph("交接清单检查结果", head),
        table(
            [["检查项目", "结果", "说明"]] + [[c.item, "正常", c.note] for c in d.checklist],
            [70, 20, 84],
        ),
        Paragraph("遗留事项", head),
        table(
            [["事项", "责任人", "时限", "状态"]]
            + [[o.text, o.owner, o.due, o.status] for o in d.open_items],
            [96, 26, 30, 22],
        ),
        Paragraph("备注", head),
        Paragraph(d.remarks, body),
        Paragraph("签名", head),
        table(
            [["签名含义", "签名人", "时间"]]
            + [[g.meaning, g.name, g.signed_at] for g in d.signatures],
            [40, 50, 84],
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
        topMargin=20 * mm, bottomMargin=20 * mm,
    ).build(story)  # fmt: skip
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="your own copy of a large DutyDesk database")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--words", nargs="+", default=list(WORDS), help="2-character queries")
    args = parser.parse_args(argv)
    path = Path(args.db).resolve()
    if "dutydesk-bench" in path.parts:
        parser.error("copy the shared database first; it must never be opened in place")
    desk = Desk.open(path, clock=fixed_clock(datetime(2026, 11, 25, tzinfo=UTC)))
    conn = desk.db.conn
    service = desk.incidents
    print(f"{conn.execute('SELECT count(*) FROM incidents').fetchone()[0]:,} incidents")

    for word in args.words:
        match = incident_search.plan(word).match
        hits = conn.execute(
            "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?", [match]
        ).fetchone()[0]

        def raw(match: str | None = match) -> list[Any]:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ? LIMIT 100", [match]
                )
            ]
            marks = ", ".join("?" for _ in ids)
            return conn.execute(f"SELECT * FROM incidents WHERE id IN ({marks})", ids).fetchall()

        flt = IncidentFilter(query=word)
        result = pairs(lambda f=flt: service.search(f, limit=100), raw, args.runs)
        print(f"search {word} ({hits:,} hits): {result}")

    listed = pairs(
        lambda: service.search(None, limit=100),
        lambda: conn.execute(
            "SELECT * FROM incidents ORDER BY reported_at DESC, id DESC LIMIT 100"
        ).fetchall(),
        args.runs,
    )
    print(f"list first page: {listed}")

    history_sql = f"{HISTORY_SELECT} ORDER BY h.shift_boundary_at DESC, h.id DESC LIMIT 200"
    plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {history_sql}")]
    history = pairs(
        lambda: desk.handover.history(limit=200),
        lambda: conn.execute(history_sql).fetchall(),
        args.runs,
    )
    print(f"handover history (200): {history}; plan {plan[0]}")

    if not args.skip_pdf:
        from reports.shift import build_shift_report

        data = shift_data()
        start = time.perf_counter()
        build_shift_report(data)
        first = time.perf_counter() - start
        pdf = pairs(lambda: build_shift_report(data), lambda: plain_shift_pdf(data), args.runs)
        print(f"shift PDF (17 incidents): {pdf}; first PDF of the process {first * 1000:.0f} ms")
    print(f"load average {os.getloadavg()}")
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
