"""`make up`: the demo's expert library is in the stack's own records DB before Airflow starts, as
`make demo` loads it, so that `juece launch` can draw a panel (R-C2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from juece.adapters.store.experts import ExpertLibrary
from juece.demo import up
from juece.demo.stack import Stack


def test_make_up_loads_the_demo_library_into_its_own_records_db_once(tmp_path: Path, juece_home: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    stack = Stack(home=tmp_path / "up", archive_dir=tmp_path / "out")
    for name in up.settings(stack):
        monkeypatch.setenv(name, "")  # so that monkeypatch restores (or removes) what prepare() sets
        monkeypatch.delenv(name)
    assert up.prepare(stack) == 50
    assert os.environ["JUECE_HOME"] == str(stack.home / "juece") != str(juece_home)
    experts = ExpertLibrary().all()
    assert len(experts) >= 40 and all(e.public_key for e in experts if not e.removed)
    keys = {e.user: e.public_key for e in experts}
    assert up.prepare(stack) == 50  # again: nothing added, no key replaced
    assert {e.user: e.public_key for e in ExpertLibrary().all()} == keys
    assert not (juece_home / "records.db").exists()  # nothing in the home the test started with
