"""The launch form generated from the decision spec's JSON Schema: every field of the spec is on it
in words, of the kind its schema says; a template shown and sent back unchanged is the template's
spec; sections, tables and the grid carry what a clerk gives them; bad values are refused at their
fields under their rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from juece.services import form_values
from juece.services import launch_form as forms
from juece.services.spec_form import MAX_ROWS, spec_form
from juece.services.spec_words import WORDS
from juece.spec.models import DecisionSpec

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
KINDS = {"members": "people", "head": "person", "reviewer": "person", "time": "moment", "matrix": "grid",
         "category": "choice", "collective_deliberation.quorum": "decimal", "participants": "rows",
         "draft_text": "area", "legal_basis": "lines", "expert_review.applicable": "check", "panel_size": "number"}


def schema_leaves(node: dict[str, Any], defs: dict[str, Any], path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every property of the schema that is not an object, walked independently of the form."""
    found: set[tuple[str, ...]] = set()
    for key, raw in node.get("properties", {}).items():
        sub = next((one for one in raw.get("anyOf", [raw]) if one.get("type") != "null"), raw)
        sub = defs[sub["$ref"].rsplit("/", 1)[-1]] if "$ref" in sub else sub
        if "fixed" in (raw.get("x-juece-form"), sub.get("x-juece-form")):
            continue
        found |= schema_leaves(sub, defs, (*path, key)) if sub.get("type") == "object" else {(*path, key)}
    return found


def test_every_field_of_the_spec_is_on_the_form_except_those_fixed() -> None:
    schema = DecisionSpec.model_json_schema()
    on_form = {one.path for one in spec_form().fields}
    assert on_form == schema_leaves(schema, schema["$defs"])
    assert "sponsor_office" not in {one.name for one in spec_form().fields}  # the signed-in person, never typed


def test_every_field_and_section_is_named_in_both_languages_without_a_key() -> None:
    form = spec_form()
    for named in (*form.fields, *form.sections, *(c for one in form.fields for c in one.columns)):
        assert named.zh and named.en and "_" not in named.zh + named.en, named
    assert len({one.name for one in form.fields}) == len(form.fields)  # every posted name once
    assert not set(WORDS) - {str(p) for one in form.fields for p in one.path} - {
        str(p) for s in form.sections for p in s.path} - {"spec", "draft.text", "expert_review.quorum",
        "collective_deliberation.quorum", "risk_assessment.max_rounds", "legality_review.max_rounds",
        "participants.user", "participants.name", "participants.side"}  # no words for a field gone


@pytest.mark.parametrize(("name", "kind"), KINDS.items())
def test_each_field_has_the_kind_its_schema_says(name: str, kind: str) -> None:
    assert forms.BY_NAME[name].kind == kind


def test_a_role_an_office_holds_offers_groups_and_a_personal_one_does_not() -> None:
    assert forms.BY_NAME["reviewer"].groups and forms.BY_NAME["evaluator"].groups
    assert not forms.BY_NAME["head"].groups
    participant = forms.BY_NAME["participants"].columns[0]
    assert (participant.kind, participant.groups) == ("person", False)


def test_bounds_come_from_the_schema() -> None:
    quorum = forms.BY_NAME["collective_deliberation.quorum"]
    assert (quorum.minimum, quorum.maximum) == (0.5, 0.99)  # below 1 (R-F2)
    assert (forms.BY_NAME["response_days"].minimum, forms.BY_NAME["response_days"].maximum) == (1, 90)


@pytest.mark.parametrize("template", forms.template_names())
def test_a_template_shown_and_sent_back_unchanged_is_the_templates_spec(template: str) -> None:
    data = forms.template_data(template)
    assert data is not None
    filled = forms.fill(data, forms.Filled(forms.defaults(data)), data["sponsor_office"], NOW)
    assert filled.issues == [] and filled.spec == DecisionSpec.model_validate(data)


def urban(**changes: str) -> tuple[dict[str, Any], dict[str, str]]:
    data = forms.template_data("urban-planning")
    assert data is not None
    return data, {**forms.defaults(data), **changes}


def hearing_rows(count: int) -> dict[str, str]:
    rows = {}
    for row in range(count):
        side = "居民" if row % 2 else "企业"
        rows |= {f"participants.{row}.user": f"citizen_{row}", f"participants.{row}.name": f"代表{row}",
                 f"participants.{row}.side": side}
    return rows


