"""Check an archive's OFD edition offline (R-H2): every signed file's SM3 digest against
Signature.xml, the decision body's SM2 signature of Signature.xml, the signature part as juece
writes it, no file outside the signature, record.json's chain, expert signatures and draws as for
the PDF, and the chain head printed on every page. Never raises on a damaged file: each problem is
named in the report."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cryptography.hazmat.primitives import hashes

from juece.adapters.ofd import package as parts
from juece.adapters.ofd.sign import (
    SIGNATURE,
    SIGNATURES,
    SIGNED_VALUE,
    SM2_WITH_SM3,
    SM3,
    signatures_xml,
)
from juece.adapters.reporting import body_sm2
from juece.adapters.reporting.verify import (
    PRINTED_HEAD,
    VerifyReport,
    _check_chain,
    _check_draws,
    _check_ledger,
    _decision_body,
    parse_record,
)
from juece.domain.record import sm2

NS = {"ofd": "http://www.ofdspec.org/2016"}
_TEXT = re.compile(rb"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>")
_PAGE = re.compile(r"^Doc_0/Pages/Page_(\d+)/Content\.xml$")
MAGIC = b"PK\x03\x04"


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def _read(archive: zipfile.ZipFile, name: str, report: VerifyReport) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:  # a CRC error: the entry was changed
        report.problems.append(f"[R-H2] {name} 已损坏 / {name} is damaged: {exc}")
        return None


def _references(info: bytes, report: VerifyReport) -> dict[str, str] | None:
    try:
        root = ElementTree.fromstring(info)
    except ElementTree.ParseError as exc:
        report.problems.append(f"[R-H2] Signature.xml 无法解析 / Signature.xml cannot be parsed: {exc}")
        return None
    method = root.findtext("ofd:SignedInfo/ofd:SignatureMethod", "", NS).strip()
    refs = root.find("ofd:SignedInfo/ofd:References", NS)
    if method != SM2_WITH_SM3 or refs is None or refs.get("CheckMethod") != SM3:
        report.problems.append("[R-H2] 签名算法不是 SM2/SM3 / the signature is not SM2 with SM3 digests")
        return None
    return {str(ref.get("FileRef", "")).lstrip("/"): ref.findtext("ofd:CheckValue", "", NS).strip()
            for ref in refs.findall("ofd:Reference", NS)}


def _check_signature(archive: zipfile.ZipFile, names: list[str], body: str | None,
                     report: VerifyReport) -> None:
    file_key = _file_key(_read(archive, "OFD.xml", report))
    listing, info, value = (_read(archive, name, report) for name in (SIGNATURES, SIGNATURE, SIGNED_VALUE))
    if listing is None or info is None or value is None:
        report.problems.append("[R-H2] OFD 没有签名（Signatures.xml、Signature.xml 或 SignedValue.dat 缺失） / "
                               "the OFD carries no signature (Signatures.xml, Signature.xml or SignedValue.dat "
                               "is missing)")
        return
    if listing != signatures_xml().encode("utf-8"):
        report.problems.append("[R-H2] Signatures.xml 被改动 / Signatures.xml was changed")
    references = _references(info, report)
    if references is None:
        return
    signature_files = {SIGNATURES, SIGNATURE, SIGNED_VALUE}
    for name in sorted(set(names) - set(references) - signature_files):
        report.problems.append(f"[R-H2] {name} 不在签名范围内（签名后加入） / {name} is not covered by the signature "
                               "(added after signing)")
    for name, expected in references.items():
        data = _read(archive, name, report)
        if data is None:
            report.problems.append(f"[R-H2] 签名所列文件 {name} 缺失 / {name}, signed, is missing")
        elif base64.b64encode(_sm3(data)).decode("ascii") != expected:
            report.problems.append(f"[R-H2] {name} 的 SM3 摘要与签名时不符（签名后被改动） / {name}'s SM3 digest "
                                   "is not the signed one (changed after signing)")
    _check_value(info, value, body, file_key, report)


def _check_value(info: bytes, value: bytes, body: str | None, file_key: bytes | None,
                 report: VerifyReport) -> None:
    registered = body_sm2.body_sm2_public(body) if body else None
    public = registered or file_key
    if public is None:
        report.problems.append(f"[R-H2] 本机未登记“{body}”的 SM2 公钥，文件也未给出 / no SM2 key of {body!r} is "
                               "registered here and the file names none")
        return
    report.sm2_key = hashlib.sha256(public).hexdigest()
    if not sm2.verify(public, info, value):
        report.problems.append("[R-H2] SM2 签名无效（Signature.xml 或 SignedValue.dat 被改动，或签名者不是决策机关） / "
                               "the SM2 signature does not verify (Signature.xml or SignedValue.dat changed, or "
                               "not signed by the decision body)")
    elif registered is None:
        report.warnings.append(f"本机未登记“{body}”的 SM2 公钥：请将指纹 {report.sm2_key} 与该机关公布的核对 / no SM2 "
                               f"key of {body!r} is registered here: compare fingerprint {report.sm2_key} with the "
                               "body's")
    else:
        report.signer = body


def _file_key(ofd_xml: bytes | None) -> bytes | None:
    """The signer's SM2 public key as the document information gives it (when none is registered)."""
    match = re.search(rb'<ofd:CustomData Name="signer_sm2_public_key">([^<]*)<', ofd_xml or b"")
    try:
        return sm2.public_der(sm2.public_point(base64.b64decode(match.group(1), validate=True))) if match else None
    except (sm2.SM2KeyError, ValueError, binascii.Error):
        return None


def _record(raw: bytes | None, report: VerifyReport) -> dict[str, Any] | None:
    if raw is None:
        report.problems.append("[R-H2] OFD 中没有附件 record.json / the OFD has no record.json attachment")
        return None
    return parse_record(raw, report, "record.json")


def _check_pages(archive: zipfile.ZipFile, names: list[str], head: str | None, report: VerifyReport) -> None:
    pages = sorted((int(m.group(1)), name) for name in names if (m := _PAGE.match(name)))
    report.pages = len(pages)
    if not pages:
        report.problems.append("the OFD has no pages")
    for number, name in pages:
        data = _read(archive, name, report) or b""
        text = b"".join(_TEXT.findall(data)).decode("utf-8", "replace")
        printed = PRINTED_HEAD.findall(text)
        if not printed:
            report.problems.append(f"page {number + 1}: the printed chain head is missing")
        elif head is not None and any(found != head for found in printed):
            report.problems.append(f"page {number + 1}: the printed chain head differs from the attached one")


def verify_ofd(path: Path | str, ledger_entries: list[dict[str, Any]] | None = None) -> VerifyReport:
    """Check an OFD archive file; compare it with the ledger's entries when they are given."""
    report = VerifyReport(path=str(path))
    try:
        data = Path(path).read_bytes()
        archive = zipfile.ZipFile(Path(path))
        names = archive.namelist()
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"[R-H2] OFD 无法打开 / the OFD cannot be opened: {exc}")
        return report
    with archive:
        record = _record(_read(archive, parts.RECORD_PATH, report), report)
        body = _decision_body(record, report)
        _check_signature(archive, names, body, report)
        if record is not None:
            _check_chain(record, report)
        _check_pages(archive, names, record.get("chain_head") if record else None, report)
    matched = ledger_entries is not None and _check_ledger(record, ledger_entries, data, report)
    if record is not None:
        _check_draws(record, ledger_entries if matched else None, report)
    return report
