"""`juece experts keygen --algorithm sm2`: an expert's SM2 key (PKCS#8), the library keeping its
SubjectPublicKeyInfo; `juece experts sign` signs the digest with it and the signature verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.store.experts import ExpertLibrary
from juece.domain.expert_review.signatures import key_algorithm, opinion_digest, verify_signature
from tests.unit.cli.test_experts_cli import imported, run  # noqa: F401 (the fixture)


def test_keygen_sm2_and_sign(imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    keys = tmp_path / "keys"
    code, _, _ = run(capsys, "keygen", "--algorithm", "sm2", "--dir", str(keys), "expert_01")
    public = ExpertLibrary().get("expert_01").public_key
    assert code == 0 and public is not None and key_algorithm(public) == "sm2"
    assert (keys / "expert_01.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    digest = opinion_digest({"decision": "yanshou-2027-urban-001", "seat": "seat_1", "expert": "expert_01"})
    code, signature, _ = run(capsys, "sign", "--key", str(keys / "expert_01.pem"), digest)
    assert code == 0 and verify_signature(public, digest, signature.strip())
    assert not verify_signature(public, digest.replace(digest[0], "f" if digest[0] != "f" else "e", 1), signature.strip())
