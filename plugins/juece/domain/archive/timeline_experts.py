"""The record in words, kind by kind: the expert review (R-C1..R-C6), from the panel draw to the
disposition of each signed opinion. Experts are named with their seat."""

from __future__ import annotations

from juece.domain.archive.timeline_words import (
    MESSAGE_LIMIT,
    Data,
    People,
    Phrase,
    as_dict,
    as_list,
    clause,
    closing,
    count,
    disposition,
    names_of,
    number,
    plural,
    seat_words,
    short,
    words,
)
from juece.domain.record.entries import Entry
from juece.domain.record.kinds import Kind


def _expert(d: Data, p: People, key: str = "expert", seat: str = "seat") -> tuple[str, str]:
    return p.expert(d.get(key), d.get(seat))


def opinion_submitted(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    value_zh, value_en = words(d.get("conclusion"))
    zh, en = f"专家 {who_zh}提交论证意见", f"Expert {who_en} submitted an opinion"
    if value_zh:
        zh, en = f"{zh}：{value_zh}", f"{en}: {value_en}"
    more_zh, more_en = clause(short(d.get("conditions")), "所附条件", "conditions")
    return zh + more_zh, en + more_en


def panel_drawn(d: Data, e: Entry, p: People) -> tuple[str, str]:
    seats = [s for s in as_list(d.get("seats")) if isinstance(s, dict)]
    pool = count(d.get("pool")) or number(d.get("pool_size"))
    zh = f"从专家库{pool}名专家中按规则随机抽取论证专家" if pool else "按规则随机抽取论证专家"
    en = f"Experts drawn by rule at random from the library of {pool}" if pool else "Experts drawn by rule at random"
    drawn: dict[str, str] = {str(m["user"]): str(m["name"]) for m in as_list(d.get("pool")) + as_list(d.get("panel"))
                             if isinstance(m, dict) and isinstance(m.get("user"), str) and isinstance(m.get("name"), str)}
    named = People(p.roles, {**drawn, **p.names}, p.seats)  # the draw's own names, the caller's first
    if seats:
        listed = [(seat_words(s.get("seat")), named.name(s.get("user"))) for s in seats]
        zh += f"{len(seats)}名：" + "、".join(f"{seat[0]} {name}".strip() for seat, name in listed)
        en += f": {plural(str(len(seats)), 'seat')}, " + ", ".join(f"{seat[1]} {name}".strip() for seat, name in listed)
    barred = len(as_dict(d.get("excluded"))) or sum(
        v for v in as_dict(d.get("excluded_count")).values() if isinstance(v, int) and not isinstance(v, bool))
    if barred:
        zh, en = f"{zh}（依规排除{barred}名）", f"{en} ({barred} barred by rule)"
    return zh, en


def opinion_requested(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    zh, en = f"请专家 {who_zh}提出论证意见", f"Expert {who_en} asked for an opinion"
    if due := closing(d.get("due_at")):
        zh, en = f"请专家 {who_zh}于{due}前提出论证意见", f"{en}, due by {due}"
    if days := number(d.get("response_days")):
        zh, en = f"{zh}（答复期限{days}日）", f"{en} ({days} days to answer)"
    return zh, en


def reminder_sent(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    due = closing(d.get("due_at"))
    return (f"提醒专家 {who_zh}" + (f"于{due}前答复" if due else "按期答复"),
            f"Reminded expert {who_en} to answer" + (f" by {due}" if due else " in time"))


def conflict_declared(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    more_zh, more_en = clause(short(d.get("statement")), "说明", "statement")
    return (f"专家 {who_zh}申报与本事项有利害关系并回避{more_zh}",
            f"Expert {who_en} declared a conflict of interest and withdrew{more_en}")


def expert_replaced(d: Data, e: Entry, p: People) -> tuple[str, str]:
    new_zh, new_en = _expert(d, p)
    old_zh, old_en = _expert(d, p, "replaces", "vacated_seat")
    why_zh, why_en = words(d.get("reason"))
    zh, en = f"递补专家 {new_zh}", f"Replacement expert {new_en} drawn"
    if d.get("replaces") or d.get("vacated_seat"):
        zh, en = f"{zh}，接替 {old_zh}", f"{en} in place of {old_en}"
    if why_zh:
        zh, en = f"{zh}，原因：{why_zh}", f"{en}; reason: {why_en}"
    return zh, en


def expert_non_responding(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    due = closing(d.get("due_at"))
    return (f"专家 {who_zh}逾期未提出论证意见" + (f"（期限{due}）" if due else ""),
            f"Expert {who_en} did not give an opinion" + (f" by {due}" if due else " in time"))


def panel_shortfall(d: Data, e: Entry, p: People) -> tuple[str, str]:
    seat_zh, seat_en = seat_words(d.get("vacated_seat"))
    zh = f"{seat_zh or '席位'}空缺，无法递补专家"
    en = f"{seat_en.capitalize() or 'A seat'} fell vacant and no expert could be drawn to replace"
    note_zh, note_en = clause(short(d.get("zh"), MESSAGE_LIMIT), "说明", "why")
    zh, en = zh + note_zh, en + (f": {short(d.get('en'), MESSAGE_LIMIT)}" if d.get("en") else "")
    active, quorum = number(d.get("active")), number(d.get("quorum"))
    if active and quorum:
        met = d.get("quorum_met")
        zh += f"；在任专家{active}名，法定人数{quorum}名（{'已达到' if met else '未达到'}）"
        en += f"; {active} experts remain, quorum {quorum} ({'met' if met else 'not met'})"
    return zh, en


def opinion_signed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = _expert(d, p)
    key = short(d.get("key_fingerprint"), 20)
    how = " ".join(filter(None, [short(d.get("algorithm"), 12), key and f"公钥指纹 {key}"]))
    how_en = " ".join(filter(None, [short(d.get("algorithm"), 12), key and f"key {key}"]))
    return (f"专家 {who_zh}对论证意见签名确认" + (f"（{how}）" if how else ""),
            f"Expert {who_en} signed the opinion" + (f" ({how_en})" if how_en else ""))


def panel_closed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    signed, quorum = count(d.get("signed")), number(d.get("quorum"))
    zh, en = "专家论证结束", "The expert review closed"
    if signed:
        zh, en = f"{zh}：签名意见{signed}份", f"{en}: {plural(signed, 'signed opinion')}"
    if quorum:
        met = d.get("quorum_met")
        zh += f"，法定人数{quorum}份（{'已达到' if met else '未达到'}）"
        en += f", quorum {quorum} ({'met' if met else 'not met'})"
    for key, label_zh, label_en in (("withdrawn", "回避", "withdrew"), ("non_responding", "逾期未答复", "did not respond")):
        if gone := as_list(d.get(key)):
            zh += f"；{label_zh}{len(gone)}名（{names_of(gone, p)}）"
            en += f"; {len(gone)} {label_en} ({names_of(gone, p).replace('、', ', ')})"
    return zh, en


def opinion_disposed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who_zh, who_en = p.expert(d.get("ref") or d.get("expert"), d.get("seat"))
    value_zh, value_en, reason_zh, reason_en = disposition(d)
    return (f"专家 {who_zh}的论证意见处理结果：{value_zh}{reason_zh}",
            f"Opinion of expert {who_en} disposed of: {value_en}{reason_en}")


PHRASES: dict[str, Phrase] = {
    Kind.OPINION_SUBMITTED: opinion_submitted,
    Kind.PANEL_DRAWN: panel_drawn,
    Kind.OPINION_REQUESTED: opinion_requested,
    Kind.REMINDER_SENT: reminder_sent,
    Kind.CONFLICT_DECLARED: conflict_declared,
    Kind.EXPERT_REPLACED: expert_replaced,
    Kind.EXPERT_NON_RESPONDING: expert_non_responding,
    Kind.PANEL_SHORTFALL: panel_shortfall,
    Kind.OPINION_SIGNED: opinion_signed,
    Kind.PANEL_CLOSED: panel_closed,
    Kind.OPINION_DISPOSED: opinion_disposed,
}
