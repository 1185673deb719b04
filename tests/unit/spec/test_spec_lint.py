"""Decision specs: the templates are valid; every error names file:line:column, the field and the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from juece.domain.participation import hearing
from juece.domain.record.errors import RuleViolation
from juece.spec import DecisionSpec, SpecError, load_spec, load_spec_text
from juece.spec.loader import SpecIssue
from juece.spec.models import CHINA

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.yaml"))
URBAN = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
FILE = "urban.yaml"


def variant(*edits: tuple[str, str], text: str = URBAN) -> str:
    """The template with each `old` text (found exactly once) replaced by `new`."""
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def issues(text: str) -> list[SpecIssue]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE)
    return caught.value.issues


def only_issue(text: str) -> SpecIssue:
    found = issues(text)
    assert len(found) == 1, found
    return found[0]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the templates ---------------------------------------------------------------------------

def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATE_FILES) >= 3


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=[p.name for p in TEMPLATE_FILES])
def test_every_template_is_a_valid_spec(path: Path) -> None:
    spec = load_spec(path)
    assert isinstance(spec, DecisionSpec)
    assert spec.dag_id == f"decision__{spec.id}"
    assert spec.stages.legality_review.review_working_days >= 7


def test_the_templates_have_distinct_ids() -> None:
    ids = [load_spec(path).id for path in TEMPLATE_FILES]
    assert len(set(ids)) == len(ids)


def test_the_people_of_a_spec_are_everyone_given_a_task() -> None:
    people = load_spec(TEMPLATES / "urban-planning.yaml").people()
    assert people == {"sponsor_office", "legality_reviewer", "legal_adviser", "risk_assessor", "secretary",
                      "member_1", "member_2", "member_3", "member_4", "county_head"}  # experts are drawn at launch


def test_people_leaves_out_the_assessor_of_an_inapplicable_stage() -> None:
    text = variant(
        ("  expert_review:\n", "  expert_review:\n    applicable: false\n    not_applicable_reason: 非专业性问题\n"),
        ("  risk_assessment:\n", "  risk_assessment:\n    applicable: false\n    not_applicable_reason: 无风险\n"))
    people = load_spec_text(text).people()
    assert "risk_assessor" not in people


# --- where an error is and what it says ------------------------------------------------------

def test_an_unknown_field_suggests_the_nearest_valid_name() -> None:
    text = variant(("decision_body:", "decision_bdy:"))
    found = {issue.field: issue for issue in issues(text)}
    unknown = found["decision_bdy"]
    assert (unknown.file, unknown.line, unknown.column, unknown.rule) == (FILE, 7, 1, "R-A1")
    assert unknown.suggestion == "decision_body"
    assert "decision_body" in unknown.message
    rendered = unknown.render()
    assert rendered.startswith("urban.yaml:7:1: decision_bdy: [R-A1] unknown field `decision_bdy`")
    assert "   7 | decision_bdy: 延寿县人民政府" in rendered
    assert "did you mean `decision_body`?" in rendered
    assert found["decision_body"].rule == "R-A1"  # and the real field is reported missing


def test_an_unknown_nested_field_names_its_dotted_path_line_and_column() -> None:
    text = variant(("    specialties: [", "    specialtis: ["))
    unknown = next(i for i in issues(text) if i.suggestion)
    assert unknown.field == "stages.expert_review.specialtis"
    assert (unknown.line, unknown.column) == (30, 5)
    assert unknown.suggestion == "specialties"


def test_an_unknown_field_like_nothing_valid_gets_no_suggestion_but_the_valid_names() -> None:
    issue = only_issue(variant(("title_en:", "qqqq: 1\ntitle_en:")))
    assert issue.suggestion is None
    assert "valid here: id, title, title_en" in issue.message
    assert "did you mean" not in issue.render()


def test_a_missing_title_is_refused_with_r_a1() -> None:
    issue = only_issue(variant(("title: 延寿县城区控制性详细规划（2027—2035年）\n", "")))
    assert (issue.field, issue.rule) == ("title", "R-A1")
    assert "missing" in issue.message and issue.line >= 1


BASIS = "legal_basis:\n  - 《中华人民共和国城乡规划法》第十九条、第二十六条\n  - 《重大行政决策程序暂行条例》第三条\n"


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [("\ncategory: important_plan", "\ncategory: road_building", "category", 6),
     ("id: yanshou-2027-urban-001", "id: Yanshou 2027", "id", 3),
     (BASIS, "legal_basis: []\n", "legal_basis", 22),
     ("sponsor_unit: 延寿县自然资源局\n", "sponsor_unit: ''\n", "sponsor_unit", 8),
     ("  explanation: |", "  explanation: ''\n  old_explanation: |", "draft.explanation", 19)],
    ids=["unknown-category", "bad-id", "no-legal-basis", "empty-sponsor-unit", "empty-explanation"],
)
def test_launch_facts_are_refused_with_r_a1_at_their_line(old: str, new: str, field: str, line: int) -> None:
    found = {issue.field: issue for issue in issues(variant((old, new)))}
    assert found[field].rule == "R-A1"
    assert found[field].line == line


def test_every_error_of_a_spec_is_reported_at_once() -> None:
    text = variant(("title: 延寿", "titel: 延寿"), ("review_working_days: 7", "review_working_days: 3"),
                   ("head: county_head", "head: mayor"))
    assert {i.rule for i in issues(text)} >= {"R-A1", "R-E3", "R-F2"}


# --- public participation (R-B2, R-B6) -------------------------------------------------------

def test_a_comment_period_under_thirty_days_without_an_urgency_reason_is_refused_r_b2() -> None:
    text = variant(("comment_period_days: 30", "comment_period_days: 10"))
    issue = only_issue(text)
    assert (issue.rule, issue.field) == ("R-B2", "stages.public_participation.comment_period_days")
    assert issue.line == 27
    assert "10" in issue.message and "urgency_reason" in issue.message


@pytest.mark.parametrize("reason", ["''", "'   '"], ids=["empty", "blank"])
def test_a_blank_urgency_reason_does_not_count_r_b2(reason: str) -> None:
    text = variant(("comment_period_days: 30", f"comment_period_days: 10\n    urgency_reason: {reason}"))
    assert only_issue(text).rule == "R-B2"


def test_a_comment_period_under_thirty_days_with_an_urgency_reason_is_accepted() -> None:
    text = variant(("comment_period_days: 30", "comment_period_days: 10\n    urgency_reason: 汛期前须完成排涝设施布局"))
    participation = load_spec_text(text).stages.public_participation
    assert (participation.comment_period_days, participation.urgency_reason) == (10, "汛期前须完成排涝设施布局")


def test_a_comment_period_of_zero_days_is_refused() -> None:
    text = variant(("comment_period_days: 30", "comment_period_days: 0\n    urgency_reason: 紧急"))
    assert only_issue(text).field == "stages.public_participation.comment_period_days"


def test_hearing_materials_less_than_seven_days_before_are_refused_r_b6() -> None:
    text = (TEMPLATES / "price-hearing.yaml").read_text(encoding="utf-8")
    issue = only_issue(variant(("materials_days_before: 10", "materials_days_before: 5"), text=text))
    assert (issue.rule, issue.field) == ("R-B6", "stages.public_participation.hearing.materials_days_before")


PRICE = (TEMPLATES / "price-hearing.yaml").read_text(encoding="utf-8")
HEARING_TIME = 'time: "2027-03-15T09:00:00+08:00"'
LAUNCH = datetime(2027, 2, 20, 9, 0, tzinfo=CHINA)  # 23 days before the template's hearing


def hearing_on(moment: datetime) -> str:
    return variant((HEARING_TIME, f'time: "{moment.isoformat()}"'), text=PRICE)


def test_a_hearing_too_close_to_the_launch_for_its_notice_is_refused_at_lint_r_b6() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text(PRICE, FILE, launch_at=LAUNCH)
    issue, = caught.value.issues
    assert (issue.rule, issue.field, issue.line) == ("R-B6", "stages.public_participation.hearing.time",
                                                     line_of(PRICE, HEARING_TIME))
    assert "30" in issue.message and "2027-03-15" in issue.message and issue.source_line.strip() == HEARING_TIME


@pytest.mark.parametrize(("moment", "refused"),
                         [(datetime(2027, 3, 22, 0, 30, tzinfo=CHINA), False),
                          (datetime(2027, 3, 21, 23, 30, tzinfo=CHINA), True)],
                         ids=["the-30th-day-whatever-the-hour", "the-29th-day"])
def test_lint_refuses_exactly_what_the_run_refuses_when_it_announces_the_hearing(moment: datetime, refused: bool) -> None:
    """Whole days before the hearing's day count, not hours (a lead time, spec/base.py)."""
    text = hearing_on(moment)
    spec = load_spec_text(text)  # without a launch date: a launched spec is never judged again later
    at_run = at_lint = None
    try:
        hearing.announce(spec, [], LAUNCH)
    except RuleViolation as refusal:
        at_run = f"[{refusal.rule}] {refusal.zh} / {refusal.en}"
    try:
        load_spec_text(text, FILE, launch_at=LAUNCH)
    except SpecError as caught:
        at_lint = "; ".join(f"[{issue.rule}] {issue.message}" for issue in caught.issues)
    assert at_lint == at_run and (at_run is not None) == refused


