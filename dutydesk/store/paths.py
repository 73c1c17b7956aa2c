"""Where DutyDesk keeps its files; nothing is computed at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "DutyDesk"
DATA_DIR_ENV = "DUTYDESK_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @classmethod
    def from_platformdirs(cls) -> AppPaths:
        override = os.environ.get(DATA_DIR_ENV)
        if override:
            return cls.in_dir(Path(override))
        import platformdirs  # only where the default folder is wanted (not at start-up)

        return cls.in_dir(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @classmethod
    def in_dir(cls, path: Path) -> AppPaths:
        return cls(data_dir=Path(path))

    @property
    def default_database(self) -> Path:
        return self.data_dir / "dutydesk.db"


def backups_dir_for(database: Path) -> Path:
    """Rotating backups live beside the database, so they move with it."""
    return database.parent / "backups"


def resources_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources"
