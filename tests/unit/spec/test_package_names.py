"""The spec package's names are imported when first used (the DAG file imports parts of the
package without building the models): each name leads to its module's own object, and an unknown
one is refused as Python refuses any missing attribute."""

from __future__ import annotations

import pytest

import juece.spec
from juece.spec import loader, models


@pytest.mark.parametrize(("name", "module"), [("SpecError", loader), ("load_spec", loader),
                                              ("load_spec_text", loader), ("DecisionSpec", models)])
def test_each_public_name_is_its_modules_own(name: str, module: object) -> None:
    # called as Python calls it on first use (the package's own imports already made the names once)
    assert juece.spec.__getattr__(name) is getattr(module, name)


def test_an_unknown_name_is_refused_naming_it() -> None:
    with pytest.raises(AttributeError) as refused:
        juece.spec.__getattr__("load_specs")
    assert str(refused.value) == "module 'juece.spec' has no attribute 'load_specs'"
    with pytest.raises(AttributeError):
        juece.spec.__getattr__("loader_issues")
