"""The use cases are given the ledger (or the record) they work on: no module of the services
makes a Ledger of its own or reads the environment to find the records DB."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[3] / "plugins" / "juece" / "services"
ENVIRONMENT = {"environ", "getenv", "get_engine", "records_url"}


def called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and called_name(node) == "Ledger":
            found.append(f"line {node.lineno}: constructs a Ledger")
        elif isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT:
            found.append(f"line {node.lineno}: reads {node.attr}")
        elif isinstance(node, ast.Name) and node.id in ENVIRONMENT:
            found.append(f"line {node.lineno}: reads {node.id}")
        elif isinstance(node, ast.ImportFrom) and any(alias.name in ENVIRONMENT for alias in node.names):
            found.append(f"line {node.lineno}: imports {', '.join(alias.name for alias in node.names)}")
    return found


@pytest.mark.parametrize("path", sorted(SERVICES.rglob("*.py")), ids=lambda p: p.name)
def test_a_service_is_given_its_ledger(path: Path) -> None:
    assert offences(path) == []


def test_the_check_sees_a_ledger_made_and_the_environment_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom x import Ledger\n\ndef f(ledger=None):\n"
                   "    return (ledger or Ledger()), os.environ['A'], os.getenv('B')\n", encoding="utf-8")
    assert [o.split(": ")[1] for o in offences(bad)] == ["constructs a Ledger", "reads environ", "reads getenv"]
