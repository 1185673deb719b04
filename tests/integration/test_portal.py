"""The public portal and the comment API on the real records DB (SQLite), without Airflow."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.demo.calendar import seed_assumed_calendar
from juece.demo.library import seed_library
from juece.domain import steps
from juece.domain.record.acts import Act
from juece.domain.record.entries import all_of
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.services import decisions as services
from juece.services import office as office_module
from juece.spec.loader import load_spec
from juece.web.app import create_app
from tests.conftest import TEMPLATES

DECISION = "yanshou-2027-urban-001"


def launch_urban() -> None:
    seed_library()  # the expert panel is drawn from the library at launch
    services.launch(TEMPLATES / "urban-planning.yaml", actor="sponsor_office", ledger=Ledger())


def publish(ledger: Ledger, *, days_ago: float = 0.0, period_days: int = 30) -> None:
    """The notice as the step records it; a period ending in a year whose official holiday schedule
    is not out yet counts with an assumed one, labelled so, as the demo does (R-E3)."""
    seed_assumed_calendar(today=(datetime.now(UTC) - timedelta(days=days_ago)).date())
    spec = load_spec(TEMPLATES / "urban-planning.yaml")
    (act,) = steps.publish_notice(spec, ledger.entries(spec.id), datetime.now(UTC) - timedelta(days=days_ago))
    act.data["period_days"] = period_days
    ledger.append(spec.id, act)


@pytest.fixture
def portal(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "600")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "100")
    launch_urban()
    return TestClient(create_app())


def test_a_citizen_reads_the_draft_in_numbered_paragraphs_and_the_period(portal: TestClient) -> None:
    publish(Ledger())
    page = portal.get(f"/public/decisions/{DECISION}")
    assert page.status_code == 200
    assert '<li id="p3">第三条 新建住宅小区' in page.text
    assert "征求意见期限" in page.text and "30日" in page.text
    assert DECISION in portal.get("/public/").text


def test_a_comment_gets_a_receipt_and_its_ledger_hash(portal: TestClient) -> None:
    publish(Ledger())
    reply = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "建议增加停车位", "paragraph": 2})
    assert reply.status_code == 201
    body = reply.json()
    entry = Ledger().entries(DECISION)[-1]
    assert (body["receipt"], body["ledger_hash"], body["late"]) == ("C-000001", entry["hash"], False)
    assert entry["data"]["text"] == "建议增加停车位" and entry["data"]["paragraph"] == 2


def test_the_html_form_answers_with_a_receipt_page(portal: TestClient) -> None:
    publish(Ledger())
    reply = portal.post(f"/public/decisions/{DECISION}/comments", data={"text": "表单提交的意见", "paragraph": ""})
    assert reply.status_code == 201 and 'id="receipt">C-000001<' in reply.text


def test_contact_details_are_kept_apart_and_never_shown(portal: TestClient) -> None:
    publish(Ledger())
    portal.post(f"/public/decisions/{DECISION}/comments",
                json={"text": "意见", "name": "张三", "contact": "13800000000"})
    entry = Ledger().entries(DECISION)[-1]
    assert "13800000000" not in str(entry) and "张三" not in str(entry)
    assert entry["data"]["has_contact"] is True
    from juece.adapters.store.comments import CommentStore
    assert CommentStore(Ledger()).personal_data(DECISION) == {"C-000001": {"name": "张三", "contact": "13800000000"}}
    assert "13800000000" not in portal.get(f"/public/decisions/{DECISION}").text


def test_an_identical_resubmission_gets_the_first_receipt(portal: TestClient) -> None:
    publish(Ledger())
    first = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "同一条意见"})
    again = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "同一条意见"})
    assert again.status_code == 200
    assert again.json()["receipt"] == first.json()["receipt"] and again.json()["duplicate"] is True
    assert [e["kind"] for e in Ledger().entries(DECISION)].count("comment_received") == 1


def test_an_oversized_comment_is_refused_with_413_and_nothing_is_stored(portal: TestClient) -> None:
    publish(Ledger())
    before = len(Ledger().entries(DECISION))
    reply = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "长" * 5001})
    assert reply.status_code == 413 and reply.json()["rule"] is None and "5000" in reply.json()["en"]  # an input bound
    huge = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "x" * 100_000})
    assert huge.status_code == 413
    assert len(Ledger().entries(DECISION)) == before


def test_a_late_comment_is_kept_and_marked_late(portal: TestClient) -> None:
    publish(Ledger(), days_ago=60)  # well past 30 days, whatever rest days move the end (Art. 203)
    reply = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "迟到的意见"})
    assert reply.status_code == 201 and reply.json()["late"] is True
    assert Ledger().entries(DECISION)[-1]["data"]["late"] is True


def test_hostile_text_is_stored_verbatim_and_shown_escaped(portal: TestClient) -> None:
    publish(Ledger())
    hostile = "<script>alert(1)</script> & </para>\x07"
    reply = portal.post(f"/public/decisions/{DECISION}/comments", data={"text": hostile})
    assert "<script>" not in reply.text
    assert Ledger().entries(DECISION)[-1]["data"]["text"] == "<script>alert(1)</script> & </para>"


def test_too_many_comments_from_one_client_get_a_clear_429(juece_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "6")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "2")
    launch_urban()
    publish(Ledger())
    portal = TestClient(create_app())
    codes = [portal.post(f"/public/decisions/{DECISION}/comments", json={"text": f"意见{n}"}).status_code
             for n in range(3)]
    assert codes == [201, 201, 429]
    last = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "再试"})
    assert last.headers["retry-after"] and "try again" in last.json()["en"]


def test_comments_before_the_notice_or_on_unknown_decisions_are_refused(portal: TestClient) -> None:
    early = portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "太早"})
    assert early.status_code == 422 and early.json()["rule"] == "R-B1"
    assert portal.post("/public/decisions/nope/comments", json={"text": "x"}).status_code == 404
    assert portal.get("/public/decisions/nope").status_code == 404
    bad = portal.post(f"/public/decisions/{DECISION}/comments", content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert bad.status_code == 400


def test_a_mass_campaign_shares_one_cluster(portal: TestClient) -> None:
    publish(Ledger())
    for n, text in enumerate(["反对撤并！！", "反对 撤并", "ＦＡＮ反对撤并"[3:], "反对撤并。"]):
        portal.post(f"/public/decisions/{DECISION}/comments", json={"text": text}, headers={"x-n": str(n)})
    clusters = {e["data"]["cluster"] for e in Ledger().entries(DECISION) if e["kind"] == "comment_received"}
    assert len(clusters) == 1


def test_stage_not_applicable_decisions_take_no_comments(juece_home: Path) -> None:
    launch_urban()
    Ledger().append(DECISION, Act(Stage.PUBLIC_PARTICIPATION, "not_applicable", "juece", {"reason": "依法不公开"}))
    reply = TestClient(create_app()).post(f"/public/decisions/{DECISION}/comments", json={"text": "x"})
    assert reply.status_code == 422 and reply.json()["rule"] == "R-B1"


def office_client(portal: TestClient, user: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    async def fake_user(request):  # the Airflow token check itself is covered by the real-Airflow tests
        return user if request.headers.get("authorization") == f"Bearer {user}" else None

    monkeypatch.setattr("juece.web.office.airflow_user", fake_user)
    portal.headers["authorization"] = f"Bearer {user}"
    return portal


def comment_on(portal: TestClient, *texts: str) -> list[str]:
    return [portal.post(f"/public/decisions/{DECISION}/comments", json={"text": t}, headers={"x": str(n)}).json()["receipt"]
            for n, t in enumerate(texts)]


def test_only_the_sponsor_office_may_open_the_dispositions_page(portal, monkeypatch) -> None:
    publish(Ledger())
    assert portal.get(f"/office/decisions/{DECISION}/comments").status_code == 401
    other = office_client(portal, "expert_1", monkeypatch)
    assert other.get(f"/office/decisions/{DECISION}/comments").status_code == 403


def test_the_office_disposes_of_a_comment_and_a_not_adopted_without_reason_is_refused(portal, monkeypatch) -> None:
    publish(Ledger())
    (receipt,) = comment_on(portal, "请增加绿地")
    office = office_client(portal, "sponsor_office", monkeypatch)
    page = office.get(f"/office/decisions/{DECISION}/comments")
    assert page.status_code == 200 and "请增加绿地" in page.text and "待处理 1 条" in page.text
    refused = office.post(f"/office/decisions/{DECISION}/dispositions",
                          data={"ref": receipt, "disposition": "not_adopted", "reason": ""})
    assert refused.status_code == 422 and "R-B4" in refused.text
    done = office.post(f"/office/decisions/{DECISION}/dispositions",
                       data={"ref": receipt, "disposition": "adopted", "reason": ""}, follow_redirects=True)
    assert done.status_code == 200 and "待处理 0 条" in done.text
    assert Ledger().latest(DECISION, "comment_disposed")["actor"] == "sponsor_office"


def test_a_cluster_is_disposed_of_once(portal, monkeypatch) -> None:
    publish(Ledger())
    comment_on(portal, "反对！", "反对", "另一条")
    office = office_client(portal, "sponsor_office", monkeypatch)
    from juece.services import office as office_service
    frame = office_service.compile_comments(Ledger(), DECISION)
    cluster = frame.loc[frame["cluster_size"] == 2, "cluster"].iloc[0]
    reply = office.post(f"/office/decisions/{DECISION}/dispositions", headers={"accept": "application/json"},
                        data={"cluster": cluster, "disposition": "not_adopted", "reason": "与规划目标不符"})
    assert reply.json() == {"recorded": 2}


def test_the_csv_round_trip_records_filled_rows_and_refuses_a_bad_file_whole(portal, monkeypatch) -> None:
    publish(Ledger())
    comment_on(portal, "一", "二", "三")
    office = office_client(portal, "sponsor_office", monkeypatch)
    csv = office.get(f"/office/decisions/{DECISION}/comments.csv").content.decode("utf-8")
    assert csv.startswith("\ufeff回执号 receipt,意见类 cluster") and "C-000003" in csv
    bad = csv.replace(",,\n", ",adopted,\n", 1).replace(",,\n", ",not_adopted,\n", 1)
    refused = office.post(f"/office/decisions/{DECISION}/comments.csv", content=bad.encode(),
                          headers={"content-type": "text/csv", "accept": "application/json"})
    assert refused.status_code == 422 and "line 3" in refused.json()["en"]
    assert Ledger().latest(DECISION, "comment_disposed") is None  # nothing half-recorded
    good = csv.replace(",,\n", ",adopted,\n")
    files = {"file": ("comments.csv", good.encode(), "text/csv")}
    accepted = office.post(f"/office/decisions/{DECISION}/comments.csv", files=files, headers={"accept": "application/json"})
    assert accepted.json() == {"recorded": 3}


def test_the_adoption_report_is_published_with_every_disposition_and_no_personal_data(portal, monkeypatch) -> None:
    publish(Ledger())
    portal.post(f"/public/decisions/{DECISION}/comments", json={"text": "增加公交", "contact": "13900000000"})
    assert portal.get(f"/public/decisions/{DECISION}/adoption-report").status_code == 404
    office = office_client(portal, "sponsor_office", monkeypatch)
    office.post(f"/office/decisions/{DECISION}/dispositions",
                data={"ref": "C-000001", "disposition": "not_adopted", "reason": "线路已覆盖"})
    from juece.domain.participation.review_answers import comment_dispositions
    from juece.domain.record.answers import Answer, TaskContext
    spec = load_spec(TEMPLATES / "urban-planning.yaml")
    outcome = comment_dispositions(TaskContext(spec, Ledger().entries(DECISION)),
                                   Answer("sponsor_office", ["提交 Submit"], {"dispositions": []}))
    Ledger().append_many(DECISION, outcome.acts)
    page = portal.get(f"/public/decisions/{DECISION}/adoption-report")
    assert page.status_code == 200 and "线路已覆盖" in page.text and "不予采纳" in page.text
    assert "13900000000" not in page.text
    assert 'id="adoption-report"' in portal.get(f"/public/decisions/{DECISION}").text


def test_a_batch_writes_each_comment_once_and_answers_repeats_with_the_first_receipt(juece_home: Path) -> None:
    from juece.adapters.store.comments import CommentStore

    launch_urban()
    publish(Ledger())
    store = CommentStore(Ledger())
    now = datetime.now(UTC)
    batch = [store.prepare(DECISION, text, now, client=client)
             for text, client in [("甲", "a"), ("乙", "a"), ("甲", "a"), ("甲", "b")]]
    receipts = store.submit_many(DECISION, batch)
    assert [(r.receipt, r.duplicate) for r in receipts] == [
        ("C-000001", False), ("C-000002", False), ("C-000001", True), ("C-000003", False)]
    again = store.submit_many(DECISION, [store.prepare(DECISION, "乙", now, client="a")])
    assert (again[0].receipt, again[0].duplicate) == ("C-000002", True)
    from juece.domain.record.ledger import verify_chain
    entries = Ledger().entries(DECISION)
    assert verify_chain(entries, DECISION).intact
    assert [e["data"]["receipt"] for e in entries if e["kind"] == "comment_received"] == ["C-000001", "C-000002", "C-000003"]


def test_the_portal_says_the_exact_closing_moment_in_china_time(portal: TestClient) -> None:
    publish(Ledger())
    notice = Ledger().latest(DECISION, "notice_published")["data"]
    day = date.fromisoformat(notice["last_day"])
    page = portal.get(f"/public/decisions/{DECISION}").text
    assert f"{day.year}年{day.month}月{day.day}日 24:00（北京时间）截止" in page
    assert f"closes at 24:00 on {day.day} " in page and f"{day.year}, China Standard Time" in page
    assert f"{day.year}年{day.month}月{day.day}日 24:00（北京时间）截止" in portal.get("/public/").text


def test_a_late_comment_is_disposed_of_like_any_other_and_partly_adopted_needs_a_reason(portal, monkeypatch) -> None:
    publish(Ledger(), days_ago=60)  # well past 30 days, whatever rest days move the end (Art. 203)
    (receipt,) = comment_on(portal, "迟到的意见：请增设公厕")
    office = office_client(portal, "sponsor_office", monkeypatch)
    page = office.get(f"/office/decisions/{DECISION}/comments")
    assert "待处理 1 条" in page.text and f'aria-label="disposition {receipt}"' in page.text
    refused = office.post(f"/office/decisions/{DECISION}/dispositions", headers={"accept": "application/json"},
                          data={"ref": receipt, "disposition": "partly_adopted", "reason": " "})
    assert refused.status_code == 422
    assert (refused.json()["rule"], refused.json()["field"]) == ("R-B4", "reason")
    assert Ledger().latest(DECISION, "comment_disposed") is None
    done = office.post(f"/office/decisions/{DECISION}/dispositions", headers={"accept": "application/json"},
                       data={"ref": receipt, "disposition": "partly_adopted", "reason": "公厕纳入二期。"})
    assert done.json() == {"recorded": 1}
    assert Ledger().latest(DECISION, "comment_disposed")["data"]["ref"] == receipt


def report_made(receipts: list[str]) -> None:
    """Every comment disposed of through the task node, which records the comments' adoption report."""
    from juece.domain.participation.review_answers import comment_dispositions
    from juece.domain.record.answers import Answer, TaskContext

    items = [{"ref": r, "disposition": "not_adopted", "reason": "与规划目标不符"} for r in receipts]
    outcome = comment_dispositions(TaskContext(load_spec(TEMPLATES / "urban-planning.yaml"), Ledger().entries(DECISION)),
                                   Answer("sponsor_office", ["提交 Submit"], {"dispositions": items}))
    Ledger().append_many(DECISION, outcome.acts)


