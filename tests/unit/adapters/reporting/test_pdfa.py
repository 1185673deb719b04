"""PDF/A: the PDF/A-1b twin passes Apache PDFBox Preflight; the PDF/A-3b parts are checked here.

Preflight knows PDF/A-1b only, so it validates the twin (`render_pdfa1`: same content, no
attachment); what PDF/A-3 adds (record.json, /AF, pdfaid:part 3) is checked with pikepdf on
the same content finished as part 3.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting import pdfa
from juece.adapters.reporting.archive import render_pdfa1
from juece.domain.record.ledger import canonical_json
from tests.unit.adapters.reporting.reporting_records import EMOJI, EVENTS, RARE, make_record

JAVA_LIBS = Path("/usr/share/java")
# Debian's libpdfbox2-java (preflight, pdfbox2, fontbox2, xmpbox) and the libraries
# Preflight loads at run time: commons-logging, javax.activation, jaxb-api.
PREFLIGHT_JARS = ("preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar",
                  "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar")
PREFLIGHT_MAIN = "org.apache.pdfbox.preflight.Validator_A1b"
ERROR_CODE = re.compile(r"^(\d+(?:\.\d+)+) : (.*)$", re.MULTILINE)
# Ext. B ideographs only HanaMinB has: their glyphs lie past its 99 full hmtx metrics.
HANAMIN_B = "𪛖𫝀"

needs_preflight = pytest.mark.skipif(
    shutil.which("java") is None or not all((JAVA_LIBS / jar).is_file() for jar in PREFLIGHT_JARS),
    reason="PDFBox Preflight not installed (Debian libpdfbox2-java, libactivation-java, "
           "libjaxb-api-java, default-jre-headless)",
)


def preflight(path: Path) -> tuple[bool, list[str]]:
    """Preflight's verdict and its error lines ('code : message')."""
    classpath = ":".join(str(JAVA_LIBS / jar) for jar in PREFLIGHT_JARS)
    result = subprocess.run(["java", "-cp", classpath, PREFLIGHT_MAIN, str(path)],
                            capture_output=True, text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    errors = [f"{code} : {message}" for code, message in ERROR_CODE.findall(output)]
    valid = result.returncode == 0 and "is a valid PDF/A-1b file" in output
    return valid, errors


def info_of(data: bytes) -> dict[str, str]:
    """The document info entries, as the strings `pdfa.finish` takes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {key[1:]: str(value) for key, value in pdf.docinfo.items()}


@pytest.fixture(scope="module")
def twin(record: dict[str, Any]) -> bytes:
    return render_pdfa1(record)


@pytest.fixture(scope="module")
def part3(twin: bytes, record: dict[str, Any]) -> bytes:
    """The same content finished as PDF/A-3b (unsigned)."""
    return pdfa.finish(twin, record, info_of(twin), part=3)


@needs_preflight
def test_the_pdfa1_twin_passes_pdfbox_preflight(twin: bytes, tmp_path: Path) -> None:
    path = tmp_path / "twin.pdf"
    path.write_bytes(twin)
    valid, errors = preflight(path)
    assert valid, "PDFBox Preflight errors:\n" + "\n".join(errors)


@needs_preflight
def test_preflight_fails_a_broken_file(twin: bytes, tmp_path: Path) -> None:
    """The check can fail: no output intent and an XMP that disagrees with Info."""
    with pikepdf.open(io.BytesIO(twin)) as pdf:
        del pdf.Root["/OutputIntents"]
        pdf.docinfo["/Title"] = "another title"
        pdf.save(tmp_path / "broken.pdf")
    valid, errors = preflight(tmp_path / "broken.pdf")
    assert not valid
    assert any(error.startswith("7.") for error in errors)  # metadata mismatch
    assert any(error.startswith("2.4.") for error in errors)  # colour without a profile


@needs_preflight
def test_rare_ideographs_from_hanamin_b_keep_their_widths(tmp_path: Path) -> None:
    """Glyphs past hhea.numberOfHMetrics have the same width in /Widths and in the font;
    characters above U+FFFF extract verbatim (surrogate pairs in the ToUnicode maps)."""
    comment = ("public_participation", "comment_received", "public",
               {"receipt": "C-0009", "text": f"生僻字{HANAMIN_B}𠀀表情😀", "paragraph": 1,
                "late": False})
    path = tmp_path / "rare.pdf"
    path.write_bytes(render_pdfa1(make_record([*EVENTS[:6], comment, *EVENTS[6:]])))
    valid, errors = preflight(path)
    assert valid, "PDFBox Preflight errors:\n" + "\n".join(errors)
    joined = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)
    assert f"生僻字{HANAMIN_B}𠀀表情😀" in joined


def test_the_twin_is_pdfa1b_without_attachments(twin: bytes) -> None:
    assert twin.startswith(b"%PDF-1.4\n")
    with pikepdf.open(io.BytesIO(twin)) as pdf:
        assert not pdf.attachments
        assert "/AF" not in pdf.Root
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("1", "B")


def test_pdfa3_metadata_equals_the_document_info(part3: bytes) -> None:
    with pikepdf.open(io.BytesIO(part3)) as pdf:
        info = {key[1:]: str(value) for key, value in pdf.docinfo.items()}
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        assert meta["dc:title"] == info["Title"]
        assert meta["dc:creator"] == [info["Author"]]
        assert meta["dc:description"] == info["Subject"]
        assert meta["pdf:Keywords"] == info["Keywords"]
        assert meta["pdf:Producer"] == info["Producer"] == pdfa.PRODUCER
        assert meta["xmp:CreatorTool"] == info["Creator"]
        assert meta["xmp:CreateDate"] == pdfa.xmp_date(info["CreationDate"])
        assert meta["xmp:ModifyDate"] == pdfa.xmp_date(info["ModDate"])
        assert set(info) == {"Title", "Author", "Subject", "Keywords", "Producer", "Creator",
                             "CreationDate", "ModDate"}
        xml = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert xml.count("<rdf:Description ") == 4  # one per schema: dc, xmp, pdf, pdfaid


def test_the_signed_archive_keeps_its_pdfa3_metadata(archive: Path) -> None:
    """The signature is appended as an update that leaves Info and XMP as finished."""
    with pikepdf.open(archive) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"]) == pdfa.PRODUCER
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
        assert meta["xmp:ModifyDate"] == pdfa.xmp_date(str(pdf.docinfo["/ModDate"]))
        assert "/OutputIntents" in pdf.Root and "/Filter" not in pdf.Root.Metadata


def test_annotations_are_printed(twin: bytes) -> None:
    with pikepdf.open(io.BytesIO(twin)) as pdf:
        annotations = [item for page in pdf.pages for item in page.obj.get("/Annots", [])]
        assert annotations  # the table of contents links
        assert all(int(item.F) & 4 and not int(item.F) & (1 | 2 | 32) for item in annotations)


def test_pdfa3_has_an_srgb_output_intent(part3: bytes) -> None:
    with pikepdf.open(io.BytesIO(part3)) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert isinstance(profile, pikepdf.Stream) and int(profile.N) == 3
        assert profile.read_bytes()[36:40] == b"acsp"  # an ICC profile's signature
        assert len(pdf.trailer.ID) == 2


def test_pdfa3_attaches_the_record_as_json_source_listed_in_af(
    part3: bytes, record: dict[str, Any]
) -> None:
    with pikepdf.open(io.BytesIO(part3)) as pdf:
        spec = pdf.attachments["record.json"]
        assert spec.obj.AFRelationship == pikepdf.Name.Source
        assert spec.obj.objgen == pdf.Root.AF[0].objgen
        attached = spec.get_file()
        assert attached.read_bytes() == canonical_json(record)
        assert attached.mime_type == "application/json"
        stream = spec.obj.EF.F
        assert str(stream.Params.ModDate) == str(pdf.docinfo["/ModDate"])
        assert spec.obj.UF == "record.json"


EXTENSION_SCHEMA = re.compile(r"XMP (namespace|property) (juece|pdfaExtension|pdfaSchema|pdfaProperty)[:=]")


def test_pikepdf_finds_no_pdfa_violation(twin: bytes, part3: bytes) -> None:
    """pikepdf's own PDF/A checker, the only one here that knows PDF/A-3b. It does not read PDF/A
    extension schemas, so it refuses the archival metadata's declared juece schema (xmp_archival)
    that Preflight accepts (test_dossier_volume): those findings, and only those, are set aside."""
    checker = pytest.importorskip("pikepdf.pdfa")
    for data, flavour in ((twin, "1b"), (part3, "3b")):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            report = checker.check(pdf, flavour)
        left = [finding for finding in report.findings if not EXTENSION_SCHEMA.match(finding.message)]
        assert not left, report.summary()


def test_cid_fonts_carry_a_cid_set_in_pdfa1_only(twin: bytes, part3: bytes) -> None:
    """PDF/A-1 requires the CIDSet of a subset CID font; PDF/A-3 validators cannot check one."""
    for data, expected in ((twin, True), (part3, False)):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            fonts = [font for font in pdf.pages[0].Resources.Font.values()
                     if font.Subtype == "/Type0"]
            assert fonts
            for font in fonts:
                assert ("/CIDSet" in font.DescendantFonts[0].FontDescriptor) is expected


def test_the_same_record_gives_the_same_bytes(
    twin: bytes, part3: bytes, record: dict[str, Any]
) -> None:
    again = render_pdfa1(make_record())
    assert again == twin
    assert pdfa.finish(again, record, info_of(again), part=3) == part3


def test_saved_with_a_classic_xref_table_and_no_object_streams(part3: bytes) -> None:
    assert b"/ObjStm" not in part3 and b"/XRef" not in part3
    assert part3.count(b"\nxref\n") == 1 and part3.endswith(b"%%EOF\n")


def test_every_font_is_embedded(twin: bytes, part3: bytes) -> None:
    """All font dictionaries in the file, whether used on pages, in tables, the TOC or forms."""
    for data in (twin, part3):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            fonts = [obj for obj in pdf.objects
                     if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
            assert fonts
            for font in fonts:
                for face in font.get("/DescendantFonts", [font]):
                    described = face.get("/FontDescriptor", {})
                    assert "/FontFile2" in described or "/FontFile3" in described, \
                        f"{face.get('/BaseFont')} is not embedded"
                    assert "Helvetica" not in str(face.get("/BaseFont"))


def test_emoji_and_ext_b_characters_extract_verbatim(twin: bytes) -> None:
    """ToUnicode maps use UTF-16 surrogate pairs above U+FFFF."""
    reader = pypdf.PdfReader(io.BytesIO(twin))
    joined = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert f"表情{EMOJI}与生僻字{RARE}" in joined


def test_only_parts_1_and_3_are_made(twin: bytes, record: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="part 2"):
        pdfa.finish(twin, record, info_of(twin), part=2)


def test_xmp_dates_are_utc() -> None:
    assert pdfa.xmp_date("D:20270301010159Z") == "2027-03-01T01:01:59Z"
    with pytest.raises(ValueError):
        pdfa.xmp_date("D:2027")
