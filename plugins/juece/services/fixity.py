"""Fixity (R-H2, R-H3): every catalogued archive file still has the SHA-256 the catalogue
recorded and still verifies against its decision's ledger, and every ledger chain is intact.

A finding is reported, never repaired: logged at ERROR, appended to the decision's record as
`fixity_failed` (once per distinct finding), and sent as a notification to the archivists.
A clean pass writes nothing to any decision's record; every run is summarised in
juece_fixity_runs. Used by `juece fixity` and by the daily DAG `archive_fixity`.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from juece.adapters.object_store import StoreNotConfigured, read, url_of
from juece.adapters.store import catalogue, fixity_log
from juece.adapters.store.ledger import Ledger, utc_now
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import FIXITY_CHECKS
from juece.domain.record.ledger import verify_chain
from juece.domain.stages import Stage
from juece.services.record import plain

log = logging.getLogger("juece.services.fixity")
Reader = Callable[[str], bytes]
RECIPIENTS = "archivist"


@dataclass(frozen=True)
class Finding:
    """One thing found wrong: a file that differs or fails verification, or a broken chain."""

    decision_id: str
    check: str  # "hash_mismatch", "unreadable", "store_missing", "verify_failed", "chain_broken"
    file: str = ""
    archive_no: str = ""
    version: int | None = None
    edition: str = ""
    expected: str = ""
    found: str = ""
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        what = FIXITY_CHECKS[self.check]
        where = f"{self.file} ({self.archive_no} v{self.version} {self.edition})" if self.file else self.decision_id
        hashes = f"; expected {self.expected}, found {self.found}" if self.expected or self.found else ""
        detail = f"; {'; '.join(self.problems)}" if self.problems else ""
        return f"{what}: {where}{hashes}{detail}"


@dataclass
class FixityReport:
    started_at: str
    finished_at: str = ""
    files: int = 0
    decisions: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings



def check(ledger: Ledger, reader: Reader = read) -> FixityReport:
    """Check every catalogued file and every decision's chain; change nothing."""
    report = FixityReport(started_at=utc_now())
    issues = catalogue.issues(engine=ledger.engine)
    decision_ids = list(dict.fromkeys([*ledger.decisions(), *(i.decision_id for i in issues)]))
    entries = {d: ledger.entries(d) for d in decision_ids}
    for decision_id in decision_ids:
        chain = verify_chain(entries[decision_id], decision_id)
        if not chain.intact:
            report.findings.append(Finding(decision_id, "chain_broken", problems=chain.problems))
    for issue in issues:
        if finding := check_file(issue, entries[issue.decision_id], reader):
            report.findings.append(finding)
    report.files, report.decisions = len(issues), len(decision_ids)
    report.finished_at = utc_now()
    return report


def check_file(issue: catalogue.ArchiveIssue, ledger_entries: Entries, reader: Reader) -> Finding | None:
    about: dict[str, Any] = {"file": issue.place(), "archive_no": issue.archive_no, "version": issue.version,
             "edition": issue.edition, "expected": issue.sha256}
    try:
        location = url_of(issue.store, issue.key) if issue.store else issue.location
    except StoreNotConfigured as missing:
        return Finding(issue.decision_id, "store_missing", **about, problems=[str(missing)])
    try:
        data = reader(location)
    except Exception as error:  # noqa: BLE001 - a missing or unreachable file is a finding
        return Finding(issue.decision_id, "unreadable", **about, problems=[f"{type(error).__name__}: {error}"])
    digest = hashlib.sha256(data).hexdigest()
    problems = verify_bytes(data, ledger_entries)
    if digest != issue.sha256:
        return Finding(issue.decision_id, "hash_mismatch", **about, found=digest, problems=problems)
    if problems:
        return Finding(issue.decision_id, "verify_failed", **about, found=digest, problems=problems)
    return None


def verify_bytes(data: bytes, ledger_entries: Entries) -> list[str]:
    """The archive verification (seal, attached record, pages, ledger) of a file's bytes."""
    from juece.adapters.reporting.verify import verify_archive

    with tempfile.TemporaryDirectory(prefix="juece-fixity-") as folder:
        path = Path(folder) / "archive.pdf"
        path.write_bytes(data)
        return list(verify_archive(path, plain(ledger_entries)).problems)


def report(result: FixityReport, trigger: str, ledger: Ledger) -> int:
    """Log, record and notify every finding; summarise the run. Returns the run's id."""
    for finding in result.findings:
        log.error("juece fixity: %s", finding.line())
        ledger.append(finding.decision_id, _act(finding))
    fixity_log.notify([_notice(f, result.finished_at) for f in result.findings], ledger.engine)
    if result.ok:
        log.info("juece fixity: %d file(s), %d decision(s) checked, all intact", result.files, result.decisions)
    return fixity_log.record_run({
        "started_at": result.started_at, "finished_at": result.finished_at, "trigger": trigger,
        "files": result.files, "decisions": result.decisions, "findings": len(result.findings), "ok": result.ok,
        "summary": {"findings": [f.as_dict() for f in result.findings]},
    }, ledger.engine)


def run(trigger: str, ledger: Ledger, reader: Reader = read) -> FixityReport:
    result = check(ledger, reader)
    report(result, trigger, ledger)
    return result


def _act(finding: Finding) -> Act:
    """`fixity_failed`, keyed by what was found: a finding seen again adds nothing to the record."""
    data = {**finding.as_dict(), "rule": "R-H2"}
    key = hashlib.sha256(f"{finding.check}|{finding.file}|{finding.found}|{finding.problems}".encode()).hexdigest()
    return Act(Stage.ARCHIVE, Kind.FIXITY_FAILED, "juece", data, f"fixity/{key}")


def _notice(finding: Finding, at: str) -> dict[str, Any]:
    return {"at": at, "level": "ERROR", "topic": "fixity", "decision_id": finding.decision_id,
            "subject": f"档案完整性校验发现问题 fixity check failed: {finding.decision_id}",
            "body": finding.line(), "recipients": RECIPIENTS}
