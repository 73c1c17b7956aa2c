"""Excel/CSV export of the filtered list, the command line, and the demo incidents."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dutydesk.cli.main import main
from dutydesk.clock import ManualClock
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.errors import ValidationError
from dutydesk.incidents.export import export_incidents
from dutydesk.incidents.service import IncidentFilter
from dutydesk.people.auth import Person


@pytest.fixture
def logged(desk: Desk, clock: ManualClock, crew: dict[str, Person]) -> Desk:
    ref = desk.incidents.reference
    severity = ref.severity_by_code("III").id
    aircon = next(c.id for c in ref.categories() if c.name == "空调")
    power = next(c.id for c in ref.categories() if c.name == "市电停电")
    first = desk.incidents.report(
        crew["officer"], title="机房空调故障", severity_id=severity, category_id=aircon
    )
    clock.advance(minutes=5)
    desk.incidents.acknowledge(crew["officer"], first.id)
    clock.advance(minutes=50)
    desk.incidents.resolve(crew["officer"], first.id, resolution="清洗滤网")
    desk.incidents.close(crew["leader"], first.id)
    clock.advance(days=3)
    desk.incidents.report(
        crew["officer2"], title="配电间停电", severity_id=severity, category_id=power
    )
    return desk


def test_csv_export_has_chinese_headers_and_the_filtered_rows(logged: Desk, tmp_path: Path) -> None:
    out = tmp_path / "事件.csv"
    count = export_incidents(logged, out, IncidentFilter(query="空调"))
    assert count == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["编号", "标题", "状态"]
    assert rows[1][1] == "机房空调故障" and rows[1][2] == "已关闭"
    assert rows[1][7] == "2026-11-25 08:00"  # site time (Asia/Shanghai)
    assert rows[1][20:23] == ["5", "30", "是"]


def test_excel_export_with_date_range(logged: Desk, tmp_path: Path) -> None:
    out = tmp_path / "事件.xlsx"
    flt = IncidentFilter(date_from=date(2026, 11, 28), date_to=date(2026, 11, 28))
    assert export_incidents(logged, out, flt) == 1
    sheet = load_workbook(out).active
    values = list(sheet.values)
    assert values[0][1] == "标题" and values[1][1] == "配电间停电"
    assert len(values) == 2


def test_export_refuses_other_file_types(logged: Desk, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        export_incidents(logged, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_cli_search_export_and_report(
    logged: Desk, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logged.close()
    assert main(["incidents", "search", str(db_path), "空调", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 1 and found["incidents"][0]["title"] == "机房空调故障"
    assert main(["incidents", "search", str(db_path), "停电"]) == 0
    assert "配电间停电" in capsys.readouterr().out
    out = tmp_path / "list.xlsx"
    code = main(
        ["incidents", "export", str(db_path), "--from", "2026-11-01", "--to", "2026-11-30",
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0 and out.exists()
    assert main(["incidents", "export", str(db_path), "--from", "11/01", "--out", "x.csv"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    pdf = tmp_path / "form.pdf"
    assert main(["report", "incident", str(db_path), "--id", "1", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["report", "incident", str(db_path), "--id", "99", "--out", str(pdf)]) == 2
    assert "事件不存在" in capsys.readouterr().err
    assert main(["incidents", "reindex", str(db_path)]) == 0


def test_demo_has_realistic_incidents(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    try:
        total = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
        assert 150 <= total <= 600
        categories = conn.execute("SELECT count(DISTINCT category_id) FROM incidents").fetchone()
        assert categories[0] >= 10
        severities = conn.execute("SELECT count(DISTINCT severity_id) FROM incidents").fetchone()
        assert severities[0] == 4
        statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM incidents")}
        assert {"closed", "new"} <= statuses and len(statuses) >= 3
        assert (
            conn.execute(
                "SELECT count(*) FROM incidents WHERE escalated_at IS NOT NULL"
            ).fetchone()[0]
            > 10
        )
        assert (
            conn.execute("SELECT count(*) FROM incident_events WHERE kind = 'note'").fetchone()[0]
            > 50
        )
        assert conn.execute("SELECT count(*) FROM incident_attachments").fetchone()[0] > 0
        late = conn.execute(
            "SELECT count(*) FROM incidents WHERE status = 'closed' AND responded_on_time = 0"
        ).fetchone()[0]
        assert late > 0
        first, last = conn.execute(
            "SELECT min(reported_at), max(reported_at) FROM incidents"
        ).fetchone()
        assert (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days >= 80
        titles = [r[0] for r in conn.execute("SELECT title FROM incidents LIMIT 20")]
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles)
    finally:
        conn.close()
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        assert desk.incidents.search(IncidentFilter(query="空调")).items
        assert desk.incidents.overdue_count() > 0
