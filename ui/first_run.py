"""The first run on a new database: where the data live, site and time zone, the first
administrator or the demo, and what the automatic backups do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QThread, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError, ValidationError
from dutydesk.people.auth import MIN_PASSWORD_LENGTH, Person
from dutydesk.store.paths import backups_dir_for
from ui.forms import ERROR_STYLE, FieldWithError, add_row

# Mainland China first; the rest for rooms abroad or on UTC. Any IANA name can be typed.
COMMON_TIME_ZONES = (
    "Asia/Shanghai",
    "Asia/Urumqi",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "UTC",
)

WELCOME, SITE, ADMIN, BACKUPS = range(4)


class _DemoThread(QThread):
    """Fills the demo on a connection of its own (SQLite connections belong to a thread)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.error: BaseException | None = None

    def run(self) -> None:
        from dutydesk.demo.site import populate_demo

        try:
            with Desk.open(self.path) as desk:
                populate_demo(desk)
        except BaseException as error:  # handed to the GUI thread, which reports it
            self.error = error


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("欢迎使用值班台"))
        self.setSubTitle(self.tr("这是一个新的数据库，下面几步完成设置。"))
        where = wizard.desk.path
        self.location = _wrapped(
            self.tr("全部数据保存在这一个文件中：\n{0}").format(where or "-"), self
        )
        self.new_site = QRadioButton(self.tr("新建值班室，从空白开始(&N)"), self)
        self.demo = QRadioButton(self.tr("先用演示数据熟悉程序(&D)"), self)
        self.new_site.setChecked(True)
        demo_note = _wrapped(
            self.tr(
                "演示数据包含一个值班室三个月的排班、交接班和事件，登录工号 admin，密码 demo1234。"
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.location)
        layout.addSpacing(12)
        layout.addWidget(self.new_site)
        layout.addWidget(self.demo)
        layout.addWidget(demo_note)
        layout.addStretch(1)

    def nextId(self) -> int:
        return BACKUPS if self.demo.isChecked() else SITE


class SitePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("站点"))
        self.setSubTitle(self.tr("值班室的名称会印在每一份报告上；时区决定班次和报告中的时间。"))
        self.site_name = FieldWithError(self)
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.addItems(COMMON_TIME_ZONES)
        self.timezone_error = QLabel(self)
        self.timezone_error.setStyleSheet(ERROR_STYLE)
        self.timezone_error.hide()
        form = QFormLayout(self)
        add_row(form, self.tr("站点名称(&S)："), self.site_name)
        add_row(form, self.tr("时区(&Z)："), self.timezone)
        form.addRow("", self.timezone_error)

    def validatePage(self) -> bool:
        self.site_name.clear_error()
        if not self.site_name.text().strip():
            self.site_name.show_error(self.tr("请填写站点名称"))
            self.site_name.setFocus()
            return False
        return True


class AdminPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("第一位管理员"))
        self.setSubTitle(
            self.tr("管理员添加其他人员、设置班次和站点参数。密码至少 {0} 个字符。").format(
                MIN_PASSWORD_LENGTH
            )
        )
        self.admin_name = FieldWithError(self)
        self.employee_no = FieldWithError(self)
        self.employee_no.setText("admin")
        self.password = FieldWithError(self, password=True)
        self.password_again = FieldWithError(self, password=True)
        self.fields = {
            "name": self.admin_name,
            "employee_no": self.employee_no,
            "password": self.password,
            "password_again": self.password_again,
        }
        form = QFormLayout(self)
        add_row(form, self.tr("管理员姓名(&M)："), self.admin_name)
        add_row(form, self.tr("工号(&E)："), self.employee_no)
        add_row(form, self.tr("密码(&P)："), self.password)
        add_row(form, self.tr("再次输入密码(&A)："), self.password_again)

    def validatePage(self) -> bool:
        return self.wizard_.create_site()


class BackupsPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("自动备份"))
        self.text = _wrapped("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        desk = self.wizard_.desk
        folder = backups_dir_for(desk.path) if desk.path else None
        keep = desk.settings.get_int("backup_keep")
        self.text.setText(
            self.tr(
                "值班台每次启动时、以及运行中每天一次，把数据库完整备份到：\n{0}\n\n"
                "只保留最近 {1} 份（管理员可在 设置 → 站点设置 中修改）。"
                "需要时可用 文件 → 备份 另存一份到U盘，用 文件 → 恢复 从备份恢复；"
                "被替换的文件会保留下来。"
            ).format(folder or "-", keep)
        )

    def validatePage(self) -> bool:
        if self.wizard_.demo_chosen:
            return self.wizard_.fill_demo()
        return True


class FirstRunWizard(QWizard):
    """Guides the administrator through a new database; ``admin`` is set when done.

    With the demo chosen, the database is filled with the demo story and ``admin`` is its
    administrator.
    """

    def __init__(self, desk: Desk, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.lang = lang
        self.admin: Person | None = None
        self.setWindowTitle(self.tr("首次使用值班台"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.welcome = WelcomePage(self)
        self.site = SitePage(self)
        self.admin_page = AdminPage(self)
        self.backups = BackupsPage(self)
        self.setPage(WELCOME, self.welcome)
        self.setPage(SITE, self.site)
        self.setPage(ADMIN, self.admin_page)
        self.setPage(BACKUPS, self.backups)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&X) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setMinimumSize(560, 420)

    @property
    def demo_chosen(self) -> bool:
        return self.welcome.demo.isChecked()

    @Slot()
    def create_site(self) -> bool:
        """Validate the administrator's page and initialise the database in one step."""
        page = self.admin_page
        for field in page.fields.values():
            field.clear_error()
        self.site.timezone_error.hide()
        if page.password.text() != page.password_again.text():
            page.password_again.show_error(self.tr("两次输入的密码不一致"))
            page.password_again.setFocus()
            return False
        try:
            self.admin = self.desk.initialise(
                site_name=self.site.site_name.text(),
                admin_name=page.admin_name.text(),
                admin_employee_no=page.employee_no.text(),
                admin_password=page.password.text(),
                site_timezone=self.site.timezone.currentText().strip(),
            )
        except ValidationError as error:
            if error.field == "site_timezone":
                self.site.timezone_error.setText(error.localized(self.lang))
                self.site.timezone_error.show()
                self.back()
                return False
            if error.field == "site_name":
                self.site.site_name.show_error(error.localized(self.lang))
                self.back()
                return False
            field = page.fields.get(error.field, page.admin_name)
            field.show_error(error.localized(self.lang))
            field.setFocus()
            return False
        except DutyDeskError as error:
            page.admin_name.show_error(error.localized(self.lang))
            return False
        return True

    @Slot()
    def fill_demo(self) -> bool:
        """The demo takes a few seconds: built off the GUI thread behind a busy indicator."""
        if self.desk.path is None:
            return False
        busy = QProgressDialog(self.tr("正在生成演示数据…"), "", 0, 0, self)
        busy.setCancelButton(None)
        busy.setMinimumDuration(0)
        busy.show()
        thread = _DemoThread(self.desk.path)
        loop = QEventLoop()
        thread.finished.connect(loop.quit)
        thread.start()
        loop.exec()
        thread.wait()
        busy.close()
        if isinstance(thread.error, DutyDeskError):
            self.backups.text.setText(thread.error.localized(self.lang))
            return False
        if thread.error is not None:
            raise thread.error
        self.admin = self.desk.people.by_employee_no("admin")
        return True
