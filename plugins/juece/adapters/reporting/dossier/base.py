"""What a document of the dossier is: its entry in the file list and the pages it is laid out as."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True)
class Document:
    """One document (文件) of the volume, as the file list (卷内文件目录) names it.

    `body` makes the document's flowables when the volume is laid out (after its heading, which
    the volume draws with the title); `key` is unique in the volume and anchors the file list's
    link and the bookmark. Every text is for a reader: Chinese first, English after; people by
    name and role; dates in China time.
    """

    key: str
    title: str  # 题名, e.g. "决策草案起草说明 Explanation of the draft"
    responsible: str  # 责任者: the body, office or person (by name and role)
    date: str  # 日期: the China date the document was made, YYYY-MM-DD ('' if none)
    body: Callable[[], Iterable[Any]]
    doc_no: str = ""  # 文号, e.g. "某府发〔2027〕3号" where the record gives one
    remarks: str = ""  # 备注, e.g. "公开版删除个人信息 personal data removed"


DocumentMaker = Callable[[Record], list[Document]]
"""The documents one part of the procedure gives for a record, in order ([] when it gives none)."""
