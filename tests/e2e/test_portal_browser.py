"""The portal in real headless Chromium, served by a real `airflow standalone`.

One decision goes through its public participation stage: citizens read the draft and comment
(one of them hostile), the sponsor office logs in to Airflow and disposes of every comment on
its page (a "not adopted" without a reason is refused, R-B4), the period ends, the office's
task is answered through the REST API and the public sees how each comment was handled.

The tests run in file order and share one decision; the comment period is 30 legal days on a
clock accelerated so that it lasts ``PERIOD_SECONDS``. Screenshots: test-artifacts/e2e/.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI, saying why
    expect = None

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.store.ledger import Ledger
from juece.demo.responder import SETTLE_SECONDS
from juece.demo.stack import SYSTEM_USER, Stack
from juece.domain.record.entries import all_of, latest
from juece.services import decisions as services
from tests.conftest import TEMPLATES, throwaway_postgres
from tests.e2e.conftest import TIMEOUT_MS, shot
from tests.e2e.record_parity import assert_pages_record_as_rest, under_another_id
from tests.e2e.test_accessibility import blocking

pytestmark = pytest.mark.e2e

DECISION = "yanshou-2027-e2e-001"
TITLE = "延寿县城区控制性详细规划（2027—2035年）"
PERIOD_DAYS = 30
PERIOD_SECONDS = 45  # long enough for the citizens' clicks on a loaded machine, short enough to wait for
CLOCK_SCALE = PERIOD_DAYS * 86400 / PERIOD_SECONDS
GROUP = "public_participation"
DISPOSE = f"{GROUP}.dispose_comments"

CITIZEN_TEXT = "建议第三条养老服务用房标准提高到每百户不少于四十平方米，老年人口增长很快。"
HOSTILE_TEXT = '<script>alert(1)</script><img src=x onerror="alert(2)"> 规划 & </p>期限太长'
PARTLY_REASON = "新建小区按每百户三十五平方米配建，老旧小区另行统筹。"
NOT_ADOPTED_REASON = "意见含有脚本代码，与草案内容无关，不予采纳。"


@dataclass
class Decision:
    id: str
    dag_id: str
    run_id: str
    receipts: dict[str, str] = field(default_factory=dict)  # who -> receipt number

    def entries(self) -> list[dict[str, Any]]:
        return Ledger().entries(self.id)


@pytest.fixture(scope="module")
def stack(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A real `airflow standalone` (started only once the browser is known to be there), its
    metadata in a PostgreSQL database of its own: two decisions run at once here (the pages' and
    the REST twin's), which can make Airflow's scheduler die of SQLite's "database is locked"."""
    saved = dict(os.environ)
    # the stack inherits os.environ: every comment of this test comes from 127.0.0.1
    os.environ.update({"JUECE_RATE_LIMIT_PER_MINUTE": "600", "JUECE_RATE_LIMIT_BURST": "100"})
    os.environ.pop("JUECE_RECORDS_URL", None)
    home = tmp_path_factory.mktemp("airflow")
    stack = Stack(home=home, clock_scale=CLOCK_SCALE, archive_dir=home / "archives")
    try:
        for url in throwaway_postgres():
            os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = url
            os.environ.update({k: v for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))})
            try:
                stack.start()
                yield stack
            finally:
                stack.stop()
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def decision(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Decision:
    """The urban-planning template under its own id, launched, triggered, its notice out."""
    text = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {DECISION}", text)
    text = re.sub(r"(?m)^(\s+comment_period_days:) \d+$", rf"\1 {PERIOD_DAYS}", text)
    spec = tmp_path_factory.mktemp("specs") / f"{DECISION}.yaml"
    spec.write_text(text, encoding="utf-8")
    launched = services.launch(spec, actor="sponsor_office", ledger=Ledger())
    run_id = services.trigger(launched.spec)
    found = Decision(DECISION, launched.spec.dag_id, run_id)
    poll(lambda: latest(found.entries(), "notice_published"), 180, "the comment notice to be published",
         stack, found)
    return found


def poll(check: Callable[[], Any], timeout: float, what: str, stack: Stack | None = None,
         decision: Decision | None = None) -> Any:
    """``check()`` until it gives something truthy; a timeout names what was awaited and the tasks' states."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.5)
    states = task_states(stack, decision) if stack and decision else {}
    raise AssertionError(f"waited {timeout:.0f} s for {what}; task states: {states}")


def task_states(stack: Stack, decision: Decision) -> dict[str, str | None]:
    instances = stack.client.task_instances(SYSTEM_USER, decision.dag_id, decision.run_id)
    return {ti["task_id"]: ti["state"] for ti in instances}


def comment(page: Any, text: str, paragraph: str = "") -> int:
    """Fill in the form of the open decision page and submit it; the HTTP status of the POST."""
    page.select_option("#paragraph", paragraph)
    page.fill("#text", text)
    with page.expect_response(lambda r: r.request.method == "POST" and "/comments" in r.url) as posted:
        page.get_by_role("button", name="提交意见 Submit").click()
    expect(page.locator("#receipt")).to_be_visible()
    return posted.value.status


def check_receipt(page: Any, decision: Decision) -> dict[str, Any]:
    """The receipt page's number and hash are those of the comment's ledger entry."""
    receipt = page.locator("#receipt").inner_text().strip()
    shown_hash = page.locator("#ledger-hash").inner_text().strip()
    assert re.fullmatch(r"C-\d{6}", receipt), receipt
    entries = [e for e in all_of(decision.entries(), "comment_received") if e["data"]["receipt"] == receipt]
    assert len(entries) == 1, f"{receipt} is in the ledger {len(entries)} times"
    assert shown_hash == entries[0]["hash"]
    assert entries[0]["data"]["late"] is False, "the comment came after the (accelerated) period closed"
    return entries[0]


def test_a_citizen_reads_the_draft_comments_and_gets_a_receipt_with_the_ledger_hash(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    page = new_page()
    page.goto(f"{stack.url}/juece/public/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("征求意见的决策事项")
    expect(page.locator(".card").filter(has_text=TITLE)).to_contain_text("征求意见中")
    shot(page, "01-public-list")

    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(f"{stack.url}/juece/public/decisions/{DECISION}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    draft = page.locator("ol.draft > li")
    expect(draft).to_have_count(5)
    expect(page.locator("#p3")).to_be_visible()
    expect(page.locator("#p3")).to_have_text(re.compile(r"^第三条 新建住宅小区"))
    expect(page.locator("div.notice")).to_contain_text(f"起{PERIOD_DAYS}日（发布当日不计入）")
    expect(page.locator("div.notice")).to_contain_text("24:00（北京时间）截止")
    expect(page.locator("#demo-clock")).to_contain_text("时钟已加速")
    expect(page.locator("#paragraph option")).to_have_count(6)  # the whole draft + 5 paragraphs
    shot(page, "02-decision-draft")

    page.select_option("#paragraph", "3")
    page.fill("#text", CITIZEN_TEXT)
    page.fill("#name", "王芳")
    page.fill("#contact", "wangfang@example.cn")
    shot(page, "03-comment-form-filled")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="提交意见 Submit").click()
    assert posted.value.status == 201
    expect(page.get_by_role("heading", level=1)).to_contain_text("意见已收到")
    entry = check_receipt(page, decision)
    shot(page, "04-receipt")
    assert entry["data"]["text"] == CITIZEN_TEXT and entry["data"]["paragraph"] == 3
    assert entry["data"]["has_contact"] is True
    assert "王芳" not in str(entry) and "wangfang" not in str(entry)  # personal data kept apart (R-H6)
    decision.receipts["citizen"] = entry["data"]["receipt"]

    page.get_by_role("link", name="返回决策页面 Back to the decision").click()
    expect(page.locator("ol.draft > li")).to_have_count(5)
    expect(page.locator("body")).not_to_contain_text("wangfang@example.cn")
    assert page.dialogs == []


def test_a_hostile_comment_is_recorded_verbatim_and_never_runs(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    page = new_page()
    page.goto(f"{stack.url}/juece/public/decisions/{DECISION}")
    assert comment(page, HOSTILE_TEXT) == 201
    entry = check_receipt(page, decision)
    shot(page, "05-hostile-receipt")
    assert entry["data"]["text"] == HOSTILE_TEXT and entry["data"]["paragraph"] is None
    assert entry["data"]["receipt"] != decision.receipts["citizen"]
    decision.receipts["hostile"] = entry["data"]["receipt"]
    assert page.locator("main script, main img").count() == 0
    assert page.dialogs == []


def test_the_office_page_is_closed_to_the_public_and_to_other_users(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    url = f"{stack.url}/juece/office/decisions/{DECISION}/comments"
    anonymous = new_page()
    response = anonymous.goto(url)
    assert response is not None and response.status == 401
    expect(anonymous.get_by_role("heading", level=1)).to_contain_text("请先登录 Airflow")
    shot(anonymous, "06-office-not-logged-in")

    expert = new_page()
    token = stack.client.token("expert_01")
    expert.context.add_cookies([{"name": "_token", "value": token, "url": stack.url}])
    response = expert.goto(url)
    assert response is not None and response.status == 403
    expect(expert.get_by_role("heading", level=1)).to_contain_text("只有承办单位可以办理")
    expect(expert.locator("main")).not_to_contain_text("R-B4")  # not theirs to do: no rule is broken
    assert CITIZEN_TEXT not in expert.content()


def test_the_sponsor_office_logs_in_and_disposes_of_every_comment(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    citizen, hostile = decision.receipts["citizen"], decision.receipts["hostile"]
    office = f"{stack.url}/juece/office/decisions/{DECISION}/comments"
    page = new_page()
    # Airflow's own login page (SimpleAuthManager) sets the `_token` cookie and goes to `next`
    page.goto(f"{stack.url}/auth/login?next={office}")
    page.locator("input[name=username]").fill("sponsor_office")
    page.locator("input[name=password]").fill(stack.client.passwords["sponsor_office"])
    shot(page, "07-airflow-login")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(office)
    expect(page.get_by_role("heading", level=1)).to_contain_text("公众意见处理")
    expect(page.locator("main")).to_contain_text("承办单位 Sponsor office：周敏")  # by name, not user id
    expect(page.locator("#undisposed")).to_contain_text("待处理 2 条")
    row = page.locator(f"#row-{hostile}")
    expect(row.locator("td").nth(2)).to_have_text(HOSTILE_TEXT)  # shown as text, escaped
    expect(page.locator(f"#row-{citizen}")).to_contain_text(CITIZEN_TEXT)
    assert page.locator("main script, main img").count() == 0
    shot(page, "08-office-comments")

    # "not adopted" without a reason: refused with the rule, nothing recorded
    row.get_by_label(f"disposition {hostile}").select_option("not_adopted")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        row.get_by_role("button", name="保存 Save").click()
    assert posted.value.status == 422
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{hostile} 不予采纳，须说明理由")
    expect(page.locator("main")).to_contain_text("依据 Rule R-B4")
    shot(page, "09-office-refused-R-B4")
    assert latest(decision.entries(), "comment_disposed") is None
    page.get_by_role("link", name="返回 Back").click()
    page.wait_for_url(office)

    for receipt, disposition, reason, left in ((citizen, "partly_adopted", PARTLY_REASON, 1),
                                               (hostile, "not_adopted", NOT_ADOPTED_REASON, 0)):
        row = page.locator(f"#row-{receipt}")
        row.get_by_label(f"disposition {receipt}").select_option(disposition)
        row.get_by_label(f"reason {receipt}").fill(reason)
        row.get_by_role("button", name="保存 Save").click()
        expect(page.locator("#message")).to_contain_text("已记录 1 条处理结果")
        expect(page.locator("#undisposed")).to_contain_text(f"待处理 {left} 条")
        expect(page.locator(f"#row-{receipt}")).to_contain_text(reason)
    expect(page).to_have_url(re.compile(re.escape(office) + r"\?message="))
    expect(page.locator("#undisposed")).to_contain_text("待处理 0 条 / 0 awaiting a disposition（共 2 条 of 2）")
    shot(page, "10-office-all-disposed")
    assert page.dialogs == []

    disposed = {e["data"]["ref"]: e for e in all_of(decision.entries(), "comment_disposed")}
    assert set(disposed) == {citizen, hostile}
    assert all(e["actor"] == "sponsor_office" for e in disposed.values())
    assert disposed[hostile]["data"]["disposition"] == "not_adopted"
    assert disposed[hostile]["data"]["reason"] == NOT_ADOPTED_REASON


def test_in_airflows_own_task_page_a_citizens_markup_shows_as_typed(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    """Airflow's Required-actions page renders a task's body as Markdown with HTML: the comments the
    sponsor is asked to dispose of are escaped, so the official reads exactly what the citizen typed."""
    poll(lambda: task_states(stack, decision).get(DISPOSE) == "awaiting_input", PERIOD_SECONDS + 180,
         f"{DISPOSE} waiting for input", stack)
    page = new_page()
    from urllib.parse import quote

    run = quote(decision.run_id, safe="")  # a run id carries `+00:00`
    task = f"{stack.url}/dags/{decision.dag_id}/runs/{run}/tasks/{DISPOSE}/required_actions?map_index=-1"
    page.goto(f"{stack.url}/auth/login?next={quote(task, safe='')}")
    page.locator("input[name=username]").fill("sponsor_office")
    page.locator("input[name=password]").fill(stack.client.passwords["sponsor_office"])
    page.locator("form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(HOSTILE_TEXT, timeout=2 * TIMEOUT_MS)
    shot(page, "10b-airflow-required-action-escaped")
    assert page.locator("img[src=x]").count() == 0 and page.dialogs == []  # nothing a citizen typed ran


def answer_when_asked(stack: Stack, decision: Decision, task_id: str, user: str, chosen: list[str],
                      params: dict[str, Any], timeout: float) -> None:
    """Answer a human task as the demo's responder does: only after it has waited for input
    without a response for SETTLE_SECONDS (upstream race); again if a retry asks again."""
    path = f"/dags/{decision.dag_id}/dagRuns/{decision.run_id}/taskInstances/{task_id}/-1/hitlDetails"
    deadline = time.monotonic() + timeout
    waiting_since: float | None = None
    answered = 0
    while time.monotonic() < deadline:
        state = task_states(stack, decision).get(task_id)
        if state == "success":
            return
        assert state not in ("failed", "upstream_failed"), f"{task_id} is {state}: see its task log"
        detail = stack.client.json(SYSTEM_USER, "GET", path) if state == "awaiting_input" else {}
        if state != "awaiting_input" or detail.get("response_received"):
            waiting_since = None
        elif waiting_since is None:
            waiting_since = time.monotonic()
        elif time.monotonic() - waiting_since >= SETTLE_SECONDS:
            refused = [e for e in all_of(decision.entries(), "answer_refused") if e["data"]["task"] == task_id]
            assert not refused, f"the answer to {task_id} was refused: {refused[-1]['data']}"
            reply = stack.client.answer(user, decision.dag_id, decision.run_id, task_id, chosen, params)
            assert reply.status_code < 300, f"answer to {task_id}: HTTP {reply.status_code} {reply.text[:300]}"
            answered += 1
            waiting_since = None
        time.sleep(0.5)
    raise AssertionError(f"{task_id} did not succeed within {timeout:.0f} s ({answered} answers); "
                         f"task states: {task_states(stack, decision)}")


def test_the_stage_completes_and_the_public_sees_how_the_comments_were_handled(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    # the office disposed of everything on its page: the task's answer carries no dispositions
    answer_when_asked(stack, decision, DISPOSE, "sponsor_office", ["提交 Submit"], {"dispositions": []},
                      timeout=PERIOD_SECONDS + 180)

    def group_succeeded() -> dict[str, str | None] | None:
        group = {k: v for k, v in task_states(stack, decision).items() if k.startswith(f"{GROUP}.")}
        return group if group and all(v == "success" for v in group.values()) else None

    group = poll(group_succeeded, 60, f"every {GROUP} task to succeed", stack, decision)
    assert set(group) == {f"{GROUP}.{t}" for t in
                          ("publish_notice", "comment_period", "close_comments", "dispose_comments")}

    entries = decision.entries()
    closed = latest(entries, "comments_closed", GROUP)
    assert closed["data"]["count"] == 2 and closed["data"]["late"] == []
    report = latest(entries, "adoption_report", GROUP)
    assert report is not None and report["actor"] == "sponsor_office"
    assert report["data"]["total"] == 2
    assert report["data"]["counts"] == {"partly_adopted": 1, "not_adopted": 1}
    assert report["data"]["adoption_rate"] == 0.5
    assert not all_of(entries, "answer_refused")

    page = new_page()
    page.goto(f"{stack.url}/juece/public/decisions/{DECISION}")
    heading = page.get_by_role("heading", name=re.compile("意见采纳情况"))
    expect(heading).to_be_visible()
    expect(page.locator("main")).to_contain_text("共 2 条：采纳 0，部分采纳 1，未采纳 1。")
    expect(page.locator("main")).to_contain_text("征求意见期限已过")
    shot(page, "11-decision-adoption-report")

    # R-B5: each comment and its handling, published; the hostile text as text, no personal data
    page.locator("#adoption-report").click()
    expect(page).to_have_url(f"{stack.url}/juece/public/decisions/{DECISION}/adoption-report")
    expect(page.locator("#totals")).to_contain_text("共收到意见 2 条：采纳 0 条，部分采纳 1 条")
    expect(page.locator("#totals")).to_contain_text("不予采纳 1 条")
    rows = page.locator("main table tr")
    expect(rows).to_have_count(3)  # header + two comments
    hostile = rows.filter(has_text=decision.receipts["hostile"])
    expect(hostile.locator("td").nth(2)).to_have_text(HOSTILE_TEXT)
    expect(hostile).to_contain_text(NOT_ADOPTED_REASON)
    expect(rows.filter(has_text=decision.receipts["citizen"])).to_contain_text(PARTLY_REASON)
    assert page.locator("main script, main img").count() == 0
    body = page.content()
    assert "王芳" not in body and "wangfang" not in body
    shot(page, "12-public-adoption-report")

    # the citizen looks up their own comment by its receipt, from the decision's page (no account)
    page.goto(f"{stack.url}/juece/public/decisions/{DECISION}")
    page.locator("#receipt-number").fill(decision.receipts["citizen"])
    page.get_by_role("button", name="查询 Look up").click()
    expect(page.locator("#receipt")).to_have_text(decision.receipts["citizen"])
    expect(page.locator("#disposition")).to_contain_text("部分采纳")
    expect(page.locator("#reason")).to_contain_text(PARTLY_REASON)
    assert "王芳" not in page.content()
    shot(page, "12b-receipt-lookup")

    page.goto(f"{stack.url}/juece/public/")
    expect(page.locator(".card").filter(has_text=TITLE)).to_contain_text("征求意见已结束")
    shot(page, "13-public-list-closed")
    assert page.dialogs == []



def test_the_office_finds_the_decision_on_its_desk_from_airflows_navigation_and_reads_its_record(
        stack: Stack, decision: Decision, new_page: Callable[..., Any]) -> None:
    """Airflow's navigation leads to the desk (the plugin's external view); the desk shows the
    decision where it stands, who holds its open steps and their deadlines; its record in words."""
    plugins = stack.client.json(SYSTEM_USER, "GET", "/plugins")["plugins"]
    views = [view for plugin in plugins if plugin["name"] == "juece" for view in plugin.get("external_views", [])]
    assert [(v["name"], v["href"]) for v in views] == [("决策工作台 Office desk", "/juece/office/"),
                                                       ("我的待办 My tasks", "/juece/tasks/")]

    page = new_page()
    page.context.add_cookies([{"name": "_token", "value": stack.client.token("sponsor_office"), "url": stack.url}])
    page.goto(f"{stack.url}/juece/office/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("决策工作台")
    row = page.locator(f"#d-{DECISION}")
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text("承办单位 周敏")  # by role and name (the demo's people directory)
    shot(page, "14-office-desk")
    before = len(decision.entries())  # the run goes on meanwhile (reminders, replacements): the page
    row.get_by_role("link", name=TITLE).click()  # shows the record as it stood when it was read
    expect(page).to_have_url(f"{stack.url}/juece/office/decisions/{DECISION}")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("北京时间")
    assert before <= timeline.locator("tbody tr").count() <= len(decision.entries())
    assert page.locator("main script, main img").count() == 0
    assert HOSTILE_TEXT not in page.content()  # escaped wherever a comment is quoted
    shot(page, "15-office-record")

    other = new_page()
    other.context.add_cookies([{"name": "_token", "value": stack.client.token("expert_01"), "url": stack.url}])
    response = other.goto(f"{stack.url}/juece/office/decisions/{DECISION}")
    assert response is not None and response.status == 403
    other.goto(f"{stack.url}/juece/office/")
    expect(other.locator(f"#d-{DECISION}")).to_have_count(0)


def test_a_clerk_launches_a_decision_from_its_type_through_the_form(
        stack: Stack, new_page: Callable[..., Any]) -> None:
    """From the desk: New decision → the urban-planning type → the form generated from the spec's
    schema, its id changed → a 10-day period is refused at its field (R-B2) → 30 days, preview →
    launch; the launcher recorded is the signed-in office, the run starts, and the desk lists the
    decision with its stage and deadlines."""
    launched_id = "yanshou-2027-urban-desk"
    page = new_page()
    page.context.add_cookies([{"name": "_token", "value": stack.client.token("sponsor_office"), "url": stack.url}])
    page.goto(f"{stack.url}/juece/office/")
    page.locator("#new-decision").click()
    page.get_by_role("link", name="延寿县城区控制性详细规划（2027—2035年）").click()
    expect(page.locator("#sponsor")).to_have_text("周敏")  # the signed-in office, by name
    expect(page.locator("#f-head")).to_have_value("county_head")  # the type's people, chosen by name
    expect(page.locator("#f-head option:checked")).to_contain_text("张伟")
    page.locator("#f-id").fill(launched_id)
    page.locator("#f-comment_period_days").fill("10")
    page.get_by_role("button", name=re.compile("预览环节和期限")).click()
    expect(page.locator("#error-comment_period_days-1")).to_contain_text("R-B2")
    shot(page, "16-launch-refused-R-B2")
    page.locator("#f-comment_period_days").fill("30")
    page.get_by_role("button", name=re.compile("预览环节和期限")).click()
    expect(page.locator("#stage-experts")).to_contain_text("7")  # an important plan's panel
    shot(page, "17-launch-preview")
    page.get_by_role("button", name=re.compile("启动决策")).click()
    page.wait_for_url(f"{stack.url}/juece/office/decisions/{launched_id}", timeout=4 * TIMEOUT_MS)
    shot(page, "18-launched-record")
    launched = latest(Ledger().entries(launched_id), "launched")
    assert launched["actor"] == "sponsor_office" and launched["data"]["spec"]["sponsor_office"] == "sponsor_office"
    assert launched["data"]["spec"]["stages"]["public_participation"]["comment_period_days"] == 30
    poll(lambda: latest(Ledger().entries(launched_id), "workflow_started"), 180, "the run to start")
    poll(lambda: latest(Ledger().entries(launched_id), "notice_published"), 180, "the notice to be published")
    page.goto(f"{stack.url}/juece/office/")
    row = page.locator(f"#d-{launched_id}")
    expect(row).to_contain_text("延寿县城区控制性详细规划")
    expect(row).to_contain_text("征求意见期限届满")  # the comment period's legal deadline, in words
    expect(row.locator("td").nth(1)).not_to_be_empty()  # its stage in words (the clock runs fast here)
    shot(page, "18b-desk-with-the-launched-decision")
    assert page.dialogs == []


def test_the_daily_round_escalates_each_overdue_step_once_to_the_office_and_the_head(
        stack: Stack, decision: Decision) -> None:
    """DAG notices_daily in real Airflow: an overdue step (the accelerated clock passes the risk
    round's 30 days in about 45 s) is escalated to the sponsor office and the head, each office gets
    its digest, every notice is in the record, and a second round escalates nothing twice."""
    from datetime import UTC, datetime

    from juece.domain.archive.overdue import overdue_steps

    poll(lambda: overdue_steps(decision.entries(), datetime.now(UTC)), 180, "a step to be overdue", stack, decision)
    client = stack.client
    for _ in range(2):
        run_id = client.unpause_and_trigger(SYSTEM_USER, "notices_daily")
        poll(lambda run_id=run_id: client.run_state(SYSTEM_USER, "notices_daily", run_id) in ("success", "failed"),
             180, "the daily round to end")
        assert client.run_state(SYSTEM_USER, "notices_daily", run_id) == "success"
    sent = [e["data"] for e in all_of(decision.entries(), "notice_sent")]
    escalated = [(d["step"], d["recipient"], d["channel"]) for d in sent if d["notice"] == "escalation"]
    assert {"sponsor_office", "county_head"} <= {recipient for _, recipient, _ in escalated}
    assert len(escalated) == len(set(escalated)), "an overdue step was escalated twice"
    assert any(d["notice"] == "digest" and d["recipient"] == "sponsor_office" for d in sent)


@pytest.mark.timeout(1800)  # two decisions at once on a loaded machine: the pages' and its REST twin
def test_the_clerk_reviews_and_publishes_the_announcement_on_the_offices_page(
        stack: Stack, new_page: Callable[..., Any], tmp_path: Path) -> None:
    """A whole decision (the urban-planning scenario) answered by its people through the REST API,
    except tasks left to people in the browser. The risk assessor fills the first round's
    register on juece's page: a point without its impact refused at its cell (R-D3), then the
    scenario's round recorded as the assessor's own answer. The legality reviewer gives the review on
    juece's page, citing the provisions relied on (a provision without its article refused at its
    field, R-E4), and the record holds them. The clerk reviews the announcement: from
    the desk to the review page, a document number in the wrong brackets refused at its field
    (R-G1), then published with its number. The meeting is held on its pages: the secretary
    convenes, each member states a view, the head decides (each refused once at a field, R-F2,
    R-F3, R-F4). Airflow records each person's own answer and the run
    completes. Meanwhile its twin under another id is answered wholly through REST: the two
    records hold the same kinds of entries and give the same compliance table (issue 17 item 4,
    tests/e2e/record_parity.py)."""
    from concurrent.futures import ThreadPoolExecutor

    from juece.demo.run import Beside, run_scenario
    from juece.demo.scenario import load_scenario

    task, number, assess = "publication.review_announcement", "延政发〔2027〕12号", "risk_assessment.assess"
    legality = "legality_review.review"
    dispose = "expert_review.dispose_opinions"
    scenario = load_scenario(TEMPLATES / "scenarios" / "urban-planning.yaml")
    decision_id = "yanshou-2027-urban-001"
    meeting = meeting_tasks(scenario)
    on_pages = frozenset({*meeting, task, assess, legality, dispose})
    twin_id = "yanshou-2027-urban-002"
    twin = under_another_id(scenario, tmp_path, twin_id, catalogue_item=2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = pool.submit(run_scenario, stack, scenario, print, 900.0, Beside(lambda _dag, _run: None, on_pages))
        by_rest = pool.submit(run_scenario, stack, twin, lambda line: print(f"[REST twin] {line}"), 900.0)

        def waits(who: str, task_id: str) -> bool:
            if running.done():  # the run ended (or failed) before the task waited: say why
                raise AssertionError(f"the run ended before {task_id} waited: {running.result()}")
            try:
                details = stack.client.call(who, "GET", f"/dags/decision__{decision_id}/dagRuns/~/hitlDetails",
                                            params={"task_id": task_id, "response_received": "false"})
            except AirflowUnavailable:  # Airflow slow to answer on a loaded machine: asked again
                return False
            return details.status_code == 200 and any(
                d["task_instance"]["state"] == "awaiting_input" for d in details.json()["hitl_details"])

        poll(lambda: waits("risk_assessor", assess), 540, "the risk assessment to wait for the assessor")
        time.sleep(SETTLE_SECONDS)
        fill_the_risk_register(stack, new_page(), decision_id, scenario)
        poll(lambda: waits("sponsor_office", dispose), 540, "the opinions' dispositions to wait for the office")
        time.sleep(SETTLE_SECONDS)
        typed = dispose_of_the_opinions(stack, new_page(), decision_id, scenario)
        poll(lambda: waits("legality_reviewer", legality), 540, "the legality review to wait for the reviewer")
        time.sleep(SETTLE_SECONDS)
        give_the_legality_review(stack, new_page(), decision_id, scenario)
        hold_the_meeting(stack, new_page, decision_id, scenario, waits)
        poll(lambda: waits("sponsor_office", task), 540, "the announcement's review to wait for the office")
        time.sleep(SETTLE_SECONDS)  # the upstream race: no answer in the first moment of waiting
        page = new_page()
        page.context.add_cookies([{"name": "_token", "value": stack.client.token("sponsor_office"), "url": stack.url}])
        page.goto(f"{stack.url}/juece/office/")
        page.locator(f"#review-{decision_id}").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("审定并发布决定公告")
        expect(page.locator("#deadline")).to_contain_text("北京时间")
        expect(page.locator("#f-text")).to_contain_text("延寿县人民政府")
        page.locator("#f-document_number").fill("延政发[2027]12号")
        page.locator("#publish").click()
        expect(page.locator("#error-document_number")).to_contain_text("R-G1")
        shot(page, "19-announcement-refused-R-G1")
        assert not blocking(page), blocking(page)  # axe-core, as every other page (test_accessibility.py)
        page.locator("#f-document_number").fill(number)
        page.locator("#publish").click()
        page.wait_for_url(f"{stack.url}/juece/office/decisions/{decision_id}", timeout=4 * TIMEOUT_MS)
        shot(page, "20-announcement-published-record")
        outcome = running.result(timeout=300)
        twin_outcome = by_rest.result(timeout=300)
    assert outcome.state == "success", outcome.problems
    assert twin_outcome.state == "success", twin_outcome.problems
    entries = Ledger().entries(decision_id)
    first = next(e for e in entries if e["kind"] == "risk_assessed")
    assert first["actor"] == "risk_assessor" and not first["data"]["controllable"]
    assert [(p["likelihood"], p["impact"]) for p in first["data"]["points"]] == [(4, 4), (2, 3)]
    disposed = {e["data"]["ref"]: (e["actor"], e["data"]["disposition"], e["data"]["reason"])
                for e in all_of(entries, "opinion_disposed")}
    assert disposed == {ref: ("sponsor_office", *chosen) for ref, chosen in typed.items()}
    report = next(e for e in entries if e["kind"] == "adoption_report" and e["stage"] == "expert_review")
    assert report["actor"] == "sponsor_office" and report["data"]["total"] == len(typed)
    legal = latest(entries, "legality_reviewed")
    assert legal["actor"] == "legality_reviewer" and legal["data"]["outcome"] == "lawful"
    assert len(legal["data"]["authority_provisions"]) == 2  # two provisions cited through the page
    for name in ("authority", "procedure"):
        assert legal["data"][f"{name}_provisions"] == scenario.legality_review[f"{name}_provisions"]
    convened = latest(entries, "meeting_convened")  # the meeting, each answer as the person who gave it
    assert convened["actor"] == "secretary" and convened["data"]["attendees"] == scenario.meeting.attendees
    views = {e["data"]["member"]: (e["actor"], e["data"]["view"], e["data"]["remarks"])
             for e in all_of(entries, "member_view")}
    assert views == {member: (member, v.view, v.remarks) for member, v in scenario.meeting.views.items()}
    decided = latest(entries, "head_decision")
    assert decided["actor"] == "county_head" and decided["data"]["outcome"] == scenario.meeting.head.outcome
    assert not [e for e in all_of(entries, "answer_refused") if e["stage"] == "collective_deliberation"]
    reviewed = latest(entries, "announcement_reviewed")
    assert reviewed["actor"] == "sponsor_office" and reviewed["data"]["document_number"] == number
    assert latest(entries, "published")["data"]["announcement"].startswith(number)
    assert page.dialogs == []
    assert_pages_record_as_rest(decision_id, twin_id, on_pages)


def fill_the_risk_register(stack: Stack, page: Any, decision_id: str, scenario: Any) -> None:
    """The assessor's first round on juece's page, typed as the scenario gives it: the second
    point's impact left out first (refused at its cell, R-D3), then given."""
    page.context.add_cookies([{"name": "_token", "value": stack.client.token("risk_assessor"), "url": stack.url}])
    page.goto(f"{stack.url}/juece/tasks/")  # the assessor's own tasks: this one, linked to juece's page
    expect(page.locator("#my-tasks")).to_contain_text("延寿县城区控制性详细规划")
    link = page.locator(f"#my-tasks a[href$='/tasks/decisions/{decision_id}/risk']")
    expect(link).to_have_count(1)  # (the module's other decision may wait for the assessor too)
    shot(page, "18a-my-tasks")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("风险评估")
    points = [dict(point) for point in scenario.risk_rounds[0].points]
    for n, point in enumerate(points, 1):
        at = f"risk_points.{n}."
        page.select_option(f'select[name="{at}dimension"]', point["dimension"])
        page.locator(f'input[name="{at}description"]').fill(point["description"])
        page.select_option(f'select[name="{at}likelihood"]', str(point["likelihood"]))
        if n == 1:
            page.select_option(f'select[name="{at}impact"]', str(point["impact"]))
        page.locator(f'input[name="{at}measure"]').fill(point["measure"])
        page.select_option(f'select[name="{at}accepted"]', "yes" if point["mitigation_accepted"] else "no")
    expect(page.locator("#level-1")).to_have_text("高 high")  # 4 x 4 in the plan's matrix, shown as chosen
    page.locator("#departments_heard").fill("\n".join(scenario.risk_departments_heard))
    page.locator("#response_plan").fill(scenario.risk_response_plan)
    page.get_by_role("button", name=re.compile("提交风险评估")).click()
    expect(page.locator("#refused")).to_contain_text("R-D3")
    expect(page.locator("#point-2")).to_have_class(re.compile("overdue"))  # the row refused is marked
    shot(page, "18c-risk-register-refused-R-D3")
    page.select_option('select[name="risk_points.2.impact"]', str(points[1]["impact"]))
    page.get_by_role("button", name=re.compile("提交风险评估")).click()
    expect(page.locator("#sent")).to_contain_text("已提交")

    def recorded() -> bool:
        page.goto(f"{stack.url}/juece/tasks/decisions/{decision_id}/risk")
        return page.locator("#not-waiting, #done").count() > 0

    poll(recorded, 180, "the first round to be recorded")
    expect(page.locator("#last-round")).to_contain_text(points[0]["description"])  # high, not accepted: R-D4
    shot(page, "18d-risk-register-recorded")


