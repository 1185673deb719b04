"""`juece rules`: every rule of the registry; one rule with the source lines that cite it."""

from __future__ import annotations

import re
from pathlib import Path

from juece.domain.rules import RULES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def test_rules_lists_every_rule_by_chapter(run) -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert re.findall(r"^  (R-[A-H][0-9]) ", out, re.MULTILINE) == list(RULES)
    assert "E. 合法性审查 Legality review" in out and "R-C4  [S] 专家来自专家库 / experts from the library" in out


def test_one_rule_is_printed_with_its_source_and_where_it_is_enforced(run) -> None:
    code, out, _ = run("rules", "r-e3")
    assert code == 0
    assert out.startswith("R-E3 [H] 审查期限不少于7个工作日 / at least 7 working days for the review\n")
    assert "《条例》第二十六条 / Reg. Art. 26" in out and "The reviewer is given at least 7 working days" in out
    cited = re.findall(r"^  (juece/\S+\.(?:py|html|j2)):(\d+): (.*)$", out, re.MULTILINE)
    assert ("juece/spec/models.py" in {where for where, _, _ in cited}
            and "juece/domain/legality/review.py" in {where for where, _, _ in cited})
    package = Path(__import__("juece").__file__).resolve().parent.parent
    for where, line, text in cited:  # each citation is that line of the installed source
        assert "R-E3" in (package / where).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert "R-E3" in text
    assert "juece/domain/rules.py" not in out  # the registry itself defines, it does not enforce


def test_an_unknown_rule_exits_two_naming_the_rules(run) -> None:
    code, _, err = run("rules", "FORM")
    assert code == 2 and "no rule 'FORM'" in err and "R-H6" in err


def test_the_markdown_is_the_committed_docs_file(run) -> None:
    code, out, _ = run("rules", "--markdown")
    assert code == 0 and out == DOCS.read_text(encoding="utf-8")
