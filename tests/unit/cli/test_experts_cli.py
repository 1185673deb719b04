"""`juece experts`: import, list, export, remove, keygen and sign (R-C1, R-C4)."""

from __future__ import annotations

import stat
from collections import Counter
from pathlib import Path

import pytest

from juece.adapters.store.experts import ExpertLibrary
from juece.cli.main import main
from juece.domain.expert_review.experts import parse_experts
from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.signatures import opinion_digest, verify_signature

TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "libraries" / "experts.yaml"
HEADER = "user,name,specialties,affiliation,official_of,integrity,removed,removed_reason,removed_on,public_key\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["experts", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(juece_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "import", str(TEMPLATE))
    assert code == 0 and "新增 added 50" in out
    return juece_home


def test_the_demo_library_has_every_specialty_thrice_and_draws_a_panel() -> None:
    import yaml

    experts = parse_experts(yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))["experts"], str(TEMPLATE))
    active = [e for e in experts if not e.removed]
    assert len(experts) == 50 and len(active) == 48 and sum(e.official_of is not None for e in experts) == 8
    assert min(Counter(s for e in active for s in e.specialties).values()) >= 3
    rules = PanelRules(7, ("城市规划", "土地管理", "法律", "文物保护"), "延寿县自然资源局")
    assert len(draw_panel(experts, rules, "demo").seats) == 7


def test_list_hides_removed_experts_unless_asked_and_marks_them(imported: Path, capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and len(out.splitlines()) == 49 and "已除名" not in out
    code, out, _ = run(capsys, "list", "--all")
    assert len(out.splitlines()) == 51 and out.count("已除名 removed") == 2


@pytest.mark.parametrize("suffix", ["csv", "yaml"])
def test_an_export_imports_again_exactly(imported: Path, tmp_path: Path, monkeypatch, capsys, suffix: str) -> None:
    run(capsys, "remove", "expert_03", "--reason", "无故缺席论证三次", "--date", "2026-06-01")
    first = tmp_path / f"first.{suffix}"
    assert run(capsys, "export", str(first))[0] == 0
    assert "新增 added 0, 更新 updated 0, 未变 unchanged 50" in run(capsys, "import", str(first))[1]
    monkeypatch.setenv("JUECE_HOME", str(tmp_path / "elsewhere"))
    assert "新增 added 50" in run(capsys, "import", str(first))[1]
    second = tmp_path / f"second.{suffix}"
    run(capsys, "export", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert ExpertLibrary().get("expert_03").removed_on == "2026-06-01"


def test_list_prints_csv_and_yaml(imported: Path, capsys) -> None:
    assert run(capsys, "list", "--format", "csv")[1].startswith(HEADER.strip())
    assert run(capsys, "list", "--format", "yaml")[1].startswith("experts:")


def test_removal_is_recorded_and_an_unknown_expert_is_refused(imported: Path, capsys) -> None:
    code, out, _ = run(capsys, "remove", "expert_01", "--reason", "收受申请单位礼金", "--date", "2026-07-01")
    assert code == 0 and "expert_01" in out
    assert ExpertLibrary().get("expert_01").removed_reason == "收受申请单位礼金"
    code, _, err = run(capsys, "remove", "nobody", "--reason", "x")
    assert code == 2 and "nobody" in err and "Traceback" not in err
    assert "[R-" not in err  # an unknown name is a form error, not a breach of R-C4
    assert run(capsys, "remove", "expert_02", "--reason", "x", "--date", "1 July")[0] == 2


def test_keygen_writes_private_keys_once_and_a_signature_verifies(imported: Path, tmp_path: Path, capsys) -> None:
    keys = tmp_path / "keys"
    code, out, _ = run(capsys, "keygen", "--dir", str(keys))
    assert code == 0 and len(list(keys.glob("*.pem"))) == 48
    pem = keys / "expert_01.pem"
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert "every expert already has a public key" in run(capsys, "keygen", "--dir", str(keys))[1]
    before = pem.read_bytes()
    code, _, err = run(capsys, "keygen", "--dir", str(keys), "expert_01")
    assert code == 2 and "不覆盖" in err and "[R-" not in err and pem.read_bytes() == before
    digest = opinion_digest({"decision": "yanshou-2027-urban-001", "seat": "seat_1", "expert": "expert_01"})
    code, signature, _ = run(capsys, "sign", "--key", str(pem), digest)
    assert code == 0
    assert verify_signature(ExpertLibrary().get("expert_01").public_key, digest, signature.strip())


def test_keygen_without_dir_writes_into_juece_keys_dir_where_the_demo_signs_from(
        imported: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from juece.demo.library import sign_as

    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "configured"))
    code, out, _ = run(capsys, "keygen", "expert_07")
    assert code == 0 and str(tmp_path / "configured" / "expert_07.pem") in out
    digest = opinion_digest({"decision": "yanshou-2027-urban-001", "seat": "seat_1", "expert": "expert_07"})
    assert verify_signature(ExpertLibrary().get("expert_07").public_key, digest, sign_as("expert_07", digest))


def test_keygen_refuses_a_removed_expert_and_sign_a_malformed_digest(imported: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "keygen", "--dir", str(tmp_path), "expert_17")
    assert code == 2 and "[R-C4]" in err
    code, _, err = run(capsys, "sign", "--key", str(tmp_path / "missing.pem"), "ab")
    assert code == 2 and "64 lowercase hex digits" in err and "[R-" not in err
    code, _, err = run(capsys, "sign", "--key", str(tmp_path / "missing.pem"), "a" * 64)
    assert code == 2 and "missing.pem" in err


def test_a_bad_row_names_file_line_and_field_and_nothing_is_imported(juece_home: Path, tmp_path: Path,
                                                                     capsys) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "expert_01,王建国,城市规划,哈工大,,,否,,,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "expert_02,李秀英,法律,黑大,,,否,,,\nexpert_03,张志强,,黑大,,,否,,,\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(good), str(bad))
    assert code == 2 and f"{bad}:3" in err and "specialties" in err and "[R-C4]" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert ExpertLibrary().all() == []


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("broken.yaml", "experts:\n  - user: a\n   name: b\n", "broken.yaml:3"),
    ("list.yaml", "experts: 3\n", "list of experts"),
    ("typo.yaml", "experts:\n- {user: a, name: b, specialties: [法律], affiliation: c, removd: true}\n", "`removed`"),
    ("lib.txt", "", ".csv, .yaml or .yml"),
    ("missing.csv", None, "missing.csv"),
], ids=["yaml-syntax", "not-a-list", "unknown-column", "suffix", "missing"])
def test_an_unreadable_file_is_refused_in_one_line(juece_home: Path, tmp_path: Path, capsys, name: str,
                                                   text: str | None, expected: str) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1
    assert "[R-" not in err  # the file's form, not a rule of the statute


def test_the_same_user_in_two_files_is_refused(juece_home: Path, tmp_path: Path, capsys) -> None:
    row = "expert_01,王建国,城市规划,哈工大,,,否,,,\n"
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text(HEADER + row, encoding="utf-8")
    code, _, err = run(capsys, "import", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert code == 2 and "a.csv" in err and "b.csv" in err
