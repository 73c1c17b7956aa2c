"""Collect every key a window answers to and find the ones two controls share.

Walks the widgets visible in a window: QAction shortcuts (the window's own and its
widgets'), QShortcut objects, button shortcuts and the Alt+letter mnemonics of buttons,
labels with a buddy, group boxes, tab bars and menu titles. Pages hidden behind a tab or
a stack are walked one at a time (``walk_pages``), as a person would see them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return f"Alt+{found.group(1).upper()}" if found else None


def _seq(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget is window or widget.isVisibleTo(window)


def collect(window: QWidget) -> dict[str, list[str]]:
    """Key text → what uses it, for everything ``window`` currently shows."""
    keys: dict[str, list[str]] = defaultdict(list)

    def add(key: str | None, what: str) -> None:
        if key:
            keys[key].append(what)

    seen: set[int] = set()

    def actions_of(widget: QWidget, where: str) -> None:
        for action in widget.actions():
            if not isinstance(action, QAction) or action.menu() is not None:
                continue
            if id(action) in seen:  # one action shown by a toolbar and its button
                continue
            seen.add(id(action))
            for sequence in action.shortcuts():
                add(_seq(sequence), f"{where} action {action.text()!r}")

    actions_of(window, "window")
    for widget in window.findChildren(QWidget):
        if not _visible(widget, window) or widget.window() is not window:
            continue
        name = type(widget).__name__
        if widget is not window and not isinstance(widget, QMenuBar):
            actions_of(widget, name)
        if isinstance(widget, QAbstractButton):
            letter = mnemonic(widget.text())
            add(letter, f"button {widget.text()!r}")
            if not widget.shortcut().isEmpty() and _seq(widget.shortcut()) != letter:
                add(_seq(widget.shortcut()), f"button {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(mnemonic(widget.text()), f"label {widget.text()!r}")
        elif isinstance(widget, QGroupBox):
            add(mnemonic(widget.title()), f"group {widget.title()!r}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(mnemonic(widget.tabText(index)), f"tab {widget.tabText(index)!r}")
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(mnemonic(action.text()), f"menu {action.text()!r}")
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if not isinstance(parent, QWidget) or not shortcut.isEnabled():
            continue
        if parent.window() is not window or not _visible(parent, window):
            continue
        if shortcut.context() == Qt.ShortcutContext.WidgetShortcut:
            where = f"{type(parent).__name__} (focus)"
            for sequence in shortcut.keys():
                add(f"{_seq(sequence)} [{where} {id(parent)}]", "shortcut")
            continue
        # A table key beside a button (ui/shortcuts.assign) counts as that button's.
        owner = (
            f"button {parent.text()!r}"
            if isinstance(parent, QAbstractButton)
            else f"QShortcut on {type(parent).__name__}"
        )
        for sequence in shortcut.keys():
            add(_seq(sequence), owner)
    return dict(keys)


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {key: users for key, users in collect(window).items() if len(users) > 1}


def walk_pages(window: QWidget) -> Iterator[str]:
    """Show each page of every visible tab widget and stack in turn (depth first)."""
    seen: set[int] = set()

    def pages(root: QWidget, path: str) -> Iterator[str]:
        containers = [
            w
            for w in root.findChildren(QWidget)
            if isinstance(w, QTabWidget | QStackedWidget)
            and id(w) not in seen
            and _visible(w, window)
            and w.window() is window
        ]
        if not containers:
            yield path
            return
        container = containers[0]
        seen.add(id(container))
        original = container.currentIndex()
        for index in range(container.count()):
            container.setCurrentIndex(index)
            QApplication.processEvents()
            yield from pages(root, f"{path}/{index}")
        container.setCurrentIndex(original)
        seen.discard(id(container))

    yield from pages(window, "")
