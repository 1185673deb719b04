"""Public sign-up for a hearing (公开报名, R-B6) in real headless Chromium, served by a real
`airflow standalone`.

A decision whose hearing opens two seats to public sign-up is launched and run: citizens find the
hearing page from the draft, sign up through its form and keep their receipts; once sign-up closes
(on a clock accelerated so that it lasts ``SIGNUP_SECONDS``) the DAG's step fills the seats by a
seeded lottery, and the citizens see on the same page who was chosen and how, the draw re-run from
the record giving the same seats. The tests run in file order and share the decision.
Screenshots: test-artifacts/e2e/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import yaml

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI, saying why
    expect = None

from juece.adapters.store.ledger import Ledger
from juece.demo.stack import Stack
from juece.domain.participation import seats
from juece.domain.record.entries import all_of, latest
from juece.services import decisions as services
from juece.spec.base import CHINA
from tests.conftest import TEMPLATES
from tests.e2e.conftest import shot
from tests.e2e.test_accessibility import blocking
from tests.e2e.test_portal_browser import Decision, poll

pytestmark = pytest.mark.e2e

DECISION = "yanshou-2027-e2e-signup"
SIGNUP_DAYS, SIGNUP_SECONDS = 25, 90  # long enough for three citizens' clicks on a loaded machine
CLOCK_SCALE = SIGNUP_DAYS * 86400 / SIGNUP_SECONDS
CITIZENS = [("赵丽", "13600000001", "居民"), ("钱进", "qianjin@example.cn", "供水企业"), ("孙梅", "13600000003", "居民")]


@pytest.fixture(scope="module")
def stack(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A real `airflow standalone` (started only once the browser is known to be there)."""
    saved = dict(os.environ)
    os.environ.update({"JUECE_RATE_LIMIT_PER_MINUTE": "600", "JUECE_RATE_LIMIT_BURST": "100"})
    os.environ.pop("JUECE_RECORDS_URL", None)
    home = tmp_path_factory.mktemp("airflow")
    stack = Stack(home=home, clock_scale=CLOCK_SCALE, archive_dir=home / "archives")
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))})
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)


def spec_text() -> str:
    """The price hearing, two named participants and two public seats, dated from today."""
    data = yaml.safe_load((TEMPLATES / "price-hearing.yaml").read_text(encoding="utf-8"))
    today = datetime.now(CHINA).replace(hour=9, minute=0, second=0, microsecond=0)
    hearing = data["stages"]["public_participation"]["hearing"]
    hearing.update(time=(today + timedelta(days=60)).isoformat(), sides=["居民", "供水企业"], min_participants=4,
                   materials_days_before=7,
                   participants=[{"user": "hearing_01", "name": "居民代表甲", "side": "居民"},
                                 {"user": "hearing_11", "name": "供水公司代表", "side": "供水企业"}],
                   public_signup={"closes_at": (today + timedelta(days=SIGNUP_DAYS)).isoformat(), "seats": 2,
                                  "method": "lottery"})
    data["id"] = DECISION
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def decision(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Decision:
    """Launched, triggered, its hearing announced with sign-up open."""
    path = tmp_path_factory.mktemp("specs") / f"{DECISION}.yaml"
    path.write_text(spec_text(), encoding="utf-8")
    launched = services.launch(path, actor="sponsor_office", ledger=Ledger())
    found = Decision(DECISION, launched.spec.dag_id, services.trigger(launched.spec))
    poll(lambda: latest(found.entries(), "hearing_announced"), 240, "the hearing to be announced", stack, found)
    return found


def sign_up(page: Any, name: str, contact: str, side: str) -> str:
    """Fill in the hearing page's form and send it; the receipt number shown."""
    page.fill("#signup-name", name)
    page.fill("#signup-contact", contact)
    page.select_option("#signup-side", side)
    page.fill("#signup-statement", "关心水价调整对家庭的影响。")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="提交报名 Sign up").click()
    assert posted.value.status == 201
    expect(page.get_by_role("heading", level=1)).to_contain_text("报名已收到")
    return str(page.locator("#receipt").inner_text().strip())


def test_citizens_find_the_hearing_page_sign_up_and_keep_their_receipts(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    page = new_page()
    page.goto(f"{stack.url}/juece/public/decisions/{DECISION}")
    page.locator("#hearing-link a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("听证会公告")
    expect(page.locator("#hearing-selection")).to_contain_text("公开报名席位 2 个")
    expect(page.locator("#signup")).to_be_visible()
    assert not blocking(page)
    shot(page, "signup-01-hearing-page")
    for name, contact, side in CITIZENS:
        receipt = sign_up(page, name, contact, side)
        entry = next(e for e in all_of(decision.entries(), "hearing_signup_received")
                     if e["data"]["receipt"] == receipt)
        expect(page.locator("#ledger-hash")).to_have_text(entry["hash"])
        assert entry["data"]["side"] == side and name not in str(entry) and contact not in str(entry)  # R-H6
        decision.receipts[name] = receipt
        page.get_by_role("link", name="返回听证会页面 Back to the hearing").click()
    shot(page, "signup-02-after-three")
    assert sorted(decision.receipts.values()) == ["H-000001", "H-000002", "H-000003"]


def test_after_sign_up_closes_the_page_shows_who_was_chosen_and_how(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    drawn = poll(lambda: latest(decision.entries(), "hearing_seats_drawn"), SIGNUP_SECONDS + 180,
                 "the public seats to be filled", stack, decision)
    chosen = [seat["receipt"] for seat in drawn["data"]["selected"]]
    assert drawn["data"]["candidates"] == ["H-000001", "H-000002", "H-000003"] and len(chosen) == 2
    assert seats.rerun(drawn, decision.entries()) == chosen  # anyone can re-run it from the record
    page = new_page()
    page.goto(f"{stack.url}/juece/public/decisions/{DECISION}/hearing")
    expect(page.locator("#seats-drawn")).to_contain_text(drawn["data"]["seed"])
    rows = page.locator("#public-seats tbody tr")
    expect(rows).to_have_count(2)
    names = {receipt: name for name, receipt in decision.receipts.items()}
    for n, receipt in enumerate(chosen):
        expect(rows.nth(n)).to_contain_text(receipt)
        expect(rows.nth(n)).to_contain_text(names[receipt])
    body = page.locator("body").inner_text()
    assert not any(contact in body for _, contact, _ in CITIZENS)  # contact details never shown
    assert [name for name, receipt in decision.receipts.items() if receipt not in chosen][0] not in body
    expect(page.locator("#signup")).to_have_count(0)
    assert not blocking(page)
    shot(page, "signup-03-seats-filled")
    late = page.request.post(f"{stack.url}/juece/public/decisions/{DECISION}/hearing/signups",
                             form={"name": "周迟", "contact": "13600000009", "side": "居民"},
                             headers={"accept": "application/json"})
    assert late.status == 409 and late.json()["rule"] == "R-B6"
