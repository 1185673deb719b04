"""Decision specs: pydantic models and a YAML loader whose errors name file:line and rule."""

from juece.spec.loader import SpecError, load_spec, load_spec_text
from juece.spec.models import DecisionSpec

__all__ = ["DecisionSpec", "SpecError", "load_spec", "load_spec_text"]
