"""What each role gets from each juece route and from the Airflow REST calls juece relies on: the
table `test_access_by_role.py` asks a real Airflow about. The people, as the demo's users:
anonymous; the sponsor office of the launched decision; the expert in its seat_1 and the one in
seat_2; the head of government (its decision body); the archivist (Airflow viewer); the
administrator. A key per route of the app ("METHOD name"); `real` is about the launched decision,
`missing` about one that does not exist (None: no such question for the route)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Status = Callable[[str], int]
ANON = "anonymous"


def everyone(status: int) -> Status:
    """A public answer: the same whoever asks, signed in or not."""
    return lambda who: status


def signed_in(status: int) -> Status:
    """Anyone signed in to Airflow; nobody signed in is refused (401, a page saying to log in)."""
    return lambda who: 401 if who == ANON else status


def only(status: int, *allowed: str) -> Status:
    """The people named; anyone else signed in is refused (403), nobody signed in too (401)."""
    return lambda who: 401 if who == ANON else status if who in allowed else 403


def comment(who: str, decision: str) -> dict[str, Any]:
    return {"json": {"text": f"关于第二条的意见（{who}，{decision}）：建议同步规划公交线路。"}}


@dataclass
class Expect:
    method: str
    path: str  # "{decision}": the launched decision, the missing one or what `ids` names
    real: Status | None
    missing: Status | None = None
    ids: tuple[str, str] | None = None  # (real, missing) for a path naming something else
    body: Callable[[str, str], dict[str, Any]] | None = None
    headers: dict[str, str] = field(default_factory=dict)


DECISION_PAGES = "/office/decisions/{decision}"
ARCHIVE = "<archive>"  # the launched decision's archive, issued as its record stands
ARCHIVES = (ARCHIVE, "YS-0000-0000")
ROUTES: dict[str, Expect] = {
    # the public portal (R-B3): no account, the same answer for everyone
    "GET openapi": Expect("GET", "/api/openapi.json", everyone(200)),
    "GET decision_list": Expect("GET", "/public/", everyone(200)),
    "GET decision_page": Expect("GET", "/public/decisions/{decision}", everyone(200), everyone(404)),
    # not published before the comments are disposed of (R-B5)
    "GET adoption_report": Expect("GET", "/public/decisions/{decision}/adoption-report", everyone(404), everyone(404)),
    "POST submit_comment": Expect("POST", "/public/decisions/{decision}/comments", everyone(201), everyone(404),
                                  body=comment),
    "GET stylesheet": Expect("GET", "/public/static/juece.css", everyone(200)),
    "GET risk_script": Expect("GET", "/public/static/risk.js", everyone(200)),
    "GET meeting_script": Expect("GET", "/public/static/meeting.js", everyone(200)),
    # a hearing as announced (none for this decision, R-B6), a comment by its receipt, the public
    # editions of archived decisions: no account, the same answer for everyone
    "GET hearing_page": Expect("GET", "/public/decisions/{decision}/hearing", everyone(404), everyone(404)),
    # public sign-up for a hearing (none announced for this decision: nothing to sign up for, R-B6)
    "POST hearing_signup": Expect("POST", "/public/decisions/{decision}/hearing/signups", everyone(404),
                                  everyone(404), body=lambda who, decision: {"json": {
                                      "name": f"报名人（{who}）", "contact": "13800000000", "side": "居民"}}),
    "GET receipt_lookup": Expect("GET", "/public/decisions/{decision}/receipt?number=C-999999", everyone(404),
                                 everyone(404)),
    "GET public_archives": Expect("GET", "/public/archives", everyone(200)),
    "GET public_archive_file": Expect("GET", "/public/archives/{decision}/public.pdf", everyone(200), everyone(404),
                                      ids=(ARCHIVE, "YS-2000-Y-9999")),
    "GET comment_script": Expect("GET", "/public/static/comment.js", everyone(200)),
    "GET announcement_list": Expect("GET", "/public/announcements/", everyone(200)),
    # not decided yet: no announcement (R-G1)
    "GET announcement_page": Expect("GET", "/public/decisions/{decision}/announcement", everyone(404), everyone(404)),
    # the desk: whoever is signed in sees the decisions they take part in (none is an empty desk)
    "GET office_desk": Expect("GET", "/office/", signed_in(200)),
    # a decision's record: its sponsor office, its decision body and administrators
    "GET office_decision": Expect("GET", DECISION_PAGES, only(200, "sponsor", "head", "admin"), signed_in(404)),
    # a new decision: who launches becomes its sponsor office, so only who may be one (R-A1; the demo's
    # JUECE_LAUNCHERS is the sponsor office's group) and administrators
    "GET office_new": Expect("GET", "/office/new", only(200, "sponsor", "admin")),
    "GET office_new_form": Expect("GET", "/office/new/{decision}", only(200, "sponsor", "admin"),
                                  only(404, "sponsor", "admin"),
                                  ids=("urban-planning", "no-such-type")),
    # a preview of an empty form: its fields refused (422)
    "POST office_new_post": Expect("POST", "/office/new/{decision}", only(422, "sponsor", "admin"),
                                   only(404, "sponsor", "admin"),
                                   ids=("urban-planning", "no-such-type"), body=lambda *_: {"data": {"action": "preview"}}),
    # comments and their dispositions (R-B4): the sponsor office alone, administrators included
    "GET office_comments": Expect("GET", DECISION_PAGES + "/comments", only(200, "sponsor"), signed_in(404)),
    "POST office_dispose": Expect("POST", DECISION_PAGES + "/dispositions", only(422, "sponsor"), signed_in(404),
                                  body=lambda *_: {"data": {}}),
    "GET office_csv": Expect("GET", DECISION_PAGES + "/comments.csv", only(200, "sponsor"), signed_in(404)),
    "POST office_csv_upload": Expect("POST", DECISION_PAGES + "/comments.csv", only(422, "sponsor"), signed_in(404),
                                     body=lambda *_: {"content": b""}, headers={"content-type": "text/csv"}),
    # the announcement's review (R-G1): the sponsor office alone; before the decision nothing waits (409)
    "GET office_announcement": Expect("GET", DECISION_PAGES + "/announcement", only(200, "sponsor"), signed_in(404)),
    "POST office_announcement_publish": Expect("POST", DECISION_PAGES + "/announcement", only(409, "sponsor"),
                                               signed_in(404), body=lambda *_: {"data": {}}),
    # the expert opinions' dispositions (R-C6): the sponsor office alone; sealed while the panel is open,
    # so nothing waits yet (409)
    "GET office_opinions": Expect("GET", DECISION_PAGES + "/opinions", only(200, "sponsor"), signed_in(404)),
    "POST office_opinions_submit": Expect("POST", DECISION_PAGES + "/opinions", only(409, "sponsor"), signed_in(404),
                                          body=lambda *_: {"data": {}}),
    # an expert's own seats; another's opinion sealed until the panel closes (R-C6), administrators too
    "GET expert_seats": Expect("GET", "/experts/seats", signed_in(200)),
    "GET my_tasks": Expect("GET", "/tasks/", signed_in(200)),
    # the risk register is the named assessor's alone (none of the people asked here holds it)
    "GET risk_register": Expect("GET", "/tasks/decisions/{decision}/risk", signed_in(403), signed_in(404)),
    "POST risk_register_submit": Expect("POST", "/tasks/decisions/{decision}/risk", signed_in(403), signed_in(404)),
    # the legality review is the named reviewer's alone (none of the people asked here holds it)
    "GET legality_review": Expect("GET", "/tasks/decisions/{decision}/legality", signed_in(403), signed_in(404)),
    "POST legality_review_submit": Expect("POST", "/tasks/decisions/{decision}/legality", signed_in(403),
                                          signed_in(404)),
    # the meeting (R-F2..R-F4): the convening is the secretary's, a member's view that member's (none
    # of them asked here); the head's decision the head's, for whom nothing waits before the meeting (409)
    "GET meeting_convene": Expect("GET", "/tasks/decisions/{decision}/meeting", signed_in(403), signed_in(404)),
    "POST meeting_convene_submit": Expect("POST", "/tasks/decisions/{decision}/meeting", signed_in(403),
                                          signed_in(404)),
    "GET meeting_view": Expect("GET", "/tasks/decisions/{decision}/meeting/views/member_1", signed_in(403),
                               signed_in(404)),
    "POST meeting_view_submit": Expect("POST", "/tasks/decisions/{decision}/meeting/views/member_1", signed_in(403),
                                       signed_in(404)),
    "GET meeting_decision": Expect("GET", "/tasks/decisions/{decision}/meeting/decision", only(200, "head"),
                                   signed_in(404)),
    "POST meeting_decision_submit": Expect("POST", "/tasks/decisions/{decision}/meeting/decision", only(409, "head"),
                                           signed_in(404), body=lambda *_: {"data": {}}),
    "GET expert_opinion": Expect("GET", "/experts/decisions/{decision}/seats/seat_1", only(200, "expert"),
                                 signed_in(404)),
    # passkeys for signing (R-C1): experts of the library register theirs (an empty form: no page
    # it came from, 422); a seat's signing page is its expert's, who has no opinion to sign yet (409)
    "GET passkey_script": Expect("GET", "/public/static/passkey.js", everyone(200)),
    "GET expert_passkeys": Expect("GET", "/experts/passkeys", only(200, "expert", "other_expert")),
    "POST expert_passkeys_register": Expect("POST", "/experts/passkeys", only(422, "expert", "other_expert")),
    "GET seat_sign": Expect("GET", "/experts/decisions/{decision}/seats/seat_1/sign", only(200, "expert"),
                            signed_in(404)),
    "POST seat_sign_submit": Expect("POST", "/experts/decisions/{decision}/seats/seat_1/sign", only(409, "expert"),
                                    signed_in(404)),
    # the archives: whoever is signed in searches and reads the public edition; the full edition is
    # the archivists' (R-H6), administrators not included
    "GET archive_page": Expect("GET", "/archives", signed_in(200)),
    "GET archive_versions": Expect("GET", "/archives/{decision}", signed_in(200), signed_in(404), ids=ARCHIVES),
    "GET archive_api": Expect("GET", "/api/archives", signed_in(200)),
    "GET archive_file": Expect("GET", "/api/archives/{decision}/full.pdf", only(200, "archivist"), signed_in(404),
                               ids=ARCHIVES),
    "GET archive_version_file": Expect("GET", "/api/archives/{decision}/v1/public.pdf", signed_in(200),
                                       signed_in(404), ids=ARCHIVES),
}

Airflow = Callable[[str, bool], int | None]  # (who, assigned to the task) -> status; None: not asked


def airflow_reader(who: str, _assigned: bool) -> int | None:
    return 401 if who == ANON else 200


def airflow_editor(allowed: int) -> Airflow:
    """A change to how a decision runs (pause, trigger): administrators alone (R-H5, juece's
    workflow guard), though Airflow's USER role would let every "user" edit any DAG."""
    return lambda who, _assigned: 401 if who == ANON else allowed if who == "admin" else 403


