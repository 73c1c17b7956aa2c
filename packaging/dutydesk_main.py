"""Entry point of the frozen (PyInstaller) build: the same ``dutydesk`` command."""

from __future__ import annotations

import sys

from dutydesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
