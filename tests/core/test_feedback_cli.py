"""`dutydesk feedback add/list` on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dutydesk.cli.main import main
from dutydesk.desk import Desk
from tests.conftest import PASSWORD


def test_feedback_can_be_added_and_listed_from_the_command_line(
    desk: Desk, crew, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    argv = ["feedback", "add", str(db_path), "--user", "1001", "--text", "告警音量太小"]
    assert main([*argv, "--anonymous"]) == 0
    assert "分批" in capsys.readouterr().out  # held back, entered later with others
    assert desk.feedback.list() == []
    desk.feedback.release_anonymous(force=True)
    entries = desk.feedback.list()
    assert [e.text for e in entries] == ["告警音量太小"] and entries[0].anonymous
    assert entries[0].giver_id is None
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["feedback", "add", str(db_path), "--user", "1001", "--text", "  "]) == 2
    assert "反馈内容不能为空" in capsys.readouterr().err
    assert main(["feedback", "list", str(db_path)]) == 0
    assert "告警音量太小" in capsys.readouterr().out