def test_once_the_adoption_report_is_recorded_no_channel_records_a_disposition(portal, monkeypatch) -> None:
    publish(Ledger())
    receipts = comment_on(portal, "反对！", "反对", "另一条")
    office = office_client(portal, "sponsor_office", monkeypatch)
    csv = office.get(f"/office/decisions/{DECISION}/comments.csv").content.decode("utf-8")
    report_made(receipts)
    (late,) = comment_on(portal, "报告之后的意见")
    before = len(Ledger().entries(DECISION))
    page = office.get(f"/office/decisions/{DECISION}/comments").text
    assert 'id="closed"' in page and "action=" not in page.split('id="comments"')[1]
    assert "received after the report, not in it" in page
    json = {"accept": "application/json"}
    frame = office_module.compile_comments(Ledger(), DECISION)
    cluster = frame.loc[frame["cluster_size"] == 2, "cluster"].iloc[0]
    attempts = {
        "one": office.post(f"/office/decisions/{DECISION}/dispositions", headers=json,
                           data={"ref": receipts[0], "disposition": "adopted", "reason": "改为采纳"}),
        "late-one": office.post(f"/office/decisions/{DECISION}/dispositions", headers=json,
                                data={"ref": late, "disposition": "adopted", "reason": ""}),
        "cluster": office.post(f"/office/decisions/{DECISION}/dispositions", headers=json,
                               data={"cluster": cluster, "disposition": "adopted", "reason": "改为采纳"}),
        "csv": office.post(f"/office/decisions/{DECISION}/comments.csv", headers={**json, "content-type": "text/csv"},
                           content=csv.replace(",,\n", ",adopted,\n").encode()),
    }
    for channel, reply in attempts.items():
        assert reply.status_code == 422, channel
        assert (reply.json()["rule"], reply.json()["field"]) == ("R-B4", "dispositions"), channel
    assert len(Ledger().entries(DECISION)) == before  # nothing recorded
    report = portal.get(f"/public/decisions/{DECISION}/adoption-report").text
    assert "received after the report was made, not in it" in report


