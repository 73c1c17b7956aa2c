"""A signed record printed after its data was changed says so on its first page.

Each PDF of a signed record recomputes the record's hash when it is made; the command
line still writes the file but exits 1, and the window's preview shows the same warning.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pdfplumber
import pytest

from dutydesk.cli.main import main
from reports.document import SIGNATURE_WARNING, has_signature_warning


@pytest.fixture(scope="module")
def changed(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo copy in which one signed record of each kind was changed with raw SQL."""
    path = tmp_path_factory.mktemp("changed") / "duty.db"
    shutil.copyfile(demo_db, path)
    conn = sqlite3.connect(str(path), isolation_level=None)
    locked = conn.execute("SELECT max(id) FROM handovers WHERE status = 'locked'").fetchone()[0]
    for table, column, row_id in (
        ("handovers", "remarks", locked),
        ("improvement_cycles", "title", 1),
        ("assessments", "title", 1),
        ("process_versions", "title", 2),
    ):
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(
            f'UPDATE "{table}" SET "{column}" = "{column}" || \'（改）\' WHERE id = ?', [row_id]
        )
        for _, sql in triggers:
            conn.execute(sql)
    conn.close()
    return path


def _handover(path: Path) -> tuple[int, str, str]:
    conn = sqlite3.connect(str(path))
    try:
        found = conn.execute(
            "SELECT id, shift_date, outgoing_shift_code FROM handovers"
            " WHERE remarks LIKE '%（改）' "
        ).fetchone()
        return int(found[0]), str(found[1]), str(found[2])
    finally:
        conn.close()


def _first_page(pdf: Path) -> str:
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        return document.pages[0].extract_text() or ""


def _report(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = tmp_path / "out.pdf"
    command = list(args) if args[0] == "manual" else ["report", *args]
    code = main([*command, "--out", str(out)])
    assert out.is_file()  # written even when it carries the warning
    return code, _first_page(out)


def test_a_changed_handover_prints_the_warning_and_the_command_exits_1(
    changed: Path, tmp_path: Path
) -> None:
    handover_id, day, shift = _handover(changed)
    for args in (
        ("handover", str(changed), "--id", str(handover_id)),
        ("shift", str(changed), "--date", day, "--shift", shift),
        ("day", str(changed), "--date", day),
    ):
        code, text = _report(tmp_path, *args)
        assert code == 1, args
        assert SIGNATURE_WARNING in text, args
        assert day in text


def test_an_unchanged_signed_handover_prints_no_warning(changed: Path, tmp_path: Path) -> None:
    handover_id, _, _ = _handover(changed)
    code, text = _report(tmp_path, "handover", str(changed), "--id", str(handover_id - 1))
    assert code == 0
    assert SIGNATURE_WARNING not in text


@pytest.mark.parametrize(
    "args",
    [
        ("cycle", "--id", "1"),
        ("assessment", "--id", "1"),
        ("manual", "--version", "2"),
    ],
)
def test_other_changed_signed_records_print_the_warning(
    changed: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, text = _report(tmp_path, args[0], str(changed), *args[1:])
    assert code == 1
    assert SIGNATURE_WARNING in text


def test_the_preview_shows_the_warning(changed: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from dutydesk.demo.site import demo_clock
    from dutydesk.desk import Desk
    from reports.handover import build_handover_sheet
    from ui.pdf_preview import PdfPreviewDialog

    handover_id, _, _ = _handover(changed)
    with Desk.open(changed, clock=demo_clock()) as desk:
        bad = build_handover_sheet(desk, handover_id)
        good = build_handover_sheet(desk, handover_id - 1)
    assert has_signature_warning(bad) and not has_signature_warning(good)
    warned = PdfPreviewDialog(bad, title="交接班记录")
    qtbot.addWidget(warned)
    plain = PdfPreviewDialog(good, title="交接班记录")
    qtbot.addWidget(plain)
    assert not warned.signature_warning.isHidden()
    assert SIGNATURE_WARNING in warned.signature_warning.text()
    assert plain.signature_warning.isHidden()
