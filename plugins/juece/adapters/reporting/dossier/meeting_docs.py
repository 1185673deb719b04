"""The documents of the collective deliberation (集体讨论决定, R-F1..R-F5): the list of materials
issued to the members (会议材料清单) and the minutes (会议纪要): attendance, quorum, each member's
view as stated, dissent, and the head's decision with the reason where it departs from the majority."""

from __future__ import annotations

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

STAGE = "collective_deliberation"
MATERIALS = (  # (data key of the entry hash, data key of the counts, Chinese, English)
    ("comment_adoption_report", "comment_adoption", "公众意见采纳情况说明", "How the public comments were handled"),
    ("expert_adoption_report", "expert_adoption", "专家意见采纳情况", "How the expert opinions were taken up"),
    ("risk_report", None, "社会稳定风险评估报告", "Risk assessment report"),
    ("legality_opinion", None, "合法性审查意见书", "Legality review opinion"),
)


def _counts(summary: Any) -> str:
    if not isinstance(summary, dict):
        return ""
    counts = summary.get("counts") or {}
    parts = "；".join(f"{words(code)} {n} 条" for code, n in counts.items())
    return f"共 {summary.get('total', NONE)} 条 {summary.get('total', NONE)} in all：{parts}" if parts else ""


def _material_rows(data: dict[str, Any]) -> list[list[Any]]:
    version = data.get("draft_version") or 1
    rows = [["1", f"决策草案（第 {version} 版）\nDraft, version {version}",
             f"文本 SHA-256 {data.get('draft_sha256') or NONE}"]]
    for hash_key, counts_key, zh, en in MATERIALS:
        value = data.get(hash_key)
        if value == "not_applicable":
            details = "本事项不适用该环节 stage not applicable"
        elif value:
            details = "\n".join(filter(None, [_counts(data.get(counts_key)) if counts_key else "",
                                              f"记录哈希 entry hash {value}"]))
        else:
            details = "未见记录 none in the record"
        rows.append([str(len(rows) + 1), f"{zh}\n{en}", details])
    return rows


def _materials_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    return [*form([
        ("分发人", "Issued by", people.called(entry.get("actor"))),
        ("分发时间", "Issued at", time_of(entry)),
        ("送达", "Issued to", people.all_called(data.get("members") or [])),
    ]), heading("会议材料", "Materials"),
        *grid([("序号", "No."), ("材料", "Material"), ("说明", "Details")], _material_rows(data), (30, 170, 0)),
        note("各材料以其记录哈希对应所附 record.json 中的记录 / each material is the entry of that hash in the attached "
             "record.json"), note(zone_note())]


def _members(record: Record, meeting: dict[str, Any]) -> list[str]:
    listed = stage_spec(record, STAGE).get("members") or []
    present = list(meeting.get("attendees") or [])
    absent = list(meeting.get("absentees") or [])
    return [str(m) for m in dict.fromkeys([*listed, *present, *absent])]


def _quorum(meeting: dict[str, Any], members: list[str]) -> str:
    present = len(meeting.get("attendees") or [])
    quorum = meeting.get("quorum")
    if not members or not isinstance(quorum, int | float):
        return f"出席 {present} 人 present" if present else NONE
    met = present > quorum * len(members)
    return (f"应到 {len(members)} 人，实到 {present} 人，{'超过' if met else '未超过'}组成人员的 {quorum:.0%}，"
            f"{'符合' if met else '不符合'}法定人数 / {present} of {len(members)} present: quorum "
            f"(more than {quorum:.0%}) {'met' if met else 'not met'}")


def _views(record: Record) -> list[dict[str, Any]]:
    minutes = last_of(record, "minutes_recorded")
    if minutes and isinstance(minutes["data"].get("views"), list):
        return [v for v in minutes["data"]["views"] if isinstance(v, dict)]
    return [e["data"] for e in entries_of(record, "member_view")]


def _view_rows(record: Record, people: People) -> list[list[Any]]:
    rows = []
    for n, view in enumerate(_views(record), 1):
        member, by = view.get("member"), view.get("recorded_by")
        how = f"\n由{people.called(by)}照实代为记录 recorded as stated" if by and by != member else ""
        rows.append([str(n), people.called(member), words(view.get("view")), f"{view.get('remarks') or NONE}{how}"])
    for entry in entries_of(record, "member_absent"):
        rows.append([str(len(rows) + 1), people.called(entry["data"].get("member")), "缺席 absent",
                     "未发表意见 no view"])
    return rows