def test_a_disposition_checked_before_the_report_and_written_after_it_is_refused(portal) -> None:
    publish(Ledger())
    receipts = comment_on(portal, "一", "二")
    stale = office_module.compile_comments(Ledger(), DECISION)  # read before the report is recorded
    report_made(receipts)
    item = {"ref": receipts[0], "disposition": "adopted", "reason": ""}
    with pytest.raises(RuleViolation) as refused:
        office_module.dispose(Ledger(), DECISION, [item], "sponsor_office", frame=stale)
    assert (refused.value.rule, refused.value.field) == ("R-B4", "dispositions")
    assert len(all_of(Ledger().entries(DECISION), "comment_disposed")) == 2


def comments_in_chain() -> list[dict]:
    return [e for e in Ledger().entries(DECISION) if e["kind"] == "comment_received"]


JSON = "application/json"
HOSTILE = [  # content type, body, the field refused (None: the body as a whole)
    *[(JSON, {"text": "意见", "paragraph": p}, "paragraph") for p in
      (-1, 0, 6, 999999, 10**30, 1.9, 2.0, True, "1_0", "2", [1], {"n": 1})],
    *[(JSON, {"text": t}, "text") for t in (None, 5, 1e300, True, ["意见"], {"t": "意见"}, "", "  \x07 ", "\ud800")],
    (JSON, {"text": "意见", "name": 5}, "name"), (JSON, {"text": "意见", "name": "名" * 101}, "name"),
    (JSON, {"text": "意见", "contact": ["x"]}, "contact"), (JSON, {"text": "意见", "contact": "1" * 201}, "contact"),
    *[("application/x-www-form-urlencoded", f"text=%E6%84%8F&paragraph={p}".encode(), "paragraph")
      for p in ("1_0", "-1", "%D9%A3", "+2", "02", "2.0", "99", "0", "1e1")],
    (JSON, b'{"text": NaN}', None), (JSON, b'{"text": "x", "p": Infinity}', None), (JSON, b"[" * 50_000, None),
    (JSON, b'{"text": "\xff\xfe"}', None), (JSON, b'{"text": "x", "n": ' + b"9" * 5000 + b"}", None),
    (JSON, b'"just a string"', None), ("text/plain", b"text=x", None), ("", b"text=x", None),
    ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--\r\n', None),
]


