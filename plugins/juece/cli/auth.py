"""Who the `juece` command acts as: the Airflow user it authenticates as, as the web pages do,
never a name it is told (R-H5: who did what is traceable, for life).

Credentials come from the environment: ``JUECE_TOKEN`` (a token Airflow issued), or
``JUECE_USER`` with ``JUECE_PASSWORD``; on a terminal whatever is missing is asked for. Airflow's
API at ``JUECE_AIRFLOW_URL`` checks them (``POST /auth/token``) and says whose they are
(``GET /ui/auth/me``). Then the act's own check, as on the web: the decision's sponsor office
launches it and records for it (web/office.py). A command refused here exits 2 and records nothing.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from juece import config
from juece.adapters.airflow_client import AirflowClient, AirflowUnavailable, name_in, token_claims
from juece.adapters.notify.groups import holds_role, role_called
from juece.adapters.store.ledger import Ledger
from juece.domain.record.errors import AccessError, RecordError, RuleViolation
from juece.domain.record.launch import launched_spec

RULE = "R-H5"
HOW_ZH = "请设置 JUECE_USER 和 JUECE_PASSWORD（或 JUECE_TOKEN），以 Airflow 用户身份办理"
HOW_EN = "set JUECE_USER and JUECE_PASSWORD (or JUECE_TOKEN) to act as your Airflow user"


def authenticated_user(client: AirflowClient | None = None) -> str:
    """The Airflow user whose credentials the environment (or the terminal) gives."""
    return authenticated(client)[0]


def authenticated(client: AirflowClient | None = None) -> tuple[str, str]:
    """(user, role): the Airflow user whose credentials the environment (or the terminal) gives,
    and their role as Airflow's auth manager says it (`/ui/auth/me`, else the token it accepted
    and signed, as SimpleAuthManager puts the role in it); "unknown" when it says none."""
    client = client or AirflowClient()
    try:
        token = config.token() or _login(client)
        me = client.me(token)
    except AirflowUnavailable as error:
        raise RuleViolation(RULE, f"无法向 Airflow 验证身份：{error}",
                            f"cannot authenticate with Airflow: {error}") from None
    if me is None:
        raise RuleViolation(RULE, f"Airflow 不接受 JUECE_TOKEN 中的令牌（已过期或无效）；{HOW_ZH}",
                            f"Airflow does not accept the token in JUECE_TOKEN (expired or invalid); {HOW_EN}")
    role = me.get("role") or token_claims(token).get("role") or "unknown"
    return name_in(me), str(role)


def acting_user(args: argparse.Namespace, option: str = "actor") -> str:
    """The authenticated user; a self-declared one (``--actor``, ``--user``) is refused."""
    acting_user_refuses(args, option)
    return authenticated_user()


def acting_user_refuses(args: argparse.Namespace, option: str) -> None:
    """A self-declared user (``--actor``, ``--user``) is refused: the authenticated one acts."""
    if getattr(args, option, None):
        flag = f"--{option}"
        raise RuleViolation(RULE, f"{flag} 已不再采用：命令以通过 Airflow 验证的用户身份办理并记录；{HOW_ZH}",
                            f"{flag} is no longer honoured: the command acts, and is recorded, as the user "
                            f"it authenticates as; {HOW_EN}")


def acting_identity(args: argparse.Namespace, option: str = "actor") -> tuple[str, str]:
    """(user, role) of the authenticated user, as `acting_user`; a self-declared one is refused."""
    acting_user_refuses(args, option)
    return authenticated()


def require_decision_sponsor(user: str, decision_id: str, zh: str, en: str, ledger: Ledger) -> None:
    """As the office pages: only the launched decision's sponsor office does this."""
    entry = ledger.latest(decision_id, "launched")
    if entry is None:
        raise RecordError(f"no decision {decision_id!r} in the record")
    require_sponsor(user, launched_spec(entry).sponsor_office, zh, en)


def require_sponsor(user: str, sponsor_office: str, zh: str, en: str) -> None:
    """Only ``sponsor_office`` (a member of it, when it is a group) does what ``zh``/``en`` say;
    anyone else is refused (not theirs to do)."""
    if not holds_role(sponsor_office, user):
        office = role_called(sponsor_office)
        raise AccessError(f"只有承办单位（{office}）可以{zh}，{user} 不可以",
                          f"only the sponsor office ({office}) {en}, not {user}")


def _login(client: AirflowClient) -> str:
    user = config.user() or _ask("Airflow 用户名 user: ", echo=True)
    password = config.password() or (_ask(f"{user} 的密码 password: ", echo=False) if user else None)
    if not user or not password:
        raise RuleViolation(RULE, f"没有 Airflow 身份，不能办理：{HOW_ZH}",
                            f"no Airflow credentials: nothing is done; {HOW_EN}")
    token = client.login(user, password)
    if token is None:
        raise RuleViolation(RULE, f"Airflow 拒绝了 {user} 的登录（用户名或密码不对）",
                            f"Airflow refused the login of {user} (wrong user name or password)")
    return token


def _ask(prompt: str, echo: bool) -> str | None:
    """What the person at the terminal types; None when there is no terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        answer = input(prompt) if echo else getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None
    return answer.strip() or None
