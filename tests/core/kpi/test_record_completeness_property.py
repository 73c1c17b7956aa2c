"""Property: record completeness = complete dual-signed handovers ÷ ended rostered shifts.

Generated: which day (白 08:00–20:00) and night (夜 20:00–08:00) shifts of a few October
days are rostered, how far each shift's handover got (none, started, submitted, rejected,
rejected then redone and accepted, accepted, accepted a little early), and the moment
"now". The story is played in time order through the core's public services and cut at
"now": a step whose time has not come is not done. The expected figure is worked out here
from the generated plan alone. A shift is due once it has ended, or once its handover is
complete (handing over ten minutes early completes the record of that shift).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.kpi.period import Period
from dutydesk.people.auth import OFFICER, Person
from tests.conftest import PASSWORD
from tests.core.handover_helpers import good_values

LOCAL = ZoneInfo("Asia/Shanghai")
FIRST = date(2026, 10, 1)
DAY, NIGHT = "白", "夜"
# How far each shift's handover gets: its steps, in minutes from the shift's end (the
# handover time). "early" is accepted ten minutes before the shift ends.
PLANS: dict[str, tuple[tuple[str, int], ...]] = {
    "none": (),
    "started": (("start", -20),),
    "submitted": (("start", -20), ("submit", -10)),
    "rejected": (("start", -20), ("submit", -10), ("reject", -8)),
    "redone": (("start", -20), ("submit", -10), ("reject", -8), ("submit", -5), ("accept", 5)),
    "accepted": (("start", -20), ("submit", -10), ("accept", 5)),
    "early": (("start", -40), ("submit", -30), ("accept", -10)),
}
OUTCOMES = tuple(PLANS)


def shift_end(day: date, code: str) -> datetime:
    if code == DAY:
        return datetime.combine(day, time(20), tzinfo=LOCAL)
    return datetime.combine(day + timedelta(days=1), time(8), tzinfo=LOCAL)


@st.composite
def stories(draw: st.DrawFn) -> tuple[int, dict[tuple[date, str], str], datetime]:
    days = draw(st.integers(min_value=1, max_value=4))
    plan: dict[tuple[date, str], str] = {}
    for offset in range(days):
        for code in (DAY, NIGHT):
            if draw(st.booleans()):
                plan[(FIRST + timedelta(days=offset), code)] = draw(st.sampled_from(OUTCOMES))
    # From the first morning to a day after the last shift, in 5-minute steps.
    start = datetime.combine(FIRST, time(6), tzinfo=LOCAL)
    now = start + timedelta(minutes=5 * draw(st.integers(min_value=0, max_value=(days + 1) * 288)))
    return days, plan, now


def expected(plan: dict[tuple[date, str], str], now: datetime) -> tuple[int, int]:
    """(complete, due): a shift is due once it has ended or has been handed over."""
    handed_over = {
        key
        for key, outcome in plan.items()
        for step, minutes in PLANS[outcome]
        if step == "accept" and shift_end(*key) + timedelta(minutes=minutes) <= now
    }
    due = {key for key in plan if shift_end(*key) <= now} | handed_over
    return len(handed_over), len(due)


@pytest.fixture(scope="module")
def template(initialised_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four officers, the two shift types and a team, made once; each example copies it."""
    path = tmp_path_factory.mktemp("completeness") / "roster.db"
    shutil.copyfile(initialised_template, path)
    clock = ManualClock(datetime(2026, 9, 20, 9, tzinfo=LOCAL))
    with Desk.open(path, clock=clock) as desk:
        admin = desk.people.by_employee_no("admin")
        desk.settings.set(admin, "site_timezone", "Asia/Shanghai")
        roster = desk.roster
        roster.add_shift_type(admin, code=DAY, name="白班", start="08:00", end="20:00")
        roster.add_shift_type(
            admin, code=NIGHT, name="夜班", start="20:00", end="08:00", is_night=True
        )
        team = roster.add_team(admin, name="一班")
        people = [
            desk.people.add(
                admin, name=name, employee_no=number, roles=[OFFICER], password=PASSWORD
            )
            for name, number in (
                ("李丽", "1001"),
                ("王伟", "1002"),
                ("张敏", "1003"),
                ("陈杰", "1004"),
            )
        ]
        roster.set_members(admin, team.id, [p.id for p in people])
        for person in people:
            roster.set_qualification(admin, person_id=person.id, duty_role="officer")
    return path