@pytest.mark.parametrize("content_type,body,field", HOSTILE, ids=[str(n) for n in range(len(HOSTILE))])
def test_every_malformed_or_hostile_comment_gets_a_4xx_in_both_languages_and_nothing_is_stored(
        portal: TestClient, content_type: str, body, field: str | None) -> None:
    publish(Ledger())
    url = f"/public/decisions/{DECISION}/comments"
    content = body if isinstance(body, bytes) else __import__("json").dumps(body).encode()
    for accept in ("application/json", "text/html"):  # the lean JSON path and the form route
        reply = portal.post(url, content=content, headers={"content-type": content_type, "accept": accept})
        assert 400 <= reply.status_code < 500, (accept, reply.status_code, reply.text[:300])
        if accept == "application/json":
            answer = reply.json()
            assert answer["zh"] and answer["en"] and answer.get("field") == field, answer
    assert comments_in_chain() == []
    assert portal.post(url, json={"text": "之后的正常意见", "paragraph": 5}).status_code == 201


def test_a_paragraph_is_one_the_published_draft_has(portal: TestClient) -> None:
    publish(Ledger())
    url = f"/public/decisions/{DECISION}/comments"
    too_far = portal.post(url, json={"text": "意见", "paragraph": 6})
    assert too_far.status_code == 422 and "1 to 5" in too_far.json()["en"] and "共5段" in too_far.json()["zh"]
    assert portal.post(url, json={"text": "第五段", "paragraph": 5}).status_code == 201
    assert portal.post(url, data={"text": "表单第一段", "paragraph": "1"}).status_code == 201
    assert portal.post(url, json={"text": "整体", "paragraph": None}).status_code == 201
    assert [e["data"]["paragraph"] for e in comments_in_chain()] == [5, 1, None]


