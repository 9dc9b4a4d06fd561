"""Imports inside ``calculators/`` point one way: a walk of the import graph finds no cycle.

The graph is read from the source with ``ast`` (nothing is imported), so a cycle that Python
happens to tolerate at run time still fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "calculators"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path, package: str = PACKAGE) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports (``from a import b`` counts ``a.b``
    when ``a.b`` is a module, else ``a``)."""
    files = {module_name(p, root): p for p in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in files else base)
            for target in targets:
                if target in files and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_calculators_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph(ROOT))
    assert cycle is None, "import cycle in calculators/: " + " -> ".join(cycle or [])


def test_the_cycle_check_can_fail(tmp_path: Path) -> None:
    pkg = tmp_path / PACKAGE
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "registry.py").write_text("from calculators import latency\n")
    (pkg / "latency.py").write_text("from calculators.registry import register\n")
    (pkg / "data" / "__init__.py").write_text("from calculators.data import models\n")
    (pkg / "data" / "models.py").write_text("from calculators.data import Constant\n")
    cycle = find_cycle(import_graph(tmp_path))
    assert cycle is not None and cycle[0] == cycle[-1]


def test_ground_modules_import_no_domain_module() -> None:
    graph = import_graph(ROOT)
    ground = {"calculators.registry", "calculators.fields", "calculators.data.records",
              "calculators.invariants",
              # the tuple aliases and the table collector (imports nothing from calculators)
              "calculators.collect",
              # presets: the registry fills preset fields from the catalogs (data only)
              "calculators.presets", "calculators.catalogs", "calculators.data.catalog_records",
              "calculators.data.models", "calculators.data.accelerators",
              "calculators.data.providers",
              # the one loader of the data files (imports only the record types)
              "calculators.data.loader"}
    for module in ground:
        assert graph[module] <= ground, f"{module} imports {sorted(graph[module] - ground)}"


def test_each_domain_module_is_listed_once() -> None:
    """A merge that doubles a line of ``calculators/domains.py`` hides which list is the real one."""
    lines = [line.strip() for line in (ROOT / PACKAGE / "domains.py").read_text().splitlines()
             if line.startswith("from calculators import")]
    doubled = sorted({line for line in lines if lines.count(line) > 1})
    assert not doubled, f"listed more than once in calculators/domains.py: {doubled}"
