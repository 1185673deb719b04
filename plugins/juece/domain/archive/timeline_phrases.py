"""The record in words, kind by kind: the launch and public participation (notice, comments and
their dispositions, other channels, hearings). Each phrase reads an entry's data, anything in it
possibly missing, and says what was done, Chinese and English (timeline.py puts them together)."""

from __future__ import annotations

import re

from juece.domain.archive.timeline_words import (
    Data,
    People,
    Phrase,
    article,
    as_dict,
    as_list,
    clause,
    closing,
    count,
    day,
    disposition,
    moment,
    number,
    percent,
    plural,
    short,
    stage_words,
    words,
)
from juece.domain.participation.channels import CHANNELS
from juece.domain.record.entries import Entry
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import CATEGORY_LABELS
from juece.domain.stages import Stage

TITLE_LIMIT = 100
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

def launched(d: Data, e: Entry, p: People) -> tuple[str, str]:
    spec = as_dict(d.get("spec"))
    title = short(spec.get("title"), TITLE_LIMIT)
    title_en = short(spec.get("title_en"), TITLE_LIMIT) or title
    cat_zh, cat_en = words(spec.get("category"), CATEGORY_LABELS)
    unit = short(spec.get("sponsor_unit"), 30)
    zh = f"承办单位{f'（{unit}）' if unit else ''}启动决策" + (f"“{title}”" if title else "")
    en = "The sponsor office launched the decision" + (f" “{title_en}”" if title_en else "")
    if cat_zh:
        zh, en = f"{zh}（{cat_zh}）", f"{en} ({cat_en})"
    if amends := short(spec.get("amends"), 70):
        zh, en = f"{zh}，调整决策 {amends}", f"{en}, amending decision {amends}"
    scale = d.get("clock_scale")
    if isinstance(scale, int | float) and not isinstance(scale, bool) and scale > 1:
        zh, en = f"{zh}；演示时钟加速{scale:g}倍", f"{en}; the demonstration clock runs {scale:g} times faster"
    return zh, en


def workflow_started(d: Data, e: Entry, p: People) -> tuple[str, str]:
    return "决策流程在 Airflow 中启动", "The decision's workflow started in Airflow"


def not_applicable(d: Data, e: Entry, p: People) -> tuple[str, str]:
    stage_zh, stage_en = stage_words(e["stage"])
    zh, en = f"{stage_zh}环节不适用", f"{stage_en} does not apply"
    if d.get("article"):
        art_zh, art_en = article(d.get("article"))
        zh, en = f"{zh}（{art_zh}）", f"{en} ({art_en})"
    why_zh, why_en = clause(short(d.get("reason")), "理由", "reason")
    return zh + why_zh, en + why_en


def notice_published(d: Data, e: Entry, p: People) -> tuple[str, str]:
    version, days = number(d.get("draft_version")), number(d.get("period_days"))
    until = day(d.get("last_day")) or closing(d.get("closes_at")) or day(d.get("deadline"))
    until = f"{until} 24:00" if _DAY.fullmatch(until) else until  # a last day ends at 24:00; a moment is as it is
    zh = "发布征求意见公告" + (f"（草案第{version}稿）" if version else "")
    en = "Published the notice for public comment" + (f" (draft version {version})" if version else "")
    if days:
        zh, en = f"{zh}，征求意见{days}日", f"{en}: {days} days for comments"
    if until:
        zh, en = f"{zh}，至{until}止", f"{en}, until {until}"
    urgent_zh, urgent_en = clause(short(d.get("urgency_reason")), "期限少于30日的理由", "why fewer than 30 days")
    zh, en = zh + urgent_zh, en + urgent_en
    if d.get("hearing"):
        zh, en = f"{zh}；另将举行听证会", f"{en}; a hearing will also be held"
    return zh, en


def comment_received(d: Data, e: Entry, p: People) -> tuple[str, str]:
    receipt = short(d.get("receipt"), 20)
    notes_zh, notes_en = [], []
    if d.get("channel"):
        via_zh, via_en = words(d.get("channel"))
        notes_zh.append(f"经{via_zh}")
        notes_en.append(f"through {via_en}")
    if paragraph := number(d.get("paragraph")):
        notes_zh.append(f"针对第{paragraph}段")
        notes_en.append(f"on paragraph {paragraph}")
    if d.get("late"):
        notes_zh.append("逾期提交，予以保留并标注")
        notes_en.append("late: kept and marked late")
    ref = f" {receipt}" if receipt else ""
    zh = f"收到公众意见{ref}" + (f"（{'，'.join(notes_zh)}）" if notes_zh else "")
    en = f"Comment{ref} received" + (f" ({', '.join(notes_en)})" if notes_en else "")
    if text := short(d.get("text")):
        zh, en = f"{zh}：“{text}”", f"{en}: “{text}”"
    return zh, en


