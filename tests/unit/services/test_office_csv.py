"""The sponsor office's CSV round trip (R-B4) hands no formula to a spreadsheet program: a comment
or reason starting with `=`, `+`, `-` or `@` is exported as text, and read back as it was."""

from __future__ import annotations

from pathlib import Path

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.services.office import compile_comments, export_csv, import_csv
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"


def test_a_formula_typed_by_a_commenter_is_exported_as_text_and_a_reason_read_back_as_typed(juece_home: Path) -> None:
    ledger = Ledger()
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                               {"receipt": "C-000001", "cluster": "c1", "paragraph": 2, "late": False,
                                "text": "=HYPERLINK(\"http://evil.example\",\"点此\")"}))
    exported = export_csv(compile_comments(ledger, spec.id)).lstrip("\ufeff").splitlines()
    assert exported[1].startswith("C-000001,1,1,2,否 no,\"'=HYPERLINK(")
    upload = "receipt,disposition,reason\nC-000001,not_adopted,'=与本决策无关\n"
    assert import_csv(ledger, spec.id, upload, "sponsor_office") == 1
    assert ledger.latest(spec.id, "comment_disposed")["data"]["reason"] == "=与本决策无关"


def launched_with_comments(*clusters: str) -> tuple[Ledger, str]:
    ledger = Ledger()
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    for number, cluster in enumerate(clusters, start=1):
        ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                   {"receipt": f"C-{number:06d}", "cluster": cluster, "paragraph": 1, "late": False,
                                    "text": f"意见{number}"}))
    return ledger, spec.id


def test_the_sheet_has_chinese_headers_and_clusters_by_number_with_their_size(juece_home: Path) -> None:
    ledger, decision = launched_with_comments("aa11", "bb22", "bb22")
    header, *rows = export_csv(compile_comments(ledger, decision)).lstrip("\ufeff").splitlines()
    assert header.startswith("回执号 receipt,意见类 cluster,同类条数 cluster size,段落 paragraph,逾期 late")
    assert "处理结果 disposition（采纳/部分采纳/不予采纳）" in header
    assert [row.split(",")[1:3] for row in rows] == [["2", "1"], ["1", "2"], ["1", "2"]]  # the largest is 1
    assert "aa11" not in "\n".join(rows) and "bb22" not in "\n".join(rows)


def test_a_clerk_fills_dispositions_in_words_and_saves_the_sheet_as_gbk(juece_home: Path) -> None:
    from juece.domain.participation.sheet import decode

    ledger, decision = launched_with_comments("aa11", "bb22", "cc33")
    exported = export_csv(compile_comments(ledger, decision)).lstrip("\ufeff").splitlines()
    rows = [exported[0]] + [",".join(exported[n].split(",")[:-2] + [word, reason])
                             for n, word, reason in ((1, "采纳", ""), (2, "部分采纳", "已改第一条"),
                                                     (3, "不予采纳", "与本决策无关"))]
    saved_by_excel = ("\r\n".join(rows) + "\r\n").encode("gb18030")
    assert import_csv(ledger, decision, decode(saved_by_excel), "sponsor_office") == 3
    recorded = {e["data"]["ref"]: e["data"]["disposition"] for e in ledger.entries(decision)
                if e["kind"] == "comment_disposed"}
    assert recorded == {"C-000001": "adopted", "C-000002": "partly_adopted", "C-000003": "not_adopted"}


def test_codes_and_english_headers_are_still_taken(juece_home: Path) -> None:
    ledger, decision = launched_with_comments("aa11")
    assert import_csv(ledger, decision, "Receipt,Disposition,Reason\nC-000001,not_adopted,无关\n", "sponsor_office") == 1


def test_a_word_that_is_no_disposition_is_refused_with_r_b4_and_its_line(juece_home: Path) -> None:
    import pytest

    from juece.domain.record.errors import RuleViolation

    ledger, decision = launched_with_comments("aa11")
    with pytest.raises(RuleViolation) as refused:
        import_csv(ledger, decision, "回执号 receipt,处理结果 disposition,理由 reason\nC-000001,同意,\n", "sponsor_office")
    assert refused.value.rule == "R-B4" and refused.value.en.startswith("line 2: ")
