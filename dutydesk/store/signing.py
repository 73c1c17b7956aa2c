"""Electronic signatures: signer, meaning, time and the sha256 of the signed content.

A feature module registers how to build the canonical content of each signable entity;
verify() recomputes it for every signature, so any changed byte is found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from dutydesk.errors import ValidationError
from dutydesk.store import audit

if TYPE_CHECKING:
    from dutydesk.store.context import Acting, StoreContext

MEANINGS: dict[str, tuple[str, str]] = {
    "handover_out": ("交班确认", "Handed over"),
    "handover_in": ("接班确认", "Taken over"),
    "review": ("审核", "Reviewed"),
    "approve": ("批准", "Approved"),
}

ContentBuilder = Callable[[Database, int], dict[str, Any]]
# Every record's content in id order, None for one that cannot be built (verify streams it).
EveryContent = Callable[[Database], Iterator[tuple[int, dict[str, Any] | None]]]
SIGNABLE: dict[str, ContentBuilder] = {}
SIGNABLE_EVERY: dict[str, EveryContent] = {}


def register_signable(
    entity: str, builder: ContentBuilder, every: EveryContent | None = None
) -> None:
    """``builder(db, id)`` is one record's content; ``every(db)``, if given, must yield the
    same content for every record, in id order, in a few streamed queries."""
    SIGNABLE[entity] = builder
    if every is not None:
        SIGNABLE_EVERY[entity] = every


def content_hash(db: Database, entity: str, entity_id: int) -> str:
    content = SIGNABLE[entity](db, entity_id)
    return hashlib.sha256(audit.canonical_json(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Signature:
    id: int
    entity: str
    entity_id: str
    person_id: int
    on_behalf_of: int | None
    meaning: str
    signed_at: str
    content_hash: str


def sign(
    desk: StoreContext,
    *,
    signer: Acting,
    password: str,
    entity: str,
    entity_id: int,
    meaning: str,
    on_behalf_of: Acting | None = None,
) -> Signature:
    """Check the signer's password again, then store the signature with its audit row.

    The caller checks that the signer may sign this record and locks it afterwards,
    in the same transaction when it opens one around this call.
    """
    if meaning not in MEANINGS:
        raise ValidationError(
            "meaning", f"未知签名含义：{meaning}", en=f"Unknown meaning {meaning}"
        )
    desk.people.check_password(signer, password)
    now = desk.now_iso()
    values = {
        "entity": entity,
        "entity_id": str(entity_id),
        "person_id": signer.id,
        "on_behalf_of": on_behalf_of.id if on_behalf_of else None,
        "meaning": meaning,
        "signed_at": now,
        "content_hash": content_hash(desk.db, entity, entity_id),
    }
    signature_id = audit.insert(
        desk.db, "signatures", values, actor=signer.actor, at=now, action="sign"
    )
    return Signature(id=signature_id, **values)  # type: ignore[arg-type]


def signatures_for(db: Database, entity: str, entity_id: int) -> list[Signature]:
    rows = db.query(
        "SELECT * FROM signatures WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, str(entity_id)],
    )
    return [Signature(**row) for row in rows]


def mismatched(db: Database, entity: str, entity_id: int) -> list[Signature]:
    """The signatures of a record whose hash no longer matches the record as it is now."""
    signatures = signatures_for(db, entity, entity_id)
    if not signatures:
        return []
    try:
        current: str | None = content_hash(db, entity, entity_id)
    except LookupError:
        current = None
    return [s for s in signatures if s.content_hash != current]


def mismatch_warnings(db: Database, entity: str, entity_id: int, record: str) -> tuple[str, ...]:
    """What a printed record must say on its first page when it differs from its signature.

    ``record`` names it for a reader (交接班记录 2026-11-25 白班). Empty when it matches.
    """
    wrong = mismatched(db, entity, entity_id)
    if not wrong:
        return ()
    meanings = "、".join(dict.fromkeys(MEANINGS.get(s.meaning, (s.meaning,))[0] for s in wrong))
    return (
        f"记录与签名不符：{record} 在签名（{meanings}）之后被改动，本文件所印内容不是签名时的"
        f"内容。签名时的记录哈希 {wrong[0].content_hash}。",
    )
