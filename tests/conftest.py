"""Shared fixtures: a fresh migrated database per test, a frozen clock, a demo database."""

from __future__ import annotations

import os

# Must happen before anything imports Qt: without a display the interpreter would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DUTYDESK_LANG", "zh_CN")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person
from dutydesk.clock import ManualClock
from dutydesk.desk import Desk

PASSWORD = "correct-horse"
START = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "duty.db"


@pytest.fixture
def desk(db_path: Path, clock: ManualClock) -> Iterator[Desk]:
    """A new database with site and first admin, on a clock that moves only when told."""
    with Desk.open(db_path, create=True, clock=clock) as opened:
        opened.initialise(
            site_name="测试值班室",
            admin_name="管理员甲",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
        yield opened


@pytest.fixture
def admin(desk: Desk) -> Person:
    return desk.people.by_employee_no("admin")


@pytest.fixture
def crew(desk: Desk, admin: Person) -> dict[str, Person]:
    """One person per role besides the admin, all with the test password."""
    people = {"admin": admin}
    for key, number, name, roles in (
        ("leader", "2001", "张强", [LEADER, OFFICER]),
        ("officer", "1001", "李丽", [OFFICER]),
        ("officer2", "1002", "王伟", [OFFICER]),
        ("auditor", "9001", "刘审", [AUDITOR]),
    ):
        people[key] = desk.people.add(
            admin, name=name, employee_no=number, roles=roles, password=PASSWORD, team="一班"
        )
    assert people["admin"].has_role(ADMIN)
    return people


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database for read-only tests; tests must not write to it."""
    from dutydesk.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path, seed=7).close()
    return path
