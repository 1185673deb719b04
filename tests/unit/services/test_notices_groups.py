"""The daily round when a step's holder, or the sponsor office, is a group (``group:<name>``):
every member is told by name and address, each notice recorded per member with the group; an
overdue step is escalated once (the group, not each member, counts as told); a group the
directory does not know, or one without members, is recorded as a failed notice naming it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.notify.channels import LogChannel
from juece.adapters.store.ledger import Ledger
from juece.domain.groups import Group
from juece.domain.notices.people import Person
from juece.domain.notices.sent import Outcome
from juece.domain.notices.texts import Notice
from juece.domain.record.acts import Act
from juece.domain.record.workdays import china_date
from juece.services import notices
from juece.spec import load_spec

REPO = Path(__file__).resolve().parents[3]
URBAN = REPO / "templates" / "urban-planning.yaml"
DEMO_PEOPLE = REPO / "templates" / "libraries" / "people.yaml"
LOG = logging.getLogger("test.notices.groups")
SPONSOR, LEGALITY = "group:sponsor-office", "group:legality-office"
PEOPLE = {
    "sponsor_office": Person("sponsor_office", "周敏", "sponsor.office@example.org"),
    "office_clerk_1": Person("office_clerk_1", "钱进", "office.clerk.1@example.org"),
    "office_clerk_2": Person("office_clerk_2", "褚云", "office.clerk.2@example.org"),
    "legality_reviewer": Person("legality_reviewer", "陈静", "legality.reviewer@example.org"),
    "legality_reviewer_2": Person("legality_reviewer_2", "卫东", "legality.reviewer.2@example.org"),
}
GROUPS = {
    "sponsor-office": Group("sponsor-office", ("sponsor_office", "office_clerk_1", "office_clerk_2"),
                            "承办科室", "sponsor office"),
    "legality-office": Group("legality-office", ("legality_reviewer", "legality_reviewer_2"),
                             "合法性审查科室", "legality review office"),
}


class Kept:
    """A channel that keeps what it is given: whom each notice was addressed to."""

    name = "kept"

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    def send(self, notice: Notice) -> Outcome:
        self.notices.append(notice)
        return Outcome(True)


def launched(ledger: Ledger, review_due: str, sponsor: str = SPONSOR, reviewer: str = LEGALITY) -> str:
    spec = load_spec(URBAN).model_dump(mode="json")
    spec["sponsor_office"] = sponsor
    spec["stages"]["legality_review"]["reviewer"] = reviewer
    ledger.append_many(spec["id"], [
        Act("launch", "launched", "sponsor_office", {"spec": spec, "clock_scale": 1}),
        Act("legality_review", "submission_prepared", "sponsor_office", {"review_due": review_due})])
    return str(spec["id"])


def sent(ledger: Ledger, decision_id: str, notice: str) -> list[dict[str, Any]]:
    return [e["data"] for e in ledger.entries(decision_id) if e["kind"] == "notice_sent" and e["data"]["notice"] == notice]


def notifier(ledger: Ledger, *channels: Any, groups: Any = GROUPS) -> notices.Notifier:
    return notices.Notifier(ledger, list(channels) or [LogChannel(LOG)], PEOPLE, "http://127.0.0.1:8080", LOG, groups)


def day(offset: int, now: datetime) -> str:
    return (china_date(now) + timedelta(days=offset)).isoformat()


def test_a_reminder_and_the_digest_to_a_group_reach_every_member_by_name_and_address(juece_home: Path) -> None:
    ledger, now, kept = Ledger(), datetime.now(UTC), Kept()
    decision_id = launched(ledger, day(1, now))
    counts = notices.daily(notifier(ledger, kept), now, 2)
    assert counts == {"reminder": 3, "escalation": 0, "digest": 3, "unreadable": 0}
    reminded = [(r["recipient"], r["name"], r.get("group")) for r in sent(ledger, decision_id, "reminder")]
    assert reminded == [("legality_reviewer", "陈静", LEGALITY), ("legality_reviewer_2", "卫东", LEGALITY),
                        ("legal_adviser", "", None)]  # the adviser holds the step alone
    digests = [(r["recipient"], r["name"], r["group"], r["outcome"]) for r in sent(ledger, decision_id, "digest")]
    assert digests == [("sponsor_office", "周敏", SPONSOR, "delivered"), ("office_clerk_1", "钱进", SPONSOR, "delivered"),
                       ("office_clerk_2", "褚云", SPONSOR, "delivered")]
    addressed = {(n.kind, n.recipient.user, n.recipient.email) for n in kept.notices}
    assert ("reminder", "legality_reviewer_2", "legality.reviewer.2@example.org") in addressed
    assert ("digest", "office_clerk_2", "office.clerk.2@example.org") in addressed
    digest = next(n for n in kept.notices if n.kind == "digest" and n.recipient.user == "office_clerk_1")
    assert digest.body.startswith("钱进：") and "承办人 合法性审查科室 legality review office、legal_adviser" in digest.body
    assert "group:" not in digest.body  # the group named by its display name
    # a rerun of the day tells no one twice; the next day's digest goes to each member again
    assert notices.daily(notifier(ledger, kept), now + timedelta(minutes=5), 2) == {
        "reminder": 0, "escalation": 0, "digest": 0, "unreadable": 0}
    assert notices.daily(notifier(ledger, kept), now + timedelta(days=1), 0)["digest"] == 3


def test_an_overdue_step_is_escalated_once_to_each_member_and_not_again_the_next_day(juece_home: Path) -> None:
    ledger, now, kept = Ledger(), datetime.now(UTC), Kept()
    decision_id = launched(ledger, day(-1, now))
    assert notices.daily(notifier(ledger, kept), now, 2)["escalation"] == 4
    escalated = [(r["recipient"], r.get("group")) for r in sent(ledger, decision_id, "escalation")]
    assert escalated == [("sponsor_office", SPONSOR), ("office_clerk_1", SPONSOR), ("office_clerk_2", SPONSOR),
                         ("county_head", None)]
    notice = next(n for n in kept.notices if n.kind == "escalation" and n.recipient.user == "office_clerk_1")
    assert notice.body.startswith("钱进：") and "承办人：合法性审查科室 legality review office" in notice.body
    assert notices.daily(notifier(ledger, kept), now + timedelta(days=1), 2)["escalation"] == 0
    assert notices.daily(notifier(ledger, kept), now + timedelta(days=2), 2)["escalation"] == 0
    assert len(sent(ledger, decision_id, "escalation")) == 4


def test_a_person_both_head_and_member_is_escalated_once(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(-1, now))
    groups = {**GROUPS, "sponsor-office": Group("sponsor-office", ("office_clerk_1", "county_head"))}
    assert notices.daily(notifier(ledger, groups=groups), now, 2)["escalation"] == 2
    assert [r["recipient"] for r in sent(ledger, decision_id, "escalation")] == ["office_clerk_1", "county_head"]


def test_a_round_cut_short_is_finished_the_same_day_but_a_group_is_escalated_on_one_day_only(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(-1, now))
    first = {**GROUPS, "sponsor-office": Group("sponsor-office", ("sponsor_office",))}
    assert notices.daily(notifier(ledger, groups=first), now, 2)["escalation"] == 2
    # the same day, with the rest of the office: those not yet told are told, no one twice
    assert notices.daily(notifier(ledger), now + timedelta(minutes=5), 2)["escalation"] == 2
    # the next day nobody, a newcomer included: the step was escalated to the office once
    later = {**GROUPS, "sponsor-office": Group("sponsor-office", ("sponsor_office", "office_clerk_1",
                                                                  "office_clerk_2", "newcomer"))}
    assert notices.daily(notifier(ledger, groups=later), now + timedelta(days=1), 2)["escalation"] == 0
    assert sorted(r["recipient"] for r in sent(ledger, decision_id, "escalation")) == [
        "county_head", "office_clerk_1", "office_clerk_2", "sponsor_office"]


@pytest.mark.parametrize("groups", [{}, {"sponsor-office": Group("sponsor-office", ())}], ids=["unknown", "empty"])
def test_a_group_nobody_can_be_told_in_is_recorded_as_a_failed_notice_naming_it(juece_home: Path,
                                                                                 groups: dict[str, Group]) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(-1, now), reviewer="legality_reviewer")
    counts = notices.daily(notifier(ledger, groups=groups), now, 2)
    assert counts == {"reminder": 0, "escalation": 2, "digest": 1, "unreadable": 0}
    failed = [r for r in sent(ledger, decision_id, "escalation") if r["outcome"] == "failed"]
    assert [(r["recipient"], r["group"]) for r in failed] == [(SPONSOR, SPONSOR)]
    assert "sponsor-office" in failed[0]["reason"]
    assert [r["recipient"] for r in sent(ledger, decision_id, "escalation") if r["outcome"] == "delivered"] == [
        "county_head"]  # the head is told all the same
    digest = sent(ledger, decision_id, "digest")
    assert [(r["recipient"], r["outcome"]) for r in digest] == [(SPONSOR, "failed")]
    assert notices.daily(notifier(ledger, groups=groups), now + timedelta(days=1), 2)["escalation"] == 0  # once


def test_without_groups_given_the_round_reads_them_from_the_people_directory(juece_home: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(DEMO_PEOPLE))
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(-1, now))
    assert notices.daily(notifier(ledger, groups=None), now, 2)["escalation"] == 4
    assert [r["recipient"] for r in sent(ledger, decision_id, "escalation")] == [
        "sponsor_office", "office_clerk_1", "office_clerk_2", "county_head"]


def test_a_refused_directory_is_recorded_as_a_failed_notice_with_its_reason(juece_home: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "people.yaml"
    bad.write_text("groups: [not, a, mapping]\n", encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(bad))
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(-1, now), reviewer="legality_reviewer")
    assert notices.daily(notifier(ledger, groups=None), now, 2)["escalation"] == 2
    failed = [r for r in sent(ledger, decision_id, "escalation") if r["outcome"] == "failed"]
    assert [r["recipient"] for r in failed] == [SPONSOR] and "groups" in failed[0]["reason"]


def test_the_opened_notice_of_a_group_task_names_the_group(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, day(5, now))
    task = notices.OpenTask("legality_review", LEGALITY, "合法性审查 Review the draft's legality", "http://x/t",
                            "manual__1/legality_review.review/-1/", ("legality_reviewer", "legality_reviewer_2"))
    assert notices.task_opened(notifier(ledger), ledger.entries(decision_id), task, now) == 2
    assert [(r["recipient"], r["group"]) for r in sent(ledger, decision_id, "opened")] == [
        ("legality_reviewer", LEGALITY), ("legality_reviewer_2", LEGALITY)]
