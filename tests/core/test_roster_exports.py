"""Roster exports and command line: hours as Excel/CSV, iCalendar, generate, and the demo."""

from __future__ import annotations

import io
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar as ICalendar
from openpyxl import load_workbook

from dutydesk.cli.main import main
from dutydesk.demo.site import demo_clock
from dutydesk.desk import Desk
from dutydesk.errors import ValidationError
from dutydesk.people.auth import Person
from dutydesk.roster.exports import export_hours, person_ics, team_ics
from tests.conftest import PASSWORD
from tests.core.roster_helpers import three_shift_team


@pytest.fixture
def planned(desk: Desk, admin: Person) -> tuple[Desk, int, Person]:
    setup = three_shift_team(desk, admin, size=6)
    desk.roster.generate(admin, team=setup.team_id, start="2026-09-28", end="2026-10-11")
    return desk, setup.team_id, setup.people[0]


def test_hours_export_to_excel_and_csv_splits_night_weekend_and_holiday_hours(
    planned: tuple[Desk, int, Person], tmp_path: Path
) -> None:
    desk, team_id, _person = planned
    xlsx, csv_path = tmp_path / "h.xlsx", tmp_path / "h.csv"
    assert export_hours(desk, xlsx, start="2026-10-01", end="2026-10-07", team=team_id) == 6
    export_hours(desk, csv_path, start="2026-10-01", end="2026-10-07", team=team_id)
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("姓名", "工号", "班次数", "总工时")
    body = rows[2:8]
    # 7 days x 24 h, all inside the National Day holiday
    assert sum(r[3] for r in body) == 168
    assert sum(r[9] for r in body) == 168
    assert sum(r[5] for r in body) == 7 * 8  # 22:00–06:00 falls in the 中 and 夜 shifts
    assert rows[8][0] == "合计"
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("姓名,工号,班次数,总工时,夜班数")
    assert len(text.splitlines()) == 7
    with pytest.raises(ValidationError):
        export_hours(desk, tmp_path / "h.pdf", start="2026-10-01", end="2026-10-07")


def test_ics_per_person_and_team_has_one_event_per_shift(planned: tuple[Desk, int, Person]) -> None:
    desk, team_id, person = planned
    mine = desk.roster.assignments("2026-09-28", "2026-10-11", person_id=person.id)
    cal = ICalendar.from_ical(person_ics(desk, person.id, start="2026-09-28", end="2026-10-11"))
    events = cal.walk("VEVENT")
    assert len(events) == len(mine) > 0
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == mine[0].starts_at
    assert person.name in str(first["summary"])
    team = ICalendar.from_ical(team_ics(desk, team_id, start="2026-09-28", end="2026-10-11"))
    assert len(team.walk("VEVENT")) == 14 * 3


def test_cli_generate_dry_run_writes_nothing_and_real_run_commits(
    desk: Desk,
    admin: Person,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup = three_shift_team(desk, admin, size=6)
    team = desk.roster.team(setup.team_id).name
    args = ["roster", "generate", str(db_path), "--from", "2026-12-01", "--to", "2026-12-07"]
    assert main([*args, "--team", team, "--dry-run"]) == 0
    assert "试运行" in capsys.readouterr().out
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM assignments").fetchone()[0]
    assert count == 0
    assert main([*args, "--team", team]) == 2  # a real run needs the acting person
    assert "--user" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main([*args, "--team", team, "--user", "admin"]) == 0
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM assignments").fetchone()[0]
    assert count == 21
    # a year without official data: exit 1 and the plain message
    assert main([*args[:3], "--from", "2026-12-30", "--to", "2027-01-02", "--dry-run"]) == 1
    assert "2027 年尚无官方节假日安排，请管理员录入" in capsys.readouterr().out


def test_cli_hours_ics_and_pdf(
    planned: tuple[Desk, int, Person], db_path: Path, tmp_path: Path
) -> None:
    _desk, _team, person = planned
    out = tmp_path / "hours.csv"
    assert (
        main(
            [
                "roster",
                "hours",
                str(db_path),
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-07",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.exists()
    ics = tmp_path / "me.ics"
    assert (
        main(
            [
                "roster",
                "ics",
                str(db_path),
                "--person",
                person.employee_no,
                "--from",
                "2026-09-28",
                "--to",
                "2026-10-11",
                "--out",
                str(ics),
            ]
        )
        == 0
    )
    assert b"BEGIN:VEVENT" in ics.read_bytes()
    pdf = tmp_path / "m.pdf"
    assert main(["roster", "pdf", str(db_path), "--month", "2026-10", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["roster", "pdf", str(db_path), "--month", "2026-13", "--out", str(pdf)]) == 2
    assert (
        main(
            [
                "roster",
                "hours",
                str(db_path),
                "--from",
                "2026-10-07",
                "--to",
                "2026-10-01",
                "--out",
                str(out),
            ]
        )
        == 2
    )


def test_the_demo_has_a_realistic_roster(demo_db: Path) -> None:
    with Desk.open(demo_db, clock=demo_clock()) as desk:
        roster = desk.roster
        teams = roster.teams()
        assert [t.name for t in teams] == ["一班", "二班", "三班"]
        today = desk.clock().date()
        start = today - timedelta(days=85)
        end = today - timedelta(days=1)
        for team in teams:
            quality = roster.quality(team=team.id, start=start, end=end)
            assert quality.unfilled == () and quality.violations == ()
            assert quality.balance is not None and quality.balance >= 0.7
            assert quality.filled_slots >= 85 * 5 // 3 - 5  # 白 (3 people) + 夜 (2) every 3 days
            assert all(p.hours > 0 for p in quality.people)
        # every day has a leader on duty, day and night
        day = today - timedelta(days=10)
        rows = roster.assignments(day, day)
        assert {(a.shift_code, a.role) for a in rows} >= {("白", "leader"), ("夜", "leader")}
        assert [leave.kind for leave in roster.leave.list(status="approved")]
        assert roster.swaps.list(status="approved") and roster.swaps.list(status="accepted")
        past = roster.assignments(start, end)
        assert all(a.served_person_id is not None and a.locked for a in past)
        assert date(today.year, 1, 1) <= today
