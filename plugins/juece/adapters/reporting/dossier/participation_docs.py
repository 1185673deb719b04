"""The documents of public participation: the comment notice (征求意见公告), the records of other
channels, the hearing's notice, sign-up and draw, participant list and record with each
participant's confirmation, and the adoption report (采纳情况说明) with every comment and its
disposition (the register is laid out in chunks as the pages fill: fast at 100,000 comments)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from juece.adapters.reporting import bulk, comment_charts
from juece.adapters.reporting.dossier.base import Document, Record
from juece.adapters.reporting.dossier.doc_parts import (
    People,
    date_of,
    entries_of,
    form,
    gap,
    grid,
    heading,
    last_of,
    moment,
    note,
    spec_of,
    text_paras,
    time_of,
    words,
    zone_note,
)
from juece.adapters.reporting.dossier.official import official
from juece.adapters.reporting.labels import value_text
from juece.adapters.reporting.layout import para

Entry = dict[str, Any]
REMOVED = "公开版已删除个人信息 personal data removed"
COUNT_WORDS = (("adopted", "采纳", "adopted"), ("partly_adopted", "部分采纳", "partly adopted"),
               ("not_adopted", "不予采纳", "not adopted"), ("noted", "已阅知", "noted"))


def removed(*entries: Entry | None) -> str:
    """The file list's remark when personal data was removed from what a document shows (R-H6)."""
    return REMOVED if any(entry and "redacted" in entry for entry in entries) else ""


def _closes(data: dict[str, Any]) -> str:
    """'2027-01-05 24 时（北京时间）' for the period's last day; the recorded close otherwise."""
    last = data.get("last_day") or data.get("deadline")
    return f"{last} 24 时（北京时间）" if last else moment(data.get("closes_at"))


