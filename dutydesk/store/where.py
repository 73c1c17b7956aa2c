"""The WHERE clause of a list query, made of the filters that were given.

``Where(("p.status", status), ("p.category", category))`` keeps ``p.status = ?`` only
when ``status`` is not None (likewise each pair); ``add`` appends any other condition.
``str(where)`` is ``WHERE … AND …``, or empty when nothing filters; ``where.params`` are
the values in the same order.
"""

from __future__ import annotations

from typing import Any


class Where:
    def __init__(self, *equal: tuple[str, Any]) -> None:
        self.terms: list[str] = []
        self.params: list[Any] = []
        for column, value in equal:
            if value is not None:
                self.add(f"{column} = ?", value)

    def add(self, term: str, *params: Any) -> None:
        self.terms.append(term)
        self.params.extend(params)

    def __str__(self) -> str:
        return f"WHERE {' AND '.join(self.terms)}" if self.terms else ""
