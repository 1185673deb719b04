"""The sponsor office reviews the announcement before it is published (R-G1): it reads the text
generated from the record, may change its wording, and gives the document number (文号). Both
the generated text and the office's wording are kept in the record; the announcement published is
the office's, headed by its document number. Only an approved decision is reviewed: for any other
outcome the task has nothing to ask and publication records that nothing is published."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from juece.domain.publication.announcement import announcement
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, TaskContext, one_choice, text_param
from juece.domain.record.entries import Entries, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.record.markup import literal
from juece.domain.stages import Stage

PUBLISH_OPTIONS = {"发布 Publish": "publish"}
# 机关代字〔年份〕序号号, e.g. 延政发〔2027〕9号 (GB/T 9704 发文字号; 〔〕 are the hexagonal brackets)
DOCUMENT_NUMBER = re.compile(r"^\S{1,20}〔(\d{4})〕(\d{1,5})号$")
MAX_TEXT_CHARS = 200_000


def review_needed(entries: Entries) -> bool:
    """Only an approved decision's announcement is reviewed."""
    decided = latest(entries, Kind.HEAD_DECISION)
    return decided is not None and decided["data"].get("outcome") == "approve"


def review_body(ctx: TaskContext) -> str:
    """What the office reads in its task: the generated announcement, shown as typed."""
    text = generated(ctx)
    return ("请审阅拟公布的决定公告，可修改文字（留空则按原文公布），并填写发文字号，如“延政发〔2027〕9号”。\n"
            "Review the announcement to be published: change its wording if needed (leave it empty to publish it "
            "as generated) and give the document number, e.g. 延政发〔2027〕9号 (R-G1).\n\n"
            f"```text\n{literal(text)}\n```")


def generated(ctx: TaskContext, now: datetime | None = None) -> str:
    return announcement(ctx.spec, ctx.entries, now or datetime.now(UTC))


def document_number(value: str) -> str:
    """The document number as given, refused in both languages when it is not 代字〔年份〕序号号."""
    number = value.strip()
    if not DOCUMENT_NUMBER.match(number):
        raise RuleViolation("R-G1", f"发文字号格式应为“机关代字〔年份〕序号号”，如“延政发〔2027〕9号”，收到“{number[:40]}”",
                            f"the document number must read like 延政发〔2027〕9号 (code〔year〕number号), got {number[:40]!r}",
                            field="document_number")
    return number


def wording(value: str, required: bool = False) -> str:
    """The office's wording, stripped; refused when over the limit, or empty where a page shows the
    text in full for the office to keep or change (``required``: an emptied box is a mistake there)."""
    text = value.strip()
    if required and not text:
        raise RuleViolation("R-G1", "公告文字不能为空；如按生成的文字公布，请保留原文",
                            "the announcement's wording is empty: keep the generated text to publish it as it is",
                            field="text")
    if len(text) > MAX_TEXT_CHARS:
        raise RuleViolation("R-G1", f"公告文字超过{MAX_TEXT_CHARS}字", f"the announcement is over {MAX_TEXT_CHARS} characters",
                            field="text")
    return text


def review_announcement(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-G1: the office's reviewed announcement, with its document number; nothing when refused."""
    one_choice(answer, PUBLISH_OPTIONS, "R-G1")
    number = document_number(text_param(answer, "document_number", "R-G1", "发文字号"))
    text = generated(ctx)
    edited = wording(text_param(answer, "text", "R-G1", "公告文字", required=False))
    changed = bool(edited) and edited != text.strip()
    data = {"document_number": number, "generated": text, "generated_sha256": sha256_text(text),
            "edited": changed, "text": edited if changed else text, "rule": "R-G1"}
    return Outcome([Act(Stage.PUBLICATION, Kind.ANNOUNCEMENT_REVIEWED, answer.user, data)])
