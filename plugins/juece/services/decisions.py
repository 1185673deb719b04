"""Use cases shared by the CLI, the DAG tasks and the demo: launch, comment, archive, verify."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juece import config
from juece.adapters.airflow_client import AirflowClient, load_passwords
from juece.adapters.store.body_settings import BodySettings
from juece.adapters.store.ledger import Ledger, utc_now
from juece.config import archive_dir
from juece.domain.expert_review.panel import Draw, PanelRules, draw_panel
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries, Entry
from juece.domain.record.errors import RecordError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text, verify_chain
from juece.domain.stages import Stage
from juece.spec.loader import load_spec
from juece.spec.models import DecisionSpec


@dataclass
class Launched:
    spec: DecisionSpec
    entry: Entry
    earlier: bool = False  # launched before with this same spec: nothing recorded, nothing to trigger
    run_id: str | None = None


def clock_scale() -> float:
    try:
        return config.clock_scale()
    except config.ConfigError as error:
        raise RecordError(str(error)) from None


def launch(path: str | Path, actor: str, ledger: Ledger) -> Launched:
    """Validate and record `launched` with the spec and its source text: the record is what the
    decision's DAG and every step are built from (no file is kept beside it). Launching the same
    spec again records nothing; another spec under an existing id is refused."""
    source = Path(path)
    spec = load_spec(source)
    return launch_text(spec, source.read_text(encoding="utf-8"), source.name, actor, ledger)


def launch_text(spec: DecisionSpec, text: str, source: str, actor: str, ledger: Ledger) -> Launched:
    """`launch` of a spec already read from ``text`` (named ``source`` in the record), such as an
    amendment's, which is kept in the record and nowhere else."""
    existing = ledger.latest(spec.id, Kind.LAUNCHED)
    if existing and existing["data"]["spec_sha256"] != sha256_text(text):
        raise RuleViolation("R-G5", f"决策 {spec.id} 已用另一方案启动：已启动的决策只能依程序调整，新方案请另取编号",
                            f"decision {spec.id} was already launched with another spec: a launched decision "
                            "changes only through the procedure; give the new one a new id", field="id")
    if existing is not None:
        return Launched(spec, existing, earlier=True)
    acts = [Act(Stage.LAUNCH, Kind.LAUNCHED, actor, {
        "spec": spec.model_dump(mode="json"), "spec_sha256": sha256_text(text), "spec_text": text,
        "source": source, "clock_scale": clock_scale(), "rules": ["R-A1", "R-A2"],
        "hash_algorithm": BodySettings(ledger.engine).hash_algorithm(spec.decision_body),
        **({"people": names} if (names := people_named(spec)) else {}),
    })]
    if spec.stages.expert_review.applicable:
        acts.append(Act(Stage.EXPERT_REVIEW, Kind.PANEL_DRAWN, actor, draw_for(spec).as_dict()))
    return Launched(spec, ledger.append_many(spec.id, acts)[0])


def people_named(spec: DecisionSpec) -> dict[str, str]:
    """The names the people directory gives the officials the spec names (each member of a group,
    and the group itself), by user id: the archive, made from the record alone, names people so.
    Hearing participants are left out (their names are in the spec, personal data the public
    edition removes); nobody the directory does not know, or none when it cannot be read."""
    from juece.adapters.notify.groups import people_behind
    from juece.adapters.notify.people import PeopleFileError, directory_from_settings

    hearing = spec.stages.public_participation.hearing if spec.stages.public_participation.applicable else None
    citizens = {p.user for p in hearing.participants} if hearing else set()
    try:
        directory = directory_from_settings()
        officials = (spec.people() | {spec.stages.post_evaluation.evaluator}) - citizens
        named = officials | people_behind(officials)
    except (PeopleFileError, OSError):
        return {}
    return {user: directory[user].name for user in sorted(named)
            if user in directory and directory[user].name and user not in citizens}


def draw_for(spec: DecisionSpec, seed: str | None = None) -> Draw:
    """R-C2..R-C5: the panel drawn from the expert library, the seed and pool kept for a re-run.
    Everyone the spec gives another role (each member of a group), and its named interested
    parties, are never drawn."""
    from juece.adapters.notify.groups import people_behind
    from juece.adapters.store.experts import ExpertLibrary

    review = spec.stages.expert_review
    rules = PanelRules(size=spec.panel_size, specialties=tuple(review.specialties),
                       line_department=review.line_department,
                       interested=frozenset(review.interested_parties) | frozenset(people_behind(spec.people())))
    return draw_panel(ExpertLibrary().all(), rules, seed or secrets.token_hex(16))


def system_client() -> tuple[AirflowClient, str]:
    """A client logged in as juece's system user (who unpauses and triggers decisions)."""
    user = config.airflow_user()
    passwords = load_passwords(config.airflow_passwords_file())
    if password := config.airflow_password():
        passwords[user] = password
    return AirflowClient(passwords=passwords), user


