"""The record in words of the collective deliberation and the publication: the exact sentence in
Chinese and English for each kind of entry, members by name, counts and days, with and without
its optional parts."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_decision as said
from juece.domain.archive.timeline_words import People

PEOPLE = People(names={"member_1": "李委员", "secretary": "王记录", "member_2": "Zhang San"})


def words(phrase: Any, data: dict[str, Any], actor: str = "juece") -> tuple[str, str]:
    return phrase(data, {"actor": actor}, PEOPLE)  # type: ignore[no-any-return]


def test_a_meeting_convened_names_its_kind_who_came_and_who_was_absent_by_name() -> None:
    data = {"meeting_type": "plenary", "attendees": ["a"], "absentees": ["member_1", "member_2"]}
    assert words(said.meeting_convened, data) == (
        "召开全体会议：组成人员出席1名，缺席2名（李委员、Zhang San）",
        "Plenary meeting convened: 1 member present, 2 absent (李委员, Zhang San)")
    assert words(said.meeting_convened, {"attendees": ["a", "b"]}) == (
        "召开会议：组成人员出席2名", "The meeting convened: 2 members present")
    assert words(said.meeting_convened, {"absentees": ["member_2"]}) == (
        "召开会议，缺席1名（Zhang San）", "The meeting convened, 1 absent (Zhang San)")


def test_materials_issued_name_the_members_and_the_draft_version() -> None:
    assert words(said.materials_issued, {"members": 1, "draft_version": 2}) == (
        "向会议组成人员1名分发会议材料：草案第2稿、意见采纳情况、风险评估报告和合法性审查意见",
        "Meeting materials issued to 1 member: the draft (version 2), the adoption reports, the risk report and "
        "the legality opinion")
    assert words(said.materials_issued, {"members": ["a", "b"]}) == (
        "向会议组成人员2名分发会议材料：草案、意见采纳情况、风险评估报告和合法性审查意见",
        "Meeting materials issued to 2 members: the draft, the adoption reports, the risk report and the legality "
        "opinion")
    assert words(said.materials_issued, {}) == (
        "分发会议材料：草案、意见采纳情况、风险评估报告和合法性审查意见",
        "Meeting materials issued: the draft, the adoption reports, the risk report and the legality opinion")


def test_a_members_view_names_the_member_the_view_the_remarks_and_the_secretary_who_recorded_it() -> None:
    data = {"member": "member_1", "view": "agree", "remarks": "好。", "recorded_by": "secretary"}
    assert words(said.member_view, data) == (
        "组成人员 李委员发表意见：同意；发言：好（由会议记录人 王记录代为记录）",
        "Member 李委员 stated a view: agree; remarks: 好 (recorded by the secretary, 王记录)")


def test_a_disagreement_gives_reasons_and_a_view_recorded_by_the_member_names_no_secretary() -> None:
    data = {"member": "member_2", "view": "disagree", "remarks": "不好", "recorded_by": "member_2"}
    assert words(said.member_view, data, actor="secretary") == (
        "组成人员 Zhang San 发表意见：不同意；理由：不好", "Member Zhang San stated a view: disagree; reasons: 不好")


def test_a_view_without_a_member_is_the_actors_and_without_a_view_says_so() -> None:
    assert words(said.member_view, {}, actor="member_1") == (
        "组成人员 李委员发表意见：未载明", "Member 李委员 stated a view: not stated")


def test_the_heads_decision_says_where_it_departs_from_the_majority_and_why() -> None:
    data = {"outcome": "approve", "differs_from_majority": True, "majority": "reject", "reason": "因为。"}
    assert words(said.head_decision, data) == (
        "行政首长作出决定：通过（与多数意见“不予通过”不一致）；理由：因为",
        "The head of government decided: approve (the majority view was reject); reason: 因为")
    assert words(said.head_decision, {"outcome": "approve", "majority": "approve"}) == (
        "行政首长作出决定：通过", "The head of government decided: approve")
    assert words(said.head_decision, {}) == ("行政首长作出决定：未载明", "The head of government decided: not stated")


def test_the_minutes_count_those_present_each_view_and_the_decision() -> None:
    views = [{"view": "agree"}, {"view": "agree"}, {"view": "abstain"}, {"view": "disagree"}, "x"]
    assert words(said.minutes_recorded, {"attendees": 5, "views": views, "decision": "postpone"}) == (
        "形成会议纪要：出席5名，同意2名、不同意1名、弃权1名；决定：暂缓",
        "Minutes recorded: 5 present, 2 agree, 1 disagree, 1 abstain; decision: postpone")
    assert words(said.minutes_recorded, {"views": [{"view": "abstain"}]}) == (
        "形成会议纪要，同意0名、不同意0名、弃权1名", "Minutes recorded, 0 agree, 0 disagree, 1 abstain")
    assert words(said.minutes_recorded, {}) == ("形成会议纪要", "Minutes recorded")


def test_the_deliberations_conclusion_gives_the_outcome_and_what_follows() -> None:
    assert words(said.deliberation_concluded, {"outcome": "postpone", "zh": "暂缓", "en": "postponed"}) == (
        "会议决定为“暂缓”，后续：暂缓", "Outcome of the meeting: postpone; what follows: postponed")
    assert words(said.deliberation_concluded, {}) == ("会议决定为“未载明”", "Outcome of the meeting: not stated")
    zh, en = words(said.deliberation_concluded, {"zh": "后" * 130, "en": "f" * 130})
    assert zh == f"会议决定为“未载明”，后续：{'后' * 119}…"
    assert en == f"Outcome of the meeting: not stated; what follows: {'f' * 119}…"


def test_an_absent_member_is_named() -> None:
    assert words(said.member_absent, {"member": "member_2"}) == (
        "组成人员 Zhang San 缺席会议，未发表意见", "Member Zhang San was absent and stated no view")
    assert words(said.member_absent, {"member": "member_1"}) == (
        "组成人员 李委员缺席会议，未发表意见", "Member 李委员 was absent and stated no view")
