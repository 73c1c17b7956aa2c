"""Sign-off of a handover: submit, accept (locks), reject, and amendments to locked records.

A mixin of ``HandoverService`` (with ``OpenItemsMixin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from dutydesk.clock import parse_iso
from dutydesk.errors import (
    Conflict,
    Locked,
    PermissionDenied,
    ValidationError,
)
from dutydesk.handover.open_items import OpenItemsMixin, clean_text
from dutydesk.handover.records import (
    Amendment,
    CrewMember,
    HandoverRecord,
    PersonRef,
)
from dutydesk.people.auth import ADMIN, LEADER, Person, require
from dutydesk.store import audit, signing

if TYPE_CHECKING:
    pass


class ServedRecorder(Protocol):
    """Records that ``person_id`` really served the incoming shift ``shift_code``, which
    starts at the end of the handover's ``shift_date`` shift (so on that day or the next);
    ``at`` is the incoming signature. ``assignment_id``: the roster slot taken over (from
    the handover's crew); None: find it. Called inside the signature's transaction."""

    def __call__(
        self,
        *,
        shift_date: str,
        shift_code: str,
        person_id: int,
        at: str,
        actor: Person,
        assignment_id: int | None = None,
    ) -> None: ...


class SignOffMixin(OpenItemsMixin):
    """``submit``, ``accept``, ``reject`` and ``amend``; every signature re-asks the password."""

    served_recorder: ServedRecorder | None

    if TYPE_CHECKING:

        def get(self, handover_id: int) -> HandoverRecord: ...

    def _write_handover(
        self,
        values: dict[str, Any],
        items: Sequence[dict[str, Any]],
        crew: Sequence[CrewMember],
        actor: Person,
        now: str,
        *,
        action: str,
        item_action: str,
    ) -> int:
        """Insert a live handover (``values``) with its checklist values (``items``: each
        one's columns but the handover id), its crew and its copy of the open items."""
        handover_id = self._insert("handovers", values, by=actor, at=now, action=action)
        for item in items:
            self._insert(
                "handover_values",
                {"handover_id": handover_id, **item},
                by=actor,
                at=now,
                action=item_action,
            )
        for member in crew:
            self._insert(
                "handover_crew",
                {
                    "handover_id": handover_id,
                    "duty_role": member.duty_role,
                    "slot": member.slot,
                    "assignment_id": member.assignment_id,
                    "planned_person_id": member.planned_person_id,
                    "person_id": member.person_id,
                },
                by=actor,
                at=now,
                action="handover_crew",
            )
        self._sync_open_items(handover_id, actor)
        return handover_id

    # ----------------------------------------------------------------- sign-off

    def _check_signer(
        self, signer: Person, officer: PersonRef, on_behalf_of: Person | None, side: str
    ) -> None:
        signer = require(signer, "handover.sign", self._db)
        if on_behalf_of is None:
            if signer.id != officer.id:
                raise PermissionDenied(
                    f"只有{side}{officer.name}本人可以签名（或由值班长代签）",
                    en=f"Only {officer.name} may sign here (or a shift leader on their behalf)",
                )
            return
        if on_behalf_of.id != officer.id:
            raise PermissionDenied(
                f"代签对象必须是{side}{officer.name}",
                en=f"A signature on behalf must be for {officer.name}",
            )
        if not signer.has_role(LEADER) or signer.id == officer.id:
            raise PermissionDenied(
                "只有值班长可以代签", en="Only a shift leader may sign on someone's behalf"
            )

    def submit(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The outgoing officer signs 交班确认; refused while mandatory items are empty."""
        record = self.get(handover_id)
        self._check_signer(signer, record.outgoing, on_behalf_of, "交班人")
        if record.status != "draft":
            raise Locked(
                f"交接班记录 {handover_id} 已{record.status_label}",
                en=f"Handover {handover_id} is no longer a draft",
            )
        missing = record.missing
        if missing:
            names = "、".join(f"「{i.section}／{i.label}」" for i in missing)
            raise ValidationError(
                "items",
                f"还有 {len(missing)} 个必填项未填写：{names}",
                en=f"{len(missing)} mandatory items are empty: "
                + ", ".join(f"{i.section} / {i.label}" for i in missing),
            )
        # Checked first outside the transaction so that a wrong password is still counted.
        self._desk.people.check_password(signer, password)
        now = self._desk.now_iso()
        with self._db.atomic():
            self._sync_open_items(handover_id, signer)
            self._update(
                "handovers",
                handover_id,
                {"status": "submitted", "submitted_at": now},
                by=signer,
                at=now,
                action="handover_submit",
            )
            self._sign(signer, handover_id, "handover_out", password, on_behalf_of)
        return self.get(handover_id)

    def accept(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The incoming officer signs 接班确认: the record locks and its figures are stored."""
        record = self._submitted(handover_id)
        self._check_signer(signer, record.incoming, on_behalf_of, "接班人")
        self._desk.people.check_password(signer, password)
        with self._db.atomic():
            signature = self._sign(signer, handover_id, "handover_in", password, on_behalf_of)
            figures = self._figures(record, signature.signed_at)
            self._update(
                "handovers",
                handover_id,
                {"status": "locked", "locked_at": signature.signed_at, **figures},
                by=signer,
                at=signature.signed_at,
                action="handover_lock",
            )
            if self.served_recorder is not None:
                if not record.crew:
                    self.served_recorder(
                        shift_date=record.shift_date,
                        shift_code=record.incoming_shift_code,
                        person_id=record.incoming.id,
                        at=signature.signed_at,
                        actor=signer,
                    )
                # Every person who took over, stand-ins included, for every role.
                for member in record.crew:
                    if member.assignment_id is not None:
                        self.served_recorder(
                            shift_date=record.shift_date,
                            shift_code=record.incoming_shift_code,
                            person_id=member.person_id,
                            at=signature.signed_at,
                            actor=signer,
                            assignment_id=member.assignment_id,
                        )
        return self.get(handover_id)

    def _sign(
        self,
        signer: Person,
        handover_id: int,
        meaning: str,
        password: str,
        on_behalf_of: Person | None,
    ) -> signing.Signature:
        """The handover's signature 交班确认 or 接班确认 (``meaning``), after the password."""
        return signing.sign(
            self._desk,
            signer=signer,
            password=password,
            entity="handover",
            entity_id=handover_id,
            meaning=meaning,
            on_behalf_of=on_behalf_of,
        )

    def _submitted(self, handover_id: int) -> HandoverRecord:
        record = self.get(handover_id)
        if record.status != "submitted":
            raise Conflict(
                f"交接班记录 {handover_id} 当前为“{record.status_label}”，不能接班确认或退回",
                en=f"Handover {handover_id} is not awaiting take-over",
            )
        return record

    def _figures(self, record: HandoverRecord, signed_at: str) -> dict[str, Any]:
        tolerance = self._desk.settings.get_int("handover_tolerance_minutes")
        offset = (parse_iso(signed_at) - parse_iso(record.shift_boundary_at)).total_seconds()
        signed = parse_iso(signed_at)
        mandatory = [v for v in record.items if v.item.mandatory]
        mandatory_filled = sum(v.filled for v in mandatory)
        signatures = len({s.meaning for s in record.signatures} | {"handover_in"})
        return {
            "duration_seconds": max(
                0, int((signed - parse_iso(record.started_at)).total_seconds())
            ),
            # Within the tolerance on either side of the handover time.
            "on_time": int(-tolerance * 60 <= offset <= tolerance * 60),
            "early_late_minutes": int(offset / 60),
            "tolerance_minutes": tolerance,
            "mandatory_total": len(mandatory),
            "mandatory_filled": mandatory_filled,
            "items_total": len(record.items),
            "items_filled": sum(v.filled for v in record.items),
            "flagged_count": len(record.flagged),
            "signatures_present": signatures,
            "completeness": round((mandatory_filled + signatures) / (len(mandatory) + 2), 4),
        }

    def reject(
        self,
        signer: Person,
        handover_id: int,
        *,
        password: str,
        reason: str,
        on_behalf_of: Person | None = None,
    ) -> HandoverRecord:
        """The incoming officer refuses to take over, with a reason.

        The submitted record stays as it was signed (status 已退回) and a new draft with
        the same values goes back to the outgoing officer; returns that new draft.
        """
        why = clean_text("reason", reason, "退回原因", "Reason")
        record = self._submitted(handover_id)
        self._check_signer(signer, record.incoming, on_behalf_of, "接班人")
        self._desk.people.check_password(signer, password)
        now = self._desk.now_iso()
        with self._db.atomic():
            self._update(
                "handovers",
                handover_id,
                {
                    "status": "rejected",
                    "rejected_at": now,
                    "rejected_by": signer.id,
                    "reject_reason": why,
                },
                by=signer,
                at=now,
                action="handover_reject",
            )
            row = audit.fetch_row(self._db, "handovers", handover_id)
            assert row is not None
            copy = {
                k: row[k]
                for k in (
                    "shift_date",
                    "outgoing_shift_code",
                    "incoming_shift_code",
                    "shift_boundary_at",
                    "period_start_at",
                    "outgoing_person_id",
                    "incoming_person_id",
                    "template_id",
                    "started_at",
                    "started_by",
                    "incident_summary_json",
                    "process_version",
                    "remarks",
                )
            }
            new_id = self._write_handover(
                {**copy, "resubmission_of": handover_id},
                [
                    {
                        "item_id": value.item.id,
                        "value": value.value,
                        "flagged": int(value.flagged),
                        "note": value.note,
                        "updated_at": value.updated_at,
                    }
                    for value in record.items
                ],
                record.crew,
                signer,
                now,
                action="handover_return",
                item_action="handover_return",
            )
        return self.get(new_id)

    # --------------------------------------------------------------- amendments

    def amend(
        self,
        actor: Person,
        handover_id: int,
        *,
        subject: str,
        correction: str,
        reason: str,
    ) -> Amendment:
        """A correction to a locked record: who, when, why and what; the record stays."""
        actor = require(actor, "handover.amend", self._db)
        record = self.get(handover_id)
        if record.status != "locked":
            raise Conflict(
                "只有已锁定的交接班记录才能更正；未锁定的记录请直接修改",
                en="Only locked handovers take amendments; edit a draft directly",
            )
        if actor.id not in (record.outgoing.id, record.incoming.id) and not (
            actor.has_role(LEADER) or actor.has_role(ADMIN)
        ):
            raise PermissionDenied(
                "只有本次交接班的两名值班员、值班长或管理员可以更正",
                en="Only the two officers of this handover, a leader or an admin may amend it",
            )
        now = self._desk.now_iso()
        values: dict[str, Any] = {
            "handover_id": handover_id,
            "author_id": actor.id,
            "created_at": now,
            "subject": clean_text("subject", subject, "更正对象", "Subject", 200),
            "correction": clean_text("correction", correction, "更正内容", "Correction"),
            "reason": clean_text("reason", reason, "更正原因", "Reason"),
        }
        amendment_id = self._insert("handover_amendments", values, by=actor, at=now, action="amend")
        return next(a for a in self.get(handover_id).amendments if a.id == amendment_id)