def dispose_of_the_opinions(stack: Stack, page: Any, decision_id: str, scenario: Any) -> dict[str, tuple[str, str]]:
    """The office's dispositions of the signed opinions on juece's page, reached from its own
    tasks: every opinion ticked and filled at once (adopted, one reason), then each row given the
    scenario's disposition and reason, the last row's reason left out first (refused at its field,
    R-C6). What was typed, by the expert's account (read back from the record)."""
    from juece.domain.expert_review.panel_record import holder

    page.context.add_cookies([{"name": "_token", "value": stack.client.token("sponsor_office"), "url": stack.url}])
    page.goto(f"{stack.url}/juece/tasks/")
    link = page.locator(f"#my-tasks a[href$='/office/decisions/{decision_id}/opinions']")
    expect(link).to_have_count(1)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("专家论证意见采纳处理")
    rows = page.locator("#opinions tbody tr")
    seats = [rows.nth(n).get_attribute("data-seat") or "" for n in range(rows.count())]
    assert seats, "no signed opinion to dispose of"
    for n in range(1, len(seats) + 1):
        page.locator(f"#sel-{n}").check()
    page.select_option("#bulk-disposition", "adopted")
    page.locator("#bulk-reason").fill("意见已在草案中采纳。")
    page.locator("#apply").click()
    expect(page.locator("#applied")).to_contain_text(f"已为 {len(seats)} 条意见填入")
    expect(page.locator(f"#reason-{len(seats)}")).to_have_value("意见已在草案中采纳。")
    shot(page, "18e-opinions-filled-at-once")
    chosen = {}
    for n, seat in enumerate(seats, 1):
        given = scenario.opinion_dispositions.get(seat) or {"disposition": "adopted", "reason": "意见已在草案中采纳。"}
        chosen[seat] = (given["disposition"], given["reason"])
        page.select_option(f"#disp-{n}", given["disposition"])
        page.locator(f"#reason-{n}").fill("" if n == len(seats) else given["reason"])
    page.locator("#submit").click()
    expect(page.locator("#refused")).to_contain_text("R-C6")
    expect(page.locator(f"#error-{len(seats)}")).to_contain_text("R-C6")
    if len(seats) > 1:  # what was typed in the other rows is kept
        expect(page.locator(f"#reason-{len(seats) - 1}")).to_have_value(chosen[seats[-2]][1])
    assert not blocking(page), blocking(page)
    shot(page, "18f-opinions-refused-R-C6")
    page.locator(f"#reason-{len(seats)}").fill(chosen[seats[-1]][1])
    page.locator("#submit").click()
    expect(page.locator("#sent")).to_contain_text("已提交")

    def recorded() -> bool:
        page.goto(f"{stack.url}/juece/office/decisions/{decision_id}/opinions")
        return page.locator("#done").count() > 0

    poll(recorded, 180, "the dispositions to be recorded")
    shot(page, "18g-opinions-recorded")
    entries = Ledger().entries(decision_id)
    return {holder(entries, seat) or seat: given for seat, given in chosen.items()}


