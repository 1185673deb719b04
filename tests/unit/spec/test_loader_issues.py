"""How the loader reports what it refuses: each issue's file, line, column, field, rule, words and
source line exactly, as `juece lint` prints them; a key written twice; the nearest valid name."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from juece.spec import SpecError, load_spec, load_spec_text
from juece.spec.loader import Loader, SpecIssue
from tests.unit.spec.test_spec_lint import FILE, URBAN, issues, line_of, only_issue, variant

PRICE = (Path(__file__).resolve().parents[3] / "templates" / "price-hearing.yaml").read_text(encoding="utf-8")


def test_an_issue_of_the_whole_file_renders_without_rule_or_source_line() -> None:
    issue = only_issue("- id: a\n")
    assert issue.render() == "urban.yaml:1:1: (spec): a spec is a YAML mapping of fields (id, title, ...)"


def test_every_issue_of_a_spec_error_is_rendered_one_after_another() -> None:
    text = variant(("decision_body:", "decision_bdy:"))
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE)
    assert str(caught.value) == (
        "urban.yaml:3:1: decision_body: [R-A1] required field is missing / 缺少必填字段 `decision_body`\n"
        "     3 | id: yanshou-2027-urban-001\n"
        "urban.yaml:7:1: decision_bdy: [R-A1] unknown field `decision_bdy` / 未知字段；valid here: id, title, "
        "title_en, category, decision_body, sponsor_unit, sponsor_office, draft, legal_basis, catalogue, amends, "
        "stages, time_limits\n"
        "     7 | decision_bdy: 延寿县人民政府\n"
        "  did you mean `decision_body`? / 您是否想写 `decision_body`？")


def test_a_file_that_cannot_be_read_is_one_issue_of_the_file_at_line_zero(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    issue, = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.field, issue.rule) == (str(path), 0, 0, "", None)
    assert issue.render().startswith(f"{path}:0:0: (spec): cannot read the file: [Errno 2]")


def test_a_spec_file_is_read_as_utf8_whatever_the_servers_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a server in the "C" locale without UTF-8 mode: a file opened with no encoding reads as ASCII
    monkeypatch.setattr(io, "text_encoding", lambda encoding, stacklevel=2: encoding or "ascii")
    path = tmp_path / "urban.yaml"
    path.write_bytes(URBAN.encode("utf-8"))
    assert load_spec(path).title == "延寿县城区控制性详细规划（2027—2035年）"


def test_a_missing_field_is_reported_where_the_spec_begins_after_its_comments() -> None:
    issue = only_issue(variant(("title: 延寿县城区控制性详细规划（2027—2035年）\n", "")))
    assert (issue.line, issue.column, issue.field, issue.rule) == (3, 1, "title", "R-A1")
    assert issue.source_line == "id: yanshou-2027-urban-001"


def test_a_missing_stage_is_reported_at_the_stages_it_belongs_to() -> None:
    text = variant(("  risk_assessment:\n    assessor: risk_assessor\n    third_party: 哈尔滨社会稳定风险评估中心\n", ""))
    issue = only_issue(text)
    assert (issue.line, issue.column, issue.field) == (line_of(text, "stages:"), 1, "stages.risk_assessment")
    assert issue.message == "required field is missing / 缺少必填字段 `risk_assessment`"


def test_a_refused_list_item_is_reported_at_the_item_itself() -> None:
    text = variant(("members: [member_1, member_2,", "members: [member_1, group:members,"))
    issue = only_issue(text)
    assert (issue.line, issue.column, issue.field) == (
        line_of(text, "members:"), text.splitlines()[line_of(text, "members:") - 1].index("group:") + 1,
        "stages.collective_deliberation.members.1")


def test_an_error_on_the_first_line_shows_that_line() -> None:
    issue = only_issue(variant(("id: yanshou-2027-urban-001", "id: Yanshou 2027")))
    assert (issue.line, issue.column, issue.rule, issue.source_line) == (3, 1, "R-A1", "id: Yanshou 2027")
    written_on_one_line = json.dumps({**yaml.safe_load(URBAN), "id": "Bad Id"}, ensure_ascii=False)
    one_line = only_issue(written_on_one_line)
    assert (one_line.line, one_line.field, one_line.source_line) == (1, "id", written_on_one_line)


def test_an_error_on_the_last_line_shows_that_line() -> None:
    text = URBAN + "time_limits:\n  overall_days: 0\n"
    issue = only_issue(text)
    assert (issue.line, issue.column, issue.source_line) == (len(text.splitlines()), 3, "  overall_days: 0")


def test_a_rule_violation_says_its_words_alone_and_suggests_nothing() -> None:
    issue = only_issue(variant(("review_working_days: 7", "review_working_days: 6")))
    assert (issue.message, issue.suggestion) == (
        "审查期限至少7个工作日，现为6 / the reviewer needs at least 7 working days, got 6", None)


def test_an_unknown_field_about_half_like_a_valid_one_is_offered_it() -> None:
    issue = only_issue(variant(("\ncategory: important_plan", "\ncategory: important_plan\ncat: plan")))
    assert (issue.field, issue.suggestion) == ("cat", "category")


def test_an_unknown_field_of_a_list_item_names_the_items_fields_and_the_nearest() -> None:
    """Defect fixed: a hearing participant's unknown field listed no valid name and suggested none."""
    found = issues(variant(("{user: hearing_02,", "{usr: hearing_02,"), text=PRICE))
    unknown, = (issue for issue in found if issue.field.endswith(".usr"))
    assert unknown.field == "stages.public_participation.hearing.participants.1.usr"
    assert unknown.message == "unknown field `usr` / 未知字段；valid here: user, name, side"
    assert unknown.suggestion == "user"


