"""The layering rule: the core never imports Qt or reportlab; reports never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("dutydesk"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_neither_qt_nor_reportlab(path: Path) -> None:
    imported = _imported_modules(path)
    assert not imported & {"PySide6", "shiboken6", "reportlab"}
    if path.parent.name != "cli":
        assert not imported & {"ui", "reports"}, "only dutydesk/cli/ composes ui/ and reports/"


@pytest.mark.parametrize("path", _modules("reports"), ids=lambda p: str(p.relative_to(ROOT)))
def test_reports_never_import_qt(path: Path) -> None:
    assert not _imported_modules(path) & {"PySide6", "shiboken6", "ui"}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "dutydesk" / "cli").glob("*.py")), ids=lambda p: p.name
)
def test_cli_imports_ui_and_reports_only_inside_functions(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in {"ui", "reports"}
        if isinstance(node, ast.Import):
            assert not {a.name.split(".")[0] for a in node.names} & {"ui", "reports"}


def test_ui_holds_no_sql() -> None:
    offenders = []
    for path in _modules("ui"):
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")):
            offenders.append(path.name)
    assert offenders == []
