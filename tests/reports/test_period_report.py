"""The period review PDF and the KPI command line, checked by content."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from dutydesk.cli.main import main
from dutydesk.desk import Desk
from dutydesk.kpi.period import Period
from reports.period import build_period_report
from tests.fixtures_kpi import OCTOBER


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_period_report_shows_kpis_targets_and_sections(
    desk: Desk,
    crew,
    incidents,
    tmp_path: Path,
) -> None:
    desk.kpi.set_target(crew["leader"], "resolution_rate", 90)
    out = tmp_path / "period.pdf"
    build_period_report(desk, desk.kpi.report(OCTOBER), out)
    text = _text(out)
    assert "值班工作报告（2026年10月）" in text
    assert "未达标指标 1 项：事件解决率" in text
    assert "事件解决率 50.0%" in text
    for heading in (
        "一、关键指标",
        "二、事件",
        "三、主要问题类别",
        "四、人员工时",
        "五、整改措施状态",
    ):
        assert heading in text
    assert "每日事件数（按严重程度）" in text
    assert "本期无反馈" in text  # shown as no data, never as 0%


def test_cli_kpi_json_is_stable_and_period_names_are_recognised(
    desk: Desk,
    incidents,
    clock,
    cli_clock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_clock(clock)
    path = str(desk.path)
    desk.close()
    assert main(["kpi", path, "--from", "2026-10-01", "--to", "2026-10-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["kind"] == "month"
    assert data["previous_period"] == {"start": "2026-09-01", "end": "2026-09-30", "kind": "month"}
    by_code = {k["code"]: k for k in data["kpis"]}
    assert by_code["resolution_rate"]["value"] == 50
    assert by_code["resolution_rate"]["numerator"] == 2
    assert by_code["resolution_rate"]["denominator"] == 4
    assert by_code["feedback_answered_rate"]["value"] is None


def test_cli_kpi_excel_holds_the_table_and_the_incident_rows(
    desk: Desk,
    incidents,
    clock,
    cli_clock,
    tmp_path: Path,
) -> None:
    cli_clock(clock)
    path = str(desk.path)
    desk.close()
    out = tmp_path / "kpi.xlsx"
    assert (
        main(["kpi", path, "--from", "2026-10-01", "--to", "2026-10-31", "--xlsx", str(out)]) == 0
    )
    book = load_workbook(out)
    table = {row[0]: row for row in book["指标"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert table["resolution_rate"][3] == 50
    titles = [row[1] for row in book["事件明细"].iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(["机房空调告警", "UPS 电池故障", "门禁离线", "电话线路杂音"])


def test_cli_rejects_a_reversed_period(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(desk.path)
    desk.close()
    assert main(["kpi", path, "--from", "2026-10-31", "--to", "2026-10-01"]) == 2
    assert "早于开始日期" in capsys.readouterr().err


def test_periods_name_themselves_and_step_back() -> None:
    from dutydesk.kpi.period import parse_period

    assert parse_period("2026-07-01", "2026-12-31") == Period.half(2026, 2)
    assert Period.quarter(2026, 1).previous() == Period.quarter(2025, 4)
    assert Period.week(Period.month(2026, 11).start).start.isoformat() == "2026-10-26"
    custom = parse_period("2026-10-03", "2026-10-09")  # Saturday to Friday: not a week
    assert custom.kind == "custom"
    assert (custom.previous().start.isoformat(), custom.previous().end.isoformat()) == (
        "2026-09-26",
        "2026-10-02",
    )


def test_cli_kpi_text_names_each_target_and_its_source(
    desk: Desk,
    crew,
    incidents,
    clock,
    cli_clock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    desk.kpi.set_target(crew["leader"], "resolution_rate", 90)
    path = str(desk.path)
    desk.close()
    cli_clock(clock)
    assert main(["kpi", path, "--from", "2026-10-01", "--to", "2026-10-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rate = next(line for line in lines if line.startswith("事件解决率"))
    assert "50.0% (2/4)" in rate and "≥ 90.0% · 站点目标" in rate and "[breach]" in rate
    assert lines[-1] == "未达标指标 1 项"
