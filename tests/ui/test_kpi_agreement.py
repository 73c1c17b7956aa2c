"""One figure, three places: the 统计 tile, ``dutydesk kpi --json`` and the period report.

On a copy of the demo database at the demo's "now" (2026-11-25 09:00), for the fourth
quarter, which includes today: only the shifts that have ended count.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from dutydesk.cli.main import main
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.kpi.definitions import BY_CODE
from dutydesk.kpi.engine import format_value
from dutydesk.kpi.period import Period
from reports.period import build_period_report
from ui.session import Session
from ui.tabs.kpi import KpiTab

QUARTER = Period(date(2026, 10, 1), date(2026, 12, 31), "quarter")
CODES = ("record_completeness", "response_mean", "response_median", "handover_on_time_rate")


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db, path)
    return path


def test_tile_json_and_period_report_agree(
    qtbot, app, demo_copy: Path, tmp_path: Path, cli_clock, capsys
) -> None:
    with Desk.open(demo_copy, clock=demo_clock()) as desk:
        session = Session(desk, desk.people.by_employee_no("2001"))
        tab = KpiTab(session)
        qtbot.addWidget(tab)
        tab.set_period(QUARTER)
        qtbot.waitUntil(lambda: tab.is_current, timeout=30000)
        tiles = {code: tab.tiles[code].value_label.text() for code in CODES}
        tile_targets = {code: tab.tiles[code].target_label.text() for code in CODES}
        summary = tab.summary.text()
        out = tmp_path / "period.pdf"
        build_period_report(desk, desk.kpi.report(QUARTER), out)
        drill = desk.kpi.handover_rows(QUARTER, "record_completeness")

    cli_clock(demo_clock())
    assert (
        main(["kpi", str(demo_copy), "--from", "2026-10-01", "--to", "2026-12-31", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    by_code = {k["code"]: k for k in data["kpis"]}
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)

    completeness = by_code["record_completeness"]
    # 10-01 .. 11-24: 55 days of a day and a night shift have ended by 11-25 09:00.
    assert completeness["denominator"] == 110 == len(drill)
    assert completeness["numerator"] == sum(1 for row in drill if row.counted)
    assert data["as_of"] == "2026-11-25T01:00:00+00:00"
    assert data["cycle_id"] is not None
    for code in CODES:
        definition = BY_CODE[code]
        shown = format_value(definition, by_code[code]["value"])
        assert tiles[code] == shown, code
        assert f"{definition.name_zh} {shown}" in text, code
    # The cycle in force asks for a response median of at most 10 min: breached, from the
    # cycle, everywhere; response_mean has a site target only.
    median = by_code["response_median"]
    assert (median["target"], median["target_source"], median["status"]) == (
        10,
        "cycle",
        "breach",
    )
    assert "（周期）" in tile_targets["response_median"]
    assert "（站点）" in tile_targets["response_mean"]
    assert by_code["response_mean"]["target_source"] == "site"
    breaches = data["breaches"]
    assert {b["code"] for b in breaches} == {
        k["code"] for k in data["kpis"] if k["status"] == "breach"
    }
    assert f"未达标 {len(breaches)} 项" in summary
    assert f"未达标指标 {len(breaches)} 项" in text
    assert "数据截至 2026-11-25 09:00" in text
    assert "优化周期目标" in text and "站点目标" in text
    assert len(breaches) >= 3
    met = [k for k in data["kpis"] if k["status"] == "met"]
    assert len(met) >= 3  # the demo has targets met as well as breached


def test_the_targets_dialog_shows_which_cycle_targets_override(qtbot, app, demo_copy) -> None:
    from ui.tabs.kpi import TargetsDialog

    with Desk.open(demo_copy, clock=demo_clock()) as desk:
        dialog = TargetsDialog(Session(desk, desk.people.by_employee_no("2001")))
        qtbot.addWidget(dialog)
        assert dialog.fields["response_median"].text() == "15"  # the site's own target
        assert dialog.cycle_notes["response_median"].text() == "周期目标 ≤ 10.0 分钟 优先"
        assert "response_mean" not in dialog.cycle_notes
        dialog.close()
