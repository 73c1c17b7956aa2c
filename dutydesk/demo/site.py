"""Realistic Chinese demo data: a duty room with about 25 people (later features add more)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from dutydesk.clock import Clock, fixed_clock, utc_now
from dutydesk.demo import feedback as feedback_demo
from dutydesk.demo import handover as handover_demo
from dutydesk.demo import process as process_demo
from dutydesk.demo import stages as stages_demo
from dutydesk.demo import training as training_demo
from dutydesk.desk import Desk
from dutydesk.errors import Conflict
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person

DEMO_PASSWORD = "demo1234"
# The demo tells the same story whenever it is made: its "today" is fixed, never the wall
# clock, and lies in a year with official holiday data. `dutydesk demo --date` moves it.
DEMO_TODAY = date(2026, 11, 25)
DEMO_SITE = "市应急指挥中心一号值班室"
TEAMS = ("一班", "二班", "三班")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐"
_GIVEN = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 浩 宇 欣 婷 "
    "建华 志刚 海燕 晓东 文博 子涵 俊杰 雨桐"
).split()


@dataclass(frozen=True)
class DemoLogin:
    employee_no: str
    name: str
    role: str


def demo_logins(desk: Desk) -> list[DemoLogin]:
    wanted = {"admin": ADMIN, "audit": AUDITOR, "2001": LEADER, "1001": OFFICER}
    logins = []
    for number, role in wanted.items():
        person = desk.people.by_employee_no(number)
        logins.append(DemoLogin(number, person.name, role))
    return logins


def _names(rng: random.Random, count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < count:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        if name not in chosen:
            chosen.append(name)
    return chosen


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def demo_clock(today: date = DEMO_TODAY) -> Clock:
    """The demo's "now": the morning of its today, site time; for tests and screenshots."""
    return fixed_clock(datetime.combine(today, time(9, 0), tzinfo=ZoneInfo("Asia/Shanghai")))


def create_demo(path: Path | str, *, seed: int = 7, today: date = DEMO_TODAY) -> Desk:
    """Create a new demo database at ``path``; refuses to touch an existing file."""
    path = Path(path)
    if path.exists():
        raise Conflict(
            f"文件已存在，演示数据不会覆盖它：{path}",
            en=f"{path} exists; demo data never overwrites a file",
        )
    desk = Desk.open(path, create=True)
    try:
        populate_demo(desk, seed=seed, today=today)
    except BaseException:
        desk.close()
        raise
    return desk


def populate_demo(desk: Desk, *, seed: int = 7, today: date = DEMO_TODAY) -> None:
    """Fill a new, empty database with the demo story (the first-run wizard offers this)."""
    if desk.is_initialised:
        raise Conflict("该数据库已有数据，不能再填入演示数据", en="This database is not empty")
    rng = random.Random(seed)
    tz = ZoneInfo("Asia/Shanghai")
    start = datetime.combine(today, time(8, 0), tzinfo=tz)
    desk.clock = fixed_clock(start)
    names = _names(rng, 25)
    admin = desk.initialise(
        site_name=DEMO_SITE,
        admin_name=names[0],
        admin_employee_no="admin",
        admin_password=DEMO_PASSWORD,
    )
    admin = desk.people.update(admin, admin.id, roles=[ADMIN, LEADER], phone=_phone(rng))
    people: list[Person] = [admin]
    people.append(
        desk.people.add(
            admin,
            name=names[1],
            employee_no="audit",
            roles=[AUDITOR],
            phone=_phone(rng),
            password=DEMO_PASSWORD,
        )
    )
    for index, team in enumerate(TEAMS):
        people.append(
            desk.people.add(
                admin,
                name=names[2 + index],
                employee_no=f"{2001 + index}",
                roles=[LEADER, OFFICER],
                phone=_phone(rng),
                team=team,
                password=DEMO_PASSWORD,
            )
        )
    for index, name in enumerate(names[5:]):
        people.append(
            desk.people.add(
                admin,
                name=name,
                employee_no=f"{1001 + index}",
                roles=[OFFICER],
                phone=_phone(rng),
                team=TEAMS[index % len(TEAMS)],
                password=DEMO_PASSWORD,
            )
        )
    desk.settings.set(admin, "site_timezone", "Asia/Shanghai")
    # Before any roster is generated: the roster checks qualifications.
    assessment = training_demo.populate(desk, rng=rng, today=today, people=people)
    # The roster next: the other features' demo data refer to who was on duty.
    from dutydesk.demo import roster as roster_demo

    roster_demo.populate(desk, rng=random.Random(seed + 2), today=today, people=people)
    from dutydesk.demo import incidents as incidents_demo

    incidents_demo.populate(desk, rng=random.Random(seed + 3), today=today, people=people)
    handover_demo.populate(desk, rng=random.Random(seed + 4), today=today, people=people)
    process_demo.populate(desk, rng=rng, today=today, people=people)
    feedback_demo.populate(desk, rng=random.Random(seed + 5), today=today, people=people)
    # Site-wide KPI targets (the cycles' own come with the feedback demo).
    from dutydesk.demo import kpi as kpi_demo

    desk.clock = fixed_clock(start)
    kpi_demo.populate(desk, admin=admin)
    stages_demo.populate(desk, rng=random.Random(seed + 6), today=today, people=people)
    # Signed last: its figures are the KPI engine's over the records made above.
    training_demo.sign_assessment(desk, assessment)
    desk.clock = utc_now
