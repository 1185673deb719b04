"""The OFD edition (GB/T 33190): its parts, fonts embedded as subsets with their cmap, the
outline, record.json attached as in the PDF, the document information; the same record gives
the same bytes; a body without an SM2 key is refused, saying what to do."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from fontTools.ttLib import TTFont

from juece.adapters.ofd import pages
from juece.adapters.ofd.build import NoSM2Key, render_ofd
from juece.domain.record.ledger import canonical_json
from tests.unit.adapters.ofd.conftest import Built

NS = {"ofd": "http://www.ofdspec.org/2016"}


def _xml(path: Path, name: str) -> ElementTree.Element:
    with zipfile.ZipFile(path) as package:
        return ElementTree.fromstring(package.read(name))


def test_the_package_has_the_parts_of_an_ofd_document(editions: Built) -> None:
    _, path = editions["full"]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    assert names[0] == "OFD.xml" and "Doc_0/Document.xml" in names
    assert _xml(path, "OFD.xml").findtext("ofd:DocBody/ofd:DocRoot", None, NS) == "Doc_0/Document.xml"
    document = _xml(path, "Doc_0/Document.xml")
    pages = document.findall("ofd:Pages/ofd:Page", NS)
    assert len(pages) > 3 and all(f"Doc_0/{page.get('BaseLoc')}" in names for page in pages)
    assert document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", None, NS) == "0 0 210.00 297.00"
    titles = [elem.get("Title") for elem in document.iter(f"{{{NS['ofd']}}}OutlineElem")]
    assert len(titles) > 3 and any("意见" in str(title) for title in titles)  # the PDF's outline
    assert {"Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Signature.xml",
            "Doc_0/Signs/Sign_0/SignedValue.dat"} <= set(names)


def test_record_json_is_attached_canonical_and_the_info_names_the_decision(editions: Built) -> None:
    record, path = editions["public"]
    with zipfile.ZipFile(path) as package:
        assert package.read("Doc_0/Attachs/record.json") == canonical_json(record)
    attachment = _xml(path, "Doc_0/Attachs/Attachments.xml").find("ofd:Attachment", NS)
    assert attachment is not None and attachment.get("Name") == "record.json"
    info = _xml(path, "OFD.xml").find("ofd:DocBody/ofd:DocInfo", NS)
    assert info is not None
    custom = {elem.get("Name"): elem.text for elem in info.iter(f"{{{NS['ofd']}}}CustomData")}
    assert custom["chain_head"] == record["chain_head"] and custom["edition"] == "public"
    assert info.findtext("ofd:Author", None, NS) == "延寿县人民政府"
    assert info.findtext("ofd:CreationDate", None, NS) == "2027-03-01"


def test_fonts_are_embedded_subsets_with_their_cmap(editions: Built) -> None:
    _, path = editions["full"]
    res = _xml(path, "Doc_0/PublicRes.xml")
    fonts = res.findall("ofd:Fonts/ofd:Font", NS)
    assert fonts
    with zipfile.ZipFile(path) as package:
        faces = {font.get("FontName"): TTFont(io.BytesIO(package.read(
            f"Doc_0/Res/{font.findtext('ofd:FontFile', None, NS)}"))) for font in fonts}
    body = faces["JueceSong"]
    assert ord("院") in body.getBestCmap() and len(body.getGlyphOrder()) < 3000


def test_the_same_record_gives_the_same_bytes(editions: Built) -> None:
    record, path = editions["full"]
    assert render_ofd(record) == path.read_bytes()


def test_pages_translated_in_two_processes_give_the_same_bytes_as_in_one(editions: Built,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A long archive's pages are translated by two processes, a few pages at a time: every id is
    fixed before, so who translates which page changes nothing."""
    record, path = editions["full"]
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pages, "CHUNK", 1)
    monkeypatch.setattr(pages, "_processes", lambda: 2)
    assert render_ofd(record) == path.read_bytes()
    with zipfile.ZipFile(path) as package:
        ids = re.findall(r' ID="(\d+)"', "".join(package.read(name).decode() for name in package.namelist()
                                                  if name.endswith(".xml") and not name.startswith("Doc_0/Signs/")))
        assert len(ids) == len(set(ids))  # unique across the document, as OFD requires (signatures count apart)
        most = int(_xml(path, "Doc_0/Document.xml").find("ofd:CommonData/ofd:MaxUnitID", NS).text)
        assert max(map(int, ids)) <= most


def test_a_body_without_an_sm2_key_is_refused(editions: Built, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    record: dict[str, Any] = editions["full"][0]
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path))
    with pytest.raises(NoSM2Key) as refused:
        render_ofd(record)
    assert "没有 SM2 密钥" in str(refused.value) and "has no SM2 key" in str(refused.value)
    assert "body-key init" in str(refused.value)