def give_the_legality_review(stack: Stack, page: Any, decision_id: str, scenario: Any) -> None:
    """The reviewer's review on juece's page, reached from their own tasks and typed as the scenario
    gives it: the findings with their provisions (law, article), the second provision's article
    left out first (refused at its field, R-E4), then given; the due date shown in China time."""
    review = dict(scenario.legality_review)
    page.context.add_cookies([{"name": "_token", "value": stack.client.token("legality_reviewer"), "url": stack.url}])
    page.goto(f"{stack.url}/juece/tasks/")
    link = page.locator(f"#my-tasks a[href$='/tasks/decisions/{decision_id}/legality']")
    expect(link).to_have_count(1)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("合法性审查")
    expect(page.locator("#due")).to_contain_text("北京时间")
    left_out = ("authority", 2)
    for name in ("authority", "procedure", "content"):
        page.locator(f"#f-{name}").fill(review[name])
        for n, cited in enumerate(review.get(f"{name}_provisions", []), 1):
            page.locator(f'input[name="{name}_provisions.{n}.law"]').fill(cited["law"])
            if (name, n) != left_out:
                page.locator(f'input[name="{name}_provisions.{n}.article"]').fill(cited["article"])
    page.locator(f'input[name="outcome"][value="{review["outcome"]}"]').check()
    page.locator("#submit").click()
    expect(page.locator("#refused")).to_contain_text("R-E4")
    expect(page.locator("#error-authority_provisions-2-article")).to_contain_text("R-E4")
    expect(page.locator("#authority_provisions-2")).to_have_class(re.compile("overdue"))  # the row refused
    shot(page, "18f-legality-review-refused-R-E4")
    assert not blocking(page), blocking(page)
    page.locator('input[name="authority_provisions.2.article"]').fill(review["authority_provisions"][1]["article"])
    page.locator("#submit").click()
    expect(page.locator("#sent")).to_contain_text("已提交")

    def recorded() -> bool:
        page.goto(f"{stack.url}/juece/tasks/decisions/{decision_id}/legality")
        return page.locator("#done").count() > 0

    poll(recorded, 180, "the legality review to be recorded")
    cited = review["authority_provisions"][1]
    expect(page.locator("#last-review")).to_contain_text(f"《{cited['law']}》{cited['article']}")
    shot(page, "18g-legality-review-recorded")


