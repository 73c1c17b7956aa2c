"""The .deb installs, runs and removes cleanly; the user's data stay.

Runs only where a package was built (``make test-package`` sets DUTYDESK_DEB) and as
root with dpkg, as CI does; it installs into the machine itself and removes it again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

DEB = os.environ.get("DUTYDESK_DEB", "")

pytestmark = pytest.mark.skipif(
    not DEB or not Path(DEB).is_file() or shutil.which("dpkg") is None or os.geteuid() != 0,
    reason="needs DUTYDESK_DEB (make test-package), dpkg and root",
)


def run(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), env=env, capture_output=True, text=True, check=check)


def package_files() -> list[str]:
    listing = subprocess.run(["dpkg", "-L", "dutydesk"], capture_output=True, text=True)
    return [line for line in listing.stdout.splitlines() if line.strip()]


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return env


def test_the_package_installs_runs_and_leaves_only_the_users_data(
    user_env: dict[str, str],
) -> None:
    installed = run("dpkg", "-i", DEB, env=user_env, check=False)
    assert installed.returncode == 0, installed.stderr
    try:
        files = package_files()
        assert "/opt/dutydesk/dutydesk" in files
        assert "/usr/bin/dutydesk" in files
        assert "/usr/share/applications/dutydesk.desktop" in files
        assert "/usr/share/icons/hicolor/48x48/apps/dutydesk.png" in files
        assert "/usr/share/icons/hicolor/scalable/apps/dutydesk.svg" in files
        assert "/usr/share/metainfo/dutydesk.metainfo.xml" in files
        desktop = Path("/usr/share/applications/dutydesk.desktop").read_text(encoding="utf-8")
        assert "Name[zh_CN]=值班台" in desktop and "Exec=dutydesk" in desktop

        version = run("dutydesk", "--version", env=user_env)
        assert version.stdout.strip().startswith("dutydesk ")

        data = Path(user_env["HOME"]) / ".local" / "share" / "DutyDesk"
        data.mkdir(parents=True)
        database = data / "dutydesk.db"
        demo = run("dutydesk", "demo", str(database), env=user_env)
        assert "admin" in demo.stdout
        verified = run("dutydesk", "verify", str(database), env=user_env, check=False)
        assert verified.returncode == 0, verified.stdout + verified.stderr

        # The window starts offscreen and is still running (waiting at sign-in) after 5 s.
        window = subprocess.run(
            ["timeout", "5", "dutydesk", "gui", "--db", str(database)],
            env=user_env,
            capture_output=True,
            text=True,
        )
        assert window.returncode == 124, window.stderr
        assert "Traceback" not in window.stderr
    finally:
        removed = run("dpkg", "--purge", "dutydesk", env=user_env, check=False)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/dutydesk").exists()
    assert not Path("/usr/bin/dutydesk").exists()
    assert not Path("/usr/share/applications/dutydesk.desktop").exists()
    assert package_files() == [] or "not installed" in " ".join(package_files())
    # Only the user's data remain, intact.
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM people").fetchone()[0] > 0
