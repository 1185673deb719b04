"""What a task's page shows above its form: the draft as it now stands, the public comments and
the signed expert opinions to dispose of, the hearing record to confirm; people's text literal."""

from __future__ import annotations

import pytest

from juece.domain.record.answers import TaskContext
from juece.domain.record.forms import FORMS, draft_body
from juece.domain.stages import Stage

PLAIN = {"title": "城区规划", "title_en": "Urban plan", "draft.version": 2, "draft.text": "第一条 草案正文",
         "draft.explanation": "起草说明正文", "legal_basis": ["城乡规划法 第十九条", "条例 第三条"]}
COMMENTS_HEAD = (
    "请逐条处理公众意见（R-B4），逾期意见亦然：在门户“意见处理”页面、CSV 上传或此处填写 dispositions = "
    "[{ref, disposition: adopted | partly_adopted | not_adopted, reason}]；部分采纳或未采纳须说明理由。"
    "已在门户或 CSV 中处理的意见无需重填。提交后形成采纳情况报告，处理结果即不能再更改。\n"
    "Dispose of every comment, late ones too (R-B4), on the portal's office page, by CSV, or here; "
    "a reason is required for anything partly adopted or not adopted. Comments already disposed of "
    "elsewhere need nothing more. Submitting records the adoption report: the dispositions are then final.\n\n")
OPINIONS_HEAD = (
    "请对每位专家的论证意见作出采纳处理并说明理由（R-C6），采纳的也须说明，ref 为专家账号。"
    "提交后形成采纳情况报告，处理结果即不能再更改。\nDispose of each expert opinion with its reasons "
    "(R-C6), adopted or not; ref is the expert's user id. Submitting records the adoption report: the "
    "dispositions are then final.\n\n")
HEARING_HEAD = "请核对听证笔录并签名确认（R-B6）。Check the hearing record and sign it.\n\n"


@pytest.fixture
def plain(make_spec):
    return make_spec(PLAIN)


def body(name: str, spec, entries) -> str:
    return FORMS[name].body(TaskContext(spec, entries))


# --- the draft -------------------------------------------------------------------------------

def test_the_draft_body_before_anything_is_recorded_is_the_specs_draft(plain) -> None:
    assert draft_body(TaskContext(plain, [])) == (
        "### 城区规划\nUrban plan\n\n**决策草案 Draft (v2)**\n\n第一条 草案正文\n\n"
        "**起草说明 Explanation**\n\n起草说明正文\n\n**法律依据 Legal basis**\n- 城乡规划法 第十九条\n- 条例 第三条")


def test_the_draft_body_shows_the_latest_revision_with_its_version(plain, empty_chain) -> None:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": plain.model_dump(mode="json")})
    empty_chain.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor", {"version": 3, "text": "第一条 修改稿"})
    shown = draft_body(TaskContext(plain, empty_chain.entries))
    assert "**决策草案 Draft (v3)**\n\n第一条 修改稿\n\n**起草说明 Explanation**" in shown
    assert "草案正文" not in shown


def test_the_draft_body_without_an_english_title_leaves_its_line_empty(make_spec) -> None:
    spec = make_spec(PLAIN | {"title_en": None})
    assert draft_body(TaskContext(spec, [])).startswith("### 城区规划\n\n\n**决策草案 Draft (v2)**")


def test_the_draft_body_shows_the_sponsors_markup_literally(make_spec) -> None:
    spec = make_spec(PLAIN | {"title": "规划*草案*", "legal_basis": ["<b>法</b>"]})
    shown = draft_body(TaskContext(spec, []))
    assert shown.startswith("### 规划\\*草案\\*\n") and shown.endswith("- \\<b\\>法\\<\\/b\\>")


# --- public comments (R-B4) ------------------------------------------------------------------

def test_the_comments_body_lists_each_comment_marking_the_late_ones(plain, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
              {"receipt": "C-000001", "text": "增加绿地", "late": False})
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": "C-000002", "text": "保留老街"})
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
              {"receipt": "C-000003", "text": "逾期意见", "late": True})
    assert body("comment_dispositions", plain, chain.entries) == COMMENTS_HEAD + (
        "- `C-000001`: 增加绿地\n- `C-000002`: 保留老街\n- `C-000003`（逾期 late）: 逾期意见")


def test_the_comments_body_shows_the_first_300_characters_of_a_comment(plain, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
              {"receipt": "C-000001", "text": "意" * 299 + "止于此", "late": False})
    assert body("comment_dispositions", plain, chain.entries).endswith(f"- `C-000001`: {'意' * 299}止")


def test_the_comments_body_without_comments_says_so(plain, chain) -> None:
    assert body("comment_dispositions", plain, chain.entries) == COMMENTS_HEAD + "（无意见 / no comments）"


# --- expert opinions (R-C6) ------------------------------------------------------------------

def opinion(chain, expert: str, text: str, **more: str) -> None:
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", expert,
              {"expert": expert, "conclusion": "support", "opinion": text, **more})


def signed(chain, expert: str) -> None:
    chain.add(Stage.EXPERT_REVIEW, "opinion_signed", expert, {"expert": expert})


def test_the_opinions_body_lists_only_the_signed_opinions_with_seat_and_conclusion(plain, chain) -> None:
    opinion(chain, "expert_a", "同意", seat="城乡规划")
    opinion(chain, "expert_b", "未签名的意见", seat="法律")
    opinion(chain, "expert_c", "附条件同意")
    signed(chain, "expert_c")
    signed(chain, "expert_a")
    assert body("opinion_dispositions", plain, chain.entries) == OPINIONS_HEAD + (
        "- `expert_a` (城乡规划, support): 同意\n- `expert_c` (, support): 附条件同意")


def test_the_opinions_body_shows_the_first_200_characters_of_an_opinion(plain, chain) -> None:
    opinion(chain, "expert_a", "论" * 199 + "证完毕", seat="法律")
    signed(chain, "expert_a")
    assert body("opinion_dispositions", plain, chain.entries).endswith(f"(法律, support): {'论' * 199}证")


def test_the_opinions_body_with_no_signed_opinion_says_none(plain, chain) -> None:
    opinion(chain, "expert_a", "同意", seat="法律")
    assert body("opinion_dispositions", plain, chain.entries) == OPINIONS_HEAD + "（无 / none）"


# --- the hearing record (R-B6) ---------------------------------------------------------------

def test_the_hearing_body_shows_the_latest_hearing_record(plain, chain) -> None:
    for n in (1, 2, 3):
        chain.add(Stage.PUBLIC_PARTICIPATION, "hearing_held", "sponsor", {"record": f"第{n}次笔录"})
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": f"C-00000{n}", "text": "意见"})
    assert body("hearing_confirmation", plain, chain.entries) == HEARING_HEAD + "第3次笔录"


def test_the_hearing_body_before_a_record_exists_says_so(plain, chain) -> None:
    assert body("hearing_confirmation", plain, chain.entries) == HEARING_HEAD + "（笔录尚未形成 / no record yet）"
