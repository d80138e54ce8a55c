"""The house rules: each package imports only what its ``May import:`` line allows; no import cycles.

The line is part of each package's ``__init__`` docstring, so the rules a
newcomer reads are the rules this test enforces. Every import counts, also
those inside functions (they are there to keep start-up quick, not to hide a
dependency).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "analyzer"
ROOT_MODULES = {"analyzer.model", "analyzer.errors"}
"""Shared by every part; they import nothing of piflow."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> list[tuple[str, int]]:
    """The piflow modules ``path`` imports (a name imported from a package counts as its submodule)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] == "analyzer":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.append((sub if sub in known else node.module, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "analyzer"]
    return out


def may_import(init: Path) -> set[str] | None:
    """The packages the ``May import:`` line of a package docstring names (None: no line)."""
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    m = re.search(r"^May import:(.*?)\.\s*$", doc, re.M | re.S)
    if m is None:
        return None
    return {f"analyzer.{name.strip()}" for name in m.group(1).replace("\n", " ").split(",") if name.strip()}


def packages() -> dict[str, set[str] | None]:
    return {module_name(p.parent / "__init__.py"): may_import(p)
            for p in sorted(PACKAGE.rglob("__init__.py")) if p.parent != PACKAGE}


def rule_for(module: str, rules: dict[str, set[str] | None]) -> tuple[str, set[str]]:
    """The innermost package holding ``module`` that states a rule, and the rule."""
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        pkg = ".".join(parts[:n])
        allowed = rules.get(pkg)
        if allowed is not None:
            return pkg, allowed
    raise AssertionError(f"{module}: no package with a May import: line holds it")


def test_every_package_states_its_job_and_what_it_may_import() -> None:
    for pkg, allowed in packages().items():
        init = PACKAGE.parent / pkg.replace(".", "/") / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert doc and len(doc.splitlines()[0]) > 20, f"{pkg}: no docstring stating its job"
        assert allowed is not None, f"{pkg}: its docstring has no 'May import:' line"
        unknown = {a for a in allowed if a not in ROOT_MODULES and a.removeprefix("analyzer.").split(".")[0]
                   not in {p.removeprefix("analyzer.").split(".")[0] for p in packages()}}
        assert not unknown, f"{pkg}: may import unknown packages {sorted(unknown)}"


def test_no_import_runs_up_the_layers() -> None:
    mods = all_modules()
    rules = packages()
    bad = []
    for mod, path in mods.items():
        for target, line in imports_of(path, set(mods)):
            if target == "analyzer" or target == mod:  # the version string
                continue
            if mod in ROOT_MODULES:
                bad.append(f"{mod}:{line} imports {target} (model and errors import nothing of piflow)")
                continue
            if mod == "analyzer":
                continue
            pkg, allowed = rule_for(mod, rules)
            if target == pkg or target.startswith(pkg + "."):
                continue
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {target}, not in {pkg}'s May import")
    assert not bad, "\n".join(bad)


def test_no_import_cycles() -> None:
    mods = all_modules()
    g = nx.DiGraph()
    for mod, path in mods.items():
        for target, _line in imports_of(path, set(mods)):
            if target in mods and target != mod:
                g.add_edge(mod, target)
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not cycles, cycles


def test_the_addon_is_thin() -> None:
    """The mitmproxy addon holds hooks and options; detection and flow conversion live in the library."""
    addon = ROOT / "addons" / "piflow_addon.py"
    targets = {t for t, _ in imports_of(addon, set(all_modules()))}
    assert targets <= {"analyzer.common.masking", "analyzer.errors", "analyzer.kb.catalogue",
                       "analyzer.traffic.attribution",
                       "analyzer.traffic.detect", "analyzer.traffic.examiner", "analyzer.traffic.mitm",
                       "analyzer.traffic.model",
                       "analyzer.traffic.observations", "analyzer.traffic.phase", "analyzer.traffic.profile"}


@pytest.mark.parametrize(("adapter", "home"), [
    ("androguard", {"analyzer.apk.container"}),
    ("mitmproxy", {"analyzer.traffic.mitm"}),
    ("jinja2", {"analyzer.report.html.render"}),
    ("jsonschema", {"analyzer.check.readback"}),
    ("distributed", {"analyzer.batch.runner", "analyzer.batch.task"}),
    ("tree_sitter", {"analyzer.static.hybrid.js"}),
    ("tree_sitter_javascript", {"analyzer.static.hybrid.js"}),
    ("openpyxl", {"analyzer.lists.xlsx"}),
])
def test_each_third_party_adapter_is_imported_in_one_place(adapter: str, home: set[str]) -> None:
    users = set()
    for mod, path in all_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if any(n.split(".")[0] == adapter for n in names):
                users.add(mod)
    assert users == home
