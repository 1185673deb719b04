"""A software passkey for the tests: what a WebAuthn authenticator and the browser hand back when
asked to sign a challenge (authenticator data, client data JSON, an ES256 signature)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from juece.domain.expert_review.passkey import Passkey, b64url, from_b64url

RP_ID, ORIGIN = "localhost", "http://localhost:8080"


class SoftAuthenticator:
    def __init__(self, user: str = "expert_01", rp_id: str = RP_ID, origin: str = ORIGIN) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.user, self.rp_id, self.origin = user, rp_id, origin
        self.credential_id = b64url(secrets.token_bytes(16))
        self.count = 0

    def passkey(self) -> Passkey:
        der = self.key.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        return Passkey(self.credential_id, self.user, base64.b64encode(der).decode("ascii"), -7, self.rp_id,
                       self.origin, registered_at="2027-03-01T08:00:00Z", registration="0" * 64)

    def registration(self, challenge: str, origin: str | None = None) -> dict[str, Any]:
        """The browser's answer to navigator.credentials.create (attestation "none"), as passkey.js
        sends it."""
        import cbor2

        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
        raw_id = from_b64url(self.credential_id)
        data = (hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x45]) + (0).to_bytes(4, "big")
                + bytes(16) + len(raw_id).to_bytes(2, "big") + raw_id + cose)
        client = json.dumps({"type": "webauthn.create", "challenge": challenge, "origin": origin or self.origin,
                             "crossOrigin": False}).encode()
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": data})
        return {"id": self.credential_id, "rawId": self.credential_id, "type": "public-key",
                "response": {"clientDataJSON": b64url(client), "attestationObject": b64url(attestation),
                             "transports": ["internal"]}, "clientExtensionResults": {}}

    def assertion(self, challenge: str, *, kind: str = "webauthn.get", rp_id: str | None = None,
                  flags: int = 0x05, origin: str | None = None) -> dict[str, Any]:
        """The browser's answer to navigator.credentials.get with ``challenge`` (base64url)."""
        self.count += 1
        client = json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin,
                             "crossOrigin": False}).encode()
        data = (hashlib.sha256((rp_id or self.rp_id).encode()).digest() + bytes([flags])
                + self.count.to_bytes(4, "big"))
        signature = self.key.sign(data + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        return {"credential_id": self.credential_id, "authenticator_data": b64url(data),
                "client_data_json": b64url(client), "signature": b64url(signature)}
