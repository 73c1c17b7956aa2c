"""Command line: the handover sheet is in tests/reports; here the checklist templates."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dutydesk.cli.main import main
from dutydesk.desk import Desk
from dutydesk.people.auth import Person
from tests.conftest import PASSWORD


def test_an_admin_exports_edits_and_imports_a_template_as_a_new_version(
    desk: Desk,
    crew: dict[str, Person],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "site.json"
    assert main(["handover", "template-export", str(db_path), "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["name"] == "值班室交接班检查表（通用）" and data["shift_code"] is None
    data["sections"][0]["items"].append({"label": "交接录音已存档", "kind": "check"})
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["handover", "template-import", str(db_path), str(out), "--admin", "admin"]) == 0
    assert "第 2 版" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["handover", "template-import", str(db_path), str(out), "--admin", "2001"]) == 2
    assert "无权" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "sections": [{"title": "a", "items": [{"label": "b"}]}]}')
    assert main(["handover", "template-import", str(db_path), str(bad), "--admin", "admin"]) == 2
    assert "模板文件格式不对" in capsys.readouterr().err
    assert main(["handover", "templates", str(db_path), "--all"]) == 0
    listing = capsys.readouterr().out
    # The night template binds to the roster's night shift types; this site has none yet.
    assert "v2" in listing and "v1" in listing and "夜班交接班检查表" not in listing
    current = desk.handover.templates.current(None)
    assert current is not None and current.version == 2
    assert current.sections[0][1][-1].label == "交接录音已存档"
