"""The users Airflow's auth manager knows, so that forms offer them by name instead of a typed id.

With the SimpleAuthManager (Airflow's default) the users are the ``[core] simple_auth_manager_users``
setting, ``user:role`` pairs separated by commas (a third part, ``:team|team``, in multi-team
mode); they are read from it here, each with its Airflow role.

With the FAB auth manager the users and their roles live in FAB's database: they would be listed
through FAB's API (``FabAuthManager.security_manager.get_all_users()``, each user's ``roles``, a
role per group as adapters/notify/groups.py describes). That is not done here: with any auth
manager other than the SimpleAuthManager this returns None, and the forms offer the people of the
people directory (JUECE_PEOPLE_FILE) alone.
"""

from __future__ import annotations

from dataclasses import dataclass

SIMPLE = "SimpleAuthManager"


@dataclass(frozen=True)
class AuthUser:
    user: str
    role: str = ""  # the auth manager's role (admin, op, user, viewer), not a decision role


def configured_users() -> list[AuthUser] | None:
    """The auth manager's users in the order configured, or None when they cannot be listed here
    (another auth manager, or Airflow's configuration not readable)."""
    try:
        from airflow.configuration import conf

        if not conf.get("core", "auth_manager", fallback="").endswith(SIMPLE):
            return None
        entries = conf.getlist("core", "simple_auth_manager_users", delimiter=",")
    except Exception:  # noqa: BLE001 - no Airflow configuration: the directory alone is offered
        return None
    return parse_users(entries)


def parse_users(entries: list[str]) -> list[AuthUser]:
    """``user:role`` entries as users, each once; an entry without a user id is left out."""
    found: dict[str, AuthUser] = {}
    for entry in entries:
        user, _, rest = entry.strip().partition(":")
        user = user.strip()
        if user and not any(c.isspace() for c in user) and user not in found:
            found[user] = AuthUser(user, rest.partition(":")[0].strip())
    return list(found.values())
