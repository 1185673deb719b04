"""What the archive catalogue and the archive search know of a decision, read from its record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from juece.domain.expert_review.panel_seal import sealed_seqs
from juece.domain.record.entries import Entries, latest
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind
from juece.domain.stages import STATUTORY_STAGES, Stage

# Where the searchable text of a record comes from: section -> ledger kinds.
TEXT_KINDS: dict[str, tuple[str, ...]] = {
    "draft": (Kind.DRAFT_REVISED,),
    "announcement": (Kind.NOTICE_PUBLISHED, Kind.PUBLISHED, Kind.HEARING_ANNOUNCED),
    "opinion": (Kind.OPINION_SUBMITTED, Kind.OPINION_SIGNED),
    "legality": (Kind.LEGALITY_REVIEWED, Kind.ADVISER_OPINION),
    "minutes": (Kind.MINUTES_RECORDED, Kind.MEMBER_VIEW, Kind.HEAD_DECISION, Kind.EVALUATION_CONCLUDED),
}
# Values that are identifiers or hashes, not prose: never indexed.
SKIPPED_KEYS = {"hash", "sha256", "rule", "rules", "seat", "expert", "member", "by", "task", "receipt"}


@dataclass(frozen=True)
class ArchiveFacts:
    decision_id: str
    title: str
    title_en: str
    decision_body: str
    sponsor: str
    category: str
    catalogue_year: int | None
    catalogue_number: str | None
    launch_year: int
    launched_on: str
    decided_on: str | None
    outcome: str
    stage_dates: dict[str, dict[str, str]] = field(default_factory=dict)
    stage_status: dict[str, str] = field(default_factory=dict)


def archive_facts(decision_id: str, entries: Entries) -> ArchiveFacts:
    """Title, bodies, category, catalogue entry, stage dates and status, and outcome of a record."""
    launched = latest(entries, Kind.LAUNCHED)
    if launched is None:
        raise RecordError(f"决策 {decision_id} 没有启动记录 / decision {decision_id} has no launch in its record")
    spec = launched["data"].get("spec", {})
    catalogue = spec.get("catalogue") or {}
    decided = latest(entries, Kind.HEAD_DECISION)
    return ArchiveFacts(
        decision_id=decision_id, title=str(spec.get("title", decision_id)), title_en=str(spec.get("title_en") or ""),
        decision_body=str(spec.get("decision_body", "")), sponsor=str(spec.get("sponsor_unit", "")),
        category=str(spec.get("category", "")),
        catalogue_year=int(catalogue["year"]) if catalogue.get("year") else None,
        catalogue_number=str(catalogue["number"]) if catalogue.get("number") else None,
        launch_year=int(str(launched["at"])[:4]), launched_on=str(launched["at"])[:10],
        decided_on=str(decided["at"])[:10] if decided else None,
        outcome=str(decided["data"].get("outcome", "undecided")) if decided else "undecided",
        stage_dates=stage_dates(entries), stage_status=stage_status(entries),
    )


def stage_dates(entries: Entries) -> dict[str, dict[str, str]]:
    """The first and last time each stage was acted in."""
    found: dict[str, dict[str, str]] = {}
    for entry in entries:
        span = found.setdefault(entry["stage"], {"first": entry["at"], "last": entry["at"]})
        span["last"] = entry["at"]
    return found


def stage_status(entries: Entries) -> dict[str, str]:
    """Per statutory stage: `not_applicable` (R-A2), `recorded` (acts in the record) or `none`."""
    status = {stage.value: "none" for stage in STATUTORY_STAGES}
    for entry in entries:
        stage = entry["stage"]
        if stage not in status:
            continue
        if entry["kind"] == Kind.NOT_APPLICABLE:
            status[stage] = "not_applicable"
        elif status[stage] == "none":
            status[stage] = "recorded"
    return status


def search_texts(entries: Entries) -> dict[str, str]:
    """The searchable prose of a record by section: every draft version, announcements, expert
    opinions, legality opinions and minutes. Comments (with their writers) are not indexed (R-H6),
    nor the opinions of a panel still open (R-C6, `panel_seal`)."""
    sections: dict[str, list[str]] = {name: [] for name in TEXT_KINDS}
    sealed = sealed_seqs(entries)
    launched = latest(entries, Kind.LAUNCHED)
    if launched is not None:
        draft = launched["data"].get("spec", {}).get("draft", {})
        sections["draft"] += [str(draft.get(key, "")) for key in ("text", "explanation") if draft.get(key)]
    kinds = {kind: name for name, group in TEXT_KINDS.items() for kind in group}
    for entry in entries:
        if entry["stage"] == Stage.ARCHIVE or entry["kind"] not in kinds or entry.get("seq") in sealed:
            continue
        sections[kinds[entry["kind"]]] += prose(entry["data"])
    return {name: "\n".join(dict.fromkeys(parts)) for name, parts in sections.items()}


def prose(value: Any, key: str = "") -> list[str]:
    """Every piece of text in a ledger entry's data, hashes and identifiers left out."""
    if key in SKIPPED_KEYS or key.endswith(("_sha256", "_hash", "_entry", "_at", "_id")):
        return []
    if isinstance(value, str):
        return [value] if len(value.strip()) > 1 else []
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in prose(v, str(k))]
    if isinstance(value, list):
        return [text for item in value for text in prose(item, key)]
    return []
