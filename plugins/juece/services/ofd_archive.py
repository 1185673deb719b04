"""The OFD edition of a decision's archive (GB/T 33190), for bodies whose rules require OFD
beside PDF/A: the record as it stands, in the chosen edition (the public one without personal
data, R-H6), laid out as the PDF is and signed with the decision body's SM2 key."""

from __future__ import annotations

import hashlib
from pathlib import Path

from juece.adapters.store.ledger import Ledger, utc_now
from juece.config import archive_dir
from juece.domain.record.acts import Act
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.services.record import plain


def archive_ofd(decision_id: str, out: Path | None = None, *, ledger: Ledger,
                edition: str = "public", progress: object = None) -> tuple[Path, str]:
    """Write the OFD edition of the record as it stands; (the file, the chain head). It carries
    the archive number of the catalogued issue of the same chain head, when there is one; the
    ledger records the file built (`archive_built`, format OFD, with its SHA-256), as for a PDF."""
    from juece.adapters.ofd.build import build_ofd_archive
    from juece.adapters.reporting.editions import make_edition
    from juece.adapters.store import catalogue
    from juece.adapters.store.comments import CommentStore

    entries = ledger.entries(decision_id)
    if not entries:
        raise RecordError(f"没有决策 {decision_id!r} 的记录 / no decision {decision_id!r} in the record")
    personal = CommentStore(ledger).personal_data(decision_id)
    record = make_edition(decision_id, plain(entries), edition, personal)
    issued = [row for row in catalogue.issues(decision_id, engine=ledger.engine)
              if row.chain_head == record["chain_head"]]
    if issued:
        record["archive_no"] = issued[-1].archive_no
    out = out or archive_dir() / (f"{decision_id}.ofd" if edition == "full" else f"{decision_id}-{edition}.ofd")
    path = build_ofd_archive(record, out, progress)  # type: ignore[arg-type]
    ledger.append(decision_id, Act(Stage.ARCHIVE, Kind.ARCHIVE_BUILT, "juece", {
        "file": path.name, "format": "ofd", "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "chain_head": record["chain_head"], "entries": len(entries), "built_at": utc_now(),
        "rules": ["R-H1", "R-H3"], "archive_no": record.get("archive_no"), "edition": edition}))
    return path, str(record["chain_head"])
