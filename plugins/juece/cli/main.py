"""The `juece` command: the parser, built from the command modules, and the one mapping from what
a command raises to the message and exit code the person at the command sees."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable

from juece.adapters.airflow_client import AirflowUnavailable
from juece.cli import (
    archives,
    calendar,
    catalogue,
    decisions,
    evaluation,
    experts,
    fixity,
    keys,
    personal,
    rules,
    trace,
)
from juece.cli.exits import EXIT_FAILED, EXIT_INVALID, Invalid
from juece.domain.record.errors import RecordError, RuleViolation
from juece.spec.loader import SpecError

# In the order `juece --help` lists their commands; each module's `register(sub)` adds its own.
GROUPS = (
    decisions,  # lint schema launch comment channel portal record archive verify
    experts,  # experts
    evaluation,  # implementation-report complaint evaluate
    archives,  # search archives
    keys,  # body-key
    personal,  # personal
    calendar,  # calendar
    trace,  # trace
    catalogue,  # catalogue
    fixity,  # fixity
    rules,  # rules
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="juece", description="重大行政决策 major administrative decisions on Airflow",
        epilog="记录办理行为的命令以通过 Airflow 验证的用户身份办理 / commands that record an act do so as the "
               "Airflow user they authenticate as: JUECE_USER and JUECE_PASSWORD (asked for on a terminal), "
               "or JUECE_TOKEN; Airflow at JUECE_AIRFLOW_URL")
    sub = top.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return top


def quiet_airflow_warnings() -> None:
    """Airflow's deprecation warnings speak to plugin authors, not to the person at the command:
    Airflow shows them only when no -W option is given, so the command gives one."""
    if not sys.warnoptions:
        sys.warnoptions.append("ignore::DeprecationWarning")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=PendingDeprecationWarning)


def main(argv: list[str] | None = None) -> int:
    quiet_airflow_warnings()
    try:
        return run(argv)
    except BrokenPipeError:  # the reader left (`juece record X | head`): end quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        return EXIT_FAILED


def run(argv: list[str] | None = None) -> int:
    """Parse, run the command (the `run` its parser set) and map what it raises, in one line on
    stderr and never a traceback: refused, nothing done, exit 2; failed, exit 1."""
    args = parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except SpecError as error:  # every issue, file:line, as `juece lint` prints them
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except RuleViolation as violation:  # FormError and AccessError too
        print(f"refused {violation}", file=sys.stderr)
        return EXIT_INVALID
    except Invalid as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        raise
    except (RecordError, AirflowUnavailable, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # noqa: BLE001 - e.g. the records DB is down: say so, no traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
