"""Schema history: numbered migrations, applied in order, never edited once released."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from dutydesk.clock import to_iso, utc_now
from dutydesk.store import audit

MIGRATION_SET = "dutydesk"
migrations = Migrations(MIGRATION_SET)


def run_script(db: Database, script: str) -> None:
    """Run a multi-statement script inside the migration's transaction.

    ``sqlite3.executescript`` would commit first; sqlite-utils' own splitter is slow on
    long scripts, so statements are split here with ``sqlite3.complete_statement``.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                db.conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement at the end of a script: {statement[:80]!r}")


def _append_only(table: str) -> str:
    """Triggers that make a table append-only even against raw SQL."""
    return f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
    """


def known_migration_names() -> list[str]:
    """Every migration this build knows, in order: all of them are pending on an empty file."""
    return [m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))]


def schema_version() -> int:
    """The number of migrations this build knows; written to PRAGMA user_version."""
    return len(known_migration_names())


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    """Settings, people, the hash-chained audit log, signatures and sign-in throttling."""
    run_script(
        db,
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
        + _append_only("signatures"),
    )


# Feature migrations follow in number order: 0002_roster, 0003_incidents, 0004_handover,
# 0005_feedback, 0006_training, 0007_process, 0008_kpi. Append; never edit a released one.


@migrations(name="0002_roster")
def m0002_roster(db: Database) -> None:
    """Roster: calendar, shift types, patterns, teams, qualifications, assignments, leave, swaps."""
    run_script(
        db,
        """
        CREATE TABLE calendar_years (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
            source TEXT NOT NULL CHECK (source IN ('official-library', 'admin')),
            note TEXT NOT NULL DEFAULT '',
            entered_at TEXT NOT NULL
        );
        CREATE TABLE calendar_days (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL CHECK (source IN ('official-library', 'admin', 'override')),
            UNIQUE (day, source)
        );
        CREATE INDEX calendar_days_day ON calendar_days(day);
        CREATE TABLE shift_types (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
            end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
            need_leader INTEGER NOT NULL DEFAULT 0 CHECK (need_leader BETWEEN 0 AND 20),
            need_officer INTEGER NOT NULL DEFAULT 1 CHECK (need_officer BETWEEN 0 AND 20),
            need_standby INTEGER NOT NULL DEFAULT 0 CHECK (need_standby BETWEEN 0 AND 20),
            is_night INTEGER NOT NULL DEFAULT 0 CHECK (is_night IN (0, 1)),
            on_rest_days INTEGER NOT NULL DEFAULT 1 CHECK (on_rest_days IN (0, 1)),
            colour TEXT NOT NULL DEFAULT '#9ecae1' CHECK (colour GLOB '#[0-9a-fA-F]*'),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            CHECK (need_leader + need_officer + need_standby > 0)
        );
        CREATE TABLE rotation_patterns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            cycle TEXT NOT NULL CHECK (json_valid(cycle) AND json_array_length(cycle) > 0),
            anchor_day TEXT NOT NULL,
            workdays_only INTEGER NOT NULL DEFAULT 0 CHECK (workdays_only IN (0, 1))
        );
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            pattern_id INTEGER REFERENCES rotation_patterns(id),
            min_rest_hours REAL NOT NULL DEFAULT 12 CHECK (min_rest_hours BETWEEN 0 AND 72),
            max_consecutive_nights INTEGER NOT NULL DEFAULT 2
                CHECK (max_consecutive_nights BETWEEN 1 AND 14),
            max_hours_week REAL NOT NULL DEFAULT 56 CHECK (max_hours_week BETWEEN 1 AND 168),
            max_hours_month REAL NOT NULL DEFAULT 208 CHECK (max_hours_month BETWEEN 1 AND 744),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );
        CREATE TABLE team_members (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            full_time INTEGER NOT NULL DEFAULT 1 CHECK (full_time IN (0, 1)),
            UNIQUE (team_id, person_id)
        );
        CREATE TABLE team_member_roles (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            duty_role TEXT NOT NULL CHECK (duty_role IN ('leader', 'officer', 'standby')),
            valid_until TEXT,
            UNIQUE (person_id, duty_role)
        );
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            shift_type_id INTEGER NOT NULL REFERENCES shift_types(id),
            duty_role TEXT NOT NULL CHECK (duty_role IN ('leader', 'officer', 'standby')),
            slot INTEGER NOT NULL CHECK (slot >= 0),
            person_id INTEGER NOT NULL REFERENCES people(id),
            source TEXT NOT NULL CHECK (source IN ('generated', 'manual', 'swap')),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            served_person_id INTEGER REFERENCES people(id),
            served_source TEXT CHECK (served_source IN ('manual', 'handover')),
            served_at TEXT,
            note TEXT NOT NULL DEFAULT '',
            CHECK (ends_at > starts_at),
            CHECK ((served_person_id IS NULL) = (served_source IS NULL)),
            UNIQUE (team_id, day, shift_type_id, duty_role, slot),
            UNIQUE (person_id, day, shift_type_id)
        );
        CREATE INDEX assignments_person ON assignments(person_id, starts_at);
        CREATE INDEX assignments_time ON assignments(starts_at, ends_at);
        CREATE INDEX assignments_day ON assignments(day);
        -- A started (locked) shift keeps its planned person and time; only "served" may change.
        CREATE TRIGGER assignments_locked_update BEFORE UPDATE OF
            team_id, day, shift_type_id, duty_role, slot, person_id, starts_at, ends_at
            ON assignments WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'assignment is locked: the shift has started'); END;
        CREATE TRIGGER assignments_locked_delete BEFORE DELETE ON assignments
            WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'assignment is locked: the shift has started'); END;
        CREATE TRIGGER assignments_no_unlock BEFORE UPDATE OF locked ON assignments
            WHEN OLD.locked = 1 AND NEW.locked = 0
        BEGIN SELECT RAISE(ABORT, 'assignment is locked: the shift has started'); END;
        CREATE TABLE leave_requests (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            kind TEXT NOT NULL
                CHECK (kind IN ('annual', 'sick', 'personal', 'compensatory', 'training')),
            start_day TEXT NOT NULL,
            end_day TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
            reason TEXT NOT NULL DEFAULT '',
            requested_by INTEGER NOT NULL REFERENCES people(id),
            requested_at TEXT NOT NULL,
            decided_by INTEGER REFERENCES people(id),
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT '',
            CHECK (end_day >= start_day),
            CHECK ((status IN ('pending', 'cancelled')) OR decided_by IS NOT NULL)
        );
        CREATE INDEX leave_person ON leave_requests(person_id, start_day);
        CREATE TABLE swap_requests (
            id INTEGER PRIMARY KEY,
            -- No FK to assignments: a gap left by leave deletes the row; the request keeps
            -- the id and its own copy of what was asked (day, shift) for the record.
            assignment_id INTEGER NOT NULL,
            counterpart_id INTEGER NOT NULL REFERENCES people(id),
            counterpart_assignment_id INTEGER,
            summary TEXT NOT NULL DEFAULT '',
            requested_by INTEGER NOT NULL REFERENCES people(id),
            on_behalf INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
            status TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested', 'accepted', 'approved', 'rejected', 'cancelled')),
            reason TEXT NOT NULL DEFAULT '',
            requested_at TEXT NOT NULL,
            accepted_at TEXT,
            decided_by INTEGER REFERENCES people(id),
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT '',
            CHECK (status NOT IN ('approved', 'rejected') OR decided_by IS NOT NULL),
            CHECK (status <> 'rejected' OR length(trim(decision_note)) > 0)
        );
        CREATE INDEX swap_status ON swap_requests(status);
        """,
    )


@migrations(name="0003_incidents")
def m0003_incidents(db: Database) -> None:
    """Incident log: reference data, incidents, timeline, attachments and the search index."""
    run_script(
        db,
        """
        CREATE TABLE incident_severities (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_en TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL CHECK (colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'
                || '[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
            respond_minutes INTEGER NOT NULL CHECK (respond_minutes > 0),
            resolve_minutes INTEGER NOT NULL CHECK (resolve_minutes >= respond_minutes),
            rank INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );
        CREATE TABLE incident_categories (
            id INTEGER PRIMARY KEY,
            parent_id INTEGER REFERENCES incident_categories(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_en TEXT NOT NULL DEFAULT '',
            rank INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            CHECK (parent_id IS NULL OR parent_id <> id)
        );
        CREATE UNIQUE INDEX incident_categories_name
            ON incident_categories(coalesce(parent_id, 0), name);
        CREATE TABLE incident_sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            name_en TEXT NOT NULL DEFAULT '',
            rank INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );
        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
            description TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            severity_id INTEGER NOT NULL REFERENCES incident_severities(id),
            category_id INTEGER NOT NULL REFERENCES incident_categories(id),
            source_id INTEGER REFERENCES incident_sources(id),
            status TEXT NOT NULL CHECK (status IN
                ('new', 'acknowledged', 'in_progress', 'escalated', 'resolved', 'closed')),
            reported_at TEXT NOT NULL,
            reported_by INTEGER NOT NULL REFERENCES people(id),
            shift_date TEXT CHECK (shift_date IS NULL OR shift_date GLOB
                '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            shift_code TEXT,
            acknowledged_at TEXT CHECK (acknowledged_at >= reported_at),
            acknowledged_by INTEGER REFERENCES people(id),
            started_at TEXT CHECK (started_at >= acknowledged_at),
            started_by INTEGER REFERENCES people(id),
            escalated_at TEXT CHECK (escalated_at >= acknowledged_at),
            escalated_by INTEGER REFERENCES people(id),
            escalated_to TEXT,
            escalation_reason TEXT,
            resolved_at TEXT CHECK (resolved_at >= acknowledged_at),
            resolved_by INTEGER REFERENCES people(id),
            resolution TEXT,
            closed_at TEXT CHECK (closed_at >= resolved_at),
            closed_by INTEGER REFERENCES people(id),
            response_minutes INTEGER CHECK (response_minutes >= 0),
            resolution_minutes INTEGER CHECK (resolution_minutes >= 0),
            respond_target_minutes INTEGER,
            resolve_target_minutes INTEGER,
            responded_on_time INTEGER CHECK (responded_on_time IN (0, 1)),
            resolved_on_time INTEGER CHECK (resolved_on_time IN (0, 1)),
            reopened_from INTEGER UNIQUE REFERENCES incidents(id),
            process_version TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at),
            CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
            CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)),
            CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
            CHECK (status = 'new' OR acknowledged_at IS NOT NULL),
            CHECK (status <> 'in_progress' OR started_at IS NOT NULL),
            CHECK (escalated_at IS NULL OR (length(trim(escalated_to)) > 0
                AND length(trim(escalation_reason)) > 0 AND escalated_by IS NOT NULL)),
            CHECK (status <> 'escalated' OR escalated_at IS NOT NULL),
            CHECK (status NOT IN ('resolved', 'closed') OR (resolved_at IS NOT NULL
                AND length(trim(resolution)) > 0)),
            CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
            CHECK (status <> 'closed' OR (response_minutes IS NOT NULL
                AND resolution_minutes IS NOT NULL AND responded_on_time IS NOT NULL
                AND resolved_on_time IS NOT NULL AND respond_target_minutes IS NOT NULL
                AND resolve_target_minutes IS NOT NULL)),
            CHECK (reopened_from IS NULL OR reopened_from <> id)
        );
        CREATE INDEX incidents_reported ON incidents(reported_at DESC, id DESC);
        CREATE INDEX incidents_status ON incidents(status, reported_at DESC);
        CREATE INDEX incidents_open ON incidents(severity_id, reported_at)
            WHERE status NOT IN ('resolved', 'closed');
        CREATE INDEX incidents_severity ON incidents(severity_id, reported_at DESC);
        CREATE INDEX incidents_category ON incidents(category_id, reported_at DESC);
        CREATE INDEX incidents_reporter ON incidents(reported_by, reported_at DESC);
        CREATE INDEX incidents_shift ON incidents(shift_date, shift_code);
        -- A closed incident is final: it is never edited again, only followed by a new one.
        CREATE TRIGGER incidents_closed_final BEFORE UPDATE ON incidents
            WHEN old.status = 'closed'
            BEGIN SELECT RAISE(ABORT, 'closed incidents cannot be changed'); END;
        CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
            BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;
        CREATE TABLE incident_events (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            at TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES people(id),
            kind TEXT NOT NULL CHECK (kind IN ('report', 'acknowledge', 'start', 'escalate',
                'resolve', 'close', 'note', 'attachment', 'reopened_as', 'reopen_of')),
            from_status TEXT,
            to_status TEXT,
            body TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX incident_events_incident ON incident_events(incident_id, at, id);
        CREATE TABLE incident_attachments (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incidents(id),
            filename TEXT NOT NULL CHECK (length(trim(filename)) > 0),
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            data BLOB NOT NULL CHECK (length(data) = size),
            added_at TEXT NOT NULL,
            added_by INTEGER NOT NULL REFERENCES people(id)
        );
        CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id);
        -- Derived search data (not audited; rebuildable from the tables above).
        -- terms: CJK runs as overlapping bigrams plus lower-cased Latin words/numbers;
        -- plain: the same texts joined, for the bounded one-character fallback.
        CREATE TABLE incident_search (
            id INTEGER PRIMARY KEY REFERENCES incidents(id),
            terms TEXT NOT NULL,
            plain TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE incident_fts USING fts5(
            terms, content='incident_search', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0'
        );
        """
        + _append_only("incident_events")
        + _append_only("incident_attachments"),
    )
    # Default reference data in Chinese, written through the audit helpers so that
    # verify() finds every row in the trail; administrators edit it afterwards.
    actor = audit.Actor.system("migration")
    at = to_iso(utc_now())
    severities = [
        ("I", "特别重大", "Critical", "#c0392b", 5, 60),
        ("II", "重大", "Major", "#e67e22", 15, 240),
        ("III", "较大", "Moderate", "#d4ac0d", 30, 480),
        ("IV", "一般", "Minor", "#2e86c1", 60, 1440),
    ]
    for rank, (code, name, name_en, colour, respond, resolve) in enumerate(severities):
        audit.insert(
            db,
            "incident_severities",
            {
                "code": code,
                "name": name,
                "name_en": name_en,
                "colour": colour,
                "respond_minutes": respond,
                "resolve_minutes": resolve,
                "rank": rank,
            },
            actor=actor,
            at=at,
        )
    tree = [
        (
            "设备",
            "Equipment",
            [
                ("空调", "Air conditioning"),
                ("UPS电源", "UPS"),
                ("门禁", "Access control"),
                ("监控设备", "CCTV"),
            ],
        ),
        (
            "网络",
            "Network",
            [
                ("外网中断", "Internet outage"),
                ("内网故障", "LAN fault"),
                ("专线中断", "Leased line outage"),
            ],
        ),
        ("电力", "Power", [("市电停电", "Mains failure"), ("发电机", "Generator")]),
        (
            "安全",
            "Safety & security",
            [("消防报警", "Fire alarm"), ("人员闯入", "Intrusion"), ("安全隐患", "Hazard")],
        ),
        (
            "系统",
            "Systems",
            [
                ("业务系统", "Business system"),
                ("告警平台", "Alarm platform"),
                ("电话系统", "Telephony"),
            ],
        ),
        ("其他", "Other", []),
    ]
    for rank, (name, name_en, children) in enumerate(tree):
        parent = audit.insert(
            db,
            "incident_categories",
            {"name": name, "name_en": name_en, "rank": rank},
            actor=actor,
            at=at,
        )
        for child_rank, (child, child_en) in enumerate(children):
            audit.insert(
                db,
                "incident_categories",
                {"parent_id": parent, "name": child, "name_en": child_en, "rank": child_rank},
                actor=actor,
                at=at,
            )
    sources = [
        ("电话", "Phone"),
        ("系统告警", "System alarm"),
        ("巡检", "Inspection round"),
        ("上级通知", "Notice from above"),
        ("群众来电", "Call from the public"),
        ("其他", "Other"),
    ]
    for rank, (name, name_en) in enumerate(sources):
        audit.insert(
            db,
            "incident_sources",
            {"name": name, "name_en": name_en, "rank": rank},
            actor=actor,
            at=at,
        )


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
    run_script(
        db,
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
        + _frozen_with_handover("handover_open_items"),
    )


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
    run_script(
        db,
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
        + _locked_rows("improvement_cycles"),
    )


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
    run_script(
        db,
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
        + _locked_by_parent("assessment_needs", "assessments", "assessment_id"),
    )


@migrations(name="0007_process")
def m0007_process(db: Database) -> None:
    """Process definition versions: one draft at a time; published versions are locked."""
    run_script(
        db,
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
        """,
    )


