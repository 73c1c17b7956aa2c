"""Sign-in and the unlock panel shown after the idle period."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError
from dutydesk.people.auth import Person
from ui.forms import ERROR_STYLE, add_row


def _localized(error: BaseException, lang: str) -> str:
    if isinstance(error, DutyDeskError):
        return error.localized(lang)
    return f"{type(error).__name__}: {error}"


class SignInDialog(QDialog):
    """Employee number and password; a wrong one keeps the dialog open with the reason."""

    def __init__(self, desk: Desk, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.lang = lang
        self.person: Person | None = None
        site = desk.settings.get("site_name")
        self.setWindowTitle(self.tr("登录 — 值班台"))
        heading = QLabel(site, self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        self.employee_no = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        form = QFormLayout()
        add_row(form, self.tr("工号(&E)："), self.employee_no)
        add_row(form, self.tr("密码(&P)："), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录(&L)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        self.employee_no.setFocus()

    @Slot()
    def try_sign_in(self) -> bool:
        try:
            self.person = self.desk.people.sign_in(self.employee_no.text(), self.password.text())
        except DutyDeskError as error:
            self.message.setText(_localized(error, self.lang))
            self.password.clear()
            self.password.setFocus()
            return False
        self.message.clear()
        self.accept()
        return True


class LockOverlay(QFrame):
    """Covers the window after the idle period; only the signed-in person's password opens it."""

    unlocked = Signal()
    quit_requested = Signal()
    switch_requested = Signal()

    def __init__(self, parent: QWidget, desk: Desk, person: Person, lang: str) -> None:
        super().__init__(parent)
        self.desk = desk
        self.person = person
        self.lang = lang
        panel, title = _cover_panel(self, "lockOverlay", self.tr("值班台已锁定"))
        self.who = QLabel(
            self.tr("{0}（工号 {1}）长时间未操作。请输入密码解锁。").format(
                person.name, person.employee_no
            ),
            panel,
        )
        self.who.setWordWrap(True)
        self.password = QLineEdit(panel)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel(panel)
        self.message.setStyleSheet("color: #ffb4b4;")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("解锁(&U)"), panel)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button = QPushButton(self.tr("退出程序(&Q)"), panel)
        self.quit_button.clicked.connect(self.quit_requested)
        # The next officer signs in on the same PC without the locked person's password.
        self.switch_button = QPushButton(self.tr("切换用户(&W)…"), panel)
        self.switch_button.clicked.connect(self.switch_requested)
        _centre(
            self,
            panel,
            (
                title,
                self.who,
                self.password,
                self.message,
                self.unlock_button,
                self.switch_button,
                self.quit_button,
            ),
        )

    def activate(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.message.clear()
        self.password.clear()
        self.show()
        self.raise_()
        self.password.setFocus()

    @Slot()
    def try_unlock(self) -> bool:
        try:
            self.desk.people.check_password(self.person, self.password.text())
        except DutyDeskError as error:
            self.message.setText(_localized(error, self.lang))
            self.password.clear()
            self.password.setFocus()
            return False
        self.hide()
        self.unlocked.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape must not get past the lock; everything else goes to the password field.
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)


class SignedOutCover(QFrame):
    """Covers the window after 切换用户 until someone signs in; nothing shows behind it."""

    sign_in_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget, previous: Person) -> None:
        super().__init__(parent)
        panel, title = _cover_panel(self, "signedOutCover", self.tr("没有用户登录"))
        self.who = QLabel(
            self.tr("{0}（工号 {1}）已注销。请下一位值班人员登录。").format(
                previous.name, previous.employee_no
            ),
            panel,
        )
        self.who.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("登录(&L)…"), panel)
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.quit_button = QPushButton(self.tr("退出程序(&Q)"), panel)
        self.quit_button.clicked.connect(self.quit_requested)
        _centre(self, panel, (title, self.who, self.sign_in_button, self.quit_button))

    def activate(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.sign_in_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)


def _cover_panel(cover: QFrame, name: str, title_text: str) -> tuple[QFrame, QLabel]:
    """Dress ``cover`` as the dark screen over the window; returns its panel and title."""
    cover.setObjectName(name)
    cover.setAutoFillBackground(True)
    cover.setStyleSheet(f"#{name} {{ background: #2b3440; }} QLabel {{ color: white; }}")
    panel = QFrame(cover)
    panel.setObjectName(f"{name}Panel")
    panel.setStyleSheet(f"#{name}Panel {{ background: #3a4654; border-radius: 8px; }}")
    title = QLabel(title_text, panel)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    title.setFont(font)
    return panel, title


def _centre(cover: QFrame, panel: QFrame, widgets: Sequence[QWidget]) -> None:
    """``widgets`` stacked in ``panel``, the panel in the middle of ``cover``."""
    inner = QVBoxLayout(panel)
    inner.setContentsMargins(24, 24, 24, 24)
    for widget in widgets:
        inner.addWidget(widget)
    panel.setFixedWidth(440)
    # A row with stretches (not an alignment flag) keeps the wrapped label's full height.
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(panel)
    row.addStretch(1)
    outer = QVBoxLayout(cover)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(1)