def test_materials_that_cannot_reach_the_participants_in_time_are_refused_at_lint_r_b6() -> None:
    text = variant(("notice_days_before: 30", "notice_days_before: 7"),
                   ("materials_days_before: 10", "materials_days_before: 12"), text=hearing_on(LAUNCH + timedelta(days=10)))
    issue, = issues_at(text, LAUNCH)
    assert (issue.rule, issue.field) == ("R-B6", "stages.public_participation.hearing.materials_days_before")


def issues_at(text: str, launch: datetime) -> list[SpecIssue]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE, launch_at=launch)
    return caught.value.issues


# --- not applicable (R-A2) -------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["legality_review", "collective_deliberation"])
@pytest.mark.parametrize("fields", ["    applicable: false\n", "    applicable: true\n",
                                    "    not_applicable_reason: 无需审查\n"],
                         ids=["applicable-false", "applicable-true", "reason-only"])
def test_legality_review_and_deliberation_can_never_be_marked_not_applicable_r_a2(stage: str, fields: str) -> None:
    text = variant((f"  {stage}:\n", f"  {stage}:\n{fields}"))
    issue = only_issue(text)
    assert (issue.rule, issue.field) == ("R-A2", f"stages.{stage}")
    assert issue.line == line_of(text, f"  {stage}:")


