"""Decision specs: pydantic models and a YAML loader whose errors name file:line and rule.

The names below are imported when first used: the DAG file and its operators import parts of
this package (dag_ids, roles) without building the models."""

from __future__ import annotations

from typing import Any

__all__ = ["DecisionSpec", "SpecError", "load_spec", "load_spec_text"]


def __getattr__(name: str) -> Any:
    if name in ("SpecError", "load_spec", "load_spec_text"):
        from juece.spec import loader

        return getattr(loader, name)
    if name == "DecisionSpec":
        from juece.spec.models import DecisionSpec

        return DecisionSpec
    raise AttributeError(f"module 'juece.spec' has no attribute {name!r}")
