"""The large-database generator writes records whose audit chain and images verify."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bench.generate import generate, main
from dutydesk.desk import Desk
from dutydesk.store import audit
from dutydesk.store import db as storage
from dutydesk.store.verify import verify_path


def test_a_small_generated_database_passes_verify(tmp_path: Path) -> None:
    made = generate(tmp_path / "g.db", years=0.1, people=12, audit_rows=1500, seed=3)
    report = verify_path(made.path)
    assert report.ok, report.problems[:5]
    assert made.audit_rows == report.audit_rows >= 1400
    assert made.padding_rows > 0
    with storage.open_readonly(made.path) as db:
        counts = storage.table_counts(db)
        assert counts["people"] == made.people >= 12
        # Seed rows written by feature migrations carry the real time of creation.
        times = [
            row[0]
            for row in db.execute(
                "SELECT at FROM audit_log WHERE actor_label != 'migration' ORDER BY seq"
            )
        ]
        actions = {row[0] for row in db.execute("SELECT DISTINCT action FROM audit_log")}
    assert times == sorted(times), "audit times must follow the sequence"
    assert {"create", "sign_in", "padding", "audit_export"} <= actions
    with Desk.open(made.path) as desk:  # the generated accounts can sign in
        assert desk.people.sign_in("1001", "bench1234").employee_no == "1001"
        assert audit.head(desk.db)[0] == made.audit_rows + 1


def test_a_changed_generated_row_is_caught(tmp_path: Path) -> None:
    made = generate(tmp_path / "g.db", years=0.05, people=8, seed=4)
    conn = sqlite3.connect(made.path)
    conn.execute("UPDATE people SET phone = '10000000000' WHERE employee_no = '1002'")
    conn.commit()
    conn.close()
    problems = verify_path(made.path).problems
    assert [(p.table, p.check) for p in problems] == [("people", "records")]


def test_the_command_refuses_an_existing_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "g.db"
    assert main([str(path), "--years", "0.02", "--people", "6"]) == 0
    assert "audit rows" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="exists"):
        main([str(path), "--years", "0.02"])
