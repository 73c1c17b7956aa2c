"""The 流程 tab: versions, steps with a draft editor, flowchart preview, diff, manual PDF.

The flowchart preview paints with QPainter the shapes of ``reports.flowchart_layout``,
the module the PDF manual draws its charts from, with text measured in the window's font:
the preview looks like the printed chart and opening the tab loads no reportlab (only the
manual's button does, when it makes the PDF).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.errors import DutyDeskError
from dutydesk.process.model import (
    DECISION,
    Stage,
    add_stage,
    insert_step,
    move_step,
    next_step_key,
    remove_stage,
    remove_step,
    replace_stage,
    replace_step,
)
from dutydesk.process.service import (
    PROCESS_ROLES,
    Edge,
    ProcessDefinition,
    ProcessVersion,
    Step,
    role_label,
)
from reports.flowchart_layout import Box, Lines, StageLayout, Text, chart_shapes, layout_stage
from ui import confirm, shortcuts
from ui.forms import FormDialog, add_row
from ui.models.process import (
    COL_LIMIT,
    COL_NAME,
    COL_STAGE,
    ProcessStepsModel,
    ProcessVersionsModel,
)
from ui.scrolling import scrolling
from ui.session import Session

AREA = "process"
_EDGE = re.compile(
    r"^\s*(?:(?P<label>.+?)\s*(?:→|->)\s*)?(?P<to>[A-Za-z0-9_]+)\s*(?P<loop>[(（]返回[)）])?\s*$"
)


def parse_edges(text: str) -> tuple[Edge, ...]:
    """``标注→KEY; 标注→KEY(返回)`` as edges; an empty text means "next step"."""
    edges = []
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        match = _EDGE.match(part)
        if match is None:
            raise DutyDeskError(
                f"无法识别的去向：{part.strip()}（格式：标注→步骤编号，返回加“(返回)”）",
                en=f"Cannot read the edge {part.strip()!r} (use label→KEY; (返回) marks a loop)",
            )
        edges.append(
            Edge(to=match["to"], label=(match["label"] or "").strip(), loop=bool(match["loop"]))
        )
    return tuple(edges)


def format_edges(edges: tuple[Edge, ...]) -> str:
    return "; ".join(
        f"{e.label + '→' if e.label else ''}{e.to}{'(返回)' if e.loop else ''}" for e in edges
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[、,，;；]", text) if p.strip())


class FlowchartView(QWidget):
    """Paints a stage's flowchart: the manual's layout and shapes (``chart_shapes``),
    laid out with the metrics of the font it paints with, so no reportlab is loaded.

    Text is measured and drawn in a font ``TEXT_ZOOM`` times the wanted size under a
    painter scaled down as much: Qt sets small text in whole pixels (8.5 points would
    measure as 9), and the large font's advances divided back are the face's own, the
    widths the PDF measures, so the preview breaks lines where the manual does. The chart
    is zoomed to the width it is given (``fit_to``), between ``MIN_SCALE`` and
    ``MAX_SCALE`` pixels per point."""

    TEXT_ZOOM = 10.0
    MIN_SCALE = 1.25
    MAX_SCALE = 2.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_data: StageLayout | None = None
        self.scale = self.MIN_SCALE
        self.available = 0
        self._fonts: dict[float, tuple[QFont, QFontMetricsF]] = {}

    def _font(self, size: float) -> tuple[QFont, QFontMetricsF]:
        """The widget's font at ``TEXT_ZOOM`` × ``size`` layout units, and its metrics."""
        if size not in self._fonts:
            font = QFont(self.font())
            font.setPointSizeF(size * self.TEXT_ZOOM * 72.0 / self.logicalDpiY())
            self._fonts[size] = (font, QFontMetricsF(font, self))
        return self._fonts[size]

    def measure(self, text: str, size: float) -> float:
        """The width of ``text`` painted at ``size``: what ``layout_stage`` wraps with."""
        return self._font(size)[1].horizontalAdvance(text) / self.TEXT_ZOOM

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fonts.clear()
        super().changeEvent(event)

    def set_layout(self, layout: StageLayout | None) -> None:
        self.layout_data = layout
        self._resize()

    def fit_to(self, width: int) -> None:
        """Zoom the chart to about ``width`` pixels wide (within the scale limits)."""
        self.available = width
        self._resize()

    def _resize(self) -> None:
        layout = self.layout_data
        if layout is not None:
            wanted = self.available / layout.width if self.available else self.MIN_SCALE
            self.scale = max(self.MIN_SCALE, min(self.MAX_SCALE, wanted))
            self.setFixedSize(
                int(layout.width * self.scale) + 2, int(layout.height * self.scale) + 2
            )
        self.update()

    def paintEvent(self, event: Any) -> None:
        layout = self.layout_data
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if layout is not None:
            painter.scale(self.scale, self.scale)
            for shape in chart_shapes(layout, self.measure):
                self._paint(painter, shape)
        painter.end()

    def _paint(self, painter: QPainter, shape: Box | Lines | Text) -> None:
        if isinstance(shape, Text):
            font, metrics = self._font(shape.size)
            x = shape.x
            if shape.anchor != "start":
                width = metrics.horizontalAdvance(shape.text) / self.TEXT_ZOOM
                x -= width if shape.anchor == "end" else width / 2
            painter.save()
            painter.translate(x, shape.baseline)
            painter.scale(1 / self.TEXT_ZOOM, 1 / self.TEXT_ZOOM)
            painter.setFont(font)
            painter.setPen(QColor(shape.colour))
            painter.drawText(QPointF(0, 0), shape.text)
            painter.restore()
            return
        if shape.stroke is None:
            painter.setPen(Qt.PenStyle.NoPen)
        else:
            pen = QPen(QColor(shape.stroke), shape.stroke_width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
        fill = shape.fill
        painter.setBrush(QColor(fill) if fill is not None else Qt.BrushStyle.NoBrush)
        if isinstance(shape, Box):
            rect = QRectF(shape.x, shape.y, shape.w, shape.h)
            if shape.radius:
                painter.drawRoundedRect(rect, shape.radius, shape.radius)
            else:
                painter.drawRect(rect)
            return
        polygon = QPolygonF([QPointF(x, y) for x, y in shape.points])
        if shape.closed:
            painter.drawPolygon(polygon)
        else:
            painter.drawPolyline(polygon)


class FlowchartArea(QScrollArea):
    """Scrolls the flowchart and zooms it to the width it has (room kept for the bar)."""

    def __init__(self, chart: FlowchartView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setWidget(chart)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        bar = self.verticalScrollBar().sizeHint().width()
        self.chart.fit_to(self.width() - 2 * self.frameWidth() - bar - 4)


class PublishDialog(FormDialog):
    """Approval signature: change note and the administrator's password again."""

    def __init__(self, session: Session, draft: ProcessVersion, parent: QWidget | None) -> None:
        super().__init__(session, self.tr("批准并发布流程"), parent)
        info = QLabel(
            self.tr("第 {0} 版将由 {1} 以“批准”签名发布，发布后锁定不可修改。").format(
                draft.number, session.person.name
            )
        )
        info.setWordWrap(True)
        self.form.addRow(info)
        self.note = self.row(self.tr("修订说明(&N)"), QLineEdit(self), "change_note")
        self.note.setText(draft.change_note)
        self.password = self.row(self.tr("密码(&W)"), QLineEdit(self), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签名发布(&S)"))

    @property
    def published(self) -> ProcessVersion | None:
        return cast("ProcessVersion | None", self.result_value)

    def submit(self) -> ProcessVersion:
        return self.session.desk.process.publish(
            self.session.person, password=self.password.text(), change_note=self.note.text()
        )


class ProcessTab(QWidget):
    """Versions and steps on the left; flowchart, step editor and diff on the right."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current: ProcessVersion | None = None
        self.last_pdf: bytes | None = None
        self.last_task: Any = None
        self.preview: Any = None

        self.version_box = QComboBox(self)
        self.stage_box = QComboBox(self)
        version_label = QLabel(self.tr("版本(&W)"))
        version_label.setBuddy(self.version_box)
        stage_label = QLabel(self.tr("阶段(&G)"))
        stage_label.setBuddy(self.stage_box)
        top = QHBoxLayout()
        top.addWidget(version_label)
        top.addWidget(self.version_box, 1)
        # The tab opens on the version in force; editors reach the draft with one click.
        self.open_draft_button = QPushButton(self)
        self.open_draft_button.clicked.connect(self.open_draft)
        top.addWidget(self.open_draft_button)
        top.addWidget(stage_label)
        top.addWidget(self.stage_box, 1)

        self.new_draft_button = QPushButton(self.tr("新建草稿(&D)"))
        self.load_default_button = QPushButton(self.tr("载入默认流程(&L)"))
        self.publish_button = QPushButton(self.tr("批准发布(&P)…"))
        self.discard_button = QPushButton(self.tr("放弃草稿"))
        self.manual_button = QPushButton(self.tr("生成流程手册(&M)"))
        self.handout_button = QPushButton(self.tr("岗位培训手册"))
        self.handout_role = QComboBox(self)
        for role in PROCESS_ROLES:
            self.handout_role.addItem(role_label(role, session.lang), role)
        buttons = QHBoxLayout()
        for button in (
            self.new_draft_button,
            self.load_default_button,
            self.publish_button,
            self.discard_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.manual_button)
        buttons.addWidget(self.handout_role)
        buttons.addWidget(self.handout_button)

        self.steps_model = ProcessStepsModel(lang=session.lang, parent=self)
        self.steps_view = QTableView(self)
        self.steps_view.setModel(self.steps_model)
        self.steps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.steps_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # The time limit can be long ("接班前30分钟"): a fixed width, the rest in the tooltip.
        header.setSectionResizeMode(COL_LIMIT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_LIMIT, 96)
        header.setMinimumSectionSize(36)
        self.steps_view.verticalHeader().hide()

        self.tabs = QTabWidget(self)
        self.chart = FlowchartView(self)
        self.tabs.addTab(FlowchartArea(self.chart, self), self.tr("流程图"))
        self.tabs.addTab(self._build_editor(), self.tr("步骤编辑"))
        self.tabs.addTab(self._build_stage_editor(), self.tr("阶段编辑"))
        self.tabs.addTab(self._build_history(), self.tr("版本与差异"))
        from ui.materials import MaterialsPanel

        self.materials = MaterialsPanel(session, self)
        self.tabs.addTab(self.materials, self.tr("培训资料"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.steps_view)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 760])  # step names readable at 1280 wide

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.version_box.currentIndexChanged.connect(self._version_chosen)
        self.stage_box.currentIndexChanged.connect(self._stage_chosen)
        self.steps_view.selectionModel().currentRowChanged.connect(self._step_chosen)
        self.new_draft_button.clicked.connect(self.new_draft)
        self.load_default_button.clicked.connect(self.load_default)
        self.publish_button.clicked.connect(self.publish)
        self.discard_button.clicked.connect(self.discard)
        self.manual_button.clicked.connect(self.make_manual)
        self.handout_button.clicked.connect(self.make_handout)
        session.data_changed.connect(self._data_changed)
        self.reload()

    # ------------------------------------------------------------ building

    def _build_editor(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout()
        self.edit_key = QLineEdit(page)
        self.edit_name = QLineEdit(page)
        self.edit_kind = QComboBox(page)
        self.edit_kind.addItem(self.tr("任务"), "task")
        self.edit_kind.addItem(self.tr("判断"), DECISION)
        self.edit_role = QComboBox(page)
        for role in PROCESS_ROLES:
            self.edit_role.addItem(role_label(role, self.session.lang), role)
        # Supporting roles by name (one box each), never the role codes.
        self.edit_support = QWidget(page)
        support_row = QHBoxLayout(self.edit_support)
        support_row.setContentsMargins(0, 0, 0, 0)
        self.support_boxes: dict[str, QCheckBox] = {}
        for role in PROCESS_ROLES:
            box = QCheckBox(role_label(role, self.session.lang), self.edit_support)
            self.support_boxes[role] = box
            support_row.addWidget(box)
        support_row.addStretch(1)
        self.edit_description = QPlainTextEdit(page)
        self.edit_description.setTabChangesFocus(True)
        self.edit_description.setFixedHeight(70)
        self.edit_inputs = QLineEdit(page)
        self.edit_outputs = QLineEdit(page)
        self.edit_limit = QLineEdit(page)
        self.edit_tools = QLineEdit(page)
        self.edit_next = QLineEdit(page)
        self.edit_next.setPlaceholderText(
            self.tr("标注→步骤编号; 标注→步骤编号(返回)；留空表示下一步")
        )
        add_row(form, self.tr("编号(&K)"), self.edit_key)
        add_row(form, self.tr("名称(&A)"), self.edit_name)
        add_row(form, self.tr("类型(&T)"), self.edit_kind)
        add_row(form, self.tr("责任角色(&R)"), self.edit_role)
        add_row(form, self.tr("协助角色"), self.edit_support)
        add_row(form, self.tr("说明(&E)"), self.edit_description)
        add_row(form, self.tr("输入(&I)"), self.edit_inputs)
        add_row(form, self.tr("输出(&O)"), self.edit_outputs)
        add_row(form, self.tr("时限(&X)"), self.edit_limit)
        add_row(form, self.tr("模板/工具"), self.edit_tools)
        add_row(form, self.tr("去向(&Y)"), self.edit_next)
        self.editor_error = QLabel(page)
        self.editor_error.setStyleSheet("color: #b00020;")
        self.editor_error.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存步骤(&B)"), page)
        shortcuts.assign(self.save_button, "process.save")
        self.add_button = QPushButton(self.tr("在后面插入步骤(&N)"), page)
        self.remove_button = QPushButton(self.tr("删除步骤"), page)
        self.up_button = QPushButton(self.tr("上移(&U)"), page)
        self.down_button = QPushButton(self.tr("下移(&J)"), page)
        row = QHBoxLayout()
        for button in (
            self.save_button,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            row.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.editor_error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save_step)
        self.add_button.clicked.connect(self.add_step)
        self.remove_button.clicked.connect(self.delete_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        # On a short screen the form scrolls instead of making the window taller.
        return scrolling(page, self, framed=False)

    def _build_stage_editor(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout()
        self.stage_key = QLineEdit(page)
        self.stage_name = QLineEdit(page)
        self.stage_purpose = QPlainTextEdit(page)
        self.stage_purpose.setTabChangesFocus(True)
        self.stage_purpose.setFixedHeight(80)
        add_row(form, self.tr("阶段编号(&B)"), self.stage_key)
        add_row(form, self.tr("阶段名称(&Q)"), self.stage_name)
        add_row(form, self.tr("目的(&Z)"), self.stage_purpose)
        self.stage_error = QLabel(page)
        self.stage_error.setStyleSheet("color: #b00020;")
        self.stage_error.setWordWrap(True)
        self.save_stage_button = QPushButton(self.tr("保存阶段"), page)
        self.add_stage_button = QPushButton(self.tr("新增阶段"), page)
        self.remove_stage_button = QPushButton(self.tr("删除阶段"), page)
        row = QHBoxLayout()
        for button in (self.save_stage_button, self.add_stage_button, self.remove_stage_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.stage_error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save_stage_button.clicked.connect(self.save_stage)
        self.add_stage_button.clicked.connect(self.new_stage)
        self.remove_stage_button.clicked.connect(self.delete_stage)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget(self)
        self.versions_model = ProcessVersionsModel(self, site_time=self.session.site_time)
        self.versions_view = QTableView(page)
        self.versions_view.setModel(self.versions_model)
        self.versions_view.horizontalHeader().setStretchLastSection(True)
        self.versions_view.verticalHeader().hide()
        self.diff_old = QComboBox(page)
        self.diff_new = QComboBox(page)
        self.diff_text = QPlainTextEdit(page)
        self.diff_text.setReadOnly(True)
        old_label = QLabel(self.tr("比较(&C)"))
        old_label.setBuddy(self.diff_old)
        row = QHBoxLayout()
        row.addWidget(old_label)
        row.addWidget(self.diff_old)
        row.addWidget(QLabel("→"))
        row.addWidget(self.diff_new)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.versions_view, 1)
        layout.addLayout(row)
        layout.addWidget(self.diff_text, 2)
        self.diff_old.currentIndexChanged.connect(self.show_diff)
        self.diff_new.currentIndexChanged.connect(self.show_diff)
        return page

    # ------------------------------------------------------------ loading

    def reload(self, select: int | None = None) -> None:
        process = self.session.desk.process
        versions = process.versions()
        people = {p.id: p.name for p in self.session.desk.people.list()}
        self.versions_model.set_versions(versions, people)
        wanted = select if select is not None else self.version_box.currentData()
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for version in versions:
            if version.is_draft:
                text = self.tr("第 {0} 版（草稿）").format(version.number)
            else:
                text = self.tr("第 {0} 版（已发布）").format(version.number)
            self.version_box.addItem(text, version.number)
        numbers = [v.number for v in versions]
        in_force = process.latest_published()
        draft = process.draft()
        if wanted not in numbers:
            wanted = in_force.number if in_force else (draft.number if draft else None)
        self._draft_number = draft.number if draft else None
        self.open_draft_button.setText(
            self.tr("打开草稿（第 {0} 版）").format(draft.number) if draft else ""
        )
        self.version_box.setCurrentIndex(numbers.index(wanted) if wanted in numbers else -1)
        self.version_box.blockSignals(False)
        for box in (self.diff_old, self.diff_new):
            box.blockSignals(True)
            box.clear()
            for version in versions:
                box.addItem(str(version.number), version.number)
            box.blockSignals(False)
        if len(versions) >= 2:
            self.diff_old.setCurrentIndex(1)
            self.diff_new.setCurrentIndex(0)
        self._version_chosen()
        self.show_diff()

    @Slot()
    def _version_chosen(self) -> None:
        number = self.version_box.currentData()
        self.current = self.session.desk.process.get(number) if number else None
        self.stage_box.blockSignals(True)
        previous = self.stage_box.currentData()
        self.stage_box.clear()
        if self.current is not None:
            for stage in self.current.definition.stages:
                self.stage_box.addItem(stage.name, stage.key)
            keys = [s.key for s in self.current.definition.stages]
            self.stage_box.setCurrentIndex(keys.index(previous) if previous in keys else 0)
        self.stage_box.blockSignals(False)
        self._stage_chosen()
        self._update_actions()

    @Slot()
    def _stage_chosen(self) -> None:
        definition = self.current.definition if self.current else None
        stage_key = self.stage_box.currentData() or ""
        self.steps_model.set_definition(definition, stage_key)
        # One stage chosen: its name is above the list, the column would only take room.
        self.steps_view.setColumnHidden(COL_STAGE, bool(stage_key))
        layout = None
        if definition is not None and stage_key:
            stage = definition.stage(stage_key)
            layout = layout_stage(stage, self.chart.measure, width=480, lang=self.session.lang)
        self.chart.set_layout(layout)
        self._fill_stage_editor()
        if self.steps_model.rowCount() > 0:
            self.steps_view.selectRow(0)
        else:
            self._fill_editor(None)

    def _fill_stage_editor(self) -> None:
        self.stage_error.clear()
        stage_key = self.stage_box.currentData() or ""
        stage = self.current.definition.stage(stage_key) if self.current and stage_key else None
        self.stage_key.setText(stage.key if stage else "")
        self.stage_name.setText(stage.name if stage else "")
        self.stage_purpose.setPlainText(stage.purpose if stage else "")

    @Slot()
    def _step_chosen(self) -> None:
        found = self.steps_model.step_at(self.steps_view.currentIndex().row())
        self._fill_editor(found[1] if found else None)
        step = found[1] if found else None
        self.materials.show_step(
            step.key if step else None, f"{step.key} {step.name}" if step else ""
        )

    def _fill_editor(self, step: Step | None) -> None:
        self.editor_error.clear()
        step = step or Step("", "", "officer")
        self.edit_key.setText(step.key)
        self.edit_name.setText(step.name)
        self.edit_kind.setCurrentIndex(1 if step.is_decision else 0)
        self.edit_role.setCurrentIndex(max(0, self.edit_role.findData(step.role)))
        for role, box in self.support_boxes.items():
            box.setChecked(role in step.support_roles)
        self.edit_description.setPlainText(step.description)
        self.edit_inputs.setText("、".join(step.inputs))
        self.edit_outputs.setText("、".join(step.outputs))
        self.edit_limit.setText(step.time_limit)
        self.edit_tools.setText("、".join(step.tools))
        self.edit_next.setText(format_edges(step.next))

    def _update_actions(self) -> None:
        person = self.session.person
        editable = self.current is not None and self.current.is_draft and person.may("process.edit")
        has_draft = self.session.desk.process.draft() is not None
        for widget in (
            self.save_button,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.discard_button,
            self.save_stage_button,
            self.add_stage_button,
            self.remove_stage_button,
        ):
            widget.setEnabled(editable)
        self.new_draft_button.setEnabled(person.may("process.edit") and not has_draft)
        self.open_draft_button.setVisible(has_draft and person.may("process.edit"))
        self.open_draft_button.setEnabled(self.current is None or not self.current.is_draft)
        self.load_default_button.setEnabled(person.may("process.edit"))
        self.publish_button.setEnabled(has_draft and person.may("process.publish"))
        self.manual_button.setEnabled(self.current is not None)
        self.handout_button.setEnabled(self.current is not None)
        if self.current is None:
            self.status.setText(self.tr("还没有流程版本：请载入默认流程并发布。"))
        elif self.current.is_draft:
            self.status.setText(self.tr("正在编辑草稿；发布需要管理员签名批准。"))
        else:
            self.status.setText(self.tr("已发布的版本已锁定；修改请新建草稿。"))

    # ------------------------------------------------------------ editing

    def _editor_step(self) -> Step:
        return Step(
            key=self.edit_key.text().strip(),
            name=self.edit_name.text().strip(),
            kind=self.edit_kind.currentData(),
            role=self.edit_role.currentData(),
            support_roles=tuple(r for r, box in self.support_boxes.items() if box.isChecked()),
            description=self.edit_description.toPlainText().strip(),
            inputs=_split(self.edit_inputs.text()),
            outputs=_split(self.edit_outputs.text()),
            time_limit=self.edit_limit.text().strip(),
            tools=_split(self.edit_tools.text()),
            next=parse_edges(self.edit_next.text()),
        )

    def _selected_key(self) -> str | None:
        found = self.steps_model.step_at(self.steps_view.currentIndex().row())
        return found[1].key if found else None

    def _save(self, definition: ProcessDefinition, select: str | None) -> bool:
        try:
            saved = self.session.desk.process.save_draft(self.session.person, definition)
        except DutyDeskError as error:
            self.editor_error.setText(self.session.error_text(error))
            return False
        self.current = saved
        self.session.data_changed.emit(AREA)
        self._stage_chosen()
        if select:
            row = self.steps_model.row_of(select)
            if row >= 0:
                self.steps_view.selectRow(row)
        return True

    def _apply(self, change: Any, select: str | None) -> None:
        if self.current is None:
            return
        try:
            definition = change(self.current.definition)
        except DutyDeskError as error:
            self.editor_error.setText(self.session.error_text(error))
            return
        self._save(definition, select)

    @Slot()
    def save_step(self) -> None:
        key = self._selected_key()
        if key is None:
            return
        try:
            step = self._editor_step()
        except DutyDeskError as error:
            self.editor_error.setText(self.session.error_text(error))
            return
        self._apply(lambda d: replace_step(d, key, step), step.key)

    @Slot()
    def add_step(self) -> None:
        if self.current is None:
            return
        stage_key = self.stage_box.currentData()
        definition = self.current.definition
        key = next_step_key(definition, definition.stage(stage_key).steps[0].key[:1] or "X")
        step = Step(key, self.tr("新步骤"), "officer")
        after = self._selected_key()
        self._apply(lambda d: insert_step(d, stage_key, step, after=after), key)

    @Slot()
    def delete_step(self) -> None:
        key = self._selected_key()
        if key is None:
            return
        text = self.tr(
            "从草稿中删除步骤 {0}？\n指向它的连线也一并删除；发布前可以放弃草稿恢复。"
        ).format(key)
        if confirm.confirm(self, self.tr("删除步骤"), text, self.tr("删除步骤")):
            self._apply(lambda d: remove_step(d, key), None)

    def move_step(self, delta: int) -> None:
        key = self._selected_key()
        if key is not None:
            self._apply(lambda d: move_step(d, key, delta), key)

    def _apply_stage(self, change: Any, select: str) -> None:
        if self.current is None:
            return
        try:
            definition = change(self.current.definition)
            saved = self.session.desk.process.save_draft(self.session.person, definition)
        except DutyDeskError as error:
            self.stage_error.setText(self.session.error_text(error))
            return
        self.session.data_changed.emit(AREA)
        self.reload(select=saved.number)
        index = self.stage_box.findData(select)
        if index >= 0:
            self.stage_box.setCurrentIndex(index)

    @Slot()
    def save_stage(self) -> None:
        old_key = self.stage_box.currentData()
        if self.current is None or not old_key:
            return
        stage = replace(
            self.current.definition.stage(old_key),
            key=self.stage_key.text().strip(),
            name=self.stage_name.text().strip(),
            purpose=self.stage_purpose.toPlainText().strip(),
        )
        self._apply_stage(lambda d: replace_stage(d, old_key, stage), stage.key)

    @Slot()
    def new_stage(self) -> None:
        """A new stage needs one step to be valid: it starts with a placeholder step."""
        if self.current is None:
            return
        definition = self.current.definition
        used = {stage.key for stage in definition.stages}
        number = len(definition.stages) + 1
        while f"stage{number}" in used:
            number += 1
        key = f"stage{number}"
        step = Step(next_step_key(definition, "N"), self.tr("新步骤"), "officer")
        stage = Stage(key, self.tr("新阶段 {0}").format(number), "", (step,))
        self._apply_stage(lambda d: add_stage(d, stage), key)

    @Slot()
    def delete_stage(self) -> None:
        key = self.stage_box.currentData()
        if not key:
            return
        text = self.tr("从草稿中删除阶段“{0}”？\n发布前可以放弃草稿恢复。").format(
            self.stage_box.currentText()
        )
        if confirm.confirm(self, self.tr("删除阶段"), text, self.tr("删除阶段")):
            self._apply_stage(lambda d: remove_stage(d, key), "")

    # ------------------------------------------------------------ versions

    def _run(self, action: Any) -> Any:
        try:
            result = action()
        except DutyDeskError as error:
            QMessageBox.warning(self, self.tr("流程"), self.session.error_text(error))
            return None
        self.session.data_changed.emit(AREA)
        return result

    @Slot()
    def open_draft(self) -> None:
        index = self.version_box.findData(getattr(self, "_draft_number", None))
        if index >= 0:
            self.version_box.setCurrentIndex(index)

    @Slot()
    def new_draft(self) -> None:
        made = self._run(lambda: self.session.desk.process.start_draft(self.session.person))
        if made is not None:
            self.reload(select=made.number)

    @Slot()
    def load_default(self) -> None:
        made = self._run(lambda: self.session.desk.process.load_default(self.session.person))
        if made is not None:
            self.reload(select=made.number)

    @Slot()
    def discard(self) -> None:
        text = self.tr("放弃当前草稿的全部修改？\n草稿会被删除，不能恢复；已发布的版本不受影响。")
        if confirm.confirm(self, self.tr("放弃草稿"), text, self.tr("放弃草稿")):
            self._run(lambda: self.session.desk.process.discard_draft(self.session.person))
            self.reload()

    @Slot()
    def publish(self) -> None:
        draft = self.session.desk.process.draft()
        if draft is None:
            return
        dialog = PublishDialog(self.session, draft, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.published is not None:
            self.session.data_changed.emit(AREA)
            self.reload(select=dialog.published.number)

    @Slot()
    def show_diff(self) -> None:
        old, new = self.diff_old.currentData(), self.diff_new.currentData()
        if not old or not new:
            self.diff_text.setPlainText("")
            return
        lines = self.session.desk.process.diff(old, new).lines()
        self.diff_text.setPlainText("\n".join(lines) or self.tr("两个版本内容相同"))

    @Slot(str)
    def _data_changed(self, area: str) -> None:
        if area != AREA:
            self.reload()

    # ------------------------------------------------------------ documents

    def _document(self, handout: bool) -> None:
        from ui.pdf_preview import show_pdf
        from ui.worker import run_in_background

        number = self.current.number if self.current else None
        role = self.handout_role.currentData()

        def work(desk: Any, progress: Any) -> bytes:
            from reports.manual import build_handout, build_manual, manual_data

            data = manual_data(desk, version=number)
            if handout:
                return build_handout(data, role, progress=progress)
            return build_manual(data, progress=progress)

        title = (
            self.tr("{0}培训手册").format(self.handout_role.currentText())
            if handout
            else self.tr("流程手册")
        )

        def done(data: bytes) -> None:
            self.last_pdf = data
            name = f"handout-{role}-v{number}.pdf" if handout else f"manual-v{number}.pdf"
            self.preview = show_pdf(self, data, title=title, suggested_name=name)

        self.last_task = run_in_background(self, title, work, done, session=self.session)

    @Slot()
    def make_manual(self) -> None:
        self._document(False)

    @Slot()
    def make_handout(self) -> None:
        self._document(True)
