"""Records from query rows: a dataclass built from the columns that carry its field names.

Queries alias their columns to the record's field names (``p.name AS author_name``), so
one function turns a row into the record; the fields that need converting (a flag stored
as 0/1, nested records) are given explicitly and take precedence over the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

Record = TypeVar("Record")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def from_row(cls: type[Record], row: Mapping[str, Any], /, **given: Any) -> Record:
    """``cls``, each field from ``given`` if there, else from the row's column of that name."""
    values = {name: row[name] for name in _field_names(cls) if name not in given}
    return cls(**values, **given)
