"""Check an archive PDF offline: the decision body's signature, the attached record, the
printed chain heads, the expert signatures, the panel draws, and the ledger when it is given
(R-H2).

`verify_archive` never raises on a damaged file: everything wrong is named in plain words
in the report's problems; what could not be confirmed here (a signer whose certificate is
not registered in this keys folder) is a warning; what cannot be checked from this file by
design (the draw of a public edition, whose candidate pool is withheld) is a note.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pikepdf
import pypdf

from juece.adapters.reporting import sections
from juece.adapters.reporting.attach import RECORD_NAME, SEAL_NAME, attached_record, listed_in_af
from juece.adapters.reporting.editions import chain_problems
from juece.adapters.reporting.sm2_seal import check_seal
from juece.adapters.reporting.verify_signature import check_signature
from juece.domain.expert_review.opinion_check import draw_problems, signature_problems
from juece.domain.expert_review.panel_public import is_public_draw, pool_digest
from juece.domain.participation.seats import draw_problems as seat_draw_problems
from juece.domain.record.entries import Entries, Entry
from juece.domain.record.ledger import canonical_json, is_prefix

PRINTED_HEAD = re.compile(r"chain head:\s*([0-9a-f]{64})")
RECORD_FORMAT = "juece-record/1"


@dataclass
class VerifyReport:
    """What checking one archive found."""

    path: str
    decision_id: str | None = None
    chain_head: str | None = None
    entries: int = 0
    pages: int = 0
    signatures: int = 0  # expert opinions' signatures checked (R-C1)
    draws: int = 0  # panel draws re-run from their seed and pool (R-C2..R-C5)
    draws_withheld: int = 0  # public edition, no ledger: draws whose pool is only a hash (R-H6)
    redacted: int = 0  # public edition: entries whose personal data was removed (R-H6)
    signer: str | None = None  # the common name in the archive signature's certificate
    sm2_key: str | None = None  # SHA-256 of the SM2 public key of the record's SM2 signature, if any
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not checked here by design, and why

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_record(data: bytes, report: VerifyReport) -> dict[str, Any] | None:
    """The attached record, parsed; problems noted when it is missing or unreadable."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            raw = attached_record(pdf)
            listed = listed_in_af(pdf)
    except Exception as exc:  # noqa: BLE001 (any damage is a finding, not a crash)
        report.problems.append(f"the PDF cannot be opened: {exc}")
        return None
    if raw is None:
        report.problems.append(f"no attached {RECORD_NAME}")
        return None
    if not listed:
        report.problems.append(f"{RECORD_NAME} is not listed in the catalog's /AF array")
    return parse_record(raw, report, f"attached {RECORD_NAME}")


