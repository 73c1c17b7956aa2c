"""Training materials of courses and process steps: stored inside the database with sha256,
type and size, or a large video linked by path and checked when opened."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dutydesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from dutydesk.store import audit
from dutydesk.store.verify import verify_database
from dutydesk.training.materials import MAX_MATERIAL_BYTES
from tests.conftest import PASSWORD

SLIDES = b"PK\x03\x04 slides of the handover course"


@pytest.fixture
def course(desk, crew):  # type: ignore[no-untyped-def]
    return desk.training.add_course(crew["leader"], title="交接班规范", content="交接清单逐项核对")


@pytest.fixture
def process(desk, admin):  # type: ignore[no-untyped-def]
    return desk.process.install_default(admin, password=PASSWORD)


def test_a_course_material_is_stored_with_sha256_type_and_size(desk, crew, course):  # type: ignore[no-untyped-def]
    leader = crew["leader"]
    seq_before, _ = audit.head(desk.db)
    material = desk.training.materials.add(
        leader, course_id=course.id, filename="C:\\培训\\交接班规范.pptx", data=SLIDES
    )
    assert material.filename == "交接班规范.pptx"
    assert material.title == "交接班规范"
    assert material.kind == "slides"
    assert material.size == len(SLIDES)
    assert material.sha256 == hashlib.sha256(SLIDES).hexdigest()
    assert material.mime_type.endswith("presentationml.presentation")
    assert material.added_by_name == leader.name
    assert not material.linked
    assert [m.id for m in desk.training.materials.list(course_id=course.id)] == [material.id]
    # one audit row, with a fingerprint of the bytes rather than the bytes
    rows = audit.entries(desk.db, entity="training_materials")
    assert [r.action for r in rows] == ["material_add"]
    assert audit.head(desk.db)[0] == seq_before + 1
    assert rows[0].after is not None and "PK" not in str(rows[0].after["data"])
    opened = desk.training.materials.open(crew["officer"], material.id)
    assert opened.data == SLIDES and opened.path is None


def test_size_limit_type_and_empty_file_are_refused_with_a_clear_message(desk, crew, course):  # type: ignore[no-untyped-def]
    materials = desk.training.materials
    big = b"x" * (MAX_MATERIAL_BYTES + 1)
    with pytest.raises(ValidationError) as error:
        materials.add(crew["leader"], course_id=course.id, filename="演练录像.mp4", data=big)
    assert error.value.field == "data"
    assert "超过上限 20 MB" in str(error.value) and "链接文件" in str(error.value)
    assert "link a large file by its path" in error.value.localized("en")
    with pytest.raises(ValidationError, match=r"不支持的培训资料类型 \.exe"):
        materials.add(crew["leader"], course_id=course.id, filename="setup.exe", data=b"MZ")
    with pytest.raises(ValidationError, match="空文件"):
        materials.add(crew["leader"], course_id=course.id, filename="a.pdf", data=b"")
    with pytest.raises(ValidationError, match="二者选一"):
        materials.add(crew["leader"], filename="a.pdf", data=b"%PDF")
    assert materials.list() == []


def test_the_schema_refuses_an_oversized_blob_and_edits(desk, crew, course):  # type: ignore[no-untyped-def]
    m = desk.training.materials.add(
        crew["leader"], course_id=course.id, filename="a.pdf", data=b"%PDF-1.4"
    )
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.execute(
            "INSERT INTO training_materials (course_id, title, kind, filename, mime_type, size,"
            " sha256, data, added_at, added_by) VALUES (?, 't', 'video', 'v.mp4', 'video/mp4',"
            " ?, ?, zeroblob(?), '2026-11-25', ?)",
            [course.id, MAX_MATERIAL_BYTES + 1, "0" * 64, MAX_MATERIAL_BYTES + 1, crew["admin"].id],
        )
    with pytest.raises(sqlite3.IntegrityError, match="not edited"):
        desk.db.execute("UPDATE training_materials SET title = 'x' WHERE id = ?", [m.id])


def test_only_leaders_and_admins_add_or_remove_everyone_opens(desk, crew, course):  # type: ignore[no-untyped-def]
    materials = desk.training.materials
    with pytest.raises(PermissionDenied):
        materials.add(crew["officer"], course_id=course.id, filename="a.pdf", data=b"%PDF")
    m = materials.add(crew["admin"], course_id=course.id, filename="a.pdf", data=b"%PDF")
    assert materials.open(crew["auditor"], m.id).data == b"%PDF"
    with pytest.raises(PermissionDenied):
        materials.remove(crew["auditor"], m.id)
    materials.remove(crew["leader"], m.id)
    assert materials.list() == []
    actions = [r.action for r in reversed(audit.entries(desk.db, entity="training_materials"))]
    assert actions == ["material_add", "material_remove"]
    assert verify_database(desk.db).ok
    with pytest.raises(NotFound):
        materials.open(crew["officer"], m.id)


def test_a_step_material_needs_a_step_of_the_process(desk, crew, process):  # type: ignore[no-untyped-def]
    materials = desk.training.materials
    m = materials.add(crew["leader"], step_key="S1", filename="排班规则.docx", data=b"PK docx")
    assert m.step_key == "S1" and m.course_id is None and m.kind == "document"
    assert materials.by_step() == {"S1": [m]}
    with pytest.raises(ValidationError, match="没有编号为 Z9 的步骤") as error:
        materials.add(crew["leader"], step_key="Z9", filename="a.pdf", data=b"%PDF")
    assert error.value.field == "step_key"


def test_a_large_video_is_linked_by_path_and_checked_when_opened(  # type: ignore[no-untyped-def]
    desk, crew, course, tmp_path: Path
):
    video = tmp_path / "消防演练.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"v" * 4096)
    materials = desk.training.materials
    m = materials.link(crew["leader"], course_id=course.id, path=str(video), title="消防演练录像")
    assert m.linked and m.kind == "video" and m.size == video.stat().st_size
    assert desk.db.execute(
        "SELECT data IS NULL FROM training_materials WHERE id = ?", [m.id]
    ).fetchone() == (1,)
    assert materials.open(crew["officer"], m.id).path == video
    video.write_bytes(video.read_bytes()[:-1] + b"w")  # same size, other content
    with pytest.raises(Conflict, match="已被改动") as changed:
        materials.open(crew["officer"], m.id)
    assert "has changed since it was linked" in changed.value.localized("en")
    video.unlink()
    with pytest.raises(NotFound, match="不存在"):
        materials.open(crew["officer"], m.id)
    with pytest.raises(ValidationError, match="文件不存在"):
        materials.link(crew["leader"], course_id=course.id, path=str(video))
    with pytest.raises(ValidationError, match="绝对路径"):
        materials.link(crew["leader"], course_id=course.id, path="relative/v.mp4")


def test_verify_reports_a_changed_material(desk, crew, course):  # type: ignore[no-untyped-def]
    m = desk.training.materials.add(
        crew["leader"], course_id=course.id, filename="a.pdf", data=b"%PDF-1.4 original"
    )
    assert verify_database(desk.db).ok
    desk.db.execute("DROP TRIGGER training_materials_no_update")
    desk.db.execute(
        "UPDATE training_materials SET data = ?, sha256 = ? WHERE id = ?",
        [b"%PDF-1.4 forged!!", hashlib.sha256(b"%PDF-1.4 forged!!").hexdigest(), m.id],
    )
    report = verify_database(desk.db)
    assert any(p.table == "training_materials" and p.row == str(m.id) for p in report.problems)


def test_the_materials_command_lists_adds_gets_and_refuses(  # type: ignore[no-untyped-def]
    desk, crew, course, db_path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import io

    from dutydesk.cli.main import main

    def password() -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))

    desk.db.conn.commit()
    notes = tmp_path / "交接班要点.md"
    notes.write_text("# 交接班要点\n逐项核对。\n", encoding="utf-8")
    password()
    assert (
        main(
            [
                "materials",
                "add",
                str(db_path),
                str(notes),
                "--course",
                str(course.id),
                "--user",
                "2001",
            ]
        )
        == 0
    )
    assert "已登记培训资料" in capsys.readouterr().out
    assert main(["materials", "list", str(db_path)]) == 0
    listed = capsys.readouterr().out
    assert "交接班规范" in listed and "交接班要点.md" in listed
    assert hashlib.sha256(notes.read_bytes()).hexdigest() in listed
    from dutydesk.training.materials import MATERIAL_KINDS

    assert any(zh in listed for zh, _en in MATERIAL_KINDS.values())  # the kind, by name
    out = tmp_path / "copy.md"
    password()
    assert main(["materials", "get", str(db_path), "1", "--out", str(out), "--user", "1001"]) == 0
    assert out.read_bytes() == notes.read_bytes()
    password()
    assert (
        main(["materials", "add", str(db_path), str(notes), "--step", "Z9", "--user", "1001"]) == 2
    )  # an officer may not add
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err  # one line, not a traceback
