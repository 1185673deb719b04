"""The signing keys of decision bodies (决策机关签名密钥): one RSA key and one certificate each.

Kept in the records DB, the private key encrypted (adapters/store/body_keys.py), when a key
encryption key is configured: every worker reading the DB then signs with them. Otherwise,
and for keys registered before the DB kept them, under `keys_dir() / "bodies"` as
`<hash>.key.pem` (PKCS#8, readable by its owner only) and `<hash>.cert.pem`, where <hash> is
taken from the body's name, so that any name gives a safe file name. A key is looked up in
the DB first, then in that folder. `init_body_key` makes a key and a self-signed certificate
(demo, first setup); `import_body_key` registers a key with a certificate issued by a real CA.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from juece.adapters.store.body_keys import BodyKeyError as BodyKeyError
from juece.adapters.store.body_keys import BodyKeyStore, encryption_configured, stored_body_key
from juece.config import airflow_user, keys_dir

KEY_SIZE = 3072
# The signing time of an archive is the time of its record's last entry, which may come
# before the key was made: a self-signed certificate is valid from a fixed early date.
VALID_FROM = datetime(2000, 1, 1, tzinfo=UTC)
VALID_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)
_PLAIN = re.compile(r"[^\s'\"\\$`;&|<>()*?!#~{}\[\]]+")
DB_PLACE = "记录数据库 records DB (juece_body_keys)，私钥加密 private key encrypted"


def _command(*words: str) -> str:
    """The command line to type; a word is quoted only if the shell needs it."""
    return "juece body-key " + " ".join(
        word if _PLAIN.fullmatch(word) else shlex.quote(word) for word in words)


def missing_key(body: str) -> BodyKeyError:
    init = _command("init", body)
    imported = _command("import", body, "--key", "KEY.pem", "--cert", "CERT.pem")
    return BodyKeyError(
        f"决策机关“{body}”没有登记签名密钥，档案未生成；请先运行 {init}（或 {imported}） / "
        f"the decision body {body!r} has no registered signing key, so no archive was written: "
        f"run `{init}` (or `{imported}`) first")


def body_files(body: str) -> tuple[Path, Path]:
    """(key file, certificate file) of a decision body."""
    if not body or not body.strip():
        raise BodyKeyError("决策机关名称为空 / the decision body's name is empty")
    stem = hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:24]
    folder = keys_dir() / "bodies"
    return folder / f"{stem}.key.pem", folder / f"{stem}.cert.pem"


def registrations(body: str) -> list[tuple[str, x509.Certificate]]:
    """(where, certificate) of every certificate registered for the body: the records DB's
    first (it signs), then the keys folder's."""
    found = []
    if (stored := stored_body_key(body)) is not None:
        place = f"{DB_PLACE}；登记 registered by {stored.registered_by} at {stored.created_at}"
        found.append((place, _load_certificate(stored.cert_pem)))
    _, cert_file = body_files(body)
    if cert_file.is_file():
        found.append((f"证书文件 certificate file: {cert_file}", _load_certificate(cert_file.read_bytes())))
    return found


def registered_certificate(body: str) -> x509.Certificate | None:
    """The certificate registered here for the body (the records DB's first), or None."""
    found = registrations(body)
    return found[0][1] if found else None


def body_signing_pems(body: str) -> tuple[bytes, bytes]:
    """The body's private key and certificate (PEM), from the records DB or else the keys
    folder; BodyKeyError naming the command when neither has them."""
    if (stored := stored_body_key(body)) is not None:
        return stored.key_pem(), stored.cert_pem
    key_file, cert_file = body_files(body)
    if not key_file.is_file() or not cert_file.is_file():
        raise missing_key(body)
    return key_file.read_bytes(), cert_file.read_bytes()


