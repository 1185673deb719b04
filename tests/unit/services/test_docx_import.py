"""A draft imported from a .docx: its paragraphs one a line, tables row by row, and every hostile
file (not a zip, a damaged zip, a zip bomb, a macro file, too large, no text, too much text)
refused before python-docx opens it or after, in Chinese and English."""

from __future__ import annotations

import io
import random
import zipfile

import docx
import pytest

from juece.services import docx_import
from juece.services.docx_import import DocxRefused, import_draft


def word(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezipped(content: bytes, extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


def refused(filename: str, content: bytes) -> DocxRefused:
    with pytest.raises(DocxRefused) as caught:
        import_draft(filename, content)
    error = caught.value
    assert 400 <= error.status < 500 and error.zh and error.en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.zh) and error.en.isascii()
    return error


def test_the_paragraphs_become_lines_empty_ones_skipped() -> None:
    content = word("第一条 为了规范城区建设，制定本规划。", "", "   ", "第二条 本规划适用于城区。\n（第二行）",
                   "第三条\t附则。")
    assert import_draft("草案.docx", content).lines == [
        "第一条 为了规范城区建设，制定本规划。", "第二条 本规划适用于城区。 （第二行）", "第三条 附则。"]
    assert import_draft("DRAFT.DOCX", content).text.count("\n") == 2


def test_a_table_is_read_row_by_row_in_its_place() -> None:
    content = word("第一条 收费标准如下：", table=[["项目", "标准"], ["停车", "每小时2元"], ["", ""]])
    assert import_draft("a.docx", content).lines == ["第一条 收费标准如下：", "项目 | 标准", "停车 | 每小时2元"]


def test_a_file_without_text_is_refused() -> None:
    assert "没有文字" in refused("a.docx", word()).zh
    assert "没有文字" in refused("a.docx", word("", "  ", table=[["", ""]])).zh


@pytest.mark.parametrize("filename", ["a.doc", "a.pdf", "a.docx.exe", "a", "a.txt"])
def test_a_file_not_named_docx_is_refused(filename: str) -> None:
    assert refused(filename, word("第一条 甲。")).status == 415


@pytest.mark.parametrize("filename", ["a.docm", "A.DOTM"])
def test_a_macro_file_is_refused_by_its_name(filename: str) -> None:
    assert "宏" in refused(filename, word("第一条 甲。")).zh


def test_a_macro_file_named_docx_is_refused_by_its_content() -> None:
    assert "宏" in refused("a.docx", rezipped(word("第一条 甲。"), {"word/vbaProject.bin": b"\0" * 64})).zh
    content = word("第一条 甲。")
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        types = source.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, types if info.filename == "[Content_Types].xml" else source.read(info))
    assert "宏" in refused("a.docx", out.getvalue()).zh


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04" + b"\0" * 100, b"%PDF-1.7\n", b"\xff" * 4096])
def test_what_is_not_a_zip_is_refused(content: bytes) -> None:
    assert "不是可读取的" in refused("a.docx", content).zh


def test_a_damaged_zip_is_refused() -> None:
    content = word("第一条 甲。")
    assert "不是可读取的" in refused("a.docx", content[: len(content) // 2]).zh
    middle = len(content) // 3
    damaged = content[:middle] + bytes(b ^ 0xFF for b in content[middle:middle + 200]) + content[middle + 200:]
    assert "不是可读取的" in refused("a.docx", damaged).zh


@pytest.mark.parametrize("seed", [*range(20), 180, 183, 205, 230])  # the last four break a deflate stream
def test_a_zip_with_damaged_bytes_anywhere_is_refused_or_read(seed: int) -> None:
    rnd = random.Random(seed)  # damaged deflate data, headers, directory: never anything but a refusal
    damaged = bytearray(word("第一条 甲。", table=[["项目", "标准"]]))
    for _ in range(rnd.randint(1, 20)):
        damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
    try:
        assert import_draft("a.docx", bytes(damaged)).lines
    except DocxRefused as error:
        assert error.zh and error.en


def test_a_zip_that_is_not_a_word_file_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("readme.txt", "第一条 甲。")
    assert "不是可读取的" in refused("a.docx", out.getvalue()).zh


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[bytes] = []
    monkeypatch.setattr(docx_import, "_opened", lambda content: opened.append(content))
    bomb = rezipped(word("第一条 甲。"), {"word/media/padding.xml": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < docx_import.MAX_DOCX_BYTES
    error = refused("a.docx", bomb)
    assert error.status == 413 and "解压后过大" in error.zh and not opened
    small = rezipped(word("第一条 甲。"), {"word/media/padding.xml": b"\0" * (2 * 1024 * 1024)})
    assert "解压后过大" in refused("a.docx", small).zh and not opened  # a ratio only a bomb has


def test_an_oversized_or_empty_upload_is_refused() -> None:
    error = refused("a.docx", b"PK\x03\x04" + b"\0" * docx_import.MAX_DOCX_BYTES)
    assert error.status == 413 and "过大" in error.zh
    assert "空的" in refused("a.docx", b"").zh


def test_too_many_paragraphs_or_too_much_text_is_refused() -> None:
    many = word(*(f"第{n}条 甲。" for n in range(docx_import.MAX_PARAGRAPHS + 1)))
    assert "段落过多" in refused("a.docx", many).zh
    long = word(*("长" * 10_000 for _ in range(11)))
    assert "过长" in refused("a.docx", long).zh
