"""How long a step the statute gives no deadline of its own may stay open before the record flags it
(R-H5: 久拖不决), and how long a whole decision may stay undecided.

These are the office's limits, not periods of the Regulation: each bounds a step between two
entries of the record (domain/archive/time_limits.py checks them). Every field has a default, so a
spec without the block, and a record launched before it existed, are checked by the same numbers.
"""

from __future__ import annotations

from pydantic import ValidationInfo, field_validator

from juece.spec.base import Strict, violation

# R-H5: a plan or a major construction project (the categories R-C5 gives a larger panel) takes
# longer to prepare; any other takes a year, the span of the annual catalogue that lists it (R-A3).
OVERALL_DAYS_BY_CATEGORY: dict[str, int] = {"important_plan": 540, "major_public_construction": 540}
OVERALL_DAYS = 365

# Each limit's rule and its name in Chinese, for the refusal of a value under one day.
LIMIT_RULES: dict[str, tuple[str, str]] = {
    "dispositions_working_days": ("R-B4", "意见处理期限（工作日）"),
    "hearing_record_days": ("R-B6", "听证笔录签名期限（日）"),
    "risk_round_days": ("R-D2", "每轮风险评估期限（日）"),
    "convening_days": ("R-F2", "召开会议期限（日）"),
    "head_decision_days": ("R-F2", "行政首长作出决定期限（日）"),
    "overall_days": ("R-H5", "决策总期限（日）"),
}


class TimeLimits(Strict):
    dispositions_working_days: int = 15  # comments_closed -> adoption_report (R-B4)
    hearing_record_days: int = 7  # hearing_held -> every participant's hearing_record_signed (R-B6)
    risk_round_days: int = 30  # a round's opening -> risk_assessed (R-D2)
    convening_days: int = 30  # gate_passed -> meeting_convened (R-F2)
    head_decision_days: int = 7  # meeting_convened -> head_decision (R-F2)
    overall_days: int | None = None  # launched -> the head's decision or the closed gate; None: by category

    @field_validator(*LIMIT_RULES)
    @classmethod
    def _at_least_a_day(cls, value: int | None, info: ValidationInfo) -> int | None:
        return at_least_a_day(value, str(info.field_name))

    def overall_for(self, category: str) -> int:
        """The overall limit in days: the spec's, else the default of the decision's category."""
        return self.overall_days or OVERALL_DAYS_BY_CATEGORY.get(category, OVERALL_DAYS)


# The validator calls a plain function: mutation testing leaves decorated functions unchanged.
def at_least_a_day(value: int | None, field: str) -> int | None:
    """Each limit, when given, is at least one day."""
    if value is not None and value < 1:
        rule, name = LIMIT_RULES[field]
        raise violation(rule, f"{name}至少为1，现为{value}",
                        f"time_limits.{field} must be at least 1, got {value}")
    return value
