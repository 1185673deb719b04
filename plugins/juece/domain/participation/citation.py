"""How a comment's place in the draft is cited: a draft written in articles (lines opening with
第X条) is cited by article, 第三条 / Article 3; any other draft by its paragraph, 第3段 / paragraph 3.

The portal numbers the draft's non-blank lines 1, 2, ... (domain/participation/draft.py) and a comment keeps
that number; the citation reads the numbered line, so a heading line (第一章) does not shift it.
"""

from __future__ import annotations

import re

ARTICLE = re.compile(r"第([零〇一二两三四五六七八九十百千0-9０-９]+)条")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}


def numeral(text: str) -> int | None:
    """'三' → 3, '二十一' → 21, '一百零五' → 105, '12' → 12; None for anything else."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def cite(paragraphs: list[str], number: float | None) -> tuple[str, str]:
    """The Chinese and the English citation of paragraph ``number`` (1-based) of the draft."""
    if number is None or number != number:  # none given (NaN from a table)
        return "—", "—"
    number = int(number)
    line = paragraphs[number - 1] if 0 < number <= len(paragraphs) else ""
    found = ARTICLE.match(line.strip())
    article = numeral(found.group(1)) if found else None
    if found and article is not None:
        return found.group(0), f"Article {article}"
    return f"第{number}段", f"paragraph {number}"


def citation(paragraphs: list[str], number: float | None) -> str:
    """'第三条 Article 3', '第3段 paragraph 3' or '—'."""
    zh, en = cite(paragraphs, number)
    return zh if zh == en else f"{zh} {en}"
