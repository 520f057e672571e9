"""The house drawn from imports: no module imports itself back at import time, and the core packages
depend on one another in one direction only (DESIGN.md: drills -> build -> lint; YAML -> content ->
services -> tui). Read from the source with `ast`, so nothing is imported."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "app" / "prepdeck"
CORE = ("content", "lint", "build", "drills", "study", "store", "interop")

# Imports inside a function that go against the packages' order, each with why. A new one fails
# the layering test below: move the code, or add it here with its reason.
KNOWN_LAZY_EDGES = {
    # `pack check` proves each drill's solution and counterexamples with the drill engine ...
    ("content", "drills"),
    # ... and grades each question's model answer against its own key points.
    ("content", "study"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _statements_run_at_import(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module body that run when it is imported: not function bodies, not
    `if TYPE_CHECKING:` blocks (only the type checker reads those)."""
    for statement in body:
        if isinstance(statement, ast.If):
            if isinstance(statement.test, ast.Name) and statement.test.id == "TYPE_CHECKING":
                continue
            yield from _statements_run_at_import(statement.body)
            yield from _statements_run_at_import(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, *(h.body for h in statement.handlers), statement.orelse):
                yield from _statements_run_at_import(block)
            yield from _statements_run_at_import(statement.finalbody)
        else:
            yield statement


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The prepdeck modules an import statement names (`from pkg import submodule` names the
    submodule, `from pkg import name` the package)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in MODULES}
    if node.level:
        package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    if base not in MODULES:
        return set()
    found = set()
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        found.add(submodule if submodule in MODULES else base)
    return found


def _imports(module: str, at_import_only: bool) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"), filename=str(MODULES[module]))
    statements = _statements_run_at_import(tree.body) if at_import_only else ast.walk(tree)
    found: set[str] = set()
    for node in statements:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found |= _imported(module, node)
    return found - {module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in CORE else None


def test_no_module_imports_itself_back_at_import_time() -> None:
    graph = {module: _imports(module, at_import_only=True) for module in MODULES}
    assert _cycles(graph) == []


def test_the_core_packages_depend_on_one_another_in_one_direction() -> None:
    edges: set[tuple[str, str]] = set()
    for module in MODULES:
        source = _package_of(module)
        if source is None:
            continue
        for imported in _imports(module, at_import_only=False):
            target = _package_of(imported)
            if target is not None and target != source:
                edges.add((source, target))
    assert edges >= KNOWN_LAZY_EDGES, "a known lazy import is gone: take it off KNOWN_LAZY_EDGES"
    graph: dict[str, set[str]] = {}
    for source, target in edges - KNOWN_LAZY_EDGES:
        graph.setdefault(source, set()).add(target)
    assert _cycles(graph) == []
    assert "tui" not in {target for _, target in edges}


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The two tests above pass on an empty answer, so the finder must be able to say no."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
