"""The record in words of a hearing and of the commenters' personal data: the exact sentence in
Chinese and English for the announcement, the materials, the hearing, the record signed or
disputed, a public sign-up, the seats drawn and personal data erased."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_phrases as said
from juece.domain.archive.timeline_words import People

HEARD = People(names={"hp_1": "张三"})


def words(phrase: Any, data: dict[str, Any], actor: str = "sponsor_office") -> tuple[str, str]:
    return phrase(data, {"actor": actor, "stage": "public_participation"}, HEARD)  # type: ignore[no-any-return]


def test_a_hearing_announced_gives_its_time_in_china_time_its_place_participants_and_materials_day() -> None:
    data = {"time": "2027-04-10T01:30:00Z", "place": "区政府三楼会议室", "participants": ["a", "b", "c"],
            "materials_due": "2027-04-01"}
    assert words(said.hearing_announced, data) == (
        "发布听证会公告：定于2027-04-10 09:30在区政府三楼会议室举行，听证参加人3名，听证材料于2027-04-01 24:00前送达",
        "The hearing was announced: on 2027-04-10 09:30 at 区政府三楼会议室, 3 participants; "
        "materials reach them by 24:00 on 2027-04-01")


def test_a_hearing_announced_with_parts_missing_says_what_it_has() -> None:
    assert words(said.hearing_announced, {}) == ("发布听证会公告", "The hearing was announced")
    assert words(said.hearing_announced, {"time": "2027-04-10", "participants": 1}) == (
        "发布听证会公告：定于2027-04-10举行，听证参加人1名", "The hearing was announced: on 2027-04-10, 1 participant")
    assert words(said.hearing_announced, {"place": "地" * 41}) == (
        f"发布听证会公告：在{'地' * 39}…举行", f"The hearing was announced: at {'地' * 39}…")


def test_hearing_materials_say_to_how_many_and_how_many_days_before() -> None:
    assert words(said.hearing_materials_issued, {"to": ["a", "b"], "days_before": 10}) == (
        "向听证参加人2名分发听证材料（听证会前10日）", "Hearing materials issued to 2 participants (10 days before the hearing)")
    assert words(said.hearing_materials_issued, {"to": 1}) == (
        "向听证参加人1名分发听证材料", "Hearing materials issued to 1 participant")
    assert words(said.hearing_materials_issued, {"days_before": "10"}) == ("分发听证材料", "Hearing materials issued")


def test_a_hearing_held_lists_the_sides_heard() -> None:
    assert words(said.hearing_held, {"sides_heard": ["支持方", "", None, "反" * 21]}) == (
        f"举行听证会，听取了支持方、{'反' * 19}…的意见", f"The hearing was held; heard: 支持方, {'反' * 19}…")
    assert words(said.hearing_held, {"sides_heard": "支持方"}) == ("举行听证会", "The hearing was held")


def test_a_hearing_record_confirmed_or_disputed_names_the_participant() -> None:
    assert words(said.hearing_record_signed, {"participant": "hp_1"}) == (
        "听证参加人 张三确认听证笔录并签名", "Hearing participant 张三 confirmed and signed the hearing record")
    assert words(said.hearing_record_signed, {"participant": "hp_1", "confirmed": False, "remarks": "发言记录不全。"}) == (
        "听证参加人 张三对听证笔录提出异议；异议：发言记录不全", "Hearing participant 张三 disputed the hearing record; objection: 发言记录不全")
    assert words(said.hearing_record_signed, {"confirmed": False}, actor="hp_1") == (
        "听证参加人 张三对听证笔录提出异议", "Hearing participant 张三 disputed the hearing record")


def test_a_hearing_record_signed_without_a_participant_names_the_actor_by_user_id() -> None:
    assert words(said.hearing_record_signed, {"confirmed": None}, actor="hearing_participant_2") == (
        "听证参加人 hearing participant 2 确认听证笔录并签名",
        "Hearing participant hearing participant 2 confirmed and signed the hearing record")


def test_a_public_sign_up_gives_its_receipt_and_side() -> None:
    assert words(said.hearing_signup_received, {"receipt": "H-001", "side": "支持方"}) == (
        "收到听证会公开报名，回执号H-001（代表支持方）", "A public sign-up for the hearing was received, receipt H-001 (side: 支持方)")
    assert words(said.hearing_signup_received, {"receipt": "H" * 21, "side": "方" * 21}) == (
        f"收到听证会公开报名，回执号{'H' * 19}…（代表{'方' * 19}…）",
        f"A public sign-up for the hearing was received, receipt {'H' * 19}… (side: {'方' * 19}…)")
    assert words(said.hearing_signup_received, {}) == ("收到听证会公开报名", "A public sign-up for the hearing was received")


def test_seats_drawn_by_lottery_name_the_pool_the_method_and_the_receipts_chosen() -> None:
    data = {"method": "lottery", "selected": [{"receipt": "H-001"}, {"receipt": "H" * 21}, "bad"], "candidates": 5}
    assert words(said.hearing_seats_drawn, data) == (
        f"从5份公开报名中公开抽签确定听证参加人2名：H-001、{'H' * 19}…",
        f"2 public seats of the hearing filled by seeded lottery from 5 sign-ups: H-001, {'H' * 19}…")


def test_seats_drawn_by_order_or_from_nothing_still_count() -> None:
    assert words(said.hearing_seats_drawn, {"method": "order", "selected": [{"receipt": "H-1"}], "candidates": ["x"]}) == (
        "从1份公开报名中按报名先后确定听证参加人1名：H-1", "1 public seat of the hearing filled by order of sign-up from 1 sign-up: H-1")
    assert words(said.hearing_seats_drawn, {}) == (
        "从0份公开报名中按报名先后确定听证参加人0名", "0 public seats of the hearing filled by order of sign-up from 0 sign-ups")


def test_personal_data_erased_counts_names_contacts_and_client_marks_and_gives_the_day() -> None:
    data = {"names": 3, "contacts": 2, "clients": 4, "before": "2027-03-31T16:00:00Z"}
    assert words(said.personal_data_erased, data) == (
        "删除公众意见提交人的个人信息：姓名3条、联系方式2条、客户端标识4条（2027-04-01前提交的意见）",
        "Personal data of commenters erased: 3 names, 2 contacts, 4 client marks (comments given before 2027-04-01)")
    assert words(said.personal_data_erased, {"names": "3"}) == (
        "删除公众意见提交人的个人信息：姓名0条、联系方式0条、客户端标识0条", "Personal data of commenters erased: 0 names, 0 contacts, 0 client marks")
