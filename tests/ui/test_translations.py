"""Every English translation is finished and the .ts files hold every tr() string in ui/."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations_build", TRANSLATIONS / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[tuple[str, str, str], str | None]:
    """(context, source, comment) -> translation text, None when unfinished."""
    found: dict[tuple[str, str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            text = (translation.text or "").strip()
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = text if finished and text else None
    return found


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*_en.ts")), ids=lambda p: p.name)
def test_every_english_translation_is_finished(ts: Path) -> None:
    unfinished = [key for key, text in _messages(ts).items() if text is None]
    assert unfinished == [], f"{ts.name}: fill these, then run build.py"


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*_en.ts")), ids=lambda p: p.name)
def test_every_ts_file_has_its_compiled_qm(ts: Path) -> None:
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"run resources/translations/build.py to compile {qm.name}"


def test_ts_files_hold_every_tr_string_in_ui(tmp_path: Path) -> None:
    build = _build_module()
    fresh_files = build.update_ts(tmp_path)
    assert any(path.name == "common_en.ts" for path in fresh_files)
    missing = []
    for fresh in fresh_files:
        committed = TRANSLATIONS / fresh.name
        have = _messages(committed) if committed.exists() else {}
        missing += [(fresh.name, *key) for key in _messages(fresh) if key not in have]
    assert missing == [], "run `python resources/translations/build.py` and translate"


def test_area_files_go_to_their_own_ts() -> None:
    build = _build_module()
    ui = ROOT / "ui"
    assert build.area_of(ui / "main_window.py", ui) == "common"
    assert build.area_of(ui / "tabs" / "__init__.py", ui) == "common"
    tab = ui / "tabs" / "roster.py"
    if tab.exists():
        assert build.area_of(tab, ui) == "roster"


def test_english_translators_translate_the_tab_titles(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from ui import i18n

    loaded = i18n.install_translators(app, "en")
    assert "common_en.qm" in loaded
    assert QCoreApplication.translate("Tabs", "反馈与改进") == "Feedback & improvement"
    i18n.install_translators(app, "zh_CN")
    assert QCoreApplication.translate("Tabs", "反馈与改进") == "反馈与改进"


def test_tr_is_only_called_on_self() -> None:
    """``other.tr("…")`` looks the text up in the context of other's class at run time,
    while lupdate files it under the variable's name: it is never translated."""
    import re

    pattern = re.compile(r"\b(?!self\b)[a-z_][a-z0-9_]*\.tr\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
