"""The demo's expert library: 50 experts from templates/libraries/experts.yaml, each with a signing key,
and a signing key for every decision body the templates name (the archive is signed by it)."""

from __future__ import annotations

from pathlib import Path

import yaml

from juece.adapters.reporting.body_keys import ensure_body_key
from juece.adapters.store.experts import ExpertLibrary
from juece.config import keys_dir
from juece.domain.expert_review.experts import parse_experts
from juece.domain.expert_review.signatures import new_key_pair, sign_digest

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
LIBRARY = TEMPLATES / "libraries" / "experts.yaml"


def seed_library(source: Path = LIBRARY) -> int:
    """Import the library and give every expert without a key a new key pair (demo only)."""
    rows = yaml.safe_load(source.read_text(encoding="utf-8"))
    rows = rows.get("experts", rows) if isinstance(rows, dict) else rows
    library = ExpertLibrary()
    library.upsert(parse_experts(rows, source.name))
    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for expert in library.all():
        pem = folder / f"{expert.user}.pem"
        if expert.public_key and pem.exists():
            continue
        private, public = new_key_pair()
        pem.write_text(private, encoding="utf-8")
        pem.chmod(0o600)
        library.set_public_key(expert.user, public)
    seed_body_keys()
    return len(library.all())


def template_bodies(folder: Path = TEMPLATES) -> list[str]:
    """The decision bodies named by the decision templates (`decision_body`)."""
    bodies = set()
    for path in sorted(folder.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(spec, dict) and isinstance(spec.get("decision_body"), str):
            bodies.add(spec["decision_body"].strip())
    return sorted(bodies)


def seed_body_keys(folder: Path = TEMPLATES) -> list[str]:
    """Give every decision body of the templates a key and a self-signed certificate if it has
    none (demo only; a real body registers its CA certificate with `juece body-key import`)."""
    bodies = template_bodies(folder)
    for body in bodies:
        ensure_body_key(body)
    return bodies


def sign_as(user: str, digest: str) -> str:
    """What the expert's own signing tool does: sign the opinion digest with their key."""
    return sign_digest((keys_dir() / f"{user}.pem").read_text(encoding="utf-8"), digest)
