"""The legality review's findings on authority, procedure and content (R-E4), each with the
provisions relied on as structured rows: the law or regulation's name and the article. The rows are
optional (old records and answers through Airflow's own form have none) but every row given is
checked: a name and an article, each within its length, at most ``MAX_PROVISIONS`` a finding.

The reviewer's tasks of the stage are named here once, for the review's page and the notices'
links (orchestration/stages/legality.py builds them in the same order)."""

from __future__ import annotations

from typing import Any

from juece.domain.record.answers import Answer
from juece.domain.record.errors import FormError, RuleViolation

FINDINGS = {"authority": ("决策权限", "authority"), "procedure": ("决策程序", "procedure"),
            "content": ("决策内容", "content")}
MAX_PROVISIONS, LAW_CAP, ARTICLE_CAP = 20, 200, 60
MAX_ROUNDS = 5  # spec/models.py LegalityReview.max_rounds: le=5
BRACKETS = "《》〈〉<> \u3000"


def provisions_key(finding: str) -> str:
    """The answer's and the record's key of a finding's provisions: ``authority_provisions``."""
    return f"{finding}_provisions"


def provisions(answer: Answer, finding: str) -> list[dict[str, str]]:
    """The provisions a finding relies on, each ``{"law", "article"}`` with the law's name without
    its book-title marks; refused (R-E4, naming the row's field) when a row lacks either."""
    key = provisions_key(finding)
    value = answer.params.get(key)
    if value is None or value == "":
        return []
    zh, en = FINDINGS[finding]
    if not isinstance(value, list):
        raise FormError(f"{zh}所依据的规定应为列表", f"the provisions of the {en} finding must be a list", field=key)
    if len(value) > MAX_PROVISIONS:
        raise RuleViolation("R-E4", f"{zh}所依据的规定至多{MAX_PROVISIONS}条", f"at most {MAX_PROVISIONS} "
                            f"provisions for the {en} finding", field=key)
    return [_provision(item, f"{key}.{number}", zh, en, number) for number, item in enumerate(value, 1)]


def _provision(item: Any, at: str, zh: str, en: str, number: int) -> dict[str, str]:
    if not isinstance(item, dict):
        raise FormError(f"{zh}第{number}条依据格式不对", f"provision {number} of the {en} finding must be an object",
                        field=at)
    law = _text(item.get("law"), f"{at}.law", LAW_CAP, f"{zh}第{number}条依据的法律法规名称",
                f"the name of the law or regulation of provision {number} ({en})").strip(BRACKETS)
    if not law:
        raise RuleViolation("R-E4", f"请填写{zh}第{number}条依据的法律法规名称",
                            f"name the law or regulation of provision {number} ({en})", field=f"{at}.law")
    article = _text(item.get("article"), f"{at}.article", ARTICLE_CAP, f"{zh}第{number}条依据的条款",
                    f"the article of provision {number} ({en})")
    if not article:
        raise RuleViolation("R-E4", f"请填写{zh}第{number}条依据（《{law}》）的条款",
                            f"give the article of provision {number} ({en}, {law})", field=f"{at}.article")
    return {"law": law, "article": article}


def _text(value: Any, field: str, cap: int, zh: str, en: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RuleViolation("R-E4", f"{zh}须为文字", f"{en} must be text", field=field)
    text = " ".join(value.split())
    if len(text) > cap:
        raise RuleViolation("R-E4", f"{zh}至多{cap}字", f"{en} must be at most {cap} characters", field=field)
    return text


def citation(provision: Any) -> str:
    """A provision in words: 《中华人民共和国城乡规划法》第二十条 (an article given as a bare number
    is said 第20条)."""
    if not isinstance(provision, dict):
        return str(provision)
    law, article = str(provision.get("law", "")), str(provision.get("article", ""))
    if article.isdigit():
        article = f"第{article}条"
    return f"《{law}》{article}"


def citations(data: dict[str, Any], finding: str) -> list[str]:
    """Every provision a recorded finding relies on, in words (none for a record without them)."""
    found = data.get(provisions_key(finding))
    return [citation(p) for p in found] if isinstance(found, list) else []


def reviewer_task_ids(max_rounds: int, group: str = "") -> list[str]:
    """review, rereview_1, ... rereview_<max_rounds - 1>, each under ``group`` when given."""
    ids = ["review", *(f"rereview_{n}" for n in range(1, max_rounds))]
    return [f"{group}.{one}" for one in ids] if group else ids