def test_an_unknown_field_of_an_optional_block_names_the_blocks_fields() -> None:
    text = URBAN.replace("  risk_assessment:\n", "  risk_assessment:\n    assesor: x\n")
    unknown = only_issue(text)
    assert (unknown.field, unknown.suggestion) == ("stages.risk_assessment.assesor", "assessor")
    assert unknown.message.endswith("valid here: applicable, not_applicable_reason, assessor, third_party, "
                                    "matrix, max_rounds")


def test_a_key_given_twice_is_one_issue_each_in_the_order_of_the_lines() -> None:
    text = variant(("comment_period_days: 30", "comment_period_days: 10\n    comment_period_days: 30"),
                   ("    head: county_head\n", "    head: county_head\n    head: county_head\n"))
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE)
    period, head = line_of(text, "comment_period_days: 30"), line_of(text, "head: county_head") + 1
    assert caught.value.issues == [
        SpecIssue(FILE, period, 5, "stages.public_participation.comment_period_days", "R-B2",
                  "field `comment_period_days` is given twice / 字段重复", None, "    comment_period_days: 30"),
        SpecIssue(FILE, head, 5, "stages.collective_deliberation.head", "R-F2",
                  "field `head` is given twice / 字段重复", None, "    head: county_head")]


def test_a_key_given_twice_in_a_list_item_names_the_item() -> None:
    text = variant(("{user: hearing_02,", "{user: hearing_02, user: hearing_02,"), text=PRICE)
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE)
    issue, = caught.value.issues
    assert (issue.line, issue.field, issue.rule) == (
        line_of(text, "user: hearing_02, user"), "stages.public_participation.hearing.participants.1.user", "R-B6")


def test_a_spec_given_no_file_name_is_reported_as_spec() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text("id: a\n")
    assert {issue.file for issue in caught.value.issues} == {"<spec>"}


def test_a_document_that_is_not_a_mapping_is_an_issue_of_no_field() -> None:
    issue = only_issue("just a sentence\n")
    assert (issue.field, issue.rule, issue.source_line) == ("", None, None)


def test_invalid_yaml_is_worded_by_the_loader_that_reads_the_spec_at_the_mark_of_its_problem() -> None:
    text = "id: [unclosed\ntitle: x\n"
    with pytest.raises(yaml.MarkedYAMLError) as loaded:
        yaml.load(text, Loader=Loader)
    issue = only_issue(text)
    assert (issue.line, issue.column, issue.field, issue.rule) == (2, 6, "", None)
    assert issue.message == f"not valid YAML: {loaded.value.problem}"


def test_a_control_character_is_invalid_yaml_without_a_mark_saying_which_and_where() -> None:
    issue = only_issue("id: a\x07\n")
    assert (issue.line, issue.column, issue.field, issue.rule) == (0, 0, "", None)
    assert issue.message == ("not valid YAML: unacceptable character #x0007: control characters are not allowed\n"
                             '  in "<unicode string>", position 5')
