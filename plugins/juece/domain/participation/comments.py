"""Public comments (R-B3): no account needed; a late comment is kept and marked late."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import lru_cache

from juece.domain.participation.draft import published_paragraphs
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time, is_late, parse_time
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage

MAX_COMMENT_CHARS = 5000
MAX_NAME_CHARS = 100  # input bounds of the portal: longer is refused, never cut short
MAX_CONTACT_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Line breaks as one character each (a browser's form sends CRLF, but counts a line break
    in the text box as one: the portal's limit counts the same on both sides); control characters
    and unpaired surrogates stripped; everything else verbatim."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        text.encode("utf-8")  # fails exactly on surrogates (category Cs): the rare case
    except UnicodeEncodeError:
        return "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    return text


def cluster_key(text: str) -> str:
    """Mass-campaign texts share a key: compared after NFKC, case folding, and dropping
    whitespace, punctuation and symbols (so the office can dispose of a cluster once)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(filter(str.isalnum, folded))  # isalnum is exactly categories L* and N* (tested)
    return sha256_text(kept)[:16]


def receive_comment(entries: Entries, text: str, now: datetime, paragraph: int | None = None,
                    channel: str = "cli") -> Act:
    """A comment act from the whole record (receipts numbered by counting the comments)."""
    receipt = receipt_number(len(all_of(entries, Kind.COMMENT_RECEIVED)) + 1)
    not_applicable = latest(entries, Kind.NOT_APPLICABLE, Stage.PUBLIC_PARTICIPATION) is not None
    return comment_act(latest(entries, Kind.NOTICE_PUBLISHED), not_applicable, text, now, receipt,
                       paragraph, channel, paragraphs=published_paragraphs(latest(entries, Kind.LAUNCHED)))


def check_paragraph(paragraph: object, paragraphs: int | None) -> int | None:
    """The paragraph a comment is about: none, or an integer (not a bool, float or string) from 1
    to the published draft's last paragraph (``paragraphs``; None: the count is not known here)."""
    if paragraph is None:
        return None
    if type(paragraph) is not int or paragraph < 1 or (paragraphs is not None and paragraph > paragraphs):
        shown = _shown(paragraph)
        if paragraphs is None:
            raise FormError(f"段落编号应为正整数（收到“{shown}”）",
                            f"paragraph must be a whole number from 1 ({shown!r} given)", field="paragraph")
        raise FormError(f"草案共{paragraphs}段，段落编号应为1至{paragraphs}的整数（收到“{shown}”）",
                        f"the draft has {paragraphs} paragraphs: paragraph must be a whole number from 1 to "
                        f"{paragraphs} ({shown!r} given)", field="paragraph")
    return paragraph


def _shown(value: object) -> str:
    """A refused value as a message quotes it: short, and never a huge number or nested structure."""
    if isinstance(value, bool | float | str) or (isinstance(value, int) and value.bit_length() < 64):
        return str(value)[:20]
    return type(value).__name__


def personal_field(value: str | None, field: str) -> str | None:
    """A commenter's name or contact, cleaned; None when empty; refused when not text or over its
    bound."""
    if value is None:
        return None
    zh = "姓名" if field == "name" else "联系方式"
    if not isinstance(value, str):
        raise FormError(f"{zh}应为文本", f"{field} must be a string", field=field)
    cleaned = clean_text(value).strip()
    limit = MAX_NAME_CHARS if field == "name" else MAX_CONTACT_CHARS
    if len(cleaned) > limit:
        raise FormError(f"{zh}不得超过{limit}字（现{len(cleaned)}字）",
                        f"{field} may have at most {limit} characters ({len(cleaned)} given)", field=field)
    return cleaned or None


@lru_cache(maxsize=256)
def _closes_at(value: str) -> datetime:
    """A notice's closing time, parsed once (every comment on a decision checks the same one)."""
    return parse_time(value)


def receipt_number(number: int) -> str:
    return f"C-{number:06d}"


def comment_act(notice: Entry | None, not_applicable: bool, text: str, now: datetime, receipt: str,
                paragraph: int | None = None, channel: str = "cli", has_contact: bool = False,
                paragraphs: int | None = None) -> Act:
    """R-B1 (open only once the notice is out), R-B3 (no account; late kept and marked). The
    paragraph, when given, is one of the published draft's ``paragraphs``."""
    if not_applicable:
        raise RuleViolation("R-B1", "本决策不公开征求意见", "this decision is not open for public comment")
    if notice is None:
        raise RuleViolation("R-B1", "征求意见公告尚未发布，暂不能提交意见",
                            "the notice is not published yet: comments open when it is")
    if not isinstance(text, str):
        raise FormError("意见内容应为文本", "the comment text must be a string", field="text")
    paragraph = check_paragraph(paragraph, paragraphs)
    text = clean_text(text).strip()
    if not text:
        raise FormError("意见内容不能为空", "a comment needs some text", field="text")
    if len(text) > MAX_COMMENT_CHARS:  # an input bound of the portal, not a rule of the statute
        raise FormError(f"意见不得超过{MAX_COMMENT_CHARS}字（现{len(text)}字）",
                        f"a comment may have at most {MAX_COMMENT_CHARS} characters ({len(text)} given)", field="text")
    late = is_late(now, _closes_at(notice["data"]["effective_closes_at"]))
    data = {"receipt": receipt, "text": text, "text_sha256": sha256_text(text), "paragraph": paragraph,
            "channel": channel, "received_at": format_time(now), "late": late, "cluster": cluster_key(text),
            "has_contact": has_contact, "rule": "R-B3"}
    return Act(Stage.PUBLIC_PARTICIPATION, Kind.COMMENT_RECEIVED, "public", data)
