"""Attachments (a channel's minutes, an implementation report) kept in the records DB by the SHA-256
of their bytes, so that every worker, whatever its JUECE_HOME, reads what another one kept
(nothing shared but the databases and the object store). The ledger entry names the file and its
hash; the bytes live here, once per content (keeping the same bytes again changes nothing)."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field

from sqlalchemy import BigInteger, Column, Engine, LargeBinary, String, Table, Text, select
from sqlalchemy.exc import IntegrityError

from juece import config
from juece.adapters.store.db import ensure_tables, metadata, reading
from juece.adapters.store.ledger import utc_now
from juece.domain.record.errors import FormError

attachments = Table(
    "juece_attachments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", Text, nullable=False),  # the name it was first kept under
    Column("media_type", String(200), nullable=True),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary, nullable=False),  # bytea on PostgreSQL, BLOB on SQLite
    Column("stored_at", String(40), nullable=False),
)


@dataclass(frozen=True)
class Attachment:
    sha256: str
    name: str
    media_type: str | None
    size: int
    content: bytes = field(repr=False)


def max_bytes() -> int:
    try:
        return config.attachment_max_bytes()
    except config.ConfigError as error:
        raise FormError(f"附件大小上限配置有误：{error}", f"the attachment size limit is misconfigured: {error}",
                        field="attachment") from None


def check_size(name: str, size: int) -> None:
    """Refuse a file over JUECE_ATTACHMENT_MAX_MB, in both languages."""
    limit = max_bytes()
    if size > limit:
        megabytes = f"{limit / 1024 / 1024:g}"
        raise FormError(f"附件 {name} 有 {size} 字节，超过 {megabytes} MB 的上限（JUECE_ATTACHMENT_MAX_MB），未保存",
                        f"attachment {name} is {size} bytes, over the {megabytes} MB limit "
                        "(JUECE_ATTACHMENT_MAX_MB): not kept", field="attachment")


class AttachmentStore:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = ensure_tables(engine, attachments)

    def put(self, name: str, content: bytes, media_type: str | None = None) -> Attachment:
        """Keep the bytes (refused over the size limit); the same bytes again: the row kept first."""
        check_size(name, len(content))
        digest = hashlib.sha256(content).hexdigest()
        if (kept := self.get(digest)) is not None:
            return kept
        row = {"sha256": digest, "name": name, "media_type": media_type or mimetypes.guess_type(name)[0],
               "size": len(content), "content": content, "stored_at": utc_now()}
        try:
            with self.engine.begin() as conn:
                conn.execute(attachments.insert(), row)
        except IntegrityError:  # another process kept the same bytes meanwhile
            if (kept := self.get(digest)) is not None:
                return kept
            raise
        return Attachment(digest, name, row["media_type"], len(content), content)

    def get(self, sha256: str) -> Attachment | None:
        with reading(self.engine) as conn:
            row = conn.execute(select(attachments).where(attachments.c.sha256 == sha256)).first()
        if row is None:
            return None
        return Attachment(row.sha256, row.name, row.media_type, row.size, bytes(row.content))
