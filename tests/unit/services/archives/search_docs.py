"""Archived decisions made straight into the catalogue and the search index (no PDF builds)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from juece.adapters.store import catalogue, search
from juece.adapters.store.catalogue import ArchiveIssue
from juece.domain.archive.facts import ArchiveFacts

ROWS: list[dict[str, Any]] = [
    {"id": "road-widening", "title": "县城区道路拓宽工程", "category": "major_public_construction",
     "sponsor": "县住房和城乡建设局", "outcome": "approve", "decided": "2027-05-10", "year": 2027,
     "draft": "第一条 拓宽县城东大街至双向四车道，同步改造雨污分流管网。第二条 沿街商户临时安置由街道办负责。",
     "opinion": "专家认为拓宽方案可行，建议补充交通疏导方案。", "na": None},
    {"id": "water-fees", "title": "城镇供水价格调整方案", "category": "public_policy",
     "sponsor": "县发展和改革局", "outcome": "approve", "decided": "2027-08-02", "year": 2027,
     "draft": "第一条 居民生活用水实行阶梯水价。第二条 低保家庭每月免收五立方米水费。雨污分流设施运维费另计。",
     "opinion": "阶梯水价设计合理。", "na": "expert_review"},
    {"id": "school-merger", "title": "乡村小学撤并规划", "category": "important_plan",
     "sponsor": "县教育局", "outcome": "reject", "decided": "2028-03-15", "year": 2028,
     "draft": "第一条 撤并生源不足的乡村小学六所，保留教学点二处。<script>alert('x')</script>",
     "opinion": "撤并须保障学生上学路程安全。", "na": None},
    {"id": "forest-plan", "title": "林地保护利用规划", "category": "resources_policy",
     "sponsor": "县林业和草原局", "outcome": "undecided", "decided": None, "year": 2028,
     "draft": "第一条 划定公益林保护红线，禁止在保护区内新建道路。", "opinion": "", "na": "risk_assessment"},
]


def facts_and_texts(row: dict[str, Any]) -> tuple[ArchiveFacts, dict[str, str]]:
    status = {s: "recorded" for s in ("public_participation", "expert_review", "risk_assessment",
                                      "legality_review", "collective_deliberation")}
    if row["na"]:
        status[row["na"]] = "not_applicable"
    facts = ArchiveFacts(decision_id=row["id"], title=row["title"], title_en="", decision_body="县人民政府",
                         sponsor=row["sponsor"], category=row["category"], catalogue_year=row["year"],
                         catalogue_number=None, launch_year=row["year"], launched_on=f"{row['year']}-01-05",
                         decided_on=row["decided"], outcome=row["outcome"], stage_status=status)
    texts = {"draft": row["draft"], "announcement": "", "opinion": row["opinion"], "legality": "", "minutes": ""}
    return facts, texts


def fill(engine: Engine) -> list[ArchiveIssue]:
    issued = []
    for row in ROWS:
        facts, texts = facts_and_texts(row)
        numbered = catalogue.number_for(facts, engine)
        issue = ArchiveIssue(
            archive_no=numbered.archive_no, decision_id=facts.decision_id, version=numbered.version,
            edition="full", title=facts.title, title_en="", decision_body=facts.decision_body,
            sponsor=facts.sponsor, category=facts.category, catalogue_year=facts.catalogue_year,
            catalogue_number=None, archive_year=numbered.archive_year, item_number=numbered.item_number,
            outcome=facts.outcome, sha256="0" * 64, chain_head="1" * 64, location="memory://x", size=1,
            issued_at="2028-04-01T00:00:00Z")
        catalogue.register(issue, engine)
        search.index_decision(issue, texts, facts, engine)
        issued.append(issue)
    return issued
