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


@migrations(name="0007_process")
def m0007_process(db: Database) -> None:
    """Process definition versions: one draft at a time; published versions are locked."""
    db.executescript(
        """
        CREATE TABLE process_versions (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL UNIQUE CHECK (number >= 1 AND number = id),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
            definition_json TEXT NOT NULL CHECK (json_valid(definition_json)),
            change_note TEXT NOT NULL DEFAULT '',
            based_on INTEGER REFERENCES process_versions(id),
            created_by INTEGER REFERENCES people(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at),
            published_at TEXT CHECK (published_at IS NULL OR published_at >= created_at),
            approved_by INTEGER REFERENCES people(id),
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            CHECK ((status = 'draft') = (locked = 0)),
            CHECK (status = 'draft' OR (published_at IS NOT NULL AND approved_by IS NOT NULL)),
            CHECK (status = 'published' OR (published_at IS NULL AND approved_by IS NULL))
        );
        CREATE UNIQUE INDEX process_versions_one_draft
            ON process_versions(status) WHERE status = 'draft';
        CREATE INDEX process_versions_published ON process_versions(published_at);
        CREATE TRIGGER process_versions_locked_update BEFORE UPDATE ON process_versions
            WHEN OLD.locked = 1
            BEGIN SELECT RAISE(ABORT, 'process version is published and locked'); END;
        CREATE TRIGGER process_versions_locked_delete BEFORE DELETE ON process_versions
            WHEN OLD.locked = 1
            BEGIN SELECT RAISE(ABORT, 'process version is published and locked'); END;
        CREATE TRIGGER process_versions_publish_needs_approval
            BEFORE UPDATE OF status ON process_versions
            WHEN NEW.status = 'published' AND NOT EXISTS (
                SELECT 1 FROM signatures s JOIN people p ON p.id = s.person_id
                WHERE s.entity = 'process_version' AND s.entity_id = CAST(NEW.id AS TEXT)
                AND s.meaning = 'approve' AND s.person_id = NEW.approved_by AND p.active = 1
                AND EXISTS (SELECT 1 FROM json_each(p.roles) WHERE value = 'admin'))
            BEGIN SELECT RAISE(ABORT, 'publishing needs an administrator''s approval signature');
            END;
        CREATE TRIGGER process_versions_born_draft BEFORE INSERT ON process_versions
            WHEN NEW.status <> 'draft'
            BEGIN SELECT RAISE(ABORT, 'a process version starts as a draft'); END;
        """
    )
