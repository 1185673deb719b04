"""A hearing (R-B6) and its rules. The validators call the plain functions below: mutation testing
leaves decorated functions unchanged, so a rule kept in a validator's body would go unmeasured."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import Field, field_validator, model_validator

from juece.spec.base import CHINA, Strict, Text, aware, lead_time_deadline, violation
from juece.spec.hearing_signup import PublicSignup
from juece.spec.roles import Participant


class HearingParticipant(Strict):
    user: Participant
    name: Text
    side: Text


class Hearing(Strict):
    """R-B6: a hearing, announced in advance with its participants, each of whom confirms the record."""

    place: Text
    time: datetime
    selection_method: Text
    sides: list[Text] = Field(min_length=2)
    participants: list[HearingParticipant] = Field(min_length=1)
    materials_days_before: int = 7
    notice_days_before: int = 30
    min_participants: int = Field(default=15, ge=1)
    public_signup: PublicSignup | None = None

    @field_validator("materials_days_before")
    @classmethod
    def _materials_early(cls, value: int) -> int:
        return materials_early(value)

    @field_validator("time")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return aware(value)

    def notice_too_late(self, now: datetime) -> tuple[str, str] | None:
        """R-B6 [L]: why a notice published at ``now`` is too late (zh, en), or None. The run's
        announcement refuses with it; `juece lint` and `juece launch` ask it for the launch date."""
        days = self.notice_days_before
        if now < lead_time_deadline(self.time, days):
            return None
        day, on = self.time.astimezone(CHINA).date(), now.astimezone(CHINA).date()
        return (f"听证会（{day}）须至少提前{days}日公告，{on}公告已不足{days}日",
                f"a hearing must be announced at least {days} days ahead; announced on {on}, {day} is too close")

    def materials_too_late(self, now: datetime) -> tuple[str, str] | None:
        """R-B6: why materials issued at ``now`` reach the participants too late (zh, en), or None."""
        if now < lead_time_deadline(self.time, self.materials_days_before):
            return None
        day = self.materials_last_day()
        return f"听证材料最迟应于{day}送达，已逾期", f"materials were due by the end of {day}: too late"

    def materials_last_day(self) -> date:
        """The last day (China time) on which materials keep their lead time before the hearing."""
        return (lead_time_deadline(self.time, self.materials_days_before) - timedelta(days=1)).date()

    @model_validator(mode="after")
    def _every_side_represented(self) -> Hearing:
        return every_side_represented(self)


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
