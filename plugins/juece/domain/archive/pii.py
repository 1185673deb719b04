"""Personal data recognised by its form in free text (R-H6): e-mail addresses (also written with
the full-width `＠`), identity card numbers (18 and 15 digits), mobile numbers (with `+86`,
`＋86` or `0086` before them, spaces or dashes inside, full-width digits), landline numbers with
their area code (`0451-57123456`, `0451-5712 3456`, `(0451)57123456`, `（0451）57123456`), and
WeChat and QQ ids where they are named as such (`微信号：wxid_…`, `微信：…`, `QQ：12345678`).
This is the one place the patterns live; the public edition of the archive (`reporting.editions`)
and every public page (the adoption report, the announcement, search snippets) apply them, with
the names and contacts commenters gave (`PublicText`).

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

To widen a pattern change PII_PATTERNS and, if the new characters can be part of identifiers,
ID_CHAR_CLASS and ID_LETTERS with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
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


def remove_standalone(pattern: re.Pattern[str], text: str,
                      marker: str | Callable[[str], str]) -> tuple[str, int]:
    """The text with every match of ``pattern`` that is not part of an identifier replaced by
    ``marker`` (or by what it gives for the match), and how many were replaced."""
    if not pattern.search(text):
        return text, 0
    within = _within_identifiers(text)
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if within(match.start(), match.end()):
            return match.group(0)
        count += 1
        return marker if isinstance(marker, str) else marker(match.group(0))

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


D = "[0-9０-９]"  # a digit, also full-width
NO_DIGIT_BEFORE, NO_DIGIT_AFTER = "(?<![0-9０-９])", "(?![0-9０-９])"
DASH = "[ \\-－—]"  # what people put inside a number: a space or a dash
# 139 1234 5678 or 139-1234-5678: the same separator twice, or none
MOBILE = f"(?:(?:[+＋]|00|００)?[8８][6６]{DASH}?)?[1１][3-9３-９]{D}(?:{D}{{8}}|(?P<sep>{DASH}){D}{{4}}(?P=sep){D}{{4}})"
AREA = f"(?:[(（][0０]{D}{{2,3}}[)）]{DASH}?|[0０]{D}{{2,3}}{DASH}?)"
LANDLINE = f"{AREA}{D}{{3,4}}{DASH}?{D}{{4}}"
LABEL_GAP = r"\s*(?:号码?|账号|號)?\s*[:：]?\s*"

PII_PATTERNS: tuple[PiiPattern, ...] = (
    PiiPattern("电子邮箱", "e-mail address",
               re.compile(r"[A-Za-z0-9._%+-]+\s?[@＠]\s?[A-Za-z0-9-]+(?:[.．][A-Za-z0-9-]+)*[.．][A-Za-z]{2,}"),
               number=False),
    PiiPattern("微信号", "WeChat id",
               re.compile(f"(?:微信|WeChat|wechat|Wechat|weixin|vx|VX|V信){LABEL_GAP}[A-Za-z][-_A-Za-z0-9]{{5,19}}"),
               number=True),
    PiiPattern("QQ号", "QQ number", re.compile(f"(?:QQ|qq|Qq){LABEL_GAP}[1-9１-９]{D}{{4,11}}{NO_DIGIT_AFTER}"),
               number=True),
    PiiPattern("身份证号", "identity card number",
               re.compile(f"{NO_DIGIT_BEFORE}[1-9１-９](?:{D}{{16}}[0-9０-９XxＸｘ]|{D}{{14}}){NO_DIGIT_AFTER}"),
               number=True),
    PiiPattern("手机号码", "mobile number", re.compile(f"{NO_DIGIT_BEFORE}{MOBILE}{NO_DIGIT_AFTER}"), number=True),
    PiiPattern("固定电话", "telephone number", re.compile(f"{NO_DIGIT_BEFORE}{LANDLINE}{NO_DIGIT_AFTER}"),
               number=True),
)


def remove_pii(text: str, marker: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with every e-mail address, WeChat or QQ id and standalone identity, mobile or
    telephone number replaced by ``marker``, and what was removed, as (zh, en)."""
    found: list[tuple[str, str]] = []
    for item in PII_PATTERNS:
        text, count = item.remove(text, marker)
        if count:
            found.append((item.zh, item.en))
    return text, found


def literal_pattern(values: set[str], whole: bool = False) -> re.Pattern[str] | None:
    """A pattern for known personal values (names, contacts), longest first; remove them with
    `remove_standalone`, so that a name `Li` is not found in `Lisa`, nor a contact `12345678`
    inside a hex digest or `C-12345678`. ``whole``: only where no letter, digit or `_` touches
    the value (a user id `hearing_02` is not in `hearing_020`)."""
    if not values:
        return None
    either = "|".join(re.escape(value) for value in sorted(values, key=lambda v: (-len(v), v)))
    return re.compile(f"(?<![0-9A-Za-z_])(?:{either})(?![0-9A-Za-z_])" if whole else either)


REMOVED = "〔已删除 removed, R-H6〕"
NAME_REMOVED = "〔姓名已删除 name removed, R-H6〕"
MIN_NAME, MIN_CONTACT = 2, 5  # shorter names and "contacts" are not worth searching the texts for


class PublicText:
    """The one redactor of text meant for the public (R-H6): the names and contacts people gave
    (commenters, hearing participants) wherever they are typed, then every form of PII_PATTERNS,
    then the contacts again (a contact that has none of those forms)."""

    def __init__(self, names: Iterable[str] = (), contacts: Iterable[str] = ()) -> None:
        self.names = literal_pattern({n.strip() for n in names if n and len(n.strip()) >= MIN_NAME})
        self.contacts = literal_pattern({c.strip() for c in contacts if c and len(c.strip()) >= MIN_CONTACT})

    def clean(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """The text with personal data removed, and what was removed (zh, en)."""
        found: list[tuple[str, str]] = []
        text, count = remove_standalone(self.names, text, NAME_REMOVED) if self.names else (text, 0)
        if count:
            found.append(("姓名", "name"))
        text, typed = remove_pii(text, REMOVED)
        found += typed
        text, count = remove_standalone(self.contacts, text, REMOVED) if self.contacts else (text, 0)
        if count:
            found.append(("联系方式", "contact"))
        return text, found

    def __call__(self, text: str | None) -> str:
        return "" if text is None else self.clean(str(text))[0]
