"""Demo data for the process: version 1 three months ago, a revision a month ago, a draft."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dutydesk.clock import fixed_clock
from dutydesk.desk import Desk
from dutydesk.people.auth import ADMIN, Person
from dutydesk.process.model import ProcessDefinition, Step, insert_step, replace_step

DEMO_PASSWORD = "demo1234"


def populate(desk: Desk, *, rng: random.Random, today: date, people: list[Person]) -> None:
    """Publish the default process, one approved revision, and leave a pending draft."""
    del rng  # the demo process history is fixed
    admin = next(p for p in people if p.has_role(ADMIN))
    tz = ZoneInfo("Asia/Shanghai")

    def at(days_ago: int, hour: int) -> None:
        moment = datetime.combine(today - timedelta(days=days_ago), time(hour, 0), tzinfo=tz)
        desk.clock = fixed_clock(moment)

    at(92, 9)
    desk.process.install_default(admin, password=DEMO_PASSWORD)

    def draft_with_time_limit(key: str, time_limit: str) -> ProcessDefinition:
        """A new draft whose step ``key`` has a new time limit."""
        definition = desk.process.start_draft(admin).definition
        step = definition.step(key)
        return replace_step(definition, key, replace(step, time_limit=time_limit))

    at(35, 10)
    definition = draft_with_time_limit("P1", "接报后3分钟内")
    definition = insert_step(
        definition,
        "handover",
        Step(
            key="H8",
            name="交接班记录归档",
            role="leader",
            description="每周一将上周已锁定的交接班记录导出归档，抽查结果一并存档。",
            inputs=("已锁定的交接班记录", "抽查意见"),
            outputs=("交接班归档",),
            time_limit="每周一",
            tools=("交接班记录",),
        ),
    )
    desk.process.save_draft(
        admin, definition, change_note="事件登记时限缩短为3分钟；新增交接班记录归档步骤"
    )
    at(33, 16)
    desk.process.publish(admin, password=DEMO_PASSWORD)

    at(4, 15)
    definition = draft_with_time_limit("R4", "次日8:30前")
    desk.process.save_draft(admin, definition, change_note="日报报送时间提前到8:30（待批准）")
