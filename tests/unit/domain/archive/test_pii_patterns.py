"""The one redactor of public text (R-H6), in the forms people really write personal data in
Chinese text: full-width digits, +86 and ＋86, spaces and dashes inside mobile numbers,
landlines with their area code in brackets, 15-digit identity numbers, e-mail with `＠`,
WeChat and QQ ids; and names and contacts that commenters gave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.domain.archive.pii import NAME_REMOVED, REMOVED, PublicText, remove_pii

CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.sampled_from("，。：；、（） ")
CJK = st.text(CHINESE, max_size=12)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def digits(n: int) -> st.SearchStrategy[str]:
    return st.from_regex(f"[0-9]{{{n}}}", fullmatch=True)


MOBILE = st.tuples(st.sampled_from("3456789"), digits(9)).map(lambda t: f"1{t[0]}{t[1]}")
PREFIX = st.sampled_from(["", "+86", "+86 ", "+86-", "＋86", "＋86 ", "0086 ", "86-"])
SPACED = st.tuples(MOBILE, st.sampled_from(["", " ", "-", "－"])).map(
    lambda t: f"{t[0][:3]}{t[1]}{t[0][3:7]}{t[1]}{t[0][7:]}")
MOBILES = st.tuples(PREFIX, SPACED, st.booleans()).map(
    lambda t: (t[0] + t[1]).translate(FULL_WIDTH) if t[2] else t[0] + t[1])
AREA = st.tuples(st.sampled_from(["10", "21", "451", "755", "871"]), st.sampled_from(["({})", "（{}）", "{}-", "{}"]))
LANDLINES = st.tuples(AREA, st.sampled_from(["", " ", "-"]), digits(4), digits(4)).map(
    lambda t: t[0][1].format("0" + t[0][0]) + f"{7 if t[1] == '' else 5}{t[2][1:]}{t[1]}{t[3]}")
ID_15 = st.tuples(st.sampled_from("123456789"), digits(14)).map("".join)
ID_18 = st.tuples(st.sampled_from("123456789"), digits(16), st.sampled_from("0123456789Xx")).map("".join)
IDS = st.tuples(st.one_of(ID_15, ID_18), st.booleans()).map(lambda t: t[0].translate(FULL_WIDTH) if t[1] else t[0])
MAILS = st.tuples(st.from_regex(r"[a-z][a-z0-9._]{0,12}", fullmatch=True), st.sampled_from("@＠"),
                  st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True), st.sampled_from(["cn", "com", "org.cn"])).map(
    lambda t: f"{t[0]}{t[1]}{t[2]}.{t[3]}")
WECHAT = st.tuples(st.sampled_from(["微信号：", "微信：", "微信 ", "微信号:", "WeChat: "]),
                   st.from_regex(r"(wxid_)?[a-z][a-z0-9_-]{5,14}", fullmatch=True)).map("".join)
QQ = st.tuples(st.sampled_from(["QQ：", "QQ号", "QQ: ", "qq "]),
               st.sampled_from("123456789"), digits(8)).map("".join)
SECRETS = st.one_of(MOBILES, LANDLINES, IDS, MAILS, WECHAT, QQ)


@settings(max_examples=500, deadline=None)
@given(CJK, SECRETS, CJK)
def test_every_written_form_of_contact_and_identity_data_in_chinese_text_is_removed(
        before: str, secret: str, after: str) -> None:
    kept, found = remove_pii(f"{before}{secret}{after}", REMOVED)
    digits_of = "".join(c for c in secret.translate(str.maketrans("０１２３４５６７８９", "0123456789")) if c.isdigit())
    assert REMOVED in kept and found
    assert secret not in kept
    assert len(digits_of) < 5 or digits_of[-5:] not in kept.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


@pytest.mark.parametrize(("text", "gone"), [
    ("请回电 ＋86 139 1234 5678，谢谢", "5678"),
    ("手机１３９１２３４５６７８", "５６７８"),
    ("电话(0451)57123456或0451-5712 3456", "3456"),
    ("老身份证号 110105491231002，已换新证", "1002"),
    ("邮箱 wang＠example.cn", "wang"),
    ("加我微信号：wxid_ab12cd34ef，或者QQ：12345678", "12345678"),
    ("加我微信号：wxid_ab12cd34ef，或者QQ：12345678", "wxid_"),
])
def test_the_forms_the_first_patterns_missed_are_removed(text: str, gone: str) -> None:
    kept, _ = remove_pii(text, REMOVED)
    assert gone not in kept, kept


def test_what_was_removed_is_named_in_both_languages() -> None:
    _, found = remove_pii("微信：zhao_hm_1988，QQ号 87654321，身份证 110105491231002", REMOVED)
    assert found == [("微信号", "WeChat id"), ("QQ号", "QQ number"), ("身份证号", "identity card number")]


def test_a_commenters_name_and_contact_are_removed_where_typed_and_nowhere_else() -> None:
    public = PublicText(names=["王小明", " "], contacts=["wx-wangxm", "123"])
    text = "采纳王小明的意见（联系方式 wx-wangxm），回执 C-000123，哈希 ab123cd。"
    assert public(text) == f"采纳{NAME_REMOVED}的意见（联系方式 {REMOVED}），回执 C-000123，哈希 ab123cd。"
    assert public(None) == ""


def test_a_name_inside_a_longer_latin_name_is_not_taken() -> None:
    assert PublicText(names=["Li"])("Lisa 与 Li 的意见") == f"Lisa 与 {NAME_REMOVED} 的意见"
