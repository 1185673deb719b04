"""The sponsor office's CSV round trip (R-B4) hands no formula to a spreadsheet program: a comment
or reason starting with `=`, `+`, `-` or `@` is exported as text, and read back as it was."""

from __future__ import annotations

from pathlib import Path

from juece.domain.acts import Act
from juece.domain.stages import Stage
from juece.office import compile_comments, export_csv, import_csv
from juece.spec import load_spec
from juece.store.ledger import Ledger

URBAN = Path(__file__).resolve().parents[2] / "templates" / "urban-planning.yaml"


def test_a_formula_typed_by_a_commenter_is_exported_as_text_and_a_reason_read_back_as_typed(juece_home: Path) -> None:
    ledger = Ledger()
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                               {"receipt": "C-000001", "cluster": "c1", "paragraph": 2, "late": False,
                                "text": "=HYPERLINK(\"http://evil.example\",\"点此\")"}))
    exported = export_csv(compile_comments(ledger, spec.id)).lstrip("\ufeff").splitlines()
    assert exported[1].startswith("C-000001,c1,1,2,False,\"'=HYPERLINK(")
    upload = "receipt,disposition,reason\nC-000001,not_adopted,'=与本决策无关\n"
    assert import_csv(ledger, spec.id, upload, "sponsor_office") == 1
    assert ledger.latest(spec.id, "comment_disposed")["data"]["reason"] == "=与本决策无关"
