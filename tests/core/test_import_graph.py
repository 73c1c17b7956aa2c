"""The core's areas form layers: read every import (TYPE_CHECKING ones too) and check them.

Layers, bottom to top:

- base: ``clock``, ``errors``, ``text`` (import nothing of DutyDesk but each other)
- ``store``: the database, audit, signing, settings (imports only the base)
- ``people``: people, roles, permissions, shared input checks (imports store and base)
- the feature areas (roster, handover, incidents, improvement, kpi, process, training):
  each imports base, store and people, and another feature area only along an edge
  listed in ``ALLOWED`` below, with its reason
- ``connections`` (joins the areas' hooks) and ``desk`` (composes every service)
- ``demo`` and ``cli``: build and drive a whole Desk

No area imports ``desk``, ``connections``, ``demo`` or ``cli``, and the area graph has no
circle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import dutydesk

ROOT = Path(dutydesk.__file__).parent
BASE = {"clock", "errors", "text", "limits", "schema", "__init__"}
FEATURES = {"roster", "handover", "incidents", "improvement", "kpi", "process", "training"}
ABOVE = {"connections", "desk", "demo", "cli"}

# area -> area edges between feature areas, each with why it exists.
ALLOWED: dict[tuple[str, str], str] = {
    ("handover", "roster"): "the shift report reads the roster's assignments (read-only)",
    ("handover", "incidents"): "the shift report lists incidents with their status labels",
    ("kpi", "roster"): "KPIs measure duty hours and gaps from the roster",
    ("kpi", "incidents"): "KPIs measure and export the incident log",
    ("improvement", "training"): "the to-do list names qualifications about to expire",
    ("kpi", "improvement"): "a breached KPI target is raised as a problem",
    ("process", "kpi"): "a process definition names the KPIs that measure its steps",
    ("training", "roster"): "training records the roster's duty qualifications",
}


def area_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "dutydesk":
        return None
    if len(parts) == 1 or not ((ROOT / parts[1]).is_dir() or (ROOT / f"{parts[1]}.py").is_file()):
        return "__init__"  # the package itself, or a name it offers (``__version__``)
    return parts[1]


def imports() -> dict[tuple[str, str], set[str]]:
    """(importing area, imported area) -> the files that make the edge."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT.parent).with_suffix("")
        module = ".".join(relative.parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        source = area_of(module)
        assert source is not None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                imported = area_of(target)
                if imported is not None and imported != source:
                    edges[(source, imported)].add(str(path.relative_to(ROOT.parent)))
    return edges


def test_the_reader_sees_type_checking_imports() -> None:
    """The graph below is only worth something if it sees every kind of import."""
    edges = imports()
    assert ("store", "clock") in edges  # a plain import
    assert ("people", "store") in edges
    assert ("desk", "roster") in edges


def test_no_area_imports_what_stands_above_it() -> None:
    wrong = {
        edge: sorted(files)
        for edge, files in imports().items()
        if edge[0] not in ABOVE and edge[1] in ABOVE
    }
    assert wrong == {}


def test_base_and_store_import_nothing_above_them() -> None:
    wrong = {
        edge: sorted(files)
        for edge, files in imports().items()
        if (edge[0] in BASE and edge[1] not in BASE)
        or (edge[0] == "store" and edge[1] not in BASE)
        or (edge[0] == "people" and edge[1] not in BASE | {"store"})
    }
    assert wrong == {}


def test_feature_areas_meet_only_along_declared_edges() -> None:
    between = {
        edge: sorted(files)
        for edge, files in imports().items()
        if edge[0] in FEATURES and edge[1] in FEATURES
    }
    undeclared = {edge: files for edge, files in between.items() if edge not in ALLOWED}
    assert undeclared == {}
    stale = set(ALLOWED) - set(between)
    assert stale == set(), "an allowed edge no longer exists: remove it from ALLOWED"


def test_no_circle_between_areas() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in imports():
        if source not in ABOVE and target not in ABOVE:
            graph[source].add(target)
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            raise AssertionError("circle: " + " -> ".join([*path[path.index(node) :], node]))
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
