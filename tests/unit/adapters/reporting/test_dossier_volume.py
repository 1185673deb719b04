"""The archive as a volume (GB/T 9705, DA/T 22): the cover's fields, the file list whose page numbers
are the pages its documents begin on, the reference sheet at the end, and the DA/T 46 archival
metadata in the XMP (a declared PDF/A extension schema) and in record.json."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting import xmp_archival
from juece.adapters.reporting.archive import render_pdfa1
from juece.adapters.reporting.dossier import order
from juece.domain.archive.archival import archival, with_archival
from tests.unit.adapters.reporting.reporting_records import make_record
from tests.unit.adapters.reporting.test_pdfa import needs_preflight, preflight

NUMBER = "J007-2027-Y-0042"


@pytest.fixture(scope="module")
def numbered() -> dict[str, Any]:
    return {**make_record(), "archive_no": NUMBER}


@pytest.fixture(scope="module")
def twin(numbered: dict[str, Any]) -> bytes:
    return render_pdfa1(numbered)


def texts(data: bytes) -> list[str]:
    return ["".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def outline_pages(data: bytes) -> dict[str, int]:
    """Bookmark title → the page (1-based) it points at, for every level."""
    found: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                destination = item.destination
                if isinstance(destination, pikepdf.Array | list) and len(destination):
                    found[item.title] = pages[destination[0].objgen]
                elif destination is not None:  # a named destination
                    target = pdf.Root.Names.Dests if "/Names" in pdf.Root else None
                    found[item.title] = _named(pdf, str(destination), pages) if target is not None else 0
                stack += list(item.children)
    return found


def _named(pdf: pikepdf.Pdf, name: str, pages: dict[Any, int]) -> int:
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    destination = tree[name]
    array = destination.D if isinstance(destination, pikepdf.Dictionary) else destination
    return pages[array[0].objgen]


def test_the_cover_names_fonds_number_title_body_dates_retention_and_openness(twin: bytes) -> None:
    cover = texts(twin)[0]
    for expected in ("全宗号", "J007", "档号", NUMBER, "案卷题名", "延寿县人民医院新院区建设项目", "立卷单位",
                     "延寿县人民政府", "起止日期", "2027-03-01至2027-03-01", "保管期限", "永久permanent",
                     "密级", "开放状态", "限制利用"):
        assert expected in cover, expected


def test_the_public_edition_is_open_and_an_uncatalogued_file_says_so() -> None:
    meta = archival({**make_record(), "edition": "public"})
    assert (meta["openness"], meta["retention"], meta["fonds"], meta["archive_no"]) == ("open", "permanent", "", "")
    cover = texts(render_pdfa1({**make_record(), "edition": "public"}))[0]
    assert "开放open" in cover and "未编号notyetcatalogued" in cover


def test_the_file_list_gives_each_document_the_page_it_begins_on(twin: bytes, numbered: dict[str, Any]) -> None:
    docs = order.documents(numbered)
    assert [doc.key for doc in docs][:3] == ["draft-1", "explanation", "notice-1"]
    pages, flat = outline_pages(twin), texts(twin)
    reader = pypdf.PdfReader(io.BytesIO(twin))
    listing = "".join(reader.pages[n].extract_text() for n in range(1, pages[docs[0].title] - 1))
    assert "卷内文件目录" in listing
    starts = []
    for doc in docs:  # the row: its title, its date, then the page its heading and bookmark are on
        start = pages[doc.title]
        starts.append(start)
        assert "".join(doc.title.split())[:8] in flat[start - 1]
        row = rf"{re.escape(doc.title[:6])}.*?{re.escape(doc.date)}\s+{start}\s"
        assert re.search(row, listing, re.S), (doc.title, start)
    assert starts == sorted(starts) and starts[0] == 3
    with pikepdf.open(io.BytesIO(twin)) as pdf:  # every title and page of the list is a link
        links = [a for a in pdf.pages[1].get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert len(links) >= 2 * min(len(docs), 10)


def test_the_volume_ends_with_the_reference_sheet_after_the_appendix(twin: bytes) -> None:
    pages = texts(twin)
    last = pages[-1]
    for expected in ("卷内备考表", "立卷人", "检查人", "立卷时间", "本卷情况说明", f"共{len(pages)}页"):
        assert expected in last, expected
    assert "如何核验本文件" in "".join(pages[-6:-1])
    assert outline_pages(twin)["附录 过程记录 Appendix: the process record"] < len(pages)


def test_the_xmp_carries_the_archival_metadata_in_a_declared_extension_schema(twin: bytes) -> None:
    with pikepdf.open(io.BytesIO(twin)) as pdf:
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")
    assert f"<pdfaSchema:namespaceURI>{xmp_archival.NAMESPACE}</pdfaSchema:namespaceURI>" in xmp
    assert f"<juece:archiveNumber>{NUMBER}</juece:archiveNumber>" in xmp
    assert "<juece:fonds>J007</juece:fonds>" in xmp and "<juece:retention>permanent</juece:retention>" in xmp
    for name, _, _ in xmp_archival.PROPERTIES:  # every property used is declared
        if f"<juece:{name}>" in xmp:
            assert f"<pdfaProperty:name>{name}</pdfaProperty:name>" in xmp


@needs_preflight
def test_the_twin_with_archival_metadata_passes_preflight(twin: bytes, tmp_path: Path) -> None:
    path = tmp_path / "volume.pdf"
    path.write_bytes(twin)
    valid, errors = preflight(path)
    assert valid, "\n".join(errors)


def test_record_json_holds_the_archival_object(archive: Path, record: dict[str, Any]) -> None:
    with pikepdf.open(archive) as pdf:
        attached = json.loads(pdf.attachments["record.json"].get_file().read_bytes())
    assert attached["archival"] == archival(record) == with_archival(record)["archival"]
    assert attached["archival"]["title"] == "延寿县人民医院新院区建设项目"
    assert attached["entries"] == record["entries"]


def test_the_hearing_documents_and_what_the_public_edition_removed() -> None:
    from juece.adapters.reporting.dossier.participation_docs import REMOVED
    from juece.adapters.reporting.editions import make_edition
    from tests.unit.adapters.reporting import personal_records

    entries = personal_records.entries()
    public = make_edition(entries[0]["decision_id"], entries, "public", {})
    docs = {doc.key: doc for doc in order.documents(public)}
    for key in ("hearing-notice", "hearing-participants", "hearing-record", "adoption-report"):
        assert REMOVED in docs[key].remarks, key
    assert docs["hearing-record"].remarks.startswith("2/2 人确认")
    joined = "".join(texts(render_pdfa1(public)))
    assert "听证笔录Recordofthehearing" in joined and "确认无误并签名" in joined
    assert "公开版已删除个人信息" in joined


def test_the_announcement_carries_its_document_number_in_the_list_and_on_its_page() -> None:
    from tests.unit.adapters.reporting.reporting_records import EVENTS

    number = "延政发〔2027〕3号"
    text = (f"{number}\n\n延寿县人民政府关于《延寿县人民医院新院区建设项目》的决定\n\n"
            "延寿县人民政府关于《延寿县人民医院新院区建设项目》的决定已经审议通过，现予公布。\n\n延寿县人民政府\n2027年3月1日\n")
    events = [*EVENTS[:-1], ("publication", "published", "sponsor_office",
                             {"announcement": text, "document_number": number, "portal": "/p"})]
    record = make_record(events)
    docs = {doc.key: doc for doc in order.documents(record)}
    assert docs["announcement"].doc_no == number
    assert "decision-text" in docs and docs["decision-text"].remarks == "通过"
    pages = texts(render_pdfa1(record))
    assert number in pages[1]
    page = next(text for text in pages[2:] if "决策公告Announcementofthedecision" in text)
    page = page[page.index("日期2027-03-01"):]  # the document itself, after its particulars
    assert page.index("延寿县人民政府") < page.index(number) < page.index("的决定") < page.index("2027年3月1日")


def test_a_hearing_with_public_sign_up_shows_the_sign_ups_and_the_draw() -> None:
    from tests.unit.adapters.reporting.reporting_records import EVENTS

    signup = {"closes_at": "2027-03-10T16:00:00.000000Z", "seats": 1, "method": "lottery"}
    hearing = [
        ("public_participation", "hearing_announced", "sponsor_office",
         {"time": "2027-04-01T01:00:00.000000Z", "place": "县政府三楼会议室", "selection_method": "公开报名抽签",
          "sides": ["居民", "医院"], "participants": [{"name": "钱听证", "side": "居民"}], "signup": signup}),
        *[("public_participation", "hearing_signup_received", "public",
           {"receipt": f"H-00000{n}", "side": "居民", "statement": f"陈述要点{n}",
            "received_at": "2027-03-05T01:00:00.000000Z"}) for n in (1, 2)],
        ("public_participation", "hearing_seats_drawn", "sponsor_office",
         {"method": "lottery", "algorithm": "sha256-rank", "seed": "ab" * 32, "seed_seq": 5, "seats": 1,
          "candidates": ["H-000001", "H-000002"], "selected": [{"receipt": "H-000002", "side": "居民"}],
          "unfilled": 0}),
    ]
    record = make_record([*EVENTS[:3], *hearing, *EVENTS[3:]])
    docs = {doc.key: doc for doc in order.documents(record)}
    hearing_docs = [key for key in docs if key.startswith("hearing")]
    assert hearing_docs == ["hearing-notice", "hearing-signup", "hearing-participants"]
    joined = "".join(texts(render_pdfa1(record)))
    for expected in ("县政府三楼会议室", "陈述要点1", "H-000002（居民）", "公开报名sign-upH-000002", "钱听证（居民）"):
        assert expected in joined, expected
