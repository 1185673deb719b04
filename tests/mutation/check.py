"""Whether the tests kill given mutants of a finished `make mutation` run, without running it again:
each mutant is switched on alone (mutmut's trampoline reads MUTANT_UNDER_TEST at every call) and the
named test files are run against it, in one process. A mutant is killed when they fail.

    python tests/mutation/check.py build/mutation tests/unit/domain/test_guards.py [--survivors | NAME ...]

The test files are copied from this tree into the run first, so the tests as they stand now are run;
the package is imported from the run's mutated copy (its src/ first on the path), never the one
installed from plugins/. Prints a line a mutant and the count; exit status 1 when any survives."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def survivors(run: Path) -> list[str]:
    listed = (run / "survivors.txt").read_text(encoding="utf-8").splitlines()
    return [line.split(":")[0].strip() for line in listed if line.strip().endswith((": survived", ": no tests"))]


def killed(name: str, tests: list[str]) -> bool:
    os.environ["MUTANT_UNDER_TEST"] = name
    try:
        code = pytest.main(["-q", "-x", "-p", "no:cacheprovider", "--no-header", "--tb=no", *tests])
    finally:
        os.environ.pop("MUTANT_UNDER_TEST", None)
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED):
        raise SystemExit(f"the tests could not run: {code!r}")
    return code != pytest.ExitCode.OK


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("tests", nargs="+", help="test files or names of mutants (the names hold no '/')")
    parser.add_argument("--survivors", action="store_true", help="every survivor of the run")
    args = parser.parse_args(argv)
    tests = [t for t in args.tests if "/" in t]
    names = [t for t in args.tests if "/" not in t] + (survivors(args.run) if args.survivors else [])
    mutants = (args.run / "mutants").resolve()
    for test in tests:
        (mutants / test).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / test, mutants / test)
    os.chdir(mutants)
    sys.path.insert(0, str(mutants / "src"))
    if killed("none", tests):  # no mutant switched on: the tests must pass on the code as it was
        raise SystemExit("the tests fail on the run's unmutated code: nothing can be judged")
    alive = [name for name in names if not killed(name, tests)]
    for name in names:
        print(f"{name}\t{'survived' if name in alive else 'killed'}")
    print(f"{len(names) - len(alive)} of {len(names)} killed", file=sys.stderr)
    return 1 if alive else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