def written_place(body: str) -> str:
    """Where `init_body_key` and `import_body_key` store the body's key now."""
    return DB_PLACE if encryption_configured() else f"证书文件 certificate file: {body_files(body)[1]}"


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate (DER), as hex."""
    return cert.fingerprint(hashes.SHA256()).hex()


def subject_names(cert: x509.Certificate) -> list[str]:
    """The certificate subject's common names and organisation names."""
    wanted = (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
    return [str(attr.value) for oid in wanted for attr in cert.subject.get_attributes_for_oid(oid)]


def common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def names_body(cert: x509.Certificate, body: str) -> bool:
    """Whether the certificate's subject (CN or O) is the decision body."""
    return body.strip() in subject_names(cert)


def init_body_key(body: str, organisation: str | None = None,
                  registered_by: str | None = None) -> x509.Certificate:
    """Make and store a new RSA key and a self-signed certificate for the body."""
    key_file, cert_file = body_files(body)
    if key_file.exists() or cert_file.exists() or stored_body_key(body) is not None:
        raise BodyKeyError(f"决策机关“{body}”已有签名密钥，未覆盖 / the decision body {body!r} "
                           f"already has a signing key; it was not replaced")
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    cert = _self_signed(key, body.strip(), organisation)
    _store(body, key, cert, registered_by, replace=False)
    return cert


def ensure_body_key(body: str) -> x509.Certificate:
    """The body's certificate, made first if the body has no key yet (demo set-up)."""
    key_file, _ = body_files(body)
    found = registered_certificate(body)
    if found is not None and (key_file.is_file() or stored_body_key(body) is not None):
        return found
    return init_body_key(body)


def import_body_key(body: str, key_pem: bytes, cert_pem: bytes,
                    registered_by: str | None = None) -> x509.Certificate:
    """Register a key and its CA-issued certificate for the body (replaces any earlier one)."""
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as error:
        raise BodyKeyError(f"私钥无法读取（须为未加密的 PEM）/ the key cannot be read "
                           f"(an unencrypted PEM key is needed): {error}") from None
    cert = _load_certificate(cert_pem)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise BodyKeyError("密钥须为 RSA 或 EC 密钥 / the key must be an RSA or EC key")
    if isinstance(key, rsa.RSAPrivateKey) and key.key_size < 2048:
        raise BodyKeyError("RSA 密钥须至少 2048 位 / an RSA key needs at least 2048 bits")
    if not _same_key(key, cert):
        raise BodyKeyError("证书与私钥不匹配 / the certificate does not belong to this key")
    if not names_body(cert, body):
        raise BodyKeyError(f"证书主体不是“{body}”（{cert.subject.rfc4514_string()}） / the "
                           f"certificate's subject (CN or O) does not name {body!r}")
    _store(body, key, cert, registered_by, replace=True)
    return cert


def _same_key(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> bool:
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(*spki) == cert.public_key().public_bytes(*spki)


def _load_certificate(data: bytes) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as error:
        raise BodyKeyError(f"证书无法读取（须为 PEM）/ the certificate cannot be read "
                           f"(a PEM certificate is needed): {error}") from None


def _self_signed(key: rsa.RSAPrivateKey, body: str, organisation: str | None) -> x509.Certificate:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, body)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    name = x509.Name(attributes)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False,
                          crl_sign=False, encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM).not_valid_after(VALID_UNTIL)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))


def _store(body: str, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, cert: x509.Certificate,
           registered_by: str | None, *, replace: bool) -> None:
    """Into the records DB, encrypted, when a key encryption key is configured; else into files."""
    key_file, cert_file = body_files(body)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    if encryption_configured():
        BodyKeyStore().put(body, pem, cert_pem, registered_by or airflow_user(), replace=replace)
        return
    key_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = key_file.with_suffix(".tmp")
    temporary.touch(mode=0o600)
    temporary.chmod(0o600)
    temporary.write_bytes(pem)
    temporary.replace(key_file)
    cert_file.write_bytes(cert_pem)
