"""The decision bodies' signing keys kept in the records DB (决策机关签名密钥库), so that every
worker reading the DB signs archives with them, whatever its JUECE_HOME.

One row per body, keyed by the SHA-256 of its name: the certificate (PEM, public) and the
private key (PKCS#8 PEM) encrypted as a whole with Fernet under the key encryption key
(JUECE_KEY_ENCRYPTION_KEY, else Airflow's AIRFLOW__CORE__FERNET_KEY; several keys separated
by commas rotate as Airflow's do, the first encrypts). Without that key nothing is stored or
read: a private key is never kept in clear in the DB.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Column, Engine, String, Table, Text, select
from sqlalchemy.exc import SQLAlchemyError

from juece import config
from juece.adapters.store.db import ensure_tables, metadata, reading
from juece.adapters.store.ledger import utc_now
from juece.domain.record.errors import RecordError

body_keys = Table(
    "juece_body_keys",
    metadata,
    Column("body_hash", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("cert_pem", Text, nullable=False),
    Column("key_encrypted", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("registered_by", String(200), nullable=False),
)


class BodyKeyError(RecordError):
    """A decision body's key is missing, unreadable, or does not fit its certificate."""


@dataclass(frozen=True)
class StoredBodyKey:
    body: str
    cert_pem: bytes
    key_encrypted: bytes
    created_at: str
    registered_by: str

    def key_pem(self) -> bytes:
        """The private key, decrypted with the configured key encryption key."""
        try:
            return _cipher().decrypt(self.key_encrypted)
        except InvalidToken:
            setting = config.key_encryption_setting()
            raise BodyKeyError(
                f"决策机关“{self.body}”的私钥无法解密：{setting} 不是登记时所用的密钥 / the private key of "
                f"{self.body!r} in the records DB cannot be decrypted: {setting} is not the key it was "
                f"encrypted with") from None


def body_hash(body: str) -> str:
    """The SHA-256 of the body's name (trimmed), as hex."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


def encryption_configured() -> bool:
    return config.key_encryption_key() is not None


def _cipher() -> MultiFernet:
    secret = config.key_encryption_key()
    if secret is None:
        raise BodyKeyError(
            "未设置密钥加密密钥 JUECE_KEY_ENCRYPTION_KEY（或 Airflow 的 AIRFLOW__CORE__FERNET_KEY），"
            "记录数据库中的签名私钥无法存取 / no key encryption key is set: set JUECE_KEY_ENCRYPTION_KEY "
            "(or Airflow's AIRFLOW__CORE__FERNET_KEY) to store or read a signing key in the records DB")
    try:
        return MultiFernet([Fernet(part.strip()) for part in secret.split(",") if part.strip()])
    except ValueError:
        setting = config.key_encryption_setting()
        raise BodyKeyError(
            f"{setting} 不是有效的 Fernet 密钥（32 字节，URL 安全的 base64） / {setting} is not a valid "
            f"Fernet key (32 bytes, url-safe base64; make one with `python -c \"from cryptography.fernet "
            f"import Fernet; print(Fernet.generate_key().decode())\"`)") from None


class BodyKeyStore:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = ensure_tables(engine, body_keys)

    def get(self, body: str) -> StoredBodyKey | None:
        with reading(self.engine) as conn:
            row = conn.execute(select(body_keys).where(body_keys.c.body_hash == body_hash(body))).first()
        if row is None:
            return None
        got = row._mapping
        return StoredBodyKey(got["body"], got["cert_pem"].encode("ascii"), got["key_encrypted"].encode("ascii"),
                             got["created_at"], got["registered_by"])

    def put(self, body: str, key_pem: bytes, cert_pem: bytes, registered_by: str, *, replace: bool) -> None:
        """Store the body's key, encrypted, and certificate; an earlier one is replaced only when asked."""
        row = {"body_hash": body_hash(body), "body": body.strip(), "cert_pem": cert_pem.decode("ascii"),
               "key_encrypted": _cipher().encrypt(key_pem).decode("ascii"), "created_at": utc_now(),
               "registered_by": registered_by}
        with self.engine.begin() as conn:
            found = conn.execute(select(body_keys.c.body_hash)
                                 .where(body_keys.c.body_hash == row["body_hash"])).first()
            if found is None:
                conn.execute(body_keys.insert(), row)
            elif replace:
                conn.execute(body_keys.update().where(body_keys.c.body_hash == row["body_hash"]), row)
            else:
                raise BodyKeyError(f"决策机关“{body}”已有签名密钥，未覆盖 / the decision body {body!r} "
                                   f"already has a signing key; it was not replaced")


def records_db_present() -> bool:
    """Whether there is a records DB to look in: a configured one, or the default SQLite file
    already made (adapters/store/db.py); looking never creates one, e.g. when someone checks
    an archive offline."""
    return config.records_url() is not None or (config.juece_home() / "records.db").is_file()


def stored_body_key(body: str) -> StoredBodyKey | None:
    """The body's key in the records DB, or None (also when there is no records DB here)."""
    if not records_db_present():
        return None
    try:
        return BodyKeyStore().get(body)
    except SQLAlchemyError as error:
        raise BodyKeyError(f"记录数据库无法读取，决策机关“{body}”的签名密钥未能查到 / the records DB "
                           f"cannot be read to look up the signing key of {body!r}: {error}") from None