def test_the_same_text_under_different_names_is_two_comments_and_under_the_same_name_one(portal: TestClient) -> None:
    publish(Ledger())
    url = f"/public/decisions/{DECISION}/comments"
    replies = [portal.post(url, json={"text": "同一段文字", **who}) for who in (
        {"name": "张三"}, {"name": "李四"}, {"name": "张三"}, {"name": "张三", "contact": "13800000000"}, {}, {})]
    assert [r.status_code for r in replies] == [201, 201, 200, 201, 201, 200]
    assert replies[2].json()["receipt"] == replies[0].json()["receipt"]
    assert replies[5].json()["receipt"] == replies[4].json()["receipt"]
    assert len(comments_in_chain()) == 4


def test_behind_a_trusted_proxy_each_citizen_has_a_limit_and_receipts_of_their_own(
        juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "6")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "2")
    monkeypatch.setenv("JUECE_TRUSTED_PROXIES", "10.0.0.0/8")
    launch_urban()
    publish(Ledger())
    url = f"/public/decisions/{DECISION}/comments"
    proxy = TestClient(create_app(), client=("10.0.0.7", 40000))

    def post(text: str, forwarded: str) -> int:
        return proxy.post(url, json={"text": text}, headers={"x-forwarded-for": forwarded}).status_code

    assert [post(f"甲{n}", "203.0.113.1") for n in range(3)] == [201, 201, 429]
    assert [post(f"乙{n}", "6.6.6.6, 203.0.113.2") for n in range(3)] == [201, 201, 429]  # the left hop is claimed
    assert post("同样的话", "203.0.113.3") == 201 and post("同样的话", "203.0.113.4") == 201  # not one receipt
    spoofer = TestClient(create_app(), client=("198.51.100.9", 40000))  # not a proxy: its header is ignored
    codes = [spoofer.post(url, json={"text": f"丙{n}"}, headers={"x-forwarded-for": f"203.0.113.{50 + n}"}).status_code
             for n in range(3)]
    assert codes == [201, 201, 429]
    assert len(comments_in_chain()) == 8


