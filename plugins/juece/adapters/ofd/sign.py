"""The OFD edition's signature (GB/T 33190, 数字签名): Signatures.xml lists one signature of
type Sign; its Signature.xml holds SignedInfo (provider, SM2-with-SM3, the signing time, and an
SM3 digest of every file of the package but the signature's own files); SignedValue.dat is the
decision body's SM2 signature (GB/T 32918, identity 1234567812345678, DER SEQUENCE {r, s}) of
Signature.xml's bytes as stored, with a deterministic nonce (same record, same bytes)."""

from __future__ import annotations

import base64

from juece.adapters.ofd.package import HEAD, NS, SIGNS, Package, attr
from juece.domain.record import sm2_deterministic

SM2_WITH_SM3 = "1.2.156.10197.1.501"
SM3 = "1.2.156.10197.1.401"
SIGNATURE = f"{SIGNS}/Sign_0/Signature.xml"
SIGNED_VALUE = f"{SIGNS}/Sign_0/SignedValue.dat"
SIGNATURES = f"{SIGNS}/Signatures.xml"


def signatures_xml() -> str:
    """Always the same bytes: `juece verify` refuses any other."""
    return (f'{HEAD}<ofd:Signatures {NS}><ofd:MaxSignId>1</ofd:MaxSignId>'
            '<ofd:Signature ID="1" Type="Sign" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>')


def signature_xml(digests: dict[str, bytes], when: str, signer: str) -> str:
    references = "".join(
        f'<ofd:Reference FileRef="/{attr(name)}"><ofd:CheckValue>{base64.b64encode(digest).decode("ascii")}'
        "</ofd:CheckValue></ofd:Reference>" for name, digest in digests.items())
    return (f'{HEAD}<ofd:Signature {NS}><ofd:SignedInfo>'
            f'<ofd:Provider ProviderName="juece" Company="{attr(signer)}"/>'
            f"<ofd:SignatureMethod>{SM2_WITH_SM3}</ofd:SignatureMethod>"
            f"<ofd:SignatureDateTime>{when}</ofd:SignatureDateTime>"
            f'<ofd:References CheckMethod="{SM3}">{references}</ofd:References></ofd:SignedInfo>'
            f"<ofd:SignedValue>/{SIGNED_VALUE}</ofd:SignedValue></ofd:Signature>")


def sign_package(package: Package, key_pem: str, when: str, signer: str) -> None:
    """Add the signature's files over everything written so far."""
    signed = {name: digest for name, digest in package.digests.items() if not name.startswith(SIGNS + "/")}
    package.add(SIGNATURES, signatures_xml())
    info = signature_xml(signed, when, signer).encode("utf-8")
    package.add(SIGNATURE, info)
    package.add(SIGNED_VALUE, sm2_deterministic.sign(key_pem, info))
