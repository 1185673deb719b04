"""Who may launch a decision (R-A1): whoever launches becomes its sponsor office, so only people
who may act as one. Airflow's viewers (archivists) never; where JUECE_LAUNCHERS names users and
groups, only those and administrators; unset, anyone else signed in."""

from __future__ import annotations

from juece import config
from juece.adapters.notify.groups import holds_role
from juece.domain.record.errors import RuleViolation

RULE = "R-A1"
READ_ONLY_ROLES = {"VIEWER", "PUBLIC"}  # SimpleAuthManager's viewer; FAB's Viewer, and Public (no permission)


def launch_refusal(user: str, role: str) -> RuleViolation | None:
    """Why ``user`` (with Airflow ``role``: one, or FAB's names comma-separated) may not launch, or
    None when they may."""
    roles = {name.strip().upper() for name in role.split(",") if name.strip()}
    if "ADMIN" in roles:
        return None
    if roles and roles <= READ_ONLY_ROLES:
        return RuleViolation(RULE, "您的账号只能查阅，不能启动决策（启动人即承办单位）",
                             "your account may only read: it cannot launch a decision (whoever launches is its "
                             "sponsor office)")
    allowed = config.launchers()
    if allowed and not any(holds_role(entry, user) for entry in allowed):
        return RuleViolation(RULE, "只有承办单位可以启动决策；如需启动，请联系管理员将您列入可启动决策的人员",
                             "only a sponsor office may launch a decision: ask an administrator to list you "
                             "among those who may")
    return None
