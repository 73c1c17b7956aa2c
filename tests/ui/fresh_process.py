"""Run a short script in a fresh interpreter (no other test's imports count) and read
back the lines it prints as ``KEY value value …``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def printed_by_fresh_process(
    script: str, *args: str, env: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """{KEY: [values]} of each line the script prints; Qt offscreen, ``env`` added."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=120,
        check=True,
    )
    return {line.split(" ", 1)[0]: line.split()[1:] for line in done.stdout.splitlines()}
