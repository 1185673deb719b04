"""A decision body's SM2 key (决策机关 SM2 签名密钥), beside its RSA/ECDSA key.

PAdES/CMS with SM2 is not something common PDF readers check, so the PDF stays signed by
the body's RSA/ECDSA key (body_keys.py) and, when the body also has an SM2 key, the archive
carries a detached SM2 signature over its record (sm2_seal.py) that `juece verify` checks.
The key is kept where the body's other key is: in the records DB, encrypted, when a key
encryption key is configured (as the row of "<body>#sm2", the public key in the certificate
column), else under `keys_dir() / "bodies"` as `<hash>.sm2.key.pem` (mode 0600) and
`<hash>.sm2.pub.pem`. Keys are PKCS#8 PEM; an import also reads SEC1, DER, as GB/T 35276 has them.
"""

from __future__ import annotations

from pathlib import Path

from juece.adapters.reporting.body_keys import BodyKeyError, body_files
from juece.adapters.store.body_keys import BodyKeyStore, encryption_configured, stored_body_key
from juece.config import airflow_user
from juece.domain.record import sm2


def _label(body: str) -> str:
    return f"{body.strip()}#sm2"


def sm2_files(body: str) -> tuple[Path, Path]:
    key_file, _ = body_files(body)
    stem = key_file.name.removesuffix(".key.pem")
    return key_file.with_name(f"{stem}.sm2.key.pem"), key_file.with_name(f"{stem}.sm2.pub.pem")


def body_sm2_key(body: str) -> str | None:
    """The body's SM2 private key (PKCS#8 PEM), or None when it has none."""
    if (stored := stored_body_key(_label(body))) is not None:
        return stored.key_pem().decode("ascii")
    key_file, _ = sm2_files(body)
    return key_file.read_text(encoding="ascii") if key_file.is_file() else None


def body_sm2_public(body: str) -> bytes | None:
    """The SubjectPublicKeyInfo (DER) of the body's registered SM2 key, or None."""
    if (stored := stored_body_key(_label(body))) is not None:
        return sm2.public_der(sm2.public_point(stored.cert_pem))
    _, public_file = sm2_files(body)
    return sm2.public_der(sm2.public_point(public_file.read_bytes())) if public_file.is_file() else None


def init_body_sm2(body: str, registered_by: str | None = None) -> bytes:
    """Make and store a new SM2 key for the body; its SubjectPublicKeyInfo (DER)."""
    if body_sm2_public(body) is not None:
        raise BodyKeyError(f"决策机关“{body}”已有 SM2 密钥，未覆盖 / the decision body {body!r} already "
                           f"has an SM2 key; it was not replaced")
    return _store(body, sm2.new_private_pem(), registered_by)


def import_body_sm2(body: str, key: bytes, registered_by: str | None = None) -> bytes:
    """Register an SM2 private key (PKCS#8 or SEC1, PEM or DER) for the body, replacing any."""
    try:
        scalar, point = sm2.key_pair(key)
    except sm2.SM2KeyError as error:
        raise BodyKeyError(f"SM2 私钥无法读取（须为未加密的 PKCS#8 或 SEC1，PEM 或 DER）：{error.zh} / the SM2 key "
                           f"cannot be read (an unencrypted PKCS#8 or SEC1 key, PEM or DER, is needed): {error.en}"
                           ) from None
    return _store(body, sm2.private_pem(scalar, point), registered_by, replace=True)


def _store(body: str, key_pem: str, registered_by: str | None, *, replace: bool = False) -> bytes:
    public = sm2.public_der(sm2.key_pair(key_pem)[1])
    public_pem = sm2.public_pem(public).encode("ascii")
    if encryption_configured():
        BodyKeyStore().put(_label(body), key_pem.encode("ascii"), public_pem,
                           registered_by or airflow_user(), replace=replace)
        return public
    key_file, public_file = sm2_files(body)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = key_file.with_suffix(".tmp")
    temporary.touch(mode=0o600)
    temporary.chmod(0o600)
    temporary.write_text(key_pem, encoding="ascii")
    temporary.replace(key_file)
    public_file.write_bytes(public_pem)
    return public
