"""Table models of the incident tab: the lazily paged list, the timeline, the attachments."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dutydesk.clock import format_site_time
from dutydesk.desk import Desk
from dutydesk.incidents.records import timeline_body
from dutydesk.incidents.service import (
    ACTION_LABELS,
    STATUS_LABELS,
    Attachment,
    Incident,
    IncidentFilter,
)
from dutydesk.incidents.service import TimelineEntry as Entry
from dutydesk.text import pick
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import Index, TableModel

INCIDENT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))


class IncidentListModel(TableModel):
    """Incidents newest first, fetched a page at a time as the view scrolls.

    ``set_filter`` starts again from the first page; ``canFetchMore``/``fetchMore`` pull
    the next page with the core's keyset cursor, so 180,000 rows never load at once.
    """

    context = "IncidentModels"

    COL_NUMBER, COL_TITLE, COL_STATUS, COL_SEVERITY, COL_REPORTED, COL_CATEGORY = range(6)
    COL_REPORTER, COL_SHIFT = 6, 7
    HEADERS = (
        QT_TRANSLATE_NOOP("IncidentModels", "编号"),
        QT_TRANSLATE_NOOP("IncidentModels", "标题"),
        QT_TRANSLATE_NOOP("IncidentModels", "状态"),
        QT_TRANSLATE_NOOP("IncidentModels", "严重程度"),
        QT_TRANSLATE_NOOP("IncidentModels", "上报时间"),
        QT_TRANSLATE_NOOP("IncidentModels", "类别"),
        QT_TRANSLATE_NOOP("IncidentModels", "上报人"),
        QT_TRANSLATE_NOOP("IncidentModels", "班次"),
    )

    def __init__(self, desk: Desk, *, page_size: int = 100, english: bool = False) -> None:
        super().__init__()
        self._desk = desk
        self.page_size = page_size
        self._english = english
        self.rows: list[Incident] = []
        self._cursor: tuple[str, int] | None = None
        self._exhausted = True
        self.filter = IncidentFilter()
        self._zone = desk.settings.site_zone()

    def _load_names(self) -> None:
        """English names of the reference data (the incident rows carry the Chinese)."""
        if not self._english:
            self._severity_en: dict[int, str] = {}
            self._category_en: dict[int, str] = {}
            return
        reference = self._desk.incidents.reference
        self._severity_en = {s.id: s.name_en for s in reference.severities() if s.name_en}
        self._category_en = {c.id: c.path_en for c in reference.categories() if c.path_en}

    def set_filter(self, flt: IncidentFilter) -> None:
        """Show the first page of ``flt`` (raises the core's ValidationError on bad input)."""
        self._load_names()
        page = self._desk.incidents.search(flt, limit=self.page_size)
        self.beginResetModel()
        self.filter = flt
        self.rows = list(page.items)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page = self._desk.incidents.search(self.filter, limit=self.page_size, after=self._cursor)
        if page.items:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self.rows.extend(page.items)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None

    def incident(self, row: int) -> Incident | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, incident_id: int) -> int:
        for row, incident in enumerate(self.rows):
            if incident.id == incident_id:
                return row
        return -1

    def replace(self, incident: Incident) -> None:
        """Show a changed incident in place (after a transition), without a reload."""
        row = self.row_of(incident.id)
        if row >= 0:
            self.rows[row] = incident
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        incident = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(incident, column)
        if role == INCIDENT_ROLE:
            return incident
        if role == Qt.ItemDataRole.BackgroundRole and incident.overdue:
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_SEVERITY:
            return QBrush(QColor(incident.severity_colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            # A cell cut short by its column shows in full on hover; overdue rows say why.
            text = self._text(incident, column)
            if not incident.overdue:
                return text
            if incident.overdue_response:
                why = QCoreApplication.translate("IncidentModels", "超过响应时限仍未响应")
            else:
                why = QCoreApplication.translate("IncidentModels", "超过解决时限仍未解决")
            return f"{text}\n{why}"
        return None

    def cell_text(self, incident: Incident, column: int) -> str:
        """What the list shows for ``incident`` in ``column`` (names in the reader's language)."""
        return self._text(incident, column)

    def _text(self, incident: Incident, column: int) -> str:
        if column == self.COL_NUMBER:
            return incident.number
        if column == self.COL_REPORTED:
            return format_site_time(incident.reported_at, self._zone)
        if column == self.COL_SEVERITY:
            name = getattr(self, "_severity_en", {}).get(incident.severity_id)
            return f"{incident.severity_code} {name or incident.severity_name}"
        if column == self.COL_CATEGORY:
            english = getattr(self, "_category_en", {}).get(incident.category_id or 0)
            return english or incident.category_name
        if column == self.COL_TITLE:
            return incident.title
        if column == self.COL_STATUS:
            return pick(STATUS_LABELS[incident.status], self._english)
        if column == self.COL_REPORTER:
            return incident.reporter_name
        return " ".join(p for p in (incident.shift_date, incident.shift_code) if p)


class TimelineModel(TableModel):
    """The timeline of one incident: every state change and note, oldest first."""

    context = "IncidentModels"

    HEADERS = (
        QT_TRANSLATE_NOOP("IncidentModels", "时间"),
        QT_TRANSLATE_NOOP("IncidentModels", "事项"),
        QT_TRANSLATE_NOOP("IncidentModels", "人员"),
        QT_TRANSLATE_NOOP("IncidentModels", "内容"),
    )

    def __init__(self, desk: Desk, *, english: bool = False) -> None:
        super().__init__()
        self._desk = desk
        self._english = english
        self.rows: list[Entry] = []
        self._zone = desk.settings.site_zone()

    def load(self, incident_id: int | None) -> None:
        self.beginResetModel()
        self.rows = [] if incident_id is None else self._desk.incidents.timeline(incident_id)
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return format_site_time(entry.at, self._zone)
            if column == 1:
                return ACTION_LABELS.get(entry.kind, (entry.kind, entry.kind))[
                    1 if self._english else 0
                ]
            if column == 2:
                return entry.author_name
            return timeline_body(entry.kind, entry.body, "en" if self._english else "zh_CN")
        return None


class AttachmentModel(TableModel):
    """The files of one incident (name, type, size); the bytes load only when opened."""

    context = "IncidentModels"

    HEADERS = (
        QT_TRANSLATE_NOOP("IncidentModels", "文件名"),
        QT_TRANSLATE_NOOP("IncidentModels", "类型"),
        QT_TRANSLATE_NOOP("IncidentModels", "大小"),
    )

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self._desk = desk
        self.rows: list[Attachment] = []

    def load(self, incident_id: int | None) -> None:
        self.beginResetModel()
        self.rows = [] if incident_id is None else self._desk.incidents.attachments(incident_id)
        self.endResetModel()

    def attachment(self, row: int) -> Attachment | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.filename, item.mime_type, f"{item.size / 1024:.1f} KB")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"sha256 {item.sha256}"
        return None
