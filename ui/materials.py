"""Training materials of a course (培训 tab) or a process step (流程 tab): list, add a file,
link a large file by path, open, remove. Every check and permission is the core's."""

# i18n-area: training

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.text import pick
from dutydesk.training.materials import MATERIAL_KINDS, MATERIAL_TYPES, Material
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.training import RecordColumn, RecordsModel
from ui.session import Session

AREA = "training"
_TEMP: tempfile.TemporaryDirectory[str] | None = None


def _temp_dir() -> Path:
    """One folder per run for stored materials opened with the system's viewer."""
    global _TEMP
    if _TEMP is None:
        _TEMP = tempfile.TemporaryDirectory(prefix="dutydesk-materials-")
    return Path(_TEMP.name)


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class MaterialsModel(RecordsModel[Material]):
    def __init__(self, *, english: bool = False, parent: Any = None) -> None:
        e = english
        super().__init__(
            [
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "资料"), lambda m: m.title),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "类型"),
                    lambda m: pick(MATERIAL_KINDS[m.kind], e),
                ),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "文件"), lambda m: m.filename),
                RecordColumn(QT_TRANSLATE_NOOP("TrainingModels", "大小"), lambda m: m.size_text),
                RecordColumn(
                    QT_TRANSLATE_NOOP("TrainingModels", "保存方式"),
                    lambda m: (
                        ("Linked: " if e else "链接：") + str(m.linked_path)
                        if m.linked
                        else ("In the database" if e else "存于数据库")
                    ),
                ),
            ],
            english=english,
            parent=parent,
        )


class MaterialsPanel(QWidget):
    """The materials of one owner: ``show_course(id)`` or ``show_step(key)``.

    ``opener`` shows a file (the system's viewer; tests replace it).
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.course_id: int | None = None
        self.step_key: str | None = None
        self.opener: Callable[[Path], None] = open_with_system
        self.model = MaterialsModel(english=session.english, parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.open_selected)
        self.heading = QLabel(self)
        may = session.person.may("materials.manage")
        self.add_button = QPushButton(self.tr("添加资料(&I)…"), self)
        self.link_button = QPushButton(self.tr("链接大文件(&J)…"), self)
        self.open_button = QPushButton(self.tr("打开资料(&O)"), self)
        self.remove_button = QPushButton(self.tr("移除资料"), self)
        for button, slot, needs in (
            (self.add_button, self.add_file, True),
            (self.link_button, self.link_file, True),
            (self.open_button, self.open_selected, False),
            (self.remove_button, self.remove_selected, True),
        ):
            button.clicked.connect(slot)
            button.setEnabled(may or not needs)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.link_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self._owner_text = ""
        self.refresh()

    # -- owner -------------------------------------------------------------------------------

    def show_course(self, course_id: int | None, title: str = "") -> None:
        self.course_id, self.step_key = course_id, None
        self._owner_text = title
        self.refresh()

    def show_step(self, step_key: str | None, title: str = "") -> None:
        self.course_id, self.step_key = None, step_key or None
        self._owner_text = title
        self.refresh()

    def _has_owner(self) -> bool:
        return self.course_id is not None or self.step_key is not None

    def refresh(self) -> None:
        materials = self.session.desk.training.materials
        if self.course_id is not None:
            rows = materials.list(course_id=self.course_id)
        elif self.step_key is not None:
            rows = materials.list(step_key=self.step_key)
        else:
            rows = []
        self.model.set_rows(rows)
        if not self._has_owner():
            self.heading.setText(self.tr("培训资料：请先选择课程或步骤"))
        else:
            self.heading.setText(
                self.tr("培训资料：{0}（{1} 份）").format(self._owner_text, len(rows))
            )
        may = self.session.person.may("materials.manage") and self._has_owner()
        for button in (self.add_button, self.link_button):
            button.setEnabled(may)

    def current(self) -> Material | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # -- actions -----------------------------------------------------------------------------

    def _fail(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("培训资料"), self.session.error_text(error))

    def _owner(self) -> dict[str, Any]:
        if self.course_id is not None:
            return {"course_id": self.course_id}
        return {"step_key": self.step_key}

    def _changed(self) -> None:
        self.refresh()
        self.session.data_changed.emit(AREA)

    def _filter(self) -> str:
        patterns = " ".join(f"*{suffix}" for suffix in MATERIAL_TYPES)
        return self.tr("培训资料 ({0})").format(patterns)

    def _title(self, default: str) -> str | None:
        title, ok = QInputDialog.getText(
            self, self.tr("培训资料"), self.tr("资料名称（可留空，用文件名）："), text=default
        )
        return title if ok else None

    def add_path(self, path: Path, title: str = "") -> Material | None:
        """Store the file at ``path`` inside the database (the core checks size and type)."""
        try:
            data = path.read_bytes()
            material = self.session.desk.training.materials.add(
                self.session.person, filename=path.name, data=data, title=title, **self._owner()
            )
        except (DutyDeskError, OSError) as error:
            self._fail(error)
            return None
        self._changed()
        return material

    def link_path(self, path: Path, title: str = "") -> Material | None:
        try:
            material = self.session.desk.training.materials.link(
                self.session.person, path=str(path), title=title, **self._owner()
            )
        except DutyDeskError as error:
            self._fail(error)
            return None
        self._changed()
        return material

    @Slot()
    def add_file(self) -> None:
        if not self._has_owner():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("添加培训资料"), "", self._filter())
        if name:
            title = self._title(Path(name).stem)
            if title is not None:
                self.add_path(Path(name), title)

    @Slot()
    def link_file(self) -> None:
        if not self._has_owner():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("链接大文件（按路径登记，打开时核对）"), "", self._filter()
        )
        if name:
            title = self._title(Path(name).stem)
            if title is not None:
                self.link_path(Path(name), title)

    @Slot()
    def open_selected(self, *_: Any) -> Path | None:
        """Open the selected material: stored bytes go to a temporary copy; a linked file is
        opened where it is, after the core checked that it is unchanged."""
        material = self.current()
        if material is None:
            return None
        try:
            opened = self.session.desk.training.materials.open(self.session.person, material.id)
        except DutyDeskError as error:
            self._fail(error)
            return None
        if opened.path is not None:
            path = opened.path
        else:
            folder = _temp_dir() / str(material.id)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / material.filename
            path.write_bytes(opened.data or b"")
        self.opener(path)
        return path

    @Slot()
    def remove_selected(self) -> None:
        material = self.current()
        if material is None:
            return
        from ui.confirm import confirm

        if not confirm(
            self,
            self.tr("移除资料"),
            self.tr("从值班台移除培训资料「{0}」？移除记录保留在审计记录中。").format(
                material.title
            ),
            self.tr("移除"),
        ):
            return
        try:
            self.session.desk.training.materials.remove(self.session.person, material.id)
        except DutyDeskError as error:
            self._fail(error)
            return
        self._changed()
