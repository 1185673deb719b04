"""`juece rules [ID]`: the rules the workflow enforces (domain/rules.py); with an id, the rule and
every source line of the installed package that cites it (file:line), so a reader goes from a
rule to its checks in one step. `--markdown` prints docs/rules.md."""

from __future__ import annotations

import argparse
import re
import sys
from functools import cache
from pathlib import Path

import juece
from juece.cli.exits import EXIT_INVALID
from juece.domain.rules import CHAPTERS, MARKERS, RULES, Rule
from juece.domain.stages import stage_label

PACKAGE = Path(juece.__file__).resolve().parent
SOURCES = ("*.py", "*.html", "*.j2")  # code, portal pages, text templates
REGISTRY = PACKAGE / "domain" / "rules.py"
RULE_ID = re.compile(r"R-[A-H][0-9]+(?![0-9])")


def markdown() -> str:
    """docs/rules.md: every rule, by chapter, as this registry holds it."""
    lines = ["# 规则 Rules", "",
             "<!-- Generated from plugins/juece/domain/rules.py by `juece rules --markdown`; do not edit. -->", "",
             "The rules juece enforces, each with its id. `juece rules R-E3` prints one rule and the source "
             "lines that cite it.", "",
             "Markers: " + "; ".join(f"**[{m}]** {zh} {en}" for m, (zh, en) in MARKERS.items()) + ".", ""]
    for letter, (zh, en) in CHAPTERS.items():
        lines += [f"## {letter}. {zh} {en}", ""]
        for item in (r for r in RULES.values() if r.chapter == letter):
            source = f"{item.article_zh} / {item.article}" if item.article else "—"
            optional = "；选择性规定，未采用不属违反 / optional: not using it is no breach" if item.optional else ""
            lines += [f"### {item.id} [{item.marker}] {item.title_zh} / {item.title_en}", "",
                      f"- 依据 Source: {source}",
                      f"- 环节 Stage: `{item.stage}`{optional}", "",
                      item.zh, "", item.en, ""]
    return "\n".join(lines)


@cache
def citations() -> dict[str, list[tuple[str, int, str]]]:
    """Every rule id cited in the package's source: id -> (file relative to the package's parent,
    line number, the line). The registry itself, which defines every id, is left out."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    files = sorted({path for pattern in SOURCES for path in PACKAGE.rglob(pattern)} - {REGISTRY})
    for path in files:
        where = str(path.relative_to(PACKAGE.parent))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for rule_id in dict.fromkeys(RULE_ID.findall(line)):
                found.setdefault(rule_id, []).append((where, number, line.strip()))
    return found


def describe(rule: Rule) -> str:
    marker_zh, marker_en = MARKERS[rule.marker]
    source = f"{rule.article_zh} / {rule.article}" if rule.article else "—"
    optional = "；选择性规定，未采用不属违反 / optional: not using it is no breach" if rule.optional else ""
    return "\n".join([f"{rule.id} [{rule.marker}] {rule.title_zh} / {rule.title_en}",
                      f"类别 Kind: {marker_zh} {marker_en}{optional}",
                      f"依据 Source: {source}",
                      f"环节 Stage: {stage_label(rule.stage)}", "", rule.zh, rule.en])


def cmd_rules(args: argparse.Namespace) -> int:
    if args.markdown:
        print(markdown(), end="")
        return 0
    if args.rule is None:
        for letter, (zh, en) in CHAPTERS.items():
            print(f"{letter}. {zh} {en}")
            for rule in (r for r in RULES.values() if r.chapter == letter):
                print(f"  {rule.id:<5} [{rule.marker}] {rule.title_zh} / {rule.title_en}")
        return 0
    rule = RULES.get(args.rule.strip().upper())
    if rule is None:
        print(f"没有规则 {args.rule} / no rule {args.rule!r}; 规则 the rules: {', '.join(RULES)}", file=sys.stderr)
        return EXIT_INVALID
    cited = citations().get(rule.id, [])
    print(describe(rule))
    print(f"\n引用之处 Where it is enforced and cited ({len(cited)}):")
    for where, number, line in cited:
        print(f"  {where}:{number}: {line[:160]}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("rules", help="规则 the rules enforced, by id; with an id, the rule and where it is enforced")
    parser.add_argument("rule", nargs="?", help="a rule id as `juece rules` lists them")
    parser.add_argument("--markdown", action="store_true", help="print docs/rules.md (generated from the registry)")
    parser.set_defaults(run=cmd_rules)
