"""`juece body-key`: the signing keys of decision bodies, which sign the archives (R-H2, R-H3).

`init` makes a key and a self-signed certificate (demo, first setup); `import` registers a
key with a certificate issued by a CA (a real deployment); `show` prints the fingerprint,
which anyone checking an archive can compare with the one the body publishes. With a key
encryption key configured (JUECE_KEY_ENCRYPTION_KEY, else AIRFLOW__CORE__FERNET_KEY) the key
goes into the records DB, encrypted, registered by the authenticated user; otherwise into
the keys folder, as before.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from cryptography import x509

from juece.adapters.reporting.body_keys import (
    DB_PLACE,
    fingerprint,
    import_body_key,
    init_body_key,
    missing_key,
    registered_certificate,
    registrations,
    written_place,
)
from juece.adapters.reporting.body_sm2 import (
    body_sm2_public,
    import_body_sm2,
    init_body_sm2,
    sm2_files,
)
from juece.adapters.store.body_keys import encryption_configured
from juece.adapters.store.body_settings import BodySettings
from juece.cli.auth import authenticated_user
from juece.config import airflow_user
from juece.domain.record.digests import HASH_ALGORITHMS
from juece.domain.record.errors import RecordError


def _registrar() -> str | None:
    """Who registers a key kept in the records DB: the authenticated user (None: files)."""
    return authenticated_user() if encryption_configured() else None


def _describe(body: str, cert: x509.Certificate, place: str) -> str:
    issuer = "自签名 self-signed" if cert.issuer == cert.subject else cert.issuer.rfc4514_string()
    return (f"决策机关 decision body: {body}\n"
            f"证书主体 subject: {cert.subject.rfc4514_string()}\n"
            f"签发者 issuer: {issuer}\n"
            f"有效期 valid: {cert.not_valid_before_utc:%Y-%m-%d} – {cert.not_valid_after_utc:%Y-%m-%d}\n"
            f"SHA-256 指纹 fingerprint: {fingerprint(cert)}\n"
            f"存放处 stored in: {place}")


def _describe_sm2(body: str, public: bytes) -> str:
    place = DB_PLACE if encryption_configured() else f"公钥文件 public key file: {sm2_files(body)[1]}"
    pdf_key = "已登记 registered" if registered_certificate(body) is not None else \
        f"未登记：请另运行 juece body-key init {body} / none yet: run `juece body-key init {body}` too"
    return (f"决策机关 decision body: {body}\n算法 algorithm: SM2 with SM3 (GB/T 32918)\n"
            f"SM2 公钥 SHA-256 指纹 public key fingerprint: {hashlib.sha256(public).hexdigest()}\n"
            f"存放处 stored in: {place}\n"
            f"PDF 的 PAdES 签名仍用 RSA/ECDSA 密钥 the PDF's PAdES signature still uses the RSA/ECDSA key: {pdf_key}")


def cmd_init(args: argparse.Namespace) -> int:
    if args.algorithm == "sm2":
        public = init_body_sm2(args.body, _registrar())
        print(f"已生成 SM2 签名密钥 SM2 key made\n{_describe_sm2(args.body, public)}")
        return 0
    cert = init_body_key(args.body, args.org, _registrar())
    print(f"已生成签名密钥和自签名证书 key and self-signed certificate made\n"
          f"{_describe(args.body, cert, written_place(args.body))}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.algorithm == "sm2":
        if not Path(args.key).is_file():
            raise RecordError(f"文件不存在 no such file: {args.key}")
        public = import_body_sm2(args.body, Path(args.key).read_bytes(), _registrar())
        print(f"已登记 SM2 签名密钥 SM2 key registered\n{_describe_sm2(args.body, public)}")
        return 0
    if args.cert is None:
        raise RecordError("RSA/ECDSA 密钥须同时给出证书 --cert / an RSA or EC key needs its certificate: --cert")
    key_file, cert_file = Path(args.key), Path(args.cert)
    for file in (key_file, cert_file):
        if not file.is_file():
            raise RecordError(f"文件不存在 no such file: {file}")
    before = registered_certificate(args.body)
    place = written_place(args.body)
    cert = import_body_key(args.body, key_file.read_bytes(), cert_file.read_bytes(), _registrar())
    if before is not None and fingerprint(before) != fingerprint(cert):
        print(f"已替换原证书 replaced the earlier certificate {fingerprint(before)}")
    print(f"已登记签名密钥和证书 key and certificate registered\n{_describe(args.body, cert, place)}")
    signing = registered_certificate(args.body)
    if signing is not None and fingerprint(signing) != fingerprint(cert):
        print(f"注意：记录数据库中的密钥仍优先用于签名（{fingerprint(signing)[:16]}…） / note: the key in "
              f"the records DB still signs first; set JUECE_KEY_ENCRYPTION_KEY to replace it")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    found = registrations(args.body)
    sm2_public = body_sm2_public(args.body)
    if not found and sm2_public is None:
        raise missing_key(args.body)
    for number, (place, cert) in enumerate(found):
        used = "用于签名 signs archives" if number == 0 else "不用于签名（记录数据库中的优先） not used (the records DB's comes first)"
        print(("\n" if number else "") + f"{_describe(args.body, cert, place)}\n{used}")
    if sm2_public is not None:
        print(("\n" if found else "") + _describe_sm2(args.body, sm2_public))
    return 0


def cmd_hash(args: argparse.Namespace) -> int:
    settings = BodySettings()
    if args.algorithm is not None:
        settings.set_hash_algorithm(args.body, args.algorithm, _registrar() or airflow_user())
    print(f"决策机关 decision body: {args.body}\n新决策的哈希链算法 hash algorithm of new decisions' chains: "
          f"{settings.hash_algorithm(args.body)}（已启动的决策保持其启动时的算法 launched decisions keep theirs）")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `body-key` and its subcommands to the `juece` command's subparsers."""
    keys = sub.add_parser("body-key", help="决策机关签名密钥 the decision bodies' keys that sign archives")
    commands = keys.add_subparsers(dest="body_key_command", required=True)
    init = commands.add_parser("init", help="make a key and a self-signed certificate (demo, first setup)")
    init.add_argument("body", help="the decision body's name, e.g. 延寿县人民政府")
    init.add_argument("--org", help="an organisation name (O) for the certificate, optional")
    init.add_argument("--algorithm", choices=("rsa", "sm2"), default="rsa",
                      help="rsa (default: the key of the PDF's PAdES signature) or sm2 (a second key: the "
                           "archive's detached SM2 signature over its record)")
    init.set_defaults(run=cmd_init)
    imported = commands.add_parser("import", help="register a key and its certificate from a CA")
    imported.add_argument("body")
    imported.add_argument("--key", required=True, help="the private key, unencrypted PEM")
    imported.add_argument("--cert", help="the certificate, PEM; its CN or O names the body (RSA/EC keys)")
    imported.add_argument("--algorithm", choices=("rsa", "sm2"), default="rsa",
                          help="rsa (RSA or EC key with its certificate, default) or sm2 (PKCS#8 or SEC1, PEM or DER)")
    imported.set_defaults(run=cmd_import)
    shown = commands.add_parser("show", help="print the registered certificates (records DB, keys folder) and their fingerprints")
    shown.add_argument("body")
    shown.set_defaults(run=cmd_show)
    chain = commands.add_parser("hash", help="show or set the hash algorithm of the body's new chains (sha256, sm3)")
    chain.add_argument("body")
    chain.add_argument("--algorithm", choices=HASH_ALGORITHMS, help="set it (default: only show it)")
    chain.set_defaults(run=cmd_hash)
