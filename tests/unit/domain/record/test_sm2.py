"""SM2 with SM3 (GB/T 32918) as juece signs with it (gmssl-fast, GmSSL), checked against the
standard's own example and against implementations juece does not sign with: the pure-Python
`gmssl` (a test dependency only: it draws its nonces from `random`, never used to sign here)
and, where the machine's OpenSSL has SM2, the `openssl` command, both ways."""

from __future__ import annotations

import base64
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from gmssl import sm2 as pure
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.domain.record import sm2
from tests.unit.domain.record.sm2_oracle import independent

# GB/T 32918.5-2017: the recommended curve sm2p256v1
P = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF"
A = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC"
B = "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"
N = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123"
G = ("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"
     "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")
# its signature example: key, public point, identity 1234567812345678, message, nonce, (r, s)
D = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"
XY = ("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
      "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13")
MESSAGE = b"message digest"
K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"
R = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
S = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"


def der(r: str, s: str) -> bytes:
    from asn1crypto import algos
    return bytes(algos.DSASignature({"r": int(r, 16), "s": int(s, 16)}).dump())


def pure_key(private_pem: str) -> pure.CryptSM2:
    scalar, point = sm2.key_pair(private_pem)
    return independent(point, f"{scalar:064x}")


def raw(signature: bytes) -> str:
    from asn1crypto import algos
    parsed = algos.DSASignature.load(signature).native
    return f"{parsed['r']:064x}{parsed['s']:064x}"


EXAMPLE_PEM = sm2.private_pem(int(D, 16), bytes.fromhex("04" + XY))
EXAMPLE_PUBLIC = sm2.public_der(bytes.fromhex("04" + XY))


def test_the_independent_implementation_uses_the_standards_curve() -> None:
    table = pure.default_ecc_table
    assert [table[k].upper() for k in "pabn"] == [P, A, B, N] and table["g"].upper() == G
    assert pure.CryptSM2(private_key=D, public_key=XY)._kg(int(D, 16), table["g"]).upper() == XY


def test_the_standards_signature_is_reproduced_by_the_independent_implementation() -> None:
    signer = pure.CryptSM2(private_key=D.lower(), public_key=XY.lower())
    assert signer.sign_with_sm3(MESSAGE, K.lower()).upper() == R + S


def test_juece_verifies_the_standards_signature_and_refuses_it_for_another_message() -> None:
    assert sm2.verify(EXAMPLE_PUBLIC, MESSAGE, der(R, S))
    assert not sm2.verify(EXAMPLE_PUBLIC, b"message digesT", der(R, S))
    assert not sm2.verify(EXAMPLE_PUBLIC, MESSAGE, der(R, f"{int(S, 16) ^ 1:064X}"))


def test_juece_signs_with_the_standards_key_what_the_independent_implementation_accepts() -> None:
    signature = sm2.sign(EXAMPLE_PEM, MESSAGE)
    assert sm2.verify(EXAMPLE_PUBLIC, MESSAGE, signature)
    assert pure.CryptSM2(private_key=D, public_key=XY).verify_with_sm3(raw(signature), MESSAGE)


@settings(max_examples=8, deadline=None)
@given(st.binary(max_size=200))
def test_signatures_cross_both_ways_with_the_independent_implementation(message: bytes) -> None:
    pem = sm2.new_private_pem()
    public = sm2.public_der(sm2.key_pair(pem)[1])
    other = pure_key(pem)
    assert other.verify_with_sm3(raw(sm2.sign(pem, message)), message)
    theirs = other.sign_with_sm3(message, secrets.token_hex(32))
    assert sm2.verify(public, message, der(theirs[:64], theirs[64:]))
    assert not sm2.verify(public, message + b"x", der(theirs[:64], theirs[64:]))


def test_keys_read_as_pem_der_and_base64_and_the_public_key_is_gbt35276s() -> None:
    scalar, point = sm2.key_pair(EXAMPLE_PEM)
    assert (scalar, point.hex().upper()) == (int(D, 16), "04" + XY)
    body = b"".join(EXAMPLE_PEM.encode().splitlines()[1:-1])
    assert sm2.key_pair(base64.b64decode(body)) == (scalar, point)
    # SubjectPublicKeyInfo: id-ecPublicKey (1.2.840.10045.2.1), sm2p256v1 (1.2.156.10197.1.301), 04||X||Y
    assert EXAMPLE_PUBLIC.hex().upper() == ("3059301306072A8648CE3D020106082A811CCF5501822D034200" + "04" + XY)
    assert sm2.public_point(base64.b64encode(EXAMPLE_PUBLIC).decode()) == point


def test_what_is_not_an_sm2_key_or_signature_is_refused() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    p256 = ec.generate_private_key(ec.SECP256R1())
    pem = p256.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()
    with pytest.raises(sm2.SM2KeyError, match="not SM2"):
        sm2.key_pair(pem)
    spki = p256.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert not sm2.is_sm2_public(spki) and not sm2.verify(spki, MESSAGE, der(R, S))
    with pytest.raises(sm2.SM2KeyError):
        sm2.key_pair("不是密钥")
    assert not sm2.verify(EXAMPLE_PUBLIC, MESSAGE, bytes.fromhex(R + S))  # raw r||s: not DER
    assert not sm2.verify(EXAMPLE_PUBLIC, MESSAGE, der(R, S) + b"\x00")


def _openssl_sm2() -> str | None:
    found = shutil.which("openssl")
    if found is None:
        return None
    made = subprocess.run([found, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2"],
                          capture_output=True, check=False)
    return found if made.returncode == 0 else None


OPENSSL = _openssl_sm2()
SIGN_OPTS = ["-rawin", "-digest", "sm3", "-pkeyopt", f"distid:{sm2.DEFAULT_ID}"]


@pytest.mark.skipif(OPENSSL is None, reason="this machine's openssl has no SM2")
def test_keys_and_signatures_cross_both_ways_with_openssl(tmp_path: Path) -> None:
    assert OPENSSL is not None
    key = tmp_path / "key.pem"
    subprocess.run([OPENSSL, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", str(key)],
                   check=True, capture_output=True)
    public = subprocess.run([OPENSSL, "pkey", "-in", str(key), "-pubout"], check=True, capture_output=True).stdout
    (tmp_path / "message").write_bytes(MESSAGE)
    theirs = subprocess.run([OPENSSL, "pkeyutl", "-sign", "-inkey", str(key), "-in", str(tmp_path / "message"),
                             *SIGN_OPTS], check=True, capture_output=True).stdout
    assert sm2.verify(public, MESSAGE, theirs)
    ours = tmp_path / "ours.pem"
    ours.write_text(sm2.new_private_pem())
    (tmp_path / "sig").write_bytes(sm2.sign(ours.read_text(), MESSAGE))
    ours_public = subprocess.run([OPENSSL, "pkey", "-in", str(ours), "-pubout", "-outform", "DER"],
                                 check=True, capture_output=True).stdout
    assert ours_public == sm2.public_der(sm2.key_pair(ours.read_text())[1])
    subprocess.run([OPENSSL, "pkey", "-in", str(ours), "-pubout", "-out", str(tmp_path / "pub.pem")], check=True)
    checked = subprocess.run([OPENSSL, "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "pub.pem"),
                              "-in", str(tmp_path / "message"), "-sigfile", str(tmp_path / "sig"), *SIGN_OPTS],
                             capture_output=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