def test_with_several_portal_processes_the_limit_holds_across_them(juece_home: Path, monkeypatch) -> None:
    """Two apps, each with a token bucket of its own (as two processes have), on one records DB:
    the shared window lets rate + burst comments a minute through, not twice the burst."""
    import time as clock

    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "1")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "5")
    launch_urban()
    publish(Ledger())
    first, second = TestClient(create_app()), TestClient(create_app())
    if clock.time() % 60 > 50:  # one window for the whole test
        clock.sleep(61 - clock.time() % 60)
    replies = [(first, second)[n % 2].post(f"/public/decisions/{DECISION}/comments", json={"text": f"意见{n}"})
               for n in range(12)]
    codes = [r.status_code for r in replies]
    assert codes.count(201) == 6 and codes.count(429) == 6, codes
    refused = next(r for r in replies if r.status_code == 429)
    assert int(refused.headers["retry-after"]) >= 1 and "try again" in refused.json()["en"]
    assert len(comments_in_chain()) == 6


def test_the_form_route_reads_no_body_past_its_limit(portal: TestClient) -> None:
    """A form post (the HTML receipt path) is cut off at the limit, not read whole first."""
    publish(Ledger())
    app, chunk, read = portal.app, b"text=" + b"x" * (1 << 20), []

    async def receive() -> dict:
        read.append(1)
        return {"type": "http.request", "body": chunk, "more_body": len(read) < 200}

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": f"/public/decisions/{DECISION}/comments", "root_path": "",
             "query_string": b"", "headers": [(b"content-type", b"application/x-www-form-urlencoded")],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80), "scheme": "http", "http_version": "1.1"}
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    assert sent[0]["status"] == 413 and len(read) == 1
    assert comments_in_chain() == []


