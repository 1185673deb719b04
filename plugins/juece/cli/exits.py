"""The exit codes of the `juece` command, and the one exception a command raises for a request it
cannot answer as asked; `juece.cli.main` maps every error to its code and message in one place."""

from __future__ import annotations

EXIT_FAILED = 1  # done, and what it found is wrong (a broken chain, a failed check, a step overdue), or it failed
EXIT_INVALID = 2  # refused: nothing done (a spec, a rule, a value or a file given wrong, not this user's to do)


class Invalid(Exception):
    """What was asked cannot be answered as asked (a value out of range, an unknown id, a file in
    the way): `error: <message>` on stderr, exit EXIT_INVALID, nothing done."""
