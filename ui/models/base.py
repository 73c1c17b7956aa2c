"""The one base of every list model in ``ui/models``: rows, fixed headers, row count.

A list model keeps its rows in ``self.rows`` and names its columns with ``COL_*``
constants that index ``HEADERS`` (Chinese source strings declared with
``QT_TRANSLATE_NOOP`` in the model's translation ``context``). It implements only
``data``; the row and column counts, the header texts and ``set_rows`` live here.
Models whose columns are given at run time override ``headers()``.

A text a column may cut short ("…") can always be read in full: where a model's ``data``
gives no tooltip of its own, the base answers ``ToolTipRole`` with the cell's text when
that text is long (``is_long_text``) — for every model, once, here.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
NO_INDEX = QModelIndex()

# From this width a cell's text may be cut in a list column (a Chinese character counts
# two, a Latin letter one): about eight Chinese characters or sixteen letters.
LONG_TEXT_WIDTH = 16
DataMethod = Callable[[Any, Index, int], Any]


def text_width(text: str) -> int:
    """Width in Latin letters: wide (Chinese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_long_text(text: str) -> bool:
    """A cell text that a list column may show cut short: long, or of several lines."""
    return "\n" in text or text_width(text) >= LONG_TEXT_WIDTH


def _with_full_text_tooltip(data: DataMethod) -> DataMethod:
    """``data`` that answers ToolTipRole with the long display text when it gives none."""

    @functools.wraps(data)
    def wrapped(self: Any, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = data(self, index, role)
        if value is None and role == Qt.ItemDataRole.ToolTipRole:
            shown = data(self, index, Qt.ItemDataRole.DisplayRole)
            if isinstance(shown, str) and is_long_text(shown):
                return shown.strip()
        return value

    wrapped.full_text_tooltip = True  # type: ignore[attr-defined]
    return wrapped


class TableModel(QAbstractTableModel):
    """Rows in ``self.rows``; headers from ``headers()``, translated in ``context``.

    ``context`` empty: the headers are shown as given (already translated by the caller).
    ``numbered``: the vertical header shows 1, 2, 3 …
    """

    context = ""
    HEADERS: tuple[str, ...] = ()
    numbered = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every model's own ``data`` gets the full-text tooltip (see the module's text)."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("data")
        if own is not None and not getattr(own, "full_text_tooltip", False):
            cls.data = _with_full_text_tooltip(own)  # type: ignore[method-assign,assignment]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> Sequence[str]:
        return self.HEADERS

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self.rows[number]

    def has_row(self, index: Index) -> bool:
        """The index points at a row and column this model has."""
        return (
            index.isValid()
            and 0 <= index.row() < len(self.rows)
            and 0 <= index.column() < len(self.headers())
        )

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.headers()
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(headers):
            text = str(headers[section])
            return QCoreApplication.translate(self.context, text) if self.context else text
        if orientation == Qt.Orientation.Vertical and self.numbered:
            return section + 1
        return None
