"""Layering: each layer imports only the layers below it, imports inside functions included, and no
module imports itself back through others.

    settings  <  spec, config  <  domain  <  adapters (store, reporting, object store, Airflow client)
                  <  services  <  orchestration, web, cli, demo

(The decision spec is the bottom: the domain reads the launched spec's fields.) Only
orchestration builds DAGs and operators; the web asks Airflow who is asking, nothing else.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "juece"
RANK = {"settings": -1, "spec": 0, "config": 0, "domain": 1, "adapters": 2, "services": 3,
        "orchestration": 4, "web": 4, "cli": 4, "demo": 4}
ALLOWED_ACROSS = {("cli", "web")}  # `juece portal` serves the public pages
NO_AIRFLOW = ["spec", "config.py", "settings.py", "domain", "adapters", "services"]


def module_name(path: Path) -> str:
    parts = ("juece", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names
                      if f"{node.module}.{alias.name}" in modules()}
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "juece" else None


def juece_imports(path: Path) -> Iterator[str]:
    yield from (m for m in imported_modules(path) if m in modules() and m != "juece")


def test_every_package_folder_has_a_layer() -> None:
    top = {p.stem for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))}
    assert top == set(RANK), "a new top-level folder needs its place in RANK"


@pytest.mark.parametrize("source", sorted(RANK))
def test_a_layer_imports_only_layers_below_it(source: str) -> None:
    offenders = []
    for name, path in modules().items():
        if layer(name) != source:
            continue
        for target in juece_imports(path):
            to = layer(target)
            if to is None or to == source or (source, to) in ALLOWED_ACROSS:
                continue
            if RANK[to] >= RANK[source]:
                offenders.append(f"{name} -> {target}")
    assert offenders == []


def test_no_import_circle_anywhere() -> None:
    graph = {name: set(juece_imports(path)) - {name} for name, path in modules().items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert circles == []


@pytest.mark.parametrize("layer_name", NO_AIRFLOW, ids=NO_AIRFLOW)
def test_layer_imports_no_airflow(layer_name: str) -> None:
    target = PACKAGE / layer_name
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    offenders = [str(p.relative_to(PACKAGE)) for p in files
                 if any(m == "airflow" or m.startswith("airflow.") for m in imported_modules(p))]
    assert offenders == []


def test_importing_the_whole_domain_and_services_loads_no_airflow_module() -> None:
    names = [m for m in modules() if layer(m) in ("spec", "domain", "services")]
    code = (f"import sys\nfor m in {names!r}: __import__(m)\n"
            "bad = sorted(m for m in sys.modules if m == 'airflow' or m.startswith('airflow.'))\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_orchestration_touches_airflow_and_the_web_only_for_who_is_asking() -> None:
    """The web asks Airflow who is asking (auth; under FAB, juece's auth manager answers whether
    they are assigned a task), and the independence guard where Airflow is served from (its
    `[api] base_url`)."""
    users = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if any(m.startswith("airflow") for m in imported_modules(p))}
    allowed = ("orchestration/", "web/auth.py", "web/fab_auth.py", "web/airflow_routes.py")
    assert all(u.startswith(allowed) for u in users), users
