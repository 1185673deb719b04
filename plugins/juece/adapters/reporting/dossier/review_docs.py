"""The documents of the expert review (专家论证): the panel's selection record (专家遴选记录),
each expert's opinion form (专家论证意见表) with its signature checked here, and how the
opinions were taken up (专家意见采纳情况)."""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.doc_parts import (
    NONE,
    Entry,
    People,
    Record,
    date_of,
    day_end,
    entries_of,
    form,
    grid,
    heading,
    last_of,
    note,
    sign_off,
    spec_of,
    stage_spec,
    text_paras,
    time_of,
    words,
    zone_note,
)
from juece.adapters.reporting.dossier.signature_words import signature_of, signature_result
from juece.domain.expert_review.panel_public import pool_digest

STAGE = "expert_review"
RULE_WORDS = {"R-C4": "已从专家库除名或诚信记录不良 removed from the library (R-C4)",
              "R-C3": "与决策事项有利害关系 interested party (R-C3)"}
VACANCY_WORDS = {"conflict": "申报利害关系回避 declared a conflict of interest",
                 "non_responding": "逾期未答复 did not answer in time"}
STATUS_WORDS = {"signed": "已提交意见并签名 opinion signed", "withdrawn": "回避 withdrew (conflict)",
                "non_responding": "逾期未答复 did not answer", "submitted": "已提交意见，未签名 submitted, not signed",
                "requested": "已请提出意见 opinion requested", "assigned": "已抽取 drawn"}
ALGORITHM_WORDS = "按规则随机抽取，可凭随机种子与候选名单复核 rule-based random draw, re-runnable from its seed and pool"


def seat_words(seat: Any) -> str:
    """'第2席 seat 2', '后备第1席 reserve seat 1'."""
    if not seat:
        return NONE
    kind, _, number = str(seat).rpartition("_")
    return {"seat": f"第{number}席 seat {number}",
            "reserve": f"后备第{number}席 reserve seat {number}"}.get(kind, str(seat))


def _draw(record: Record) -> dict[str, Any]:
    entry = last_of(record, "panel_drawn")
    return entry["data"] if entry else {}


def _member(draw: dict[str, Any], user: Any) -> dict[str, Any]:
    for member in [*(draw.get("pool") or []), *(draw.get("panel") or [])]:
        if isinstance(member, dict) and member.get("user") == user:
            return member
    return {}


def _seat_covers(record: Record, seat: Any) -> list[str]:
    for entry in entries_of(record, "expert_replaced"):
        if entry["data"].get("seat") == seat:
            return list(entry["data"].get("covers") or [])
    for drawn in _draw(record).get("seats") or []:
        if isinstance(drawn, dict) and drawn.get("seat") == seat:
            return list(drawn.get("covers") or [])
    return []


def _seat_status(record: Record, seat: Any, user: Any) -> str:
    order = {"opinion_requested": "requested", "opinion_submitted": "submitted", "opinion_signed": "signed",
             "conflict_declared": "withdrawn", "expert_non_responding": "non_responding"}
    status = "assigned"
    for entry in entries_of(record, *order):
        if entry["data"].get("seat") == seat and entry["data"].get("expert") == user:
            status = order[str(entry["kind"])]
    return STATUS_WORDS[status]


def _pool_rows(draw: dict[str, Any]) -> list[tuple[str, str, Any]]:
    pool = draw.get("pool")
    if isinstance(pool, list):
        return [("专家库候选人数", "Candidates in the pool", f"{len(pool)} 人 experts"),
                ("候选名单 SHA-256", "Digest of the pool", pool_digest(pool))]
    return [("专家库候选人数", "Candidates in the pool", f"{draw.get('pool_size', NONE)} 人 experts"),
            ("候选名单 SHA-256", "Digest of the pool", draw.get("pool_sha256") or NONE)]


def _excluded_text(draw: dict[str, Any], people: People) -> str:
    excluded = draw.get("excluded")
    if isinstance(excluded, dict):
        lines = [f"{people.name(user)}：{RULE_WORDS.get(str(rule), str(rule))}" for user, rule in excluded.items()]
        return "\n".join(lines) or "无 none"
    counts = draw.get("excluded_count")
    if isinstance(counts, dict) and counts:
        return "\n".join(f"{RULE_WORDS.get(str(rule), str(rule))}：{n} 人" for rule, n in counts.items()) + \
            "\n（公开版不载姓名 names withheld in the public edition）"
    return "无 none"


