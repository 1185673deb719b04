"""Where the record in words once misread: an English article before a vowel or a channel nobody
named, a single count in the plural, and a notice closing at a moment that is not midnight."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_phrases as said
from juece.domain.archive.timeline_words import People


def words(phrase: Any, data: dict[str, Any]) -> tuple[str, str]:
    return phrase(data, {"actor": "sponsor_office", "stage": "public_participation"}, People())  # type: ignore[no-any-return]


def test_a_channel_starting_with_a_vowel_takes_an_and_one_nobody_named_reads_another_channel() -> None:
    assert words(said.channel_recorded, {"channel": "poll"}) == (
        "承办单位记录民意调查", "The sponsor office recorded an opinion poll")
    assert words(said.channel_recorded, {"channel": "online_forum"}) == (
        "承办单位记录online forum", "The sponsor office recorded an online forum")
    assert words(said.channel_recorded, {"channel": "Expo_visit"}) == (
        "承办单位记录Expo visit", "The sponsor office recorded an Expo visit")
    for code, shown in (("assembly", "an assembly"), ("interview", "an interview"), ("unannounced_visit", "an unannounced visit")):
        assert words(said.channel_recorded, {"channel": code})[1] == f"The sponsor office recorded {shown}"
    assert words(said.channel_recorded, {}) == (
        "承办单位记录其他参与渠道", "The sponsor office recorded another channel of participation")
    assert words(said.channel_recorded, {"channel": "town_hall"}) == (
        "承办单位记录town hall", "The sponsor office recorded a town hall")


def test_personal_data_erased_puts_a_single_count_in_the_singular() -> None:
    assert words(said.personal_data_erased, {"names": 1, "contacts": 1, "clients": 1}) == (
        "删除公众意见提交人的个人信息：姓名1条、联系方式1条、客户端标识1条",
        "Personal data of commenters erased: 1 name, 1 contact, 1 client mark")
    assert words(said.personal_data_erased, {"names": 2, "contacts": 0, "clients": 3}) == (
        "删除公众意见提交人的个人信息：姓名2条、联系方式0条、客户端标识3条",
        "Personal data of commenters erased: 2 names, 0 contacts, 3 client marks")


def test_a_notice_closing_at_a_moment_other_than_midnight_gives_that_moment_and_no_24_00() -> None:
    assert words(said.notice_published, {"closes_at": "2027-03-31T10:00:00Z"}) == (
        "发布征求意见公告，至2027-03-31 18:00止", "Published the notice for public comment, until 2027-03-31 18:00")
    assert words(said.notice_published, {"deadline": "next spring"}) == (
        "发布征求意见公告，至next spring止", "Published the notice for public comment, until next spring")
