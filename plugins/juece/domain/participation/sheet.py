"""The dispositions spreadsheet as a Chinese clerk uses it in Excel or WPS: headers in Chinese
with the English beside them, dispositions in words (采纳 / 部分采纳 / 不予采纳, the codes also
taken), a cluster as a number with its size, and a file saved as GBK/GB18030 read as well as UTF-8."""

from __future__ import annotations

from juece.domain.participation.dispositions import DISPOSITION_LABELS, DISPOSITIONS
from juece.domain.record.errors import FormError

HEADERS = {
    "receipt": "回执号 receipt", "cluster": "意见类 cluster", "cluster_size": "同类条数 cluster size",
    "paragraph": "段落 paragraph", "late": "逾期 late", "text": "意见内容 text",
    "disposition": "处理结果 disposition（采纳/部分采纳/不予采纳）", "reason": "理由 reason",
}
WORDS = {label.split(" ", 1)[0]: code for code, label in DISPOSITION_LABELS.items()}  # 采纳 -> adopted
ALSO = {"不采纳": "not_adopted", "未采纳": "not_adopted", "部分 采纳": "partly_adopted"}
YES_NO = {True: "是 yes", False: "否 no"}


def disposition_word(code: str) -> str:
    """How a disposition is written in the sheet: 采纳, 部分采纳, 不予采纳 (empty while none)."""
    return DISPOSITION_LABELS[code].split(" ", 1)[0] if code in DISPOSITION_LABELS else code


def disposition_code(value: str) -> str:
    """A disposition as the clerk typed it (word, code, or the label with its English), as a code;
    anything else is returned as typed, for the rule check to refuse with its line."""
    text = " ".join(value.split())
    word = text.split(" ", 1)[0]
    if text in DISPOSITIONS:
        return text
    for candidate in (text, word, text.replace(" ", "_").lower()):
        if candidate in WORDS:
            return WORDS[candidate]
        if candidate in ALSO:
            return ALSO[candidate]
        if candidate in DISPOSITIONS:
            return candidate
    return value


def column_key(header: str) -> str | None:
    """Which column a header names: our own header, its Chinese or its English part, or the code."""
    text = " ".join(header.replace("\ufeff", "").split())
    for key, label in HEADERS.items():
        chinese = label.split(" ", 1)[0]
        english = label.split(" ", 1)[1].split("（", 1)[0]
        if text in (label, key, chinese, english) or text.startswith(chinese + " ") or text.lower() == english:
            return key
    return None


def decode(data: bytes) -> str:
    """The sheet's text: UTF-8 (with or without a byte-order mark), else GB18030 (GBK's superset, what
    Excel and WPS on a Chinese system save a CSV as)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormError("文件既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取",
                    "the file is neither UTF-8 nor GBK/GB18030: it cannot be read", field="file")


def cluster_numbers(clusters: list[str]) -> dict[str, int]:
    """Each cluster's number: 1 for the largest, ties by first appearance."""
    sizes: dict[str, int] = {}
    for cluster in clusters:
        sizes[cluster] = sizes.get(cluster, 0) + 1
    order = sorted(sizes, key=lambda c: (-sizes[c], clusters.index(c)))
    return {cluster: number for number, cluster in enumerate(order, start=1)}
