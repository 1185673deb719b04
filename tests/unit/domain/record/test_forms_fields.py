"""The JSON Schema of a form's fields as the task view draws them: a text field takes text or
nothing, in a box of several lines unless asked; a list field takes a list of its items or nothing."""

from __future__ import annotations

from juece.domain.record.forms import FORMS, list_field, text_field


def test_a_text_field_takes_text_or_nothing_in_a_box_of_several_lines() -> None:
    assert text_field("法律意见 Opinion") == {"type": ["null", "string"], "title": "法律意见 Opinion",
                                           "description": "", "format": "multiline"}


def test_a_text_field_keeps_its_description() -> None:
    assert text_field("异议 Remarks", "有异议时必填 / required to dispute")["description"] == (
        "有异议时必填 / required to dispute")


def test_a_one_line_text_field_has_no_multiline_format() -> None:
    assert text_field("文号 Number", "如 e.g. 9号", multiline=False) == {
        "type": ["null", "string"], "title": "文号 Number", "description": "如 e.g. 9号"}


def test_a_list_field_without_items_is_a_list_of_texts_or_nothing() -> None:
    assert list_field("出席人员 Attendees", "会议组成人员账号 / member ids") == {
        "type": ["null", "array"], "title": "出席人员 Attendees", "description": "会议组成人员账号 / member ids",
        "items": {"type": "string"}}


def test_a_list_field_with_items_keeps_their_schema() -> None:
    items = {"type": "object", "properties": {"ref": {"type": "string"}}}
    assert list_field("处理结果 Dispositions", "ref = 回执号 receipt", items)["items"] == items


def test_the_forms_text_and_list_fields_are_drawn_as_such() -> None:
    fields = FORMS["convene"].fields
    assert fields["attendees"]["type"] == ["null", "array"]
    assert fields["attendees"]["items"] == {"type": "string"}
    assert FORMS["member_view"].fields["remarks"] == {
        "type": ["null", "string"], "title": "意见与理由 Remarks",
        "description": "不同意时必填，照实记录 / required to dissent", "format": "multiline"}
