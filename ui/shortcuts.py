"""Every keyboard shortcut of the application, in one table.

The main window, the tabs and the dialogs take their keys from here (``sequence``,
``install``, ``assign``), F1 shows the same table (``ui.shortcuts_dialog``), and a test checks
that no two entries that can be active at the same time share a key. Window-wide keys
(``WINDOW``) work on every tab, so no tab or dialog may reuse them; a tab's keys only
need to differ from the other keys of that tab.

Alt + an underlined letter (a mnemonic) is not listed here: the menu titles own
Alt+F, Alt+V, Alt+S and Alt+H, and no control in the main window may use those letters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Shortcuts"
WINDOW = "window"
# Scopes in the order F1 lists them, with their titles.
SCOPES: dict[str, str] = {
    WINDOW: QT_TRANSLATE_NOOP("Shortcuts", "整个窗口"),
    "roster": QT_TRANSLATE_NOOP("Shortcuts", "排班"),
    "handover": QT_TRANSLATE_NOOP("Shortcuts", "交接班"),
    "incidents": QT_TRANSLATE_NOOP("Shortcuts", "事件"),
    "reference": QT_TRANSLATE_NOOP("Shortcuts", "事件基础数据"),
    "kpi": QT_TRANSLATE_NOOP("Shortcuts", "统计"),
    "process": QT_TRANSLATE_NOOP("Shortcuts", "流程"),
    "training": QT_TRANSLATE_NOOP("Shortcuts", "培训"),
    "pdf": QT_TRANSLATE_NOOP("Shortcuts", "PDF 预览"),
}
# Menu-title mnemonics of the main window: no control in it may use these letters.
MENU_MNEMONICS = ("Alt+F", "Alt+V", "Alt+S", "Alt+H")


@dataclass(frozen=True)
class Shortcut:
    name: str  # "scope.what"
    keys: str  # portable key text, e.g. "Ctrl+Shift+F"
    label: str  # Chinese source text, translated in context "Shortcuts"

    @property
    def scope(self) -> str:
        return self.name.split(".", 1)[0]

    def display_label(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.label)

    def sequence(self) -> QKeySequence:
        return QKeySequence(self.keys)


def _s(name: str, keys: str, label: str) -> Shortcut:
    return Shortcut(name, keys, label)


SHORTCUTS: tuple[Shortcut, ...] = (
    # The whole window
    _s("window.open", "Ctrl+O", QT_TRANSLATE_NOOP("Shortcuts", "打开数据库")),
    _s("window.backup", "Ctrl+B", QT_TRANSLATE_NOOP("Shortcuts", "备份")),
    _s("window.export_audit", "Ctrl+Shift+E", QT_TRANSLATE_NOOP("Shortcuts", "导出审计文件")),
    _s("window.verify", "Ctrl+Shift+V", QT_TRANSLATE_NOOP("Shortcuts", "校验数据库")),
    _s("window.shift_report", "Ctrl+Shift+P", QT_TRANSLATE_NOOP("Shortcuts", "值班报告")),
    _s("window.feedback", "Ctrl+Shift+F", QT_TRANSLATE_NOOP("Shortcuts", "提交反馈")),
    _s("window.switch_user", "Ctrl+Shift+W", QT_TRANSLATE_NOOP("Shortcuts", "切换用户")),
    _s("window.lock", "Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "锁定")),
    _s("window.quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "退出")),
    _s("window.help", "F1", QT_TRANSLATE_NOOP("Shortcuts", "键盘快捷键（本表）")),
    _s("window.todo", "F9", QT_TRANSLATE_NOOP("Shortcuts", "待办列表")),
    _s("window.todo_panel", "Ctrl+Shift+T", QT_TRANSLATE_NOOP("Shortcuts", "显示或关闭待办面板")),
    _s("window.tab1", "Ctrl+1", QT_TRANSLATE_NOOP("Shortcuts", "排班标签页")),
    _s("window.tab2", "Ctrl+2", QT_TRANSLATE_NOOP("Shortcuts", "交接班标签页")),
    _s("window.tab3", "Ctrl+3", QT_TRANSLATE_NOOP("Shortcuts", "事件标签页")),
    _s("window.tab4", "Ctrl+4", QT_TRANSLATE_NOOP("Shortcuts", "反馈与改进标签页")),
    _s("window.tab5", "Ctrl+5", QT_TRANSLATE_NOOP("Shortcuts", "统计标签页")),
    _s("window.tab6", "Ctrl+6", QT_TRANSLATE_NOOP("Shortcuts", "流程标签页")),
    _s("window.tab7", "Ctrl+7", QT_TRANSLATE_NOOP("Shortcuts", "培训标签页")),
    # 排班
    _s("roster.previous", "Alt+Left", QT_TRANSLATE_NOOP("Shortcuts", "上个月")),
    _s("roster.next", "Alt+Right", QT_TRANSLATE_NOOP("Shortcuts", "下个月")),
    _s("roster.generate", "Ctrl+G", QT_TRANSLATE_NOOP("Shortcuts", "生成排班")),
    _s("roster.refresh", "F5", QT_TRANSLATE_NOOP("Shortcuts", "刷新")),
    _s("roster.edit", "Return", QT_TRANSLATE_NOOP("Shortcuts", "编辑所选格子")),
    _s("roster.edit_keypad", "Enter", QT_TRANSLATE_NOOP("Shortcuts", "编辑所选格子（小键盘）")),
    _s("roster.clear", "Del", QT_TRANSLATE_NOOP("Shortcuts", "清除所选格子")),
    # 交接班
    _s("handover.current", "Alt+1", QT_TRANSLATE_NOOP("Shortcuts", "当前交接班")),
    _s("handover.history", "Alt+2", QT_TRANSLATE_NOOP("Shortcuts", "历史记录")),
    _s("handover.refresh", "F5", QT_TRANSLATE_NOOP("Shortcuts", "刷新")),
    # 事件
    _s("incidents.search", "Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "跳到搜索框")),
    _s("incidents.new", "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "登记事件")),
    _s("incidents.export", "Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "导出事件")),
    _s("incidents.acknowledge", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Shortcuts", "响应")),
    _s("incidents.start", "Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "开始处理")),
    _s("incidents.escalate", "Ctrl+Shift+U", QT_TRANSLATE_NOOP("Shortcuts", "升级")),
    _s("incidents.resolve", "Ctrl+Shift+R", QT_TRANSLATE_NOOP("Shortcuts", "解决")),
    _s("incidents.close", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Shortcuts", "关闭事件")),
    _s("incidents.reopen", "Ctrl+Shift+O", QT_TRANSLATE_NOOP("Shortcuts", "重新打开")),
    _s("incidents.print", "Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "事件处理单")),
    _s("incidents.note", "Ctrl+Return", QT_TRANSLATE_NOOP("Shortcuts", "保存备注")),
    # 事件基础数据 (dialog)
    _s("reference.new", "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "新增")),
    _s("reference.save", "Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "保存")),
    # 统计
    _s("kpi.previous", "Alt+Left", QT_TRANSLATE_NOOP("Shortcuts", "上一期间")),
    _s("kpi.next", "Alt+Right", QT_TRANSLATE_NOOP("Shortcuts", "下一期间")),
    _s("kpi.refresh", "F5", QT_TRANSLATE_NOOP("Shortcuts", "刷新")),
    # 流程
    _s("process.save", "Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "保存步骤")),
    # 培训
    *(
        _s(f"training.page{n}", f"Alt+{n}", label)
        for n, label in enumerate(
            (
                QT_TRANSLATE_NOOP("Shortcuts", "问卷"),
                QT_TRANSLATE_NOOP("Shortcuts", "现状评估"),
                QT_TRANSLATE_NOOP("Shortcuts", "课程与场次"),
                QT_TRANSLATE_NOOP("Shortcuts", "测试"),
                QT_TRANSLATE_NOOP("Shortcuts", "资格矩阵"),
                QT_TRANSLATE_NOOP("Shortcuts", "实施计划"),
            ),
            start=1,
        )
    ),
    # PDF 预览 (dialog)
    _s("pdf.print", "Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "打印")),
    _s("pdf.save", "Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "另存为")),
    _s("pdf.fit", "Ctrl+0", QT_TRANSLATE_NOOP("Shortcuts", "适合宽度")),
    _s("pdf.close", "Esc", QT_TRANSLATE_NOOP("Shortcuts", "关闭")),
)
BY_NAME: dict[str, Shortcut] = {shortcut.name: shortcut for shortcut in SHORTCUTS}
# Scopes that are separate windows (dialogs): the window-wide keys do not reach them.
DIALOG_SCOPES = frozenset({"reference", "pdf"})


def sequence(name: str) -> QKeySequence:
    return BY_NAME[name].sequence()


def assign(target: QAction | QAbstractButton, name: str) -> QShortcut | None:
    """Give an action or a button the key of ``name``.

    A button keeps its own Alt+letter: QAbstractButton holds one shortcut only, and
    setShortcut would silently drop the mnemonic (Alt+N then typed "n" into the focused
    search box). The table's key becomes a QShortcut beside it that presses the button.
    """
    if isinstance(target, QAction):
        target.setShortcut(sequence(name))
        return None
    button = target

    def press() -> None:
        if button.isEnabled() and button.isVisible():
            button.click()

    shortcut = install(button, name, press)
    if not button.toolTip():
        button.setToolTip(native_text(BY_NAME[name]))
    return shortcut


def install(
    parent: QWidget,
    name: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    """A QShortcut on ``parent`` for the key of ``name``; it fires ``slot``."""
    shortcut = QShortcut(sequence(name), parent)
    shortcut.setContext(context)
    shortcut.setObjectName(f"shortcut:{name}")
    shortcut.activated.connect(slot)
    return shortcut


def clashes() -> list[tuple[str, str, str]]:
    """Pairs of table entries that can be active together and share a key."""
    found = []
    for index, first in enumerate(SHORTCUTS):
        for second in SHORTCUTS[index + 1 :]:
            if first.sequence() != second.sequence():
                continue
            same_scope = first.scope == second.scope
            window_wide = WINDOW in (first.scope, second.scope) and not (
                {first.scope, second.scope} & DIALOG_SCOPES
            )
            if same_scope or window_wide:
                found.append((first.keys, first.name, second.name))
    return found


def native_text(shortcut: Shortcut) -> str:
    return shortcut.sequence().toString(QKeySequence.SequenceFormat.NativeText)


def rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for every shortcut, translated, in table order."""
    listed = [
        (QCoreApplication.translate(CONTEXT, SCOPES[s.scope]), native_text(s), s.display_label())
        for s in SHORTCUTS
    ]
    listed.append(
        (
            QCoreApplication.translate(CONTEXT, SCOPES[WINDOW]),
            QCoreApplication.translate("Shortcuts", "Alt+带下划线的字母"),
            QCoreApplication.translate("Shortcuts", "打开菜单、按下按钮或跳到对应输入框"),
        )
    )
    return listed
