"""The launched spec as the record holds it: the one authority every DAG and step is built from.

The `launched` entry carries the validated spec (and, since it was recorded, the source text with
its SHA-256). Its own hash covers the spec, so a spec changed in the records DB after launch no
longer matches the entry's hash and is refused, as is a source text that does not match its hash.
"""

from __future__ import annotations

from juece.domain.record.digests import declared
from juece.domain.record.entries import Entry
from juece.domain.record.errors import RecordError
from juece.domain.record.ledger import entry_hash, sha256_text
from juece.spec.models import DecisionSpec


def launched_spec(entry: Entry) -> DecisionSpec:
    """The spec of a `launched` entry, after checking that the entry is what was recorded."""
    decision = entry.get("decision_id")
    try:
        intact = entry_hash(entry["prev_hash"], entry, declared([entry])) == entry.get("hash")
    except (KeyError, TypeError, ValueError):
        intact = False
    if not intact:
        raise RecordError(f"决策 {decision} 的启动记录与其哈希不符（启动后被改动），拒绝构建 / the `launched` entry of "
                          f"{decision} does not match its hash (changed after launch): not built")
    data = entry["data"]
    text = data.get("spec_text")
    if text is not None and sha256_text(text) != data.get("spec_sha256"):
        raise RecordError(f"决策 {decision} 的方案原文与启动时的哈希不符 / the spec text of {decision} does not "
                          "match the hash recorded at launch: not built")
    spec = DecisionSpec.model_validate(data["spec"])
    if spec.id != decision:
        raise RecordError(f"决策 {decision} 的启动记录载有另一决策（{spec.id}）的方案，拒绝构建 / the launched "
                          f"spec's id {spec.id!r} is not the decision's {decision!r}: not built")
    return spec