def test_a_hearing_ticked_and_filled_becomes_the_specs_hearing() -> None:
    data, values = urban(**{"stages.public_participation.hearing": "on", "place": "县政府三楼听证室",
                            "time": "2027-03-15T09:30", "selection_method": "公开报名，随机抽取",
                            "sides": "居民\n企业", "min_participants": "2"}, **hearing_rows(3))
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert filled.issues == []
    hearing = filled.spec.stages.public_participation.hearing
    assert hearing.place == "县政府三楼听证室" and len(hearing.participants) == 3
    assert hearing.time == datetime(2027, 3, 15, 1, 30, tzinfo=UTC)  # 09:30 China time
    assert [p.name for p in hearing.participants] == ["代表0", "代表1", "代表2"]


def test_a_hearing_not_ticked_is_left_out_whatever_its_fields_hold() -> None:
    data = forms.template_data("price-hearing")
    assert data is not None
    values = {**forms.defaults(data), "stages.public_participation.hearing": ""}
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert filled.issues == [] and filled.spec.stages.public_participation.hearing is None


def test_a_hearing_short_of_participants_is_refused_at_the_table_r_b6() -> None:
    data, values = urban(**{"stages.public_participation.hearing": "on", "place": "听证室",
                            "time": "2027-03-15T09:30", "selection_method": "随机", "sides": "居民\n企业"},
                         **hearing_rows(3))
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert [(i.field, i.rule) for i in filled.issues] == [("participants", "R-B6")]


def test_a_moment_that_is_not_one_is_refused_at_its_field_r_b6() -> None:
    data, values = urban(**{"stages.public_participation.hearing": "on", "time": "3月15日上午"})
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert ("time", "R-B6") in [(i.field, i.rule) for i in filled.issues]
    assert "2027-03-15T09:30" in next(i.en for i in filled.issues if i.field == "time")


def test_a_quorum_that_is_not_a_number_is_refused_at_its_field_r_f2() -> None:
    data, values = urban(**{"collective_deliberation.quorum": "过半数"})
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert [(i.field, i.rule) for i in filled.issues] == [("collective_deliberation.quorum", "R-F2")]


def test_a_risk_matrix_given_cell_by_cell_is_the_specs_and_a_falling_one_is_refused_r_d3() -> None:
    levels = ["low", "low", "medium", "medium", "high"]
    cells = {f"matrix.{r}.{c}": levels[max(r, c)] for r in range(5) for c in range(5)}
    data, values = urban(**cells)
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert filled.issues == [] and filled.spec.stages.risk_assessment.matrix[4][4] == "high"
    data, values = urban(**{**cells, "matrix.4.4": "low"})
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert [(i.field, i.rule) for i in filled.issues] == [("matrix", "R-D3")]


def test_a_stage_marked_not_applicable_without_a_reason_is_refused_at_the_stage_r_a2() -> None:
    data, values = urban(**{"expert_review.applicable": ""})
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert [(i.field, i.rule) for i in filled.issues] == [("expert_review.applicable", "R-A2")]
    data, values = urban(**{"expert_review.applicable": "", "expert_review.not_applicable_reason": "不涉及专业问题"})
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert filled.issues == [] and not filled.spec.stages.expert_review.applicable


def test_an_empty_optional_number_takes_the_specs_default() -> None:
    data, values = urban(panel_size="", overall_days="")
    filled = forms.fill(data, forms.Filled(values), "sponsor_office", NOW)
    assert filled.spec.panel_size == 7 and filled.spec.time_limits.overall_days is None


class Posted(dict[str, str]):
    def getlist(self, name: str) -> list[str]:
        return [self[name]] if name in self else []


def test_a_tables_cell_over_its_cap_is_refused_at_the_table_and_rows_are_bounded() -> None:
    filled = form_values.read(Posted({"participants.0.name": "名" * 3000}))
    assert [i.field for i in filled.issues] == ["participants"]
    names = [name for name, _ in form_values.posted_names() if name.startswith("participants.")]
    assert len(names) == MAX_ROWS * 3
    shown = forms.Filled({f"participants.{MAX_ROWS - 1}.name": "x"})
    assert shown.rows(forms.BY_NAME["participants"]) == MAX_ROWS
