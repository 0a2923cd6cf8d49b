"""The apps depend one way, and core on none of them (ARCHITECTURE.md, "The shared platform").

Every import in the source is read, at any depth of a module (an import inside a function still is a
dependency), except in migrations, whose dependencies Django resolves by name.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import ansinh

PACKAGE = Path(ansinh.__file__).parent
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def _imported_apps(source: Path, app: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "ansinh" and len(parts) > 1 and parts[1] in APPS and parts[1] != app:
                found.add(parts[1])
    return found


def app_graph() -> dict[str, set[str]]:
    """App → the apps its code imports."""
    graph: dict[str, set[str]] = {app: set() for app in APPS}
    for app in APPS:
        for source in (PACKAGE / app).rglob("*.py"):
            if "migrations" not in source.parts:
                graph[app] |= _imported_apps(source, app)
    return graph


def test_core_imports_no_app():
    assert app_graph()["core"] == set()


def test_the_apps_depend_one_way():
    graph = app_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:  # pragma: no cover - the message names the circle
        raise AssertionError(f"apps import each other: {exc.args[1]}") from None
    assert order[0] == "core"


def test_the_layers_are_the_architecture_s():
    """payments → assistance → registry → audit/accounts → geo → core, and demo above them all."""
    graph = app_graph()
    assert "payments" not in graph["assistance"] and "assistance" not in graph["registry"]
    assert not graph["geo"] - {"core"}
    assert "registry" not in graph["audit"] | graph["accounts"]
    assert "demo" not in set().union(*(deps for app, deps in graph.items() if app != "demo"))
