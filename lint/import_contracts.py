"""Two import-linter contract types that import-linter does not ship.

- `acyclic_modules`: no import circle between any two modules of a package (import-linter's own
  `acyclic_siblings` compares packages level by level; this one looks at every module).
- `private_names`: no module imports a `_private` name or module that belongs to another package
  (`from ..mock.app import _is_json_media` is what a layer boundary must not let through).

Both read the graph grimp builds for lint-imports, so they see exactly the imports the other contracts see.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from typing import Any

from importlinter import Contract, ContractCheck, fields, output


@cache
def _imported_names(module: str) -> dict[int, list[str]]:
    """Line number -> the names of each `from X import a, b` statement in `module`'s source."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return {}
    with open(spec.origin, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return {
        node.lineno: [alias.name for alias in node.names]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _cycles(graph: Any, modules: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = []
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work.append((root, sorted(graph.find_modules_directly_imported_by(root) & modules)))
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.find_modules_directly_imported_by(nxt) & modules)))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    return sorted(found)


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        modules: set[str] = set()
        for container in self.containers:  # type: ignore[attr-defined]
            modules |= {container, *graph.find_descendants(container)}
        cycles = _cycles(graph, modules)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(f"Import circle of {len(cycle)} modules: {', '.join(cycle)}")
            output.new_line()


def _package(module: str, container: str) -> str:
    """The first-level package of `module` under `container` (licensekit.mock.app -> licensekit.mock)."""
    rest = module[len(container) + 1 :].split(".")
    return f"{container}.{rest[0]}" if rest[0] else container


class PrivateNamesContract(Contract):
    type_name = "private_names"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        violations: list[str] = []
        for container in self.containers:  # type: ignore[attr-defined]
            modules = {container, *graph.find_descendants(container)}
            for importer in sorted(modules):
                for imported in sorted(graph.find_modules_directly_imported_by(importer) & modules):
                    if _package(importer, container) == _package(imported, container):
                        continue
                    private_module = any(_private(part) for part in imported.split("."))
                    for detail in graph.get_import_details(importer=importer, imported=imported):
                        names = _imported_names(importer).get(detail["line_number"], [])
                        private = [n for n in names if _private(n)]
                        if private or private_module:
                            what = ", ".join(private) or imported
                            violations.append(
                                f"{importer}:{detail['line_number']} imports {what} of {imported}"
                            )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(violation)
            output.new_line()
