"""The ``dutydesk`` command run as a real subprocess: exit codes, messages, files on disk."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from dutydesk.desk import Desk
from dutydesk.store import archive, audit
from dutydesk.store import db as storage

PASSWORD = "long-enough-1"


def run(
    *args: str | Path, stdin: str | None = None, lang: str = "zh_CN"
) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUTYDESK_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "dutydesk.cli", *map(str, args)],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dutydesk: ")
    return lines[0]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run("demo", path, "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "admin" in result.stdout and "demo1234" in result.stdout
    return path


@pytest.fixture
def duty(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    path = tmp_path / "duty.db"
    shutil.copy(demo_file, path)
    return path


def test_init_reads_the_password_from_stdin_and_the_admin_can_sign_in(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = run("init", path, "--site", "二号值班室", "--admin", "周敏", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "二号值班室" in result.stdout
    with Desk.open(path) as desk:
        assert desk.settings.get("site_name") == "二号值班室"
        assert desk.people.sign_in("admin", PASSWORD).name == "周敏"


def test_init_with_a_short_password_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    line = assert_one_line_error(run("init", path, "--site", "S", "--admin", "A", stdin="short\n"))
    assert "密码至少需要" in line
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_an_existing_file(duty: Path) -> None:
    before = duty.read_bytes()
    assert "已存在" in assert_one_line_error(
        run("init", duty, "--site", "S", "--admin", "A", stdin=PASSWORD + "\n")
    )
    assert duty.read_bytes() == before


def test_demo_makes_a_verifiable_database_and_never_overwrites(demo_file: Path) -> None:
    with storage.open_readonly(demo_file) as db:
        assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 25
    assert run("verify", demo_file).returncode == 0
    before = demo_file.read_bytes()
    assert_one_line_error(run("demo", demo_file))
    assert demo_file.read_bytes() == before


def test_backup_into_a_folder_makes_a_sound_copy_and_never_overwrites(
    duty: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run("backup", duty, folder)
    assert result.returncode == 0, result.stderr
    [copy] = folder.iterdir()
    assert str(copy) in result.stdout
    assert run("verify", copy).returncode == 0
    assert "已存在" in assert_one_line_error(run("backup", duty, copy))


def test_restore_without_yes_refuses_when_stdin_is_not_a_terminal(
    duty: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    assert run("backup", duty, backup).returncode == 0
    before = duty.read_bytes()
    assert "--yes" in assert_one_line_error(run("restore", backup, duty))
    assert duty.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.db", "duty.db"]


def test_restore_with_yes_replaces_the_file_and_keeps_the_old_one(
    duty: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    assert run("backup", duty, backup).returncode == 0
    with Desk.open(duty) as desk:
        admin = desk.people.by_employee_no("admin")
        desk.people.add(admin, name="备份后入职", employee_no="7777", roles=["officer"])
    result = run("restore", backup, duty, "--yes", "--user", "admin", stdin="demo1234\n")
    assert result.returncode == 0, result.stderr
    [kept] = tmp_path.glob("duty.replaced-*.db")
    assert str(kept) in result.stdout
    with storage.open_readonly(duty) as db:
        assert not db.execute("SELECT 1 FROM people WHERE employee_no = '7777'").fetchone()
    with storage.open_readonly(kept) as db:
        assert db.execute("SELECT 1 FROM people WHERE employee_no = '7777'").fetchone()
    assert run("verify", duty).returncode == 0
    assert run("verify", kept).returncode == 0


def test_restore_needs_an_administrator_signed_in(duty: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    assert run("backup", duty, backup).returncode == 0
    assert "--user" in assert_one_line_error(run("restore", backup, duty, "--yes"))
    wrong = run("restore", backup, duty, "--yes", "--user", "admin", stdin="wrong-password\n")
    assert "密码错误" in assert_one_line_error(wrong)
    with storage.open_readonly(duty) as db:
        [officer] = db.execute(
            "SELECT employee_no FROM people WHERE roles NOT LIKE '%admin%' AND active = 1"
            " AND password_hash IS NOT NULL LIMIT 1"
        ).fetchone()
    refused = run("restore", backup, duty, "--yes", "--user", officer, stdin="demo1234\n")
    assert "无权" in assert_one_line_error(refused)
    assert not list(tmp_path.glob("duty.replaced-*.db"))
    with storage.open_readonly(duty) as db:
        assert db.execute("SELECT count(*) FROM people").fetchone()[0] > 0


def test_export_writes_a_copy_and_a_manifest_that_an_auditor_can_check(
    duty: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "audit" / "duty-audit.db"
    copy.parent.mkdir()
    result = run("export", duty, copy)
    assert result.returncode == 0, result.stderr
    manifest_file = archive.manifest_path_for(copy)
    data = json.loads(manifest_file.read_text(encoding="utf-8"))
    assert set(data) >= {
        "exporter",
        "exported_at",
        "schema_version",
        "migrations",
        "row_counts",
        "audit_rows",
        "audit_head_hash",
        "file_sha256",
        "file_size",
        "site_name",
    }
    assert data["exporter"].startswith("command line")
    assert data["site_name"] == "市应急指挥中心一号值班室"
    assert data["file_sha256"] == storage.file_sha256(copy)
    assert data["file_sha256"] in result.stdout
    assert data["row_counts"]["people"] == 25
    with storage.open_readonly(copy) as db:
        assert [data["audit_rows"], data["audit_head_hash"]] == list(audit.head(db))
    assert archive.check_export(copy) == []
    assert run("verify", copy).returncode == 0

    raw = bytearray(copy.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    copy.write_bytes(bytes(raw))
    assert "file_sha256" in archive.check_export(copy)

    assert "已存在" in assert_one_line_error(run("export", duty, copy))


def test_verify_passes_then_reports_a_raw_sql_edit_with_table_and_row(duty: Path) -> None:
    clean = run("verify", duty)
    assert clean.returncode == 0, clean.stdout
    assert "校验通过" in clean.stdout

    conn = sqlite3.connect(duty)
    person_id = conn.execute("SELECT id FROM people WHERE employee_no = '1001'").fetchone()[0]
    conn.execute("UPDATE people SET team = '四班' WHERE id = ?", [person_id])
    conn.commit()
    conn.close()

    tampered = run("verify", duty)
    assert tampered.returncode == 1
    assert f"people#{person_id}" in tampered.stdout
    assert "team" in tampered.stdout

    as_json = run("verify", duty, "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["ok"] is False
    assert {"check": "records", "table": "people", "row": str(person_id)}.items() <= (
        report["problems"][0].items()
    )

    english = run("verify", duty, lang="en")
    assert "found problems" in english.stdout and "differs from its audit trail" in english.stdout


def test_a_file_that_is_not_a_database_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("交接班记录：一切正常\n" * 20, encoding="utf-8")
    for command in (
        ["verify", notes],
        ["backup", notes, tmp_path / "x.db"],
        ["export", notes, tmp_path / "y.db"],
    ):
        line = assert_one_line_error(run(*command))
        assert "不是 DutyDesk 数据库" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    line = assert_one_line_error(run("verify", notes, lang="en"))
    assert "is not a DutyDesk database" in line


def test_a_missing_file_and_missing_arguments_exit_2(tmp_path: Path) -> None:
    assert "不存在" in assert_one_line_error(run("verify", tmp_path / "nope.db"))
    for args in (["verify"], ["backup", "only-one.db"], ["init", "x.db"], ["report", "verify"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_verify_writes_the_pdf_with_the_manifest_and_leaves_the_copy_unchanged(
    duty: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    assert run("export", duty, copy).returncode == 0
    before = copy.read_bytes()
    out = tmp_path / "verify.pdf"
    manifest = archive.manifest_path_for(copy)
    result = run("report", "verify", copy, "--out", out, "--manifest", manifest)
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "copy.db",
        "copy.db.manifest.json",
        "duty.db",
        "verify.pdf",
    ]
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "校验结果：通过" in text and "文件与清单一致" in text
    assert json.loads(manifest.read_text(encoding="utf-8"))["file_sha256"] in text

    missing = assert_one_line_error(
        run("report", "verify", copy, "--out", out, "--manifest", tmp_path / "none.json")
    )
    assert "清单文件不存在" in missing


def test_export_into_a_folder_picks_a_time_stamped_name(duty: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    result = run("export", duty, folder)
    assert result.returncode == 0, result.stderr
    [copy] = folder.glob("duty-audit-*.db")
    assert archive.check_export(copy) == []


def test_backup_leaves_the_source_file_byte_for_byte_as_it_was(duty: Path, tmp_path: Path) -> None:
    storage._checkpoint(duty)
    before = duty.read_bytes()
    assert run("backup", duty, tmp_path / "b.db").returncode == 0
    assert duty.read_bytes() == before
    assert not Path(f"{duty}-wal").exists()
