"""`juece personal`: the personal data kept beside the ledger, and its end (R-H6).

`erase DECISION [--before DATE]` clears the names, contacts and client hashes of a decision's
comments, prints what it cleared and records `personal_data_erased` (counts only) in the
decision's chain, which still verifies: the chain never held them. `expire` clears the client
hashes older than their retention period (`JUECE_CLIENT_RETENTION_DAYS`, 30 days by default).
Only an administrator (`JUECE_ADMIN_USERS`) erases."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time

from juece.adapters.store.calendar import administrators
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import client_retention, erase, expire_clients
from juece.cli.auth import acting_user
from juece.cli.exits import EXIT_FAILED
from juece.domain.record.clock import parse_time
from juece.domain.record.errors import AccessError
from juece.domain.record.ledger import verify_chain
from juece.spec.models import CHINA


def require_administrator(user: str) -> None:
    if user not in administrators():
        raise AccessError(f"只有管理员（{'、'.join(administrators())}）可以删除个人信息，{user} 不可以",
                          f"only an administrator ({', '.join(administrators())}) erases personal data, "
                          f"not {user}", field="user")


def before_of(value: str | None) -> datetime | None:
    """--before: a date (its 00:00 China time) or a moment."""
    if not value:
        return None
    if len(value) == 10:
        return datetime.combine(datetime.fromisoformat(value).date(), time(), CHINA).astimezone(UTC)
    return parse_time(value)


def cmd_erase(args: argparse.Namespace) -> int:
    user = acting_user(args)
    require_administrator(user)
    ledger = Ledger()
    erased = erase(ledger, args.decision_id, user, before_of(args.before))
    counts = erased.as_dict()
    print(f"{args.decision_id}: 已删除 erased 姓名 names {counts['names']}，联系方式 contacts {counts['contacts']}，"
          f"来源标识 client hashes {counts['clients']}")
    if erased.entry_hash is None:
        print("没有可删除的个人信息，未记录 / nothing to erase, nothing recorded")
        return 0
    chain = verify_chain(ledger.entries(args.decision_id), args.decision_id)
    print(f"已记录 recorded personal_data_erased {erased.entry_hash[:12]}；台账链 chain "
          + ("完整 intact" if chain.intact else "有问题 broken: " + "; ".join(chain.problems)))
    return 0 if chain.intact else EXIT_FAILED


def cmd_expire(args: argparse.Namespace) -> int:
    require_administrator(acting_user(args))
    cleared = expire_clients(Ledger().engine, datetime.now(UTC), client_retention())
    print(f"已清除超过保存期限（{client_retention().days} 天）的来源标识 {cleared} 个 / "
          f"cleared {cleared} client hashes older than {client_retention().days} days")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    personal = sub.add_parser("personal", help="个人信息 personal data kept beside the ledger (R-H6)")
    verbs = personal.add_subparsers(dest="personal_command", required=True)
    gone = verbs.add_parser("erase", help="clear a decision's commenters' names, contacts and client hashes")
    gone.add_argument("decision_id")
    gone.add_argument("--before", help="only comments received before this date (China time) or moment")
    gone.set_defaults(run=cmd_erase)
    verbs.add_parser("expire", help="clear the client hashes older than their retention period").set_defaults(
        run=cmd_expire)
