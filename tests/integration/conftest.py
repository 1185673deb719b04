"""Whole decisions in real Airflow count working days (R-E3) from today: a year whose official
schedule is not known yet gets an assumed one, labelled so (juece.demo.calendar), on any date."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from juece.demo.stack import Stack
from tests.conftest import throwaway_postgres


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    """The stack started, this test process sharing its juece settings (records DB, homes);
    the environment restored and every process stopped afterwards."""
    saved = dict(os.environ)
    try:  # a stack that fails to start must not leave its settings to the tests that follow
        os.environ.update({k: v for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))})
        os.environ.pop("JUECE_RECORDS_URL", None)
        start(stack)
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)


def start(stack: Stack, attempts: int = 2) -> None:
    """Start the stack; one that did not answer in time on a loaded machine is started once more
    (its log's end is printed), one that exited or fails again is an error."""
    for attempt in range(1, attempts + 1):
        try:
            stack.start()
            return
        except RuntimeError as error:
            if attempt == attempts or "did not answer" not in str(error):
                raise
            print(f"starting airflow standalone again: {error}")


@pytest.fixture(scope="module")
def stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A real `airflow standalone` for the module's decisions, in a home of its own, its metadata
    in a PostgreSQL database of its own as in production (several decisions at once make
    Airflow's scheduler die of SQLite's "database is locked"; `make demo` keeps SQLite).
    JUECE_TEST_AIRFLOW_SQLITE=1 keeps SQLite here too. A module's `STACK` (a Stack subclass)
    replaces Stack, e.g. to set keys and settings up before Airflow starts."""
    home = tmp_path_factory.mktemp("airflow")
    kind: type[Stack] = getattr(request.module, "STACK", Stack)
    if os.environ.get("JUECE_TEST_AIRFLOW_SQLITE") == "1":
        with running(kind(home=home, archive_dir=home / "archives")) as started:
            yield started
        return
    for url in throwaway_postgres():
        os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = url
        try:
            with running(kind(home=home, archive_dir=home / "archives")) as started:
                yield started
        finally:
            os.environ.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", None)
