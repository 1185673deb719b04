"""The documents of the launch: the draft as launched, its explanation (起草说明) with the legal basis
and the spec's other particulars, and each revised version with its stated changes, its differences
from the version before and its full text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from juece.adapters.reporting import drafts, labels
from juece.adapters.reporting.dossier.base import Document, Record
from juece.adapters.reporting.dossier.doc_parts import (
    People,
    date_of,
    form,
    heading,
    last_of,
    note,
    spec_of,
    text_paras,
)
from juece.adapters.reporting.dossier.official import text_document
from juece.adapters.reporting.layout import STYLES, MemoParagraph, lines_para, para

SHOWN = {"title", "title_en", "id", "category", "decision_body", "sponsor_unit", "draft", "legal_basis"}


def _draft(spec: dict[str, Any]) -> dict[str, Any]:
    draft = spec.get("draft")
    return draft if isinstance(draft, dict) else {}


def _title(spec: dict[str, Any]) -> str:
    return str(spec.get("title") or "")


def _launched_draft(record: Record, spec: dict[str, Any]) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        draft = _draft(spec)
        version = draft.get("version", 1)
        return text_document(_title(spec), f"（征求意见稿 第 {version} 版）", f"{spec.get('title_en') or ''}: "
                             f"draft for comment, version {version}", str(draft.get("text") or "").split("\n"))
    return body


def _explanation(record: Record, spec: dict[str, Any]) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        people = People(record)
        launched = last_of(record, "launched")
        story: list[Any] = [
            *form([("决策事项", "Decision", _title(spec)),
                   ("决策机关", "Decision body", spec.get("decision_body")),
                   ("承办单位", "Sponsor unit", spec.get("sponsor_unit")),
                   ("决策类别", "Category", labels.category_label(spec.get("category", "—"))),
                   ("启动人", "Launched by", people.called(launched.get("actor")) if launched else "—")]),
            heading("起草说明", "Explanation of the draft"),
            *text_paras(_draft(spec).get("explanation")),
            heading("法律依据", "Legal basis"),
        ]
        basis = spec.get("legal_basis") or ["—"]
        basis = basis if isinstance(basis, list) else [basis]
        story += [para(f"{number}. {item}", "body") for number, item in enumerate(basis, 1)]
        rest = {key: value for key, value in spec.items() if key not in SHOWN}
        if rest:
            story += [heading("决策方案其他要素", "Other particulars of the decision's plan"),
                      lines_para(labels.flatten(rest), "body")]
        return story
    return body


def _revision(record: Record, before: str, version: int, after: str,
              entry: dict[str, Any]) -> Callable[[], list[Any]]:
    def body() -> list[Any]:
        data = entry.get("data") or {}
        return [*form([("修改人", "Revised by", People(record).called(entry.get("actor"))),
                       ("修改说明", "Changes stated", data.get("changes") or "—")]),
                heading("与上一版的差异", "Differences from the version before"),
                note("红色删除线为删去的文字，绿色下划线为增加的文字。/ Red struck-through text was deleted, "
                     "green underlined text added."),
                MemoParagraph(drafts.diff_markup(before, after), STYLES["body"]),
                heading(f"第 {version} 版全文", f"Full text of version {version}"),
                *text_document(_title(spec_of(record)), f"（第 {version} 版）", "", after.split("\n"))]
    return body


def documents(record: Record) -> list[Document]:
    """The draft as launched, its explanation, and every revised version."""
    spec = spec_of(record)
    launched = last_of(record, "launched")
    if not spec or launched is None:
        return []
    responsible, day = str(spec.get("sponsor_unit") or spec.get("decision_body") or ""), date_of(launched)
    version = _draft(spec).get("version", 1)
    docs = [Document("draft-1", f"决策草案（征求意见稿，第 {version} 版）Draft for comment, version {version}",
                     responsible, day, _launched_draft(record, spec)),
            Document("explanation", "决策草案起草说明 Explanation of the draft", responsible, day,
                     _explanation(record, spec))]
    versions = drafts.versions(record, spec)
    for (_, before, _), (number, after, entry) in zip(versions, versions[1:], strict=False):
        docs.append(Document(f"draft-{len(docs)}", f"决策草案（第 {number} 版）及修改说明 Draft, version {number}, "
                             "with its changes", responsible, date_of(entry),
                             _revision(record, before, number, after, entry)))
    return docs
