"""The documents of the legality review (合法性审查, R-E1..R-E4): the list of materials submitted
(报送材料清单), the legal adviser's opinion (法律顾问意见) and each round's review opinion
(合法性审查意见书) with its findings and the provisions relied on."""

from __future__ import annotations

import re
from typing import Any

from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.doc_parts import (
    NONE,
    Entry,
    People,
    Record,
    date_of,
    entries_of,
    form,
    grid,
    heading,
    note,
    sign_off,
    spec_of,
    text_paras,
    time_of,
    words,
    zone_note,
)
from juece.domain.legality.findings import FINDINGS, citations
from juece.domain.record.labels import KIND_LABELS
from juece.domain.stages import stage_label

STAGE = "legality_review"
STATUS_WORDS = {"done": "已履行 done", "not_applicable": "不适用 not applicable", "missing": "未见记录 no record"}
FINDING_WORDS = {"authority": ("决策权限", "Authority"), "procedure": ("决策程序", "Procedure"),
                 "content": ("决策内容", "Content")}


CALENDAR = re.compile(r"holidays (?P<version>\S+) China, official schedule (?P<start>\d{4})-(?P<stop>\d{4})(?P<rest>.*)")


def calendar_words(value: Any) -> str:
    """The working-day calendar the review's time limit was counted with, in words."""
    found = CALENDAR.fullmatch(str(value or ""))
    if not found:
        return str(value or NONE)
    rest = found["rest"].lstrip("; ")
    return (f"按国务院公布的节假日安排（{found['start']}—{found['stop']}年）计算工作日 / working days counted with "
            f"the State Council's holiday schedules {found['start']}-{found['stop']} (holidays {found['version']})"
            + (f"；另载入 also loaded：{rest}" if rest else ""))


def _facts_words(facts: Any) -> str:
    if not isinstance(facts, dict) or not facts:
        return NONE
    return "；".join(f"{KIND_LABELS.get(str(kind), (str(kind), ''))[0]} {n} 条" for kind, n in facts.items())


def _procedure_row(number: int, item: dict[str, Any]) -> list[Any]:
    stage = item.get("stage")
    name = item.get("label") or (stage_label(str(stage)) if stage else NONE)
    evidence = item.get("evidence") or []
    details = (f"{STATUS_WORDS.get(str(item.get('status')), words(item.get('status')))}；"
               f"{_facts_words(item.get('facts'))}\n附记录哈希 {len(evidence)} 个 / {len(evidence)} entry hashes "
               "attached (record.json)")
    return [str(number), f"程序履行情况说明：{name}\nStatement of the procedure followed", details]


def _materials(data: dict[str, Any], spec: dict[str, Any]) -> list[list[Any]]:
    version = data.get("draft_version") or 1
    rows: list[list[Any]] = [["1", f"决策草案（第 {version} 版）\nDraft, version {version}",
                              f"文本 SHA-256 {data.get('draft_sha256') or NONE}；全文附后 full text below"]]
    draft = spec.get("draft")
    if isinstance(draft, dict) and draft.get("explanation"):
        rows.append(["2", "起草说明\nExplanation of the draft", "见决策草案起草说明 see the explanation of the draft"])
    basis = data.get("legal_basis") or []
    rows.append([str(len(rows) + 1), "制定依据\nLegal basis", "\n".join(str(b) for b in basis) or NONE])
    for item in data.get("procedures") or []:
        if isinstance(item, dict):
            rows.append(_procedure_row(len(rows) + 1, item))
    return rows


def _submission_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    days = data.get("review_working_days")
    story = form([
        ("报送单位", "Submitted by", people.called(entry.get("actor"))),
        ("报送日期", "Submitted on", data.get("submitted_on") or date_of(entry)),
        ("审查期限", "Time for the review", f"{days} 个工作日 working days" if days else NONE),
        ("审查期限届满日", "Review due by", data.get("review_due") or NONE),
        ("工作日历", "Working-day calendar", calendar_words(data.get("calendar"))),
    ])
    story += [heading("报送材料", "Materials submitted"),
              *grid([("序号", "No."), ("材料", "Material"), ("说明", "Details")],
                    _materials(data, spec_of(record)), (30, 170, 0))]
    story += [heading("报送的草案文本", "The draft as submitted"), *text_paras(data.get("draft_text"))]
    return [*story, *sign_off(str(spec_of(record).get("sponsor_unit") or ""), str(data.get("submitted_on") or
                                                                                   date_of(entry)))]