def comments_closed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    total = count(d.get("count")) or (str(len(d.get("on_time") or []) + len(d.get("late") or []))
                                      if isinstance(d.get("on_time"), list) else "")
    late = count(d.get("late")) if isinstance(d.get("late"), list) else ""
    zh, en = "征求意见期满", "The comment period closed"
    if total:
        zh, en = f"{zh}，共收到公众意见{total}条", f"{en}: {plural(total, 'comment')} received"
    if late and late != "0":
        zh, en = f"{zh}（其中逾期{late}条）", f"{en} ({late} of them late)"
    return zh, en


def comment_disposed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    ref = short(d.get("ref") or d.get("receipt"), 20)
    value_zh, value_en, reason_zh, reason_en = disposition(d)
    return (f"公众意见{f' {ref} ' if ref else ''}的处理结果：{value_zh}{reason_zh}",
            f"Comment{f' {ref}' if ref else ''} disposed of: {value_en}{reason_en}")


def adoption_report(d: Data, e: Entry, p: People) -> tuple[str, str]:
    experts = e["stage"] == Stage.EXPERT_REVIEW
    what_zh, what_en, unit = ("专家论证意见", "the expert opinions", "份") if experts else ("公众意见", "the public comments", "条")
    zh, en = f"形成{what_zh}采纳情况报告", f"Adoption report on {what_en}"
    counts = as_dict(d.get("counts"))
    shown = [(number(counts.get(code)) or "0", *words(code)) for code in ("adopted", "partly_adopted", "not_adopted")]
    if total := number(d.get("total")):
        zh += f"：共{total}{unit}，" + "、".join(f"{label}{n}{unit}" for n, label, _ in shown)
        en += f": {total} in all, " + ", ".join(f"{n} {label}" for n, _, label in shown)
    if rate := percent(d.get("adoption_rate")):
        zh, en = f"{zh}（采纳率{rate}%）", f"{en} ({rate}% adopted in whole or in part)"
    return zh, en


def channel_recorded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    what_zh, what_en = words(d.get("channel"), CHANNELS)
    what_zh, what_en = what_zh or "其他参与渠道", what_en or "another channel of participation"
    title = short(d.get("title"), 40)
    zh = f"承办单位记录{what_zh}" + (f"“{title}”" if title else "")
    en = f"The sponsor office recorded {_a(what_en)}" + (f" “{title}”" if title else "")
    notes_zh = [x for x in (day(d.get("held_on")), (f"{number(d.get('participants'))}人参加"
                                                   if number(d.get("participants")) else "")) if x]
    notes_en = [x for x in (day(d.get("held_on")), (f"{number(d.get('participants'))} taking part"
                                                   if number(d.get("participants")) else "")) if x]
    if notes_zh:
        zh, en = f"{zh}（{'，'.join(notes_zh)}）", f"{en} ({', '.join(notes_en)})"
    if summary := short(d.get("summary")):
        zh, en = f"{zh}：{summary}", f"{en}: {summary}"
    return zh, en


def _a(what: str) -> str:
    """'a symposium', 'an opinion poll', 'another channel of participation'."""
    if what.startswith("another "):
        return what
    return f"{'an' if what[:1].lower() in ('a', 'e', 'i', 'o', 'u') else 'a'} {what}"


def hearing_announced(d: Data, e: Entry, p: People) -> tuple[str, str]:
    when, place = moment(d.get("time")), short(d.get("place"), 40)
    zh, en = "发布听证会公告", "The hearing was announced"
    if when or place:
        zh += "：" + "".join(filter(None, [when and f"定于{when}", place and f"在{place}"])) + "举行"
        en += ": " + " ".join(filter(None, [when and f"on {when}", place and f"at {place}"]))
    if n := count(d.get("participants")):
        zh, en = f"{zh}，听证参加人{n}名", f"{en}, {plural(n, 'participant')}"
    if due := day(d.get("materials_due")):
        zh, en = f"{zh}，听证材料于{due} 24:00前送达", f"{en}; materials reach them by 24:00 on {due}"
    return zh, en


