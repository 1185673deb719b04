"""Pages record what REST records (issue 17, item 4).

The urban-planning scenario runs twice in one Airflow at the same time: once answered partly on
juece's pages in Chromium (tests/e2e/test_portal_browser.py), once wholly through the REST API
under another decision id (its twin). The two records must hold the same kinds of entries in
each stage and give the same compliance table, computed as the archive computes it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from juece.adapters.reporting.editions import make_edition
from juece.adapters.store.comments import CommentStore
from juece.adapters.store.ledger import Ledger
from juece.demo.scenario import Scenario
from juece.domain.archive.compliance import compliance
from juece.domain.record.kinds import Kind
from juece.services.record import plain

__all__ = ["assert_pages_record_as_rest", "under_another_id"]


def under_another_id(scenario: Scenario, folder: Path, decision_id: str, catalogue_item: int) -> Scenario:
    """A copy of the scenario whose spec is its own with the id changed (as `variant()` in
    tests/integration/test_celery_stack.py does for the integration scenarios) and, where the spec
    gives its item in the annual catalogue, another item: an archive number belongs to one
    decision, and the twin's archive would otherwise be refused the one the original holds."""
    text = scenario.spec_path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {decision_id}", text, count=1)
    text = re.sub(r'(?m)^(catalogue: .*number: "\d+-)\d+"', rf'\g<1>{catalogue_item:02d}"', text, count=1)
    spec = folder / f"{decision_id}.yaml"
    spec.write_text(text, encoding="utf-8")
    return scenario.model_copy(update={"spec": str(spec)})


def _refusals(entries: list[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    return Counter((e["stage"], e["data"].get("task", ""), str(e["data"].get("rule")))
                   for e in entries if e["kind"] == Kind.ANSWER_REFUSED)


def _archived(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries the archive was built from: the record up to its first issue."""
    issued = [n for n, e in enumerate(entries) if e["kind"] == Kind.ARCHIVE_ISSUED]
    return entries[:issued[0]] if issued else entries


def _compliance(decision_id: str, entries: list[dict[str, Any]], ledger: Ledger) -> dict[str, tuple[Any, ...]]:
    """Rule id -> (status, answers refused, kind of the proving entry, a due date given or not),
    from the full edition's record as `juece.services.archives.build_edition` makes it for the
    archive's compliance table. The notes are left out: they name the decision, its hashes and
    its times."""
    record = make_edition(decision_id, entries, "full", CommentStore(ledger).personal_data(decision_id))
    return {item.rule: (item.status, item.refusals, (item.proof or {}).get("kind"), item.due is not None)
            for item in compliance(record)}


def assert_pages_record_as_rest(on_pages_id: str, rest_id: str, on_pages: frozenset[str]) -> None:
    """The record of the decision answered partly on the pages (the tasks ``on_pages``) against
    its twin answered wholly through REST.

    One difference is by design: a page checks an answer before giving it to Airflow, so an
    answer the statute refuses is shown at its field and never reaches the task, while through
    REST it reaches the task, which records `answer_refused` and asks again. The scenario's
    wrong first tries on the tasks answered on the pages (the head departing from the majority
    without a reason, R-F4) are therefore in the REST record only, as are their counts in the
    compliance table's refusals; every other refusal must be in both."""
    ledger = Ledger()
    pages, rest = plain(ledger.entries(on_pages_id)), plain(ledger.entries(rest_id))
    assert pages and rest, f"no record: {on_pages_id} {len(pages)} entries, {rest_id} {len(rest)}"

    refused_on_pages = Counter({k: n for k, n in _refusals(rest).items() if k[1] in on_pages})
    assert _refusals(pages) == _refusals(rest) - refused_on_pages, (
        "answers refused: the pages' record must hold REST's refusals except those of the tasks "
        "answered on the pages, which a page refuses at its field before the answer reaches the task "
        f"({sorted(refused_on_pages)}): pages {sorted(_refusals(pages).items())}, "
        f"REST {sorted(_refusals(rest).items())}")

    # Left out of the kinds: the refusals, compared above; and an expert's reminder, sent when the
    # expert has not answered by the reminder time. The experts answer through REST in both runs,
    # but on the accelerated clock (a legal day in under two seconds) whether an answer comes
    # before that time depends on how fast the loaded machine lets the responder give it: a twin
    # was seen with one reminder more, to an expert who then declared a conflict.
    left_out = {Kind.ANSWER_REFUSED, Kind.REMINDER_SENT}

    def kinds(entries: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
        return Counter((e["stage"], e["kind"]) for e in entries if e["kind"] not in left_out)

    only_pages, only_rest = kinds(pages) - kinds(rest), kinds(rest) - kinds(pages)
    assert not only_pages and not only_rest, (
        f"(stage, kind) recorded more often through the pages: {sorted(only_pages.items())}; "
        f"more often through REST: {sorted(only_rest.items())}")

    by_rule_pages = _compliance(on_pages_id, _archived(pages), ledger)
    by_rule_rest = _compliance(rest_id, _archived(rest), ledger)
    refused_rules = Counter(rule for _, _, rule in refused_on_pages.elements())
    expected = {rule: (status, refusals - refused_rules.get(rule, 0), *rest_of)
                for rule, (status, refusals, *rest_of) in by_rule_rest.items()}
    differ = {rule: {"pages": by_rule_pages.get(rule), "rest": by_rule_rest.get(rule)}
              for rule in expected.keys() | by_rule_pages.keys() if expected.get(rule) != by_rule_pages.get(rule)}
    assert not differ, (
        "compliance tables differ, rule -> (status, refusals, proving kind, due given); REST's refusals "
        f"on the pages' tasks, {dict(refused_rules)}, are discounted by design (a page refuses at its "
        f"field before the answer reaches the task): {differ}")
