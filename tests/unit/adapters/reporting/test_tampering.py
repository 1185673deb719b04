"""A corpus of tamperings with a signed archive: each one fails `verify_archive` naming its cause."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from juece.adapters.reporting.body_keys import init_body_key
from juece.adapters.reporting.sign import sign_pdf, signing_time
from juece.adapters.reporting.verify import verify_archive
from juece.cli.main import main
from tests.unit.adapters.reporting.reporting_records import EVENTS, make_record

BODY = "延寿县人民政府"
NOT_SIGNED = "carries no signature"
CHANGED = "signed bytes were changed"
UPDATED = "incremental update(s) were added after the signature"
TRUNCATED = "truncated"
CHAIN = "record chain broken"
REWRITTEN = "rewritten (re-saved) after signing"


@dataclass
class Case:
    data: bytes
    record: dict[str, Any]
    other: Path
    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch


def unsigned(data: bytes) -> bytes:
    """The file as it was before the signature's incremental update."""
    contents = data.rindex(b"/ByteRange")
    end = data.rindex(b"%%EOF", 0, contents) + len(b"%%EOF")
    return data[:end + 1] if data[end:end + 1] == b"\n" else data[:end]


def resave(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def incremental(data: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def edit_record(raw: bytes) -> bytes:
    edited = raw.replace("儿科急诊".encode(), "儿科门诊".encode(), 1)
    assert edited != raw
    return edited


def json_reembedded(case: Case) -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        stream = pdf.attachments["record.json"].get_file().obj
        stream.write(edit_record(stream.read_bytes()))
    return resave(case.data, change)


def json_in_a_later_update(case: Case) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        spec = writer.root["/AF"][0]
        old = spec["/EF"]["/F"]
        new = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")},
                                   stream_data=edit_record(old.data))
        spec["/EF"]["/F"] = spec["/EF"]["/UF"] = writer.add_object(new)
        writer.update_container(spec["/EF"])
    return incremental(case.data, change)


def json_byte_flipped(case: Case) -> bytes:
    with pikepdf.open(io.BytesIO(case.data)) as pdf:
        raw = pdf.attachments["record.json"].get_file().obj.read_raw_bytes()
    at = case.data.index(raw) + len(raw) // 2
    return case.data[:at] + bytes([case.data[at] ^ 0x01]) + case.data[at + 1:]


def page_content_edited(case: Case) -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        contents = pdf.pages[2].obj.Contents
        raw = contents.read_bytes()
        contents.write(re.sub(rb"\(([^()\\]{2,})\) Tj", rb"(XX) Tj", raw, count=1))
    return resave(case.data, change)


def page_from_another_archive(case: Case) -> bytes:
    with pikepdf.open(case.other) as other:
        def change(pdf: pikepdf.Pdf) -> None:
            pdf.pages[1] = other.pages[1]
        return resave(case.data, change)


def head_changed_in_a_later_update(case: Case) -> bytes:
    head = case.record["chain_head"].encode()

    def change(writer: IncrementalPdfFileWriter) -> None:
        page = writer.root["/Pages"]["/Kids"][1].get_object()
        raw = page["/Contents"].data
        assert head in raw
        page["/Contents"] = writer.add_object(generic.StreamObject(
            stream_data=raw.replace(head, b"0123456789abcdef" * 4)))
        writer.update_container(page)
    return incremental(case.data, change)


def signature_update_dropped(case: Case) -> bytes:
    return unsigned(case.data)


def signature_field_removed(case: Case) -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/AcroForm"]
        for page in pdf.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
    return resave(case.data, change)


def forged_with_an_unregistered_key(case: Case) -> bytes:
    case.monkeypatch.setenv("JUECE_KEYS_DIR", str(case.tmp_path / "forger"))
    init_body_key(BODY)  # the same name, another key
    forged = sign_pdf(unsigned(case.data), BODY, signing_time(case.record))
    case.monkeypatch.setenv("JUECE_KEYS_DIR", str(case.tmp_path / "keys"))
    return forged


def signed_by_another_body(case: Case) -> bytes:
    case.monkeypatch.setenv("JUECE_KEYS_DIR", str(case.tmp_path / "other-body"))
    init_body_key("某某公司")
    forged = sign_pdf(unsigned(case.data), "某某公司", signing_time(case.record))
    case.monkeypatch.setenv("JUECE_KEYS_DIR", str(case.tmp_path / "keys"))
    return forged


def cut(keep: float) -> Callable[[Case], bytes]:
    return lambda case: case.data[:int(len(case.data) * keep)]


CASES: list[tuple[str, Callable[[Case], bytes], list[str]]] = [
    ("json-re-embedded", json_reembedded, [REWRITTEN, CHAIN]),
    ("json-in-a-later-update", json_in_a_later_update, [UPDATED, CHAIN]),
    ("json-byte-flipped", json_byte_flipped, [CHANGED]),
    ("page-content-edited", page_content_edited, [REWRITTEN, CHANGED]),
    ("page-from-another-archive", page_from_another_archive,
     [REWRITTEN, "page 2: the printed chain head differs"]),
    ("printed-head-changed", head_changed_in_a_later_update,
     [UPDATED, "page 2: the printed chain head differs"]),
    ("signature-update-dropped", signature_update_dropped, [NOT_SIGNED]),
    ("signature-field-removed", signature_field_removed, [NOT_SIGNED]),
    ("truncated-half", cut(0.5), [TRUNCATED]),
    ("truncated-99%", cut(0.99), [TRUNCATED]),
    ("truncated-99.99%", cut(0.9999), [TRUNCATED]),
    ("truncated-last-byte", lambda case: case.data[:-1], [TRUNCATED]),
    ("truncated-in-signature", lambda case: case.data[:len(unsigned(case.data)) + 700], [TRUNCATED]),
    ("bytes-appended", lambda case: case.data + b"% later\n",
     ["8 bytes were appended after the signature"]),
    ("update-appended", lambda case: incremental(case.data, lambda w: w.set_info(
        generic.DictionaryObject({generic.NameObject("/Title"): generic.TextStringObject("x")}))),
     [UPDATED]),
    ("forged-unregistered-key", forged_with_an_unregistered_key,
     ["not the one registered here for '延寿县人民政府'"]),
    ("signed-by-another-body", signed_by_another_body,
     ["not by the decision body '延寿县人民政府'"]),
]


@pytest.fixture(scope="module")
def other_archive(tmp_path_factory: pytest.TempPathFactory, body_keys_source: Path) -> Path:
    from juece.adapters.reporting.archive import build_archive

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(body_keys_source))
        return build_archive(make_record(EVENTS[:6]), tmp_path_factory.mktemp("other") / "other.pdf")


