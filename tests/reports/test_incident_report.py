"""The 问题处理单 PDF: the incident, its timings and its timeline as extractable text."""

from __future__ import annotations

import io

import pdfplumber

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from reports.incident import build_incident_form


def test_problem_handling_form_shows_the_incident_and_timeline(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    ref = desk.incidents.reference
    incident = desk.incidents.report(
        crew["officer"],
        title="二号机房UPS电池告警",
        description="UPS面板显示电池电压低",
        severity_id=ref.severity_by_code("II").id,
        category_id=next(c.id for c in ref.categories() if c.name == "UPS电源"),
        shift_date="2026-11-25",
        shift_code="白班",
    )
    clock.advance(minutes=4)
    desk.incidents.acknowledge(crew["officer2"], incident.id)
    desk.incidents.add_note(crew["officer2"], incident.id, "已通知动力班张伟检查电池组")
    desk.incidents.add_attachment(
        crew["officer2"], incident.id, filename="面板照片.png", data=b"\x89PNG fake"
    )
    clock.advance(minutes=40)
    desk.incidents.escalate(crew["officer2"], incident.id, to="UPS厂家售后", reason="需更换电池")
    clock.advance(minutes=60)
    desk.incidents.resolve(crew["officer2"], incident.id, resolution="更换两节故障电池")
    desk.incidents.close(crew["leader"], incident.id)
    data = build_incident_form(desk, incident.id)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "问题处理单",
        "二号机房UPS电池告警",
        "UPS面板显示电池电压低",
        "已通知动力班张伟检查电池组",
        "更换两节故障电池",
        "UPS厂家售后",
        "面板照片.png",
        "4 分钟（时限 15 分钟，及时）",
        "已关闭",
        "值班长审核",
        "测试值班室",
    ):
        assert expected in text, expected
