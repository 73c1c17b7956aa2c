"""The one main window: a tab per area, the 文件/设置/帮助 menus, status bar and idle lock."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutydesk.desk import Desk
from dutydesk.errors import DutyDeskError, NotFound
from dutydesk.people import auth
from dutydesk.store import db as storage
from ui import i18n, prefs, shortcuts
from ui.duty_status import DutyStatus
from ui.session import Session
from ui.tabs import TABS, TabSpec

# Imported where first used, so that start-up imports only what the first paint needs.
if TYPE_CHECKING:
    from dutydesk.store.archive import Manifest
    from dutydesk.store.verify import VerifyReport
    from ui.sign_in import LockOverlay, SignedOutCover, SignInDialog
    from ui.worker import BackgroundTask

log = logging.getLogger(__name__)

AUTOMATIC_BACKUP_CHECK_MS = 3600 * 1000  # hourly check; the core makes at most one a day
# How often an open window reads the signed-in person again (and after every write).
ACCOUNT_CHECK_MS = 15 * 1000


class MainWindow(QMainWindow):
    """Attributes: ``session``, ``tabs`` (QTabWidget), the menu actions, ``idle_watcher``.

    ``idle_interval_ms`` overrides the site's idle_lock_minutes (tests use milliseconds).
    """

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()
    signed_in = Signal()
    _signed_out = False  # set before the tab widget reports its first current tab

    def __init__(
        self,
        session: Session,
        *,
        idle_interval_ms: int | None = None,
        automatic_backups: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self._idle_override = idle_interval_ms
        self._hosts: dict[str, QWidget] = {}
        self._placeholders: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        # Start-up paints the window first: the open tab and the status bar's figures are
        # filled in right after the first paint (``finish_start_up``).
        self._start_up_pending = True
        self.last_message = ""
        self.last_backup: Path | None = None
        self.last_manifest: Manifest | None = None
        self.last_verify: VerifyReport | None = None
        self.verify_dialog: Any = None
        self.tasks: list[BackgroundTask] = []

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        for spec in TABS:
            # A light placeholder per tab; the area's widget replaces it when first shown.
            host = QWidget(self.tabs)
            layout = QVBoxLayout(host)
            layout.setContentsMargins(0, 0, 0, 0)
            placeholder = QLabel(host)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setEnabled(False)
            layout.addWidget(placeholder)
            self._hosts[spec.key] = host
            self._placeholders[spec.key] = placeholder
            self.tabs.addTab(host, "")

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.lock_overlay: LockOverlay | None = None
        self.signed_out_cover: SignedOutCover | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self._enabled_before_lock: dict[QAction, bool] = {}
        self._locked = False
        self._covered = False
        from ui.idle import IdleWatcher

        self.idle_watcher = IdleWatcher(self._idle_interval(), self)
        self.idle_watcher.idle.connect(self.lock)
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(AUTOMATIC_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.automatic_backup)
        if automatic_backups:
            self._backup_timer.start()
        self._account_timer = QTimer(self)
        self._account_timer.setInterval(ACCOUNT_CHECK_MS)
        self._account_timer.timeout.connect(self.check_account)
        self._account_timer.start()

        session.data_changed.connect(self._on_data_changed)
        self.retranslate_ui()
        self._restore_window_state()
        self.tabs.currentChanged.connect(self._ensure_current_tab)
        self._first_paint = _FirstPaint(self)

    # ----- start-up ---------------------------------------------------------------------

    @Slot()
    def finish_start_up(self) -> None:
        """Build the open tab and read the status bar's figures (once, after the first
        paint; tests that never show the window may call it themselves)."""
        if not self._start_up_pending:
            return
        self._start_up_pending = False
        self.duty_status.refresh()
        self._ensure_current_tab(self.tabs.currentIndex())
        from ui.todo_panel import install_todo

        self.todo_panel = install_todo(self)  # 待办: shown now and at every sign-in

    # ----- tabs -------------------------------------------------------------------------

    def tab_keys(self) -> list[str]:
        return [spec.key for spec in TABS]

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&&", "&") for i in range(self.tabs.count())]

    def tab(self, key: str) -> QWidget:
        """The area's widget, created on first use."""
        if key not in self._widgets:
            spec = next(s for s in TABS if s.key == key)
            self._widgets[key] = self._create_tab(spec)
        return self._widgets[key]

    def select_tab(self, key: str) -> QWidget:
        self.finish_start_up()  # going to a tab before the first paint: start-up ends now
        self.tabs.setCurrentIndex(self.tab_keys().index(key))
        return self.tab(key)

    def _create_tab(self, spec: TabSpec) -> QWidget:
        host = self._hosts[spec.key]
        self._placeholders[spec.key].hide()
        try:
            widget = spec.create(self.session, host)
        except DutyDeskError as error:
            log.exception("tab %s failed to open", spec.key)
            widget = QLabel(
                self.tr("此页面无法打开：{0}").format(self.session.error_text(error)), host
            )
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setWordWrap(True)
        layout = host.layout()
        if layout is not None:
            layout.addWidget(widget)
        return widget

    @Slot(int)
    def _ensure_current_tab(self, index: int) -> None:
        if self._signed_out:
            return  # nobody signed in: no tab is built until someone is
        if self._start_up_pending:
            self.finish_start_up()  # another tab before the first paint: start-up ends now
            return
        if 0 <= index < len(TABS):
            self.tab(TABS[index].key)

    def _rebuild_tabs(self) -> None:
        """Recreate every opened tab (after a language switch, a new database or user)."""
        current = self.tabs.currentIndex()
        self._drop_tabs()
        self._ensure_current_tab(current)

    @Slot(str)
    def _on_data_changed(self, area: str) -> None:
        self.check_account()
        # Every successful write says so briefly in the status bar.
        titles = {spec.key: spec.display_title() for spec in TABS}
        if area in titles:
            self.statusBar().showMessage(self.tr("已保存（{0}）").format(titles[area]), 5000)
        elif area == "settings":
            self.statusBar().showMessage(self.tr("站点设置已保存"), 5000)
        else:
            self.statusBar().showMessage(self.tr("已保存"), 5000)
        if area == "settings":
            self.idle_watcher.set_interval(self._idle_interval())
            self.retranslate_ui()

    # ----- actions and menus ------------------------------------------------------------

    def _action(
        self, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Any
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = shortcuts.sequence
        self.open_action = self._action(keys("window.open"), self.open_database)
        self.backup_action = self._action(keys("window.backup"), self.backup)
        self.restore_action = self._action(None, self.restore)
        self.export_action = self._action(keys("window.export_audit"), self.export_audit)
        self.verify_action = self._action(keys("window.verify"), self.verify)
        self.shift_report_action = self._action(keys("window.shift_report"), self.open_shift_report)
        self.quit_action = self._action(keys("window.quit"), self.close)
        self.lock_action = self._action(keys("window.lock"), self.lock)
        self.switch_user_action = self._action(keys("window.switch_user"), self.switch_user)
        self.site_settings_action = self._action(None, self.edit_site_settings)
        self.about_action = self._action(None, self.about)
        self.shortcuts_action = self._action(keys("window.help"), self.show_shortcuts)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in prefs.LANGUAGES:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(lang == self.session.lang)
            action.triggered.connect(lambda _checked=False, code=lang: self.set_language(code))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        self.tab_actions: list[QAction] = []
        for number, spec in enumerate(TABS, start=1):
            self.tab_actions.append(
                self._action(
                    shortcuts.sequence(f"window.tab{number}"),
                    lambda _c=False, key=spec.key: self.select_tab(key),
                )
            )
        from ui.feedback_shortcut import install_feedback_shortcut

        self.feedback_action = install_feedback_shortcut(self)
        self._apply_permissions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (
            self.open_action,
            None,
            self.backup_action,
            self.restore_action,
            None,
            self.export_action,
            self.verify_action,
            None,
            self.shift_report_action,
            None,
            self.switch_user_action,
            self.lock_action,
            self.quit_action,
        ):
            if action is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addAction(self.site_settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.person_label = QLabel(self)
        self.database_label = QLabel(self)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.person_label)
        self.duty_status = DutyStatus(self.session, self, refresh_now=False)
        self.statusBar().addWidget(self.duty_status)
        self.statusBar().addPermanentWidget(self.database_label)

    def add_status_widget(self, widget: QWidget, *, permanent: bool = False) -> None:
        """Later features add their indicators (who is on duty, open items) here."""
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget)

    def retranslate_ui(self, *, reread: bool = True) -> None:
        """Set every text; ``reread`` False uses the cached site name (no database access)."""
        if reread or not hasattr(self, "_site_name"):
            self._site_name = self.session.desk.settings.get("site_name")
        self.setWindowTitle(self.tr("值班台 — {0}").format(self._site_name))
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.settings_menu.setTitle(self.tr("设置(&S)"))
        self.language_menu.setTitle(self.tr("语言(&L)"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.open_action.setText(self.tr("打开数据库(&O)…"))
        self.backup_action.setText(self.tr("备份(&B)…"))
        self.restore_action.setText(self.tr("恢复(&R)…"))
        self.export_action.setText(self.tr("导出审计文件(&E)…"))
        self.verify_action.setText(self.tr("校验数据库(&V)"))
        self.shift_report_action.setText(self.tr("值班报告(&R)…"))
        self.lock_action.setText(self.tr("锁定(&L)"))
        self.switch_user_action.setText(self.tr("切换用户(&U)…"))
        self.quit_action.setText(self.tr("退出(&X)"))
        self.site_settings_action.setText(self.tr("站点设置(&S)…"))
        self.about_action.setText(self.tr("关于(&A)"))
        self.shortcuts_action.setText(self.tr("键盘快捷键(&K)"))
        self.language_actions["zh_CN"].setText("中文 (zh_CN)")
        self.language_actions["en"].setText("English")
        # After 切换用户 the rights may differ: the hint follows the current person.
        if self.session.person.may("database.restore"):
            self.restore_action.setToolTip(self.restore_action.text().replace("&", ""))
        else:
            self.restore_action.setToolTip(self.tr("仅管理员可恢复数据库"))
        for placeholder in self._placeholders.values():
            placeholder.setText(self.tr("正在打开…"))
        for index, spec in enumerate(TABS):
            # "&" would become a mnemonic ("Feedback & improvement"): double it.
            label = spec.display_title().replace("&", "&&")
            self.tabs.setTabText(index, label)
            self.tab_actions[index].setText(label)
        person = self.session.person
        if self._signed_out:
            self.person_label.setText(self.tr("当前用户：无（已注销）"))
        else:
            self.person_label.setText(
                self.tr("当前用户：{0}（{1}）").format(person.name, self.session.role_text())
            )
        self.database_label.setText(self.tr("数据库：{0}").format(self.session.db_path))

    # ----- language ---------------------------------------------------------------------

    @Slot(str)
    def set_language(self, lang: str) -> None:
        """Switch live: translators, menus, tab titles, and every open tab is rebuilt."""
        lang = prefs.normalize_language(lang) or prefs.DEFAULT_LANGUAGE
        prefs.store_language(lang)
        app = QCoreApplication.instance()
        if app is not None:
            i18n.install_translators(app, lang)
        self.session.lang = lang
        self.language_actions[lang].setChecked(True)
        self.retranslate_ui()
        self.save_pending_input()  # typed remarks and an open cell survive the rebuild
        self._rebuild_tabs()
        if self.lock_overlay is not None and not self.is_locked:
            self.lock_overlay.deleteLater()
            self.lock_overlay = None
        self.statusBar().showMessage(self.tr("界面语言已切换，立即生效。"), 8000)
        self.session.language_changed.emit(lang)

    # ----- messages (monkeypatch these in tests) ----------------------------------------

    def show_info(self, title: str, text: str) -> None:
        self.last_message = text
        QMessageBox.information(self, title, text)

    def show_error(self, title: str, text: str) -> None:
        self.last_message = text
        QMessageBox.warning(self, title, text)

    def ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose_save_path(self, title: str, suggested: str, filter_text: str) -> Path | None:
        start = self.session.db_path.parent if self.session.db_path else Path.home()
        name, _ = QFileDialog.getSaveFileName(self, title, str(start / suggested), filter_text)
        return Path(name) if name else None

    def choose_open_path(self, title: str, start: Path | None, filter_text: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, str(start or Path.home()), filter_text)
        return Path(name) if name else None

    def _background(self, title: str, fn: Any, on_done: Any, **kwargs: Any) -> BackgroundTask:
        from ui.worker import run_in_background

        task = run_in_background(self, title, fn, on_done, session=self.session, **kwargs)
        self.tasks = [t for t in self.tasks if not t.is_finished] + [task]
        return task

    def _stamp(self) -> str:
        return self.session.site_time(self.session.desk.clock(), "%Y%m%d-%H%M")

    # ----- 文件 menu -------------------------------------------------------------------

    @Slot()
    def open_database(self) -> None:
        from ui.opening import choose_database, open_desk_interactive, sign_in_interactive

        chosen = choose_database(self, self.session.db_path)
        if chosen is None:
            return
        desk = open_desk_interactive(self, chosen, lang=self.session.lang)
        if desk is None:
            return
        person = sign_in_interactive(self, desk, lang=self.session.lang)
        if person is None:
            desk.close()
            return
        self.save_pending_input()  # into the database they were typed for
        self.switch_database(desk, person)

    def switch_database(self, desk: Desk, person: auth.Person) -> None:
        """Close the current database and show ``desk`` signed in as ``person``."""
        old = self.session.desk
        self.session.desk = desk
        self.session.person = person
        if old is not desk:
            old.close()
        if desk.path is not None:
            prefs.store_last_database(str(desk.path))
        self._apply_permissions()
        self.idle_watcher.set_interval(self._idle_interval())
        if self.lock_overlay is not None:
            self.lock_overlay.deleteLater()
            self.lock_overlay = None
        self.retranslate_ui()
        self._rebuild_tabs()
        self.session.data_changed.emit("*")

    def _apply_permissions(self) -> None:
        person = self.session.person
        self.restore_action.setEnabled(person.may("database.restore"))
        self.site_settings_action.setEnabled(person.may("settings.edit"))
        self.export_action.setEnabled(person.may("audit.export"))
        self.backup_action.setEnabled(person.may("database.backup"))

    @Slot()
    def backup(self) -> None:
        stem = self.session.db_path.stem if self.session.db_path else "dutydesk"
        dest = self.choose_save_path(
            self.tr("备份到"), f"{stem}-backup-{self._stamp()}.db", "DutyDesk (*.db)"
        )
        if dest is not None:
            self.do_backup(dest)

    def do_backup(self, dest: Path) -> BackgroundTask:
        """Online backup to ``dest`` in the worker; reports the file when done."""
        dest = Path(dest)
        auth.require(self.session.person, "database.backup")

        def work(desk: Desk, progress: Any) -> Path:
            if dest.resolve() == Path(desk.path or "").resolve():
                raise DutyDeskError(
                    "不能备份到正在使用的数据库文件本身", en="Cannot back up onto the open database"
                )
            return storage.backup_to(desk.db, dest)

        def done(made: Path) -> None:
            self.last_backup = made
            self.statusBar().showMessage(self.tr("已备份到 {0}").format(made), 10000)
            self.show_info(self.tr("备份"), self.tr("备份完成：\n{0}").format(made))

        return self._background(self.tr("正在备份…"), work, done, on_error=self._task_failed)

    def _task_failed(self, error: BaseException) -> None:
        self.show_error(self.tr("操作失败"), self.session.error_text(error))

    @Slot()
    def restore(self) -> None:
        backups = storage_backups_dir(self.session.db_path)
        chosen = self.choose_open_path(self.tr("选择要恢复的备份"), backups, "DutyDesk (*.db)")
        if chosen is not None:
            self.do_restore(chosen)

    def do_restore(self, backup: Path, *, confirm: bool = True) -> Path | None:
        """Admin only: confirm naming both files, close, restore, reopen; returns the kept file."""
        session = self.session
        target = session.db_path
        try:
            auth.require(session.person, "database.restore")
        except DutyDeskError as error:
            self.show_error(self.tr("恢复"), session.error_text(error))
            return None
        if target is None:
            return None
        if any(not task.is_finished for task in self.tasks):
            self.show_error(self.tr("恢复"), self.tr("有后台任务正在运行，请等它完成后再恢复。"))
            return None
        if confirm and not self.ask(
            self.tr("确认恢复"),
            self.tr(
                "用备份文件\n{0}\n替换当前数据库\n{1}？\n\n"
                "当前文件会被保留在原目录中（文件名带 replaced）。"
            ).format(backup, target),
        ):
            return None
        self.save_pending_input()  # typed input goes into the file that is kept aside
        clock = session.desk.clock
        kept: Path | None = None
        failure: DutyDeskError | None = None
        session.desk.close()  # restore_from needs the file closed
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            kept = storage.restore_from(backup, target, now=clock(), actor=session.person)
        except DutyDeskError as error:
            failure = error  # the backup was refused; the current file is untouched
        finally:
            desk = Desk.open(target, clock=clock)
            QApplication.restoreOverrideCursor()
        if failure is not None:
            session.desk = desk
            self.show_error(self.tr("恢复失败"), session.error_text(failure))
            return None
        try:
            person = desk.people.get(session.person.id)
            if person.employee_no != session.person.employee_no or not person.active:
                raise NotFound("signed-in person is not in the restored file")
        except NotFound:
            from ui.opening import sign_in_interactive

            found = sign_in_interactive(self, desk, lang=session.lang)
            if found is None:
                self.session.desk = desk
                self.close()
                return kept
            person = found
        self.switch_database(desk, person)
        where = kept if kept is not None else self.tr("（原位置没有文件）")
        self.show_info(
            self.tr("恢复"),
            self.tr("已从 {0} 恢复数据库。\n被替换的文件保存在：\n{1}").format(backup, where),
        )
        return kept

    @Slot()
    def export_audit(self) -> None:
        stem = self.session.db_path.stem if self.session.db_path else "dutydesk"
        dest = self.choose_save_path(
            self.tr("导出审计文件"), f"{stem}-audit-{self._stamp()}.db", "DutyDesk (*.db)"
        )
        if dest is not None:
            self.do_export(dest)

    def do_export(self, dest: Path) -> BackgroundTask:
        dest = Path(dest)
        exporter = self.session.person

        def work(desk: Desk, progress: Any) -> Manifest:
            from dutydesk.store.archive import export_for_audit

            return export_for_audit(desk, dest, exporter=exporter)

        def done(manifest: Manifest) -> None:
            self.last_manifest = manifest
            self.show_info(self.tr("导出审计文件"), self.manifest_summary(dest, manifest))

        return self._background(
            self.tr("正在导出审计文件…"), work, done, on_error=self._task_failed
        )

    def manifest_summary(self, dest: Path, manifest: Manifest) -> str:
        from dutydesk.store.archive import manifest_path_for

        tables = sum(1 for count in manifest.row_counts.values() if count)
        return "\n".join(
            [
                self.tr("审计文件：{0}").format(dest),
                self.tr("清单：{0}").format(manifest_path_for(dest)),
                self.tr("导出人：{0}，时间：{1}").format(manifest.exporter, manifest.exported_at),
                self.tr("结构版本：{0}；有数据的表：{1} 个；审计记录：{2} 条").format(
                    manifest.schema_version, tables, manifest.audit_rows
                ),
                self.tr("审计链头哈希：{0}").format(manifest.audit_head_hash),
                self.tr("文件 SHA-256：{0}").format(manifest.file_sha256),
            ]
        )

    @Slot()
    def verify(self) -> BackgroundTask:
        label = self.tr("正在校验数据库：存储、结构、审计链、记录、签名、搜索索引…")

        def work(desk: Desk, progress: Any) -> VerifyReport:
            from dutydesk.store.verify import verify_database

            # A bar that fills as rows are checked; Cancel stops at the next step.
            return verify_database(
                desk.db, progress=lambda done, total: progress(done, total, label)
            )

        return self._background(
            self.tr("正在校验数据库…"), work, self.show_verify_result, on_error=self._task_failed
        )

    def show_verify_result(self, report: VerifyReport) -> None:
        from ui.verify_dialog import VerifyResultDialog

        self.last_verify = report
        self.last_message = self.tr("校验通过") if report.ok else self.tr("校验发现问题")
        self.verify_dialog = VerifyResultDialog(self.session, report, self)
        self.verify_dialog.open()

    @Slot()
    def open_shift_report(self) -> Any:
        from ui.shift_report_dialog import ShiftReportDialog

        self.shift_report_dialog = ShiftReportDialog(self.session, self)
        self.shift_report_dialog.open()
        return self.shift_report_dialog

    # ----- 设置 and 帮助 -----------------------------------------------------------------

    @Slot()
    def edit_site_settings(self) -> Any:
        from ui.site_settings import SiteSettingsDialog

        dialog = SiteSettingsDialog(self.session, self)
        dialog.open()
        return dialog

    @Slot()
    def about(self) -> QDialog:
        from ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.session.desk, self)
        self.last_message = dialog.facts
        dialog.open()
        return dialog

    def shortcuts_text(self) -> str:
        """Every shortcut of the application (ui/shortcuts.py), one per line."""
        return "\n".join("\t".join(row) for row in shortcuts.rows())

    @Slot()
    def show_shortcuts(self) -> None:
        self.last_message = self.shortcuts_text()
        shortcuts.ShortcutsDialog(self).exec()

    # ----- automatic backup -------------------------------------------------------------

    @Slot()
    def automatic_backup(self) -> BackgroundTask | None:
        if self.session.db_path is None:
            return None

        def work(desk: Desk, progress: Any) -> Path | None:
            return desk.automatic_backup()

        def done(made: Path | None) -> None:
            if made is not None:
                self.statusBar().showMessage(self.tr("已自动备份到 {0}").format(made), 10000)

        def failed(error: BaseException) -> None:
            log.warning("automatic backup failed: %s", error)
            self.statusBar().showMessage(
                self.tr("自动备份失败：{0}").format(self.session.error_text(error)), 30000
            )

        return self._background(
            self.tr("正在自动备份…"), work, done, on_error=failed, show_progress=False
        )

    @Slot()
    def check_account(self) -> bool:
        """Read the signed-in person again: a deactivated (or removed) account is signed
        out at once (the lock cannot be lifted by an inactive account, only 退出 works);
        changed roles take effect in the menus. The core refuses their writes regardless."""
        session = self.session
        try:
            current = session.desk.people.get(session.person.id)
        except NotFound:
            current = None
        except (DutyDeskError, sqlite3.Error):  # closed or busy: the next check will tell
            return True
        if current is None or not current.active:
            self.last_message = self.tr("账号已停用，已退出登录")
            self.lock()
            if self.lock_overlay is not None:
                self.lock_overlay.message.setText(self.last_message)
            self.statusBar().showMessage(self.last_message)
            return False
        if current.roles != session.person.roles:
            session.person = current
            self._apply_permissions()
        return True

    # ----- idle lock --------------------------------------------------------------------

    def _idle_interval(self) -> int:
        if self._idle_override is not None:
            return self._idle_override
        return self.session.desk.settings.get_int("idle_lock_minutes") * 60 * 1000

    def set_idle_interval(self, interval_ms: int) -> None:
        self._idle_override = interval_ms
        self.idle_watcher.set_interval(interval_ms)

    def start_idle_watch(self) -> None:
        self.idle_watcher.start()

    @property
    def is_locked(self) -> bool:
        """Locked after the idle period, or signed out (切换用户) with nobody signed in yet."""
        return self._locked or self._signed_out

    @property
    def is_signed_out(self) -> bool:
        return self._signed_out

    def _open_dialogs(self) -> list[QDialog]:
        return [
            dialog
            for dialog in self.findChildren(QDialog)
            if dialog.isVisible()
            and not isinstance(dialog, QProgressDialog)
            and dialog is not self.sign_in_dialog
        ]

    def _cover(self) -> None:
        """Disable the window behind a lock or sign-out cover (once, however often called)."""
        self.idle_watcher.pause()
        if self._covered:
            return
        # Window shortcuts (Ctrl+1…7, Ctrl+B, …) must not work behind the lock; 退出 still does.
        self._enabled_before_lock = {action: action.isEnabled() for action in self.actions()}
        for action in self._enabled_before_lock:
            action.setEnabled(action is self.quit_action)
        self.menuBar().setEnabled(False)
        self.tabs.setEnabled(False)
        # Open dialogs would show data over the lock and block its password field.
        for dialog in self._open_dialogs():
            dialog.reject()
        self._covered = True

    def _uncover(self) -> None:
        for action, enabled in self._enabled_before_lock.items():
            action.setEnabled(enabled)
        self._enabled_before_lock = {}
        self._apply_permissions()
        self.menuBar().setEnabled(True)
        self.tabs.setEnabled(True)
        self._covered = False
        self.idle_watcher.start()

    @Slot()
    def lock(self) -> None:
        if self.is_locked:
            return
        if self.lock_overlay is None:
            from ui.sign_in import LockOverlay

            session = self.session
            self.lock_overlay = LockOverlay(self, session.desk, session.person, session.lang)
            self.lock_overlay.unlocked.connect(self._unlocked)
            self.lock_overlay.quit_requested.connect(self.close)
            self.lock_overlay.switch_requested.connect(self.switch_user)
        self._cover()
        self.lock_overlay.activate()
        self._locked = True
        self.locked.emit()

    @Slot()
    def _unlocked(self) -> None:
        self._locked = False
        self._uncover()
        self.unlocked.emit()

    # ----- 切换用户 ---------------------------------------------------------------------

    def save_pending_input(self) -> bool:
        """Ask every open tab to save what is typed; False when something was refused."""
        saved = True
        for widget in list(self._widgets.values()):
            save = getattr(widget, "save_pending_input", None)
            if callable(save) and not save():
                saved = False
        return saved

    def _may_leave(self, what: str) -> bool:
        """Save typed input; ask before discarding what cannot be saved or open dialogs."""
        if not self.save_pending_input() and not self.ask(
            what, self.tr("有输入的内容未能保存（见上一条提示）。放弃这些内容并继续吗？")
        ):
            return False
        if self._open_dialogs() and not self.ask(
            what, self.tr("还有打开的对话框，其中未确认的输入将被放弃。继续吗？")
        ):
            return False
        return True

    @Slot()
    def switch_user(self) -> None:
        """Sign the current person out (audited) and show the sign-in for the next one.

        Until someone signs in the window stays covered; cancelling the sign-in keeps it so.
        """
        if self._signed_out:
            self.show_sign_in()
            return
        if not self._locked and not self._may_leave(self.tr("切换用户")):
            return
        if self._locked:
            self.save_pending_input()  # the locked person's typing is kept, never asked about
        self.sign_out()
        self.show_sign_in()

    def sign_out(self) -> None:
        """Cover the window, close every tab and record the sign-out."""
        person = self.session.person
        self._cover()
        if self.lock_overlay is not None:
            self.lock_overlay.hide()
            self.lock_overlay.deleteLater()
            self.lock_overlay = None
        self._locked = False
        self._signed_out = True
        self._drop_tabs()
        try:
            self.session.desk.people.sign_out(person)
        except DutyDeskError as error:  # the sign-out stands even if the audit row failed
            log.warning("sign-out not recorded: %s", error)
        if self.signed_out_cover is not None:
            self.signed_out_cover.deleteLater()
        from ui.sign_in import SignedOutCover

        self.signed_out_cover = SignedOutCover(self, person)
        self.signed_out_cover.sign_in_requested.connect(self.show_sign_in)
        self.signed_out_cover.quit_requested.connect(self.close)
        self.signed_out_cover.activate()
        self.statusBar().clearMessage()
        self.retranslate_ui(reread=False)
        self.signed_out.emit()

    @Slot()
    def show_sign_in(self) -> SignInDialog:
        """The sign-in dialog over the cover (window-modal, so tests can type into it)."""
        if self.sign_in_dialog is not None and self.sign_in_dialog.isVisible():
            self.sign_in_dialog.activateWindow()
            return self.sign_in_dialog
        from ui.sign_in import SignInDialog

        dialog = SignInDialog(self.session.desk, lang=self.session.lang, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._signed_in_as(dialog.person))
        dialog.rejected.connect(self._sign_in_cancelled)
        self.sign_in_dialog = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.employee_no.setFocus()
        return dialog

    @Slot()
    def _sign_in_cancelled(self) -> None:
        self.sign_in_dialog = None
        if self.signed_out_cover is not None:
            self.signed_out_cover.activate()

    def _signed_in_as(self, person: auth.Person | None) -> None:
        self.sign_in_dialog = None
        if person is None:  # pragma: no cover - accepted always carries the person
            self._sign_in_cancelled()
            return
        self.session.person = person
        self._signed_out = False
        if self.signed_out_cover is not None:
            self.signed_out_cover.hide()
            self.signed_out_cover.deleteLater()
            self.signed_out_cover = None
        self._uncover()
        self.retranslate_ui()
        self._rebuild_tabs()
        self.session.data_changed.emit("*")
        # Keys go on working at once: the window takes the focus back from the dialog.
        self.activateWindow()
        self.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)
        self.signed_in.emit()

    def _drop_tabs(self) -> None:
        focus = QApplication.focusWidget()
        for key, widget in list(self._widgets.items()):
            if focus is not None and widget.isAncestorOf(focus):
                # Reparenting the focus widget would leave the application without an
                # active window (keys then go nowhere): give the focus back first.
                self.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
            del self._widgets[key]
            self._placeholders[key].show()

    # ----- window state -----------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = prefs.qsettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        last_tab = settings.value("window/tab", "")
        if last_tab in self.tab_keys():
            self.tabs.setCurrentIndex(self.tab_keys().index(str(last_tab)))

    def save_window_state(self) -> None:
        settings = prefs.qsettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.tab_keys()[max(0, self.tabs.currentIndex())])
        settings.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for cover in (self.lock_overlay, self.signed_out_cover):
            if cover is not None and cover.isVisible():
                cover.setGeometry(self.rect())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "help_menu"):
            self.retranslate_ui(reread=False)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            not self._covered
            and not self.save_pending_input()
            and not self.ask(
                self.tr("退出"),
                self.tr("有输入的内容未能保存（见上一条提示）。放弃这些内容并退出吗？"),
            )
        ):
            event.ignore()
            return
        self.save_window_state()
        self.idle_watcher.stop()
        self._backup_timer.stop()
        # A closed window keeps its children until deleted: stop the status bar's clock so
        # it never reads a database that its owner has closed meanwhile.
        self.duty_status.timer.stop()
        self._account_timer.stop()
        for task in self.tasks:
            if not task.is_finished:
                task.wait()
        super().closeEvent(event)


class _FirstPaint(QObject):
    """Ends the window's start-up once its first frame is painted (then removes itself)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            # The frame is on screen once this paint returns: build the open tab next.
            QTimer.singleShot(0, self.window.finish_start_up)
        return False


def storage_backups_dir(db_path: Path | None) -> Path | None:
    from dutydesk.store.paths import backups_dir_for

    return backups_dir_for(db_path) if db_path else None


def build_main_window(
    session: Session, *, idle_interval_ms: int | None = None, automatic_backups: bool = False
) -> MainWindow:
    """The window for a signed-in session (used by run_gui, tests and the benchmark)."""
    return MainWindow(
        session, idle_interval_ms=idle_interval_ms, automatic_backups=automatic_backups
    )
