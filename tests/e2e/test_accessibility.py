"""Every juece page in real headless Chromium, checked by axe-core (the copy bundled with
axe-playwright-python, run with its default rules: WCAG 2 A/AA and best practices): no violation
of impact "serious" or "critical". The comment form and the office's desk work with the keyboard
alone, and every focusable element on the desk shows where the focus is.

The juece app is served by uvicorn on loopback, without Airflow: who is signed in is replaced for
this module by a cookie naming the person (``juece.web.{office,experts}.airflow_user`` and
``juece.web.{desk,archives}.airflow_identity``); Airflow's own login page is tested in
test_archive_search.py. The records DB holds a decision open for comments with comments, one
whose comments have an adoption report, and one published, announced and archived (its PDF
editions built and signed for real). Screenshots: test-artifacts/e2e/.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.expert_review.panel_record import holder
from juece.domain.participation.dispositions import adoption_report
from juece.domain.participation.hearing import announce
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.services import archives
from juece.spec import load_spec
from tests.e2e.conftest import serving, shot, unavailable
from tests.e2e.test_archive_search import ARCHIVIST, MEMBER, PARKING, Archive, events
from tests.integration.test_portal import DECISION, launch_urban, publish
from tests.unit.web.opinion_panel import opinions_given
from tests.unit.web.test_expert_pages import submit as opinion_submitted
from tests.unit.web.test_hearing_signup import announced as signup_announced
from tests.unit.web.test_legality_review import under_review
from tests.unit.web.test_meeting import meeting_at

pytestmark = pytest.mark.e2e

OFFICE = "sponsor_office"
REPORTED = "yanshou-2027-a11y-reported"
HEARING = "yanshou-2027-a11y-hearing"
LEGALITY = "yanshou-2027-a11y-legality"  # its legality review waits for the reviewer
OPINIONS = "yanshou-2027-a11y-opinions"  # its expert panel closed: the opinions wait for dispositions
SIGNUP = "yanshou-2027-a11y-signup"  # its hearing open for public sign-up (R-B6)
MEETINGS = {phase: f"yanshou-2027-a11y-{phase}" for phase in ("convening", "speaking", "deciding")}  # R-F2..R-F4
ROLES = {OFFICE: "User", MEMBER: "User", ARCHIVIST: "Viewer", "expert_1": "User", "risk_assessor": "User",
         "secretary": "User", "member_1": "User", "county_head": "User",
         "legality_reviewer": "User"}
BLOCKING = ("serious", "critical")
COMMENTS = ("建议第三条养老服务用房标准提高到每百户不少于四十平方米。", "建议增加停车位。")


@dataclass
class Site:
    url: str
    archive: Archive

    def page(self, new_page: Callable[..., Any], who: str | None = None) -> Any:
        """A page of a fresh browser context, signed in as ``who`` (anonymous when None)."""
        page = new_page()
        if who is not None:
            page.context.add_cookies([{"name": "_token", "value": who, "url": self.url}])
        return page


def seed() -> Archive:
    """The urban plan open for comments (two comments), a copy of it whose comments were disposed
    of and reported on, and a decision published, announced and archived."""
    launch_urban()
    ROLES[opinion_submitted(DECISION, "seat_1")] = "User"  # seat_1's expert: the opinion waits for a passkey (R-C1)
    ledger = Ledger()
    publish(ledger)
    for n, text in enumerate(COMMENTS, 1):
        ledger.append(DECISION, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                    {"receipt": f"C-00000{n}", "paragraph": n, "text": text, "late": False,
                                     "cluster": "c1"}))
    spec = load_spec(Path(__file__).resolve().parents[2] / "templates" / "urban-planning.yaml")
    spec = spec.model_copy(update={"id": REPORTED})
    ledger.append(REPORTED, Act(Stage.LAUNCH, "launched", OFFICE, {"spec": spec.model_dump(mode="json")}))
    notice = ledger.latest(DECISION, "notice_published")["data"]
    ledger.append(REPORTED, Act(Stage.PUBLIC_PARTICIPATION, "notice_published", OFFICE, notice))
    ledger.append(REPORTED, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                {"receipt": "R-0001", "paragraph": 2, "text": COMMENTS[1], "cluster": "c1"}))
    disposed = {"ref": "R-0001", "disposition": "not_adopted", "reason": "停车位已在其他规划中统筹。"}
    ledger.append(REPORTED, Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", OFFICE, disposed))
    ledger.append(REPORTED, adoption_report(["R-0001"], {"R-0001": disposed}, Stage.PUBLIC_PARTICIPATION,
                                            "R-B4", OFFICE))
    hearing = load_spec(Path(__file__).resolve().parents[2] / "templates" / "price-hearing.yaml")
    hearing = hearing.model_copy(update={"id": HEARING})
    ledger.append(HEARING, Act(Stage.LAUNCH, "launched", OFFICE, {"spec": hearing.model_dump(mode="json")}))
    ledger.append(HEARING, Act(Stage.PUBLIC_PARTICIPATION, "notice_published", OFFICE, notice))
    ledger.append_many(HEARING, announce(hearing, ledger.entries(HEARING), datetime(2026, 12, 1, tzinfo=UTC)))
    ledger.append(LEGALITY, Act(Stage.LAUNCH, "launched", OFFICE,
                                {"spec": spec.model_copy(update={"id": LEGALITY}).model_dump(mode="json")}))
    under_review(ledger, LEGALITY)
    ledger.append(OPINIONS, Act(Stage.LAUNCH, "launched", OFFICE,
                                {"spec": spec.model_copy(update={"id": OPINIONS}).model_dump(mode="json")}))
    ledger.append(OPINIONS, Act(Stage.EXPERT_REVIEW, "panel_drawn", "juece", ledger.latest(DECISION, "panel_drawn")["data"]))
    opinions_given(ledger, OPINIONS)
    signup_announced(ledger, timedelta(days=7), SIGNUP)
    for phase, meeting in MEETINGS.items():
        ledger.append(meeting, Act(Stage.LAUNCH, "launched", OFFICE,
                                   {"spec": spec.model_copy(update={"id": meeting}).model_dump(mode="json")}))
        meeting_at(ledger, meeting, phase)
    acts = events(PARKING, "建设必要、可行。")
    acts[1].data.update(opens_at="2027-03-01T00:00:00+08:00", closes_at="2027-03-31T23:59:59+08:00", period_days=30)
    ledger.append_many(PARKING["id"], acts)
    with ThreadPoolExecutor(1) as worker:  # signing runs asyncio; Playwright keeps a loop running here
        both = worker.submit(archives.issue, PARKING["id"], ledger=ledger).result()
    return Archive(PARKING["id"], PARKING["title"], both[0].issue.archive_no,
                   {one.issue.edition: one.issue.sha256 for one in both})


@pytest.fixture(scope="module")
def site(browser: Any, body_keys_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The records DB seeded and the whole juece app (public and signed-in parts) on a free
    loopback port under /juece, the sign-in replaced by a cookie; stopped afterwards."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    from juece.web.app import create_app

    home = tmp_path_factory.mktemp("accessibility")
    shutil.copytree(body_keys_source, home / "keys")

    async def identity(request: Any) -> tuple[str, str] | None:
        who = request.cookies.get("_token", "")
        return (who, ROLES[who]) if who in ROLES else None

    async def user(request: Any) -> str | None:
        found = await identity(request)
        return found[0] if found else None

    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"JUECE_HOME": home / "juece", "JUECE_ARCHIVE_DIR": home / "archives",
                            "JUECE_KEYS_DIR": home / "keys", "JUECE_ARCHIVISTS": ARCHIVIST,
                            "JUECE_RATE_LIMIT_PER_MINUTE": 600, "JUECE_RATE_LIMIT_BURST": 100}.items():
            patch.setenv(name, str(value))
        for name in ("JUECE_RECORDS_URL", "JUECE_ARCHIVE_STORE"):
            patch.delenv(name, raising=False)
        for where in ("juece.web.desk", "juece.web.archives"):
            patch.setattr(f"{where}.airflow_identity", identity)
        # the task pages (the register, the legality review, the meeting) ask hitl_answer who is signed in
        for where in ("juece.web.office", "juece.web.experts", "juece.web.hitl_answer", "juece.web.my_tasks"):
            patch.setattr(f"{where}.airflow_user", user)
        archive = seed()
        app = create_app()
        app.state.airflow = WaitingForTheAssessor()
        with serving(Starlette(routes=[Mount("/juece", app=app)])) as port:
            yield Site(f"http://127.0.0.1:{port}/juece", archive)


class WaitingForTheAssessor:
    """Airflow's list of waiting tasks, as the my-tasks page reads it: the urban plan's risk
    assessment waits for its assessor."""

    def all_waiting_hitl(self, token: str, limit: int = 100) -> list[dict[str, Any]]:
        task = {"dag_id": f"decision__{DECISION}", "dag_run_id": "manual__1", "task_id": "risk_assessment.assess",
                "map_index": -1, "state": "awaiting_input"}
        return [{"task_instance": task, "subject": "风险评估 Risk assessment", "created_at": "2027-01-12T01:00:00Z",
                 "assigned_users": [{"id": "risk_assessor", "name": "risk_assessor"}]}]


def blocking(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, each with its offending nodes."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("axe-playwright-python is not installed")
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(f"    {n['html']}" for n in v["nodes"])
            for v in found if v["impact"] in BLOCKING]


def pages(site: Site) -> list[tuple[str, str | None, str, int]]:
    """(name, who, address, HTTP status) of every juece page, each as the person who may see it."""
    archive, parking = site.archive.number, PARKING["id"]
    signer = holder(Ledger().entries(DECISION), "seat_1")  # whose opinion waits for their passkey's signature
    return [
        ("public-list", None, "/public/", 200),
        ("public-decision", None, f"/public/decisions/{DECISION}", 200),
        ("public-decision-reported", None, f"/public/decisions/{REPORTED}", 200),
        ("adoption-report", None, f"/public/decisions/{REPORTED}/adoption-report", 200),
        ("announcements", None, "/public/announcements/", 200),
        ("announcement", None, f"/public/decisions/{parking}/announcement", 200),
        ("not-announced", None, f"/public/decisions/{DECISION}/announcement", 404),
        ("not-found", None, "/public/decisions/no-such-decision", 404),
        ("public-hearing", None, f"/public/decisions/{HEARING}/hearing", 200),
        ("public-hearing-signup", None, f"/public/decisions/{SIGNUP}/hearing", 200),
        ("receipt-status", None, f"/public/decisions/{DECISION}/receipt?number=C-000001", 200),
        ("receipt-refused", None, f"/public/decisions/{DECISION}/receipt?number=abc", 400),
        ("public-archives", None, "/public/archives?q=停车", 200),
        ("office-desk", OFFICE, "/office/", 200),
        ("office-record", OFFICE, f"/office/decisions/{DECISION}", 200),
        ("office-record-archived", OFFICE, f"/office/decisions/{parking}", 200),
        ("office-comments", OFFICE, f"/office/decisions/{DECISION}/comments", 200),
        ("office-comments-reported", OFFICE, f"/office/decisions/{REPORTED}/comments", 200),
        ("office-opinions", OFFICE, f"/office/decisions/{OPINIONS}/opinions", 200),
        ("office-opinions-sealed", OFFICE, f"/office/decisions/{DECISION}/opinions", 200),
        ("office-refused-filter", OFFICE, "/office/?year=20x7", 400),
        ("launch-types", OFFICE, "/office/new", 200),
        ("launch-form", OFFICE, "/office/new/urban-planning", 200),
        ("launch-form-hearing", OFFICE, "/office/new/price-hearing", 200),
        ("office-not-signed-in", None, "/office/", 401),
        ("office-not-the-sponsor", MEMBER, f"/office/decisions/{DECISION}/comments", 403),
        ("experts", "expert_1", "/experts/seats", 200),
        ("expert-passkeys", signer, "/experts/passkeys", 200),
        ("expert-sign", signer, f"/experts/decisions/{DECISION}/seats/seat_1/sign", 200),
        ("risk-register", "risk_assessor", f"/tasks/decisions/{DECISION}/risk", 200),
        ("legality-review", "legality_reviewer", f"/tasks/decisions/{LEGALITY}/legality", 200),
        ("legality-review-not-yet", "legality_reviewer", f"/tasks/decisions/{DECISION}/legality", 200),
        ("meeting-convene", "secretary", f"/tasks/decisions/{MEETINGS['convening']}/meeting", 200),
        ("meeting-view", "member_1", f"/tasks/decisions/{MEETINGS['speaking']}/meeting/views/member_1", 200),
        ("meeting-head-waits", "county_head", f"/tasks/decisions/{MEETINGS['speaking']}/meeting/decision", 200),
        ("meeting-decision", "county_head", f"/tasks/decisions/{MEETINGS['deciding']}/meeting/decision", 200),
        ("my-tasks", "risk_assessor", "/tasks/", 200),
        ("my-tasks-none", "expert_1", "/tasks/", 200),
        ("experts-none", MEMBER, "/experts/seats", 200),
        ("archives-member", MEMBER, "/archives", 200),
        ("archives-search", MEMBER, "/archives?q=停车", 200),
        ("archives-refused-full", MEMBER, f"/api/archives/{archive}/full.pdf", 403),
        ("archives-refused-year", MEMBER, "/archives?year=x", 400),
        ("archives-archivist", ARCHIVIST, "/archives", 200),
        ("archive-versions", ARCHIVIST, f"/archives/{archive}", 200),
    ]


def test_every_page_has_no_serious_or_critical_axe_violation(site: Site, new_page: Callable[..., Any]) -> None:
    failures = []
    for name, who, path, status in pages(site):
        page = site.page(new_page, who)
        answer = page.goto(site.url + path)
        assert answer is not None and answer.status == status, f"{name} {path}: {answer and answer.status}"
        assert page.locator("h1").count() == 1, f"{name}: no heading, not the page meant"
        shot(page, f"a11y-{name}")
        if found := blocking(page):
            failures.append(f"{name} ({path}, as {who or 'anonymous'}):\n  " + "\n  ".join(found))
        page.context.close()
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


def test_every_english_part_is_marked_english(site: Site, new_page: Callable[..., Any]) -> None:
    for name, who, path, _ in pages(site):
        page = site.page(new_page, who)
        page.goto(site.url + path)
        unmarked = page.locator(".en:not([lang=en]), .light:not([lang=en]):not(:empty)")
        texts = [t for t in unmarked.all_inner_texts() if any(c.isascii() and c.isalpha() for c in t)]
        assert texts == [], f"{name}: English not marked lang=en: {texts}"
        page.context.close()


def tab_to(page: Any, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until ``selector`` has the focus; the ids (or tags) focused on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        passed.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return passed
    raise AssertionError(f"Tab never reached {selector}; focused on the way: {passed}")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_comment_is_written_and_sent_with_the_keyboard_alone(
        site: Site, new_page: Callable[..., Any], key: str) -> None:
    page = site.page(new_page)
    page.goto(f"{site.url}/public/decisions/{DECISION}")
    tab_to(page, "#paragraph")
    page.keyboard.press("ArrowDown")  # the first paragraph
    assert tab_to(page, "#text", 1) == ["text"]
    page.keyboard.type(f"用键盘提交的意见（{key}）。")
    assert tab_to(page, "#name", 1) == ["name"]
    page.keyboard.type("李四")
    assert tab_to(page, "#contact", 1) == ["contact"]
    page.keyboard.type("lisi@example.org")
    assert tab_to(page, "button[type=submit]", 1) == ["BUTTON"]
    with page.expect_navigation():
        page.keyboard.press(key)
    assert page.locator("#receipt").inner_text().startswith("C-")
    assert "意见已收到" in page.locator("h1").inner_text()
    shot(page, f"a11y-keyboard-receipt-{key}")
    comment = Ledger().entries(DECISION)[-1]
    assert comment["kind"] == "comment_received" and comment["data"]["text"] == f"用键盘提交的意见（{key}）。"
    assert comment["data"]["paragraph"] == 1


def test_a_hearing_signup_is_made_with_the_keyboard_alone_and_its_receipt_reads_well(
        site: Site, new_page: Callable[..., Any]) -> None:
    page = site.page(new_page)
    page.goto(f"{site.url}/public/decisions/{SIGNUP}/hearing")
    tab_to(page, "#signup-name")
    page.keyboard.type("王五")
    assert tab_to(page, "#signup-contact", 1) == ["signup-contact"]
    page.keyboard.type("wangwu@example.org")
    assert tab_to(page, "#signup-side", 1) == ["signup-side"]
    page.keyboard.press("ArrowDown")  # the second side
    assert tab_to(page, "#signup-statement", 1) == ["signup-statement"]
    page.keyboard.type("我是普通用水户。")
    assert tab_to(page, "#signup button[type=submit]", 1) == ["BUTTON"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#receipt").inner_text().startswith("H-")
    assert "报名已收到" in page.locator("h1").inner_text() and not blocking(page)
    shot(page, "a11y-keyboard-signup-receipt")
    entry = Ledger().latest(SIGNUP, "hearing_signup_received")
    assert entry is not None and entry["data"]["statement"] == "我是普通用水户。" and entry["data"]["side"] == "供水企业"


def test_a_decision_is_chosen_filled_and_previewed_with_the_keyboard_alone(
        site: Site, new_page: Callable[..., Any]) -> None:
    """The launch form generated from the spec's schema, by keyboard: the type chosen with Tab and
    Enter, fields typed, a refusal read at its field, a section's more settings opened with Enter,
    then the preview of the stages and deadlines."""
    page = site.page(new_page, OFFICE)
    page.goto(f"{site.url}/office/new")
    tab_to(page, 'a[href$="/office/new/urban-planning"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#f-title", 200)
    page.keyboard.press("Control+A")
    page.keyboard.type("延寿县城区停车设施专项规划（键盘）")
    tab_to(page, "#f-comment_period_days", 200)
    page.keyboard.press("Control+A")
    page.keyboard.type("20")  # under 30 days without an urgency reason: refused at the field (R-B2)
    tab_to(page, "#s-time_limits summary", 400)
    page.keyboard.press("Enter")  # the time limits' more settings open
    assert tab_to(page, "#f-dispositions_working_days", 1) == ["f-dispositions_working_days"]
    tab_to(page, 'button[value=preview]:not([hidden])', 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "R-B2" in page.locator("#error-comment_period_days-1").inner_text()
    tab_to(page, "#f-urgency_reason", 200)
    page.keyboard.type("汛期前须完成停车设施布局")
    tab_to(page, 'button[value=preview]:not([hidden])', 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#stages").count() == 1 and "20 日" in page.locator("#stage-public").inner_text()
    assert "延寿县城区停车设施专项规划（键盘）" in page.locator("h1").inner_text()
    shot(page, "a11y-keyboard-launch-preview")
    assert tab_to(page, "button[value=launch]", 400)  # and the launch is one Enter away


def test_the_risk_registers_level_follows_the_matrix_as_scores_are_chosen_by_keyboard(
        site: Site, new_page: Callable[..., Any]) -> None:
    page = site.page(new_page, "risk_assessor")
    page.goto(f"{site.url}/tasks/decisions/{DECISION}/risk")
    assert page.locator("#level-1").inner_text() == "—"
    tab_to(page, 'select[name="risk_points.1.likelihood"]', 60)
    page.keyboard.press("End")  # 5
    tab_to(page, 'select[name="risk_points.1.impact"]', 1)
    page.keyboard.press("End")
    assert page.locator("#level-1").inner_text() == "高 high"
    page.select_option('select[name="risk_points.1.impact"]', "1")
    assert page.locator("#level-1").inner_text() in ("中 medium", "低 low")
    shot(page, "a11y-risk-register-levels")


def test_the_meetings_quorum_and_the_heads_reason_follow_what_is_chosen_by_keyboard(
        site: Site, new_page: Callable[..., Any]) -> None:
    """R-F2: the quorum shown as attendance is ticked (3 of the 5, the head among them); R-F4: the
    head's reason shown as required when the decision departs from the majority, not otherwise."""
    page = site.page(new_page, "secretary")
    page.goto(f"{site.url}/tasks/decisions/{MEETINGS['convening']}/meeting")
    assert "行政首长未出席" in page.locator("#quorum").inner_text()
    for n in (1, 2, 5):
        tab_to(page, f"#attend-{n}", 30)
        page.keyboard.press("Space")
    assert "达到法定人数" in page.locator("#quorum").inner_text()
    assert "quorum reached" in page.locator("#quorum-en").inner_text()
    page.locator("#attend-2").uncheck()
    assert "不足法定人数" in page.locator("#quorum").inner_text()
    shot(page, "a11y-meeting-quorum")
    page = site.page(new_page, "county_head")
    page.goto(f"{site.url}/tasks/decisions/{MEETINGS['deciding']}/meeting/decision")
    assert page.locator("#reason-required").is_hidden()
    page.locator("#outcome-postpone").check()
    assert page.locator("#reason-required").is_visible()
    assert page.locator("#reason").get_attribute("aria-required") == "true"
    page.locator("#outcome-approve").check()  # as the majority: no reason needed
    assert page.locator("#reason-required").is_hidden()
    shot(page, "a11y-meeting-decision")


def test_every_control_of_the_desk_is_reached_by_tab_and_shows_the_focus(
        site: Site, new_page: Callable[..., Any]) -> None:
    page = site.page(new_page, OFFICE)
    page.goto(f"{site.url}/office/")
    controls = page.locator("a[href], button, input:not([type=hidden]), select, textarea, summary")
    wanted = controls.count()
    assert wanted > 5
    page.locator("body").focus()
    seen = set()
    for _ in range(wanted + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {html: e.outerHTML.slice(0, 120), index: [...document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, summary')].indexOf(e),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                shadow: s.boxShadow !== 'none'};
        }""")
        if focused["index"] < 0:
            continue
        assert focused["outline"] or focused["shadow"], f"no visible focus on {focused['html']}"
        seen.add(focused["index"])
    assert seen == set(range(wanted)), f"not reached by Tab: {sorted(set(range(wanted)) - seen)}"
