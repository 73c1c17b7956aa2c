"""Shared fixtures: a fresh migrated database per test, a frozen clock, a demo database."""

from __future__ import annotations

import os
import shutil

# Must happen before anything imports Qt: without a display the interpreter would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DUTYDESK_LANG", "zh_CN")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person

pytest_plugins = ["tests.fixtures_kpi"]

PASSWORD = "correct-horse"

# Hashes carry their own parameters, so a cheaper work factor in tests changes no logic;
# production strength is asserted separately in tests/core/test_auth.py.
auth._SCRYPT = {"n": 2**8, "r": 8, "p": 1}
START = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "duty.db"


@pytest.fixture(scope="session")
def initialised_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrating and initialising once per session; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    with Desk.open(path, create=True, clock=ManualClock(START)) as template:
        template.initialise(
            site_name="测试值班室",
            admin_name="管理员甲",
            admin_employee_no="admin",
            admin_password=PASSWORD,
        )
    return path


@pytest.fixture
def desk(db_path: Path, clock: ManualClock, initialised_template: Path) -> Iterator[Desk]:
    """A new database with site and first admin, on a clock that moves only when told."""
    shutil.copyfile(initialised_template, db_path)
    with Desk.open(db_path, clock=clock) as opened:
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
    from dutydesk.demo.site import DEMO_TODAY, create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path, seed=7, today=DEMO_TODAY).close()
    return path
