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


def _locked_by_parent(table: str, parent: str, key: str) -> str:
    """Triggers that freeze child rows once their parent record is signed (locked)."""
    return f"""
    CREATE TRIGGER {table}_locked_insert BEFORE INSERT ON {table}
    WHEN (SELECT locked FROM {parent} WHERE id = NEW.{key}) = 1
    BEGIN SELECT RAISE(ABORT, '{parent} is signed and locked'); END;
    CREATE TRIGGER {table}_locked_update BEFORE UPDATE ON {table}
    WHEN (SELECT locked FROM {parent} WHERE id = OLD.{key}) = 1
    BEGIN SELECT RAISE(ABORT, '{parent} is signed and locked'); END;
    CREATE TRIGGER {table}_locked_delete BEFORE DELETE ON {table}
    WHEN (SELECT locked FROM {parent} WHERE id = OLD.{key}) = 1
    BEGIN SELECT RAISE(ABORT, '{parent} is signed and locked'); END;
    """


@migrations(name="0006_training")
def m0006_training(db: Database) -> None:
    """Questionnaires, needs assessments, training, tests, qualifications and the plan."""
    db.executescript(
        """
        CREATE TABLE questionnaires (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            purpose TEXT NOT NULL
                CHECK (purpose IN ('assessment', 'training_eval', 'satisfaction', 'free')),
            description TEXT NOT NULL DEFAULT '',
            anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE TABLE questionnaire_questions (
            id INTEGER PRIMARY KEY,
            questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            options TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options)),
            required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
            UNIQUE (questionnaire_id, position),
            CHECK ((kind IN ('single', 'multiple')) = (json_array_length(options) >= 2))
        );
        CREATE TABLE questionnaire_responses (
            id INTEGER PRIMARY KEY,
            questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
            person_id INTEGER REFERENCES people(id),
            submitted_on TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'excel')),
            UNIQUE (questionnaire_id, person_id)
        );
        CREATE TRIGGER questionnaire_responses_anonymous BEFORE INSERT
        ON questionnaire_responses
        WHEN NEW.person_id IS NOT NULL
            AND (SELECT anonymous FROM questionnaires WHERE id = NEW.questionnaire_id) = 1
        BEGIN SELECT RAISE(ABORT, 'anonymous questionnaire: no person link'); END;
        CREATE TRIGGER questionnaire_responses_open BEFORE INSERT ON questionnaire_responses
        WHEN (SELECT status FROM questionnaires WHERE id = NEW.questionnaire_id) != 'open'
        BEGIN SELECT RAISE(ABORT, 'questionnaire is not open'); END;
        CREATE TABLE questionnaire_answers (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL REFERENCES questionnaire_responses(id),
            question_id INTEGER NOT NULL REFERENCES questionnaire_questions(id),
            choices TEXT CHECK (choices IS NULL OR json_valid(choices)),
            scale INTEGER CHECK (scale IS NULL OR scale BETWEEN 1 AND 5),
            text TEXT,
            UNIQUE (response_id, question_id)
        );
        CREATE INDEX questionnaire_answers_question ON questionnaire_answers(question_id);

        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            questionnaire_id INTEGER REFERENCES questionnaires(id),
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL CHECK (period_end >= period_start),
            summary TEXT NOT NULL DEFAULT '',
            author_id INTEGER NOT NULL REFERENCES people(id),
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE TRIGGER assessments_locked_update BEFORE UPDATE ON assessments
        WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'assessments is signed and locked'); END;
        CREATE TRIGGER assessments_locked_delete BEFORE DELETE ON assessments
        WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'assessments is signed and locked'); END;
        CREATE TABLE assessment_needs (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            need TEXT NOT NULL CHECK (length(trim(need)) > 0),
            priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
            action TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE training_courses (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL UNIQUE CHECK (length(trim(title)) > 0),
            content TEXT NOT NULL DEFAULT '',
            process_steps TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(process_steps)),
            duty_roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(duty_roles)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE TABLE training_sessions (
            id INTEGER PRIMARY KEY,
            course_id INTEGER NOT NULL REFERENCES training_courses(id),
            kind TEXT NOT NULL CHECK (kind IN ('lecture', 'drill', 'simulation', 'practice')),
            held_on TEXT NOT NULL CHECK (date(held_on) = held_on),
            trainer_id INTEGER NOT NULL REFERENCES people(id),
            location TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE TABLE training_attendance (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES training_sessions(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            status TEXT NOT NULL DEFAULT 'invited'
                CHECK (status IN ('invited', 'present', 'absent', 'excused')),
            UNIQUE (session_id, person_id)
        );
        CREATE TABLE training_tests (
            id INTEGER PRIMARY KEY,
            course_id INTEGER NOT NULL REFERENCES training_courses(id),
            session_id INTEGER REFERENCES training_sessions(id),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            max_score INTEGER NOT NULL CHECK (max_score > 0),
            pass_mark INTEGER NOT NULL CHECK (pass_mark BETWEEN 0 AND max_score),
            created_at TEXT NOT NULL
        );
        CREATE TABLE training_test_questions (
            id INTEGER PRIMARY KEY,
            test_id INTEGER NOT NULL REFERENCES training_tests(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            options TEXT NOT NULL CHECK (json_valid(options) AND json_array_length(options) >= 2),
            correct TEXT NOT NULL CHECK (json_valid(correct) AND json_array_length(correct) >= 1),
            points INTEGER NOT NULL CHECK (points > 0),
            UNIQUE (test_id, position)
        );
        CREATE TABLE training_test_attempts (
            id INTEGER PRIMARY KEY,
            test_id INTEGER NOT NULL REFERENCES training_tests(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            attempt INTEGER NOT NULL CHECK (attempt >= 1),
            taken_at TEXT NOT NULL,
            answers TEXT NOT NULL CHECK (json_valid(answers)),
            score INTEGER NOT NULL CHECK (score >= 0),
            max_score INTEGER NOT NULL CHECK (score <= max_score),
            passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
            UNIQUE (test_id, person_id, attempt)
        );
        CREATE TABLE qualifications (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            duty_role TEXT NOT NULL CHECK (duty_role IN ('leader', 'officer', 'standby')),
            shift_code TEXT NOT NULL DEFAULT '',
            gained_on TEXT NOT NULL CHECK (date(gained_on) = gained_on),
            expires_on TEXT CHECK (expires_on IS NULL OR
                (date(expires_on) = expires_on AND expires_on > gained_on)),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (person_id, duty_role, shift_code)
        );

        CREATE TABLE plan_milestones (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            due_on TEXT NOT NULL CHECK (date(due_on) = due_on),
            description TEXT NOT NULL DEFAULT '',
            done_on TEXT CHECK (done_on IS NULL OR date(done_on) = done_on)
        );
        CREATE TABLE plan_tasks (
            id INTEGER PRIMARY KEY,
            milestone_id INTEGER REFERENCES plan_milestones(id),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            owner_id INTEGER REFERENCES people(id),
            start_on TEXT NOT NULL CHECK (date(start_on) = start_on),
            due_on TEXT NOT NULL CHECK (date(due_on) = due_on AND due_on >= start_on),
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'blocked', 'done', 'cancelled')),
            resources TEXT NOT NULL DEFAULT '',
            done_on TEXT CHECK (done_on IS NULL OR date(done_on) = done_on),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE plan_risks (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
            impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
            mitigation TEXT NOT NULL DEFAULT '',
            owner_id INTEGER REFERENCES people(id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'mitigating', 'closed')),
            updated_at TEXT NOT NULL
        );
        """
        + _locked_by_parent("assessment_needs", "assessments", "assessment_id")
    )