def _selection_body(record: Record, entry: Entry) -> list[Any]:
    draw, people = entry["data"], People(record)
    rules = draw.get("rules") if isinstance(draw.get("rules"), dict) else {}
    story: list[Any] = form([
        ("抽取时间", "Drawn at", time_of(entry)),
        ("抽取方式", "Method", f"{ALGORITHM_WORDS}（{draw.get('algorithm') or NONE}）"),
        ("随机种子", "Seed", draw.get("seed") or NONE),
        *_pool_rows(draw),
        ("专家组人数", "Panel size", f"{rules.get('size', NONE)} 人 experts"),
        ("所需专业", "Specialties required", words(rules.get("specialties"))),
        ("承办单位主管部门", "Line department", rules.get("line_department") or NONE),
        ("利害关系人（不得入选）", "Interested parties (never drawn)", people.all_called(rules.get("interested") or [])),
        ("排除的候选专家及理由", "Candidates excluded, and why", _excluded_text(draw, people)),
    ])
    story += [heading("抽取结果", "Seats drawn"), *grid(
        [("席位", "Seat"), ("专家", "Expert"), ("工作单位", "Affiliation"), ("专业", "Specialties"),
         ("本席论证专业", "Seat covers"), ("论证情况", "Outcome")],
        [_seat_row(record, draw, seat) for seat in _all_seats(record, draw)],
        (66, 46, 94, 66, 76, 0))]
    story += _replacements(record, people)
    return [*story, *_closed(record), note(zone_note())]


def _all_seats(record: Record, draw: dict[str, Any]) -> list[dict[str, Any]]:
    """The seats drawn at launch, then those filled later by replacement."""
    seats = [seat for seat in draw.get("seats") or [] if isinstance(seat, dict)]
    return seats + [{"seat": e["data"].get("seat"), "user": e["data"].get("expert"), "covers": e["data"].get("covers")}
                    for e in entries_of(record, "expert_replaced")]


def _seat_row(record: Record, draw: dict[str, Any], seat: dict[str, Any]) -> list[Any]:
    member = _member(draw, seat.get("user"))
    return [seat_words(seat.get("seat")), member.get("name") or str(seat.get("user")), member.get("affiliation"),
            member.get("specialties"), seat.get("covers") or "（通用 general）",
            _seat_status(record, seat.get("seat"), seat.get("user"))]


def _replacements(record: Record, people: People) -> list[Any]:
    statements = {(e["data"].get("seat"), e["data"].get("expert")): e["data"].get("statement")
                  for e in entries_of(record, "conflict_declared")}
    rows = []
    for entry in entries_of(record, "expert_replaced", "panel_shortfall"):
        data = entry["data"]
        vacated = data.get("vacated_seat")
        old = data.get("replaces")
        why = VACANCY_WORDS.get(str(data.get("reason")), words(data.get("reason")))
        if statements.get((vacated, old)):
            why += f"：{statements[(vacated, old)]}"
        if entry["kind"] == "panel_shortfall":
            new = f"无可递补 none left: {data.get('zh') or ''} {data.get('en') or ''}".strip()
        else:
            covers = f"（{words(data.get('covers'))}）" if data.get("covers") else ""
            new = f"{seat_words(data.get('seat'))} {people.name(data.get('expert'))}{covers}"
        rows.append([time_of(entry), seat_words(vacated), people.name(old) if old else NONE, why, new])
    if not rows:
        return []
    return [heading("回避与递补", "Withdrawals and replacements"), *grid(
        [("时间", "Time"), ("空缺席位", "Seat vacated"), ("原专家", "Expert"), ("原因", "Why"),
         ("递补", "Replaced by")], rows, (82, 62, 52, 150, 0))]


def _opinion_body(record: Record, entry: Entry) -> list[Any]:
    data, people, draw = entry["data"], People(record), _draw(record)
    member = _member(draw, data.get("expert"))
    result = signature_result(record, entry)
    requested = next((e for e in reversed(entries_of(record, "opinion_requested"))
                      if (e["data"].get("seat"), e["data"].get("expert")) == (data.get("seat"), data.get("expert"))
                      and (e.get("seq") or 0) < (entry.get("seq") or 0)), None)
    story = form([
        ("决策事项", "Decision", _decision_title(record)),
        ("席位", "Seat", seat_words(data.get("seat"))),
        ("专家", "Expert", people.name(data.get("expert"))),
        ("工作单位", "Affiliation", member.get("affiliation") or NONE),
        ("论证专业", "Specialties covered", words(_seat_covers(record, data.get("seat"))) if
         _seat_covers(record, data.get("seat")) else words(member.get("specialties"))),
        ("利害关系声明", "No conflict of interest", "本人与本事项无直接利害关系 declared no direct interest"
         if data.get("no_conflict") else NONE),
        ("必要性", "Necessity", data.get("necessity")),
        ("可行性", "Feasibility", data.get("feasibility")),
        ("科学性、合理性", "Soundness", data.get("soundness")),
        ("论证结论", "Conclusion", words(data.get("conclusion"))),
        ("所附条件", "Conditions", data.get("conditions")),
        ("征求意见时间", "Opinion requested at", time_of(requested)),
        ("答复期限", "Due by", _due(requested)),
        ("提交时间", "Submitted at", time_of(entry)),
        ("专家签名", "Signature", result.signer_line),
        ("签名核验", "Signature check", result.verdict),
        ("意见摘要 SHA-256", "Digest signed", data.get("digest") or NONE),
    ])
    signed = signature_of(record, entry)
    text = text_paras(data.get("opinion"))
    return [*story, heading("论证意见全文", "The opinion in full"), *text[:-1],
            *sign_off(f"论证专家 Expert：{people.name(data.get('expert'))}", date_of(signed or entry), text[-1:])]


