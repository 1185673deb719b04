"""`juece body-key`: the signing keys of decision bodies, which sign the archives (R-H2, R-H3).

`init` makes a key and a self-signed certificate (demo, first setup); `import` registers a
key with a certificate issued by a CA (a real deployment); `show` prints the fingerprint,
which anyone checking an archive can compare with the one the body publishes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cryptography import x509

from juece.adapters.reporting.body_keys import (
    body_files,
    fingerprint,
    import_body_key,
    init_body_key,
    missing_key,
    registered_certificate,
)
from juece.domain.record.errors import RecordError


def _describe(body: str, cert: x509.Certificate) -> str:
    issuer = "自签名 self-signed" if cert.issuer == cert.subject else cert.issuer.rfc4514_string()
    return (f"决策机关 decision body: {body}\n"
            f"证书主体 subject: {cert.subject.rfc4514_string()}\n"
            f"签发者 issuer: {issuer}\n"
            f"有效期 valid: {cert.not_valid_before_utc:%Y-%m-%d} – {cert.not_valid_after_utc:%Y-%m-%d}\n"
            f"SHA-256 指纹 fingerprint: {fingerprint(cert)}\n"
            f"证书文件 certificate: {body_files(body)[1]}")


def cmd_init(args: argparse.Namespace) -> int:
    cert = init_body_key(args.body, args.org)
    print(f"已生成签名密钥和自签名证书 key and self-signed certificate made\n{_describe(args.body, cert)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    key_file, cert_file = Path(args.key), Path(args.cert)
    for file in (key_file, cert_file):
        if not file.is_file():
            raise RecordError(f"文件不存在 no such file: {file}")
    before = registered_certificate(args.body)
    cert = import_body_key(args.body, key_file.read_bytes(), cert_file.read_bytes())
    if before is not None and fingerprint(before) != fingerprint(cert):
        print(f"已替换原证书 replaced the earlier certificate {fingerprint(before)}")
    print(f"已登记签名密钥和证书 key and certificate registered\n{_describe(args.body, cert)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    cert = registered_certificate(args.body)
    if cert is None:
        raise missing_key(args.body)
    print(_describe(args.body, cert))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `body-key` and its subcommands to the `juece` command's subparsers."""
    keys = sub.add_parser("body-key", help="决策机关签名密钥 the decision bodies' keys that sign archives")
    commands = keys.add_subparsers(dest="body_key_command", required=True)
    init = commands.add_parser("init", help="make a key and a self-signed certificate (demo, first setup)")
    init.add_argument("body", help="the decision body's name, e.g. 延寿县人民政府")
    init.add_argument("--org", help="an organisation name (O) for the certificate, optional")
    init.set_defaults(run=cmd_init)
    imported = commands.add_parser("import", help="register a key and its certificate from a CA")
    imported.add_argument("body")
    imported.add_argument("--key", required=True, help="the private key, unencrypted PEM")
    imported.add_argument("--cert", required=True, help="the certificate, PEM; its CN or O names the body")
    imported.set_defaults(run=cmd_import)
    shown = commands.add_parser("show", help="print the registered certificate and its fingerprint")
    shown.add_argument("body")
    shown.set_defaults(run=cmd_show)
