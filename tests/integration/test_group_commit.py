"""Group commit, in a thread or a writer process: a receipt only after the commit, and a client
that went away (or a writer that died) harms no one."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from juece.adapters.store.comments import CommentStore, Receipt
from juece.adapters.store.commit_process import ProcessCommitter
from juece.adapters.store.group_commit import GroupCommitter
from juece.adapters.store.ledger import Ledger
from juece.domain.record.ledger import verify_chain
from juece.web.app import public_server
from tests.conftest import throwaway_postgres
from tests.integration.test_portal import DECISION, launch_urban, publish


def in_fresh_loop(coroutine):
    """Run a coroutine in a thread of its own (another test may have left a loop running here)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_concurrent_comments_share_batches_and_a_cancelled_waiter_stops_nothing(juece_home: Path) -> None:
    launch_urban()
    publish(Ledger())
    store = CommentStore(Ledger())
    committer = GroupCommitter(store)

    async def scenario() -> list:
        now = datetime.now(UTC)
        tasks = [asyncio.create_task(committer.submit(store.prepare(DECISION, f"意见{n}", now, client=str(n))))
                 for n in range(40)]
        tasks[3].cancel()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = in_fresh_loop(scenario())
    receipts = [r for r in results if not isinstance(r, BaseException)]
    assert len(receipts) >= 39
    entries = Ledger().entries(DECISION)
    assert verify_chain(entries, DECISION).intact
    in_chain = {e["data"]["receipt"] for e in entries if e["kind"] == "comment_received"}
    assert {r.receipt for r in receipts} <= in_chain and len(in_chain) in (39, 40)
    later = in_fresh_loop(committer.submit(store.prepare(DECISION, "之后的意见", datetime.now(UTC), client="z")))
    assert later.receipt in {e["data"].get("receipt") for e in Ledger().entries(DECISION)}


def test_the_writer_process_commits_batches_and_a_new_one_starts_after_a_crash(juece_home: Path) -> None:
    launch_urban()
    publish(Ledger())
    store, committer = CommentStore(Ledger()), ProcessCommitter()

    async def scenario() -> tuple[list[Receipt], bool, Receipt]:
        now = datetime.now(UTC)
        receipts = await asyncio.gather(*(committer.submit(store.prepare(DECISION, f"意见{n}", now, client=str(n)))
                                          for n in range(40)))
        committer._proc.kill()  # the writer dies: the loss is noticed, the next comment starts a writer
        await asyncio.sleep(0.5)
        noticed = committer._transport is None
        later = await committer.submit(store.prepare(DECISION, "之后的意见", now, client="y"))
        committer._stop()
        return receipts, noticed, later

    receipts, noticed, later = in_fresh_loop(scenario())
    entries = Ledger().entries(DECISION)
    assert verify_chain(entries, DECISION).intact and noticed
    in_chain = {e["data"]["receipt"]: e["hash"] for e in entries if e["kind"] == "comment_received"}
    assert {(r.receipt, r.hash) for r in [*receipts, later]} == set(in_chain.items())
    assert len(in_chain) == 41


def test_juece_portal_serves_the_public_part_under_juece_with_its_writer_process(juece_home: Path) -> None:
    launch_urban()
    publish(Ledger())
    base = f"/juece/public/decisions/{DECISION}/comments"
    with TestClient(public_server()) as portal:
        first = portal.post(base, json={"text": "门户进程的意见", "name": "李四"})
        again = portal.post(base, json={"text": "门户进程的意见", "name": "李四"})
        form = portal.post(base, data={"text": "表单意见"})
        too_long = portal.post(base, json={"text": "长" * 5001})
        assert portal.get("/public/").status_code == 404 and portal.get("/juece/public/").status_code == 200
    assert (first.status_code, again.status_code, again.json()["receipt"]) == (201, 200, first.json()["receipt"])
    assert form.status_code == 201 and 'id="receipt">C-000002<' in form.text
    assert f'href="http://testserver/juece/public/decisions/{DECISION}"' in form.text
    assert too_long.status_code == 413
    entries = Ledger().entries(DECISION)
    assert [e["data"]["receipt"] for e in entries if e["kind"] == "comment_received"] == ["C-000001", "C-000002"]
    assert "李四" not in str(entries)


def poisoned(sub):
    """A comment the checks would refuse, forced past them: a paragraph no INTEGER column holds."""
    from dataclasses import replace

    from juece.domain.record.acts import Act

    act = sub.act
    return replace(sub, act=Act(act.stage, act.kind, act.actor, {**act.data, "paragraph": 10**30}))


def rounds_with_one_poison(committer, store: CommentStore) -> list[list]:
    """Three rounds of 19 good comments and one poison, sent together: each round's outcomes."""

    async def scenario() -> list[list]:
        results = []
        for round_ in range(3):
            now = datetime.now(UTC)
            subs = [store.prepare(DECISION, f"第{round_}轮意见{n}", now, client=f"c{n}") for n in range(19)]
            subs.insert(7, poisoned(store.prepare(DECISION, f"第{round_}轮有毒的意见", now, client="p")))
            results.append(await asyncio.gather(*(committer.submit(s) for s in subs), return_exceptions=True))
        if isinstance(committer, ProcessCommitter):
            committer._stop()
        return results

    return in_fresh_loop(scenario())


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
@pytest.mark.parametrize("writer", ["thread", "process"])
def test_a_poison_comment_fails_alone_and_every_good_one_in_its_batch_is_stored(
        juece_home: Path, monkeypatch: pytest.MonkeyPatch, database: str, writer: str) -> None:
    for url in (throwaway_postgres() if database == "postgresql" else [None]):
        if url:
            monkeypatch.setenv("JUECE_RECORDS_URL", url)  # the writer process reads it too
        launch_urban()
        publish(Ledger())
        store = CommentStore(Ledger())
        committer = GroupCommitter(store) if writer == "thread" else ProcessCommitter()
        results = rounds_with_one_poison(committer, store)
        good = [r for outcomes in results for r in outcomes if isinstance(r, Receipt)]
        failed = [outcomes[7] for outcomes in results]
        assert len(good) == 57 and all(isinstance(f, Exception) for f in failed)
        entries = Ledger().entries(DECISION)
        assert verify_chain(entries, DECISION).intact
        in_chain = {e["data"]["receipt"]: e["hash"] for e in entries if e["kind"] == "comment_received"}
        assert {(r.receipt, r.hash) for r in good} == set(in_chain.items()) and len(in_chain) == 57
        assert not any("有毒" in e["data"]["text"] for e in entries if e["kind"] == "comment_received")
