"""The `juece` command run in-process: exit code, what it printed, and never a traceback."""

from __future__ import annotations

import pytest

from juece.cli import main


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run