@migrations(name="0008_kpi")
def m0008_kpi(db: Database) -> None:
    """Site-wide KPI targets (improvement cycles keep their own in cycle_targets)."""
    run_script(
        db,
        """
        CREATE TABLE kpi_targets (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
            value REAL NOT NULL CHECK (value >= 0),
            set_by INTEGER NOT NULL REFERENCES people(id),
            set_at TEXT NOT NULL
        );
        -- "Open at period end" looks up unresolved and later-resolved incidents directly.
        CREATE INDEX incidents_resolved ON incidents(resolved_at);
        """,
    )


_HANDOVERS_LOCKED_NO_UPDATE = """
        CREATE TRIGGER handovers_locked_no_update BEFORE UPDATE ON handovers
        WHEN OLD.status IN ('locked', 'rejected')
        BEGIN SELECT RAISE(ABORT, 'handover is locked: corrections are amendments'); END;
"""
_TEMPLATES_VERSIONED = """
        CREATE TRIGGER handover_templates_versioned BEFORE UPDATE ON handover_templates
        WHEN NOT (OLD.status = 'current' AND NEW.status = 'superseded'
                  AND NEW.name IS OLD.name AND NEW.shift_code IS OLD.shift_code
                  AND NEW.shift_type_id IS OLD.shift_type_id
                  AND NEW.version = OLD.version AND NEW.created_at = OLD.created_at
                  AND NEW.created_by IS OLD.created_by AND NEW.id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'handover templates are versioned: save a new version'); END;
"""