def _decision_rows(record: Record, people: People) -> list[tuple[str, str, Any]]:
    decision = last_of(record, "head_decision")
    if decision is None:
        return [("行政首长决定", "Decision of the head", "尚未作出 not yet made")]
    data = decision["data"]
    differs = data.get("differs_from_majority")
    rows = [("行政首长", "Head of government", people.called(decision.get("actor"), "行政首长 head of government")),
            ("决定", "Decision", words(data.get("outcome"))),
            ("决定时间", "Decided at", time_of(decision))]
    if "majority" in data:
        rows.append(("多数意见", "Majority view", words(data.get("majority")) if data.get("majority") else
                     "无多数意见 no majority"))
    if differs is not None:
        rows.append(("与多数意见是否一致", "Follows the majority", "不一致 departs from it" if differs else "一致 follows it"))
    rows.append(("决定理由", "Reason", data.get("reason") or NONE))
    concluded = last_of(record, "deliberation_concluded")
    if concluded:
        rows.append(("后续处理", "What follows", f"{concluded['data'].get('zh') or ''} / {concluded['data'].get('en') or ''}"))
    return rows


def _minutes_body(record: Record) -> list[Any]:
    people = People(record)
    convened = last_of(record, "meeting_convened")
    meeting = convened["data"] if convened else {}
    members = _members(record, meeting)
    present = set(meeting.get("attendees") or [])
    kind = meeting.get("meeting_type") or stage_spec(record, STAGE).get("meeting_type")
    story = form([
        ("决策事项", "Matter", str(spec_of(record).get("title") or NONE)),
        ("会议", "Meeting", f"{spec_of(record).get('decision_body') or ''}{words(kind) if kind else NONE}"),
        ("时间", "Time", time_of(convened)),
        ("地点", "Place", "记录未载 not recorded"),
        ("主持", "Chaired by", people.called(stage_spec(record, STAGE).get("head"), "行政首长 head of government")
         if stage_spec(record, STAGE).get("head") else NONE),
        ("记录", "Minutes taken by", people.called(stage_spec(record, STAGE).get("secretary"))
         if stage_spec(record, STAGE).get("secretary") else NONE),
        ("法定人数", "Quorum", _quorum(meeting, members)),
    ])
    if members:
        story += [heading("出席情况", "Attendance"), *grid(
            [("序号", "No."), ("姓名及职务", "Name and role"), ("出席", "Present")],
            [[str(n), people.called(m), "出席 present" if m in present or not convened else "缺席 absent"]
             for n, m in enumerate(members, 1)], (30, 300, 0))]
    story += [heading("组成人员意见（照实记录）", "Views of the members, as stated"), *grid(
        [("序号", "No."), ("组成人员", "Member"), ("意见", "View"), ("发言要点", "As stated")],
        _view_rows(record, people) or [[NONE] * 4], (30, 150, 60, 0))]
    dissent = [v for v in _views(record) if v.get("view") == "disagree"]
    story.append(heading("不同意见", "Dissent"))
    story += text_paras("\n".join(f"{people.called(v.get('member'))}：{v.get('remarks') or NONE}" for v in dissent)
                        or "无 none")
    decision = [heading("决定", "Decision"), *form(_decision_rows(record, people))]
    minutes = last_of(record, "minutes_recorded")
    secretary = f"\n记录人 Minutes by：{people.name(minutes.get('actor'))}" if minutes else ""
    day = date_of(minutes or last_of(record, "head_decision") or convened)
    return [*story, *sign_off(f"{spec_of(record).get('decision_body') or ''}{secretary}".strip(), day, decision),
            note(zone_note())]


def documents(record: Record) -> list[Document]:
    """The materials list and the minutes ([] when the record holds no meeting)."""
    people = People(record)
    docs: list[Document] = []
    body = str(spec_of(record).get("decision_body") or NONE)
    for n, entry in enumerate(entries_of(record, "materials_issued"), 1):
        docs.append(Document(f"meeting-materials-{n}", "会议材料清单 Materials of the meeting",
                             people.called(entry.get("actor")), date_of(entry), _maker(record, entry)))
    parts = entries_of(record, "meeting_convened", "member_view", "head_decision", "minutes_recorded")
    if parts:
        minutes = last_of(record, "minutes_recorded")
        remarks = f"记录人 minutes by {people.name(minutes.get('actor'))}" if minutes else \
            "据会议记录整理 compiled from the meeting's entries"
        docs.append(Document("meeting-minutes", "会议纪要 Minutes of the meeting", body,
                             date_of(minutes or parts[-1]), lambda: _minutes_body(record), remarks=remarks))
    return docs


def _maker(record: Record, entry: Entry) -> Any:
    return lambda: _materials_body(record, entry)
