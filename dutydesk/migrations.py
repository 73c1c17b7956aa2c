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


def _locked_rows(table: str) -> str:
    """Triggers that freeze a row once its ``locked`` flag is set (signed records)."""
    return f"""
    CREATE TRIGGER {table}_locked_no_update BEFORE UPDATE ON {table} WHEN OLD.locked = 1
    BEGIN SELECT RAISE(ABORT, '{table} row is signed and locked'); END;
    CREATE TRIGGER {table}_locked_no_delete BEFORE DELETE ON {table} WHEN OLD.locked = 1
    BEGIN SELECT RAISE(ABORT, '{table} row is signed and locked'); END;
    """


@migrations(name="0005_feedback")
def m0005_feedback(db: Database) -> None:
    """Feedback, problems with 5-why, actions, improvement cycles and the meeting log.

    References to shifts, incidents, handovers and process steps are (kind, ref) text pairs
    without a foreign key, because those features land separately; a later migration can
    add the foreign keys once their tables exist.
    """
    db.executescript(
        """
        CREATE TABLE feedback_subcategories (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN ('process', 'technical', 'people')),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            rank INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            UNIQUE (category, name)
        );
        CREATE TABLE problems (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            category TEXT NOT NULL CHECK (category IN ('process', 'technical', 'people')),
            subcategory_id INTEGER REFERENCES feedback_subcategories(id),
            source TEXT NOT NULL CHECK (source IN ('feedback', 'incident', 'kpi_breach', 'review')),
            description TEXT NOT NULL DEFAULT '',
            whys TEXT NOT NULL DEFAULT '[]'
                CHECK (json_valid(whys) AND json_type(whys) = 'array'
                       AND json_array_length(whys) <= 5),
            root_cause TEXT NOT NULL DEFAULT '',
            priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
            owner_id INTEGER REFERENCES people(id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'analysing', 'acting', 'verifying', 'closed')),
            reopen_count INTEGER NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
            reopen_reason TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at),
            closed_at TEXT CHECK (closed_at IS NULL OR closed_at >= created_at),
            CHECK ((status = 'closed') = (closed_at IS NOT NULL))
        );
        CREATE INDEX problems_status ON problems(status);
        CREATE TABLE problem_links (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems(id),
            kind TEXT NOT NULL
                CHECK (kind IN ('incident', 'handover', 'shift', 'process_step', 'kpi')),
            ref TEXT NOT NULL CHECK (length(trim(ref)) > 0),
            occurred_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (problem_id, kind, ref)
        );
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN
                ('in_person', 'phone', 'survey', 'suggestion_box', 'meeting', 'system')),
            anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
            giver_id INTEGER REFERENCES people(id),
            giver_name TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER REFERENCES people(id),
            about_kind TEXT CHECK (about_kind IN ('shift', 'incident', 'handover', 'process_step')),
            about_ref TEXT,
            category TEXT CHECK (category IN ('process', 'technical', 'people')),
            subcategory_id INTEGER REFERENCES feedback_subcategories(id),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'classified', 'converted', 'rejected', 'replied')),
            problem_id INTEGER REFERENCES problems(id),
            reject_reason TEXT,
            reply TEXT,
            replied_at TEXT,
            updated_at TEXT NOT NULL,
            CHECK ((about_kind IS NULL) = (about_ref IS NULL)),
            CHECK (anonymous = 0 OR (giver_id IS NULL AND giver_name = ''
                                     AND recorded_by IS NULL)),
            CHECK (anonymous = 1 OR giver_id IS NOT NULL OR length(trim(giver_name)) > 0),
            CHECK (status = 'new' OR category IS NOT NULL),
            CHECK (status NOT IN ('converted') OR problem_id IS NOT NULL),
            CHECK (status <> 'rejected' OR length(trim(coalesce(reject_reason, ''))) > 0),
            CHECK (status <> 'replied' OR length(trim(coalesce(reply, ''))) > 0),
            CHECK (replied_at IS NULL OR replied_at >= received_at)
        );
        CREATE INDEX feedback_status ON feedback(status, received_at);
        CREATE INDEX feedback_problem ON feedback(problem_id);
        CREATE TABLE improvement_cycles (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('quarter', 'half_year')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            start_date TEXT NOT NULL CHECK (date(start_date) = start_date),
            end_date TEXT NOT NULL CHECK (date(end_date) = end_date),
            goals TEXT NOT NULL DEFAULT '[]'
                CHECK (json_valid(goals) AND json_type(goals) = 'array'),
            previous_id INTEGER REFERENCES improvement_cycles(id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'evaluated', 'approved')),
            kpi_snapshot TEXT CHECK (kpi_snapshot IS NULL OR json_valid(kpi_snapshot)),
            actions_snapshot TEXT
                CHECK (actions_snapshot IS NULL OR json_valid(actions_snapshot)),
            conclusions TEXT NOT NULL DEFAULT '',
            adjustments TEXT NOT NULL DEFAULT '',
            evaluated_by INTEGER REFERENCES people(id),
            evaluated_at TEXT,
            approved_by INTEGER REFERENCES people(id),
            approved_at TEXT,
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            CHECK (end_date > start_date),
            CHECK (previous_id IS NULL OR previous_id <> id),
            CHECK (status = 'open' OR (kpi_snapshot IS NOT NULL AND evaluated_at IS NOT NULL)),
            CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
            CHECK (locked = 0 OR status = 'approved')
        );
        CREATE TRIGGER improvement_cycles_no_overlap_insert
        BEFORE INSERT ON improvement_cycles
        WHEN EXISTS (SELECT 1 FROM improvement_cycles c WHERE c.kind = NEW.kind
                     AND c.start_date <= NEW.end_date AND NEW.start_date <= c.end_date)
        BEGIN SELECT RAISE(ABORT, 'improvement cycles of one kind must not overlap'); END;
        CREATE TRIGGER improvement_cycles_no_overlap_update
        BEFORE UPDATE OF start_date, end_date, kind ON improvement_cycles
        WHEN EXISTS (SELECT 1 FROM improvement_cycles c WHERE c.kind = NEW.kind
                     AND c.id <> NEW.id
                     AND c.start_date <= NEW.end_date AND NEW.start_date <= c.end_date)
        BEGIN SELECT RAISE(ABORT, 'improvement cycles of one kind must not overlap'); END;
        CREATE TABLE cycle_targets (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES improvement_cycles(id),
            kpi_key TEXT NOT NULL CHECK (length(trim(kpi_key)) > 0),
            label TEXT NOT NULL CHECK (length(trim(label)) > 0),
            target REAL NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
            unit TEXT NOT NULL DEFAULT '',
            UNIQUE (cycle_id, kpi_key)
        );
        CREATE TRIGGER cycle_targets_locked_insert BEFORE INSERT ON cycle_targets
        WHEN (SELECT locked FROM improvement_cycles WHERE id = NEW.cycle_id) = 1
        BEGIN SELECT RAISE(ABORT, 'the cycle is signed and locked'); END;
        CREATE TRIGGER cycle_targets_locked_update BEFORE UPDATE ON cycle_targets
        WHEN (SELECT locked FROM improvement_cycles WHERE id = OLD.cycle_id) = 1
        BEGIN SELECT RAISE(ABORT, 'the cycle is signed and locked'); END;
        CREATE TRIGGER cycle_targets_locked_delete BEFORE DELETE ON cycle_targets
        WHEN (SELECT locked FROM improvement_cycles WHERE id = OLD.cycle_id) = 1
        BEGIN SELECT RAISE(ABORT, 'the cycle is signed and locked'); END;
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly', 'ad_hoc')),
            held_on TEXT NOT NULL CHECK (date(held_on) = held_on),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            topics TEXT NOT NULL DEFAULT '[]'
                CHECK (json_valid(topics) AND json_type(topics) = 'array'),
            guests TEXT NOT NULL DEFAULT '',
            minutes TEXT NOT NULL DEFAULT '',
            cycle_id INTEGER REFERENCES improvement_cycles(id),
            recorded_by INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE meeting_attendees (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            UNIQUE (meeting_id, person_id)
        );
        CREATE TABLE meeting_decisions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            action_id INTEGER REFERENCES actions(id),
            UNIQUE (meeting_id, position)
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER REFERENCES problems(id),
            cycle_id INTEGER REFERENCES improvement_cycles(id),
            decision_id INTEGER REFERENCES meeting_decisions(id),
            kind TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive', 'improvement')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            description TEXT NOT NULL DEFAULT '',
            owner_id INTEGER NOT NULL REFERENCES people(id),
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            created_on TEXT NOT NULL CHECK (date(created_on) = created_on),
            due_on TEXT NOT NULL CHECK (date(due_on) = due_on),
            done_on TEXT CHECK (done_on IS NULL OR date(done_on) = done_on),
            evidence TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'done', 'effective', 'not_effective', 'cancelled')),
            verified_by INTEGER REFERENCES people(id),
            verified_at TEXT,
            verification_note TEXT NOT NULL DEFAULT '',
            carry_count INTEGER NOT NULL DEFAULT 0 CHECK (carry_count >= 0),
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at),
            CHECK (due_on >= created_on),
            CHECK (done_on IS NULL OR done_on >= created_on),
            CHECK (status IN ('open', 'cancelled') OR done_on IS NOT NULL),
            CHECK (status NOT IN ('done', 'effective', 'not_effective')
                   OR length(trim(evidence)) > 0),
            CHECK ((status IN ('effective', 'not_effective')) = (verified_by IS NOT NULL)),
            CHECK (verified_by IS NULL OR verified_by <> owner_id),
            CHECK (verified_at IS NULL OR verified_at >= created_at)
        );
        CREATE INDEX actions_status ON actions(status, due_on);
        CREATE INDEX actions_problem ON actions(problem_id);
        CREATE INDEX actions_cycle ON actions(cycle_id);
        """
        + _locked_rows("improvement_cycles")
    )