def parse_record(raw: bytes, report: VerifyReport, what: str) -> dict[str, Any] | None:
    """The record an archive file carries (PDF or OFD), parsed; ``what`` names it in a problem."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        report.problems.append(f"{what} is not valid JSON: {exc}")
        return None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        report.problems.append(f"{what} is not a {RECORD_FORMAT} record")
        return None
    if not _canonical(record, raw):
        report.problems.append(f"{what} is not in canonical JSON form")
    return record


def _canonical(record: dict[str, Any], raw: bytes) -> bool:
    try:
        return canonical_json(record) == raw
    except (TypeError, ValueError):
        return False


def _check_chain(record: dict[str, Any], report: VerifyReport) -> None:
    entries = record.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        report.problems.append("the attached record has no list of entries")
        return
    report.decision_id = str(record.get("decision_id"))
    report.chain_head = str(record.get("chain_head"))
    report.entries = len(entries)
    report.problems += [f"record chain broken: {problem}" for problem in chain_problems(record)]
    if record.get("edition") == "public":
        report.redacted = sum("redacted" in entry for entry in entries)
    report.problems += signature_problems(entries)
    report.signatures = sum(e.get("kind") == "opinion_signed" for e in entries)


def _check_draws(record: dict[str, Any], ledger_entries: list[dict[str, Any]] | None,
                 report: VerifyReport) -> None:
    """Every panel draw re-run from its seed and pool (R-C2..R-C5). A public edition keeps
    the pool only as its SHA-256: given the ledger (already matched to this chain), that hash
    must be the hash of the ledger's pool and the ledger's draw is re-run; without it the draw
    is checked for what its public form says, and the report says that it was not re-run."""
    entries = record.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return
    ledger = {e.get("seq"): e for e in ledger_entries or []}
    for entry in (e for e in entries if e.get("kind") == "panel_drawn"):
        report.problems += draw_problems([entry])
        data = entry.get("data")
        if not is_public_draw(data):
            report.draws += 1
            continue
        where = f"the panel draw (entry {entry.get('seq')})"
        source = ledger.get(entry.get("seq"))
        if source is None:
            report.draws_withheld += 1
            report.notes.append(
                f"{where} was not re-run: this public edition keeps the candidate pool only as its "
                f"SHA-256 {data.get('pool_sha256')} ({data.get('pool_size')} experts; R-H6). The "
                "full edition, or juece verify with the records DB, re-runs it.")
            continue
        if pool_digest((source.get("data") or {}).get("pool")) != data.get("pool_sha256"):
            report.problems.append(f"{where}: the candidate pool's SHA-256 is not that of the "
                                   "pool the ledger recorded")
        report.problems += draw_problems([source])
        report.draws += 1
    for entry in (e for e in entries if e.get("kind") == "hearing_seats_drawn"):  # public seats (R-B6)
        report.problems += seat_draw_problems(cast(Entry, entry), cast(Entries, entries))
        report.draws += 1


def _check_pages(data: bytes, head: str | None, report: VerifyReport) -> None:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"the pages cannot be read: {exc}")
        return
    report.pages = len(pages)
    for number, page in enumerate(pages, start=1):
        try:
            printed = PRINTED_HEAD.findall(page.extract_text() or "")
        except Exception as exc:  # noqa: BLE001
            report.problems.append(f"page {number}: text cannot be extracted: {exc}")
            continue
        if not printed:
            report.problems.append(f"page {number}: the printed chain head is missing")
        elif head is not None and any(found != head for found in printed):
            report.problems.append(
                f"page {number}: the printed chain head differs from the attached one")


def _check_ledger(record: dict[str, Any] | None, ledger_entries: list[dict[str, Any]],
                  data: bytes, report: VerifyReport) -> bool:
    """The archived chain is the ledger's beginning, and the ledger recorded this very file
    (`archive_built` with its SHA-256): a re-signed forgery has another digest. Whether the
    chains match."""
    entries = record.get("entries") if record else None
    if not isinstance(entries, list) or not is_prefix(entries, ledger_entries):
        report.problems.append("archive chain does not match the ledger")
        return False
    digest = hashlib.sha256(data).hexdigest()
    built = [e for e in ledger_entries if e.get("kind") in ("archive_built", "archive_issued")
             and (e.get("data") or {}).get("chain_head") == record.get("chain_head")
             and (e.get("data") or {}).get("edition", "full") == record.get("edition", "full")]
    if built and all(e["data"].get("sha256") != digest for e in built):
        report.problems.append("the ledger recorded another file for this archive (SHA-256 differs)")
    return True


def _decision_body(record: dict[str, Any] | None, report: VerifyReport) -> str | None:
    if record is None:
        return None
    try:
        body = sections.launch_spec(record).get("decision_body")
    except Exception:  # noqa: BLE001
        body = None
    if not isinstance(body, str) or not body.strip():
        report.problems.append("the attached record names no decision body: the signer cannot "
                               "be checked against it")
        return None
    return body.strip()


def _check_signature(data: bytes, body: str | None, report: VerifyReport) -> None:
    """Intact, valid, covering the whole file, by the body the record names; listed first."""
    check = check_signature(data, body)
    report.signer = check.signer
    report.problems[:0] = check.problems
    report.warnings += check.warnings


def _check_sm2(data: bytes, body: str | None, report: VerifyReport) -> None:
    """The detached SM2 signature over record.json, when the archive carries one (sm2_seal.py)."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            record_raw, seal_raw = attached_record(pdf), attached_record(pdf, SEAL_NAME)
    except Exception:  # noqa: BLE001 (an unreadable PDF is already a finding)
        return
    check = check_seal(record_raw, seal_raw, body)
    report.sm2_key = check.fingerprint
    report.problems += check.problems
    report.warnings += check.warnings


def verify_archive(path: Path | str,
                   ledger_entries: list[dict[str, Any]] | None = None) -> VerifyReport:
    """Check an archive file; compare it with the ledger's entries when they are given."""
    report = VerifyReport(path=str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        report.problems.append(f"the file cannot be read: {exc}")
        return report
    if not data.startswith(b"%PDF-"):
        report.problems.append("not a PDF file")
        return report
    record = _read_record(data, report)
    body = _decision_body(record, report)
    _check_signature(data, body, report)
    _check_sm2(data, body, report)
    if record is not None:
        _check_chain(record, report)
    _check_pages(data, record.get("chain_head") if record else None, report)
    matched = ledger_entries is not None and _check_ledger(record, ledger_entries, data, report)
    if record is not None:
        _check_draws(record, ledger_entries if matched else None, report)
    return report
