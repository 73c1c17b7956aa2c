"""Demo handovers: two a day (白班 08:00–20:00, 夜班 20:00–08:00) for three months.

Every handover is the one the roster proposes (``desk.handover.propose``): the roster's
shift that ends, its people, the next shift's people (stand-ins now and then) and the
template of the shift type; the incoming signature records who served. Includes open
items that travel across handovers until resolved, one handover rejected and resubmitted,
one signed on behalf by a shift leader, and one amendment. The last handover (this
morning's) waits for the demo officer 1001, standing in on the day shift, to take it over.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dutydesk.clock import ManualClock, to_iso
from dutydesk.demo.timing import manual_clock
from dutydesk.desk import Desk
from dutydesk.handover.records import HandoverRecord
from dutydesk.people.auth import LEADER, OFFICER, Person

DAYS = 91
DAY_START, NIGHT_START = time(8, 0), time(20, 0)
_PASSWORD = "demo"  # never checked: see populate()

OPEN_ITEMS = [
    ("2 号 UPS 电池告警", "厂家已报修，待上门更换电池", "厂家更换电池组，告警消除"),
    ("值班室空调制冷效果差", "已报后勤，临时开启备用空调", "后勤更换压缩机，温度恢复正常"),
    ("视频会议终端无声音", "区应急局会商时发现，已改用电话会议", "更换音频线，测试正常"),
    ("应急物资清单与实物不符", "对讲机少 1 台", "查明借给二班外出巡查，已归还"),
    ("值班电话 3 号线杂音大", "已报电信", "电信更换线路模块，通话清晰"),
    ("防汛物资仓库钥匙未归还", "借用人：物资科", "物资科已归还并登记"),
    ("告警平台偶发掉线", "约每 6 小时一次，已联系厂家远程排查", "厂家升级客户端后未再出现"),
    ("上级通知待传达：节前安全检查", "需逐一通知各街道值班室", "已电话通知 12 个街道并登记回执"),
    ("门禁刷卡失灵", "已临时改用钥匙", "物业更换读卡器"),
    ("录音系统存储空间不足 10%", "已清理一周前录音备份", "信息科扩容存储"),
]
INSTRUCTIONS = [
    "市应急局要求加强夜间防汛值守，已传达各班",
    "区领导要求节日期间每 2 小时报告一次安全情况",
    "上级通知明日 9:00 召开视频调度会，已安排",
    "气象台发布大风蓝色预警，已通知相关单位",
]
NOTES = ["已与下一班当面交代", "已电话报告值班长", "已登记在值班日志第 3 页"]


def _crews(people: Sequence[Person]) -> dict[str, list[Person]]:
    crews: dict[str, list[Person]] = {}
    for person in people:
        if person.team and (person.has_role(OFFICER) or person.has_role(LEADER)):
            crews.setdefault(person.team, []).append(person)
    return crews


def people_of(crews: dict[str, list[Person]]) -> list[Person]:
    return [person for crew in crews.values() for person in crew]


def _values(rng: random.Random, record: HandoverRecord) -> tuple[dict[int, str], dict[int, str]]:
    """Mostly normal readings, now and then an abnormal one with a note."""
    values: dict[int, str] = {}
    notes: dict[int, str] = {}
    for v in record.items:
        item = v.item
        if not item.mandatory and rng.random() < 0.35:
            continue
        odd = rng.random() < 0.025
        if item.kind == "check":
            values[item.id] = "no" if odd else "yes"
        elif item.kind == "choice":
            values[item.id] = item.choices[1] if odd else item.choices[0]
        elif item.kind == "text":
            if "上级" in item.label or "来电" in item.label:
                values[item.id] = rng.choice(INSTRUCTIONS) if rng.random() < 0.3 else "无"
            else:
                values[item.id] = "无"
        else:
            if "温度" in item.label:
                number = round(rng.uniform(20.5, 25.5), 1) if not odd else 28.5
            elif "湿度" in item.label:
                number = rng.randint(45, 65)
            elif "UPS" in item.label:
                number = rng.randint(88, 100) if not odd else 76
            elif "巡查" in item.label:
                number = rng.choice([2, 3, 3, 4])
            else:
                number = rng.randint(18, 95)
            values[item.id] = str(number)
        if odd:
            notes[item.id] = rng.choice(NOTES)
    return values, notes


def populate(desk: Desk, *, rng: random.Random, today: date, people: Sequence[Person]) -> None:
    """Three months of signed handovers ending with one awaiting take-over this morning."""
    crews = _crews(people)
    teams = sorted(crews)
    if len(teams) < 2:
        return
    zone = desk.settings.site_zone()
    leaders = [p for p in people if p.has_role(LEADER) and p.team]
    demo_officer = next((p for p in people if p.employee_no == "1001"), None)
    start = datetime.combine(today - timedelta(days=DAYS), DAY_START, tzinfo=zone)
    # Generating hundreds of signatures: the crew's passwords are not re-asked here
    # (each check is a deliberately slow scrypt); everything else is the normal path.
    people_service = desk.people
    people_service.check_password = lambda person, password: None  # type: ignore[method-assign]
    try:
        # One transaction: a commit per step would fsync thousands of times.
        with manual_clock(desk, start) as clock, desk.db.atomic():
            _generate(desk, rng, today, zone, crews, teams, leaders, demo_officer, clock)
    finally:
        del people_service.check_password


def _stand_in(
    desk: Desk, slot_start: datetime, slot_end: datetime, pool: Sequence[Person], busy: set[int]
) -> Person | None:
    """An officer with no shift within 12 hours either side of the slot, or None."""
    rest = timedelta(hours=12)
    for person in pool:
        if person.id in busy:
            continue
        clash = desk.db.execute(
            "SELECT 1 FROM assignments WHERE person_id = ? AND starts_at < ? AND ends_at > ?",
            [person.id, to_iso(slot_end + rest), to_iso(slot_start - rest)],
        ).fetchone()
        if clash is None:
            return person
    return None


def _generate(
    desk: Desk,
    rng: random.Random,
    today: date,
    zone: ZoneInfo,
    crews: dict[str, list[Person]],
    teams: list[str],
    leaders: list[Person],
    demo_officer: Person | None,
    clock: ManualClock,
) -> None:
    """Each handover is the one the roster proposes: the shift ending at the handover
    time, its people handing over to the next shift's people. Now and then an officer of
    the next shift is replaced by a stand-in; the incoming signature records who served."""
    service = desk.handover
    by_id = {p.id: p for p in people_of(crews)}
    officers = sorted(
        (p for p in by_id.values() if p.has_role(OFFICER) and not p.has_role(LEADER)),
        key=lambda p: p.employee_no,
    )
    boundaries = []
    for offset in range(DAYS, 0, -1):
        day = today - timedelta(days=offset)
        boundaries.append(datetime.combine(day, NIGHT_START, tzinfo=zone))
        boundaries.append(datetime.combine(day + timedelta(days=1), DAY_START, tzinfo=zone))
    open_ids: list[tuple[int, datetime, str]] = []
    next_open_item = 0
    reject_at, amend_at, behalf_at = len(boundaries) // 3, len(boundaries) // 2, 25
    stand_in_at = {len(boundaries) // 4, (2 * len(boundaries)) // 3}
    amended = None
    for index, boundary in enumerate(boundaries):
        last = index == len(boundaries) - 1
        started = boundary - timedelta(minutes=rng.randint(12, 20))
        proposal = service.propose(started)
        ending, following = proposal.ending, proposal.next
        if ending is None or following is None or ending.end_at != boundary:
            continue
        period_start = ending.start_at
        served = [s.served_person_id or s.person_id for s in ending.crew if s.person_id]
        out_pool = [by_id[i] for i in served if i in by_id] or crews[teams[0]]
        outgoing = rng.choice(out_pool)
        # Who takes over: the rostered people, with a stand-in now and then.
        stand_ins: dict[int, int] = {}
        busy = {s.person_id for s in following.crew if s.person_id} | set(served)
        officer_slots = [
            s for s in following.crew if s.duty_role == "officer" and s.assignment_id is not None
        ]
        incoming_id = proposal.incoming_person_id
        if last and demo_officer is not None:
            # This morning 1001 stands in for an officer of the day shift (or is on it).
            if demo_officer.id not in busy and officer_slots:
                stand_ins[officer_slots[-1].assignment_id or 0] = demo_officer.id
            incoming_id = demo_officer.id
        elif officer_slots and (index in stand_in_at or rng.random() < 0.01):
            slot = rng.choice(officer_slots)
            sub = _stand_in(desk, following.start_at, following.end_at, officers, busy)
            if sub is not None and slot.assignment_id is not None:
                stand_ins[slot.assignment_id] = sub.id
        if incoming_id is None or incoming_id == outgoing.id:
            continue
        # During the shift: now and then a new open item; older ones get resolved.
        if rng.random() < 0.12 and next_open_item < len(OPEN_ITEMS) * 6:
            title, detail, _ = OPEN_ITEMS[next_open_item % len(OPEN_ITEMS)]
            next_open_item += 1
            clock.set(period_start + timedelta(minutes=rng.randint(60, 600)))
            made = service.add_open_item(outgoing, title=title, detail=detail, incident_id=None)
            open_ids.append((made.id, clock.current, title))
        for open_id, created, title in list(open_ids):
            age = boundary - created
            recent = (today - ending.day).days < 6
            if age > timedelta(hours=30) and rng.random() < 0.25 and not recent:
                clock.set(boundary - timedelta(minutes=rng.randint(40, 300)))
                how = next(r for t, _, r in OPEN_ITEMS if t == title)
                service.resolve_open_item(outgoing, open_id, resolution=how)
                open_ids.remove((open_id, created, title))
        clock.set(started)
        record = service.start_proposed(
            outgoing,
            proposal,
            incoming_person_id=incoming_id,
            stand_ins=stand_ins,
        )
        incoming = desk.people.get(record.incoming.id)
        if rng.random() < 0.04 and next_open_item < len(OPEN_ITEMS) * 6:
            # Raised at the handover itself.
            title, detail, _ = OPEN_ITEMS[next_open_item % len(OPEN_ITEMS)]
            next_open_item += 1
            made = service.add_open_item(
                outgoing, title=title, detail=detail, handover_id=record.id
            )
            open_ids.append((made.id, clock.current, title))
        values, notes = _values(rng, record)
        if index == reject_at:
            temp = next(v.item.id for v in record.items if v.item.label == "机房温度")
            values[temp] = "29"
            notes.pop(temp, None)
        clock.advance(minutes=rng.randint(4, 9))
        service.set_values(outgoing, record.id, values, notes=notes)
        clock.advance(minutes=rng.randint(1, 3))
        if index == behalf_at and leaders:
            leader = next((p for p in leaders if p.id not in (outgoing.id, incoming.id)), None)
            if leader is not None:
                service.submit(leader, record.id, password=_PASSWORD, on_behalf_of=outgoing)
            else:
                service.submit(outgoing, record.id, password=_PASSWORD)
        else:
            service.submit(outgoing, record.id, password=_PASSWORD)
        if last:
            break
        late = rng.random() < 0.06
        clock.advance(minutes=rng.randint(25, 45) if late else rng.randint(2, 8))
        if index == reject_at:
            record = service.reject(
                incoming,
                record.id,
                password=_PASSWORD,
                reason="机房温度 29℃ 超出正常范围，未说明处置情况，请补充后重新提交",
            )
            clock.advance(minutes=6)
            service.set_values(
                outgoing,
                record.id,
                {temp: "29"},
                notes={temp: "空调制冷不足，已开启备用空调并报后勤维修"},
            )
            clock.advance(minutes=3)
            service.submit(outgoing, record.id, password=_PASSWORD)
            clock.advance(minutes=2)
        service.accept(incoming, record.id, password=_PASSWORD)
        if index == amend_at:
            amended = (record.id, outgoing, boundary)
    if amended is not None:
        record_id, author, when = amended
        clock.set(when + timedelta(hours=26))
        calls = next(v for v in service.get(record_id).items if v.item.label == "本班接报电话数")
        recorded = int(calls.value or 0)
        service.amend(
            author,
            record_id,
            subject="本班接报电话数",
            correction=f"接报电话数应为 {recorded + 6} 个（记录为 {recorded} 个）",
            reason="交班时未计入录音系统中 6 通转接来电，次日核对录音发现",
        )
