"""Check the decision body's signature on an archive (see `sign`), in plain words.

A failure is anything that makes the file untrustworthy: no signature, bytes changed after
signing, a signature that does not cover the whole file (bytes appended, a later
incremental update), a signer who is not the decision body named in the record, or a
certificate other than the one registered here for that body.

A signer whose body has no certificate registered here (records DB or keys folder) is a
warning, not a failure: anyone must be able to check an archive offline (an archivist, a
court, the public); the report then names the signer's certificate fingerprint, to compare
with the one the body publishes, and the ledger check still ties the file to the ledger's
SHA-256.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from juece.adapters.reporting.body_keys import (
    BodyKeyError,
    common_name,
    fingerprint,
    names_body,
    registered_certificate,
)
from juece.adapters.reporting.sign import PADES

logging.getLogger("pyhanko").addHandler(logging.NullHandler())


@dataclass
class SignatureCheck:
    signer: str | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _ends_with_eof(data: bytes) -> bool:
    return data.rstrip(b"\r\n\t \x00").endswith(b"%%EOF")


def _signatures(data: bytes, check: SignatureCheck) -> tuple[PdfFileReader, list] | None:
    truncated = ("文件被截断：末尾没有 %%EOF / the file is truncated: it does not end with %%EOF")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        found = sorted(reader.embedded_signatures, key=lambda sig: sig.signed_revision)
    except Exception as exc:  # noqa: BLE001 (any damage is a finding, not a crash)
        check.problems.append(truncated if not _ends_with_eof(data) else
                              f"签名无法读取 / the signature cannot be read: {exc}")
        return None
    if not found:
        check.problems.append(truncated if not _ends_with_eof(data) else
                              "文件未签名（或签名已被移除） / the file carries no signature: it was "
                              "never signed, or the signature was removed")
        return None
    return reader, found


def _coverage(sig: EmbeddedPdfSignature, reader: PdfFileReader, data: bytes,
              check: SignatureCheck) -> None:
    hole_start, hole_end = int(sig.byte_range[1]), int(sig.byte_range[2])
    signed_end = hole_end + int(sig.byte_range[3])
    later = reader.xrefs.total_revisions - 1 - sig.signed_revision
    if data[hole_start:hole_start + 1] != b"<" or data[hole_end - 1:hole_end] != b">":
        check.problems.append("签名范围与文件不符：文件在签名后被重写 / the signature's byte range "
                              "no longer fits the file: it was rewritten (re-saved) after signing")
    elif signed_end > len(data):
        check.problems.append("文件被截断：短于签名覆盖的范围 / the file is truncated: it is "
                              "shorter than the byte range the signature covers")
    elif later > 0:
        check.problems.append(f"签名后又有 {later} 次增量更新，其改动不在签名范围内 / {later} "
                              f"incremental update(s) were added after the signature: their "
                              f"changes are not covered by it")
    elif sig.coverage != SignatureCoverageLevel.ENTIRE_FILE or signed_end != len(data):
        check.problems.append(f"签名后追加了 {len(data) - signed_end} 个字节 / "
                              f"{len(data) - signed_end} bytes were appended after the signature")


def _identity(cert: x509.Certificate, body: str | None, check: SignatureCheck) -> None:
    check.signer = common_name(cert)
    signed_print = fingerprint(cert)
    if body is None:
        return
    if not names_body(cert, body):
        check.problems.append(f"签名者“{check.signer}”不是记录中的决策机关“{body}” / signed by "
                              f"{check.signer!r}, not by the decision body {body!r} the record names")
        return
    try:
        registered = registered_certificate(body)
    except BodyKeyError as error:
        check.warnings.append(f"本机登记的证书无法读取 / the registered certificate cannot be "
                              f"read: {error}")
        return
    if registered is None:
        check.warnings.append(f"本机未登记“{body}”的证书，签名者身份未确认（证书指纹 {signed_print}） / "
                              f"signer not registered here: no certificate of {body!r} in the "
                              f"records DB or the keys folder; compare fingerprint {signed_print} with the body's")
    elif fingerprint(registered) != signed_print:
        check.problems.append(f"签名证书不是本机为“{body}”登记的证书（签名 {signed_print[:16]}…，登记 "
                              f"{fingerprint(registered)[:16]}…） / the signer's certificate is "
                              f"not the one registered here for {body!r}: signed with another key")


def _validate(sig: EmbeddedPdfSignature, check: SignatureCheck) -> bool:
    context = ValidationContext(trust_roots=[sig.signer_cert], allow_fetching=False)
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001
        check.problems.append(f"签名无法验证 / the signature cannot be validated: {exc}")
        return False
    if not status.intact:
        check.problems.append("签名后内容被改动：摘要不符 / the signed bytes were changed after "
                              "signing: their digest does not match the signature")
    elif not status.valid:
        check.problems.append("签名值无效 / the signature value does not verify with the "
                              "signer's certificate")
    return True


def check_signature(data: bytes, body: str | None) -> SignatureCheck:
    """Everything wrong with the file's signature; `body` is the decision body of the record
    (None when the record cannot be read: the signer is then only named)."""
    check = SignatureCheck()
    found = _signatures(data, check)
    if found is None:
        return check
    reader, signatures = found
    sig = signatures[0]
    if len(signatures) > 1:
        check.problems.append(f"文件有 {len(signatures)} 个签名，档案只应有一个 / the file carries "
                              f"{len(signatures)} signatures; an archive carries one")
    if str(sig.sig_object.get("/SubFilter")) != PADES:
        check.problems.append("签名不是 PAdES 签名 / the signature is not a PAdES signature")
    if _validate(sig, check):
        _coverage(sig, reader, data, check)
    _identity(x509.load_der_x509_certificate(sig.signer_cert.dump()), body, check)
    return check
