"""The users Airflow's auth manager knows, so that forms offer them by name instead of a typed id.

With the SimpleAuthManager (Airflow's default) the users are the ``[core] simple_auth_manager_users``
setting, ``user:role`` pairs separated by commas (a third part, ``:team|team``, in multi-team
mode); ``parse_users`` reads them, each with its Airflow role. The setting itself is read by the
web layer (web/auth.py ``configured_users``), the one place that asks Airflow about its users.

With the FAB auth manager the users and their roles live in FAB's database: they would be listed
through FAB's API (``FabAuthManager.security_manager.get_all_users()``, each user's ``roles``, a
role per group as adapters/notify/groups.py describes). That is not done: with any auth manager
other than the SimpleAuthManager the forms offer the people of the people directory
(JUECE_PEOPLE_FILE) alone.
"""

from __future__ import annotations

from dataclasses import dataclass

SIMPLE = "SimpleAuthManager"


@dataclass(frozen=True)
class AuthUser:
    user: str
    role: str = ""  # the auth manager's role (admin, op, user, viewer), not a decision role


def parse_users(entries: list[str]) -> list[AuthUser]:
    """``user:role`` entries as users, each once; an entry without a user id is left out."""
    found: dict[str, AuthUser] = {}
    for entry in entries:
        user, _, rest = entry.strip().partition(":")
        user = user.strip()
        if user and not any(c.isspace() for c in user) and user not in found:
            found[user] = AuthUser(user, rest.partition(":")[0].strip())
    return list(found.values())