def play(desk: Desk, clock: ManualClock, plan: dict[tuple[date, str], str], now: datetime) -> None:
    """Roster the plan, then run each handover step in time order up to ``now``."""
    admin = desk.people.by_employee_no("admin")
    officers = [desk.people.by_employee_no(n) for n in ("1001", "1002", "1003", "1004")]

    def on_duty(day: date, code: str) -> Person:
        """Day shifts alternate between the first two, nights between the last two."""
        return officers[(day - FIRST).days % 2 + (0 if code == DAY else 2)]

    team_id = desk.roster.teams()[0].id
    clock.set(datetime(2026, 9, 25, 9, tzinfo=LOCAL))
    for (day, code), _outcome in sorted(plan.items()):
        officer = on_duty(day, code)
        desk.roster.set_assignment(
            admin,
            team_id=team_id,
            day=day,
            shift_code=code,
            duty_role="officer",
            person_id=officer.id,
        )
    events: list[tuple[datetime, str, tuple[date, str]]] = []
    for key, outcome in plan.items():
        for step, minutes in PLANS[outcome]:
            events.append((shift_end(*key) + timedelta(minutes=minutes), step, key))
    records: dict[tuple[date, str], int] = {}
    for moment, step, (day, code) in sorted(events):
        if moment > now:
            continue
        clock.set(moment)
        outgoing = on_duty(day, code)
        incoming = on_duty(day, NIGHT) if code == DAY else on_duty(day + timedelta(days=1), DAY)
        handover = desk.handover
        if step == "start":
            record = handover.start(
                outgoing,
                shift_date=day.isoformat(),
                outgoing_shift_code=code,
                incoming_shift_code=NIGHT if code == DAY else DAY,
                incoming_person_id=incoming.id,
                shift_boundary_at=shift_end(day, code),
            )
            handover.set_values(outgoing, record.id, good_values(record))
            records[(day, code)] = record.id
        elif step == "submit":
            handover.submit(outgoing, records[(day, code)], password=PASSWORD)
        elif step == "reject":
            draft = handover.reject(
                incoming, records[(day, code)], password=PASSWORD, reason="数据有误"
            )
            records[(day, code)] = draft.id
        else:
            handover.accept(incoming, records[(day, code)], password=PASSWORD)
    clock.set(now)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(story=stories())
@example(  # both ended shifts complete; the day shift of 10-02 is still running
    story=(
        2,
        {
            (FIRST, DAY): "accepted",
            (FIRST, NIGHT): "redone",
            (FIRST + timedelta(days=1), DAY): "accepted",
            (FIRST + timedelta(days=1), NIGHT): "accepted",
            (FIRST + timedelta(days=2), DAY): "submitted",
        },
        datetime(2026, 10, 2, 12, tzinfo=LOCAL),
    )
)
@example(  # the night of 10-01 has ended, but its handover is not yet accepted
    story=(1, {(FIRST, DAY): "rejected", (FIRST, NIGHT): "accepted"}, shift_end(FIRST, NIGHT))
)
@example(  # handed over early: the day shift counts before 20:00, the night not yet
    story=(
        1,
        {(FIRST, DAY): "early", (FIRST, NIGHT): "early"},
        datetime(2026, 10, 1, 19, 55, tzinfo=LOCAL),
    )
)
def test_record_completeness_counts_complete_handovers_of_ended_shifts(
    template: Path, story: tuple[int, dict[tuple[date, str], str], datetime]
) -> None:
    days, plan, now = story
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "duty.db"
        shutil.copyfile(template, path)
        clock = ManualClock(now)
        with Desk.open(path, clock=clock) as desk:
            play(desk, clock, plan, now)
            value = desk.kpi.values(Period(FIRST, FIRST + timedelta(days=days - 1)))[
                "record_completeness"
            ]
    numerator, denominator = expected(plan, now)
    if denominator == 0:
        assert value.value is None
        return
    assert (value.numerator, value.denominator) == (numerator, denominator)
    assert value.value == pytest.approx(100 * numerator / denominator)
