"""A writer killed with SIGKILL at random moments loses nothing it reported as committed.

The child (``crash_writer.write_forever``) writes audited records through the core in a
loop (people, settings, and both in one transaction) and reports each record only after
its commit returned. The parent kills it with SIGKILL after a random number of reports,
so the kill lands in the middle of whatever write comes next. After every kill the file
re-opens, passes integrity_check and verify, and holds every record the child reported.

Children come from a forkserver that has already imported DutyDesk, so a round costs
milliseconds instead of a fresh interpreter's imports.
"""

from __future__ import annotations

import multiprocessing
import random
import signal
import time
from pathlib import Path

import pytest

from dutydesk.desk import Desk
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_database
from tests.e2e.crash_writer import write_forever

ROUNDS = 24
MIN_ROUNDS = 20
TIME_BUDGET_S = 25.0


def _run_and_kill(ctx, path: Path, start: int, seed: int, kill_after: int) -> list[tuple]:
    """Start the writer, SIGKILL it after ``kill_after`` reports; every report it made."""
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=write_forever, args=(str(path), start, seed, sender))
    child.start()
    sender.close()  # only the child holds the sending end: EOF once it is dead
    reports: list[tuple] = []
    try:
        while len(reports) < kill_after:
            if not receiver.poll(60):
                raise AssertionError("the writer reported nothing for 60 s")
            reports.append(receiver.recv())
        child.kill()
        child.join(30)
        while True:  # what it reported between our last read and the kill
            try:
                reports.append(receiver.recv())
            except EOFError:
                break
    finally:
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()
    assert child.exitcode == -signal.SIGKILL
    return reports


@pytest.mark.slow
def test_sigkill_mid_write_never_loses_a_committed_record(desk: Desk, db_path: Path) -> None:
    desk.close()
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["dutydesk.desk", "tests.e2e.crash_writer"])
    rng = random.Random(20261125)
    people: dict[int, str] = {}
    reported_commits = 0
    started = time.monotonic()
    rounds = 0
    while rounds < ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() - started < TIME_BUDGET_S):
        reports = _run_and_kill(
            ctx,
            db_path,
            start=rounds * 1000,
            seed=rng.randrange(1 << 30),
            kill_after=rng.randint(1, 25),
        )
        rounds += 1
        reported_commits += len(reports)
        for kind, key, value in reports:
            if kind == "person":
                people[key] = value

        with Desk.open(db_path) as reopened:
            assert storage.integrity_problems(reopened.db) == []
            report = verify_database(reopened.db)
            assert report.ok, (rounds, report.problems[:5])
            present = dict(reopened.db.execute("SELECT id, employee_no FROM people").fetchall())
            missing = {i: n for i, n in people.items() if present.get(i) != n}
            assert missing == {}, f"round {rounds}: committed people lost: {missing}"
            # Every reported commit wrote at least one audit row (plus the set-up rows).
            assert report.audit_rows >= reported_commits + 2

    print(f"{rounds} kills, {reported_commits} commits in {time.monotonic() - started:.1f} s")
    assert rounds >= MIN_ROUNDS
    assert people, "no person was ever reported committed"
