"""Interviews (访谈) of the needs analysis: who was asked, when, by whom, the questions,
the notes and the findings. A finding can be named as the source of a need.

Interviews belong to an assessment and lock with it when the author signs.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dutydesk.clock import parse_day, site_today
from dutydesk.errors import Conflict, Locked, ValidationError
from dutydesk.people.auth import Person, require
from dutydesk.people.inputs import (
    check_person,
    clean_text,
    optional_text,
)
from dutydesk.store import audit
from dutydesk.store.context import AreaService
from dutydesk.store.lookup import existing_row, found
from dutydesk.store.rows import from_row
from dutydesk.store.writes import append_line
from dutydesk.training.context import TrainingContext

for _table in ("assessment_interviews", "interview_findings"):
    audit.register_table(audit.AuditedTable(_table))

MAX_QUESTIONS = 50
MAX_FINDINGS = 50


@dataclass(frozen=True)
class Finding:
    id: int
    interview_id: int
    position: int
    text: str


@dataclass(frozen=True)
class Interview:
    id: int
    assessment_id: int
    held_on: str
    interviewee_id: int | None
    interviewee_name: str
    interviewee_role: str
    interviewer_id: int
    interviewer_name: str
    questions: tuple[str, ...]
    notes: str
    findings: tuple[Finding, ...]

    @property
    def interviewee_label(self) -> str:
        role = f"（{self.interviewee_role}）" if self.interviewee_role else ""
        return f"{self.interviewee_name}{role}"


class InterviewService(AreaService[TrainingContext]):
    """Record, edit and remove interviews of a draft assessment (assessment authors)."""

    def get(self, interview_id: int) -> Interview:
        cursor = self._db.execute(
            "SELECT i.*, coalesce(p.name, i.interviewee_name) AS person_name,"
            " q.name AS interviewer_name FROM assessment_interviews i"
            " LEFT JOIN people p ON p.id = i.interviewee_id"
            " JOIN people q ON q.id = i.interviewer_id WHERE i.id = ?",
            [interview_id],
        )
        values = found(cursor.fetchone(), ("访谈记录", "interview"), interview_id)
        row = dict(zip([c[0] for c in cursor.description], values, strict=True))
        findings = tuple(
            Finding(r["id"], r["interview_id"], r["position"], r["text"])
            for r in self._db.query(
                "SELECT * FROM interview_findings WHERE interview_id = ? ORDER BY position",
                [interview_id],
            )
        )
        return from_row(
            Interview,
            row,
            interviewee_name=row["person_name"],
            questions=tuple(json.loads(row["questions"])),
            findings=findings,
        )

    def list(self, assessment_id: int) -> builtins.list[Interview]:
        rows = self._db.execute(
            "SELECT id FROM assessment_interviews WHERE assessment_id = ? ORDER BY held_on, id",
            [assessment_id],
        ).fetchall()
        return [self.get(r[0]) for r in rows]

    def finding(self, finding_id: int) -> Finding:
        row = existing_row(self._db, "interview_findings", finding_id, ("访谈发现", "finding"))
        return Finding(row["id"], row["interview_id"], row["position"], row["text"])

    def _draft(self, actor: Person, assessment_id: int) -> None:
        actor = require(actor, "assessment.author", self._desk.db)
        assessment = self._desk.training.assessments.get(assessment_id)
        if assessment.locked:
            raise Locked(
                f"现状评估「{assessment.title}」已签署，不能再增改访谈",
                en=f"Assessment {assessment.title!r} is signed; its interviews cannot change",
            )

    def _values(
        self,
        held_on: date | str,
        interviewer_id: int,
        interviewee_id: int | None,
        interviewee_name: str,
        interviewee_role: str,
        questions: Sequence[str],
        notes: str,
    ) -> dict[str, Any]:
        day = parse_day(held_on, "held_on", "访谈日期", "Interview date")
        if day > site_today(self._desk):
            raise ValidationError(
                "held_on",
                f"访谈日期 {day} 晚于今天，只记录已进行的访谈",
                en=f"The interview date {day} is in the future",
            )
        check_person(self._desk, interviewer_id, "interviewer_id")
        check_person(self._desk, interviewee_id, "interviewee_id")
        name = optional_text("interviewee_name", interviewee_name, "受访人", "Interviewee", 50)
        if interviewee_id is None and not name:
            raise ValidationError(
                "interviewee_name",
                "请选择受访人，或填写受访人姓名",
                en="Choose the interviewee or type their name",
            )
        cleaned = [q.strip() for q in questions if q and q.strip()]
        if len(cleaned) > MAX_QUESTIONS:
            raise ValidationError(
                "questions",
                f"访谈问题不能超过 {MAX_QUESTIONS} 个",
                en=f"At most {MAX_QUESTIONS} questions",
            )
        for number, question in enumerate(cleaned, 1):
            clean_text(
                "questions", question, f"第 {number} 个问题", f"Question {number}", limit=500
            )
        return {
            "held_on": day.isoformat(),
            "interviewer_id": interviewer_id,
            "interviewee_id": interviewee_id,
            "interviewee_name": "" if interviewee_id is not None else name,
            "interviewee_role": optional_text(
                "interviewee_role", interviewee_role, "受访人岗位", "Interviewee role", 50
            ),
            "questions": json.dumps(cleaned, ensure_ascii=False),
            "notes": optional_text("notes", notes, "访谈记录", "Notes", 10000),
        }

    @staticmethod
    def _clean_findings(findings: Sequence[str]) -> builtins.list[str]:
        cleaned = [f.strip() for f in findings if f and f.strip()]
        if len(cleaned) > MAX_FINDINGS:
            raise ValidationError(
                "findings",
                f"访谈发现不能超过 {MAX_FINDINGS} 条",
                en=f"At most {MAX_FINDINGS} findings",
            )
        for number, text in enumerate(cleaned, 1):
            clean_text("findings", text, f"第 {number} 条发现", f"Finding {number}", limit=1000)
        return cleaned

    def add(
        self,
        actor: Person,
        assessment_id: int,
        *,
        held_on: date | str,
        interviewer_id: int,
        interviewee_id: int | None = None,
        interviewee_name: str = "",
        interviewee_role: str = "",
        questions: Sequence[str] = (),
        notes: str = "",
        findings: Sequence[str] = (),
    ) -> Interview:
        self._draft(actor, assessment_id)
        values = self._values(
            held_on,
            interviewer_id,
            interviewee_id,
            interviewee_name,
            interviewee_role,
            questions,
            notes,
        )
        cleaned = self._clean_findings(findings)
        now = self._desk.now_iso()
        values.update(assessment_id=assessment_id, created_at=now, updated_at=now)
        with self._db.atomic():
            interview_id = self._insert("assessment_interviews", values, by=actor, at=now)
            for text in cleaned:
                self._insert_finding(actor, interview_id, text, now)
        return self.get(interview_id)

    def _insert_finding(self, actor: Person, interview_id: int, text: str, now: str) -> int:
        return append_line(
            self._db, "interview_findings", ("interview_id", interview_id), text, by=actor, at=now
        )

    def update(
        self,
        actor: Person,
        interview_id: int,
        *,
        held_on: date | str,
        interviewer_id: int,
        interviewee_id: int | None = None,
        interviewee_name: str = "",
        interviewee_role: str = "",
        questions: Sequence[str] = (),
        notes: str = "",
    ) -> Interview:
        """Correct the interview's details; findings are added with ``add_finding``."""
        current = self.get(interview_id)
        self._draft(actor, current.assessment_id)
        values = self._values(
            held_on,
            interviewer_id,
            interviewee_id,
            interviewee_name,
            interviewee_role,
            questions,
            notes,
        )
        now = self._desk.now_iso()
        values["updated_at"] = now
        self._update("assessment_interviews", interview_id, values, by=actor, at=now)
        return self.get(interview_id)

    def add_finding(self, actor: Person, interview_id: int, *, text: str) -> Finding:
        current = self.get(interview_id)
        self._draft(actor, current.assessment_id)
        cleaned = self._clean_findings([text])
        if not cleaned:
            raise ValidationError("findings", "访谈发现不能为空", en="The finding is empty")
        with self._db.atomic():
            finding_id = self._insert_finding(actor, interview_id, cleaned[0], self._desk.now_iso())
        return self.finding(finding_id)

    def delete(self, actor: Person, interview_id: int) -> None:
        """Remove an interview recorded by mistake, unless a need names one of its findings."""
        current = self.get(interview_id)
        self._draft(actor, current.assessment_id)
        ids = [str(f.id) for f in current.findings]
        if ids:
            used = self._db.execute(
                "SELECT position FROM assessment_needs WHERE assessment_id = ?"
                f" AND source_kind = 'finding' AND source_ref IN ({','.join('?' * len(ids))})",
                [current.assessment_id, *ids],
            ).fetchall()
            if used:
                positions = "、".join(str(r[0]) for r in used)
                raise Conflict(
                    f"第 {positions} 项需求引用了此访谈的发现，请先修改需求",
                    en=f"Needs {positions} cite this interview's findings; change them first",
                )
        now = self._desk.now_iso()
        with self._db.atomic():
            for finding in current.findings:
                audit.delete(self._db, "interview_findings", finding.id, actor=actor.actor, at=now)
            audit.delete(self._db, "assessment_interviews", interview_id, actor=actor.actor, at=now)
