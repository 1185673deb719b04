"""Every command README.md shows in its interactive and archivists' sections runs as written on
a demo record: the urban-planning template launched, its notice published, a citizen's comment
from the demo scenario received and disposed of, and the record archived. The commands are read
from README.md's fenced blocks, so an example that drifts from the command fails here."""

from __future__ import annotations

import glob
import os
import re
import shlex
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.demo.calendar import seed_assumed_calendar
from juece.demo.library import seed_library
from juece.demo.stack import ROLE_USERS, SYSTEM_USER
from juece.domain import steps
from juece.services import decisions as services
from juece.services.office import dispose
from juece.services.record import now
from juece.spec import load_spec
from tests.conftest import REPO, SignIn

README = REPO / "README.md"
URBAN = REPO / "templates" / "urban-planning.yaml"
DECISION = "yanshou-2027-urban-001"
COMMENT = "建议第三条养老服务用房标准提高到每百户不少于四十平方米，老年人口增长很快。"  # the demo scenario's
SECTIONS = {"interactive": "## Interactive: `make up`", "archivists": "## For archivists 档案管理"}
COMMAND = re.compile(r"^(?:\.venv/bin/)?juece\s|^make\s")

# What this test cannot run, and why; every other command of the two sections runs.
NEEDS_AIRFLOW = {
    "launch": "records, then unpauses and triggers the DAG through a running Airflow "
              "(the demo record here is launched the same way, without the trigger)",
}


def fenced_commands(section: str) -> list[str]:
    """The command lines of a README section's ```bash blocks, as written (comments kept)."""
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTIONS[section] + "\n")
    end = text.find("\n## ", start + 1)
    body = text[start:end if end != -1 else None]
    blocks = re.findall(r"^```bash\n(.*?)^```", body, flags=re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if COMMAND.match(line.strip())]


def argv(line: str) -> list[str]:
    """The arguments the shell would pass: words split, comments dropped, globs expanded."""
    words = shlex.split(line, comments=True)
    expanded = [sorted(glob.glob(word)) or [word] if "*" in word else [word] for word in words[1:]]
    return [word for group in expanded for word in group]


def skipped(line: str) -> str | None:
    """Why a command is not run here, or None."""
    if line.startswith("make "):
        return "a make target starts or builds a whole stack"
    return NEEDS_AIRFLOW.get(argv(line)[0])


@pytest.fixture
def demo_record(juece_home: Path, body_keys: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """The demo decision through the domain and the services, as `make demo` records it before the
    archive: launched by the sponsor office (panel drawn from the demo library), notice published,
    a comment received and adopted, then archived. Commands run in a folder of their own that has
    the repository's templates, as the README's relative paths expect."""
    monkeypatch.delenv("JUECE_CLOCK_SCALE", raising=False)
    seed_library()
    seed_assumed_calendar()
    ledger = Ledger()
    services.launch(URBAN, actor="sponsor_office", ledger=ledger)
    spec = load_spec(URBAN)
    ledger.append_many(DECISION, steps.publish_notice(spec, ledger.entries(DECISION), now()))
    receipt = services.comment(DECISION, COMMENT, 3, ledger=ledger)["receipt"]
    dispose(ledger, DECISION, [{"ref": receipt, "disposition": "adopted", "reason": ""}], "sponsor_office")
    services.archive_decision(DECISION, ledger=ledger)
    work = tmp_path / "work"
    work.mkdir()
    (work / "templates").symlink_to(REPO / "templates")
    monkeypatch.chdir(work)
    return DECISION


def run_section(section: str, run) -> dict[str, str]:
    """Run every command of the section in order; returns what each printed."""
    printed: dict[str, str] = {}
    for line in fenced_commands(section):
        if skipped(line):
            continue
        code, out, err = run(*argv(line))
        assert (line, code) == (line, 0), err
        printed[line] = out
    return printed


def test_the_readme_sections_have_commands_and_only_launch_and_make_are_skipped() -> None:
    lines = fenced_commands("interactive") + fenced_commands("archivists")
    assert len(lines) >= 14
    assert {tuple(argv(line)): skipped(line) for line in lines if skipped(line)} == {
        ("launch", "templates/urban-planning.yaml"): NEEDS_AIRFLOW["launch"]}


def test_the_roles_table_names_every_demo_user_and_no_other() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Roles\n"):text.index("\n## ", text.index("## Roles\n") + 1)]
    named = [re.findall(r"`([a-z_0-9]+)`", row.split("|")[1]) for row in table.splitlines() if row.startswith("| `")]
    demo = [[SYSTEM_USER]] + [[users[0], users[-1]] if len(users) > 1 else users for users in ROLE_USERS.values()]
    assert sorted(named) == sorted(demo)


def test_every_interactive_command_runs_as_written_on_the_demo_record(demo_record: str, run, airflow_login: SignIn) -> None:
    airflow_login.sign_in("sponsor_office")  # export JUECE_USER=sponsor_office, as the section says
    printed = run_section("interactive", run)
    assert any(demo_record in out for out in printed.values())
    assert Path("out/urban.pdf").exists()


def test_every_archivists_command_runs_as_written_and_the_search_finds_the_demo_decision(
        demo_record: str, run, airflow_login: SignIn) -> None:
    airflow_login.sign_in("archivist", role="viewer")
    printed = run_section("archivists", run)
    searches = [out for line, out in printed.items() if argv(line)[0] == "search"]
    assert searches and all(demo_record in out for out in searches)
    assert Path("copy.pdf").read_bytes().startswith(b"%PDF")
    assert os.listdir("out")
