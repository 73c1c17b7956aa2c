"""The realistic large-database generator: years of one duty room, for every area.

``python -m bench.generate PATH --years 10 [--people 30] [--seed S] [--end YYYY-MM-DD]``

Time runs forward through one queue of events, so the audit trail is in time order.
What the core's services do cheaply is done through them with a ``ManualClock`` moved
through time: the roster (shift types, teams, qualifications, month-by-month generation,
leave and swaps), handovers (proposed from the roster, checklist from the template, open
items carried over, submitted and accepted by the rostered outgoing and incoming people,
locked) and the small areas (``bench.gen_areas``). What is large is written in bulk with
exactly the rows and audit entries the core would write (same after-image, same hash
chain): people and sign-ins (here), incidents with notes and attachments and their search
index (``bench.gen_incidents``). ``dutydesk verify`` passes on the result.

The crew's signature passwords are not re-checked (each check is a deliberately slow
scrypt), as in the demo; every other rule is the services' own.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.gen_areas import Areas
from bench.gen_incidents import Incidents, Severity, Trail
from dutydesk.clock import ManualClock, to_iso
from dutydesk.demo import handover as handover_demo
from dutydesk.demo import incidents as incidents_demo
from dutydesk.demo.site import DEMO_TODAY
from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.handover.records import CrewMember
from dutydesk.people.auth import AUDITOR, LEADER, OFFICER, Person, hash_password
from dutydesk.roster.engine import Rules
from dutydesk.store import audit

PASSWORD = "bench1234"
SITE = "基准测试值班室"
ZONE = ZoneInfo("Asia/Shanghai")
TEAMS = ("一班", "二班", "三班", "四班")
# Three eight-hour shifts; each team works 夜 → 白 → 中 then rests a day.
SHIFTS = (
    ("夜", "夜班", "00:00", "08:00", 1, 1, True, "#807dba"),
    ("白", "白班", "08:00", "16:00", 1, 2, False, "#9ecae1"),
    ("中", "中班", "16:00", "00:00", 1, 2, False, "#fdae6b"),
)
SHIFT_OF_HOUR = {**dict.fromkeys(range(0, 8), "夜"), **dict.fromkeys(range(8, 16), "白")}
INCIDENTS_PER_DAY = 49.3  # about 180,000 in ten years
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚浩宇欣婷华东博涵俊桐"
_PADDING_TEXT = (
    "夜间巡查发现二号机房空调告警，温度升至二十九度，已通知维保单位到场处理，"
    "值班长到现场确认，临时启用备用空调，温度恢复正常后记录闭环。"
)
_HOUR_WEIGHTS = [3, 2, 2, 2, 2, 3, 4, 6, 9, 10, 10, 9, 8, 9, 10, 10, 9, 8, 7, 6, 5, 5, 4, 3]
_INSERT_PERSON = (
    "INSERT INTO people (id, name, employee_no, phone, team, roles, active, password_hash,"
    " created_at, updated_at) VALUES (:id, :name, :employee_no, :phone, :team, :roles,"
    " :active, :password_hash, :created_at, :updated_at)"
)
_LEAVE_REASONS = {
    "annual": "年休假",
    "sick": "身体不适，需要休息",
    "training": "参加市应急管理培训班",
    "compensatory": "节日值班调休",
    "personal": "家中有事",
}


@dataclass(frozen=True)
class Generated:
    path: Path
    years: float
    people: int
    audit_rows: int
    padding_rows: int
    seconds: float
    file_size: int
    counts: dict[str, int] = field(default_factory=dict)


def _local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hh, mm), tzinfo=ZONE)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
        if name not in taken:
            taken.add(name)
            return name


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choices("0123456789", k=9))


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


class _Generator:
    def __init__(
        self,
        desk: Desk,
        *,
        rng: random.Random,
        first_day: date,
        end: date,
        people: int,
        progress: bool,
    ) -> None:
        self.desk = desk
        self.rng = rng
        self.first_day = first_day
        self.end = end
        self.end_at = _local(end, 0)
        self.people_wanted = people
        self.progress = progress
        self.zone = ZONE
        self.clock = ManualClock(_local(first_day, 8))
        desk.clock = self.clock
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.counter = itertools.count()
        self.rows: dict[int, dict[str, Any]] = {}
        self.persons: dict[int, Person] = {}
        self.taken: set[str] = set()
        self.numbers = iter(range(1001, 100_000))
        self.started = time.perf_counter()
        self.crews: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.open_items: list[tuple[int, datetime, str]] = []
        self.handovers = 0
        self.handover_failures = 0
        self.failures: list[str] = []

    # -- plumbing ------------------------------------------------------------------------
    def at(self, moment: datetime, fn: Callable[[], None]) -> None:
        """Queue ``fn`` for ``moment`` (never before now: the trail stays in time order)."""
        moment = max(moment, self.clock.current)
        if moment < self.end_at:
            heapq.heappush(self.queue, (moment, next(self.counter), fn))

    def service(
        self,
        moment: datetime,
        fn: Callable[..., Any],
        *args: Any,
        reads_incidents: bool = False,
        **kwargs: Any,
    ) -> Any:
        """One core service call at ``moment``; a refusal is noted, never fatal."""
        if moment > self.clock.current:
            self.clock.set(moment)
        try:
            return self.trail.call(fn, *args, reads_incidents=reads_incidents, **kwargs)
        except DutyDeskError as error:
            if len(self.failures) < 20:
                self.failures.append(f"{to_iso(moment)} {getattr(fn, '__name__', fn)}: {error}")
            return None

    def say(self, text: str) -> None:
        if self.progress:
            spent = time.perf_counter() - self.started
            print(f"  [{spent:6.0f} s] {text}", file=sys.stderr, flush=True)

    def person(self, person_id: int) -> Person:
        found = self.persons.get(person_id)
        if found is None or found.active != bool(self.rows[person_id]["active"]):
            found = self.persons[person_id] = self.desk.people.get(person_id)
        return found

    def actor(self, person_id: int) -> audit.Actor:
        return audit.Actor(person_id, self.rows[person_id]["name"])

    # -- people (bulk, as PeopleService writes them) ------------------------------------
    def hire(self, at: datetime, roles: list[str], team: str, number: str) -> int:
        person_id = self.next_person
        self.next_person += 1
        stamp = to_iso(at)
        row = {
            "id": person_id,
            "name": _name(self.rng, self.taken),
            "employee_no": number,
            "phone": _phone(self.rng),
            "team": team,
            "roles": json.dumps(roles),
            "active": 1,
            "password_hash": self.stored_hash,
            "created_at": stamp,
            "updated_at": stamp,
        }
        self.rows[person_id] = row
        self.desk.db.conn.execute(_INSERT_PERSON, row)
        self.trail.add(
            at=stamp,
            actor=self.admin.actor,
            action="create",
            entity="people",
            entity_id=person_id,
            after=audit.snapshot("people", row),
        )
        return person_id

    def change(self, at: datetime, person_id: int, **values: Any) -> None:
        row = self.rows[person_id]
        before = audit.snapshot("people", row)
        row.update(values, updated_at=to_iso(at))
        assignments = ", ".join(f"{column} = :{column}" for column in [*values, "updated_at"])
        self.desk.db.conn.execute(f"UPDATE people SET {assignments} WHERE id = :id", row)
        self.trail.add(
            at=to_iso(at),
            actor=self.admin.actor,
            action="update",
            entity="people",
            entity_id=person_id,
            before=before,
            after=audit.snapshot("people", row),
        )

    # -- set-up day ------------------------------------------------------------------------
    def setup(self) -> None:
        desk = self.desk
        self.admin = desk.initialise(
            site_name=SITE,
            admin_name="系统管理员",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
        self.stored_hash = hash_password(PASSWORD)  # one scrypt; every account shares it
        self.trail = Trail(desk)
        self.people_service = desk.people
        self.people_service.check_password = lambda person, password: None  # type: ignore[method-assign]
        self.next_person = self.admin.id + 1
        self.rows[self.admin.id] = {"name": self.admin.name, "active": 1, "team": ""}
        day0 = _local(self.first_day, 9)
        self.auditor = self.hire(day0, [AUDITOR], "", "audit")
        crew = max(8, self.people_wanted - 2)
        self.members: dict[str, list[int]] = {team: [] for team in TEAMS}
        for index in range(crew):
            team = TEAMS[index % len(TEAMS)]
            # the first two of each team lead shifts
            roles = [LEADER, OFFICER] if index < 2 * len(TEAMS) else [OFFICER]
            pid = self.hire(
                day0 + timedelta(minutes=index + 1), roles, team, str(next(self.numbers))
            )
            self.members[team].append(pid)
        self.clock.set(day0 + timedelta(hours=1))
        self.service(
            self.clock.current, desk.settings.set, self.admin, "site_timezone", "Asia/Shanghai"
        )
        roster = desk.roster
        for code, name, start, end, leaders, officers, night, colour in SHIFTS:
            self.service(
                self.clock.current,
                roster.add_shift_type,
                self.admin,
                code=code,
                name=name,
                start=start,
                end=end,
                need_leader=leaders,
                need_officer=officers,
                is_night=night,
                colour=colour,
            )
        rules = Rules(
            min_rest_hours=8, max_consecutive_nights=3, max_hours_week=56, max_hours_month=200
        )
        roster_start = self.first_day + timedelta(days=1)
        self.team_ids: dict[str, int] = {}
        for index, team in enumerate(TEAMS):
            pattern = self.service(
                self.clock.current,
                roster.add_pattern,
                self.admin,
                name=f"{team}夜白中休",
                cycle="夜|白|中|休",
                anchor_day=roster_start - timedelta(days=index),
            )
            made = self.service(
                self.clock.current,
                roster.add_team,
                self.admin,
                name=team,
                pattern_id=pattern,
                rules=rules,
            )
            self.team_ids[team] = made.id
            for pid in self.members[team]:
                self.qualify(pid)
            self.service(
                self.clock.current, roster.set_members, self.admin, made.id, self.members[team]
            )
        # incident reference data
        ref = desk.incidents.reference
        self.severities = [
            Severity(s.id, s.rank, s.respond_minutes, s.resolve_minutes)
            for s in ref.severities(active_only=True)
        ]
        self.categories = {c.name: c.id for c in ref.categories() if c.name in incidents_demo.CASES}
        self.sources = {s.name: s.id for s in ref.sources()}
        self.incidents = Incidents(self.trail, desk.process.version_text_in_force)
        # the first month's roster, planned on set-up day
        until = _next_month(roster_start)
        if roster_start.day >= 20:  # next month's roster is made on the 20th
            until = _next_month(until)
        self.generate_roster(roster_start, until)
        self.areas = Areas(self)
        self.areas.setup()

    def qualify(self, pid: int) -> None:
        roster = self.desk.roster
        self.service(
            self.clock.current,
            roster.set_qualification,
            self.admin,
            person_id=pid,
            duty_role="officer",
        )
        if LEADER in json.loads(self.rows[pid]["roles"]):
            self.service(
                self.clock.current,
                roster.set_qualification,
                self.admin,
                person_id=pid,
                duty_role="leader",
            )

    def generate_roster(self, start: date, end: date) -> None:
        for team_id in self.team_ids.values():
            self.service(
                self.clock.current,
                self.desk.roster.generate,
                self.admin,
                team=team_id,
                start=start,
                end=end - timedelta(days=1),
            )
        self.crews.clear()

    # -- who is on duty ------------------------------------------------------------------
    def crew(self, day: date, code: str) -> list[tuple[int, str]]:
        key = (day.isoformat(), code)
        found = self.crews.get(key)
        if found is None:  # assignments are written by the roster service only
            found = [
                (int(r[0]), str(r[1]))
                for r in self.desk.db.execute(
                    "SELECT coalesce(a.served_person_id, a.person_id), a.duty_role"
                    " FROM assignments a JOIN shift_types s ON s.id = a.shift_type_id"
                    " WHERE a.day = ? AND s.code = ? ORDER BY a.duty_role, a.slot",
                    [key[0], code],
                )
            ]
            self.crews[key] = found
        return found

    def crew_slots(self, day: date, code: str) -> list[CrewMember]:
        """The shift's rostered people as ``handover.proposal.crew_for`` lists them."""
        return [
            CrewMember(
                duty_role=r[0],
                slot=r[1],
                person_id=r[2],
                assignment_id=r[3],
                planned_person_id=r[2],
            )
            for r in self.desk.db.execute(
                "SELECT a.duty_role, a.slot, a.person_id, a.id FROM assignments a"
                " JOIN shift_types s ON s.id = a.shift_type_id WHERE a.day = ? AND s.code = ?"
                " ORDER BY CASE a.duty_role WHEN 'leader' THEN 0 WHEN 'officer' THEN 1 ELSE 2 END,"
                " a.slot",
                [day.isoformat(), code],
            )
        ]

    def on_duty(self, moment: datetime) -> list[tuple[int, str]]:
        local = moment.astimezone(ZONE)
        code = SHIFT_OF_HOUR.get(local.hour, "中")
        crew = [c for c in self.crew(local.date(), code) if self.rows[c[0]]["active"]]
        if not crew:
            crew = [(self.admin.id, "leader")]
        return crew

    def pick(self, moment: datetime, *, leader: bool = False) -> audit.Actor:
        crew = self.on_duty(moment)
        if leader:
            chosen = [pid for pid, role in crew if role == "leader"] or [self.admin.id]
            return self.actor(chosen[0])
        return self.actor(self.rng.choice(crew)[0])

    # -- the day ---------------------------------------------------------------------------
    def plan_day(self, day: date) -> None:
        rng = self.rng
        self.areas.plan_day(day)
        for hour in (0, 8, 16):
            start = _local(day, hour)
            self.at(start + timedelta(minutes=2), partial(self.sign_ins, start))
            boundary = start + timedelta(hours=8)  # 08:00, 16:00 and midnight
            self.at(
                boundary - timedelta(minutes=rng.randint(12, 20)),
                partial(self.handover, boundary),
            )
        count = max(0, round(rng.gauss(INCIDENTS_PER_DAY, 9)))
        hours = rng.choices(range(24), _HOUR_WEIGHTS, k=count)
        for hour in hours:
            moment = _local(day, hour) + timedelta(seconds=rng.randrange(3600))
            self.at(moment, lambda: self.incident(self.clock.current))
        office = _local(day, 10, rng.randint(0, 50))
        if day.day == 1:
            self.at(
                office,
                lambda: self.trail.add(
                    at=to_iso(self.clock.current),
                    actor=self.admin.actor,
                    action="audit_export",
                    entity="database",
                    entity_id=None,
                    after={"file_name": f"audit-{day:%Y%m}.db"},
                ),
            )
        if day.day == 15:
            self.at(
                office,
                lambda: self.change(
                    self.clock.current, rng.choice(self.crew_ids()), phone=_phone(rng)
                ),
            )
        if day.day == 12:
            self.at(office + timedelta(hours=3), lambda: self.leave_requests(day))
        if day.day == 20:
            self.at(office + timedelta(hours=4), lambda: self.plan_next_month(day))
        if day.day == 24:
            self.at(office + timedelta(hours=5), lambda: self.swaps(day))
        if day.month == 3 and day.day == 1:
            self.at(office + timedelta(hours=1), self.leaver_goes)

    def crew_ids(self) -> list[int]:
        return [pid for team in TEAMS for pid in self.members[team] if self.rows[pid]["active"]]

    def sign_ins(self, start: datetime) -> None:
        local = start.astimezone(ZONE)
        code = SHIFT_OF_HOUR.get(local.hour, "中")
        for slot, (pid, _role) in enumerate(self.crew(local.date(), code)):
            at = start + timedelta(minutes=slot * 3 + 1)
            if self.rng.random() < 0.03:  # a mistyped password first
                self.at(at - timedelta(seconds=40), partial(self.sign_in, pid, failed=True))
            self.at(at, partial(self.sign_in, pid))

    def sign_in(self, pid: int, *, failed: bool = False) -> None:
        self.trail.add(
            at=to_iso(self.clock.current),
            actor=audit.Actor.system("sign-in") if failed else self.actor(pid),
            action="sign_in_failed" if failed else "sign_in",
            entity="people",
            entity_id=pid,
        )

    # -- incidents (bulk) ----------------------------------------------------------------
    def incident(self, reported: datetime) -> None:
        rng = self.rng
        category = rng.choice(list(self.categories))
        cases, targets = incidents_demo.CASES[category]
        title, description, note_text, resolution = rng.choice(cases)
        own = {
            "loc": rng.choice(incidents_demo.LOCATIONS),
            "unit": rng.choice(incidents_demo.UNITS),
            "n": rng.choice((5, 8, 12, 30, 35, 80)),
        }
        fill = incidents_demo._fill
        severity = rng.choices(self.severities, [3, 10, 32, 55][: len(self.severities)])[0]
        local = reported.astimezone(ZONE)
        code = SHIFT_OF_HOUR.get(local.hour, "中")
        reporter = self.pick(reported)
        source = incidents_demo.SOURCES_FOR.get(category) or rng.choice(list(self.sources))
        incident_id = self.incidents.report(
            reporter,
            reported,
            title=fill(title, rng, **own),
            description=fill(description, rng, **own),
            location=str(own["loc"]),
            severity_id=severity.id,
            category_id=self.categories[category],
            source_id=self.sources.get(source),
            shift_date=local.date().isoformat(),
            shift_code=code,
        )
        if rng.random() < 0.018:
            kind = rng.choice(("告警日志.txt", "现场记录.txt", "系统截图说明.txt"))
            text = (
                f"{to_iso(reported)} {fill(title, rng, **own)}\n{fill(description, rng, **own)}\n"
            )
            self.at(
                reported + timedelta(minutes=2),
                lambda: self.incidents.attach(
                    reporter,
                    incident_id,
                    self.clock.current,
                    filename=kind,
                    data=(text * rng.randint(1, 40)).encode(),
                ),
            )
        late = rng.random() < 0.1
        factor = rng.uniform(1.1, 2.5) if late else rng.uniform(0.05, 0.9)
        ack = reported + timedelta(
            minutes=severity.respond_minutes * factor, seconds=rng.randint(5, 50)
        )
        self.at(
            ack,
            lambda: self.incidents.acknowledge(
                self.pick(self.clock.current), incident_id, self.clock.current
            ),
        )
        when = ack
        for _ in range(rng.choice((0, 0, 1, 1, 1))):
            when += timedelta(minutes=rng.uniform(3, 40))
            colleague = self.rows[rng.choice(self.crew_ids())]["name"]
            text = rng.choice(
                (
                    fill(note_text, rng, **own),
                    f"已电话通知{colleague}，{fill(note_text, rng, **own)}",
                )
            )
            self.at(
                when,
                partial(self.note, incident_id, text),
            )
        if severity.rank == 0 or rng.random() < 0.05:
            when += timedelta(minutes=rng.uniform(5, 30))
            target = fill(rng.choice(targets), rng, **own)
            reason = rng.choice(("超出值班室处置能力，需专业力量", "影响范围扩大，需上级协调"))
            self.at(
                when,
                lambda: self.incidents.escalate(
                    self.pick(self.clock.current),
                    incident_id,
                    self.clock.current,
                    to=target,
                    reason=reason,
                ),
            )
        slow = rng.random() < 0.12
        factor = rng.uniform(1.05, 2.5) if slow else rng.uniform(0.2, 0.95)
        resolved = reported + timedelta(minutes=severity.resolve_minutes * factor)
        resolved = max(resolved, when + timedelta(minutes=5))
        text = fill(resolution, rng, **own)
        self.at(
            resolved,
            lambda: self.incidents.resolve(
                self.pick(self.clock.current), incident_id, self.clock.current, text=text
            ),
        )
        closed = resolved + timedelta(hours=rng.uniform(0.3, 10))
        self.at(
            closed,
            lambda: self.incidents.close(
                self.pick(self.clock.current, leader=True),
                incident_id,
                self.clock.current,
                severity,
            ),
        )

    def note(self, incident_id: int, text: str) -> None:
        self.incidents.note(self.pick(self.clock.current), incident_id, self.clock.current, text)

    # -- handovers (through HandoverService) -------------------------------------------------
    def handover(self, boundary: datetime) -> None:
        """The handover at ``boundary`` as ``HandoverService.propose`` would propose it (the
        roster's ending shift and next shift, their people), started by the ending shift's
        leader and taken over by the next shift's leader."""
        desk, rng = self.desk, self.rng
        service = desk.handover
        started = self.clock.current
        local = boundary.astimezone(ZONE)
        day = local.date()
        out_code, in_code = {0: ("中", "夜"), 8: ("夜", "白"), 16: ("白", "中")}[local.hour]
        out_day = day - timedelta(days=1) if local.hour == 0 else day
        ending = [c for c in self.crew(out_day, out_code) if self.rows[c[0]]["active"]]
        following = self.crew_slots(day, in_code)
        ending_ids = {pid for pid, _ in ending}
        leaders = [pid for pid, role in ending if role == "leader"]
        outgoing_id = next(iter(leaders or [pid for pid, _ in ending]), None)
        incoming_id = next((m.person_id for m in following if m.person_id not in ending_ids), None)
        if outgoing_id is None or incoming_id is None:
            self.handover_failures += 1
            return
        outgoing = self.person(outgoing_id)
        incoming = self.person(incoming_id)
        # Open items: now and then a new one; older ones get resolved.
        if rng.random() < 0.08 and len(self.open_items) < 6:
            title, detail, _ = rng.choice(handover_demo.OPEN_ITEMS)
            made = self.service(
                started,
                service.add_open_item,
                outgoing,
                title=title,
                detail=detail,
                incident_id=None,
            )
            if made is not None:
                self.open_items.append((made.id, started, title))
        for open_id, created, title in list(self.open_items):
            if started - created > timedelta(hours=20) and rng.random() < 0.3:
                how = next(r for t, _, r in handover_demo.OPEN_ITEMS if t == title)
                self.service(started, service.resolve_open_item, outgoing, open_id, resolution=how)
                self.open_items.remove((open_id, created, title))
        record = self.service(
            started,
            service.start,
            outgoing,
            shift_date=out_day.isoformat(),
            outgoing_shift_code=out_code,
            incoming_shift_code=in_code,
            incoming_person_id=incoming_id,
            shift_boundary_at=boundary,
            period_start_at=boundary - timedelta(hours=8),
            incoming_crew=following,
            reads_incidents=True,  # the handover holds the shift's incident summary
        )
        if record is None:
            self.handover_failures += 1
            return
        values, notes = handover_demo._values(rng, record)
        fill_at = started + timedelta(minutes=rng.randint(4, 8))
        submit_at = fill_at + timedelta(minutes=rng.randint(1, 3))
        accept_at = max(boundary - timedelta(minutes=1), submit_at) + timedelta(
            minutes=rng.randint(25, 40) if rng.random() < 0.04 else rng.randint(1, 6)
        )

        def fill() -> None:
            self.service(
                self.clock.current, service.set_values, outgoing, record.id, values, notes=notes
            )

        def submit() -> None:
            self.service(self.clock.current, service.submit, outgoing, record.id, password=PASSWORD)

        def accept() -> None:
            if self.service(
                self.clock.current, service.accept, incoming, record.id, password=PASSWORD
            ):
                self.handovers += 1

        self.at(fill_at, fill)
        self.at(submit_at, submit)
        self.at(accept_at, accept)

    # -- roster changes (through RosterService) ---------------------------------------------
    def leave_requests(self, day: date) -> None:
        rng = self.rng
        month = _next_month(day)
        for _ in range(rng.choice((2, 3, 3, 4))):
            pid = rng.choice([p for p in self.crew_ids() if LEADER not in self.rows[p]["roles"]])
            kind = rng.choice(("annual", "annual", "sick", "training", "compensatory", "personal"))
            first = month + timedelta(days=rng.randint(0, 24))
            length = rng.randint(1, 5 if kind == "annual" else 2)
            asked_at = self.clock.current + timedelta(minutes=rng.randint(1, 50))
            self.at(
                asked_at,
                partial(self.ask_leave, pid, kind, first, length),
            )

    def ask_leave(self, pid: int, kind: str, first: date, length: int) -> None:
        rng, leave = self.rng, self.desk.roster.leave
        if not self.rows[pid]["active"]:
            return
        made = self.service(
            self.clock.current,
            leave.request,
            self.person(pid),
            person_id=pid,
            kind=kind,
            start=first,
            end=first + timedelta(days=length - 1),
            reason=_LEAVE_REASONS[kind],
        )
        if made is None:
            return
        team_leader = self.person(self.members[self.rows[pid]["team"]][0])
        decided = self.clock.current + timedelta(hours=2)
        if rng.random() < 0.1:
            self.at(
                decided,
                lambda: self.service(
                    self.clock.current,
                    leave.reject,
                    team_leader,
                    made.id,
                    note="当月人手紧张，请改期",
                ),
            )
        else:
            self.at(
                decided,
                lambda: self.service(
                    self.clock.current, leave.approve, team_leader, made.id, note="同意"
                ),
            )

    def plan_next_month(self, day: date) -> None:
        month = _next_month(day)
        self.generate_roster(month, _next_month(month))

    def swaps(self, day: date) -> None:
        """One swap a month: an officer gives a shift of next month to someone free."""
        rng, swaps = self.rng, self.desk.roster.swaps
        month = _next_month(day)
        rows = self.desk.db.execute(
            "SELECT a.id, a.person_id, a.day FROM assignments a WHERE a.day >= ? AND a.day < ?"
            " AND a.duty_role = 'officer' AND a.shift_type_id = (SELECT id FROM shift_types"
            " WHERE code = '白') ORDER BY a.id",
            [month.isoformat(), _next_month(month).isoformat()],
        ).fetchall()
        if not rows:
            return
        for _attempt in range(4):
            assignment_id, pid, on = rng.choice(rows)
            if not self.rows[pid]["active"]:
                continue
            team = self.rows[pid]["team"]
            busy = {
                p for code in ("夜", "白", "中") for p, _ in self.crew(date.fromisoformat(on), code)
            }
            others = [
                p
                for p in self.crew_ids()
                if p not in busy
                and self.rows[p]["team"] != team
                and LEADER not in self.rows[p]["roles"]
            ]
            if not others:
                continue
            counterpart = rng.choice(others)
            made = self.service(
                self.clock.current,
                swaps.request,
                self.person(pid),
                assignment_id=assignment_id,
                counterpart_id=counterpart,
                reason=rng.choice(("家中有事，请求换班", "需陪家人就医", "参加孩子家长会")),
            )
            if made is None:
                continue
            leader = self.person(self.members[team][0])

            def accept(
                swap_id: int = made.id, other: int = counterpart, boss: Person = leader
            ) -> None:
                if self.service(self.clock.current, swaps.accept, self.person(other), swap_id):
                    self.at(
                        self.clock.current + timedelta(hours=1),
                        lambda: self.swap_approved(swap_id, boss),
                    )

            self.at(self.clock.current + timedelta(hours=1), accept)
            return

    def swap_approved(self, swap_id: int, leader: Person) -> None:
        self.service(
            self.clock.current, self.desk.roster.swaps.approve, leader, swap_id, note="同意"
        )
        self.crews.clear()

    def leaver_goes(self) -> None:
        """Once a year an officer leaves; a new one takes the place in the same team."""
        rng = self.rng
        officers = [p for p in self.crew_ids() if LEADER not in self.rows[p]["roles"]]
        if len(officers) < 6:
            return
        leaver = rng.choice(officers)
        team = self.rows[leaver]["team"]
        now = self.clock.current
        newcomer = self.hire(now, [OFFICER], team, str(next(self.numbers)))
        self.qualify(newcomer)
        self.members[team] = [newcomer if p == leaver else p for p in self.members[team]]
        self.service(
            self.clock.current + timedelta(minutes=5),
            self.desk.roster.set_members,
            self.admin,
            self.team_ids[team],
            self.members[team],
        )
        # (everything at the same minute: the queue's later events must not be earlier)
        # The leaver's planned shifts from tomorrow go to the newcomer (the roster is re-made).
        tomorrow = now.astimezone(ZONE).date() + timedelta(days=1)
        for team_id in (self.team_ids[team],):
            self.service(
                self.clock.current,
                self.desk.roster.generate,
                self.admin,
                team=team_id,
                start=tomorrow,
                end=_next_month(tomorrow) - timedelta(days=1),
                replace=True,
            )
        self.crews.clear()
        self.change(self.clock.current, leaver, active=0)

    def pad(self, rows: int) -> int:
        """Events the size of an incident's audit image up to ``rows`` audit rows in all."""
        wanted = rows - self.trail.rows
        for number in range(1, wanted + 1):
            author = self.crew_ids()[number % len(self.crew_ids())]
            self.trail.add(
                at=to_iso(self.end_at),
                actor=self.actor(author),
                action="padding",
                entity="bench_padding",
                entity_id=number,
                after={"id": number, "text": _PADDING_TEXT, "day": str(self.end)},
            )
            if number % 20_000 == 0:
                self.trail.commit()
        self.trail.commit()
        return max(0, wanted)

    # -- the run -----------------------------------------------------------------------------
    def run(self) -> None:
        self.setup()
        day = self.first_day + timedelta(days=1)
        last_said = day
        while day < self.end:
            self.plan_day(day)
            horizon = _local(day + timedelta(days=1), 0)
            while self.queue and self.queue[0][0] < horizon:
                moment, _n, fn = heapq.heappop(self.queue)
                if moment > self.clock.current:
                    self.clock.set(moment)
                fn()
            self.trail.commit()
            if self.progress and (day - last_said).days >= 91:
                last_said = day
                self.say(
                    f"{day}: {self.trail.rows:,} audit rows, {self.incidents.reported:,} incidents,"
                    f" {self.handovers:,} handovers"
                )
            day += timedelta(days=1)
        self.trail.commit()
        del self.people_service.check_password