def meeting_tasks(scenario: Any) -> set[str]:
    """The meeting's tasks, left to its people on juece's pages: the convening, each member's view
    and the head's decision."""
    from juece.domain.deliberation.tasks import CONVENE, HEAD_DECISION, in_stage, view_task

    return {in_stage(CONVENE), in_stage(HEAD_DECISION), *(in_stage(view_task(m)) for m in scenario.meeting.views)}


def from_my_tasks(stack: Stack, page: Any, who: str, ending: str) -> Any:
    """``who`` signed in, from their own tasks to the one page linked there whose address ends so."""
    page.context.add_cookies([{"name": "_token", "value": stack.client.token(who), "url": stack.url}])
    page.goto(f"{stack.url}/juece/tasks/")
    link = page.locator(f"#my-tasks a[href$='{ending}']")
    expect(link).to_have_count(1)
    link.click()
    return page


def hold_the_meeting(stack: Stack, new_page: Callable[..., Any], decision_id: str, scenario: Any,
                     waits: Callable[[str, str], bool]) -> None:
    """The meeting on juece's pages (R-F2..R-F4), each person signed in as themselves and reaching
    the page from their own tasks: the secretary ticks the attendance without the head first (shown
    live as no quorum; refused at the attendance, R-F2), then with the head; each member states the
    scenario's view on their own page (the dissent's reasons left out first: refused at the field,
    R-F3); the head sees the views and the majority, chooses a decision departing from it without a
    reason (shown as required; refused at the field, R-F4), then the scenario's decision."""
    from juece.domain.deliberation.tasks import CONVENE, HEAD_DECISION, in_stage, view_task
    from juece.spec import load_spec

    meeting, config = scenario.meeting, load_spec(scenario.spec_path).stages.collective_deliberation
    page_of = f"/tasks/decisions/{decision_id}/meeting"
    poll(lambda: waits(config.secretary, in_stage(CONVENE)), 540, "the meeting to wait for the secretary")
    time.sleep(SETTLE_SECONDS)
    page = from_my_tasks(stack, new_page(), config.secretary, page_of)
    expect(page.get_by_role("heading", level=1)).to_contain_text("召开会议")
    for n, member in enumerate(config.members, 1):
        if member in meeting.attendees and member != config.head:
            page.locator(f"#attend-{n}").check()
    expect(page.locator("#quorum")).to_contain_text("行政首长未出席")
    page.get_by_role("button", name=re.compile("确认召开会议")).click()
    expect(page.locator("#error-attendees")).to_contain_text("R-F2")
    shot(page, "18h-meeting-convening-refused-R-F2")
    page.locator(f"#attend-{config.members.index(config.head) + 1}").check()
    expect(page.locator("#quorum")).to_contain_text("达到法定人数")
    assert not blocking(page), blocking(page)
    page.get_by_role("button", name=re.compile("确认召开会议")).click()
    expect(page.locator("#sent")).to_contain_text("已提交")
    for member, view in meeting.views.items():
        poll(lambda member=member: waits(member, in_stage(view_task(member))), 300, f"{member}'s view to wait")
        time.sleep(SETTLE_SECONDS)
        page = from_my_tasks(stack, new_page(), member, f"{page_of}/views/{member}")
        expect(page.get_by_role("heading", level=1)).to_contain_text("发表意见")
        page.locator(f"#view-{view.view}").check()
        if view.view == "disagree":
            page.get_by_role("button", name=re.compile("提交意见")).click()
            expect(page.locator("#error-remarks")).to_contain_text("R-F3")
            shot(page, "18i-meeting-view-refused-R-F3")
        page.locator("#remarks").fill(view.remarks)
        page.get_by_role("button", name=re.compile("提交意见")).click()
        expect(page.locator("#sent")).to_contain_text("已提交")
    poll(lambda: waits(config.head, in_stage(HEAD_DECISION)), 300, "the head's decision to wait")
    time.sleep(SETTLE_SECONDS)
    page = from_my_tasks(stack, new_page(), config.head, f"{page_of}/decision")
    expect(page.locator("#majority")).to_contain_text("通过")
    departs = meeting.head_first_try or type(meeting.head)(outcome="postpone")
    page.locator(f"#outcome-{departs.outcome}").check()
    expect(page.locator("#reason-required")).to_be_visible()
    page.get_by_role("button", name=re.compile("作出决定")).click()
    expect(page.locator("#error-reason")).to_contain_text("R-F4")
    assert not blocking(page), blocking(page)
    shot(page, "18j-meeting-decision-refused-R-F4")
    page.locator(f"#outcome-{meeting.head.outcome}").check()
    expect(page.locator("#reason-required")).to_be_hidden()
    page.locator("#reason").fill(meeting.head.reason)
    page.get_by_role("button", name=re.compile("作出决定")).click()
    expect(page.locator("#sent")).to_contain_text("已提交")

    def recorded() -> bool:
        page.goto(f"{stack.url}/juece{page_of}/decision")
        return page.locator("#done").count() > 0

    poll(recorded, 180, "the head's decision to be recorded")
    shot(page, "18k-meeting-decision-recorded")
