"""Personal data recognised by its form in free text (R-H6): e-mail addresses, identity card
numbers, mobile and telephone numbers. This is the one place the patterns live; the public
edition's redactor (`editions`) applies them to every string of the record.

A number is personal data only when it stands alone as a number. Inside an identifier it is
part of that identifier and stays: a hex digest (SHA-256, a cluster key), a base64 key or
signature, a receipt number (C-000123), an archive number (J001-2027-Y-0003), a decision or
run id, a file name. The test is the *token* around a match, the longest run of identifier
characters (ID_CHAR_CLASS) around it: the match stands alone when that token holds no letter
outside the match. A number written with other numbers and separators (`0451-12345678`,
`86-13912345678`, `13912345678/13812345678`) is still a number; `ab13912345678cd` or
`C-13912345678` is not. Dates, times and sequence numbers never have the form of the patterns.
Known values (commenters' names and contacts) are removed by the same rule
(`remove_standalone`): `Li` is not found in `Lisa`, nor a contact `12345678` in a digest.

To widen a pattern (full-width digits, say) change PII_PATTERNS and, if the new characters
can be part of identifiers, ID_CHAR_CLASS and ID_LETTERS with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

# What identifiers are made of: letters, digits and the joiners of ids, hashes and base64.
# Not ":" (so that `tel:13912345678` and `电话:13912345678` are numbers), not "@" (e-mail
# addresses are removed whole, first).
ID_CHAR_CLASS = "0-9A-Za-z_.+=/-"
ID_CHARS = re.compile(f"[{ID_CHAR_CLASS}]+")
ID_CHAR = re.compile(f"[{ID_CHAR_CLASS}]")
ID_LETTERS = re.compile(r"[A-Za-z_]")


def _within_identifiers(text: str) -> Callable[[int, int], bool]:
    """For one text: whether text[start:end] continues an identifier, that is, on a side where
    it touches a run of ID characters with its own first (last) character, that run holds a
    letter. A value beginning or ending in Chinese never continues an ASCII identifier."""
    spans = [match.span() for match in ID_CHARS.finditer(text)]
    starts = [start for start, _ in spans]

    def within(start: int, end: int) -> bool:
        if start > 0 and ID_CHAR.match(text, start - 1) and ID_CHAR.match(text, start):
            run_start = spans[bisect_right(starts, start - 1) - 1][0]
            if ID_LETTERS.search(text, run_start, start):
                return True
        if end < len(text) and ID_CHAR.match(text, end) and ID_CHAR.match(text, end - 1):
            run_end = spans[bisect_right(starts, end) - 1][1]
            if ID_LETTERS.search(text, end, run_end):
                return True
        return False

    return within


def remove_standalone(pattern: re.Pattern[str], text: str, marker: str) -> tuple[str, int]:
    """The text with every match of ``pattern`` that is not part of an identifier replaced by
    ``marker``, and how many were replaced."""
    if not pattern.search(text):
        return text, 0
    within = _within_identifiers(text)
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if within(match.start(), match.end()):
            return match.group(0)
        count += 1
        return marker

    return pattern.sub(replace, text), count


@dataclass(frozen=True)
class PiiPattern:
    """One kind of personal data, as the redaction log names it."""

    zh: str
    en: str
    pattern: re.Pattern[str]
    number: bool  # matched only where it stands alone as a number (see the module's docstring)

    def remove(self, text: str, marker: str) -> tuple[str, int]:
        """The text with every match replaced by ``marker``, and how many were replaced."""
        if not self.number:
            return self.pattern.subn(marker, text)
        return remove_standalone(self.pattern, text, marker)


PII_PATTERNS: tuple[PiiPattern, ...] = (
    PiiPattern("电子邮箱", "e-mail address",
               re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), number=False),
    PiiPattern("身份证号", "identity card number",
               re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])"), number=True),
    PiiPattern("手机号码", "mobile number",
               re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])"), number=True),
    PiiPattern("固定电话", "telephone number",
               re.compile(r"(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])"), number=True),
)


def remove_pii(text: str, marker: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with every e-mail address and standalone identity, mobile or telephone
    number replaced by ``marker``, and what was removed, as (zh, en)."""
    found: list[tuple[str, str]] = []
    for item in PII_PATTERNS:
        text, count = item.remove(text, marker)
        if count:
            found.append((item.zh, item.en))
    return text, found


def literal_pattern(values: set[str]) -> re.Pattern[str] | None:
    """A pattern for known personal values (names, contacts), longest first; remove them with
    `remove_standalone`, so that a name `Li` is not found in `Lisa`, nor a contact `12345678`
    inside a hex digest or `C-12345678`."""
    if not values:
        return None
    return re.compile("|".join(re.escape(value) for value in sorted(values, key=lambda v: (-len(v), v))))
