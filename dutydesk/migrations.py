"""Schema history: numbered migrations, applied in order, never edited once released."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "dutydesk"
migrations = Migrations(MIGRATION_SET)


def _append_only(table: str) -> str:
    """Triggers that make a table append-only even against raw SQL."""
    return f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
    """


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def schema_version() -> int:
    """The number of migrations this build knows; written to PRAGMA user_version."""
    return len(known_migration_names())


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    """Settings, people, the hash-chained audit log, signatures and sign-in throttling."""
    db.executescript(
        """
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (length(key) > 0),
            value TEXT NOT NULL
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            employee_no TEXT NOT NULL UNIQUE CHECK (length(trim(employee_no)) > 0),
            phone TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            password_hash TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor_id INTEGER REFERENCES people(id),
            actor_label TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
            after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, seq);
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE TABLE signatures (
            id INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            person_id INTEGER NOT NULL REFERENCES people(id),
            on_behalf_of INTEGER REFERENCES people(id),
            meaning TEXT NOT NULL
                CHECK (meaning IN ('handover_out', 'handover_in', 'review', 'approve')),
            signed_at TEXT NOT NULL,
            content_hash TEXT NOT NULL CHECK (length(content_hash) = 64)
        );
        CREATE INDEX signatures_entity ON signatures(entity, entity_id);
        CREATE TABLE sign_in_failures (
            person_id INTEGER PRIMARY KEY REFERENCES people(id),
            failures INTEGER NOT NULL CHECK (failures >= 0),
            last_failure_at TEXT NOT NULL
        );
        """
        + _append_only("audit_log")
        + _append_only("signatures")
    )


# Feature migrations follow in number order: 0002_roster, 0003_incidents, 0004_handover,
# 0005_feedback, 0006_training, 0007_process, 0008_kpi. Append; never edit a released one.
