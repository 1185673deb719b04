"""Editions (R-H6): the public edition holds no personal data and says what it removed; the full
edition holds everything; both verify; every comment's text comes back verbatim."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.editions import chain_problems, make_edition
from juece.adapters.reporting.verify import verify_archive
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS, SPEC, make_entries

NAME, PHONE, ID_NUMBER, MAIL = "王小明", "13912345678", "11010519491231002X", "xiaoming@example.cn"
PARTICIPANT = "李听证"
PERSONAL = {"C-0100": {"name": NAME, "contact": PHONE}}
TEXTS = [f"第{n}条意见：建议公交线路第{n}路延伸至新院区，并增设站台。" for n in range(60)]


def _events() -> list[tuple[str, str, str, dict[str, Any]]]:
    spec = json.loads(json.dumps(SPEC))
    spec["stages"]["public_participation"]["hearing"] = {
        "participants": [{"user": "hearing_01", "name": PARTICIPANT, "side": "居民"}]}
    events = [("launch", "launched", "sponsor_office", {"spec": spec, "clock_scale": 1}), *EVENTS[1:3]]
    events.append(("public_participation", "comment_received", "public", {
        "receipt": "C-0100", "late": False,
        "text": f"我是{NAME}，电话{PHONE}，身份证{ID_NUMBER}，邮箱{MAIL}，支持建设。"}))
    events += [("public_participation", "comment_received", "public",
                {"receipt": f"C-{n:04d}", "text": text, "late": False}) for n, text in enumerate(TEXTS)]
    events.append(("public_participation", "hearing_record_signed", "hearing_01",
                   {"participant": "hearing_01", "confirmed": True, "remarks": f"{PARTICIPANT}确认笔录"}))
    return events + EVENTS[8:]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory,
             body_keys_source: Path) -> dict[str, tuple[dict[str, Any], Path]]:
    entries = make_entries(_events())
    folder = tmp_path_factory.mktemp("editions")
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(body_keys_source))
        for edition in ("full", "public"):
            record = make_edition(DECISION, entries, edition, PERSONAL)
            built[edition] = (record, build_archive(record, folder / f"{edition}.pdf"))
    return built


def _text(path: Path) -> str:
    return "".join("".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages)


def _attached(path: Path) -> str:
    with pikepdf.open(io.BytesIO(path.read_bytes())) as pdf:
        return pdf.attachments["record.json"].get_file().read_bytes().decode("utf-8")


@pytest.mark.parametrize("secret", [NAME, PHONE, ID_NUMBER, MAIL, PARTICIPANT, "hearing_01"])
def test_the_public_edition_holds_no_personal_data_in_pages_or_record(editions: Any, secret: str) -> None:
    _, path = editions["public"]
    assert secret not in _text(path)
    assert secret not in _attached(path)


def test_the_public_edition_logs_each_removal_by_rule_and_verifies(editions: Any) -> None:
    record, path = editions["public"]
    kinds = {(item["seq"], item["what_en"]) for item in record["redactions"]}
    assert {"name", "mobile number", "identity card number", "e-mail address"} <= {k for _, k in kinds}
    assert all(item["rule"] == "R-H6" for item in record["redactions"])
    assert "个人信息删除记录" in _text(path)
    report = verify_archive(path)
    assert report.ok, report.problems
    assert report.redacted >= 3


def test_the_full_edition_keeps_name_and_contact_and_verifies(editions: Any) -> None:
    record, path = editions["full"]
    text = _text(path)
    assert NAME in text and PHONE in text and PARTICIPANT in _attached(path)
    assert json.loads(_attached(path))["personal"]["commenters"]["C-0100"]["name"] == NAME
    assert verify_archive(path).ok


@pytest.mark.parametrize("edition", ["full", "public"])
def test_every_comment_and_opinion_text_comes_back_verbatim(editions: Any, edition: str) -> None:
    record, path = editions[edition]
    text = _text(path)
    opinions = [e["data"]["opinion"] for e in record["entries"] if e["kind"] == "opinion_submitted"]
    missing = [t for t in [*TEXTS, *opinions] if "".join(t.split()) not in text]
    assert opinions and not missing


def test_a_redacted_entry_must_still_link_into_the_chain(editions: Any) -> None:
    record = json.loads(json.dumps(editions["public"][0]))
    redacted = next(entry for entry in record["entries"] if "redacted" in entry and entry["seq"] > 1)
    redacted["prev_hash"] = "0" * 64
    assert any("prev_hash" in problem for problem in chain_problems(record))


def test_a_redaction_mark_in_the_full_edition_is_a_problem(editions: Any) -> None:
    record = json.loads(json.dumps(editions["full"][0]))
    record["entries"][3]["redacted"] = ["data.text"]
    assert any("not the public edition" in problem for problem in chain_problems(record))