@pytest.mark.parametrize("stage", ["public_participation", "expert_review", "risk_assessment"])
@pytest.mark.parametrize("reason", ["", "    not_applicable_reason: '  '\n"], ids=["no-reason", "blank-reason"])
def test_a_stage_marked_not_applicable_without_a_reason_is_refused_r_a2(stage: str, reason: str) -> None:
    issue = only_issue(variant((f"  {stage}:\n", f"  {stage}:\n    applicable: false\n{reason}")))
    assert (issue.rule, issue.field) == ("R-A2", f"stages.{stage}.applicable")
    assert "not_applicable_reason" in issue.message


@pytest.mark.parametrize("stage", ["public_participation", "expert_review", "risk_assessment"])
def test_a_stage_marked_not_applicable_with_a_reason_is_accepted(stage: str) -> None:
    spec = load_spec_text(variant((f"  {stage}:\n", f"  {stage}:\n    applicable: false\n    not_applicable_reason: 依法不适用\n")))
    config = getattr(spec.stages, stage)
    assert (config.applicable, config.not_applicable_reason) == (False, "依法不适用")


def test_an_inapplicable_expert_review_needs_no_specialties() -> None:
    text = variant(("    specialties: [城市规划, 交通工程, 环境保护, 土地管理, 文物保护]\n",
                    "    applicable: false\n    not_applicable_reason: 非专业性问题\n"))
    assert load_spec_text(text).stages.expert_review.specialties == []