def hearing_materials_issued(d: Data, e: Entry, p: People) -> tuple[str, str]:
    n, before = count(d.get("to")), number(d.get("days_before"))
    zh = f"向听证参加人{n}名分发听证材料" if n else "分发听证材料"
    en = f"Hearing materials issued to {plural(n, 'participant')}" if n else "Hearing materials issued"
    if before:
        zh, en = f"{zh}（听证会前{before}日）", f"{en} ({before} days before the hearing)"
    return zh, en


def hearing_held(d: Data, e: Entry, p: People) -> tuple[str, str]:
    sides = [short(s, 20) for s in as_list(d.get("sides_heard")) if s]
    return (f"举行听证会，听取了{'、'.join(sides)}的意见" if sides else "举行听证会",
            f"The hearing was held; heard: {', '.join(sides)}" if sides else "The hearing was held")


def hearing_record_signed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who, who_zh = p.name(d.get("participant") or e["actor"]), p.zh(d.get("participant") or e["actor"])
    if d.get("confirmed") is False:
        more_zh, more_en = clause(short(d.get("remarks")), "异议", "objection")
        return (f"听证参加人 {who_zh}对听证笔录提出异议{more_zh}",
                f"Hearing participant {who} disputed the hearing record{more_en}")
    return f"听证参加人 {who_zh}确认听证笔录并签名", f"Hearing participant {who} confirmed and signed the hearing record"


def hearing_signup_received(d: Data, e: Entry, p: People) -> tuple[str, str]:
    receipt, side = short(d.get("receipt"), 20), short(d.get("side"), 20)
    zh, en = "收到听证会公开报名", "A public sign-up for the hearing was received"
    if receipt:
        zh, en = f"{zh}，回执号{receipt}", f"{en}, receipt {receipt}"
    if side:
        zh, en = f"{zh}（代表{side}）", f"{en} (side: {side})"
    return zh, en


def hearing_seats_drawn(d: Data, e: Entry, p: People) -> tuple[str, str]:
    method = "公开抽签" if d.get("method") == "lottery" else "按报名先后"
    method_en = "by seeded lottery" if d.get("method") == "lottery" else "by order of sign-up"
    chosen = [short(s.get("receipt"), 20) for s in as_list(d.get("selected")) if isinstance(s, dict)]
    n, pool = str(len(chosen)), count(d.get("candidates")) or "0"
    zh = f"从{pool}份公开报名中{method}确定听证参加人{n}名"
    en = f"{plural(n, 'public seat')} of the hearing filled {method_en} from {plural(pool, 'sign-up')}"
    if chosen:
        zh, en = f"{zh}：{'、'.join(chosen)}", f"{en}: {', '.join(chosen)}"
    return zh, en


def personal_data_erased(d: Data, e: Entry, p: People) -> tuple[str, str]:
    counts = [(number(d.get(key)) or "0", zh, en) for key, zh, en in
              (("names", "姓名", "name"), ("contacts", "联系方式", "contact"), ("clients", "客户端标识", "client mark"))]
    zh = "删除公众意见提交人的个人信息：" + "、".join(f"{label}{n}条" for n, label, _ in counts)
    en = "Personal data of commenters erased: " + ", ".join(plural(n, label) for n, _, label in counts)
    if before := day(d.get("before")):
        zh, en = f"{zh}（{before}前提交的意见）", f"{en} (comments given before {before})"
    return zh, en


PHRASES: dict[str, Phrase] = {
    Kind.LAUNCHED: launched,
    Kind.WORKFLOW_STARTED: workflow_started,
    Kind.NOT_APPLICABLE: not_applicable,
    Kind.NOTICE_PUBLISHED: notice_published,
    Kind.COMMENT_RECEIVED: comment_received,
    Kind.COMMENTS_CLOSED: comments_closed,
    Kind.COMMENT_DISPOSED: comment_disposed,
    Kind.ADOPTION_REPORT: adoption_report,
    Kind.CHANNEL_RECORDED: channel_recorded,
    Kind.HEARING_ANNOUNCED: hearing_announced,
    Kind.HEARING_MATERIALS_ISSUED: hearing_materials_issued,
    Kind.HEARING_HELD: hearing_held,
    Kind.HEARING_RECORD_SIGNED: hearing_record_signed,
    Kind.HEARING_SIGNUP_RECEIVED: hearing_signup_received,
    Kind.HEARING_SEATS_DRAWN: hearing_seats_drawn,
    Kind.PERSONAL_DATA_ERASED: personal_data_erased,
}