def _rewrite_audited(
    db: Database, table: str, row_id: int, changes: dict[str, Any], before: dict[str, Any], at: str
) -> None:
    """Set ``changes`` on one row and chain the change into the audit trail."""
    if changes:
        marks = ", ".join(f'"{c}" = ?' for c in changes)
        db.execute(f'UPDATE "{table}" SET {marks} WHERE id = ?', [*changes.values(), row_id])
    after = audit.fetch_row(db, table, row_id)
    audit._append(
        db,
        actor=audit.Actor.system("migration"),
        at=at,
        action="migrate:0009_handover_roster",
        entity=table,
        entity_id=row_id,
        before=audit.snapshot(table, before),
        after=audit.snapshot(table, after),
    )


@migrations(name="0009_handover_roster")
def m0009_handover_roster(db: Database) -> None:
    """Handovers follow the roster.

    - Checklist templates bind to a shift type by id (``shift_type_id``); templates whose
      code names a shift type are bound to it, current ones that name no shift type are
      retired (superseded): they could never be used.
    - One live (not rejected) handover per handover time: a unique index on the boundary.
      Duplicates written before this rule are kept as they are (signed records never
      change) and only they are exempt: ``boundary_exempt`` holds their own id (0 for every
      other row), so the index, and with it the schema, is the same in every file.
    - ``early_late_minutes``: signed minutes between the incoming signature and the handover
      time (negative: early); ``on_time`` now means within the tolerance on either side.
      Locked handovers get both recomputed from their own stored times and tolerance.
    - ``handover_crew``: who takes over each role and slot of the incoming shift (stand-ins
      included), frozen with the handover once signed.
    Every changed row is chained into the audit trail as a migration entry.
    """
    at = to_iso(utc_now())
    # Images before the new columns exist, for the audit entries.
    old_templates = {r["id"]: r for r in db.query("SELECT * FROM handover_templates")}
    old_handovers = {
        r["id"]: r for r in db.query("SELECT * FROM handovers WHERE status = 'locked'")
    }
    exempt = {
        int(r[0])
        for r in db.execute(
            "SELECT h.id FROM handovers h WHERE h.status <> 'rejected' AND EXISTS ("
            " SELECT 1 FROM handovers o WHERE o.status <> 'rejected'"
            " AND o.shift_boundary_at = h.shift_boundary_at AND o.id < h.id)"
        ).fetchall()
    }
    run_script(
        db,
        """
        DROP TRIGGER handover_templates_versioned;
        DROP INDEX handover_templates_version;
        DROP INDEX handover_templates_one_current;
        ALTER TABLE handover_templates ADD COLUMN shift_type_id INTEGER
            REFERENCES shift_types(id);
        DROP TRIGGER handovers_locked_no_update;
        ALTER TABLE handovers ADD COLUMN early_late_minutes INTEGER;
        ALTER TABLE handovers ADD COLUMN boundary_exempt INTEGER NOT NULL DEFAULT 0;
        """,
    )
    codes = {r[1]: r[0] for r in db.execute("SELECT id, code FROM shift_types").fetchall()}
    for template_id, before in old_templates.items():
        code = before["shift_code"]
        changes: dict[str, Any] = {}
        if code is not None and code in codes:
            changes["shift_type_id"] = codes[code]
        elif code is not None and before["status"] == "current":
            changes["status"] = "superseded"
        _rewrite_audited(db, "handover_templates", template_id, changes, before, at)
    for handover_id, before in old_handovers.items():
        delta = (
            datetime.fromisoformat(before["locked_at"])
            - datetime.fromisoformat(before["shift_boundary_at"])
        ).total_seconds()
        tolerance = int(before["tolerance_minutes"] or 0) * 60
        _rewrite_audited(
            db,
            "handovers",
            handover_id,
            {
                "early_late_minutes": int(delta / 60),
                "on_time": int(-tolerance <= delta <= tolerance),
                **({"boundary_exempt": handover_id} if handover_id in exempt else {}),
            },
            before,
            at,
        )
    # Unlocked handovers gain the empty column in their audit image too.
    for row in list(db.query("SELECT * FROM handovers WHERE status <> 'locked'")):
        image = {k: v for k, v in row.items() if k not in ("early_late_minutes", "boundary_exempt")}
        changes = {"boundary_exempt": row["id"]} if row["id"] in exempt else {}
        _rewrite_audited(db, "handovers", row["id"], changes, image, at)
    one_live = """
        CREATE UNIQUE INDEX handovers_one_live_per_boundary
            ON handovers(shift_boundary_at, boundary_exempt) WHERE status <> 'rejected';"""
    run_script(
        db,
        _HANDOVERS_LOCKED_NO_UPDATE
        + _TEMPLATES_VERSIONED
        + one_live
        + """
        CREATE UNIQUE INDEX handover_templates_version
            ON handover_templates(coalesce(shift_type_id, 0), coalesce(shift_code, ''), version);
        CREATE UNIQUE INDEX handover_templates_one_current
            ON handover_templates(coalesce(shift_type_id, 0)) WHERE status = 'current';
        CREATE TRIGGER handover_templates_known_shift BEFORE INSERT ON handover_templates
        WHEN NEW.shift_code IS NOT NULL AND NEW.shift_type_id IS NULL
        BEGIN SELECT RAISE(ABORT, 'a shift template is bound to a shift type'); END;
        CREATE TABLE handover_crew (
            id INTEGER PRIMARY KEY,
            handover_id INTEGER NOT NULL REFERENCES handovers(id),
            duty_role TEXT NOT NULL CHECK (duty_role IN ('leader', 'officer', 'standby')),
            slot INTEGER NOT NULL CHECK (slot >= 0),
            -- No FK: leave may later turn an unstarted assignment into a gap.
            assignment_id INTEGER,
            planned_person_id INTEGER REFERENCES people(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            UNIQUE (handover_id, duty_role, slot),
            UNIQUE (handover_id, person_id)
        );
        """
        + _frozen_with_handover("handover_crew"),
    )