def test_the_untouched_archive_passes(archive: Path) -> None:
    report = verify_archive(archive)
    assert report.ok and report.problems == [] and report.warnings == []
    assert report.signer == BODY


@pytest.mark.parametrize(("tamper", "causes"), [(f, c) for _, f, c in CASES],
                         ids=[name for name, _, _ in CASES])
def test_each_tampering_fails_naming_its_cause(
    tamper: Callable[[Case], bytes], causes: list[str], archive: Path, record: dict[str, Any],
    other_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = archive.read_bytes()
    tampered = tamper(Case(data, record, other_archive, tmp_path, monkeypatch))
    assert tampered != data
    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered)
    report = verify_archive(path)
    assert not report.ok
    for cause in causes:
        assert any(cause in problem for problem in report.problems), (cause, report.problems)


def test_juece_verify_exits_0_on_the_archive_and_1_naming_the_problem(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--offline", str(archive)]) == 0
    out, err = capsys.readouterr()
    assert f"OK: {archive}" in out and "signed by 延寿县人民政府" in out and err == ""
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(archive.read_bytes() + b"% later\n")
    assert main(["verify", "--offline", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "FAIL: 签名后追加了 8 个字节 / 8 bytes were appended after the signature" in err
    assert "OK" not in out and "Traceback" not in out + err
