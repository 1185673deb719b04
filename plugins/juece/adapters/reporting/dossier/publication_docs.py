"""The documents of the decision and its publication: the text of the decision as adopted (the draft
as last revised, with the head's decision), and the announcement in the look of an official document
(GB/T 9704) with its document number (文号), or the record that the decision was not published."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Spacer

from juece.adapters.reporting.dossier.base import Document, Record
from juece.adapters.reporting.dossier.doc_parts import (
    People,
    date_of,
    entries_of,
    form,
    heading,
    last_of,
    note,
    spec_of,
    time_of,
)
from juece.adapters.reporting.dossier.official import official, text_document
from juece.adapters.reporting.labels import outcome_label

Entry = dict[str, Any]


def _final_text(record: Record, spec: dict[str, Any]) -> tuple[int, str]:
    """The draft as last revised before the decision, or as launched."""
    revised = entries_of(record, "draft_revised")
    if revised:
        data = revised[-1]["data"]
        return int(data.get("version") or len(revised) + 1), str(data.get("text", ""))
    draft = spec.get("draft") if isinstance(spec.get("draft"), dict) else {}
    return int(draft.get("version") or 1), str(draft.get("text", ""))


def _decision(record: Record, decided: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        spec, people = spec_of(record), People(record)
        version, text = _final_text(record, spec)
        data = decided["data"]
        return [*form([("决定", "Decision", outcome_label(data.get("outcome"))),
                       ("决定人", "Decided by", people.called(decided.get("actor"))),
                       ("决定时间", "Decided at", time_of(decided)),
                       ("理由", "Reason", data.get("reason") or "—"),
                       ("决定文本", "Text adopted", f"第 {version} 版 version {version}")]),
                Spacer(1, 10),
                *text_document(str(spec.get("title") or ""), f"（决定通过稿 第 {version} 版 adopted text, version "
                               f"{version}）", str(spec.get("title_en") or ""), text.split("\n"))]
    return body


def _lines(text: str, number: str) -> tuple[str, str, list[str]]:
    """(title, English title, body lines) of an announcement's text: its first line is its number
    when the office reviewed it, then its title and (optionally) the English title."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and number and lines[0] == number:
        lines = lines[1:]
    title = lines.pop(0) if lines else ""
    english = lines.pop(0) if lines and lines[0].isascii() else ""
    return title, english, lines


def _announcement(record: Record, published: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        spec, data = spec_of(record), published["data"]
        number = str(data.get("document_number") or "")
        title, english, lines = _lines(str(data.get("announcement") or ""), number)
        issuer = str(spec.get("decision_body") or "")
        if len(lines) >= 2 and lines[-2] == issuer:  # the text ends with the issuer and its date
            lines = lines[:-2]
        facts = [("公布时间", "Published at", time_of(published)),
                 ("公布网址", "Portal", data.get("portal") or "—"),
                 ("公告哈希", "SHA-256 of the text", data.get("announcement_sha256") or "—")]
        if data.get("reviewed_by"):
            facts.insert(1, ("审定人", "Reviewed by", People(record).called(data["reviewed_by"])))
        return [*official(issuer, number, title, english, lines, date_of(published)),
                heading("公布情况", "How it was published"), *form(facts)]
    return body


def _not_published(record: Record, entry: Entry) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        data = entry["data"]
        return [*form([("决定", "Outcome", outcome_label(data.get("outcome"))), ("时间", "Time", time_of(entry)),
                       ("说明", "Why", data.get("reason") or "—")]),
                note("只有经批准的决策才公布（R-G1）。/ Only an approved decision is published (R-G1).")]
    return body


def documents(record: Record) -> list[Document]:
    spec = spec_of(record)
    body = str(spec.get("decision_body") or "")
    docs: list[Document] = []
    decided = last_of(record, "head_decision")
    if decided is not None:
        docs.append(Document("decision-text", f"《{spec.get('title', '')}》决定文本 Text of the decision", body,
                             date_of(decided), _decision(record, decided),
                             remarks=outcome_label(decided["data"].get("outcome")).split(" ")[0]))
    if published := last_of(record, "published"):
        number = str(published["data"].get("document_number") or "")
        docs.append(Document("announcement", "决策公告 Announcement of the decision", body, date_of(published),
                             _announcement(record, published), doc_no=number))
    elif refused := last_of(record, "not_published"):
        docs.append(Document("not-published", "决定不予公布的记录 Record that the decision is not published", body,
                             date_of(refused), _not_published(record, refused)))
    return docs
