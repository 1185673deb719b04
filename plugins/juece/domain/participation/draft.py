"""The draft as it stands: the launched text, then each recorded revision by the sponsor.

A revision is asked for by a risk assessment that found the risk uncontrollable (R-D4) or
by a legality review that found the draft lawful only with revisions (R-E4). The sponsor
gives the new text and says what changed; the version goes up by one and the record keeps
every text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, TaskContext, one_choice, text_param
from juece.domain.record.entries import Entries, Entry, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text

REVISED = Kind.DRAFT_REVISED
REVISE_OPTIONS = {"提交修改稿 Submit the revised draft": "submit"}


@dataclass(frozen=True)
class Draft:
    version: int
    text: str
    entry: str | None  # the hash of the revision that made it; None for the launched text

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


def paragraphs(text: str) -> list[str]:
    """The draft's paragraphs as the portal numbers them (1, 2, ...): each non-blank line is one."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def published_paragraphs(launched: Entry | None) -> int | None:
    """How many paragraphs the draft published for comment has: the launched text, which the
    notice publishes (its ``draft_sha256``) and the portal shows; None without a launch entry."""
    if launched is None:
        return None
    return len(paragraphs(str(launched["data"]["spec"]["draft"].get("text", ""))))


def current_draft(entries: Entries) -> Draft:
    """The latest text: the last recorded revision, or the draft the decision was launched with."""
    revised = latest(entries, REVISED)
    if revised is not None:
        return Draft(int(revised["data"]["version"]), str(revised["data"]["text"]), revised["hash"])
    launched = latest(entries, Kind.LAUNCHED)
    draft: dict[str, Any] = launched["data"]["spec"]["draft"] if launched else {"version": 1, "text": ""}
    return Draft(int(draft.get("version", 1)), str(draft.get("text", "")), None)


def revised_since(entries: Entries, entry: Entry) -> bool:
    """Whether the sponsor revised the draft after ``entry``."""
    revised = latest(entries, REVISED)
    return revised is not None and revised["seq"] > entry["seq"]


def revise(ctx: TaskContext, answer: Answer, asked_by: Entry, rule: str) -> Outcome:
    """The sponsor's revision in answer to ``asked_by`` (a risk round or a legality review)."""
    one_choice(answer, REVISE_OPTIONS, rule)
    if revised_since(ctx.entries, asked_by):
        raise RuleViolation(rule, "本轮已提交修改稿", "the draft was already revised in this round")
    before = current_draft(ctx.entries)
    text = text_param(answer, "text", rule, "修改后的草案全文")
    changes = text_param(answer, "changes", rule, "修改说明（改了什么）")
    if text == before.text.strip():
        raise RuleViolation(rule, "修改稿与现行草案相同，草案须作调整", "the revised text is the same as the "
                            "current draft: the draft must actually be adjusted", field="text")
    data = {"version": before.version + 1, "previous_version": before.version, "text": text,
            "text_sha256": sha256_text(text), "previous_sha256": before.sha256, "changes": changes,
            "in_response_to": asked_by["hash"], "rule": rule}
    return Outcome([Act(asked_by["stage"], REVISED, answer.user, data)])


def versions(entries: Entries) -> list[Draft]:
    """Every text the draft has had, in order: the launched text, then each recorded revision."""
    launched = latest(entries, Kind.LAUNCHED)
    draft: dict[str, Any] = launched["data"]["spec"]["draft"] if launched else {"version": 1, "text": ""}
    found = [Draft(int(draft.get("version", 1)), str(draft.get("text", "")), None)]
    for revised in (e for e in entries if e["kind"] == REVISED):
        found.append(Draft(int(revised["data"].get("version", len(found) + 1)), str(revised["data"].get("text", "")),
                           revised["hash"]))
    return found


def changes(before: Draft, after: Draft) -> list[tuple[str, str]]:
    """What a revision changed, paragraph by paragraph: ("removed", text) and ("added", text) in
    the order they occur; paragraphs left as they were are not listed."""
    found: list[tuple[str, str]] = []
    for line in difflib.ndiff(paragraphs(before.text), paragraphs(after.text)):
        if line.startswith("- "):
            found.append(("removed", line[2:]))
        elif line.startswith("+ "):
            found.append(("added", line[2:]))
    return found