def _notice(record: Record, entry: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        spec, data = spec_of(record), entry["data"]
        lines = [f"为提高决策质量、广泛听取意见，现将《{spec.get('title', '')}》（第 {data.get('draft_version', 1)} 版）"
                 "全文公布，公开征求社会公众意见。",
                 f"一、征求意见期间：自 {moment(data.get('opens_at'))} 起，至 {_closes(data)}止，共 "
                 f"{data.get('period_days') or '—'} 日。",
                 f"二、提交方式：{data.get('how_to_comment') or '—'}",
                 "三、逾期提交的意见仍予登记和处理，并在采纳情况说明中标明逾期。"]
        if data.get("urgency_reason"):
            lines.append(f"四、征求意见期间少于三十日的理由：{data['urgency_reason']}")
        english = ("The draft is published for public comment: the period, how to comment and, where the "
                   "period is shorter than 30 days, why, are stated above (R-B1, R-B2).")
        rest = form([("草案哈希", "Draft SHA-256", data.get("draft_sha256") or "—")]) if data.get("draft_sha256") else []
        return [*official(spec.get("sponsor_unit") or spec.get("decision_body") or "", "",
                          f"关于《{spec.get('title', '')}》公开征求意见的公告",
                          "Notice: the draft published for public comment", lines, date_of(entry)),
                note(english), *rest]
    return body


def _channel(record: Record, entry: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        data = entry["data"]
        attachments = [f"{item.get('name') or item.get('path') or '—'} {item.get('sha256', '')}".strip()
                       for item in data.get("attachments") or [] if isinstance(item, dict)]
        return form([("渠道", "Channel", data.get("label") or words(data.get("channel"))),
                     ("名称", "Title", data.get("title")), ("日期", "Held on", data.get("held_on")),
                     ("参加人数", "Participants", data.get("participants")),
                     ("记录人", "Recorded by", People(record).called(entry.get("actor"))),
                     ("附件", "Attachments", "；".join(attachments) or "—")]) + \
            [heading("情况摘要", "What was heard"), *text_paras(data.get("summary"))]
    return body


def _hearing_notice(record: Record, entry: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        spec, data = spec_of(record), entry["data"]
        people = [f"{p.get('name', '—')}（{p.get('side', '—')}）" for p in data.get("participants") or []
                  if isinstance(p, dict)]
        lines = [f"定于 {moment(data.get('time'))} 在 {data.get('place') or '—'} 就《{spec.get('title', '')}》举行听证会。",
                 f"一、参加人产生方式：{data.get('selection_method') or '—'}",
                 f"二、听证各方：{'、'.join(str(s) for s in data.get('sides') or []) or '—'}",
                 f"三、听证参加人：{'、'.join(people) or '—'}",
                 f"四、听证材料至迟于 {data.get('materials_due') or '—'} 送达参加人。"]
        signup = data.get("signup")
        if isinstance(signup, dict):
            lines.append(f"五、公开报名：至 {moment(signup.get('closes_at'))} 截止，设 {signup.get('seats', '—')} 席，"
                         f"按{value_text(signup.get('method'))}确定参加人。")
        return [*official(spec.get("sponsor_unit") or spec.get("decision_body") or "", "",
                          f"关于《{spec.get('title', '')}》举行听证会的公告", "Notice of the hearing (R-B6)",
                          lines, date_of(entry)), note(zone_note())]
    return body


def _signup(record: Record, drawn: Entry | None) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        signups = entries_of(record, "hearing_signup_received")
        rows = [[e["data"].get("receipt"), moment(e["data"].get("received_at")), e["data"].get("side"),
                 e["data"].get("statement")] for e in signups]
        story = [heading("公开报名", "Public sign-ups"), note(zone_note()),
                 *grid((("回执", "Receipt"), ("报名时间", "Received"), ("代表方", "Side"), ("陈述要点", "Statement")),
                       rows or [["—", "—", "—", "—"]], (60, 96, 70, 0))]
        if drawn:
            data = drawn["data"]
            selected = "、".join(f"{s.get('receipt')}（{s.get('side')}）" for s in data.get("selected") or [])
            story += [heading("参加人的产生", "How the public seats were filled"),
                      *form([("方式", "Method", value_text(data.get("method"))),
                             ("算法", "Algorithm", data.get("algorithm")),
                             ("随机种子", "Seed (hash of entry)", f"{data.get('seed', '—')}（第 {data.get('seed_seq', '—')} 条）"),
                             ("席位", "Seats", data.get("seats")),
                             ("候选报名", "Candidates", "、".join(str(c) for c in data.get("candidates") or []) or "—"),
                             ("确定参加人", "Selected", selected or "—"),
                             ("空缺席位", "Seats unfilled", data.get("unfilled")),
                             ("时间", "Time", time_of(drawn))])]
        return story
    return body


def _participants(record: Record, announced: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        rows = [[n, p.get("name", "—"), p.get("side", "—"), "听证公告所列 named in the notice"]
                for n, p in enumerate(announced["data"].get("participants") or [], start=1) if isinstance(p, dict)]
        drawn = last_of(record, "hearing_seats_drawn")
        for seat in (drawn["data"].get("selected") or []) if drawn else []:
            rows.append([len(rows) + 1, f"公开报名 sign-up {seat.get('receipt')}", seat.get("side"),
                         "公开报名产生 public seat"])
        issued = last_of(record, "hearing_materials_issued")
        story = grid((("序号", "No."), ("姓名", "Name"), ("代表方", "Side"), ("产生方式", "How chosen")),
                     rows or [["—", "—", "—", "—"]], (36, 130, 90, 0))
        if issued:
            story += [gap(), *form([("材料送达", "Materials issued", time_of(issued)),
                                    ("提前天数", "Days before the hearing", issued["data"].get("days_before"))])]
        return story
    return body


def _hearing_record(record: Record, held: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        people, data = People(record), held["data"]
        signed = entries_of(record, "hearing_record_signed")
        rows = [[people.called(e["data"].get("participant") or e.get("actor")),
                 "确认无误并签名 confirmed and signed" if e["data"].get("confirmed") else "有异议 disputed",
                 e["data"].get("remarks") or "—", time_of(e)] for e in signed]
        return [*form([("记录人", "Recorded by", people.called(held.get("actor"))), ("时间", "Time", time_of(held)),
                       ("已发表意见的各方", "Sides heard", "、".join(data.get("sides_heard") or []) or "—")]),
                heading("笔录", "Record of the hearing"), *text_paras(data.get("record")),
                heading("参加人确认", "Confirmations by the participants"),
                *grid((("参加人", "Participant"), ("确认", "Confirmation"), ("异议内容", "Dispute"), ("时间", "Time")),
                      rows or [["—", "尚无确认 none yet", "—", "—"]], (130, 100, 150, 0))]
    return body


def _summary(record: Record, report: Entry | None) -> str:
    """The report's opening sentence, from the record's counts."""
    spec, closed = spec_of(record), last_of(record, "comments_closed")
    text = f"《{spec.get('title', '')}》公开征求意见"
    if closed:
        late = len(closed["data"].get("late") or [])
        text += f"，截止时共收到意见 {closed['data'].get('count', '—')} 条" + (f"（其中逾期 {late} 条，亦逐条处理）"
                                                                       if late else "")
    if report:
        counts, rate = report["data"].get("counts") or {}, report["data"].get("adoption_rate")
        done = "、".join(f"{zh} {counts.get(key, 0)} 条" for key, zh, _ in COUNT_WORDS if counts.get(key))
        text += f"。经逐条研究，{done or '—'}" + (f"，采纳率 {rate:.1%}" if isinstance(rate, float) else "")
    return text + "。各条意见及其处理结果、理由见下表。"


def _adoption(record: Record, report: Entry | None) -> Callable[[], Iterator[Any]]:
    def body() -> Iterator[Any]:  # a generator: the register's tables are made as the pages fill
        yield para(_summary(record, report), "body")
        yield note("How the comments were received and handled: counts, the adoption rate and every comment with "
                   "its disposition and reason below (R-B4, R-B5).")
        if report:
            data, counts = report["data"], report["data"].get("counts") or {}
            rate = data.get("adoption_rate")
            yield from form([("意见总数", "Comments", data.get("total")),
                             *[(zh, en, counts.get(key, 0)) for key, zh, en in COUNT_WORDS],
                             ("采纳率", "Adoption rate", f"{rate:.1%}" if isinstance(rate, float) else "—"),
                             ("报告人", "Reported by", People(record).called(report.get("actor")))])
        yield from comment_charts.comment_figures(record)
        yield heading("公众意见登记", "Register of public comments and their handling")
        yield note("每条意见一行，逾期意见亦逐条处理；处理结果及理由见右侧，采纳情况报告形成后收到的意见未列入（R-B3、R-B4）。"
                   "/ One row per comment with its disposition and reason, late ones too; a comment received "
                   "after the adoption report is not in it (R-B3, R-B4).")
        yield from bulk.comment_tables(record)
    return body


def _hearing(record: Record, responsible: str) -> list[Document]:
    announced = last_of(record, "hearing_announced")
    if announced is None:
        return []
    docs = [Document("hearing-notice", "听证会公告 Notice of the hearing", responsible, date_of(announced),
                     _hearing_notice(record, announced), remarks=removed(announced))]
    drawn = last_of(record, "hearing_seats_drawn")
    if drawn or entries_of(record, "hearing_signup_received"):
        docs.append(Document("hearing-signup", "听证会公开报名及参加人产生记录 Public sign-up and the seats drawn",
                             responsible, date_of(drawn), _signup(record, drawn)))
    docs.append(Document("hearing-participants", "听证参加人名单 Participants of the hearing", responsible,
                         date_of(announced), _participants(record, announced), remarks=removed(announced)))
    if held := last_of(record, "hearing_held"):
        signed = entries_of(record, "hearing_record_signed")
        remarks = "；".join(part for part in (
            f"{sum(bool(e['data'].get('confirmed')) for e in signed)}/{len(signed)} 人确认 confirmed",
            removed(held, *signed)) if part)
        docs.append(Document("hearing-record", "听证笔录 Record of the hearing", responsible, date_of(held),
                             _hearing_record(record, held), remarks=remarks))
    return docs


def documents(record: Record) -> list[Document]:
    spec = spec_of(record)
    responsible = str(spec.get("sponsor_unit") or spec.get("decision_body") or "")
    docs = [Document(f"notice-{n}", "征求意见公告 Notice of public consultation", responsible, date_of(entry),
                     _notice(record, entry)) for n, entry in enumerate(entries_of(record, "notice_published"), 1)]
    docs += [Document(f"channel-{n}", f"{entry['data'].get('title') or '公众参与记录'} "
                      f"（{entry['data'].get('label') or words(entry['data'].get('channel'))}）", responsible,
                      date_of(entry), _channel(record, entry))
             for n, entry in enumerate(entries_of(record, "channel_recorded"), 1)]
    docs += _hearing(record, responsible)
    reports = [e for e in entries_of(record, "adoption_report") if e.get("stage") == "public_participation"]
    if reports or bulk.comment_count(record):
        report = reports[-1] if reports else None
        docs.append(Document("adoption-report", "公众意见采纳情况说明 Report on the public comments and their adoption",
                             responsible, date_of(report), _adoption(record, report),
                             remarks="；".join(part for part in (
                                 "" if report else "报告尚未形成 no report yet",
                                 removed(*entries_of(record, bulk.RECEIVED))) if part)))
    return docs