_OLD = re.compile(r"\bOLD\.", re.IGNORECASE)
_WHEN = re.compile(r"\bWHEN\b(.*?)\bBEGIN\b", re.IGNORECASE | re.DOTALL)
_IDENT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\b[A-Za-z_][A-Za-z0-9_]*\b")


def _qualify(expression: str, columns: set[str], alias: str) -> str:
    """``expression`` with every bare column name of the table prefixed by ``alias.``."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return f"{alias}.{word}" if word in columns else word

    return _IDENT.sub(swap, expression)


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _unique_keys(db: Database, table: str, columns: set[str]) -> list[tuple[list[str], str]]:
    """Each way two rows of ``table`` can collide: (key expressions, partial WHERE or '')."""
    keys: list[tuple[list[str], str]] = []
    primary = [row[1] for row in db.conn.execute(f"PRAGMA table_info('{table}')") if row[5]]
    if primary:
        keys.append((primary, ""))
    for index in db.conn.execute(f"PRAGMA index_list('{table}')").fetchall():
        if not index[2]:
            continue
        sql = db.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [index[1]]
        ).fetchone()[0]
        if sql is None:  # a UNIQUE column constraint: plain columns
            names = [r[2] for r in db.conn.execute(f"PRAGMA index_info('{index[1]}')")]
            keys.append((names, ""))
            continue
        head, *rest = re.split(r"\bWHERE\b", sql, maxsplit=1, flags=re.IGNORECASE)
        where = rest[0] if rest else ""
        inside = head[head.index("(") + 1 : head.rindex(")")]
        keys.append((_split_top_level(inside), where.strip()))
    return keys


def refuse_replace_triggers(db: Database, *, unguarded_only: bool = False) -> str:
    """Triggers that stop INSERT/UPDATE OR REPLACE from silently deleting a protected row.

    SQLite's REPLACE deletes the conflicting row without firing delete triggers (unless
    ``recursive_triggers`` is on, which a raw SQLite tool does not set). For every table
    with a refusing BEFORE DELETE trigger, a row is protected exactly when that trigger
    would refuse its deletion; an insert or update whose key (primary key or any unique
    index, partial ones with their condition) matches a protected row is refused. A plain
    insert or update that collides fails anyway, so nothing legitimate is lost.
    ``unguarded_only``: only for tables that have no such triggers yet (a later migration
    that adds protected tables).
    """
    guards: dict[str, list[str]] = {}
    existing = {
        r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for table, sql in db.conn.execute(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall():
        head = sql.split("BEGIN", 1)[0]
        if not re.search(r"\bBEFORE\s+DELETE\s+ON\b", head, re.IGNORECASE):
            continue
        if "RAISE" not in sql.upper():
            continue
        when = _WHEN.search(sql)
        condition = _OLD.sub("x.", when.group(1).strip()) if when else "1"
        guards.setdefault(table, []).append(f"({condition})")
    script = ""
    for table in sorted(guards):
        if unguarded_only and f"{table}_no_replace" in existing:
            continue
        columns = {row[1] for row in db.conn.execute(f"PRAGMA table_info('{table}')")}
        protected = " OR ".join(guards[table])
        for event, alias in (("INSERT", "no_replace"), ("UPDATE", "no_replace_update")):
            matches = []
            for key, where in _unique_keys(db, table, columns):
                terms = [
                    f"{_qualify(part, columns, 'x')} = {_qualify(part, columns, 'NEW')}"
                    for part in key
                ]
                if where:
                    terms += [
                        f"({_qualify(where, columns, 'x')})",
                        f"({_qualify(where, columns, 'NEW')})",
                    ]
                matches.append("(" + " AND ".join(terms) + ")")
            other = " AND x.rowid <> OLD.rowid" if event == "UPDATE" else ""
            script += f"""
        CREATE TRIGGER {table}_{alias} BEFORE {event} ON {table}
            WHEN EXISTS (SELECT 1 FROM {table} AS x WHERE ({" OR ".join(matches)}){other}
                AND ({protected}))
            BEGIN SELECT RAISE(ABORT, '{table}: a protected row cannot be replaced'); END;
        """
    return script


@migrations(name="0010_verify_hardening")
def m0010_verify_hardening(db: Database) -> None:
    """Refuse INSERT OR REPLACE / UPDATE OR REPLACE over locked records and audit rows."""
    run_script(db, refuse_replace_triggers(db))


@migrations(name="0011_hardening")
def m0011_hardening(db: Database) -> None:
    """Anonymous entries held back until released in a batch (see store/anonymous.py);
    who has answered an anonymous questionnaire, kept apart from the answers."""
    run_script(
        db,
        """
        -- WITHOUT ROWID, keyed by a random token: the storage order is random, not the
        -- order of submission; only the site-local day is kept.
        CREATE TABLE anonymous_inbox (
            token TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('feedback', 'questionnaire')),
            ref INTEGER,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            payload TEXT NOT NULL CHECK (json_valid(payload))
        ) WITHOUT ROWID;
        CREATE TABLE questionnaire_participants (
            id INTEGER PRIMARY KEY,
            questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            UNIQUE (questionnaire_id, person_id)
        );
        """,
    )


@migrations(name="0012_stages")
def m0012_stages(db: Database) -> None:
    """Assessment interviews with findings; needs classified 业务/技术/人员 with a source.

    The needs' new columns are NULL on rows written before this migration (audited rows
    whose trail has no such column; ``verify`` reads a missing column as NULL).
    """
    run_script(
        db,
        """
        CREATE TABLE assessment_interviews (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            held_on TEXT NOT NULL CHECK (length(held_on) = 10),
            interviewee_id INTEGER REFERENCES people(id),
            interviewee_name TEXT NOT NULL DEFAULT '',
            interviewee_role TEXT NOT NULL DEFAULT '',
            interviewer_id INTEGER NOT NULL REFERENCES people(id),
            questions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions)),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL CHECK (updated_at >= created_at),
            CHECK (interviewee_id IS NOT NULL OR length(trim(interviewee_name)) > 0)
        );
        CREATE INDEX assessment_interviews_assessment ON assessment_interviews(assessment_id);
        CREATE TABLE interview_findings (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES assessment_interviews(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            UNIQUE (interview_id, position)
        );
        CREATE TRIGGER interview_findings_locked_insert BEFORE INSERT ON interview_findings
        WHEN (SELECT a.locked FROM assessments a JOIN assessment_interviews i
              ON i.assessment_id = a.id WHERE i.id = NEW.interview_id) = 1
        BEGIN SELECT RAISE(ABORT, 'assessments is signed and locked'); END;
        CREATE TRIGGER interview_findings_locked_update BEFORE UPDATE ON interview_findings
        WHEN (SELECT a.locked FROM assessments a JOIN assessment_interviews i
              ON i.assessment_id = a.id WHERE i.id = OLD.interview_id) = 1
        BEGIN SELECT RAISE(ABORT, 'assessments is signed and locked'); END;
        CREATE TRIGGER interview_findings_locked_delete BEFORE DELETE ON interview_findings
        WHEN (SELECT a.locked FROM assessments a JOIN assessment_interviews i
              ON i.assessment_id = a.id WHERE i.id = OLD.interview_id) = 1
        BEGIN SELECT RAISE(ABORT, 'assessments is signed and locked'); END;
        ALTER TABLE assessment_needs ADD COLUMN category TEXT
            CHECK (category IS NULL OR category IN ('business', 'technical', 'people'));
        ALTER TABLE assessment_needs ADD COLUMN source_kind TEXT
            CHECK (source_kind IS NULL OR source_kind IN ('finding', 'figure', 'question'));
        ALTER TABLE assessment_needs ADD COLUMN source_ref TEXT
            CHECK ((source_kind IS NULL) = (source_ref IS NULL));

        CREATE TABLE plan_resources (
            id INTEGER PRIMARY KEY,
            task_id INTEGER REFERENCES plan_tasks(id),
            milestone_id INTEGER REFERENCES plan_milestones(id),
            kind TEXT NOT NULL CHECK (kind IN ('people', 'material', 'budget')),
            description TEXT NOT NULL CHECK (length(trim(description)) > 0),
            quantity REAL CHECK (quantity IS NULL OR quantity > 0),
            unit TEXT NOT NULL DEFAULT '',
            amount REAL CHECK (amount IS NULL OR amount >= 0),
            currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
            CHECK ((task_id IS NULL) <> (milestone_id IS NULL)),
            CHECK (kind <> 'budget' OR (amount IS NOT NULL AND currency IS NOT NULL)),
            CHECK (kind = 'budget' OR (amount IS NULL AND currency IS NULL))
        );
        CREATE INDEX plan_resources_task ON plan_resources(task_id);
        CREATE INDEX plan_resources_milestone ON plan_resources(milestone_id);
        -- An approved version of the plan: a frozen copy of its content, never changed.
        CREATE TABLE plan_versions (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
            content TEXT NOT NULL CHECK (json_valid(content)),
            note TEXT NOT NULL DEFAULT '',
            approved_by INTEGER NOT NULL REFERENCES people(id),
            approved_at TEXT NOT NULL
        );
        -- The communication plan (沟通计划): which meetings recur, how often, who attends,
        -- through which channel; the meeting dates are generated from it.
        CREATE TABLE communication_plan (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            meeting_kind TEXT NOT NULL CHECK (meeting_kind IN ('weekly', 'monthly')),
            weekday INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
            day_of_month INTEGER CHECK (day_of_month IS NULL OR day_of_month BETWEEN 1 AND 28),
            time_of_day TEXT NOT NULL CHECK (time_of_day GLOB '[0-2][0-9]:[0-5][0-9]'),
            channel TEXT NOT NULL CHECK (channel IN ('in_person', 'video', 'phone', 'group_chat')),
            attendee_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendee_ids)),
            starts_on TEXT NOT NULL,
            ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            CHECK ((meeting_kind = 'weekly') = (weekday IS NOT NULL)),
            CHECK ((meeting_kind = 'monthly') = (day_of_month IS NOT NULL))
        );
        """
        + _locked_by_parent("assessment_interviews", "assessments", "assessment_id")
        + _append_only("plan_versions"),
    )
    # The new protected tables get the same guard against INSERT/UPDATE OR REPLACE.
    run_script(db, refuse_replace_triggers(db, unguarded_only=True))


@migrations(name="0013_query_plans")
def m0013_query_plans(db: Database) -> None:
    """An index for the handover history (newest boundary first), and planner statistics.

    Without an index on shift_boundary_at the history sorted the whole table for every
    page. Without statistics SQLite took the handover KPIs' ``status = 'locked'`` for a
    selective equality and walked handovers_status (nearly every row is locked) instead of
    the shift-date range; ANALYZE of the handovers (about 1,100 rows a year) fixes that.
    Later growth is caught by ``PRAGMA optimize`` when a read-write connection closes.
    """
    run_script(
        db,
        """
        CREATE INDEX handovers_boundary ON handovers(shift_boundary_at);
        ANALYZE handovers;
        """,
    )


@migrations(name="0014_training_materials")
def m0014_training_materials(db: Database) -> None:
    """Training materials (培训资料): slides, videos and documents for a course or a step
    of the duty process, kept inside the database (sha256, type, size, at most 20 MB) or,
    for a large video, linked by path with the sha256 taken when linked."""
    run_script(
        db,
        """
        CREATE TABLE training_materials (
            id INTEGER PRIMARY KEY,
            course_id INTEGER REFERENCES training_courses(id),
            step_key TEXT CHECK (step_key IS NULL OR length(trim(step_key)) > 0),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('slides', 'video', 'document', 'image')),
            filename TEXT NOT NULL CHECK (length(trim(filename)) > 0),
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size > 0),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            data BLOB CHECK (data IS NULL OR (length(data) = size AND size <= 20971520)),
            linked_path TEXT CHECK (linked_path IS NULL OR length(trim(linked_path)) > 0),
            added_at TEXT NOT NULL,
            added_by INTEGER NOT NULL REFERENCES people(id),
            CHECK ((course_id IS NULL) <> (step_key IS NULL)),
            CHECK ((data IS NULL) <> (linked_path IS NULL))
        );
        CREATE INDEX training_materials_course ON training_materials(course_id);
        CREATE INDEX training_materials_step ON training_materials(step_key);
        -- A material is added or removed, never edited in place.
        CREATE TRIGGER training_materials_no_update BEFORE UPDATE ON training_materials
        BEGIN SELECT RAISE(ABORT, 'training_materials rows are added or removed, not edited');
        END;
        """,
    )
