"""A synthetic decision rich in personal data, for the public edition's tests (R-H6): commenters
who give their names and contacts, hearing participants, an expert library with integrity notes
and removals for misconduct, an interested party, a declared conflict, a replacement drawn from
the pool, and a signed opinion. The draw is made by the real panel code, so it re-runs."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.panel import Draw, PanelRules, draw_panel, draw_replacement
from juece.domain.expert_review.signatures import new_key_pair, opinion_digest, sign_digest
from tests.unit.adapters.reporting.reporting_records import DECISION, SPEC, make_entries

LINE = "延寿县卫生健康局"
SEED = "personal-data-seed"
SPECIALTIES = ("城市规划", "交通工程", "法律", "经济", "水利")
NAMES = ("欧阳明远", "司马清和", "上官云舒", "诸葛景行", "东方若谷", "皇甫怀瑾",
         "慕容知微", "令狐致远", "公孙静姝", "宇文思齐", "长孙恪勤", "夏侯守拙")
REMOVED = {"expert_10": ("2025年论证报告抄袭他人成果，经核查属实，予以除名", "2025-11-03"),
           "expert_11": ("收受项目单位财物，违反专家论证纪律", "2026-01-15")}
INTERESTED = "expert_07"
SPOUSE = "周美玲"
COMMENTERS = {
    "C-000001": {"name": "王小明", "contact": "13912345678"},
    "C-000002": {"name": "赵慧敏", "contact": "微信 zhao_hm_1988"},
    "C-000003": {"name": "Li Na", "contact": "li.na@example.org"},
}
PARTICIPANTS = ({"user": "hearing_01", "name": "钱听证", "side": "居民"},
                {"user": "hearing_02", "name": "孙听证", "side": "商户"})
ID_NUMBER, MAIL, LANDLINE = "23012519800101002X", "xiaoming@example.cn", "0451-57123456"
# A SHA-256 holding runs of digits shaped like a telephone, a mobile and an identity number
# (the old redactor blacked such runs out of hashes).
DIGEST = "e045157123456f" + "a13800001111b" + "c230125198001010021d" + "0123456789abcdef0"
assert len(DIGEST) == 64


@cache
def keys() -> dict[str, tuple[str, str]]:
    """(private, public) key of every expert in the library, made once per session."""
    return {f"expert_{n:02d}": new_key_pair() for n in range(1, len(NAMES) + 1)}


def library() -> list[Expert]:
    experts = []
    for n, name in enumerate(NAMES, start=1):
        user = f"expert_{n:02d}"
        reason, on = REMOVED.get(user, ("", None))
        experts.append(Expert(
            user=user, name=name, specialties=(SPECIALTIES[n % 5], SPECIALTIES[(n + 2) % 5]),
            affiliation=f"松花江第{n}研究院", official_of=LINE if n == 3 else None,
            integrity=f"诚信档案第{n:03d}号：年度考核记录", removed=user in REMOVED,
            removed_reason=reason, removed_on=on, public_key=keys()[user][1]))
    return experts


def spec() -> dict[str, Any]:
    data = json.loads(json.dumps(SPEC))
    data["stages"]["expert_review"] = {"specialties": ["城市规划", "法律", "水利"], "panel_size": 5,
                                       "line_department": LINE, "interested_parties": [INTERESTED]}
    data["stages"]["public_participation"]["hearing"] = {
        "place": "县政府第一会议室", "time": "2027-04-20T09:00:00+08:00", "sides": ["居民", "商户"],
        "participants": [dict(p) for p in PARTICIPANTS]}
    return data


@cache
def draw() -> Draw:
    rules = PanelRules(5, ("城市规划", "法律", "水利"), LINE, frozenset({INTERESTED}))
    return draw_panel(library(), rules, SEED)


def comment(receipt: str, text: str) -> tuple[str, str, str, dict[str, Any]]:
    return ("public_participation", "comment_received", "public",
            {"receipt": receipt, "text": text, "paragraph": 1, "late": False, "has_contact": True})


def events() -> list[tuple[str, str, str, dict[str, Any]]]:
    panel = draw()
    first, second = panel.seats[0], panel.seats[1]
    removed_name = NAMES[9]  # expert_10, removed for misconduct
    replacement = draw_replacement(panel, [s.user for s in panel.seats[2:]] + [first.user], [second.user],
                                   "reserve_1", 1)
    private = keys()[first.user][0]
    content = {"decision": DECISION, "seat": first.seat, "expert": first.user, "necessity": "必要",
               "feasibility": "可行", "soundness": "科学", "conclusion": "support", "conditions": None,
               "opinion": "选址合理，同意。"}
    digest = opinion_digest(content)
    names = [p["name"] for p in PARTICIPANTS]
    return [
        ("launch", "launched", "sponsor_office", {"spec": spec(), "clock_scale": 1}),
        ("expert_review", "panel_drawn", "sponsor_office", panel.as_dict()),
        ("public_participation", "notice_published", "sponsor_office", {"deadline": "2027-03-31"}),
        comment("C-000001", f"我是王小明，电话13912345678，身份证{ID_NUMBER}，邮箱{MAIL}，座机{LANDLINE}，支持建设。"),
        comment("C-000002", f"联系我：微信 zhao_hm_1988。赵慧敏认为专家{removed_name}不应参加论证。"),
        comment("C-000003", f"Li Na here (li.na@example.org): 档号 J001-2027-Y-0003，回执 C-000001，"
                            f"哈希 {DIGEST}，第 42 条记录之后，2027-03-05T09:30:00+08:00。"),
        ("public_participation", "hearing_announced", "sponsor_office",
         {"participants": [{"name": n, "side": p["side"]} for n, p in zip(names, PARTICIPANTS, strict=True)]}),
        ("public_participation", "hearing_materials_issued", "sponsor_office", {"to": names, "draft_sha256": DIGEST}),
        ("public_participation", "hearing_held", "sponsor_office",
         {"record": f"{names[0]}、{names[1]}分别发言。", "record_sha256": DIGEST}),
        *[("public_participation", "hearing_record_signed", p["user"],
           {"participant": p["user"], "confirmed": True, "remarks": "", "record_sha256": DIGEST})
          for p in PARTICIPANTS],
        ("expert_review", "opinion_requested", "juece", {"seat": first.seat, "expert": first.user}),
        ("expert_review", "conflict_declared", second.user,
         {"seat": second.seat, "expert": second.user, "statement": f"本人配偶{SPOUSE}在项目中标单位任职",
          "rule": "R-C3"}),
        ("expert_review", "expert_replaced", "juece",
         {"seat": replacement.seat, "expert": replacement.user, "covers": list(replacement.covers),
          "replaces": second.user, "vacated_seat": second.seat, "reason": "conflict", "seed": SEED,
          "rule": "R-C3"}),
        ("expert_review", "opinion_submitted", first.user, {**content, "no_conflict": True, "digest": digest}),
        ("expert_review", "opinion_signed", first.user,
         {"seat": first.seat, "expert": first.user, "digest": digest, "signature": sign_digest(private, digest),
          "public_key": keys()[first.user][1], "algorithm": "Ed25519", "rule": "R-C1"}),
        ("archive", "archive_built", "juece", {"sha256": DIGEST, "archive_no": "J001-2027-Y-0003"}),
    ]


def entries() -> list[dict[str, Any]]:
    return make_entries(events())


def personal_values(full: dict[str, Any]) -> set[str]:
    """Every personal value of people who do not act publicly, taken from the full record and
    its personal map: commenters' names and contacts, hearing participants' names and user ids,
    the library's experts who were not drawn (every field that is theirs), seated experts'
    integrity notes and removal data, interested parties with no role, conflict statements."""
    entries_ = full["entries"]
    values: set[str] = set()
    for person in full["personal"]["commenters"].values():
        values |= {person["name"], person["contact"]}
    launched = next(e for e in entries_ if e["kind"] == "launched")["data"]["spec"]
    for participant in launched["stages"]["public_participation"]["hearing"]["participants"]:
        values |= {participant["name"], participant["user"]}
    values |= set(launched["stages"]["expert_review"]["interested_parties"])  # none has a role here
    seated = {seat["user"] for e in entries_ if e["kind"] == "panel_drawn" for seat in e["data"]["seats"]}
    seated |= {e["data"]["expert"] for e in entries_ if e["kind"] == "expert_replaced"}
    for entry in (e for e in entries_ if e["kind"] == "panel_drawn"):
        for member in entry["data"]["pool"]:
            own = ("integrity", "removed_reason", "removed_on")
            if member["user"] not in seated:
                own += ("user", "name", "affiliation", "public_key")
            values |= {str(member[key]) for key in own if member.get(key)}
    values |= {e["data"]["statement"] for e in entries_ if e["kind"] == "conflict_declared"}
    return values
