"""The large-database generator: years of one duty room's records, written in bulk.

``python -m bench.generate PATH --years 10 --people 30 [--audit-rows N] [--seed S]``

Rows are written with executemany instead of one core call each, but every row gets
exactly the audit entry the core would write (same after-image, same hash chain), so
``dutydesk verify`` passes on the result. What the foundation has so far: people (hires,
leavers, phone and team changes), settings changes, sign-ins (two shifts a day, three on
duty, the odd failed attempt) and monthly audit exports. Later features add their tables
here. Until they do, ``--audit-rows`` pads the trail with events of the size of an
incident's audit image (entity ``bench_padding``) so verification can be measured at the
design's scale (about 2 million audit rows in ten years).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from dutydesk.clock import ManualClock, to_iso
from dutydesk.desk import Desk
from dutydesk.people.auth import AUDITOR, LEADER, OFFICER, hash_password
from dutydesk.store import audit

PASSWORD = "bench1234"
SITE = "基准测试值班室"
TEAMS = ("一班", "二班", "三班")
SHIFT_STARTS_UTC = (0, 12)  # 08:00 and 20:00 in Asia/Shanghai
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚浩宇欣婷华东博涵俊桐"
_PADDING_TEXT = (
    "夜间巡查发现二号机房空调告警，温度升至二十九度，已通知维保单位到场处理，"
    "值班长到现场确认，临时启用备用空调，温度恢复正常后记录闭环。"
)
BATCH = 20_000
_INSERT_PERSON = (
    "INSERT INTO people (id, name, employee_no, phone, team, roles, active, password_hash,"
    " created_at, updated_at) VALUES (:id, :name, :employee_no, :phone, :team, :roles,"
    " :active, :password_hash, :created_at, :updated_at)"
)


@dataclass(frozen=True)
class Generated:
    path: Path
    years: float
    people: int
    audit_rows: int
    padding_rows: int
    seconds: float
    file_size: int


class _Trail:
    """Builds audit rows exactly as ``audit.record`` would and writes them in batches."""

    def __init__(self, desk: Desk) -> None:
        self.db = desk.db
        self.seq, self.prev = audit.head(desk.db)
        self.pending: list[dict[str, Any]] = []
        self.written = 0

    def add(
        self,
        *,
        at: datetime,
        actor: audit.Actor,
        action: str,
        entity: str,
        entity_id: int | str | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.seq += 1
        row: dict[str, Any] = {
            "seq": self.seq,
            "at": to_iso(at),
            "actor_id": actor.person_id,
            "actor_label": actor.label,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before_json": None if before is None else audit.canonical_json(before),
            "after_json": None if after is None else audit.canonical_json(after),
            "prev_hash": self.prev,
        }
        row["hash"] = self.prev = audit.row_hash(self.prev, row)
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.db.conn.executemany(
            "INSERT INTO audit_log (seq, at, actor_id, actor_label, action, entity, entity_id,"
            " before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor_id,"
            " :actor_label, :action, :entity, :entity_id, :before_json, :after_json,"
            " :prev_hash, :hash)",
            self.pending,
        )
        self.db.conn.commit()
        self.written += len(self.pending)
        self.pending = []


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day < end:
        yield day
        day += timedelta(days=1)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
        if name not in taken:
            taken.add(name)
            return name


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choices("0123456789", k=9))


def generate(
    path: Path | str,
    *,
    years: float = 10,
    people: int = 30,
    audit_rows: int | None = None,
    seed: int = 1,
    end: date = date(2026, 11, 1),
    progress: bool = False,
) -> Generated:
    """Write a new database at ``path`` (refuses an existing file); see the module text."""
    path = Path(path)
    if path.exists():
        raise SystemExit(f"{path} exists; the generator never overwrites a file")
    started = time.perf_counter()
    rng = random.Random(seed)
    first_day = end - timedelta(days=max(1, round(365.25 * years)))
    clock = ManualClock(datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC))
    desk = Desk.open(path, create=True, clock=clock)
    try:
        admin = desk.initialise(
            site_name=SITE,
            admin_name="系统管理员",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
        stored_hash = hash_password(PASSWORD)  # one scrypt; every account shares it
        trail = _Trail(desk)
        rows: dict[int, dict[str, Any]] = {}
        taken: set[str] = set()
        next_id = admin.id + 1
        days = list(_days(first_day, end))
        total_days = len(days)
        padding_total = 0
        if audit_rows:
            # Sign-ins etc. come to about 6.5 rows a day; the rest is padding.
            padding_total = max(0, audit_rows - int(total_days * 6.5) - people * 2)
        admin_actor = admin.actor

        def hire(at: datetime, roles: list[str], team: str, number: str) -> int:
            nonlocal next_id
            person_id, next_id = next_id, next_id + 1
            stamp = to_iso(at)
            row = {
                "id": person_id,
                "name": _name(rng, taken),
                "employee_no": number,
                "phone": _phone(rng),
                "team": team,
                "roles": json.dumps(roles),
                "active": 1,
                "password_hash": stored_hash,
                "created_at": stamp,
                "updated_at": stamp,
            }
            rows[person_id] = row
            desk.db.conn.execute(_INSERT_PERSON, row)
            trail.add(
                at=at,
                actor=admin_actor,
                action="create",
                entity="people",
                entity_id=person_id,
                after=audit.snapshot("people", row),
            )
            return person_id

        def change(at: datetime, person_id: int, action: str = "update", **values: Any) -> None:
            row = rows[person_id]
            before = audit.snapshot("people", row)
            row.update(values, updated_at=to_iso(at))
            assignments = ", ".join(f"{column} = :{column}" for column in [*values, "updated_at"])
            desk.db.conn.execute(f"UPDATE people SET {assignments} WHERE id = :id", row)
            trail.add(
                at=at,
                actor=admin_actor,
                action=action,
                entity="people",
                entity_id=person_id,
                before=before,
                after=audit.snapshot("people", row),
            )

        # Day one is set-up day: accounts and settings; the shifts start on day two.
        day0 = datetime(first_day.year, first_day.month, first_day.day, 1, tzinfo=UTC)
        numbers = iter(range(1001, 100_000))
        auditor_id = hire(day0, [AUDITOR], "", "audit")
        for index in range(max(0, people - 2)):
            roles = [LEADER, OFFICER] if index < len(TEAMS) else [OFFICER]
            hire(
                day0 + timedelta(minutes=index + 1),
                roles,
                TEAMS[index % len(TEAMS)],
                str(next(numbers)),
            )

        settings = dict(
            desk.db.execute("SELECT key, id FROM settings").fetchall()
        )  # site_name from initialise
        setting_values = {"site_name": SITE}
        setting_rows: dict[str, dict[str, Any]] = {}

        def set_setting(at: datetime, key: str, value: str) -> None:
            if key in settings and key not in setting_rows:
                setting_rows[key] = {"id": settings[key], "key": key, "value": setting_values[key]}
            if key not in setting_rows:
                new_id = max([0, *settings.values(), *(r["id"] for r in setting_rows.values())])
                setting_rows[key] = {"id": new_id + 1, "key": key, "value": value}
                desk.db.conn.execute(
                    "INSERT INTO settings (id, key, value) VALUES (:id, :key, :value)",
                    setting_rows[key],
                )
                trail.add(
                    at=at,
                    actor=admin_actor,
                    action="create",
                    entity="settings",
                    entity_id=new_id + 1,
                    after=dict(setting_rows[key]),
                )
                return
            before = dict(setting_rows[key])
            setting_rows[key]["value"] = value
            desk.db.conn.execute(
                "UPDATE settings SET value = :value WHERE id = :id", setting_rows[key]
            )
            trail.add(
                at=at,
                actor=admin_actor,
                action="update",
                entity="settings",
                entity_id=setting_rows[key]["id"],
                before=before,
                after=dict(setting_rows[key]),
            )

        set_setting(day0 + timedelta(hours=1), "site_timezone", "Asia/Shanghai")
        padding_done = 0
        sign_in_actor = audit.Actor.system("sign-in")

        def sign_ins(base: datetime, index: int, shift: int, active: list[int]) -> None:
            team = TEAMS[(index * 2 + shift) % len(TEAMS)]
            crew = [pid for pid in active if rows[pid]["team"] == team][:3] or active[:3]
            for slot, pid in enumerate(crew):
                at = base + timedelta(hours=SHIFT_STARTS_UTC[shift], minutes=slot * 3 + 1)
                if rng.random() < 0.03:
                    trail.add(
                        at=at - timedelta(seconds=40),
                        actor=sign_in_actor,
                        action="sign_in_failed",
                        entity="people",
                        entity_id=pid,
                    )
                trail.add(
                    at=at,
                    actor=audit.Actor(pid, rows[pid]["name"]),
                    action="sign_in",
                    entity="people",
                    entity_id=pid,
                )

        # Each day in time order: night-to-day sign-ins (08:00 local), the day's records
        # (padding) 09:00-18:59, office work 19:00, day-to-night sign-ins (20:00 local).
        for index, day in enumerate(days[1:], start=1):
            base = datetime(day.year, day.month, day.day, tzinfo=UTC)
            active = [pid for pid, row in rows.items() if row["active"] and pid != auditor_id]
            sign_ins(base, index, 0, active)
            due = padding_total * index // (total_days - 1) - padding_done
            step = 36_000 / max(1, due)
            for k in range(due):
                author = active[k % len(active)]
                number = padding_done + k + 1
                trail.add(
                    at=base + timedelta(hours=1, seconds=int(k * step)),
                    actor=audit.Actor(author, rows[author]["name"]),
                    action="padding",
                    entity="bench_padding",
                    entity_id=number,
                    after={"id": number, "text": _PADDING_TEXT, "day": str(day)},
                )
            padding_done += due
            office = base + timedelta(hours=11, minutes=rng.randint(0, 30))
            if day.day == 15:
                change(office, rng.choice(active), phone=_phone(rng))
            if day.day == 1:
                trail.add(
                    at=office,
                    actor=admin_actor,
                    action="audit_export",
                    entity="database",
                    entity_id=None,
                    after={"file_name": f"audit-{day:%Y%m}.db"},
                )
            if day.day == 2 and day.month in (1, 4, 7, 10):
                set_setting(office, "idle_lock_minutes", str(rng.choice((5, 10, 15, 20))))
            if day.month == 3 and day.day == 1 and len(active) > 6:
                officers = [p for p in active if OFFICER in json.loads(rows[p]["roles"])]
                leaver = rng.choice(officers)
                change(office + timedelta(minutes=5), leaver, active=0)
                hire(
                    office + timedelta(minutes=10),
                    [OFFICER],
                    rows[leaver]["team"],
                    str(next(numbers)),
                )
            sign_ins(base, index, 1, active)
            if progress and index % 365 == 0:
                print(f"  {day}: {trail.seq:,} audit rows", file=sys.stderr, flush=True)

        trail.flush()
        desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = audit.head(desk.db)[0]
    finally:
        desk.close()
    return Generated(
        path=path,
        years=years,
        people=len(rows) + 1,
        audit_rows=total,
        padding_rows=padding_done,
        seconds=time.perf_counter() - started,
        file_size=path.stat().st_size,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--audit-rows", type=int, default=None, help="pad the trail to N rows")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = generate(
        args.path,
        years=args.years,
        people=args.people,
        audit_rows=args.audit_rows,
        seed=args.seed,
        progress=True,
    )
    print(
        f"{made.path}: {made.people} people, {made.audit_rows:,} audit rows "
        f"({made.padding_rows:,} padding), {made.file_size / 1048576:.1f} MB "
        f"in {made.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