def _due(requested: Entry | None) -> str:
    if requested is None:
        return NONE
    days = requested["data"].get("response_days")
    due = day_end(requested["data"].get("due_at"))
    return f"{due}（{days} 日内答复 within {days} days）" if days else due


def _closed(record: Record) -> list[Any]:
    """How the panel ended (R-C6): when, how many signed, the quorum."""
    closed = last_of(record, "panel_closed")
    if closed is None:
        return [heading("专家论证情况", "State of the panel"), note("专家论证尚未结束 / the panel is still open")]
    data = closed["data"]
    signed = data.get("signed") if isinstance(data.get("signed"), list) else []
    quorum = data.get("quorum")
    return [heading("专家论证结束", "Panel closed"), *form([
        ("结束时间", "Closed at", time_of(closed)),
        ("已签名意见", "Opinions signed", f"{len(signed)} 份 opinions"),
        ("法定人数", "Quorum", f"{quorum} 人，{'已达到 met' if data.get('quorum_met') else '未达到 not met'}"
         if quorum is not None else NONE),
    ])]


def _decision_title(record: Record) -> str:
    spec = spec_of(record)
    return " ".join(str(part) for part in (spec.get("title"), spec.get("title_en")) if part) or NONE


def _dispositions_body(record: Record) -> list[Any]:
    people = People(record)
    conclusions = {e["data"].get("expert"): e["data"].get("conclusion") for e in entries_of(record, "opinion_submitted")}
    seats = {e["data"].get("expert"): e["data"].get("seat") for e in entries_of(record, "opinion_submitted")}
    rows = [[str(n), f"{people.name(d['data'].get('ref'))}\n{seat_words(seats.get(d['data'].get('ref'), ''))}",
             words(conclusions.get(d["data"].get("ref"))), words(d["data"].get("disposition")),
             d["data"].get("reason") or NONE, date_of(d)]
            for n, d in enumerate(entries_of(record, "opinion_disposed"), 1)]
    story = grid([("序号", "No."), ("专家", "Expert"), ("论证结论", "Conclusion"), ("处理", "Disposition"),
                  ("理由", "Reason"), ("日期", "Date")], rows, (30, 82, 80, 64, 190, 0))
    report = [e for e in entries_of(record, "adoption_report") if e.get("stage") == STAGE]
    if report:
        counts = report[-1]["data"].get("counts") or {}
        summary = "；".join(f"{words(code)} {n} 条" for code, n in counts.items())
        story.append(note(f"共 {report[-1]['data'].get('total', len(rows))} 条意见：{summary} / "
                          f"{report[-1]['data'].get('total', len(rows))} opinions in all"))
    disposed = entries_of(record, "opinion_disposed")
    return [*story, *sign_off(_sponsor(record), date_of(disposed[-1]) if disposed else "")]


def documents(record: Record) -> list[Document]:
    """The selection record, one opinion form per opinion, and the dispositions ([] when the
    record has no expert review)."""
    people = People(record)
    unit = stage_spec(record, "expert_review").get("line_department") or _sponsor(record)
    docs: list[Document] = []
    drawn = last_of(record, "panel_drawn")
    if drawn:
        docs.append(Document("review-selection", "专家遴选记录 Record of the expert panel draw", unit,
                             date_of(drawn), lambda: _selection_body(record, drawn)))
    for n, entry in enumerate(entries_of(record, "opinion_submitted"), 1):
        expert = entry["data"].get("expert")
        title = f"专家论证意见表（{' '.join([*seat_words(entry['data'].get('seat')).split()[:1], people.name(expert)])}）" \
                f" Expert opinion form"
        docs.append(Document(f"review-opinion-{n}", title, people.called(expert, "论证专家 expert"),
                             date_of(signature_of(record, entry) or entry), _opinion_maker(record, entry),
                             remarks=_signature_remark(record, entry)))
    disposed = entries_of(record, "opinion_disposed")
    if disposed:
        docs.append(Document("review-dispositions", "专家意见采纳情况 How the expert opinions were taken up",
                             _sponsor(record), date_of(disposed[-1]), lambda: _dispositions_body(record)))
    return docs


def _signature_remark(record: Record, opinion: Entry) -> str:
    """The file list's remark: the signature's check in a few words."""
    result = signature_result(record, opinion)
    if not result.signed:
        return "未签名 not signed"
    return "签名核验通过 signature verified" if result.valid else "签名核验未通过 signature NOT verified"


def _opinion_maker(record: Record, entry: Entry) -> Any:
    return lambda: _opinion_body(record, entry)


def _sponsor(record: Record) -> str:
    return str(spec_of(record).get("sponsor_unit") or NONE)
