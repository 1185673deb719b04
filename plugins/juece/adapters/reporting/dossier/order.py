"""The documents of the volume in the order of the procedure: launch, public participation, expert
review, risk assessment, legality review, collective deliberation, publication, post-decision
evaluation. Each part's module gives its documents (`documents(record)`); a part not yet written
gives none."""

from __future__ import annotations

import dataclasses
from importlib import import_module

from juece.adapters.reporting.dossier.base import Document, DocumentMaker, Record

PACKAGE = "juece.adapters.reporting.dossier"
PARTS = ("launch_docs", "participation_docs", "review_docs", "risk_docs", "legality_docs", "meeting_docs",
         "publication_docs", "evaluation_docs")


def makers() -> list[DocumentMaker]:
    """Each part's `documents`, in procedure order."""
    found: list[DocumentMaker] = []
    for part in PARTS:
        name = f"{PACKAGE}.{part}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name == name:
                continue
            raise
        found.append(module.documents)
    return found


def documents(record: Record) -> list[Document]:
    """Every document of the volume, in order, each key unique (a repeated key gets a suffix)."""
    result: list[Document] = []
    seen: set[str] = set()
    for maker in makers():
        for doc in maker(record):
            key, n = doc.key, 1
            while key in seen:
                n += 1
                key = f"{doc.key}-{n}"
            seen.add(key)
            result.append(doc if key == doc.key else dataclasses.replace(doc, key=key))
    return result
