"""The launched spec is built only from a `launched` entry that is what was recorded: its hash
holds, its source text matches the hash taken at launch, and its spec is this decision's."""

from __future__ import annotations

import copy

import pytest

from juece.domain.record.errors import RecordError
from juece.domain.record.launch import launched_spec
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage

SOURCE = "id: yanshou-2027-001\ntitle: 延寿县城区控制性详细规划\n"


def launch_entry(empty_chain, spec, **data):
    return empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office",
                           {"spec": spec.model_dump(mode="json"), **data})


def test_an_intact_launch_gives_back_the_spec_it_recorded(chain, spec) -> None:
    assert launched_spec(chain.entries[0]) == spec


def test_a_launch_with_its_source_text_and_matching_hash_is_built(empty_chain, spec) -> None:
    entry = launch_entry(empty_chain, spec, spec_text=SOURCE, spec_sha256=sha256_text(SOURCE))
    assert launched_spec(entry) == spec


def test_a_source_text_that_no_longer_matches_its_hash_is_refused_naming_the_decision(empty_chain, spec) -> None:
    entry = launch_entry(empty_chain, spec, spec_text=SOURCE + "# changed\n", spec_sha256=sha256_text(SOURCE))
    with pytest.raises(RecordError) as caught:
        launched_spec(entry)
    assert str(caught.value) == (f"决策 {spec.id} 的方案原文与启动时的哈希不符 / the spec text of {spec.id} does "
                                 "not match the hash recorded at launch: not built")


def test_a_source_text_without_its_hash_is_refused(empty_chain, spec) -> None:
    with pytest.raises(RecordError, match="the spec text of .* does not match the hash recorded at launch"):
        launched_spec(launch_entry(empty_chain, spec, spec_text=SOURCE))


def test_a_spec_changed_after_launch_is_refused_naming_the_decision(chain, spec) -> None:
    entry = copy.deepcopy(chain.entries[0])
    entry["data"]["spec"]["title"] = "改动后的标题"
    with pytest.raises(RecordError) as caught:
        launched_spec(entry)
    assert str(caught.value) == (f"决策 {spec.id} 的启动记录与其哈希不符（启动后被改动），拒绝构建 / the `launched` "
                                 f"entry of {spec.id} does not match its hash (changed after launch): not built")


@pytest.mark.parametrize("missing", ["prev_hash", "hash", "seq"])
def test_a_launch_missing_part_of_its_chain_is_refused_as_changed(chain, spec, missing: str) -> None:
    entry = copy.deepcopy(chain.entries[0])
    del entry[missing]
    with pytest.raises(RecordError, match=f"the `launched` entry of {spec.id} does not match its hash"):
        launched_spec(entry)


def test_a_launch_whose_spec_is_another_decisions_is_refused(empty_chain, spec) -> None:
    other = spec.model_dump(mode="json") | {"id": "yanshou-2027-999"}
    entry = empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": other})
    with pytest.raises(RecordError) as caught:
        launched_spec(entry)
    assert str(caught.value) == (f"决策 {spec.id} 的启动记录载有另一决策（yanshou-2027-999）的方案，拒绝构建 / the "
                                 f"launched spec's id 'yanshou-2027-999' is not the decision's {spec.id!r}: not built")
