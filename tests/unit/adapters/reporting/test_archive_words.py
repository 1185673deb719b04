"""Words, not keys (issue 18 item 3): no page of an archive, full or public edition, shows a data
key, a coded value or a user id where words belong; people are named by name and role, values
by their words, numbers of days with their unit."""

from __future__ import annotations

from typing import Any

import pytest

from juece.adapters.reporting import archive, labels, persons
from juece.adapters.reporting.editions import make_edition
from juece.domain.record.acts import Act
from tests.unit.adapters.reporting import compliance_records, personal_records
from tests.unit.adapters.reporting.reporting_records import make_record
from tests.unit.adapters.reporting.words_scan import page_texts, problems, raw_keys

NAMES = {"sponsor_office": "周敏", "risk_assessor": "韩冰", "legality_reviewer": "陈静", "county_head": "张伟"}


def editions(record: dict[str, Any]) -> list[dict[str, Any]]:
    entries = record["entries"]
    return [make_edition(record["decision_id"], entries, edition, {}) for edition in ("full", "public")]


def named() -> dict[str, Any]:
    """The approved decision, its launched entry holding the names a launch takes from the people
    directory (services.decisions.people_named)."""
    add = compliance_records.Decision.add

    def with_names(self: compliance_records.Decision, acts: Any) -> list[dict[str, Any]]:
        if isinstance(acts, list) and acts and acts[0].kind == "launched":
            acts = [Act(acts[0].stage, acts[0].kind, acts[0].actor, {**acts[0].data, "people": NAMES})]
        return add(self, acts)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compliance_records.Decision, "add", with_names)
        return compliance_records.approved().record()


RECORDS = {
    "synthetic": lambda: make_record(),
    "approved": named,
    "gate-closed": lambda: compliance_records.gate_closed().record(),
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_no_page_shows_a_key_or_a_code(name: str) -> None:
    for record in editions(RECORDS[name]()):
        pages = page_texts(archive.render(record))
        assert problems(pages) == [], f"{name} {record['edition']}"


def test_the_public_edition_of_a_record_rich_in_personal_data_shows_no_key() -> None:
    """Its full edition prints a commenter's WeChat id as they typed it (free text, personal data
    the public edition removes), so only the public edition is scanned here."""
    record = make_edition(personal_records.DECISION, personal_records.entries(), "public",
                          personal_records.COMMENTERS)
    assert problems(page_texts(archive.render(record))) == []


def test_people_are_named_by_name_and_role_else_by_role() -> None:
    record = named()
    joined = "".join("".join(page.split()) for page in page_texts(archive.render(record)))
    assert "韩冰（风险评估人riskassessor）" in joined
    assert "周敏（承办单位sponsoroffice）" in joined
    with persons.naming(compliance_records.approved().record()):  # no names recorded: the role
        assert persons.person("risk_assessor") == "风险评估人 risk assessor"
        assert persons.person("member_2") == "会议组成人员 meeting member（member 2）"


def test_labels_and_values_are_words() -> None:
    assert labels.field_label("reason") == "理由 Reason"
    assert labels.field_label("effective_due_at") == "实际到期时间（加速时钟） Effective due (accelerated clock)"
    assert labels.field_label("some_new_key") == "Some new key"
    assert labels.value_text("support_with_conditions") == "附条件支持 Support with conditions"
    assert labels.value_text("partly_adopted") == "部分采纳 partly adopted"
    assert labels.value_text("public_participation") == "公众参与 Public participation"
    assert labels.value_text("seat_3") == "第3席 seat 3"
    assert labels.value_text("not_applicable:expert_review") == "不适用 not applicable · 专家论证 Expert review"
    assert labels.value_text("a_code_nobody_named") == "a code nobody named"
    assert labels.value_text("专家论证：不适用 / not_applicable, 1 entries") == "专家论证：不适用 / not applicable, 1 entries"
    assert labels.value_text(15, "comment_period_days") == "15 日 days"
    assert labels.value_text(20, "review_working_days") == "20 个工作日 working days"
    assert labels.value_text(12, "after_months") == "12 个月 months"
    assert labels.value_text("2027-03-01T01:00:00Z", "at").endswith("北京时间 UTC+8")
    assert labels.path_text("data.stages.public_participation.hearing.participants[0].name") == (
        "环节设置 Stages › 公众参与 Public participation › 听证会 Hearing › 参加人 Participants 1 › 姓名 Name")


def test_the_scan_finds_keys_and_lets_ids_a_reader_checks_be() -> None:
    text = ("截止 effective_due_at：2027 · 运行 manual__2027-03-01T00:00:00+00:00 · record.json · "
            "https://example.org/a_b · 专家 expert_03")
    assert raw_keys(text) == ["effective_due_at", "expert_03"]
