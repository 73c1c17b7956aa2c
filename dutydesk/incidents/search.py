"""Chinese full-text search for incidents: a bigram index kept by the core.

Why bigrams (measured in ``bench/incidents_bench.py``, results in bench/results/):
SQLite's trigram tokenizer never matches a query shorter than three characters, yet the
commonest queries are two characters long (空调, 告警, a name such as 张伟), and a LIKE
scan of 180,000 incidents costs hundreds of milliseconds. A Chinese word segmenter
(jieba) would add a dependency and still miss names and substrings it does not cut out
as words. So the core pre-splits every searchable text itself: each run of CJK
characters becomes its overlapping bigrams (机房空调 -> 机房 房空 空调), Latin letters
and digits become lower-cased words, and the result is stored space-separated in
``incident_search.terms``, indexed by FTS5's plain ``unicode61`` tokenizer
(``incident_fts``, external content). A query is split the same way and matched as a
phrase of consecutive bigrams, which is exactly "contains this substring" for CJK and
works from two characters up. A query with a lone CJK character (e.g. 王) falls back
to a LIKE over ``incident_search.plain`` that stops at the first page of hits.

The index rows are written by ``reindex`` in the same transaction as every change to an
incident or its notes, and ``rebuild`` recreates them from the source tables.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import add
from typing import Any

from sqlite_utils import Database

from dutydesk.store import verify

# CJK unified ideographs (basic + extension A + compatibility) and CJK letters/numbers.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECES = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+")
_IS_CJK = re.compile(rf"^[{_CJK}]")
FIELD_BREAK = "\u03c9"  # ω


def terms_of(text: str) -> list[str]:
    """Index terms of ``text``: CJK bigrams (a lone CJK character stays itself) and words."""
    terms: list[str] = []
    for piece in _PIECES.findall(text or ""):
        if _IS_CJK.match(piece):
            if len(piece) == 1:
                terms.append(piece)
            else:
                terms.extend(piece[i : i + 2] for i in range(len(piece) - 1))
        else:
            terms.append(piece.lower())
    return terms


# The pieces of every text at once: the texts joined by NUL, which is no piece itself.
_PIECES_OR_BREAK = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+|\x00")


def index_text(texts: Iterable[str | None]) -> tuple[str, str]:
    """(terms, plain) for the index row of one incident; texts kept apart by a newline.

    The terms are ``" ω ".join(" ".join(terms_of(text)) for text in texts if text)``: a
    separator term between texts stops a phrase from matching across two fields (it is
    a letter the query splitter never produces, so it never matches anything itself).
    Built here in one pass over all the texts (verify rebuilds every incident's terms);
    ``tests/core/test_incident_search.py`` holds it to that definition.
    """
    parts = [t for t in texts if t]
    plain = "\n".join(parts)
    if "\x00" in plain:  # NUL inside a text: part by part, as defined
        return f" {FIELD_BREAK} ".join(" ".join(terms_of(p)) for p in parts), plain
    out: list[str] = []
    empty = True  # the current text has no term yet
    for piece in _PIECES_OR_BREAK.findall("\x00".join(parts)):
        if piece == "\x00":
            if empty:
                out.append("")  # a text without terms still takes its place
            out.append(FIELD_BREAK)
            empty = True
            continue
        empty = False
        if piece[0] > "\u024f":  # a CJK run: its overlapping bigrams, or a lone character
            out.append(" ".join(map(add, piece, piece[1:])) or piece)
        else:
            out.append(piece.lower())
    if empty and parts:
        out.append("")
    return " ".join(out), plain


@dataclass(frozen=True)
class SearchPlan:
    """How one query string is answered: an FTS5 MATCH expression, or a LIKE fallback."""

    match: str | None
    like: list[str]

    @property
    def empty(self) -> bool:
        return self.match is None and not self.like


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def plan(query: str) -> SearchPlan:
    """Split a query like the index: each space-separated part must occur (AND).

    A part made of CJK runs of two or more characters and/or Latin words becomes a phrase
    of its bigrams/words (a final Latin word also matches as a prefix). Any part with a
    lone CJK character makes the whole query a LIKE of every part.
    """
    parts = [p for p in (query or "").split() if _PIECES.search(p)]
    if not parts:
        return SearchPlan(None, [])
    phrases: list[str] = []
    for part in parts:
        pieces = _PIECES.findall(part)
        if any(_IS_CJK.match(p) and len(p) == 1 for p in pieces):
            return SearchPlan(None, ["".join(_PIECES.findall(p)) for p in parts])
        terms = terms_of(part)
        phrase = _quote(" ".join(terms))
        if not _IS_CJK.match(pieces[-1]):
            phrase += "*"
        phrases.append(phrase)
    return SearchPlan(" AND ".join(phrases), [])


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _texts(db: Database, incident_id: int) -> list[str | None] | None:
    row = db.execute(
        "SELECT i.title, i.description, i.location, i.resolution, i.escalated_to,"
        " i.escalation_reason, p.name FROM incidents i JOIN people p ON p.id = i.reported_by"
        " WHERE i.id = ?",
        [incident_id],
    ).fetchone()
    if row is None:
        return None
    notes = [
        r[0]
        for r in db.execute(
            "SELECT body FROM incident_events WHERE incident_id = ? AND kind = 'note' ORDER BY id",
            [incident_id],
        )
    ]
    return [*row, *notes]


def reindex(db: Database, incident_id: int) -> None:
    """Bring one incident's index row up to date; call inside the writing transaction."""
    texts = _texts(db, incident_id)
    old = db.execute("SELECT terms FROM incident_search WHERE id = ?", [incident_id]).fetchone()
    if old is not None:
        # External-content FTS5: remove the old terms before the row changes.
        db.execute(
            "INSERT INTO incident_fts (incident_fts, rowid, terms) VALUES ('delete', ?, ?)",
            [incident_id, old[0]],
        )
        db.execute("DELETE FROM incident_search WHERE id = ?", [incident_id])
    if texts is None:
        return
    terms, plain = index_text(texts)
    db.execute(
        "INSERT INTO incident_search (id, terms, plain) VALUES (?, ?, ?)",
        [incident_id, terms, plain],
    )
    db.execute("INSERT INTO incident_fts (rowid, terms) VALUES (?, ?)", [incident_id, terms])


def rebuild(db: Database) -> int:
    """Recreate the whole index from incidents and notes; returns the number indexed."""
    with db.atomic():
        db.execute("DELETE FROM incident_search")
        ids = [r[0] for r in db.execute("SELECT id FROM incidents ORDER BY id")]
        for incident_id in ids:
            texts = _texts(db, incident_id)
            assert texts is not None
            terms, plain = index_text(texts)
            db.execute(
                "INSERT INTO incident_search (id, terms, plain) VALUES (?, ?, ?)",
                [incident_id, terms, plain],
            )
        db.execute("INSERT INTO incident_fts (incident_fts) VALUES ('rebuild')")
    return len(ids)


def incident_index_rows(
    db: Database,
) -> Iterator[tuple[int, list[str | None], str | None, str | None]]:
    """(incident id, its searchable texts, stored terms, stored plain) for every incident.

    Two streamed queries merged by incident id, so checking the whole index holds one
    incident in memory at a time. The notes (a tenth of the events) are read in one pass
    over the events and sorted, rather than looked up incident by incident through the
    index, which reads an event's page for every event of every incident.
    """
    incidents = _streamed(
        db.execute(
            "SELECT i.id, i.title, i.description, i.location, i.resolution, i.escalated_to,"
            " i.escalation_reason, p.name, s.terms, s.plain FROM incidents i"
            " LEFT JOIN people p ON p.id = i.reported_by"
            " LEFT JOIN incident_search s ON s.id = i.id ORDER BY i.id"
        )
    )
    # Only an integer can equal an incident's id (the column turns every other number
    # into one), so other values belong to no incident, as in a join.
    notes = _streamed(
        db.execute(
            "SELECT incident_id, body FROM incident_events NOT INDEXED"
            " WHERE kind = 'note' AND typeof(incident_id) = 'integer' ORDER BY incident_id, id"
        )
    )
    note = next(notes, None)
    for incident_id, *fields, terms, plain in incidents:
        texts: list[str | None] = fields
        while note is not None and note[0] < incident_id:
            note = next(notes, None)  # the note of an incident that is not there
        while note is not None and note[0] == incident_id:
            texts.append(note[1])
            note = next(notes, None)
        yield incident_id, texts, terms, plain


def _streamed(cursor: sqlite3.Cursor) -> Iterator[Any]:
    while chunk := cursor.fetchmany(1000):
        yield from chunk


def index_problems(db: Database) -> list[int]:
    """Incidents whose index row is missing or stale (for tests and maintenance)."""
    return [
        incident_id
        for incident_id, texts, terms, plain in incident_index_rows(db)
        if terms is None or (terms, plain) != index_text(texts)
    ]


verify.register_search_index(incident_index_rows, index_text)
