"""The archive search page in real headless Chromium, served by a real Airflow API server.

Two decisions are issued for real (both PDF editions built, signed, stored, catalogued and
indexed). A member of the meeting signs in on Airflow's own login page, finds one decision by
a Chinese phrase from its draft, downloads its public edition and is refused the full edition;
the archivist downloads the full edition; every retrieval is in the retrieval log and the
ledger. A hostile query is shown as text and never runs. Screenshots: test-artifacts/e2e/.

The API server alone (no scheduler, no workers) is enough: the page, its downloads and the
login all live there, and it starts while the archives are being built.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI, saying why
    expect = None

from juece.adapters.store import retrievals
from juece.adapters.store.ledger import Ledger
from juece.demo.stack import free_port
from juece.domain.record.acts import Act
from juece.services import archives
from tests.conftest import BODY, REPO
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

PHRASE = "加装电梯"  # in the opening of HOUSING's draft, and only in an opinion of PARKING's
HOSTILE = "<script>alert(1)</script>"  # in PARKING's draft, and the query of the last test
MEMBER, ARCHIVIST = "member_1", "archivist"
START_SECONDS = 180  # Airflow's metadata DB made, then its API server started, on a loaded machine


def spec(decision_id: str, title: str, title_en: str, sponsor: str, draft: str) -> dict[str, Any]:
    return {"id": decision_id, "title": title, "title_en": title_en, "category": "public_policy",
            "decision_body": BODY, "sponsor_unit": sponsor, "sponsor_office": "sponsor_office",
            "draft": {"text": draft, "explanation": "依据《重大行政决策程序暂行条例》拟订。", "version": 1},
            "legal_basis": ["《重大行政决策程序暂行条例》第三条"], "stages": {}}


def events(decision: dict[str, Any], opinion: str) -> list[Act]:
    return [Act(*event) for event in (
        ("launch", "launched", "sponsor_office", {"spec": decision, "clock_scale": 86400}),
        ("public_participation", "notice_published", "sponsor_office",
         {"deadline": "2027-03-31", "how_to_comment": "无需账号 / no account needed"}),
        ("public_participation", "comment_received", "public",
         {"receipt": "C-0001", "text": "赞成，建议尽快实施。", "paragraph": 1, "late": False}),
        ("public_participation", "comments_closed", "airflow", {"count": 1}),
        ("expert_review", "opinion_submitted", "expert_1",
         {"expert": "expert_1", "necessity": "必要", "feasibility": "可行", "soundness": "科学",
          "conclusion": "同意", "conditions": [], "opinion": opinion, "opinion_sha256": "ab" * 32}),
        ("collective_deliberation", "head_decision", "county_head", {"outcome": "approve", "reason": "同意。"}),
        ("publication", "published", "sponsor_office", {"announcement": "延政发〔2027〕9号"}),
    )]


# Issued first, so that on an equal score it would come first (the lower archive number):
# HOUSING comes first only because the phrase is in the opening of its draft.
PARKING = spec("yanshou-2027-e2e-parking", "城区停车设施建设规划", "Parking facilities in the county town",
               "延寿县交通运输局",
               f"第一条 新建公共停车场三处，增加停车泊位六百个。\n第二条 示例脚本{HOSTILE}按文字保存。")
HOUSING = spec("yanshou-2027-e2e-housing", "城区老旧小区改造实施方案", "Renewal of old residential compounds",
               "延寿县住房和城乡建设局",
               f"第一条 对建成于二〇〇〇年以前的老旧小区实施改造，优先{PHRASE}和改造雨污管网。\n"
               "第二条 改造资金由县级财政和居民共同承担。")
RECORDS = ((PARKING, f"停车场选址应兼顾老旧小区{PHRASE}后的消防通道。"), (HOUSING, "改造必要、可行。"))


@dataclass
class Archive:
    decision_id: str
    title: str
    number: str
    sha256: dict[str, str]  # edition -> hash of the file catalogued


@dataclass
class Server:
    url: str
    passwords: dict[str, str]
    housing: Archive
    parking: Archive

    def archives_url(self) -> str:
        return f"{self.url}/juece/archives"

    def file_url(self, archive: Archive, edition: str) -> str:
        return f"{self.url}/juece/api/archives/{archive.number}/{edition}.pdf"


@pytest.fixture(scope="module")
def server(browser: Any, body_keys_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Airflow's metadata DB made and its API server (with the juece plugin) started in a process
    group of their own while this process issues both archives into the records DB they share."""
    home = tmp_path_factory.mktemp("archive-search")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    passwords = {MEMBER: secrets.token_urlsafe(12), ARCHIVIST: secrets.token_urlsafe(12)}
    (home / "passwords.json").write_text(json.dumps(passwords), encoding="utf-8")
    (home / "dags").mkdir()
    shutil.copytree(body_keys_source, home / "keys")
    juece = {"JUECE_HOME": str(home / "juece"), "JUECE_ARCHIVE_DIR": str(home / "archives"),
             "JUECE_KEYS_DIR": str(home / "keys"), "JUECE_ARCHIVISTS": ARCHIVIST}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AIRFLOW") and k not in ("JUECE_RECORDS_URL", "JUECE_ARCHIVE_STORE")}
    env.update(juece)
    env.update({
        "AIRFLOW_HOME": str(home / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{MEMBER}:user,{ARCHIVIST}:viewer",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / "passwords.json"),
        "AIRFLOW__API__BASE_URL": url,
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(48),
    })
    airflow = str(Path(sys.executable).with_name("airflow"))
    log = (home / "airflow.log").open("ab")
    process = subprocess.Popen(
        ["sh", "-c", '"$0" db migrate && exec "$0" api-server --apps core -H 127.0.0.1 -p "$1"', airflow, str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in juece.items():
                patch.setenv(name, value)
            patch.delenv("JUECE_RECORDS_URL", raising=False)
            patch.delenv("JUECE_ARCHIVE_STORE", raising=False)
            # a thread of its own: signing runs asyncio, and Playwright keeps a loop running in this one
            with ThreadPoolExecutor(1) as worker:
                issued = worker.submit(lambda: [issue(d, opinion) for d, opinion in RECORDS]).result()
            wait_for(process, url, home / "airflow.log")
            yield Server(url, passwords, housing=issued[1], parking=issued[0])
    finally:
        stop(process)
        log.close()


def issue(decision: dict[str, Any], opinion: str) -> Archive:
    Ledger().append_many(decision["id"], events(decision, opinion))
    both = archives.issue(decision["id"], ledger=Ledger())
    return Archive(decision["id"], decision["title"], both[0].issue.archive_no,
                   {one.issue.edition: one.issue.sha256 for one in both})


def wait_for(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Until the juece page answers (401 without a login); the server's log tail if it never does."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urlopen(f"{url}/juece/archives", timeout=5):
                return
        except HTTPError as answer:
            if answer.code == 401:
                return
        except (URLError, OSError):
            pass
        time.sleep(0.5)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    raise AssertionError(f"the Airflow API server did not answer within {START_SECONDS} s:\n{tail}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """The server's whole process group: TERM, then KILL what is left."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    for _ in range(20):  # uvicorn's worker may outlive its parent for a moment
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.25)


def signed_in(new_page: Callable[..., Any], server: Server, user: str) -> Any:
    """A page of a fresh browser context, signed in on Airflow's login page and sent on to the
    search page. Any dialog at all (an injected script's alert) is noted and fails the test at its end."""
    page = new_page()
    page.alerts = []
    page.on("dialog", lambda dialog: page.alerts.append(f"{dialog.type}: {dialog.message}"))
    page.goto(f"{server.url}/auth/login?next={server.archives_url()}")
    page.locator("input[name=username]").fill(user)
    page.locator("input[name=password]").fill(server.passwords[user])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(server.archives_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("决策档案检索")
    return page


def search_for(page: Any, words: str) -> Any:
    """Type the words into the search box, submit, and give the list of results."""
    page.get_by_label("检索词").fill(words)
    page.get_by_role("button", name="检索 Search").click()
    page.wait_for_url("**/juece/archives?*")
    expect(page.locator("#total")).to_be_visible()
    return page.locator("#results > li")


def download(page: Any, link: Any) -> tuple[Any, bytes]:
    """Follow a download link: the HTTP response and the bytes saved."""
    href = link.get_attribute("href")
    with page.expect_response(lambda r: r.url.endswith(href)) as answered, page.expect_download() as saved:
        link.click()
    path = saved.value.path()
    return answered.value, Path(path).read_bytes()


def test_a_member_finds_a_decision_by_a_phrase_of_its_draft_and_gets_only_the_public_edition(
        server: Server, new_page: Callable[..., Any]) -> None:
    page = signed_in(new_page, server, MEMBER)
    expect(page.locator("main")).to_contain_text("可调阅公开版")
    results = search_for(page, PHRASE)
    expect(page.locator("#total")).to_contain_text("共 2 项")
    expect(results).to_have_count(2)
    first = results.first
    expect(first.locator("strong")).to_have_text(server.housing.title)
    expect(first).to_contain_text(server.housing.number)
    expect(first.locator(".snippet mark")).to_have_text([PHRASE])
    expect(results.nth(1).locator("strong")).to_have_text(server.parking.title)
    expect(page.locator("a.full")).to_have_count(0)
    shot(page, "archive-01-member-search")
    api = page.request.get(f"{server.url}/juece/api/archives", params={"q": PHRASE})  # the session's cookie
    assert api.status == 200
    assert [hit["archive_no"] for hit in api.json()["results"]] == [server.housing.number, server.parking.number]

    response, content = download(page, first.locator("a.public"))
    assert response.status == 200
    assert response.header_value("content-type") == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == server.housing.sha256["public"] == \
        response.header_value("x-archive-sha256")

    refused = page.goto(server.file_url(server.housing, "full"))
    assert refused is not None and refused.status == 403
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("完整版含个人信息，仅限档案管理员调阅")
    expect(heading).to_contain_text("archivists only")
    expect(page.locator("main")).to_contain_text("依据 Rule R-H6")
    shot(page, "archive-02-member-refused-full-edition")


def test_the_archivist_downloads_the_full_edition(server: Server, new_page: Callable[..., Any]) -> None:
    page = signed_in(new_page, server, ARCHIVIST)
    expect(page.locator("main")).to_contain_text("档案管理员，可调阅完整版与公开版")
    results = search_for(page, PHRASE)
    expect(results.first.locator("strong")).to_have_text(server.housing.title)
    shot(page, "archive-03-archivist-search")
    response, content = download(page, results.first.locator("a.full"))
    assert (response.status, response.header_value("content-type")) == (200, "application/pdf")
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == server.housing.sha256["full"] != server.housing.sha256["public"]


def test_every_retrieval_is_logged_with_who_and_which_edition(server: Server) -> None:
    logged = [(r["who"], r["edition"], r["channel"], r["granted"], r["reason"])
              for r in retrievals.logged(server.housing.number)]
    assert logged == [(MEMBER, "public", "page", True, None), (MEMBER, "full", "page", False, "R-H6"),
                      (ARCHIVIST, "full", "page", True, None)]
    recorded = [(e["actor"], e["data"]["edition"]) for e in Ledger().entries(server.housing.decision_id)
                if e["kind"] == "archive_retrieved"]
    assert recorded == [(MEMBER, "public"), (ARCHIVIST, "full")]
    assert retrievals.logged(server.parking.number) == []


def test_a_hostile_query_is_shown_as_text_and_never_runs(server: Server, new_page: Callable[..., Any]) -> None:
    page = signed_in(new_page, server, MEMBER)
    results = search_for(page, HOSTILE)
    expect(results).to_have_count(1)
    expect(results.first.locator("strong")).to_have_text(server.parking.title)
    expect(results.first.locator(".snippet mark")).to_have_text([HOSTILE])
    expect(page.get_by_label("检索词")).to_have_value(HOSTILE)
    assert page.locator("main script").count() == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content()
    shot(page, "archive-04-hostile-query")
    page.goto(f"{server.archives_url()}?q={HOSTILE}&year={HOSTILE}")  # straight in the address, refused
    expect(page.locator("#error")).to_contain_text("must be a number")
    assert page.locator("main script").count() == 0
    assert page.alerts == [], f"a script ran: {page.alerts}"
