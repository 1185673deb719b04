"""Compliance of expert review and risk assessment (R-C1..R-C6, R-D1..R-D4): each rule checked for
what it requires, not for an entry of some kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from juece.domain.archive.compliance_facts import (
    NOT_USED,
    WITHHELD,
    Entry,
    Facts,
    Finding,
    data,
    items,
    listed,
    mapping,
    met,
    not_met,
    open_,
    problems,
    seq,
    text,
    withheld,
)
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import VALUE_LABELS

ER, RA = "expert_review", "risk_assessment"
ASSESSMENTS = ("necessity", "feasibility", "soundness")
DISPOSITIONS = ("adopted", "partly_adopted", "not_adopted")
LEVELS = {"high": "高", "medium": "中", "low": "低"}
DIMENSIONS = {code: VALUE_LABELS[code].split(" ", 1)[0]  # a risk point's dimension in Chinese
              for code in ("social_stability", "public_safety", "ecology", "public_finance", "other")}


def _draw(facts: Facts) -> tuple[Entry | None, dict[str, Any]]:
    entry = facts.last(Kind.PANEL_DRAWN, ER)
    return entry, data(entry)


def _seated(draw: dict[str, Any]) -> list[str]:
    return [str(s.get("user")) for s in items(draw.get("seats")) if isinstance(s, dict)]


def _replacements(facts: Facts) -> list[str]:
    return [str(data(e).get("expert")) for e in facts.all(Kind.EXPERT_REPLACED, ER)]


def r_c1(facts: Facts) -> Finding:
    submitted = facts.all(Kind.OPINION_SUBMITTED, ER)
    signed = {(str(data(e).get("expert")), str(data(e).get("digest"))) for e in facts.all(Kind.OPINION_SIGNED, ER)}
    closed = facts.last(Kind.PANEL_CLOSED, ER)
    incomplete = [str(data(e).get("expert")) for e in submitted
                  if not all(text(data(e).get(name)) for name in ASSESSMENTS)]
    unsigned = [str(data(e).get("expert")) for e in submitted
                if (str(data(e).get("expert")), str(data(e).get("digest"))) not in signed]
    if incomplete:
        return not_met(submitted[-1], f"意见缺少必要性、可行性或科学性论证：{listed(incomplete)}",
                       f"opinions lacking necessity, feasibility or soundness: {listed(incomplete, ', ')}")
    if closed is None:
        zh, en = f"专家论证进行中：已提交{len(submitted)}份意见", f"the review is under way: {len(submitted)} opinion(s) so far"
        return (not_met if unsigned and facts.last(Kind.MATERIALS_ISSUED) else open_)(submitted[-1] if submitted else None,
                                                                                  zh, en)
    if unsigned:
        return not_met(closed, f"意见未经专家签名：{listed(unsigned)}", f"opinions not signed by their expert: "
                       f"{listed(unsigned, ', ')}")
    if not submitted:
        return not_met(closed, "专家组结束，但没有专家意见", "the panel closed without an opinion")
    return met(closed, f"{len(submitted)}份意见均论证必要性、可行性、科学性，并由专家本人签名（{seq(closed)}；"
               "juece verify 逐一验证签名）", f"{len(submitted)} opinion(s), each on necessity, feasibility and "
               "soundness, signed by its expert (juece verify checks every signature)")


def r_c2(facts: Facts) -> Finding:
    entry, draw = _draw(facts)
    if entry is None:
        return open_(None, "尚未抽取专家", "no panel drawn yet")
    rules = mapping(draw.get("rules"))
    needed = [str(s) for s in items(rules.get("specialties"))]
    covered = {str(c) for s in items(draw.get("seats")) if isinstance(s, dict) for c in items(s.get("covers"))}
    uncovered = [s for s in needed if s not in covered]
    if uncovered or not needed:
        return not_met(entry, *problems(("未列明所需专业", "no specialty named", not needed),
                                        ("所需专业未覆盖", "specialties not covered", uncovered)))
    return met(entry, f"按所需专业（{listed(needed)}）从专家库随机抽取{len(_seated(draw))}人，专业全部覆盖；种子已记录，"
               "可重新抽取核对", f"{len(_seated(draw))} experts drawn at random covering every specialty needed "
               f"({listed(needed, ', ')}); the seed is recorded so the draw can be re-run")


def r_c3(facts: Facts) -> Finding:
    entry, draw = _draw(facts)
    if entry is None:
        return open_(None, "尚未抽取专家", "no panel drawn yet")
    rules = mapping(draw.get("rules"))
    interested = {str(user) for user in items(rules.get("interested"))}
    drawn_interested = [user for user in [*_seated(draw), *_replacements(facts)] if user in interested]
    withdrawn = {str(data(e).get("expert")) for e in facts.all(Kind.CONFLICT_DECLARED, ER)}
    submitted = facts.all(Kind.OPINION_SUBMITTED, ER)
    undeclared = [str(data(e).get("expert")) for e in submitted if data(e).get("no_conflict") is not True]
    after_conflict = [str(data(e).get("expert")) for e in submitted if str(data(e).get("expert")) in withdrawn]
    if drawn_interested or undeclared or after_conflict:
        return not_met(entry, *problems(("利害关系人被抽取", "interested parties drawn", drawn_interested),
                                        ("未声明无利害关系", "no declaration of interest", undeclared),
                                        ("申报回避后仍提交意见", "opinions after a declared conflict", after_conflict)))
    proof = submitted[-1] if submitted else entry
    return met(proof, f"抽取时排除利害关系人及担任其他角色者{len(interested)}人；{len(submitted)}份意见均声明无利害关系；"
               f"{len(withdrawn)}人申报利害关系并回避", f"{len(interested)} interested parties and holders of other roles excluded from the draw; "
               f"{len(submitted)} opinion(s) each declared free of interest; {len(withdrawn)} expert(s) declared a "
               "conflict and withdrew")


def r_c4(facts: Facts) -> Finding:
    entry, draw = _draw(facts)
    if entry is None:
        return Finding(NOT_USED, "未从专家库抽取专家", "no panel was drawn from the expert library")
    if withheld(entry, "data.pool"):
        return Finding(WITHHELD, f"专家库候选名单不载于公开版（仅存其哈希）；{len(_seated(draw))}名专家是否选自专家库、"
                       "有无已除名者，以完整版核对", "the candidate pool is not in the public edition (only its hash): "
                       "check in the full edition that every expert came from the library and none was removed", entry)
    pool = {str(p.get("user")): p for p in items(draw.get("pool")) if isinstance(p, dict)}
    chosen = [*_seated(draw), *_replacements(facts)]
    strangers = [user for user in chosen if user not in pool]
    removed = [user for user in chosen if user in pool and pool[user].get("removed")]
    if strangers or removed:
        return not_met(entry, *problems(("不在专家库中", "not in the library", strangers),
                                        ("已除名", "removed from the library", removed)))
    barred = sum(bool(p.get("removed")) for p in pool.values())
    return met(entry, f"{len(chosen)}名专家均选自专家库（{len(pool)}人，其中已除名{barred}人均未选取）",
               f"all {len(chosen)} experts from the library of {len(pool)} ({barred} removed, none chosen)")


def r_c5(facts: Facts) -> Finding:
    entry, draw = _draw(facts)
    if entry is None:
        return open_(None, "尚未抽取专家", "no panel drawn yet")
    rules = mapping(draw.get("rules"))
    size, seated = rules.get("size"), _seated(draw)
    pool = {str(p.get("user")): p for p in items(draw.get("pool")) if isinstance(p, dict)}
    line = rules.get("line_department")
    officials = [u for u in seated if line and pool.get(u, {}).get("official_of") == line]
    if not isinstance(size, int) or size < 5 or size % 2 == 0 or len(seated) != size:
        return not_met(entry, f"专家组人数为{len(seated)}（规定{size}），须为不少于5的奇数",
                       f"a panel of {len(seated)} (size {size}): it must be odd and at least 5")
    if withheld(entry, "data.pool"):
        return Finding(WITHHELD, f"专家组{size}人（奇数，不少于5人）；主管部门公职人员人数以完整版核对（公开版不载专家库名单）",
                       f"a panel of {size} (odd, at least 5); the number of line-department officials is checked in "
                       "the full edition (the pool is not in the public edition)", entry)
    if len(officials) > size // 3:
        return not_met(entry, f"主管部门公职人员{len(officials)}人，超过三分之一", f"{len(officials)} officials of the "
                       "line department: more than a third")
    return met(entry, f"专家组{size}人（奇数，不少于5人）；主管部门公职人员{len(officials)}人，不超过三分之一",
               f"a panel of {size} (odd, at least 5); {len(officials)} official(s) of the line department, at most "
               "a third")


def r_c6(facts: Facts) -> Finding:
    signed = [str(data(e).get("expert")) for e in facts.all(Kind.OPINION_SIGNED, ER)]
    disposed = {str(data(e).get("ref")): data(e) for e in facts.all(Kind.OPINION_DISPOSED, ER)}
    report = facts.last(Kind.ADOPTION_REPORT, ER)
    missing = [ref for ref in signed if ref not in disposed]
    unexplained = [ref for ref in signed if ref in disposed and (disposed[ref].get("disposition") not in DISPOSITIONS
                   or not text(disposed[ref].get("reason")))]  # "an adoption disposition with reasons"
    pack = facts.last(Kind.MATERIALS_ISSUED)
    if unexplained:
        return not_met(report, f"采纳处理不合规或未说明理由：{listed(unexplained)}", f"dispositions invalid or without "
                       f"a reason: {listed(unexplained, ', ')}")
    if missing or report is None:
        why_zh = f"{len(missing)}份专家意见尚无采纳处理：{listed(missing)}" if missing else "尚无专家意见采纳情况说明"
        why_en = f"{len(missing)} opinion(s) without a disposition: {listed(missing, ', ')}" if missing else "no adoption report"
        return (not_met if pack else open_)(facts.last(Kind.PANEL_CLOSED, ER), why_zh, why_en)
    if pack is not None and data(pack).get("expert_adoption_report") != report.get("hash"):
        return not_met(pack, f"会议材料（{seq(pack)}）未附专家意见采纳情况", f"the meeting pack ({seq(pack)}) lacks the "
                       "expert adoption report")
    published = facts.last(Kind.PUBLISHED)
    where_zh = f"，送会议（{seq(pack)}）" if pack else ""
    where_en = f", went to the meeting ({seq(pack)})" if pack else ""
    if published:
        where_zh, where_en = f"{where_zh}并在公布时说明（{seq(published)}）", f"{where_en} and is explained in the " \
                                                                          f"announcement ({seq(published)})"
    closed = facts.last(Kind.PANEL_CLOSED, ER)
    return met(report, f"{len(signed)}份意见逐一作出采纳处理并说明理由（{seq(report)}）{where_zh}；专家组结束"
               f"（{seq(closed)}）前，门户不向其他专家开放意见", f"each of {len(signed)} opinion(s) disposed of with "
               f"reasons ({seq(report)}){where_en}; the portal kept opinions from other experts until the panel "
               f"closed ({seq(closed)})")


def r_d1(facts: Facts) -> Finding:
    rounds = facts.all(Kind.RISK_ASSESSED, RA)
    if not rounds:
        gate = facts.last_of(Kind.GATE_PASSED, Kind.GATE_CLOSED)
        return not_met(gate, "未作风险评估", "no risk assessment was made") if gate else open_()
    dimensions = sorted({str(p.get("dimension")) for p in _points(rounds[-1]) if p.get("dimension")})
    named = [DIMENSIONS.get(d, d) for d in dimensions]
    return met(rounds[0], f"风险评估{len(rounds)}轮；涉及：{listed(named) or '—'}", f"{len(rounds)} assessment "
               f"round(s); dimensions: {listed([d.replace('_', ' ') for d in dimensions], ', ') or '—'}")


def _points(entry: Entry | None) -> list[dict[str, Any]]:
    return [p for p in items(data(entry).get("points")) if isinstance(p, dict)]


def r_d2(facts: Facts) -> Finding:
    last = facts.last(Kind.RISK_ASSESSED, RA)
    if last is None:
        return open_()
    points, found = _points(last), data(last)
    bare = [str(p.get("id") or n) for n, p in enumerate(points, 1)
            if not text(p.get("description")) or not text(p.get("measure"))]
    departments = [d for d in items(found.get("departments_heard")) if text(d)]
    lacks = [name for name, ok in (("points", points), ("departments_heard", departments),
                                   ("response_plan", text(found.get("response_plan")))) if not ok]
    if lacks or bare:
        return not_met(last, *problems(("报告缺少", "the report lacks", lacks),
                                       ("风险点缺少描述或防范措施", "points without description or measure", bare)))
    return met(last, f"{len(points)}个风险点均有防范措施；处置预案；听取{listed(departments)}的意见",
               f"{len(points)} risk point(s), each with a measure; a response plan; {len(departments)} "
               "department(s) heard")


def r_d3(facts: Facts) -> Finding:
    last = facts.last(Kind.RISK_ASSESSED, RA)
    points = _points(last)
    if last is None or not points or any(str(p.get("level")) not in LEVELS for p in points):
        return Finding(NOT_USED, "风险点未按矩阵评定等级", "risk points not scored by the matrix")
    counts = Counter(str(p["level"]) for p in points)
    third = text(data(last).get("third_party"), 40)
    return met(last, "按可能性×影响评定：" + "、".join(f"{zh}{counts[level]}个" for level, zh in LEVELS.items())
               + (f"；第三方评估机构：{third}" if third else ""), "scored by likelihood × impact: "
               + ", ".join(f"{counts[level]} {level}" for level in LEVELS) + (f"; third party: {third}" if third else ""))


def r_d4(facts: Facts) -> Finding:
    rounds = facts.all(Kind.RISK_ASSESSED, RA)
    if not rounds:
        return open_()
    last, number = rounds[-1], len(rounds)
    unrevised = [seq(a) for a, b in zip(rounds, rounds[1:], strict=False)
                 if not data(a).get("controllable") and not facts.between(a, b, Kind.DRAFT_REVISED)]
    if unrevised:
        return not_met(last, f"风险不可控后未调整草案即重新评估：{', '.join(unrevised)}",
                       f"reassessed without a revised draft after an uncontrollable round: {', '.join(unrevised)}")
    if data(last).get("controllable") is True:
        before = number - 1
        zh = f"；此前{before}轮不可控，草案调整后重新评估" if before else ""
        en = f"; {before} earlier round(s) not controllable, reassessed after the draft was revised" if before else ""
        return met(last, f"第{number}轮评估：风险可控{zh}", f"round {number}: the risk is controllable{en}")
    points = listed(items(data(last).get("uncontrolled_points")), ", ")
    went_on = facts.after(last, Kind.MEETING_CONVENED)
    concluded = facts.last(Kind.RISK_CONCLUDED, RA)
    zh = f"第{number}轮评估：高风险点{points}无可接受的防控措施，风险不可控"
    en = f"round {number}: high points {points} lack an accepted mitigation; the risk is not controllable"
    if went_on:
        return not_met(went_on[0], f"{zh}，却提交了集体讨论（{seq(went_on[0])}）", f"{en}, yet the decision went to "
                       f"deliberation ({seq(went_on[0])})")
    if concluded is not None and data(concluded).get("rounds_exhausted"):
        zh, en = f"{zh}；评估轮次已用尽", f"{en}; the rounds ran out"
    return not_met(concluded or last, f"{zh}，未提交集体讨论", f"{en}; it did not go to deliberation")


def _stage_rule(stage: str, check: Callable[[Facts], Finding]) -> Callable[[Facts], Finding]:
    """A rule of a stage that may be marked not applicable (R-A2)."""
    def evaluate(facts: Facts) -> Finding:
        return facts.not_applicable(stage) or check(facts)
    return evaluate


EVALUATORS: dict[str, Callable[[Facts], Finding]] = {
    **{rule: _stage_rule(ER, check) for rule, check in
       (("R-C1", r_c1), ("R-C2", r_c2), ("R-C3", r_c3), ("R-C4", r_c4), ("R-C5", r_c5), ("R-C6", r_c6))},
    **{rule: _stage_rule(RA, check) for rule, check in
       (("R-D1", r_d1), ("R-D2", r_d2), ("R-D3", r_d3), ("R-D4", r_d4))},
}
