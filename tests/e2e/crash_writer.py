"""The writer the crash-safety test kills: audited writes through the core, in a loop."""

from __future__ import annotations

import random
from multiprocessing.connection import Connection

from dutydesk.desk import Desk


def write_forever(path: str, start: int, seed: int, report: Connection) -> None:
    """Report each record only after its transaction committed; never returns."""
    rng = random.Random(seed)
    with Desk.open(path) as desk:
        admin = desk.people.by_employee_no("admin")
        number = start
        while True:
            kind = rng.randrange(3)
            if kind == 0:
                person = desk.people.add(
                    admin, name=f"压测{number}", employee_no=f"c{number}", roles=["officer"]
                )
                report.send(("person", person.id, f"c{number}"))
            elif kind == 1:
                value = desk.settings.set(admin, "idle_lock_minutes", str(1 + number % 200))
                report.send(("setting", "idle_lock_minutes", value))
            else:
                # Several rows and their audit entries in one transaction.
                with desk.db.atomic():
                    person = desk.people.add(
                        admin,
                        name=f"批量{number}",
                        employee_no=f"c{number}",
                        roles=["officer"],
                        team="二班",
                    )
                    desk.settings.set(admin, "backup_keep", str(1 + number % 300))
                report.send(("person", person.id, f"c{number}"))
            number += 1
