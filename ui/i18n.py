"""Fonts and translators: the bundled CJK font and the .qm files of every area."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from dutydesk.store.paths import resources_dir

FONT_FILE = "wqy-microhei.ttc"
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; typed as str (PySide6's stub says object)."""
    del context
    return source


_font_family: str | None = None


def translations_dir() -> Path:
    return resources_dir() / "translations"


def register_bundled_font(app: QApplication) -> str | None:
    """Register WenQuanYi Micro Hei once and make it the application font family.

    Must run after the QApplication exists. Returns the family name (None if missing).
    """
    global _font_family
    if _font_family is None:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            return None
        _font_family = families[0]
    font = QFont(app.font())
    font.setFamilies([_font_family])
    app.setFont(font)
    return _font_family


def bundled_font_family() -> str | None:
    return _font_family


def install_translators(app: QCoreApplication, lang: str) -> list[str]:
    """Replace the installed translators by those for ``lang``; returns the loaded files.

    Source strings are Chinese, so zh_CN needs only Qt's own (standard buttons);
    English loads every ``*_en.qm`` in resources/translations/.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{'en' if lang == 'en' else 'zh_CN'}", qt_dir):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
        loaded.append("qtbase")
    if lang == "en":
        for qm in sorted(translations_dir().glob("*_en.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
                loaded.append(qm.name)
    # Dates, numbers and weekdays in Qt widgets follow the interface language.
    QLocale.setDefault(QLocale("en_US" if lang == "en" else "zh_CN"))
    return loaded
