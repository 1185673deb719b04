"""Mass-campaign comments share a cluster key (R-B4: the office disposes of a cluster once); two
comments share it exactly when their letters and digits agree after NFKC and case folding."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from juece.domain.participation.comments import cluster_key


def letters_and_digits(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def test_cluster_key_is_not_a_constant_comments_that_differ_in_words_fall_apart() -> None:
    keys = {cluster_key(text) for text in ("反对撤并学校", "支持撤并学校", "建议延长公示期", "1号楼", "2号楼")}
    assert len(keys) == 5


def test_the_same_words_with_other_spacing_punctuation_width_or_case_share_a_key() -> None:
    assert cluster_key("反对撤并，Ａ校！") == cluster_key(" 反对 撤并 a校 ") == cluster_key("反对撤并A校")


@given(st.text(max_size=12), st.text(max_size=12))
def test_two_comments_share_a_key_exactly_when_their_letters_and_digits_agree(one: str, other: str) -> None:
    assert (cluster_key(one) == cluster_key(other)) == (letters_and_digits(one) == letters_and_digits(other))


@given(st.text(alphabet="甲乙丙丁ab12", min_size=1, max_size=8))
def test_a_comment_and_the_same_comment_with_one_more_word_fall_apart(text: str) -> None:
    assert cluster_key(text) != cluster_key(text + "戊")