def answer_by_others(who: str, assigned: bool) -> int | None:
    """Only an assignee answers a task (the assignee is not asked here: that would answer it)."""
    return None if assigned else 401 if who == ANON else 403


RUN = "/dags/{dag}/dagRuns/{run}"
HITL = RUN + "/taskInstances/{task}/-1/hitlDetails"
AIRFLOW: dict[str, tuple[str, str, dict[str, Any], Airflow]] = {
    "hitl details listed": ("GET", "/dags/~/dagRuns/~/hitlDetails", {}, airflow_reader),
    "hitl detail read": ("GET", HITL, {}, airflow_reader),
    "hitl answered by someone else": ("PATCH", HITL, {"json": {"chosen_options": ["同意 Agree"],
                                                                "params_input": {}}}, answer_by_others),
    "task instances listed": ("GET", RUN + "/taskInstances", {}, airflow_reader),
    "dag read": ("GET", "/dags/{paused}", {}, airflow_reader),
    # the paused DAG stays paused; the run asked for has a date that is none, so nothing starts
    "dag paused": ("PATCH", "/dags/{paused}", {"json": {"is_paused": True}}, airflow_editor(200)),
    "run triggered": ("POST", "/dags/{paused}/dagRuns", {"json": {"logical_date": "not a date"}}, airflow_editor(422)),
}