def _adviser_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    return [*form([
        ("法律顾问", "Legal adviser", people.called(entry.get("actor"), "法律顾问 legal adviser")),
        ("意见时间", "Given at", time_of(entry)),
        ("结论", "Conclusion", words(data.get("conclusion"))),
    ]), heading("意见全文", "The opinion in full"), *text_paras(data.get("opinion"))[:-1],
        *sign_off(f"法律顾问 Legal adviser：{people.name(entry.get('actor'))}", date_of(entry),
                  text_paras(data.get("opinion"))[-1:]), note(zone_note())]


def _finding(data: dict[str, Any], name: str) -> str:
    text = str(data.get(name) or NONE)
    cited = citations(data, name)
    return f"{text}\n依据 Provisions relied on：{'、'.join(cited)}" if cited else text


def _gate_after(record: Record, review: Entry) -> Entry | None:
    seq = review.get("seq") or 0
    later = [e for e in entries_of(record, "gate_passed", "gate_closed") if (e.get("seq") or 0) > seq]
    return later[0] if later else None


def _gate_words(gate: Entry | None) -> str:
    if gate is None:
        return NONE
    refusals = gate["data"].get("refusals") or []
    if gate["kind"] == "gate_passed":
        return "准予提交集体讨论 may go to the meeting (R-E1)"
    reasons = "；".join(f"{r.get('zh', '')} {r.get('en', '')}（{r.get('rule', '')}）" for r in refusals
                       if isinstance(r, dict))
    return f"不得提交集体讨论 may not go to the meeting：{reasons or NONE}"


def _review_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    rows = [("审查人", "Reviewer", people.called(entry.get("actor"))),
            ("审查时间", "Reviewed at", time_of(entry)),
            ("审查轮次", "Round", f"第 {data.get('round') or 1} 轮（至多 {data.get('max_rounds') or NONE} 轮）/ round "
                               f"{data.get('round') or 1} of at most {data.get('max_rounds') or NONE}"),
            ("所审草案版本", "Draft version", f"第 {data.get('draft_version') or 1} 版 version "
                                         f"{data.get('draft_version') or 1}")]
    rows += [(f"{zh}审查意见", f"{en} finding", _finding(data, name))
             for name, (zh, en) in FINDING_WORDS.items() if name in FINDINGS]
    rows += [("审查结论", "Outcome", words(data.get("outcome"))),
             ("修改意见", "Revisions asked", data.get("revisions") or NONE)]
    if data.get("exploratory_override"):
        rows += [("探索性改革例外", "Exploratory reform override", "适用 applied (R-E1)"),
                 ("法律风险", "Legal risk", data.get("legal_risk") or NONE)]
    rows.append(("程序关口", "Gate to the meeting", _gate_words(_gate_after(record, entry))))
    return [*sign_off(f"审查人 Reviewer：{people.name(entry.get('actor'))}", date_of(entry), form(rows)),
            note(zone_note())]


def documents(record: Record) -> list[Document]:
    """The submission list, the adviser's opinion(s), and each review opinion ([] when the record
    holds no legality review)."""
    people = People(record)
    docs: list[Document] = []
    for n, entry in enumerate(entries_of(record, "submission_prepared"), 1):
        docs.append(Document(f"legality-submission-{n}", "合法性审查报送材料清单 Materials submitted for legality review",
                             str(spec_of(record).get("sponsor_unit") or people.called(entry.get("actor"))),
                             entry["data"].get("submitted_on") or date_of(entry), _maker(_submission_body, record, entry)))
    for n, entry in enumerate(entries_of(record, "adviser_opinion"), 1):
        docs.append(Document(f"legality-adviser-{n}", "法律顾问意见 Opinion of the legal adviser",
                             people.called(entry.get("actor"), "法律顾问 legal adviser"), date_of(entry),
                             _maker(_adviser_body, record, entry)))
    for n, entry in enumerate(entries_of(record, "legality_reviewed"), 1):
        docs.append(Document(f"legality-opinion-{n}", "合法性审查意见书 Legality review opinion",
                             people.called(entry.get("actor")), date_of(entry), _maker(_review_body, record, entry),
                             remarks=f"第 {entry['data'].get('round') or n} 轮 round {entry['data'].get('round') or n}"))
    return docs


def _maker(body: Any, record: Record, entry: Entry) -> Any:
    return lambda: body(record, entry)
