"""What a page of an archive must never show: a key or a code (snake_case: `effective_due_at`,
`support_with_conditions`, `risk_assessor`) where words belong. Used by the unit tests of the
archive's words and by the integration test that builds the archives of real runs.

A run of identifier characters holding an underscore between letters is a key or a code, except
where it is a value a reader checks as it is (the list below, each with its reason)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf

from juece.domain.record.labels import CATEGORY_LABELS, KIND_LABELS, VALUE_LABELS
from juece.domain.stages import Stage

RUN = re.compile(r"[A-Za-z0-9_./:+=@-]+")
SNAKE = re.compile(r"[a-z]_|_[a-z]")
# Values a reader checks as they are, never words to translate:
ALLOWED = (
    re.compile(r".*://.*"),  # a web address: the portal's or the verification page's
    # Airflow's ids of a decision's workflow and its runs (decision__<id>, manual__<time>):
    # the reader finds the run in Airflow by them
    re.compile(r".*\b(?:decision|manual|scheduled|evaluate|asset_triggered)__.*"),
    re.compile(r"[\w.-]+\.(?:json|pdf|yaml|yml|csv|docx|xlsx|png|jpg|sig|p7s|txt|ofd)"),  # a file's name
    re.compile(r"(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9_+/=-]{40,}"),  # a key or signature in base64
)
CODES = sorted({*VALUE_LABELS, *KIND_LABELS, *CATEGORY_LABELS, *(str(stage) for stage in Stage)})


def page_texts(pdf: Path | bytes) -> list[str]:
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [page.extract_text() or "" for page in reader.pages]


def raw_keys(text: str) -> list[str]:
    """Every key or code the text shows (each once, in order)."""
    found = [run for run in RUN.findall(text)
             if SNAKE.search(run) and not any(allowed.fullmatch(run) for allowed in ALLOWED)]
    return list(dict.fromkeys(found))


def raw_codes(text: str) -> list[str]:
    """The coded values and kinds (of VALUE_LABELS, KIND_LABELS, categories, stages) written with an
    underscore that the text shows as a bare word."""
    return [code for code in CODES if "_" in code and re.search(rf"(?<![\w]){re.escape(code)}(?![\w])", text)]


def problems(pages: list[str]) -> list[str]:
    """'page 3: effective_due_at in “…截止 effective_due_at：2027…”' for every key or code on a page."""
    found = []
    for n, text in enumerate(pages, 1):
        for key in dict.fromkeys([*raw_keys(text), *raw_codes(text)]):
            at = text.find(key)
            context = " ".join(text[max(0, at - 60):at + len(key) + 30].split())
            found.append(f"page {n}: {key} in “{context}”")
    return found
