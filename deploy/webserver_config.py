"""Airflow's FAB auth manager signing people in against an LDAP directory (production).

Copy this file to ``$AIRFLOW_HOME/webserver_config.py`` (or point ``AIRFLOW__FAB__CONFIG_FILE``
at it) on every api-server, and set
``AIRFLOW__CORE__AUTH_MANAGER=juece.web.fab_auth.FabAuthManagerByName`` (Airflow's FAB
auth manager, with human tasks answered by the user name juece assigns them to).
Everything specific to a site comes from the environment:

- ``AIRFLOW_LDAP_SERVER``: ``ldap://host:389`` or ``ldaps://host:636`` (required)
- ``AIRFLOW_LDAP_BIND_DN`` and ``AIRFLOW_LDAP_BIND_PASSWORD`` (or ``AIRFLOW_LDAP_BIND_PASSWORD_FILE``,
  a mounted secret): the service account that looks people up (required)
- ``AIRFLOW_LDAP_USER_BASE``: where people are, e.g. ``ou=people,dc=example,dc=org`` (required)
- ``AIRFLOW_LDAP_USER_FILTER``: narrows the people who may sign in, e.g.
  ``(objectClass=inetOrgPerson)`` (optional)
- ``AIRFLOW_LDAP_UID_FIELD`` (``uid``; ``sAMAccountName`` on Active Directory) and
  ``AIRFLOW_LDAP_GROUP_FIELD`` (``memberOf``): the attributes of a person's entry holding the
  sign-in name and the DNs of the person's groups
- ``AIRFLOW_LDAP_GROUP_BASE``: where the groups are, e.g. ``ou=groups,dc=example,dc=org``; the
  groups below it named in ``GROUP_ROLES`` give the Airflow roles (required unless
  ``AIRFLOW_LDAP_ROLES_MAPPING`` is set)
- ``AIRFLOW_LDAP_ROLES_MAPPING``: a JSON object, group DN -> list of Airflow roles, replacing
  the default mapping entirely (optional)
- ``AIRFLOW_LDAP_START_TLS`` (``true``/``false``) and ``AIRFLOW_LDAP_CA_FILE``: TLS to the directory

The roles are recomputed from the person's groups at every sign-in; a person in none of the
mapped groups is not signed in at all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from airflow.providers.fab.auth_manager.security_manager.override import (
    FabAirflowSecurityManagerOverride,
)
from flask_appbuilder.const import AUTH_LDAP

# The group (its cn under AIRFLOW_LDAP_GROUP_BASE) -> the Airflow roles its members get.
GROUP_ROLES: dict[str, list[str]] = {
    "sponsor-offices": ["User"],  # 承办单位: launch decisions, answer their steps
    "experts": ["User"],  # 专家: answer their own review tasks
    "members": ["User"],  # 会议组成人员, reviewers, the head: answer their steps
    "archivists": ["Viewer"],  # 档案管理员: read DAGs and runs, search and retrieve archives
    "administrators": ["Admin"],
}
NO_ACCESS_ROLE = "Public"  # what FAB registers a person with before the groups are mapped


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"{name} must be set for the LDAP sign-in (see webserver_config.py)")
    return value


def bind_password() -> str:
    """The service account's password: from a secret file when one is named, else the variable."""
    if path := os.environ.get("AIRFLOW_LDAP_BIND_PASSWORD_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    return env("AIRFLOW_LDAP_BIND_PASSWORD")


def roles_mapping() -> dict[str, list[str]]:
    """Group DN -> Airflow roles: AIRFLOW_LDAP_ROLES_MAPPING, else GROUP_ROLES under the group base."""
    if raw := os.environ.get("AIRFLOW_LDAP_ROLES_MAPPING"):
        mapping = json.loads(raw)
        return {str(dn): [str(role) for role in roles] for dn, roles in mapping.items()}
    base = env("AIRFLOW_LDAP_GROUP_BASE")
    return {f"cn={cn},{base}": roles for cn, roles in GROUP_ROLES.items()}


class GroupMembersOnly(FabAirflowSecurityManagerOverride):
    """Signs in only people whose groups give them a role (FAB would otherwise sign in anyone the
    directory knows, with the registration role alone), and gives them their groups' roles alone
    (FAB adds the registration role to every person's)."""

    def _ldap_calculate_user_roles(self, user_attributes):  # type: ignore[no-untyped-def]
        roles = super()._ldap_calculate_user_roles(user_attributes)
        return [role for role in roles if role.name != NO_ACCESS_ROLE] or roles

    def auth_user_ldap(self, username, password, rotate_session_id=True):  # type: ignore[no-untyped-def]
        user = super().auth_user_ldap(username, password, rotate_session_id=rotate_session_id)
        if user is not None and not {role.name for role in user.roles} - {NO_ACCESS_ROLE}:
            return None
        return user


SECURITY_MANAGER_CLASS = GroupMembersOnly
AUTH_TYPE = AUTH_LDAP
AUTH_LDAP_SERVER = env("AIRFLOW_LDAP_SERVER")
AUTH_LDAP_BIND_USER = env("AIRFLOW_LDAP_BIND_DN")
AUTH_LDAP_BIND_PASSWORD = bind_password()
AUTH_LDAP_SEARCH = env("AIRFLOW_LDAP_USER_BASE")
AUTH_LDAP_SEARCH_FILTER = env("AIRFLOW_LDAP_USER_FILTER", "")
AUTH_LDAP_UID_FIELD = env("AIRFLOW_LDAP_UID_FIELD", "uid")
AUTH_LDAP_GROUP_FIELD = env("AIRFLOW_LDAP_GROUP_FIELD", "memberOf")
AUTH_LDAP_FIRSTNAME_FIELD = "givenName"
AUTH_LDAP_LASTNAME_FIELD = "sn"
AUTH_LDAP_EMAIL_FIELD = "mail"
AUTH_LDAP_USE_TLS = env("AIRFLOW_LDAP_START_TLS", "false").lower() == "true"
AUTH_LDAP_TLS_CACERTFILE = env("AIRFLOW_LDAP_CA_FILE", "")
AUTH_LDAP_TLS_DEMAND = bool(AUTH_LDAP_TLS_CACERTFILE)

# People are created in Airflow at their first sign-in, their roles taken from their groups then
# and at every later sign-in (someone who left a group loses its role at the next sign-in).
AUTH_USER_REGISTRATION = True
AUTH_USER_REGISTRATION_ROLE = NO_ACCESS_ROLE
AUTH_ROLES_MAPPING = roles_mapping()
AUTH_ROLES_SYNC_AT_LOGIN = True
