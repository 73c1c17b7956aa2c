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


def _frozen_with_handover(table: str) -> str:
    """Triggers: rows of ``table`` change only while their handover is still a draft."""
    guard = "(SELECT status FROM handovers WHERE id = {ref}.handover_id) IS NOT 'draft'"
    message = f"{table}: the handover is signed or locked"
    return f"""
    CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table}
    WHEN {guard.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
    WHEN {guard.format(ref="OLD")} OR {guard.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}
    WHEN {guard.format(ref="OLD")}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    """


_HANDOVER_CONTENT_COLUMNS = (
    "shift_date",
    "outgoing_shift_code",
    "incoming_shift_code",
    "shift_boundary_at",
    "period_start_at",
    "outgoing_person_id",
    "incoming_person_id",
    "template_id",
    "started_at",
    "incident_summary_json",
    "process_version",
    "remarks",
    "resubmission_of",
    "submitted_at",
)


@migrations(name="0004_handover")
def m0004_handover(db: Database) -> None:
    """Handover checklists (versioned templates), handovers, open items, amendments."""
    content_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _HANDOVER_CONTENT_COLUMNS)
    db.executescript(
        """
        CREATE TABLE handover_templates (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            shift_code TEXT CHECK (shift_code IS NULL OR length(trim(shift_code)) > 0),
            version INTEGER NOT NULL CHECK (version >= 1),
            status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES people(id)
        );
        CREATE UNIQUE INDEX handover_templates_version
            ON handover_templates(coalesce(shift_code, ''), version);
        CREATE UNIQUE INDEX handover_templates_one_current
            ON handover_templates(coalesce(shift_code, '')) WHERE status = 'current';
        CREATE TRIGGER handover_templates_versioned BEFORE UPDATE ON handover_templates
        WHEN NOT (OLD.status = 'current' AND NEW.status = 'superseded'
                  AND NEW.name IS OLD.name AND NEW.shift_code IS OLD.shift_code
                  AND NEW.version = OLD.version AND NEW.created_at = OLD.created_at
                  AND NEW.created_by IS OLD.created_by AND NEW.id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'handover templates are versioned: save a new version'); END;
        CREATE TRIGGER handover_templates_no_delete BEFORE DELETE ON handover_templates
        BEGIN SELECT RAISE(ABORT, 'handover templates are never deleted'); END;

        CREATE TABLE handover_template_items (
            id INTEGER PRIMARY KEY,
            template_id INTEGER NOT NULL REFERENCES handover_templates(id),
            section TEXT NOT NULL CHECK (length(trim(section)) > 0),
            section_order INTEGER NOT NULL CHECK (section_order >= 1),
            item_order INTEGER NOT NULL CHECK (item_order >= 1),
            label TEXT NOT NULL CHECK (length(trim(label)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('check', 'text', 'number', 'choice')),
            mandatory INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
            unit TEXT NOT NULL DEFAULT '',
            normal_min REAL,
            normal_max REAL,
            choices TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices)),
            help TEXT NOT NULL DEFAULT '',
            CHECK (normal_min IS NULL OR normal_max IS NULL OR normal_min <= normal_max),
            CHECK (kind = 'number' OR (normal_min IS NULL AND normal_max IS NULL AND unit = '')),
            CHECK (kind <> 'choice' OR json_array_length(choices) >= 2),
            UNIQUE (template_id, section_order, item_order)
        );
        """
        + _append_only("handover_template_items")
        + """
        CREATE TABLE handovers (
            id INTEGER PRIMARY KEY,
            shift_date TEXT NOT NULL CHECK (date(shift_date) IS shift_date),
            outgoing_shift_code TEXT NOT NULL CHECK (length(trim(outgoing_shift_code)) > 0),
            incoming_shift_code TEXT NOT NULL CHECK (length(trim(incoming_shift_code)) > 0),
            shift_boundary_at TEXT NOT NULL,
            period_start_at TEXT NOT NULL CHECK (period_start_at <= shift_boundary_at),
            outgoing_person_id INTEGER NOT NULL REFERENCES people(id),
            incoming_person_id INTEGER NOT NULL REFERENCES people(id),
            template_id INTEGER NOT NULL REFERENCES handover_templates(id),
            started_at TEXT NOT NULL,
            started_by INTEGER REFERENCES people(id),
            incident_summary_json TEXT NOT NULL CHECK (json_valid(incident_summary_json)),
            process_version TEXT,
            remarks TEXT NOT NULL DEFAULT '',
            resubmission_of INTEGER UNIQUE REFERENCES handovers(id),
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'submitted', 'locked', 'rejected')),
            submitted_at TEXT,
            rejected_at TEXT,
            rejected_by INTEGER REFERENCES people(id),
            reject_reason TEXT,
            locked_at TEXT,
            duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
            on_time INTEGER CHECK (on_time IS NULL OR on_time IN (0, 1)),
            tolerance_minutes INTEGER,
            mandatory_total INTEGER,
            mandatory_filled INTEGER,
            items_total INTEGER,
            items_filled INTEGER,
            flagged_count INTEGER,
            signatures_present INTEGER,
            completeness REAL CHECK (completeness IS NULL OR completeness BETWEEN 0 AND 1),
            CHECK (outgoing_person_id <> incoming_person_id),
            CHECK (submitted_at IS NULL OR submitted_at >= started_at),
            CHECK ((status = 'draft') = (submitted_at IS NULL)),
            CHECK ((status = 'rejected') = (rejected_at IS NOT NULL)),
            CHECK (status <> 'rejected'
                   OR (rejected_by IS NOT NULL AND length(trim(reject_reason)) > 0
                       AND rejected_at >= submitted_at)),
            CHECK ((status = 'locked') = (locked_at IS NOT NULL)),
            CHECK (status <> 'locked' OR (locked_at >= submitted_at AND duration_seconds
                   IS NOT NULL AND on_time IS NOT NULL AND completeness IS NOT NULL))
        );
        CREATE INDEX handovers_date ON handovers(shift_date, outgoing_shift_code);
        CREATE INDEX handovers_status ON handovers(status);
        CREATE UNIQUE INDEX handovers_one_live_per_shift
            ON handovers(shift_date, outgoing_shift_code) WHERE status <> 'rejected';
        CREATE TRIGGER handovers_locked_no_update BEFORE UPDATE ON handovers
        WHEN OLD.status IN ('locked', 'rejected')
        BEGIN SELECT RAISE(ABORT, 'handover is locked: corrections are amendments'); END;
        CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
        WHEN OLD.status <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'handover is signed: it cannot be deleted'); END;
        CREATE TRIGGER handovers_submitted_frozen BEFORE UPDATE ON handovers
        WHEN OLD.status = 'submitted' AND (NEW.status NOT IN ('locked', 'rejected') OR """
        + content_changed
        + """)
        BEGIN SELECT RAISE(ABORT, 'handover is signed by the outgoing officer'); END;

        CREATE TABLE handover_values (
            id INTEGER PRIMARY KEY,
            handover_id INTEGER NOT NULL REFERENCES handovers(id),
            item_id INTEGER NOT NULL REFERENCES handover_template_items(id),
            value TEXT,
            flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT,
            updated_by INTEGER REFERENCES people(id),
            UNIQUE (handover_id, item_id)
        );

        CREATE TABLE open_items (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            detail TEXT NOT NULL DEFAULT '',
            incident_id INTEGER,
            created_at TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_in_handover_id INTEGER REFERENCES handovers(id),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            resolved_at TEXT,
            resolved_by INTEGER REFERENCES people(id),
            resolution TEXT,
            CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
            CHECK (status = 'open' OR (resolved_by IS NOT NULL
                   AND length(trim(resolution)) > 0 AND resolved_at >= created_at))
        );
        CREATE INDEX open_items_status ON open_items(status, created_at);
        CREATE TRIGGER open_items_resolved_final BEFORE UPDATE ON open_items
        WHEN OLD.status = 'resolved'
        BEGIN SELECT RAISE(ABORT, 'a resolved open item is final'); END;
        CREATE TRIGGER open_items_no_delete BEFORE DELETE ON open_items
        BEGIN SELECT RAISE(ABORT, 'open items are never deleted'); END;

        CREATE TABLE handover_open_items (
            id INTEGER PRIMARY KEY,
            handover_id INTEGER NOT NULL REFERENCES handovers(id),
            open_item_id INTEGER NOT NULL REFERENCES open_items(id),
            title TEXT NOT NULL,
            detail TEXT NOT NULL,
            incident_id INTEGER,
            created_at TEXT NOT NULL,
            created_by_name TEXT NOT NULL,
            age_minutes INTEGER NOT NULL CHECK (age_minutes >= 0),
            status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
            resolved_at TEXT,
            resolved_by_name TEXT,
            resolution TEXT,
            UNIQUE (handover_id, open_item_id)
        );

        CREATE TABLE handover_amendments (
            id INTEGER PRIMARY KEY,
            handover_id INTEGER NOT NULL REFERENCES handovers(id),
            author_id INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
            correction TEXT NOT NULL CHECK (length(trim(correction)) > 0),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
        );
        CREATE INDEX handover_amendments_handover ON handover_amendments(handover_id);
        CREATE TRIGGER handover_amendments_locked_only BEFORE INSERT ON handover_amendments
        WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) IS NOT 'locked'
        BEGIN SELECT RAISE(ABORT, 'amendments are made to locked handovers only'); END;
        """
        + _append_only("handover_amendments")
        + _frozen_with_handover("handover_values")
        + _frozen_with_handover("handover_open_items")
    )
