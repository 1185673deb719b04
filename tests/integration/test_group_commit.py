"""Group commit: a receipt only after the commit, and a client that went away harms no one."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from juece.domain.ledger import verify_chain
from juece.store.comments import CommentStore
from juece.store.group_commit import GroupCommitter
from juece.store.ledger import Ledger

from .test_portal import DECISION, launch_urban, publish


def in_fresh_loop(coroutine):
    """Run a coroutine in a thread of its own (another test may have left a loop running here)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_concurrent_comments_share_batches_and_a_cancelled_waiter_stops_nothing(juece_home: Path) -> None:
    launch_urban()
    publish(Ledger())
    store = CommentStore()
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
