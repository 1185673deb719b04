"""The rules registry (domain/rules.py): every rule id the code cites exists, refusals cite a rule
or none (a form error), and docs/rules.md is what the registry generates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juece.cli.rules import markdown
from juece.domain.rules import CHAPTERS, MARKERS, RULES, rule
from juece.domain.stages import Stage

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "plugins"
SOURCES = sorted(p for pattern in ("*.py", "*.html", "*.j2") for p in PACKAGE.rglob(pattern))
RULE_ID = re.compile(r"R-[A-H][0-9]+(?![0-9])")
# A refusal whose first argument is an id-like literal: the rule it cites ("FORM" was a pseudo-id).
REFUSALS = re.compile(r"\b(?:RuleViolation|violation|_refuse|_refusal|problem|Refusal)\((?:[^()\"]*?,)?\s*\"([A-Z][A-Z0-9_-]*)\"")


def test_every_rule_id_cited_in_the_code_is_in_the_registry() -> None:
    unknown = sorted({f"{path.relative_to(ROOT)}: {found}" for path in SOURCES
                      for found in RULE_ID.findall(path.read_text(encoding="utf-8")) if found not in RULES})
    assert unknown == []


def test_a_refusal_cites_a_registered_rule_or_is_a_form_error_without_one() -> None:
    cited = {(str(path.relative_to(ROOT)), found) for path in SOURCES if path.suffix == ".py"
             for found in REFUSALS.findall(path.read_text(encoding="utf-8"))}
    assert cited, "the pattern finds the refusals"
    assert sorted(f"{where}: {found!r}" for where, found in cited if found not in RULES) == []


def test_each_rule_has_its_source_texts_stage_and_marker() -> None:
    stages = {str(stage) for stage in Stage}
    for item in RULES.values():
        assert re.fullmatch(r"R-[A-H][1-9]", item.id) and item.chapter in CHAPTERS, item.id
        assert item.marker in MARKERS and item.optional == (item.marker == "S"), item.id
        assert item.stage in stages, item.id
        assert all((item.title_zh, item.title_en, item.zh, item.en)), item.id
        assert bool(item.article) == bool(item.article_zh), item.id
    assert len(RULES) == 40 and list(RULES) == sorted(RULES, key=lambda r: (r[2], int(r[3:])))


def test_the_optional_rules_are_the_discretionary_ones() -> None:
    assert sorted(r.id for r in RULES.values() if r.optional) == [
        "R-A3", "R-B6", "R-B7", "R-C4", "R-D3", "R-F5", "R-G3", "R-H4"]


def test_a_rule_is_found_by_its_id_in_any_case_and_an_unknown_one_is_named() -> None:
    assert rule("r-e3").article == "Reg. Art. 26"
    with pytest.raises(KeyError, match="R-A1"):
        rule("R-Z9")


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), "regenerate it: juece rules --markdown > docs/rules.md"
    assert all(f"### {rule_id} [" in committed for rule_id in RULES)
