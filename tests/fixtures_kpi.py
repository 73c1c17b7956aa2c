"""The hand-built incident month shared by the KPI tests (see its docstring table).

Site zone Asia/Shanghai (UTC+8). October 2026 = [2026-10-01 00:00+08, 2026-11-01 00:00+08).
Severity II: respond 15 min, resolve 240 min. Severity IV: respond 60, resolve 1440.

  A  II  reported 10-05 09:00, acknowledged +10, resolved +100
  B  II  reported 10-10 09:00, acknowledged +30, escalated +40, resolved +400
  C  II  reported 10-20 09:00, acknowledged +5, never resolved
  D  IV  reported 10-31 23:50, nothing else (10 minutes old when October ends)
  E  II  reported 09-30 23:00 (September), nothing else
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dutydesk.clock import Clock
from dutydesk.desk import Desk
from dutydesk.kpi.period import Period

LOCAL = ZoneInfo("Asia/Shanghai")
OCTOBER = Period.month(2026, 10)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LOCAL)


@pytest.fixture
def incidents(desk: Desk, crew) -> dict[str, int]:
    officer, leader = crew["officer"], crew["leader"]
    ref = desk.incidents.reference
    two, four = ref.severity_by_code("II"), ref.severity_by_code("IV")
    assert (two.respond_minutes, two.resolve_minutes) == (15, 240)
    assert (four.respond_minutes, four.resolve_minutes) == (60, 1440)
    category = ref.categories()[0].id
    service = desk.incidents

    def report(title: str, severity: int, when: datetime) -> int:
        return service.report(
            officer, title=title, severity_id=severity, category_id=category, reported_at=when
        ).id

    ids = {}
    ids["A"] = report("机房空调告警", two.id, at(10, 5, 9))
    service.acknowledge(officer, ids["A"], at=at(10, 5, 9, 10))
    service.resolve(officer, ids["A"], resolution="已复位", at=at(10, 5, 10, 40))
    ids["B"] = report("UPS 电池故障", two.id, at(10, 10, 9))
    service.acknowledge(officer, ids["B"], at=at(10, 10, 9, 30))
    service.escalate(leader, ids["B"], to="设备科", reason="需更换电池", at=at(10, 10, 9, 40))
    service.resolve(
        officer, ids["B"], resolution="已更换", at=at(10, 10, 9) + timedelta(minutes=400)
    )
    ids["C"] = report("门禁离线", two.id, at(10, 20, 9))
    service.acknowledge(officer, ids["C"], at=at(10, 20, 9, 5))
    ids["D"] = report("电话线路杂音", four.id, at(10, 31, 23, 50))
    ids["E"] = report("监控画面丢失", two.id, at(9, 30, 23))
    return ids


@pytest.fixture
def cli_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[Clock], None]:
    """``cli_clock(clock)``: commands open their Desk on ``clock`` instead of the wall clock."""

    def use(test_clock: Clock) -> None:
        original = Desk.open.__func__  # type: ignore[attr-defined]

        def open_on_test_clock(
            cls: type[Desk], path: Path | str, *, create: bool = False, clock: Clock = test_clock
        ) -> Desk:
            return original(cls, path, create=create, clock=clock)  # type: ignore[no-any-return]

        monkeypatch.setattr(Desk, "open", classmethod(open_on_test_clock))

    return use
