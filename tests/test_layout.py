"""The folder listing is the architecture: which package may import which, no cycles, no oversized module.

The graph is read from the sources with `ast` (top-level imports only, as Python runs them at import time);
an import inside a function is allowed only where it says why it is lazy (`# lazy: ...`), never to dodge a cycle.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
MAX_LINES = 600

# Each package, and what it may import besides itself. Data flows one way: core is imported by everything and
# imports nothing; a stage imports only the stages before it; speed sits above the stages it speeds up and is
# handed to them by the commands; devtools (not needed at run time) may import anything, nothing imports it.
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "docs": frozenset({"core"}),
    "build": frozenset({"core", "docs"}),
    "speed": frozenset({"core", "docs", "build"}),
    "client": frozenset({"core", "build"}),
    "validate": frozenset({"core"}),
    "report": frozenset({"core", "docs", "build"}),
    "organisation": frozenset({"core", "build", "speed", "report"}),
    "diff": frozenset({"core", "build", "speed"}),
    "release": frozenset({"core", "build", "speed", "client", "diff", "report"}),
    "commands": frozenset({"core", "docs", "build", "speed", "client", "validate", "report", "diff", "release",
                           "organisation"}),
    "cli": frozenset({"commands", "core", "build"}),
    "__main__": frozenset({"cli"}),
    "devtools": frozenset({"core", "docs", "build", "speed", "client", "validate", "report", "diff", "release",
                           "organisation", "commands"}),
}
# vendored into every generated client (imports only its own siblings) or rendered, never imported here
NOT_OURS = ("client/runtime/", "client/templates/", "client/upstream_templates/")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        rel = path.relative_to(GENERATOR).as_posix()
        if rel.startswith(NOT_OURS):
            continue
        parts = ("generator", *path.relative_to(GENERATOR).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _imports(path: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int, str]]]:
    """(top-level imports of generator modules, function-level ones with their source line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    top_nodes = set()
    for node in tree.body:  # `if TYPE_CHECKING:` / `try:` at module level still run (or never run) at import time
        top_nodes.update(id(n) for n in ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef))
    top, inner = [], []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("generator"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                targets.append(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name.startswith("generator")]
        for target in targets:
            if id(node) in top_nodes:
                top.append((target, node.lineno))
            else:
                context = " ".join(lines[max(0, node.lineno - 3):node.lineno])
                inner.append((target, node.lineno, context))
    return top, inner


GRAPH = {m: _imports(p) for m, p in MODULES.items()}


def test_packages_import_only_what_the_layout_allows() -> None:
    wrong = []
    for module, (top, _) in GRAPH.items():
        pkg = _package(module)
        for target, line in top:
            other = _package(target)
            if other != pkg and other != "generator" and other not in ALLOWED.get(pkg, frozenset()):
                wrong.append(f"{MODULES[module].relative_to(GENERATOR.parent)}:{line} {pkg} -> {other} ({target})")
    assert wrong == []


def test_every_package_is_in_the_table() -> None:
    packages = {_package(m) for m in MODULES} - {"generator"}
    assert packages <= set(ALLOWED), packages - set(ALLOWED)


def test_no_import_cycles() -> None:
    graph = {module: {t for t, _ in top if t in MODULES and t != module} for module, (top, _) in GRAPH.items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


def test_function_level_imports_say_why_they_are_lazy() -> None:
    unexplained = [f"{MODULES[m].relative_to(GENERATOR.parent)}:{line} {target}"
                   for m, (_, inner) in GRAPH.items() for target, line, context in inner if "lazy:" not in context]
    assert unexplained == []


def test_no_module_over_the_limit() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_the_graph_sees_known_edges() -> None:
    """The checks above pass vacuously if the reader finds no imports: it must see what is certainly there."""
    assert any(t.startswith("generator.core.") for t, _ in GRAPH["generator.build.pipeline"][0])
    assert sum(len(top) for top, _ in GRAPH.values()) > 300
