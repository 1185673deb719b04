"""A draft's text imported from a Word file (.docx) uploaded in the office's launch form: its
paragraphs in document order, one a line, empty ones skipped; a table is read row by row, one line
a row, its cells' text joined by " | " (a merged cell once, a table inside a cell not read).
Nothing else of the file is kept.

The upload is hostile until shown otherwise: it is refused before python-docx opens it when it is
over the size limit, not named .docx, macro-enabled (.docm, a vbaProject part), not a zip, a zip
whose central directory cannot be read, encrypted, with too many members, or unpacking to more than
the limit or at a ratio only a zip bomb has; and after reading, when it holds no text, too many
paragraphs or more text than the draft field takes. Each refusal says why in Chinese and English."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from juece.services.launch_form import DRAFT_CHARS

MAX_DOCX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_RATIO = 100  # unpacked : packed, for the whole file and for any member over a megabyte
MAX_MEMBERS = 1_000
MAX_PARAGRAPHS = 2_000  # lines with text
MAX_BLOCKS = 20_000  # paragraphs and table rows visited, empty ones included
MACRO_NAMES = (".docm", ".dotm")
MACRO_MARKS = (b"macroenabled", b"vbaproject")
BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]+")


class DocxRefused(Exception):
    """The file is refused; ``zh`` and ``en`` say why, ``status`` is the HTTP answer's."""

    def __init__(self, zh: str, en: str, status: int = 422) -> None:
        super().__init__(en)
        self.zh, self.en, self.status = zh, en, status


@dataclass(frozen=True)
class Imported:
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def import_draft(filename: str, content: bytes) -> Imported:
    """The draft's lines read from an uploaded .docx, or :class:`DocxRefused`."""
    check_name(filename)
    check_size(len(content))
    check_zip(content)
    lines = list(_lines(_opened(content)))
    if not lines:
        raise DocxRefused("Word 文件中没有文字", "the Word file holds no text")
    text = "\n".join(lines)
    if len(text) > DRAFT_CHARS:
        raise DocxRefused(f"Word 文件的文字过长：最多{DRAFT_CHARS}字，文件中有{len(text)}字",
                          f"the Word file's text is too long: at most {DRAFT_CHARS} characters, it has {len(text)}")
    return Imported(lines)


def check_name(filename: str) -> None:
    name = filename.strip().lower()
    if name.endswith(MACRO_NAMES):
        raise _macro()
    if not name.endswith(".docx"):
        raise DocxRefused("只能导入 .docx 格式的 Word 文件", "only a Word file in .docx format can be imported", 415)


def check_size(size: int) -> None:
    if size > MAX_DOCX_BYTES:
        raise DocxRefused(f"文件过大：上限{MAX_DOCX_BYTES // (1024 * 1024)} MB，未读取",
                          f"the file is over {MAX_DOCX_BYTES // (1024 * 1024)} MB: it was not read", 413)
    if size == 0:
        raise DocxRefused("文件是空的", "the file is empty")


def check_zip(content: bytes) -> None:
    """The zip's central directory read and its declared sizes checked, nothing unpacked but the
    small content-types part (zipfile never unpacks past a member's declared size)."""
    if not content.startswith(b"PK\x03\x04"):
        raise _unreadable()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_members(members)
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.NameToInfo else b""
    except DocxRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, KeyError, OSError, EOFError,
            NotImplementedError, RuntimeError):
        raise _unreadable() from None
    if not types or "word/document.xml" not in {one.filename for one in members}:
        raise _unreadable()
    if any(mark in types.lower() for mark in MACRO_MARKS):
        raise _macro()


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _unreadable()
    if any(one.flag_bits & 0x1 for one in members):
        raise DocxRefused("文件已加密，无法读取", "the file is encrypted and cannot be read")
    if any(one.filename.lower().endswith("vbaproject.bin") for one in members):
        raise _macro()
    unpacked = sum(one.file_size for one in members)
    packed = sum(one.compress_size for one in members)
    inflated = any(one.file_size > 1024 * 1024 and one.file_size > MAX_RATIO * max(one.compress_size, 1)
                   for one in members)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(packed, 1) or inflated:
        raise DocxRefused(f"文件解压后过大（上限{MAX_UNPACKED_BYTES // (1024 * 1024)} MB，压缩比不超过{MAX_RATIO}），未读取",
                          f"the file unpacks to too much (at most {MAX_UNPACKED_BYTES // (1024 * 1024)} MB, "
                          f"at a ratio of at most {MAX_RATIO}): it was not read", 413)


def _opened(content: bytes) -> Any:
    import docx  # only here: the import of a draft is the one reader of Word files

    try:
        return docx.Document(io.BytesIO(content))
    except Exception:  # noqa: BLE001 - whatever a malformed package raises, the answer is the same
        raise _unreadable() from None


def _lines(document: Any) -> Iterator[str]:
    visited = found = 0
    try:
        for block in document.iter_inner_content():
            for line in _block_lines(block):
                visited += 1
                if visited > MAX_BLOCKS or (line and (found := found + 1) > MAX_PARAGRAPHS):
                    raise DocxRefused(f"Word 文件的段落过多：最多{MAX_PARAGRAPHS}段",
                                      f"the Word file has too many paragraphs: at most {MAX_PARAGRAPHS}")
                if line:
                    yield line
    except DocxRefused:
        raise
    except Exception:  # noqa: BLE001 - a part python-docx opened but cannot walk
        raise _unreadable() from None


def _block_lines(block: Any) -> Iterator[str]:
    if hasattr(block, "rows"):  # a table: one line a row, each cell's own text (a merged cell once)
        from docx.table import _Cell

        for row in block.rows:
            cells = (_clean(_Cell(tc, block).text) for tc in row._tr.tc_lst)
            yield " | ".join(cell for cell in cells if cell)
    else:
        yield _clean(block.text)


def _clean(text: str) -> str:
    """One line: a break, tab or control character inside a paragraph becomes a space."""
    return BREAKS.sub(" ", text).strip()


def _macro() -> DocxRefused:
    return DocxRefused("不接受含宏的 Word 文件（.docm），请另存为 .docx 后再导入",
                       "a macro-enabled Word file (.docm) is not accepted: save it as .docx and import that", 415)


def _unreadable() -> DocxRefused:
    return DocxRefused("文件不是可读取的 .docx Word 文件（可能已损坏）",
                       "the file is not a readable .docx Word file (it may be damaged)")
