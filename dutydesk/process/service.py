"""The duty process definition: versions, the one draft, approval and the version in force.

A version row holds the whole definition as a JSON document (see ``process_model``).
Editing changes the single draft; publishing needs an administrator's approval signature
(meaning "approve", password re-entered), which locks the version for good (triggers
reject UPDATE and DELETE of a published row). Version numbers equal row ids, so the
``process_version`` column of a handover or incident holds either.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from dutydesk.clock import parse_iso, to_iso
from dutydesk.errors import Conflict, Locked, NotFound, ValidationError
from dutydesk.kpi.definitions import DEFINITIONS as KPI_DEFINITIONS
from dutydesk.kpi.definitions import KpiDefinition
from dutydesk.people import auth
from dutydesk.people.auth import ADMIN, AUDITOR, LEADER, OFFICER, Person
from dutydesk.people.context import PeopleContext
from dutydesk.process.model import (
    END,
    PROCESS_ROLES,
    DefinitionProblem,
    Edge,
    ProcessDefinition,
    ProcessDiff,
    ProcessInvalid,
    Stage,
    Step,
    check,
    diff,
    parse_definition,
    parse_json,
    parse_unchecked,
    role_label,
    steps_for_role,
    to_data,
    validate,
)
from dutydesk.store import audit, signing
from dutydesk.store.context import AreaService
from dutydesk.store.paths import resources_dir
from dutydesk.store.rows import from_row

if TYPE_CHECKING:
    pass

__all__ = [
    "END",
    "PROCESS_ROLES",
    "DefinitionProblem",
    "Edge",
    "KpiDefinition",
    "ProcessDefinition",
    "ProcessDiff",
    "ProcessInvalid",
    "ProcessService",
    "ProcessVersion",
    "Stage",
    "Step",
    "check",
    "default_definition",
    "diff",
    "kpi_definitions",
    "parse_definition",
    "parse_json",
    "role_label",
    "steps_for_role",
    "validate",
    "version_in_force",
]

TABLE = "process_versions"
ENTITY = "process_version"
DRAFT, PUBLISHED = "draft", "published"

audit.register_table(audit.AuditedTable(TABLE))
auth.register_permissions(
    {
        "process.read": frozenset({OFFICER, LEADER, ADMIN, AUDITOR}),
        "process.edit": frozenset({LEADER, ADMIN}),
        "process.publish": frozenset({ADMIN}),
    }
)


def _signed_content(db: Database, version_id: int) -> dict[str, Any]:
    """What an approval signs: the version's number, title, note and full definition."""
    row = audit.fetch_row(db, TABLE, version_id)
    if row is None:
        raise LookupError(f"{TABLE} {version_id} does not exist")
    return {
        "number": row["number"],
        "title": row["title"],
        "change_note": row["change_note"],
        "based_on": row["based_on"],
        "definition": json.loads(row["definition_json"]),
    }


signing.register_signable(ENTITY, _signed_content)


@dataclass(frozen=True)
class ProcessVersion:
    """One version; ``approval`` is the approval signature of a published version."""

    id: int
    number: int
    title: str
    status: str
    change_note: str
    based_on: int | None
    created_by: int | None
    created_at: str
    updated_at: str
    published_at: str | None
    approved_by: int | None
    definition: ProcessDefinition
    approval: signing.Signature | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


def kpi_definitions() -> list[KpiDefinition]:
    """The KPI definitions the manual prints: the KPI engine's one list."""
    return list(KPI_DEFINITIONS)


def default_definition() -> ProcessDefinition:
    """The shipped Chinese definition (值班安排, 交接班, 问题处理, 报告生成)."""
    path = resources_dir() / "process" / "default_process.json"
    return parse_json(path.read_text(encoding="utf-8"))


def version_in_force(db: Database, at: datetime | str) -> int | None:
    """The number (= id) of the published version in force at ``at``, or None."""
    moment = to_iso(at if isinstance(at, datetime) else parse_iso(at))
    found = db.execute(
        "SELECT id FROM process_versions WHERE status = 'published' AND published_at <= ?"
        " ORDER BY published_at DESC, id DESC LIMIT 1",
        [moment],
    ).fetchone()
    return int(found[0]) if found else None


