"""The handover sheet PDF: content read back with pdfplumber, and the CLI that makes it."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from dutydesk.cli.main import main
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.handover.service import IncidentSummary
from dutydesk.people.auth import Person
from dutydesk.store import signing
from reports.handover import build_handover_sheet
from tests.conftest import PASSWORD
from tests.core.handover_helpers import at, good_values, start


def _text(pdf: bytes) -> tuple[str, int, list[str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    return "\n".join(pages), len(pages), pages


@pytest.fixture
def signed(desk: Desk, crew: dict[str, Person], clock: ManualClock) -> int:
    at(clock, "2026-11-25T09:40:00+00:00")
    desk.handover.incident_summary_provider = lambda start_at, end_at: IncidentSummary(
        by_status={"new": 1, "closed": 5},
        by_severity={"IV": 5, "III": 1},
        open_incidents=[(12, "滨江路燃气泄漏报警", "III", "new", "2026-11-25T07:20:00+00:00")],
    )
    a, b = crew["officer"], crew["officer2"]
    desk.handover.add_open_item(a, title="2 号 UPS 电池告警", detail="厂家已报修", incident_id=9)
    clock.advance(minutes=5)
    record = start(desk, a, b)
    values = good_values(record)
    temp = next(v.item.id for v in record.items if v.item.label == "机房温度")
    values[temp] = "29.5"
    desk.handover.set_values(a, record.id, values, notes={temp: "空调维修中"})
    clock.advance(minutes=10)
    desk.handover.submit(crew["leader"], record.id, password=PASSWORD, on_behalf_of=a)
    clock.advance(minutes=3)
    desk.handover.accept(b, record.id, password=PASSWORD)
    clock.advance(hours=1)
    desk.handover.amend(
        crew["leader"], record.id, subject="本班接报电话数", correction="应为 102 个", reason="漏计"
    )
    return record.id


def test_the_sheet_shows_items_open_items_incidents_signatures_amendments_and_hash(
    desk: Desk, signed: int
) -> None:
    pdf = build_handover_sheet(desk, signed)
    text, pages, by_page = _text(pdf)
    flat = text.replace(" ", "").replace("\n", "")
    for expected in (
        "交接班记录",
        "HO-000001",
        "测试值班室",
        "李丽",
        "王伟",
        "值班室交接班检查表（通用）",
        "机房温度",
        "29.5℃【异常】",
        "空调维修中",
        "18–27℃",
        "2号UPS电池告警",
        "厂家已报修",
        "关联事件#9",
        "滨江路燃气泄漏报警",
        "事件总数6起",
        "已关闭5起，新建1起",
        "较大1起，一般5起",
        "交班确认",
        "接班确认",
        "张强（工号2001）",
        "代李丽签名",
        "应为102个",
        "漏计",
        "准时",
    ):
        assert expected in flat, expected
    # Times are shown in the site's zone (Asia/Shanghai, UTC+8).
    assert "2026-11-2518:00" in flat
    record_hash = signing.content_hash(desk.db, "handover", signed)
    assert all(f"记录哈希 SHA-256: {record_hash}" in page for page in by_page)
    assert all(f"第 {n} / {pages} 页" in page for n, page in enumerate(by_page, start=1))


def test_a_draft_sheet_says_it_is_unsigned_and_has_no_hash(
    desk: Desk, crew: dict[str, Person], clock: ManualClock
) -> None:
    at(clock, "2026-11-25T09:40:00+00:00")
    desk.handover.incident_summary_provider = None  # as in a build without an incident log
    record = start(desk, crew["officer"], crew["officer2"])
    text, _, _ = _text(build_handover_sheet(desk, record.id))
    assert "草稿：尚未签名" in text
    assert "记录哈希" not in text
    assert "（未填）" in text
    assert "未连接事件记录" in text


def test_cli_writes_the_sheet(
    desk: Desk, signed: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sheet.pdf"
    desk.db.execute("PRAGMA wal_checkpoint(FULL)")
    assert main(["report", "handover", str(db_path), "--id", str(signed), "--out", str(out)]) == 0
    text, _, _ = _text(out.read_bytes())
    assert "交接班记录" in text and "接班确认" in text
    assert main(["report", "handover", str(db_path), "--id", "999", "--out", str(out)]) == 2
    assert "交接班记录不存在：999" in capsys.readouterr().err
