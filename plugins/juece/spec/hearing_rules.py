"""The hearing's rules (R-B6), as plain functions the Hearing model's validators call: mutation testing
leaves decorated functions unchanged, so a rule kept in a validator's body would go unmeasured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juece.spec.base import lead_time_deadline, violation

if TYPE_CHECKING:
    from juece.spec.models import Hearing


def materials_early(value: int) -> int:
    if value < 7:
        raise violation("R-B6", "听证材料须至少提前7日送达参加人", "hearing materials must reach participants at least 7 days before")
    return value


def every_side_represented(hearing: Hearing) -> Hearing:
    """Distinct participants, enough of them with the public seats, sign-up closed in time, every side heard."""
    users = [p.user for p in hearing.participants]
    if len(set(users)) != len(users):
        raise violation("R-B6", "听证参加人不得重复", "hearing participants must be distinct", field="participants")
    seats = hearing.public_signup.seats if hearing.public_signup else 0
    if len(users) + seats < hearing.min_participants:
        raise violation("R-B6", f"听证参加人不得少于{hearing.min_participants}人，现{len(users) + seats}人（含公开报名席位）",
                        f"a hearing needs at least {hearing.min_participants} participants, got {len(users) + seats} "
                        "(public seats included)", field="participants")
    announced_in_advance(hearing)
    signup_closes_in_time(hearing)
    missing = sorted(set(hearing.sides) - {p.side for p in hearing.participants})
    if missing:
        raise violation("R-B6", f"以下各方没有参加人：{'、'.join(missing)}",
                        f"every side must be represented; none for: {', '.join(missing)}", field="participants")
    return hearing


def announced_in_advance(hearing: Hearing) -> None:
    """R-B6 [H]: the hearing is published in advance: its notice goes out at least a day before it."""
    days = hearing.notice_days_before
    if days < 1:
        raise violation("R-B6", f"听证会须提前公告，公告提前天数至少为1日，现为{days}日",
                        f"a hearing must be announced in advance: at least 1 day ahead, got {days}",
                        field="notice_days_before")


def signup_closes_in_time(hearing: Hearing) -> None:
    """Public sign-up closes, and its seats are filled, before the materials must go out."""
    signup = hearing.public_signup
    if signup and signup.closes_at >= lead_time_deadline(hearing.time, hearing.materials_days_before):
        day = hearing.materials_last_day()
        raise violation("R-B6", f"公开报名须在听证材料送达期限（{day}）之前截止",
                        f"public sign-up must close before the materials are due ({day})",
                        field="public_signup.closes_at")
