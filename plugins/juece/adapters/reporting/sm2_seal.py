"""The archive's SM2 signature (国密 SM2 签名) over its record, for bodies with an SM2 key.

PAdES/CMS with SM2 is not checked by common PDF readers, so the PDF keeps its PAdES signature
by the body's RSA/ECDSA key, and a second attachment, `record.sm2.json`, carries a detached
SM2-with-SM3 signature (GB/T 32918, identity 1234567812345678) of the SM3 digest of the
attached record.json (the 64 hex digits as ASCII), with the body's SM2 public key
(SubjectPublicKeyInfo, GB/T 35276) and the signature in DER. The attachment is written
before the PAdES signature, which therefore covers it too. `juece verify` recomputes the
digest, checks the SM2 signature and compares the key with the one the body registered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from juece.adapters.reporting import body_sm2, sections
from juece.adapters.reporting.attach import SEAL_NAME
from juece.domain.record import sm2
from juece.domain.record.digests import sm3_hex
from juece.domain.record.ledger import canonical_json

SEAL_FORMAT = "juece-sm2-seal/1"
Sealer = Callable[[str], bytes]


def sealer(record: dict[str, Any]) -> Sealer | None:
    """What seals this record (given record.json's SM3 digest), if its body has an SM2 key."""
    body = sections.launch_spec(record).get("decision_body")
    key = body_sm2.body_sm2_key(body) if isinstance(body, str) and body.strip() else None
    if key is None:
        return None
    return lambda digest: seal(str(body).strip(), key, digest)


def seal(body: str, key_pem: str, digest: str) -> bytes:
    """The seal's canonical JSON."""
    public = sm2.public_der(sm2.key_pair(key_pem)[1])
    return canonical_json({
        "format": SEAL_FORMAT, "algorithm": "SM2-with-SM3", "algorithm_oid": sm2.SM2_WITH_SM3,
        "signer": body, "signer_id": sm2.DEFAULT_ID, "signed_file": "record.json",
        "record_sm3": digest, "public_key": base64.b64encode(public).decode("ascii"),
        "signature": base64.b64encode(sm2.sign(key_pem, digest.encode("ascii"))).decode("ascii"),
    })


@dataclass
class SealCheck:
    present: bool = False
    fingerprint: str | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_seal(record_raw: bytes | None, seal_raw: bytes | None, body: str | None) -> SealCheck:
    """The seal checked against the attached record and the body's registered SM2 key."""
    check = SealCheck(present=seal_raw is not None)
    registered = body_sm2.body_sm2_public(body) if body else None
    if seal_raw is None:
        if registered is not None:
            check.warnings.append(f"决策机关“{body}”登记了 SM2 密钥，但本档案没有 SM2 签名（可能早于登记） / "
                                  f"the body has an SM2 key registered but this archive carries no SM2 signature")
        return check
    try:
        found = json.loads(seal_raw.decode("utf-8"))
        public = base64.b64decode(found["public_key"], validate=True)
        signature = base64.b64decode(found["signature"], validate=True)
        digest = str(found["record_sm3"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        check.problems.append(f"[R-H2] {SEAL_NAME} 无法读取 / {SEAL_NAME} cannot be read")
        return check
    check.fingerprint = hashlib.sha256(public).hexdigest()
    check.problems += _problems(found, record_raw, digest, public, signature)
    if registered is not None and registered != public:
        check.problems.append(f"[R-H2] SM2 签名的公钥不是决策机关“{body}”登记的 SM2 公钥 / the SM2 signature's "
                              f"public key is not the one registered for {body!r}")
    elif registered is None:
        check.warnings.append(f"本机未登记“{body}”的 SM2 公钥：请将指纹 {check.fingerprint} 与该机关公布的核对 / no SM2 key "
                              f"of {body!r} is registered here: compare fingerprint {check.fingerprint} with the body's")
    return check


def _problems(found: dict[str, Any], record_raw: bytes | None, digest: str, public: bytes,
              signature: bytes) -> list[str]:
    if found.get("format") != SEAL_FORMAT or found.get("signer_id") != sm2.DEFAULT_ID:
        return [f"[R-H2] {SEAL_NAME} 不是 {SEAL_FORMAT} / {SEAL_NAME} is not a {SEAL_FORMAT} seal"]
    if record_raw is None or sm3_hex(record_raw) != digest:
        return ["[R-H2] record.json 的 SM3 摘要与 SM2 签名所签的不符（记录被改动） / record.json's SM3 digest is "
                "not the one the SM2 signature signed (the record was changed)"]
    if not sm2.verify(public, digest.encode("ascii"), signature):
        return ["[R-H2] SM2 签名无效 / the SM2 signature does not verify"]
    return []
