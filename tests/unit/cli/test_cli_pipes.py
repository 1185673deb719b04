"""The `juece` command as a shell sees it: piped into `head` it ends quietly, and Airflow's
deprecation warnings never reach the person at the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage

DECISION = "yanshou-2027-urban-001"


def juece(*argv: str, code: str | None = None, **options: object) -> subprocess.Popen[str]:
    program = code or "import sys\nfrom juece.cli.main import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", program, *argv], text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=dict(os.environ), **options)  # type: ignore[call-overload]


def test_a_record_piped_into_head_ends_quietly_without_a_traceback(juece_home: Path) -> None:
    Ledger().append_many(DECISION, [Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                        {"receipt": f"C-{n:05d}", "text": "意见" * 40}) for n in range(3000)])
    process = juece("record", DECISION, "--json")
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()  # what `head -1` reads before it goes away
    process.stdout.close()
    err = process.stderr.read()
    process.wait(timeout=60)
    assert "Traceback" not in err and "Broken pipe" not in err and "BrokenPipeError" not in err, err


NOISY = """
import sys, warnings
from juece.cli import decisions, main as cli

def noisy(args):
    import airflow.configuration  # Airflow turns its own deprecation warnings on when it is imported
    warnings.warn_explicit("an old Airflow name", DeprecationWarning, "airflow/models/x.py", 1,
                           module="airflow.models.x")
    print("done")
    return 0

decisions.cmd_schema = noisy  # what `juece schema` runs: `register` sets it when `main` builds the parser
sys.exit(cli.main(["schema"]))
"""


def test_airflow_deprecation_warnings_are_not_shown_to_the_person(juece_home: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path / "airflow"))
    process = juece(code=NOISY)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out) == (0, "done\n")
    assert "DeprecationWarning" not in err and "an old Airflow name" not in err, err
