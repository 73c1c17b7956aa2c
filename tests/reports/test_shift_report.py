"""Shift and daily report PDFs built from hand-made ShiftReportData."""

from __future__ import annotations

import io

import pdfplumber

from dutydesk.handover.shift_report import (
    ChecklistResult,
    DayReportData,
    IncidentLine,
    OpenItemLine,
    PersonOnDuty,
    ShiftReportData,
    SignatureLine,
)
from reports.shift import build_day_report, build_shift_report

HASH = "ab" * 32


def _shift(code: str = "D", name: str = "白班", *, incidents: int = 3) -> ShiftReportData:
    return ShiftReportData(
        site_name="测试值班室",
        timezone="Asia/Shanghai",
        generated_at="2026-11-25T12:00:00+00:00",
        shift_date="2026-11-25",
        shift_code=code,
        shift_name=name,
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
                f"E-{n:04d}",
                f"空调告警第{n}次",
                "一般",
                "已关闭" if n % 2 else "处理中",
                f"2026-11-25T{n % 10:02d}:10:00+00:00",
                f"2026-11-25T{n % 10 + 1:02d}:25:00+00:00" if n % 2 else None,
                "李丽",
            )
            for n in range(1, incidents + 1)
        ),
        checklist=(
            ChecklistResult("通信设备", True),
            ChecklistResult("钥匙与物品", False, "备用钥匙缺一把"),
            ChecklistResult("文件资料", None),
        ),
        open_items=(OpenItemLine("二号机房空调待厂家复查", "李丽", "11-26 10:00"),),
        remarks="夜间注意机房温度。",
        signatures=(
            SignatureLine("交班确认", "李丽", "2026-11-25T11:58:00+00:00"),
            SignatureLine("接班确认", "王五", "2026-11-25T12:01:00+00:00"),
        ),
        record_hash=HASH,
        process_version=2,
    )


def _text(pdf: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages), "\n".join(p.extract_text() or "" for p in document.pages)


def test_the_shift_report_prints_people_incidents_checks_items_and_signatures() -> None:
    pages, text = _text(build_shift_report(_shift()))
    assert pages >= 1
    assert "值班报告" in text and "2026-11-25 白班（D）" in text
    assert "计划 3 人，实到 3 人" in text
    assert "病假，由赵敏替班" in text
    assert "空调告警第1次" in text and "09:10" in text and "1 小时 15 分" in text
    assert "共 3 起，未关闭 1 起" in text
    assert "备用钥匙缺一把" in text and "未检查" in text
    assert "二号机房空调待厂家复查" in text
    assert "交班确认" in text and "接班确认" in text
    assert HASH in text and "第 2 版" in text


def test_many_incidents_split_across_pages_with_the_header_repeated() -> None:
    many = _shift(incidents=8)
    data = ShiftReportData(**{**many.__dict__, "incidents": many.incidents * 8})
    pdf = build_shift_report(data)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 2
        second = document.pages[1].extract_text() or ""
    assert "接报" in second and "处置人" in second


def test_an_empty_shift_says_so() -> None:
    empty = ShiftReportData(
        site_name="测试值班室",
        timezone="Asia/Shanghai",
        generated_at="2026-11-25T12:00:00+00:00",
        shift_date="2026-11-25",
        shift_code="N",
        shift_name="夜班",
        start_at="2026-11-25T12:00:00+00:00",
        end_at="2026-11-26T00:00:00+00:00",
    )
    _pages, text = _text(build_shift_report(empty))
    assert "本班无事件" in text and "无遗留事项" in text and "未签名" in text
    assert "记录哈希" not in text


def test_the_day_report_summarises_every_shift() -> None:
    day = DayReportData(
        site_name="测试值班室",
        timezone="Asia/Shanghai",
        generated_at="2026-11-26T01:00:00+00:00",
        day="2026-11-25",
        shifts=(_shift("D", "白班"), _shift("N", "夜班", incidents=1)),
    )
    pages, text = _text(build_day_report(day))
    assert pages >= 3
    assert "值班日报" in text and "白班（D）" in text and "夜班（N）" in text
    assert "已签" in text