def generate(
    path: Path | str,
    *,
    years: float = 10,
    people: int = 30,
    audit_rows: int | None = None,
    seed: int = 1,
    end: date = DEMO_TODAY,
    progress: bool = False,
) -> Generated:
    """Write a new database at ``path`` (refuses an existing file); see the module text.

    ``end`` is the first day not generated (default the demo's fixed today); ``audit_rows``
    pads the trail up to that many rows (entity ``bench_padding``, at the end time) when the
    records themselves make fewer: the realistic ten years need no padding.
    """
    path = Path(path)
    if path.exists():
        raise SystemExit(f"{path} exists; the generator never overwrites a file")
    started = time.perf_counter()
    first_day = end - timedelta(days=max(3, round(365.25 * years)))
    desk = Desk.open(path, create=True, clock=ManualClock(datetime(2000, 1, 1, tzinfo=UTC)))
    desk.db.execute("PRAGMA synchronous = OFF")
    try:
        gen = _Generator(
            desk,
            rng=random.Random(seed),
            first_day=first_day,
            end=end,
            people=people,
            progress=progress,
        )
        gen.run()
        padding = gen.pad(audit_rows or 0)
        if progress:
            spent = sorted(gen.trail.seconds.items(), key=lambda kv: -kv[1])[:8]
            gen.say(
                f"service calls {gen.trail.service_calls:,}, flushes before them"
                f" {gen.trail.flush_seconds:.0f} s; slowest: "
                + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in spent)
            )
        if gen.failures and progress:
            gen.say(f"{len(gen.failures)}+ refused service calls, e.g. {gen.failures[:3]}")
        desk.db.execute("PRAGMA synchronous = FULL")
        desk.db.execute("PRAGMA optimize")
        desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = audit.head(desk.db)[0]
        counts = {
            name: int(desk.db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in _COUNTED
        }
    finally:
        desk.close()
    return Generated(
        path=path,
        years=years,
        people=counts["people"],
        audit_rows=total,
        padding_rows=padding,
        seconds=time.perf_counter() - started,
        file_size=path.stat().st_size,
        counts=counts,
    )


_COUNTED = (
    "people",
    "assignments",
    "leave_requests",
    "swap_requests",
    "incidents",
    "incident_events",
    "incident_attachments",
    "incident_search",
    "handovers",
    "handover_values",
    "handover_open_items",
    "open_items",
    "signatures",
    "feedback",
    "problems",
    "actions",
    "improvement_cycles",
    "meetings",
    "meeting_decisions",
    "process_versions",
    "questionnaires",
    "questionnaire_responses",
    "assessments",
    "training_courses",
    "training_sessions",
    "training_attendance",
    "training_test_attempts",
    "plan_milestones",
    "plan_tasks",
    "plan_risks",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument(
        "--audit-rows", type=int, default=None, help="pad the trail to N rows (not needed)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=DEMO_TODAY)
    args = parser.parse_args(argv)
    made = generate(
        args.path,
        years=args.years,
        people=args.people,
        audit_rows=args.audit_rows,
        seed=args.seed,
        end=args.end,
        progress=True,
    )
    print(
        f"{made.path}: {made.people} people, {made.audit_rows:,} audit rows, "
        f"{made.file_size / 1048576:.1f} MB in {made.seconds:.1f} s"
    )
    for name, count in made.counts.items():
        print(f"  {name}: {count:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
