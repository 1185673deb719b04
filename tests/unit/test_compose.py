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


# The image and compose file against the stack the suite runs natively (juece.demo.celery_stack).

SAME_VALUES = ("AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CELERY__WORKER_CONCURRENCY",
               "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT", "AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL",
               "AIRFLOW__CORE__HOSTNAME_CALLABLE")
SAME_KEYS = (*SAME_VALUES, "AIRFLOW__CELERY__BROKER_URL", "AIRFLOW__CELERY__RESULT_BACKEND",
             "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY", "JUECE_RECORDS_URL",
             "JUECE_ARCHIVE_STORE", "FSSPEC_S3_ENDPOINT_URL")
ARCHIVE_PACKAGES = {"fonts-arphic-uming", "fonts-wqy-zenhei", "fonts-hanazono", "fonts-symbola", "libgs-common"}


def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "docker-compose.yaml").read_text(encoding="utf-8"))


def native_env(tmp_path: Path) -> dict[str, str]:
    from juece.demo.celery_stack import CeleryStack

    return CeleryStack(home=tmp_path / "stack").env()


def test_compose_runs_the_same_airflow_services_as_the_native_stack() -> None:
    from juece.demo.celery_stack import SERVICES, WORKERS

    services = compose()["services"]
    commands = {service["command"] for service in services.values() if isinstance(service.get("command"), str)}
    assert set(SERVICES) <= commands and "celery worker" in commands
    workers = [service for service in services.values() if service.get("command") == "celery worker"]
    assert sum(service.get("deploy", {}).get("replicas", 1) for service in workers) == len(WORKERS)


def test_compose_sets_what_the_native_stack_sets(tmp_path: Path) -> None:
    native = native_env(tmp_path)
    env = compose()["x-airflow"]["environment"]
    assert set(SAME_KEYS) <= set(native) and set(SAME_KEYS) <= set(env)
    assert {key: str(env[key]) for key in SAME_VALUES} == {key: native[key] for key in SAME_VALUES}


def test_nothing_is_shared_between_containers_but_the_databases_and_the_object_store() -> None:
    data = compose()
    airflow = data["x-airflow"]
    assert "volumes" not in airflow and "_PIP_ADDITIONAL_REQUIREMENTS" not in airflow["environment"]
    assert set(data.get("volumes", {})) == {"postgres-data"}
    assert airflow["environment"]["JUECE_ARCHIVE_STORE"].startswith("${JUECE_ARCHIVE_STORE:?")


def test_the_image_is_the_tested_airflow_and_python_with_the_archive_fonts_and_the_pins() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    airflow = re.search(r"^apache-airflow==(\S+)$", lock, re.M)
    assert airflow, "apache-airflow is pinned in the lock file"
    assert f"FROM apache/airflow:{airflow.group(1)}-python3.11" in dockerfile
    assert set(re.findall(r"[a-z0-9][a-z0-9.+-]+", dockerfile)) >= ARCHIVE_PACKAGES
    assert "--constraint /opt/juece/requirements.lock" in dockerfile
    assert compose()["x-airflow"].get("build") == "."
    assert "celery" in {line.split("==")[0] for line in lock.splitlines()}
