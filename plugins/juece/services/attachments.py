"""Files given with an act (a channel's minutes, an implementation report): read and checked, kept in
the records DB by their hash (`adapters/store/attachments.py`), and read back from there. The
ledger entry keeps {name, sha256, bytes}, as it always has; records written before the bytes moved
to the DB still have them under JUECE_HOME/attachments, where they are read as a last resort."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from juece.adapters.store.attachments import AttachmentStore, check_size
from juece.config import juece_home
from juece.domain.record.errors import FormError, RecordError


def read_upload(file: Path) -> bytes:
    """A file's bytes, refused in both languages when it cannot be read or is over the size limit."""
    try:
        check_size(file.name, file.stat().st_size)
        return file.read_bytes()
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise FormError(f"无法读取附件 {file}：{reason}", f"cannot read the attachment {file}: {reason}",
                        field="attachment") from None


def read_uploads(files: list[Path]) -> list[tuple[str, bytes]]:
    """Every file read before any is kept: one unreadable or too large refuses them all."""
    return [(file.name, read_upload(file)) for file in files]


def keep(name: str, content: bytes, engine: Engine | None = None) -> dict[str, Any]:
    """Keep the bytes in the records DB; the ledger's description of them."""
    kept = AttachmentStore(engine).put(name, content)
    return {"name": name, "sha256": kept.sha256, "bytes": kept.size}


def read(decision_id: str, described: dict[str, Any], engine: Engine | None = None) -> bytes:
    """The bytes a ledger entry's attachment ({name, sha256, ...}) names: from the records DB, or
    for a record written before they were kept there, from its old file under JUECE_HOME."""
    digest = str(described["sha256"])
    kept = AttachmentStore(engine).get(digest)
    if kept is not None:
        return kept.content
    old = legacy_path(decision_id, digest, str(described["name"]))
    if old.is_file() and hashlib.sha256(content := old.read_bytes()).hexdigest() == digest:
        return content
    raise RecordError(f"决策 {decision_id} 的附件 {described['name']}（{digest[:16]}）不在记录库中 / the attachment "
                      f"{described['name']} ({digest[:16]}) of decision {decision_id} is not in the records DB")


def legacy_path(decision_id: str, digest: str, name: str) -> Path:
    """Where attachments were kept before the records DB held them."""
    return juece_home() / "attachments" / decision_id / f"{digest[:16]}-{name}"
