"""The decision body's signature on the archive (PAdES B-B; R-H2, R-H3).

The finished PDF/A is signed with the body's key (see `body_keys`) by pyHanko as one
incremental update: an invisible signature field, CAdES-detached CMS, RSA PKCS#1 v1.5 over
SHA-256. The unsigned file is an exact prefix of the signed one. The same record and key
always give the same bytes: the signing time is the record's last entry, the field has a
fixed name, the second half of the file /ID is derived from the unsigned bytes, and the
document metadata (Info and XMP) is left exactly as the PDF/A finishing step wrote it.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, datetime
from typing import Any

from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko_certvalidator.registry import SimpleCertificateStore

from juece.adapters.reporting import sections
from juece.adapters.reporting.body_keys import body_signing_pems
from juece.domain.record.errors import RecordError

HEX64 = re.compile(rb"[0-9a-f]{64}")  # a chain head: 64 lowercase hex digits
FIELD_NAME = "DecisionBodySignature"
PADES = "/ETSI.CAdES.detached"


class _ArchiveWriter(IncrementalPdfFileWriter):
    """An incremental writer that adds nothing random and leaves the metadata alone."""

    @classmethod
    def _handle_id(cls, prev: PdfFileReader) -> generic.ArrayObject:
        """Keep the first /ID; the second is derived from the unsigned bytes, not random."""
        ids = super()._handle_id(prev)
        prev.stream.seek(0)
        ids[1] = generic.ByteStringObject(hashlib.sha256(prev.stream.read()).digest()[:16])
        return ids

    def _update_meta(self) -> None:
        """Leave Info and XMP as they are: pyHanko would set ModDate to the current time and
        add its Producer to the Info dictionary, so that Info and XMP would differ (PDF/A)."""


class _FixedTimeSigner(PdfSigner):
    """A PdfSigner whose signing time is given instead of read from the clock."""

    def __init__(self, meta: PdfSignatureMetadata, signer: SimpleSigner, at: datetime) -> None:
        super().__init__(meta, signer)
        self._at = at

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False,
                             ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._at
        return session


def signing_time(record: dict[str, Any]) -> datetime:
    """The archive's signing time: the time of the record's last entry (not the clock), so
    that the same record signed with the same key gives the same bytes."""
    entries = record.get("entries") or []
    moment = str(entries[-1].get("at", "")) if entries else ""
    try:
        at = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(f"the record's last entry has no readable time: {moment!r}") from None
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


def decision_body(record: dict[str, Any]) -> str:
    """The decision body named in the record's launch spec."""
    body = sections.launch_spec(record).get("decision_body")
    if not isinstance(body, str) or not body.strip():
        raise RecordError("决策记录未写明决策机关 / the record names no decision body "
                          "(launch spec decision_body), so the archive cannot be signed")
    return body.strip()


def _signer(body: str) -> SimpleSigner:
    key_pem, cert_pem = body_signing_pems(body)
    cert = next(iter(load_certs_from_pemder_data(cert_pem)))
    key = load_private_key_from_pemder_data(key_pem, passphrase=None)
    return SimpleSigner(signing_cert=cert, signing_key=key,
                        cert_registry=SimpleCertificateStore.from_certs([cert]))


def sign_pdf(pdf: bytes, body: str, at: datetime) -> bytes:
    """The PDF followed by one incremental update carrying the body's PAdES signature."""
    signer = _signer(body)
    meta = PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256",
                                subfilter=fields.SigSeedSubFilter.PADES,
                                reason="决策全过程记录归档 archive of the decision's complete record")
    writer = _ArchiveWriter(io.BytesIO(pdf))
    signed = _FixedTimeSigner(meta, signer, at).sign_pdf(writer, output=io.BytesIO())
    data = signed.getvalue()
    if not data.startswith(pdf):
        raise RecordError("the signed archive does not start with the unsigned one")
    return data


def sign_archive(pdf: bytes, record: dict[str, Any]) -> bytes:
    """The finished archive signed by the decision body the record names."""
    return sign_pdf(pdf, decision_body(record), signing_time(record))