def test_pages_are_read_while_a_writer_holds_the_records_db(portal: TestClient) -> None:
    """Reads never wait for SQLite's write lock: with a write transaction open elsewhere, the
    decision page, the list and the adoption report still answer at once."""
    import sqlite3
    import time as clock
    from concurrent.futures import ThreadPoolExecutor

    publish(Ledger())
    receipts = comment_on(portal, "一", "二")
    report_made(receipts)
    assert portal.get(f"/public/decisions/{DECISION}/adoption-report").status_code == 200  # the table is built
    holder = sqlite3.connect(juece_home_db(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            started = clock.monotonic()
            pages = [pool.submit(portal.get, path).result(timeout=20) for path in (
                f"/public/decisions/{DECISION}", "/public/", f"/public/decisions/{DECISION}/adoption-report")]
            waited = clock.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [p.status_code for p in pages] == [200, 200, 200] and waited < 5, waited


def juece_home_db() -> str:
    import os

    return str(Path(os.environ["JUECE_HOME"]) / "records.db")


def test_the_adoption_report_is_served_from_its_table_a_page_at_a_time(portal, monkeypatch) -> None:
    from juece.web import portal as portal_module

    publish(Ledger())
    receipts = comment_on(portal, *[f"第{n}条意见" for n in range(5)])
    report_made(receipts)
    monkeypatch.setattr(portal_module, "REPORT_PAGE", 2)
    url = f"/public/decisions/{DECISION}/adoption-report"
    assert "第0条意见" in portal.get(url).text  # built here, once, from the ledger
    late = comment_on(portal, "报告之后的意见")
    monkeypatch.setattr(Ledger, "entries", lambda *_: pytest.fail("the report page parsed the ledger"))
    pages = [portal.get(url, params={"page": n}).text for n in (1, 2, 3, 4)]
    assert "第0条意见" in pages[0] and "第1条意见" in pages[0] and "第2条意见" not in pages[0]
    assert "第2条意见" in pages[1] and "第3条意见" in pages[1]
    assert "第4条意见" in pages[2] and "报告之后的意见" in pages[2] and late[0] in pages[2]
    assert "received after the report was made, not in it" in pages[2] and "与规划目标不符" in pages[2]
    assert "第 3 / 3 页" in pages[2] and pages[3] == pages[2]  # past the last page: the last