class ProcessService(AreaService[PeopleContext]):
    """``desk.process``: read versions, edit the draft, publish with approval."""

    # ------------------------------------------------------------ reading

    def _version(self, row: dict[str, Any]) -> ProcessVersion:
        definition = _parse_stored(row["definition_json"])
        approval = None
        if row["status"] == PUBLISHED:
            approvals = [
                s
                for s in signing.signatures_for(self._db, ENTITY, row["id"])
                if s.meaning == "approve"
            ]
            approval = approvals[-1] if approvals else None
        return from_row(ProcessVersion, row, definition=definition, approval=approval)

    def versions(self) -> list[ProcessVersion]:
        """Every version, newest first (the draft, if any, comes first)."""
        rows = self._db.query("SELECT * FROM process_versions ORDER BY number DESC")
        return [self._version(row) for row in rows]

    def get(self, number: int) -> ProcessVersion:
        row = audit.fetch_row(self._db, TABLE, number)
        if row is None:
            raise NotFound(
                f"流程版本 {number} 不存在", en=f"Process version {number} does not exist"
            )
        return self._version(row)

    def draft(self) -> ProcessVersion | None:
        found = list(self._db.query("SELECT * FROM process_versions WHERE status = 'draft'"))
        return self._version(found[0]) if found else None

    def latest_published(self) -> ProcessVersion | None:
        found = list(
            self._db.query(
                "SELECT * FROM process_versions WHERE status = 'published'"
                " ORDER BY published_at DESC, id DESC LIMIT 1"
            )
        )
        return self._version(found[0]) if found else None

    def version_in_force(self, at: datetime | str | None = None) -> int | None:
        """The version handovers and incidents record (None before the first publication)."""
        return version_in_force(self._db, at or self._desk.now_iso())

    def version_text_in_force(self, at: datetime | str | None = None) -> str | None:
        """The same as text, for the ``process_version TEXT`` columns of handovers/incidents."""
        number = self.version_in_force(at)
        return None if number is None else str(number)

    def approval_hash(self, number: int) -> str | None:
        """The content hash of a published version's approval, as verify recomputes it."""
        version = self.get(number)
        return version.approval.content_hash if version.approval else None

    def diff(self, old: int, new: int) -> ProcessDiff:
        return diff(self.get(old).definition, self.get(new).definition)

    # ------------------------------------------------------------ editing

    def start_draft(self, actor: Person, *, based_on: int | None = None) -> ProcessVersion:
        """Open the draft as a copy of ``based_on`` (default: the latest published)."""
        actor = auth.require(actor, "process.edit", self._db)
        if self.draft() is not None:
            raise Conflict("已有一个草稿版本，请先发布或放弃它", en="A draft already exists")
        if based_on is None:
            latest = self.latest_published()
            if latest is None:
                raise NotFound(
                    "还没有已发布的流程版本，请先载入默认流程",
                    en="No published version yet; load the default process first",
                )
            source = latest
        else:
            source = self.get(based_on)
        return self._new_draft(actor, source.definition, based_on=source.id, note="")

    def load_definition(
        self, actor: Person, definition: ProcessDefinition, *, change_note: str = ""
    ) -> ProcessVersion:
        """Put a whole definition into the draft (creating the draft if there is none)."""
        actor = auth.require(actor, "process.edit", self._db)
        validate(definition)
        current = self.draft()
        if current is None:
            latest = self.latest_published()
            return self._new_draft(
                actor,
                definition,
                based_on=latest.id if latest else None,
                note=change_note,
            )
        return self.save_draft(actor, definition, change_note=change_note)

    def load_default(self, actor: Person) -> ProcessVersion:
        """Put the shipped default definition into the draft; publish it to make it valid."""
        return self.load_definition(actor, default_definition(), change_note="载入默认流程定义")

    def _new_draft(
        self, actor: Person, definition: ProcessDefinition, *, based_on: int | None, note: str
    ) -> ProcessVersion:
        validate(definition)
        now = self._desk.now_iso()
        with self._db.atomic():
            found = self._db.execute("SELECT max(number) FROM process_versions").fetchone()
            number = int(found[0] or 0) + 1
            self._insert(
                TABLE,
                {
                    "id": number,
                    "number": number,
                    "title": definition.title,
                    "status": DRAFT,
                    "definition_json": _dump(definition),
                    "change_note": note.strip(),
                    "based_on": based_on,
                    "created_by": actor.id,
                    "created_at": now,
                    "updated_at": now,
                },
                by=actor,
                at=now,
                action="process_draft",
            )
        return self.get(number)

    def _require_draft(self) -> ProcessVersion:
        current = self.draft()
        if current is None:
            raise NotFound("没有草稿版本，请先新建草稿", en="There is no draft; start one first")
        return current

    def save_draft(
        self,
        actor: Person,
        definition: ProcessDefinition,
        *,
        change_note: str | None = None,
    ) -> ProcessVersion:
        """Replace the draft's definition after full validation; nothing is saved if invalid."""
        actor = auth.require(actor, "process.edit", self._db)
        current = self._require_draft()
        validate(definition)
        now = self._desk.now_iso()
        changes: dict[str, Any] = {
            "title": definition.title,
            "definition_json": _dump(definition),
            "updated_at": max(now, current.created_at),
        }
        if change_note is not None:
            changes["change_note"] = change_note.strip()
        self._update(TABLE, current.id, changes, by=actor, at=now, action="process_edit")
        return self.get(current.id)

    def discard_draft(self, actor: Person) -> None:
        actor = auth.require(actor, "process.edit", self._db)
        current = self._require_draft()
        audit.delete(
            self._db,
            TABLE,
            current.id,
            actor=actor.actor,
            at=self._desk.now_iso(),
            action="process_discard",
        )

    def publish(
        self, approver: Person, *, password: str, change_note: str | None = None
    ) -> ProcessVersion:
        """Approve and publish the draft: admin signature ("approve"), then lock it."""
        approver = auth.require(approver, "process.publish", self._db)
        current = self._require_draft()
        validate(current.definition)
        note = current.change_note if change_note is None else change_note.strip()
        if not note:
            raise ValidationError(
                "change_note",
                "发布前请填写修订说明",
                en="Describe the changes before publishing",
            )
        # Checked first on its own so that a wrong password is counted (and throttled)
        # even though the publishing transaction below rolls back.
        self._desk.people.check_password(approver, password)
        now = self._desk.now_iso()
        with self._db.atomic():
            if note != current.change_note:
                self._update(
                    TABLE,
                    current.id,
                    {"change_note": note, "updated_at": max(now, current.created_at)},
                    by=approver,
                    at=now,
                    action="process_edit",
                )
            signing.sign(
                self._desk,
                signer=approver,
                password=password,
                entity=ENTITY,
                entity_id=current.id,
                meaning="approve",
            )
            self._update(
                TABLE,
                current.id,
                {
                    "status": PUBLISHED,
                    "published_at": now,
                    "approved_by": approver.id,
                    "locked": 1,
                    "updated_at": max(now, current.created_at),
                },
                by=approver,
                at=now,
                action="process_publish",
            )
        return self.get(current.id)

    def install_default(self, admin: Person, *, password: str) -> ProcessVersion:
        """First set-up: load the default definition and publish it as version 1."""
        if self.versions():
            raise Conflict(
                "已有流程版本，默认流程只能用于新数据库；可通过“载入默认流程”放入草稿",
                en="Process versions exist already; load the default into the draft instead",
            )
        self.load_default(admin)
        return self.publish(admin, password=password, change_note="初始版本：默认流程定义")

    def ensure_editable(self, number: int) -> None:
        if not self.get(number).is_draft:
            raise Locked(
                f"流程版本 {number} 已发布并锁定，修改请新建草稿",
                en=f"Process version {number} is published and locked; start a new draft",
            )


def _dump(definition: ProcessDefinition) -> str:
    return audit.canonical_json(to_data(definition))


def _parse_stored(text: str) -> ProcessDefinition:
    """A stored definition (validated when it was saved)."""
    definition, _problems = parse_unchecked(json.loads(text))
    return definition