def test_a_missing_stage_is_refused() -> None:
    text = variant(("  risk_assessment:\n    assessor: risk_assessor\n    third_party: 哈尔滨社会稳定风险评估中心\n", ""))
    issue = only_issue(text)
    assert (issue.field, issue.rule) == ("stages.risk_assessment", "R-A2")


# --- the expert panel (R-C2, R-C5): drawn at launch from the library ---------------------------

@pytest.mark.parametrize("size", [3, 4, 6, 0], ids=["three", "four-even", "six-even", "zero"])
def test_a_panel_size_that_is_not_odd_and_at_least_five_is_refused_r_c5(size: int) -> None:
    text = variant(("    line_department: 延寿县自然资源局\n", f"    line_department: 延寿县自然资源局\n    panel_size: {size}\n"))
    issue = only_issue(text)
    assert (issue.rule, issue.field) == ("R-C5", "stages.expert_review.panel_size")


@pytest.mark.parametrize(("category", "size"), [("important_plan", 7), ("major_public_construction", 7),
                                                ("public_policy", 5)])
def test_the_panel_size_comes_from_the_decision_type_unless_the_spec_sets_one(category: str, size: int) -> None:
    spec = load_spec_text(variant(("\ncategory: important_plan", f"\ncategory: {category}")))
    assert spec.panel_size == size
    nine = load_spec_text(variant(("    line_department: 延寿县自然资源局\n", "    panel_size: 9\n")))
    assert nine.panel_size == 9


def test_a_review_without_specialties_is_refused_r_c2() -> None:
    issue = only_issue(variant(("    specialties: [城市规划, 交通工程, 环境保护, 土地管理, 文物保护]\n", "")))
    assert (issue.rule, issue.field) == ("R-C2", "stages.expert_review.specialties")


@pytest.mark.parametrize(("change", "rule", "field"), [
    ("    quorum: 9\n", "R-C5", "stages.expert_review.quorum"),
    ("    reminder_days: 35\n", "R-C1", "stages.expert_review.reminder_days"),
], ids=["quorum-above-the-panel", "reminder-after-the-deadline"])
def test_quorum_and_reminder_must_fit_the_panel_and_the_deadline(change: str, rule: str, field: str) -> None:
    text = variant(("    reminder_days: 10\n", change if "reminder" in change else "    reminder_days: 10\n" + change))
    issue = only_issue(text)
    assert (issue.rule, issue.field) == (rule, field)


# --- risk, legality review, deliberation, evaluation -----------------------------------------

def test_an_applicable_risk_assessment_needs_an_assessor_r_d1() -> None:
    issue = only_issue(variant(("    assessor: risk_assessor\n", "")))
    assert (issue.rule, issue.field) == ("R-D1", "stages.risk_assessment.assessor")


@pytest.mark.parametrize("days", [0, 5, 6])
def test_less_than_seven_working_days_for_the_legality_review_is_refused_r_e3(days: int) -> None:
    issue = only_issue(variant(("review_working_days: 7", f"review_working_days: {days}")))
    assert (issue.file, issue.line, issue.column) == (FILE, 40, 5)
    assert (issue.rule, issue.field) == ("R-E3", "stages.legality_review.review_working_days")
    assert "urban.yaml:40:5: stages.legality_review.review_working_days: [R-E3]" in issue.render()


def test_the_local_fifteen_days_is_accepted() -> None:
    assert load_spec_text(variant(("review_working_days: 7", "review_working_days: 15"))).stages.legality_review.review_working_days == 15


def test_a_legality_review_without_a_legal_adviser_is_refused_r_e4() -> None:
    issue = only_issue(variant(("    legal_adviser: legal_adviser\n", "")))
    assert (issue.rule, issue.field) == ("R-E4", "stages.legality_review.legal_adviser")


def test_a_head_of_government_who_is_not_a_member_is_refused_r_f2() -> None:
    issue = only_issue(variant(("head: county_head", "head: mayor")))
    assert (issue.rule, issue.field, issue.line) == ("R-F2", "stages.collective_deliberation.head", 44)


