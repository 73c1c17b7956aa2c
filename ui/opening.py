"""Opening a database from the window: clear messages instead of tracebacks, then sign-in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from dutydesk.desk import Desk
from dutydesk.errors import DatabaseOpenError, DutyDeskError
from dutydesk.people.auth import Person
from ui.first_run import FirstRunWizard
from ui.sign_in import SignInDialog

DB_FILTER = "DutyDesk (*.db *.sqlite *.sqlite3);;* (*)"


def choose_database(parent: QWidget | None, start: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Opening", "选择数据库文件"),
        str(start.parent if start else Path.home()),
        DB_FILTER,
    )
    return Path(name) if name else None


def open_desk_interactive(
    parent: QWidget | None, path: Path, *, lang: str, create: bool = False
) -> Desk | None:
    """Open ``path``; on a DatabaseOpenError explain it and offer to choose another file.

    Returns None when the user gives up.
    """
    while True:
        try:
            return Desk.open(path, create=create)
        except DatabaseOpenError as error:
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(QCoreApplication.translate("Opening", "无法打开数据库"))
            # Chinese first (the users' language); English added when that is the UI language.
            text = error.message
            if lang == "en" and error.message_en != error.message:
                text += "\n" + error.message_en
            box.setText(text)
            box.setInformativeText(
                QCoreApplication.translate(
                    "Opening", "文件：{0}\n文件没有被修改。可以选择另一个数据库文件。"
                ).format(path)
            )
            other = box.addButton(
                QCoreApplication.translate("Opening", "选择其他文件(&O)…"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(
                QCoreApplication.translate("Opening", "取消"), QMessageBox.ButtonRole.RejectRole
            )
            box.exec()
            if box.clickedButton() is not other:
                return None
            chosen = choose_database(parent, path)
            if chosen is None:
                return None
            path, create = chosen, False


def sign_in_interactive(parent: QWidget | None, desk: Desk, *, lang: str) -> Person | None:
    """First-run set-up when the database is new, then the sign-in dialog."""
    try:
        new_admin: Person | None = None
        if not desk.is_initialised:
            first = FirstRunWizard(desk, lang=lang, parent=parent)
            if first.exec() != QDialog.DialogCode.Accepted:
                return None
            new_admin = first.admin
        dialog = SignInDialog(desk, lang=lang, parent=parent)
        if new_admin is not None:
            dialog.employee_no.setText(new_admin.employee_no)
            dialog.password.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.person
    except DutyDeskError as error:
        QMessageBox.warning(
            parent, QCoreApplication.translate("Opening", "登录"), error.localized(lang)
        )
        return None
