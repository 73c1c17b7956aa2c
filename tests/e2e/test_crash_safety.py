"""A writer killed with SIGKILL at random moments loses nothing it reported as committed.

The child writes audited records through the core in a loop (people, settings, and both
in one transaction) and prints what each commit made only after the commit returned.
The parent kills it after a random number of reported commits, so the kill lands in the
middle of whatever write comes next. Every time, the file re-opens, passes
integrity_check and verify, and holds every record the child reported.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dutydesk import db as storage
from dutydesk.desk import Desk
from dutydesk.verify import verify_database

ROUNDS = 24
TIME_BUDGET_S = 30.0

CHILD = r"""
import random, sys
from dutydesk.desk import Desk

path, start, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
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
            print(f"person {person.id} c{number}", flush=True)
        elif kind == 1:
            value = desk.settings.set(admin, "idle_lock_minutes", str(1 + number % 200))
            print(f"setting idle_lock_minutes {value}", flush=True)
        else:
            with desk.db.atomic():
                person = desk.people.add(
                    admin, name=f"批量{number}", employee_no=f"c{number}", roles=["officer"],
                    team="二班",
                )
                desk.settings.set(admin, "backup_keep", str(1 + number % 300))
            print(f"person {person.id} c{number}", flush=True)
        number += 1
"""


def _run_and_kill(path: Path, start: int, seed: int, kill_after: int) -> list[str]:
    """Start the writer, SIGKILL it after ``kill_after`` reported commits; all its lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(start), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    try:
        while len(lines) < kill_after:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"writer stopped early: {child.stderr.read()}")
            lines.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    return lines + [line.strip() for line in rest.splitlines() if line.strip()]


@pytest.mark.slow
def test_sigkill_mid_write_never_loses_a_committed_record(desk: Desk, db_path: Path) -> None:
    desk.close()
    rng = random.Random(20261125)
    reported: dict[int, str] = {}
    started = time.monotonic()
    rounds = 0
    start = 0
    while rounds < ROUNDS and (rounds < 20 or time.monotonic() - started < TIME_BUDGET_S):
        lines = _run_and_kill(db_path, start, rng.randrange(1 << 30), rng.randint(1, 12))
        rounds += 1
        start += 1000  # each round's employee numbers are its own
        for line in lines:
            kind, *rest = line.split()
            if kind == "person":
                reported[int(rest[0])] = rest[1]

        with Desk.open(db_path) as reopened:
            assert storage.integrity_problems(reopened.db) == []
            report = verify_database(reopened.db)
            assert report.ok, (rounds, report.problems[:5])
            present = dict(reopened.db.execute("SELECT id, employee_no FROM people").fetchall())
        missing = {i: n for i, n in reported.items() if present.get(i) != n}
        assert missing == {}, f"round {rounds}: committed people lost: {missing}"

    assert rounds >= 20
    assert reported, "no person was ever reported committed"
