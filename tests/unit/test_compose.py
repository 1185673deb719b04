"""The production stack holds no password: every credential in docker-compose.yaml and its init
script comes from the environment, and compose refuses to start without it (`${VAR:?...}`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
REQUIRED = re.compile(r"^\$\{[A-Z_]+:\?[^}]*\}$")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|_KEY$")
URL_PASSWORD = re.compile(r"://[^:/@\s]*:([^@]+)@")


def settings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from settings(item, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from settings(item, key)
    elif isinstance(value, str):
        yield key, value


def test_every_password_secret_and_key_of_the_stack_is_required_from_the_environment() -> None:
    found = list(settings(yaml.safe_load((REPO / "docker-compose.yaml").read_text(encoding="utf-8"))))
    named = [(key, value) for key, value in found if SECRET_NAME.search(key)]
    assert {key for key, _ in named} >= {"POSTGRES_PASSWORD", "JUECE_DB_PASSWORD", "REDIS_PASSWORD",
                                         "JUECE_CLIENT_KEY", "AIRFLOW__API_AUTH__JWT_SECRET"}
    assert [(key, value) for key, value in named if not REQUIRED.match(value)] == []
    in_urls = [match.group(1) for _, value in found for match in URL_PASSWORD.finditer(value)]
    assert in_urls and [password for password in in_urls if not REQUIRED.match(password)] == []


def test_the_records_database_is_created_with_the_password_from_the_environment() -> None:
    script = (REPO / "docs" / "compose-init.sh").read_text(encoding="utf-8")
    assert "PASSWORD :'password'" in script and '-v password="$JUECE_DB_PASSWORD"' in script
    assert not re.search(r"PASSWORD\s+'", script)
