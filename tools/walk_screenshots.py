"""Screenshots of the whole-shift walk (tests/e2e/test_one_shift_in_the_window.py).

    python tools/walk_screenshots.py [OUT_DIR]      (default /tmp/dutydesk-walk)

Runs that test with DUTYDESK_WALK_SHOTS=OUT_DIR: one 1280×800 PNG per step (the main
window with any dialog drawn over it), the shift report PDF beside them, and the PDF's
pages as PNGs when pdftoppm is installed. Look at every picture before calling the walk
done; keep them out of the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/e2e/test_one_shift_in_the_window.py"


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "/tmp/dutydesk-walk").resolve()
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, DUTYDESK_WALK_SHOTS=str(out), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST]
    code = subprocess.call(command, cwd=ROOT, env=env)
    pdf = out / "shift-report.pdf"
    if pdf.exists() and shutil.which("pdftoppm"):
        subprocess.call(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "shift-report")])
    for path in sorted(out.glob("*")):
        print(path)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
