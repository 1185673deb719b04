"""Public sign-up for a hearing (公开报名, R-B6): who may sign up, until when, and what a sign-up
holds. Anyone may sign up, without an account, on the public hearing page while the announced
sign-up is open; the name and contact are personal data kept beside the ledger as a commenter's are
(R-H6): the ledger holds the receipt, the side, the statement and that a contact was given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from juece.domain.participation.comments import clean_text
from juece.domain.record.acts import Act
from juece.domain.record.clock import china_time, format_time, is_late, parse_time
from juece.domain.record.entries import Entry
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage

MAX_NAME_CHARS, MAX_CONTACT_CHARS, MAX_STATEMENT_CHARS = 50, 200, 1000
FIELDS = {"name": ("姓名", "name", MAX_NAME_CHARS), "contact": ("联系方式", "contact", MAX_CONTACT_CHARS),
          "side": ("代表方", "side", 50), "statement": ("报名陈述", "statement", MAX_STATEMENT_CHARS)}


class SignupClosed(RuleViolation):
    """Sign-up is not open (none announced, not offered, past its deadline, or seats filled);
    ``status`` is the web's answer: 404 when no hearing is announced, else 409."""

    def __init__(self, zh: str, en: str, status: int = 409) -> None:
        super().__init__("R-B6", zh, en)
        self.status = status


@dataclass(frozen=True)
class SignupForm:
    name: str
    contact: str
    side: str
    statement: str


def receipt_number(number: int) -> str:
    return f"H-{number:06d}"


def open_signup(announced: Entry | None, drawn: Entry | None, now: datetime) -> dict[str, Any]:
    """The announced sign-up (closes_at, effective_closes_at, seats, method) if it is open at ``now``."""
    if announced is None:
        raise SignupClosed("本决策尚未公告听证会，不能报名", "no hearing has been announced for this decision", 404)
    signup = announced["data"].get("signup")
    if not signup:
        raise SignupClosed("本决策的听证会不接受公开报名", "this decision's hearing takes no public sign-up")
    if drawn is not None or is_late(now, parse_time(signup["effective_closes_at"])):
        zh, en = china_time(signup["closes_at"]), china_time(signup["closes_at"], zone=False)
        raise SignupClosed(f"公开报名已于{zh}截止，报名未保存",
                           f"public sign-up closed at {en} China time: your sign-up was not stored")
    return dict(signup)


def check_form(form: Mapping[str, Any], sides: list[str]) -> SignupForm:
    """Every field checked, nothing coerced: a name and a contact, one of the announced sides, and
    an optional statement, each within its bound."""
    values = {key: _text(form.get(key), key) for key in FIELDS}
    for key in ("name", "contact", "side"):
        if not values[key]:
            zh, en, _ = FIELDS[key]
            raise RuleViolation("R-B6", f"请填写{zh}", f"{en} is required", field=key)
    if values["side"] not in sides:
        raise RuleViolation("R-B6", f"代表方应为听证公告所列的一方：{'、'.join(sides)}",
                            f"the side must be one the hearing notice lists: {', '.join(sides)}", field="side")
    return SignupForm(values["name"], values["contact"], values["side"], values["statement"])


def _text(value: Any, key: str) -> str:
    zh, en, limit = FIELDS[key]
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RuleViolation("R-B6", f"{zh}应为文本", f"{en} must be text", field=key)
    cleaned = clean_text(value).strip()
    if len(cleaned) > limit:
        raise RuleViolation("R-B6", f"{zh}不得超过{limit}字（现{len(cleaned)}字），报名未保存",
                            f"{en} may have at most {limit} characters ({len(cleaned)} given): nothing was stored",
                            field=key)
    return cleaned


def signup_act(form: SignupForm, now: datetime, receipt: str) -> Act:
    """The ledger's part of a sign-up: no name, no contact (R-H6)."""
    data = {"receipt": receipt, "side": form.side, "statement": form.statement,
            "statement_sha256": sha256_text(form.statement), "has_contact": True,
            "received_at": format_time(now), "rule": "R-B6"}
    return Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_SIGNUP_RECEIVED, "public", data)
