"""The people directory (JUECE_PEOPLE_FILE): YAML or CSV; a bad row refused naming its row and field,
in Chinese and English; unset, nobody is known and everybody still gets the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.notify.people import (
    MAX_BYTES,
    PeopleFileError,
    directory_from_settings,
    load_people,
)
from juece.domain.notices.people import Person, person

YAML = """
- user: legality_reviewer
  name: 王审查
  email: wang@example.org
  im: wang01
- user: county_head
  name: 李县长
"""


def test_a_yaml_directory(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(YAML, encoding="utf-8")
    people = load_people(path)
    assert people["legality_reviewer"] == Person("legality_reviewer", "王审查", "wang@example.org", "wang01")
    assert people["county_head"] == Person("county_head", "李县长")
    assert person(people, "nobody") == Person("nobody") and person(people, "nobody").called == "nobody"


def test_a_csv_directory_with_a_bom_and_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("\ufeffuser,name,email,im\nsponsor_office,县住建局,office@example.org,\nmember_1,,,m1\n",
                    encoding="utf-8")
    people = load_people(path)
    assert people["sponsor_office"] == Person("sponsor_office", "县住建局", "office@example.org", "")
    assert people["member_1"] == Person("member_1", "", "", "m1")


@pytest.mark.parametrize(("text", "suffix", "row", "field"), [
    ("- user: a\n  email: not-an-address\n", ".yaml", 1, "email"),
    ("- user: a\n- user: b c\n", ".yaml", 2, "user"),
    ("- user: a\n- user: a\n", ".yaml", 2, "user"),
    ("- user: a\n  phone: '123'\n", ".yaml", 1, "phone"),
    ("- user: a\n  name: [x]\n", ".yaml", 1, "name"),
    ("- user: a\n  im: \"x\\ny\"\n", ".yaml", 1, "im"),
    ("- just text\n", ".yaml", 1, "—"),
    ("user,name,email\na,A,a@example.org\nb,B,b@@x\n", ".csv", 2, "email"),
    ("user,name\n,nameless\n", ".csv", 1, "user"),
])
def test_a_bad_row_is_refused_naming_row_and_field(tmp_path: Path, text: str, suffix: str, row: int,
                                                   field: str) -> None:
    path = tmp_path / f"people{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PeopleFileError) as refused:
        load_people(path)
    message = str(refused.value)
    assert f"第{row}条" in message and f"row {row}, field {field}" in message
    assert message.index("人员名录") < message.index("the people file")


@pytest.mark.parametrize(("content", "said"), [
    (b"user: [unclosed\n", "not valid YAML"),
    (b"user: a\n", "must be a list"),
    (b"\xff\xfe bad", "not UTF-8"),
    (b"name,email\nA,a@example.org\n", "no `user` column"),
])
def test_an_unreadable_file_is_refused_in_both_languages(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / ("people.csv" if b"," in content else "people.yaml")
    path.write_bytes(content)
    with pytest.raises(PeopleFileError, match=said):
        load_people(path)


def test_a_file_too_large_or_missing_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(PeopleFileError, match="larger than"):
        load_people(big)
    with pytest.raises(PeopleFileError, match="cannot read"):
        load_people(tmp_path / "missing.yaml")


def test_the_setting_names_the_file_and_unset_knows_nobody(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_PEOPLE_FILE", raising=False)
    assert directory_from_settings() == {}
    path = tmp_path / "people.yaml"
    path.write_text(YAML, encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(path))
    assert set(directory_from_settings()) == {"legality_reviewer", "county_head"}
