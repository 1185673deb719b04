"""Layering: the domain imports no Airflow; only orchestration builds DAGs and operators."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "juece"
NO_AIRFLOW = ["domain", "spec", "store", "reporting", "paths.py", "client.py"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def python_files(name: str) -> list[Path]:
    target = PACKAGE / name
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", NO_AIRFLOW, ids=NO_AIRFLOW)
def test_layer_imports_no_airflow(layer: str) -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in python_files(layer)
                 if any(m == "airflow" or m.startswith("airflow.") for m in imported_modules(p))]
    assert offenders == []


def test_domain_imports_nothing_outside_the_domain_and_spec() -> None:
    allowed = ("juece.domain", "juece.spec")
    for path in python_files("domain"):
        juece_imports = {m for m in imported_modules(path) if m.startswith("juece")}
        assert all(m.startswith(allowed) for m in juece_imports), (path.name, juece_imports)


def test_importing_the_whole_domain_loads_no_airflow_module() -> None:
    modules = [f"juece.domain.{p.stem}" for p in python_files("domain") if p.stem != "__init__"]
    code = (f"import sys\nfor m in {modules!r}: __import__(m)\n"
            "bad = sorted(m for m in sys.modules if m == 'airflow' or m.startswith('airflow.'))\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_orchestration_touches_airflow_and_the_web_only_for_who_is_asking() -> None:
    """The web asks Airflow who is asking (auth), and the independence guard where Airflow is
    served from (its `[api] base_url`)."""
    users = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if any(m.startswith("airflow") for m in imported_modules(p))}
    assert all(u.startswith("orchestration/") or u in ("web/auth.py", "web/airflow_routes.py") for u in users), users
