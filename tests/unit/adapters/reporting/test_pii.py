"""Personal data recognised by its form (R-H6), and never taken from a hash or a number of the
record: hex digests, base64 keys, receipt and archive numbers, decision ids, dates and sequence
numbers survive the public edition's redactor unchanged inside Chinese text; phone numbers,
identity numbers and e-mail addresses in Chinese text are removed."""

from __future__ import annotations

import base64
from datetime import UTC
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.adapters.reporting.editions import REMOVED, redact
from juece.domain.archive.number import archive_number
from juece.domain.archive.pii import remove_pii
from juece.domain.participation.comments import receipt_number
from tests.unit.adapters.reporting.reporting_records import DECISION, SPEC, make_entries

PERSONAL = {"C-000001": {"name": "王小明", "contact": "12345678"}}  # a contact as short as a QQ number
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.sampled_from("，。：；、（） ")
CJK = st.text(CHINESE, max_size=12)
SEPARATOR = st.text(CHINESE, min_size=1, max_size=12)  # two ids side by side would be one token
# Hex digests of 32, 40 and 64 characters: random, and made of runs of digits between letters,
# the shape that used to be taken for a telephone, mobile or identity number.
RUNS = st.lists(st.from_regex(r"[0-9]{1,18}", fullmatch=True) | st.from_regex(r"[a-f]{1,3}", fullmatch=True),
                min_size=1, max_size=16).map("".join)
HEX = st.one_of(
    st.sampled_from([16, 20, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n)).map(bytes.hex),
    st.tuples(RUNS, st.sampled_from([32, 40, 64])).map(lambda t: (t[0] + "e" * t[1])[:t[1]]),
)
HEX_IN_TOKEN = st.tuples(RUNS,
                         st.sampled_from(["sha256-", "x", "C-", "cluster_", "v1.", "run/"]),
                         st.sampled_from(["", "z", "-g", ".pdf", "_k"]), st.booleans()).map(
    lambda t: f"{t[1]}{t[0]}{t[2]}" if t[3] else f"{t[0]}{t[2] or 'z'}")
IDS = st.one_of(
    HEX,
    HEX_IN_TOKEN,
    st.binary(min_size=32, max_size=64).map(lambda b: base64.b64encode(b).decode()),
    st.integers(1, 10**12).map(receipt_number),
    st.builds(archive_number, st.from_regex(r"[A-Za-z0-9]{1,16}", fullmatch=True), st.integers(1000, 9999),
              st.integers(1, 10**12)),
    st.from_regex(r"[a-z][a-z0-9_-]{2,62}", fullmatch=True),  # a decision id (one with a letter)
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(1, 10**9).map(str),
)
MOBILE = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
LANDLINE = st.from_regex(r"0[0-9]{2,3}-?[0-9]{7,8}", fullmatch=True)
ID_NUMBER = st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True)
MAIL = st.from_regex(r"[a-z0-9][a-z0-9._]{0,15}@[a-z0-9]{1,10}\.(cn|com|org)", fullmatch=True)


def public_text(text: str) -> tuple[str, list[dict[str, Any]]]:
    """A comment's text as the public edition keeps it, and the redaction log."""
    events = [("launch", "launched", "sponsor_office", {"spec": SPEC}),
              ("public_participation", "comment_received", "public", {"receipt": "C-000002", "text": text})]
    entries, log = redact(make_entries(events, DECISION), PERSONAL)
    return entries[1]["data"]["text"], log


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(SEPARATOR, IDS), min_size=1, max_size=6), CJK)
def test_hashes_and_record_ids_in_chinese_text_survive_unchanged(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{words}{ident}" for words, ident in parts) + tail
    kept, log = public_text(text)
    assert kept == text
    assert log == []


@settings(max_examples=300, deadline=None)
@given(CJK, st.one_of(MOBILE, LANDLINE, ID_NUMBER, MAIL), CJK)
def test_phone_and_identity_numbers_and_e_mails_in_chinese_text_are_removed(before: str, secret: str,
                                                                            after: str) -> None:
    kept, log = public_text(f"{before}{secret}{after}")
    assert secret not in kept and REMOVED in kept
    assert {item["path"] for item in log} == {"data.text"}


@pytest.mark.parametrize(("text", "secrets"), [
    ("联系电话：13912345678/13812345678，谢谢", ["13912345678", "13812345678"]),
    ("电话 +86-13912345678。", ["13912345678"]),
    ("tel:0451-57123456，传真 045157123457.", ["0451-57123456", "045157123457"]),
    ("身份证11010519491231002X。", ["11010519491231002X"]),
    ("QQ号12345678，邮箱 wang.xm+yj@mail.example.cn", ["12345678", "wang.xm+yj@mail.example.cn"]),
])
def test_numbers_written_together_or_with_separators_are_still_numbers(text: str, secrets: list[str]) -> None:
    kept, _ = public_text(text)
    assert not [secret for secret in secrets if secret in kept], kept


@pytest.mark.parametrize("text", [
    "哈希 ae0451571234568bf2c，签名 k3J+13912345678/Ab==，回执 C-13912345678，档号 J001-2027-Y-13912345678",
    "运行 manual__2027-03-01T09:00:00+00:00，决策 road-13912345678-a，文件 x13912345678.pdf",
    "指纹 c230125198001010021d 与 QQ12345678z",
])
def test_numbers_inside_identifiers_are_not_personal_data(text: str) -> None:
    assert public_text(text) == (text, [])


def test_remove_pii_names_what_it_removed() -> None:
    text, found = remove_pii("邮箱 a@b.cn，手机 13912345678，哈希 a13912345678b", "〔〕")
    assert text == "邮箱 〔〕，手机 〔〕，哈希 a13912345678b"
    assert found == [("电子邮箱", "e-mail address"), ("手机号码", "mobile number")]


def test_a_hearing_participants_user_id_typed_in_a_text_becomes_their_pseudonym() -> None:
    from tests.unit.adapters.reporting.personal_records import COMMENTERS, events

    text = "听证会上 hearing_02 的发言记入笔录；手机 ＋86 139 1234 5678；记录 hearing_020 另案。"
    extra = ("public_participation", "comment_received", "public", {"receipt": "C-000009", "text": text})
    entries, log = redact(make_entries([*events(), extra], DECISION), COMMENTERS)
    kept = entries[-1]["data"]["text"]
    assert kept == f"听证会上 听证参加人02 participant 02 的发言记入笔录；手机 {REMOVED}；记录 hearing_020 另案。"
    assert {(item["what_zh"], item["what_en"]) for item in log if item["seq"] == entries[-1]["seq"]} == {
        ("账号", "user id"), ("手机号码", "mobile number")}
