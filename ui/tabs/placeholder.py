"""The honest stand-in for an area whose screen arrives in a later version."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dutydesk.store.paths import resources_dir
from ui.i18n import QT_TRANSLATE_NOOP
from ui.session import Session

# What each area will hold; shown so nobody mistakes the empty tab for missing data.
PLANNED: dict[str, tuple[str, str]] = {
    "roster": (
        QT_TRANSLATE_NOOP("Placeholder", "排班"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "班次与排班表：按规则生成排班、节假日与调休、换班申请、导出 Excel 和日历。",
        ),
    ),
    "handover": (
        QT_TRANSLATE_NOOP("Placeholder", "交接班"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "交接班记录：检查清单、遗留事项、交班与接班双方电子签名、交接班记录单打印。",
        ),
    ),
    "incidents": (
        QT_TRANSLATE_NOOP("Placeholder", "事件"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "事件日志：登记、分级、处置时间线、全文检索、附件，以及值班报告打印。",
        ),
    ),
    "feedback": (
        QT_TRANSLATE_NOOP("Placeholder", "反馈与改进"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "意见反馈、问题登记、整改措施与跟踪、季度或半年度评审会议。",
        ),
    ),
    "kpi": (
        QT_TRANSLATE_NOOP("Placeholder", "统计"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "关键指标看板：交接班准时率、事件响应与处置时长、整改完成率及趋势图。",
        ),
    ),
    "process": (
        QT_TRANSLATE_NOOP("Placeholder", "流程"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "值班流程定义与版本、流程图、模板，以及流程手册 PDF 的生成与打印。",
        ),
    ),
    "training": (
        QT_TRANSLATE_NOOP("Placeholder", "培训"),
        QT_TRANSLATE_NOOP(
            "Placeholder",
            "培训课程与场次、演练、考核成绩和问卷调查。",
        ),
    ),
}


NOTICE = QT_TRANSLATE_NOOP("Placeholder", "此功能将在后续版本中提供。")
PLAN = QT_TRANSLATE_NOOP("Placeholder", "届时这里将包括：{0}")


def _placeholder_text(source: str) -> str:
    return QCoreApplication.translate("Placeholder", source)


class PlaceholderTab(QWidget):
    """States plainly that the area comes in a later version and what it will hold."""

    def __init__(self, session: Session, parent: QWidget | None, key: str) -> None:
        super().__init__(parent)
        self.session = session
        self.key = key
        title, plan = PLANNED[key]
        card = QFrame(self)
        card.setObjectName("placeholderCard")
        card.setStyleSheet(
            "#placeholderCard { background: #ffffff; border: 1px solid #d0d7de;"
            " border-radius: 10px; }"
        )
        card.setFixedWidth(580)
        icon = QLabel(card)
        icon.setPixmap(
            QPixmap(str(resources_dir() / "icons" / "dutydesk.png")).scaled(
                64,
                64,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon.setMinimumHeight(64)
        self.heading = QLabel(_placeholder_text(title), card)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.notice = QLabel(_placeholder_text(NOTICE), card)
        self.notice.setStyleSheet("color: #8a5a00;")
        self.plan = QLabel(_placeholder_text(PLAN).format(_placeholder_text(plan)), card)
        self.plan.setStyleSheet("color: #444c56;")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(10)
        inner.addWidget(icon)
        for label in (self.heading, self.notice, self.plan):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(label)
        # Stretches around the card (not an alignment flag) keep the wrapped text's height.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        layout.setContentsMargins(48, 24, 48, 24)

    def text(self) -> str:
        return "\n".join(label.text() for label in (self.heading, self.notice, self.plan))


def placeholder(key: str) -> Callable[[Session, QWidget | None], QWidget]:
    def factory(session: Session, parent: QWidget | None) -> QWidget:
        return PlaceholderTab(session, parent, key)

    return factory
