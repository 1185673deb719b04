"""The mutation score of a finished `make mutation` run, and its survivors with their diffs,
leaving out those judged equivalent (tests/mutation/equivalent.txt, each with its reason). A mutant
no test reaches is a survivor: no test would notice the change."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

EQUIVALENT = Path(__file__).with_name("equivalent.txt")


def equivalents() -> dict[str, str]:
    lines = EQUIVALENT.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {name.strip(): reason.strip() for name, reason in pairs}


def survivors(run: Path) -> list[str]:
    """The mutants no test noticed: those that survived the tests, and those no test reaches."""
    listed = (run / "survivors.txt").read_text(encoding="utf-8").splitlines()
    return [line.split(":")[0].strip() for line in listed if line.strip().endswith((": survived", ": no tests"))]


# One process shows every survivor's diff: `mutmut show`, a process each, takes a second a mutant.
SHOW = """
import json, sys
from mutmut.__main__ import find_mutant
from mutmut.mutation.diff_apply import get_diff_for_mutant
names = json.load(sys.stdin)
json.dump({name: get_diff_for_mutant(name, path=find_mutant(name).path) for name in names}, sys.stdout)
"""


def diffs(run: Path, mutmut: str, names: list[str]) -> dict[str, list[str]]:
    python = str(Path(mutmut).absolute().with_name("python"))
    shown = subprocess.run([python, "-c", SHOW], cwd=run, input=json.dumps(names), capture_output=True,
                           text=True, check=True).stdout
    return {name: [line for line in text.splitlines() if line[:1] in ("-", "+") and line[:3] not in ("---", "+++")]
            for name, text in json.loads(shown).items()}


def main(run: Path, mutmut: str) -> int:
    stats = json.loads((run / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    known = equivalents()
    left = [name for name in survivors(run) if name not in known]
    equivalent = stats["survived"] + stats["no_tests"] - len(left)
    judged = stats["total"] - stats["skipped"] - equivalent
    score = stats["killed"] + stats["timeout"]
    shown = diffs(run, mutmut, left)
    for name in left:
        print(name)
        print("\n".join(f"    {line}" for line in shown[name]))
    print(f"\n{date.today()}: {score} of {judged} mutants killed ({score / max(judged, 1):.1%}); "
          f"{len(left)} survived (those reached by no test among them), {equivalent} judged equivalent")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
