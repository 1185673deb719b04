"""Every kind of entry the package writes or reads is a member of Kind, and a member is its string."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from juece.adapters.reporting.labels import KIND_LABELS
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import canonical_json

PACKAGE = Path(__file__).resolve().parents[4] / "plugins" / "juece"
# call name -> the position of its `kind` argument (Act(stage, kind, ...), latest(entries, kind), ...)
KIND_ARGUMENT = {"Act": 1, "latest": 1, "all_of": 1, "latest_in": 2, "of_kind": 0}


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _kinds_given() -> dict[str, list[str]]:
    """Each kind given to an Act or an entry lookup, as a literal string or as Kind.NAME, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or (name := _name(node)) not in KIND_ARGUMENT:
                continue
            keyword = next((k.value for k in node.keywords if k.arg == "kind"), None)
            position = KIND_ARGUMENT[name]
            value = node.args[position] if len(node.args) > position else keyword
            if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "Kind":
                value = ast.Constant(Kind[value.attr].value)
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.setdefault(value.value, []).append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_the_scan_sees_the_acts_and_lookups() -> None:
    assert len(_kinds_given()) >= 50


def test_every_kind_the_package_writes_or_looks_up_is_a_kind_member() -> None:
    unknown = {kind: where for kind, where in _kinds_given().items() if kind not in set(Kind)}
    assert not unknown, f"add these to domain/record/kinds.py: {unknown}"


def test_every_labelled_kind_is_a_kind_member() -> None:
    assert set(KIND_LABELS) <= set(Kind)


def test_each_member_is_named_after_its_string_and_no_string_is_given_twice() -> None:
    assert all(kind.name == kind.value.upper() for kind in Kind)
    assert len({kind.value for kind in Kind}) == len(Kind)


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_a_member_serialises_and_compares_as_its_string(kind: Kind) -> None:
    assert json.dumps({"kind": kind}) == json.dumps({"kind": kind.value})
    assert canonical_json({kind: [kind]}) == canonical_json({kind.value: [kind.value]})
    assert kind == kind.value and hash(kind) == hash(kind.value) and f"{kind}" == kind.value
