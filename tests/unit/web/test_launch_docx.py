"""The launch form's draft imported from a .docx: the form comes back with the file's paragraphs as
its draft text, to be previewed and launched as before; a hostile or unusable file is refused at
its field in both languages (never a 500), the check token still required, nothing recorded."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from starlette.testclient import TestClient

from juece.services import docx_import
from juece.web import launch
from tests.unit.services.test_docx_import import rezipped, word
from tests.unit.web.test_launch import TRIGGERED, app, client, form_of, launched, text_of

__all__ = ["app"]  # the fixture, shared with the launch tests
URL = "/juece/office/new/urban-planning"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(browser: TestClient, name: str, content: bytes, **change: Any) -> Any:
    values = {**form_of(browser), "action": "import", **change}
    return browser.post(URL, data=values, files={"draft_file": (name, content, DOCX)})


def draft_of(html: str) -> str:
    found = re.search(r'<textarea id="f-draft_text"[^>]*>(.*?)</textarea>', html, re.S)
    assert found
    return unescape(found.group(1))


def nothing_recorded() -> None:
    assert not launched("yanshou-2027-urban-001") and not TRIGGERED


def test_the_form_has_the_file_input_beside_the_draft(app) -> None:
    page = client(app).get(URL)
    assert 'enctype="multipart/form-data"' in page.text
    assert 'type="file" id="f-draft_file" name="draft_file"' in page.text
    shown = text_of(page.text)
    assert re.search(r"从 Word 文件导入草案\s+Import the draft from a \.docx file", shown)
    assert page.text.index('value="preview"') < page.text.index('value="import"')  # Enter previews


def test_an_imported_draft_fills_the_field_and_is_then_previewed_and_launched(app) -> None:
    browser = client(app)
    content = word("第一条 为了规范城区建设，制定本规划。", "", "第二条 本规划自公布之日起施行。")
    page = upload(browser, "城区规划草案.docx", content, title="<b>不变</b>")
    assert page.status_code == 200, text_of(page.text)
    assert draft_of(page.text) == "第一条 为了规范城区建设，制定本规划。\n第二条 本规划自公布之日起施行。"
    assert "&lt;b&gt;不变&lt;/b&gt;" in page.text  # the other fields come back as they were sent
    nothing_recorded()
    values = {**form_of(browser), "draft_text": draft_of(page.text)}
    preview = browser.post(URL, data={**values, "action": "preview"})
    assert preview.status_code == 200 and "第二条 本规划自公布之日起施行。" in text_of(preview.text)
    nothing_recorded()
    done = browser.post(URL, data={**values, "action": "launch"})
    assert done.status_code == 303
    [entry] = launched("yanshou-2027-urban-001")
    assert entry["data"]["spec"]["draft"]["text"].startswith("第一条 为了规范城区建设")


def test_a_file_sent_with_a_preview_is_not_imported(app) -> None:
    browser = client(app)
    page = upload(browser, "a.docx", word("第一条 甲。"), action="preview")
    assert page.status_code == 200 and "第一条 甲。" not in text_of(page.text)
    nothing_recorded()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("a.docx", word(), "没有文字"),
    ("a.docx", b"this is not a zip", "不是可读取的"),
    ("a.docx", word("第一条 甲。")[:2000], "不是可读取的"),
    ("a.docx", rezipped(word("第一条 甲。"), {"word/media/x.xml": b"\0" * (40 * 1024 * 1024)}), "解压后过大"),
    ("a.docm", word("第一条 甲。"), "宏"),
    ("a.pdf", b"%PDF-1.7", ".docx"),
    ("a.docx", b"", "空的"),
    ("", b"", "请先选择"),
])
def test_a_bad_file_is_refused_at_its_field_in_both_languages(app, name: str, content: bytes, words: str) -> None:
    browser = client(app)
    draft = form_of(browser)["draft_text"]
    page = upload(browser, name, content)
    assert 400 <= page.status_code < 500
    flag = re.search(r'id="error-draft_file-1">([^<]*)<span lang="en">([^<]+)</span>', page.text)
    assert flag and words in flag.group(1) and re.search(r"[A-Za-z]{4} [a-z]+", flag.group(2)), page.text[:500]
    assert 'id="errors"' in page.text and draft_of(page.text) == draft  # the draft is left as it was
    nothing_recorded()


def test_an_oversized_upload_is_refused(app) -> None:
    browser = client(app)
    page = upload(browser, "a.docx", b"PK\x03\x04" + b"\0" * docx_import.MAX_DOCX_BYTES)
    assert page.status_code == 413 and "过大" in page.text and "over 5 MB" in page.text
    huge = upload(browser, "a.docx", b"\0" * (docx_import.MAX_DOCX_BYTES + 2 * 1024 * 1024))
    assert huge.status_code == 413 and "过大" in huge.text  # the body itself is cut off
    nothing_recorded()


def test_an_import_without_the_check_token_is_refused(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "action": "import"}
    del values["csrf_token"]
    page = browser.post(URL, data=values, files={"draft_file": ("a.docx", word("第一条 甲。"), DOCX)})
    assert page.status_code == 403 and "校验码" in page.text and "第一条 甲。" not in page.text
    nothing_recorded()


def test_a_form_past_its_bounds_is_refused_in_both_languages(app) -> None:
    browser = client(app)
    files = [("draft_file", (f"{n}.docx", word("第一条 甲。"), DOCX)) for n in range(3)]
    page = browser.post(URL, data={**form_of(browser), "action": "import"}, files=files)
    assert page.status_code == 400 and "表单内容无法读取" in page.text and "could not be read" in page.text
    fields = {**form_of(browser), "action": "import", **{f"extra{n}": "x" for n in range(launch.FORM_BOUNDS["max_fields"])}}
    assert browser.post(URL, data=fields, files={"draft_file": ("a.docx", b"x", DOCX)}).status_code == 400
    nothing_recorded()