def test_members_listed_twice_are_refused_r_f3() -> None:
    issue = only_issue(variant(("members: [member_1, member_2,", "members: [member_1, member_1,")))
    assert issue.rule == "R-F3"


@pytest.mark.parametrize("quorum", ["0.4", "1", "1.5"])
def test_a_quorum_of_half_or_less_or_of_everyone_is_refused_r_f2(quorum: str) -> None:
    issue = only_issue(variant(("    head: county_head\n", f"    head: county_head\n    quorum: {quorum}\n")))
    assert (issue.rule, issue.field) == ("R-F2", "stages.collective_deliberation.quorum")


def test_a_meeting_other_than_executive_or_plenary_is_refused_r_f2() -> None:
    issue = only_issue(variant(("meeting_type: executive", "meeting_type: office")))
    assert (issue.rule, issue.field) == ("R-F2", "stages.collective_deliberation.meeting_type")


@pytest.mark.parametrize("evaluator", ["延寿县自然资源局", "哈尔滨社会稳定风险评估中心"], ids=["sponsor-unit", "risk-third-party"])
def test_the_evaluator_may_not_be_the_unit_that_did_the_main_assessment_r_g4(evaluator: str) -> None:
    issue = only_issue(variant(("evaluator_unit: 延寿县发展和改革局", f"evaluator_unit: {evaluator}")))
    assert issue.rule == "R-G4"
    assert "evaluator" in issue.message


# --- input that is not a spec ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "line"),
    [("id: [unclosed\ntitle: x\n", 2), ("id: a\n  title: b\n", 2), ("id: a\ntitle: 'open\n", 3), ("\tid: a\n", 1)],
    ids=["unclosed-list", "bad-indent", "unclosed-quote", "tab-indent"],
)
def test_invalid_yaml_is_an_error_with_a_line_not_a_traceback(text: str, line: int) -> None:
    issue = only_issue(text)
    assert issue.rule is None  # the file's form, not a rule of the statute
    assert issue.message.startswith("not valid YAML")
    assert issue.line == line and issue.column >= 1
    assert issue.render().startswith(f"urban.yaml:{line}:")


@pytest.mark.parametrize("text", ["- id: a\n- title: b\n", "just a sentence\n", "", "# only a comment\n", "42\n"],
                         ids=["list", "scalar", "empty", "comment-only", "number"])
def test_a_document_that_is_not_a_mapping_gets_a_clear_error(text: str) -> None:
    issue = only_issue(text)
    assert (issue.line, issue.column, issue.rule) == (1, 1, None)
    assert "a spec is a YAML mapping of fields" in issue.message


def test_a_missing_file_is_a_spec_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "nope.yaml")
    issue, = caught.value.issues
    assert issue.file.endswith("nope.yaml") and "cannot read the file" in issue.message


def test_a_file_that_is_not_utf8_is_a_spec_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("title: 延寿县\n".encode("gbk"))
    with pytest.raises(SpecError, match="cannot read the file"):
        load_spec(path)


def test_load_spec_names_the_path_in_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(variant(("comment_period_days: 30", "comment_period_days: 10")), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert str(caught.value).startswith(f"{path}:27:")


# --- defects found and fixed ---------------------------------------------------------------------------

def test_a_blank_legal_basis_is_refused_r_a1() -> None:
    text = variant(("legal_basis:\n  - 《中华人民共和国城乡规划法》第十九条、第二十六条\n  - 《重大行政决策程序暂行条例》第三条\n",
                    "legal_basis: ['  ']\n"))
    assert only_issue(text).rule == "R-A1"


def test_the_r_g4_error_points_at_the_evaluator_unit() -> None:
    text = variant(("evaluator_unit: 延寿县发展和改革局", "evaluator_unit: 延寿县自然资源局"))
    issue = only_issue(text)
    assert issue.field == "stages.post_evaluation.evaluator_unit"
    assert issue.line == line_of(text, "evaluator_unit:")


def test_a_field_given_twice_is_refused() -> None:
    text = variant(("comment_period_days: 30", "comment_period_days: 10\n    comment_period_days: 30"))
    with pytest.raises(SpecError):
        load_spec_text(text, FILE)