def trigger(spec: DecisionSpec, timeout: float = 180.0) -> str:
    client, user = system_client()
    client.wait_for_dag(user, spec.dag_id, timeout=timeout)
    return client.unpause_and_trigger(user, spec.dag_id)


def ensure_run(spec: DecisionSpec, timeout: float = 180.0) -> str:
    """The decision's run: the one Airflow already has, else a new one (a launch whose run could not
    be started); a decision never gets a second run this way."""
    client, user = system_client()
    found = client.call(user, "GET", f"/dags/{spec.dag_id}/dagRuns", params={"limit": 1})
    if found.status_code == 200 and found.json().get("dag_runs"):  # a closed decision's DAG is stale: its run stays
        return str(found.json()["dag_runs"][0]["dag_run_id"])
    client.wait_for_dag(user, spec.dag_id, timeout=timeout)
    return client.unpause_and_trigger(user, spec.dag_id)


def comment(decision_id: str, text: str, paragraph: int | None = None, channel: str = "cli",
            *, ledger: Ledger, **personal: str | None) -> dict[str, Any]:
    """Record a public comment; returns its receipt (an identical resubmission gets the first)."""
    from juece.adapters.store.comments import CommentStore
    from juece.services.record import now

    receipt = CommentStore(ledger).submit(decision_id, text, now(), paragraph=paragraph, channel=channel,
                                          client=channel, **personal)
    return receipt.as_dict()


def record_channel(decision_id: str, kind: str, title: str, held_on: str, summary: str,
                   files: list[Path], actor: str, participants: int | None = None,
                   *, ledger: Ledger) -> Entry:
    """R-B7: record a symposium, visit, questionnaire or poll; attachments kept by their hash."""
    from juece.domain.participation.channels import channel_act
    from juece.services import attachments

    if ledger.latest(decision_id, Kind.LAUNCHED) is None:
        raise RecordError(f"no decision {decision_id!r} in the record")
    uploads = attachments.read_uploads(files)
    channel_act(kind, title, held_on, summary, [], actor, participants)  # refused before anything is kept
    stored = [attachments.keep(name, content, ledger.engine) for name, content in uploads]
    act = channel_act(kind, title, held_on, summary, stored, actor, participants)
    return ledger.append(decision_id, act)


def make_record(decision_id: str, entries: Entries, edition: str = "full") -> dict[str, Any]:
    report = verify_chain(entries, decision_id)
    if not report.intact:
        raise RecordError(f"the ledger of {decision_id} is broken: {'; '.join(report.problems)}")
    algorithm = {"hash_algorithm": report.algorithm} if report.algorithm != "sha256" else {}
    return {"format": "juece-record/1", "decision_id": decision_id, "edition": edition,
            "chain_head": report.head, **algorithm, "entries": entries}


def archive_decision(decision_id: str, out: Path | None = None, key: str | None = None,
                     *, ledger: Ledger, edition: str = "full",
                     progress: Any = None) -> tuple[Path, str]:
    """Issue the archive of the record as it stands (both editions stored and catalogued, see
    `juece.services.archives.issue`); write the chosen edition to ``out``; record `archive_built`.
    ``progress`` is told how many rows each laid-out table chunk holds."""
    from juece.services.archives import issue

    entries = ledger.entries(decision_id)
    if not entries:
        raise RecordError(f"no decision {decision_id!r} in the record")
    full = next(one for one in issue(decision_id, key, ledger=ledger, progress=progress)
                if one.issue.edition == edition)
    out = out or archive_dir() / (f"{decision_id}.pdf" if edition == "full"
                                  else f"{decision_id}-{edition}.pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(full.content)
    ledger.append(decision_id, Act(Stage.ARCHIVE, Kind.ARCHIVE_BUILT, "juece", {
        "file": out.name, "sha256": full.issue.sha256, "chain_head": full.issue.chain_head,
        "entries": len(entries), "built_at": utc_now(), "rules": ["R-H1", "R-H3"],
        "archive_no": full.issue.archive_no, "version": full.issue.version, "edition": edition,
    }, key))
    return out, full.issue.chain_head


def verify(path: Path, ledger: Ledger | None) -> Any:
    """Check an archive file; against the records DB as well when given it (None: the file alone)
    and it holds the decision."""
    from juece.adapters.reporting.verify import verify_archive
    from juece.services.record import plain

    if path.suffix.lower() == ".ofd" or _is_zip(path):  # the OFD edition (GB/T 33190)
        from juece.adapters.ofd.verify import verify_ofd as verify_archive  # noqa: PLC0415
    entries = None
    if ledger is not None:
        first = verify_archive(path)
        if first.decision_id:
            try:
                entries = ledger.entries(first.decision_id) or None
            except Exception:  # noqa: BLE001 - the DB is optional for verification
                entries = None
    return verify_archive(path, plain(entries) if entries else None)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False
