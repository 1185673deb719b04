"""Who a user id is: a name to address and name them by, and where to reach them (e-mail, IM)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    user: str
    name: str = ""
    email: str = ""
    im: str = ""

    @property
    def called(self) -> str:
        """The name, or the user id where no name is known."""
        return self.name or self.user


Directory = Mapping[str, Person]


def person(directory: Directory, user: str) -> Person:
    """The person a user id is; one not in the directory is known by the id alone."""
    return directory.get(user) or Person(user)


def names(directory: Directory, users: list[str]) -> str:
    return "、".join(person(directory, user).called for user in users) or "—"
