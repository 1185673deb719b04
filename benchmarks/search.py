"""Archive search latency: juece's search on SQLite (FTS5 trigram and a one-/two-character
piece index) and PostgreSQL (GIN over each decision's pieces of up to four characters) against
a pandas scan answering the same queries, on synthetic archived decisions.

Run from the repository root:
    .venv/bin/python benchmarks/search.py [--decisions 10000] [--repeat 5] [--pg URL]

The decisions (titles, drafts of several hundred characters, announcements, expert opinions,
legality opinions, minutes, all in Chinese) go straight into the search table (no PDF builds).
Each of the queries (keywords, some shorter than three characters, with and without filters)
runs ``--repeat`` times on each side, interleaved; p50/p95 over all runs. Every side must give
the same totals and the same first page. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from juece.adapters.store import search  # noqa: E402
from juece.adapters.store.db import get_engine  # noqa: E402
from juece.domain.archive.search_query import CATEGORIES, Query  # noqa: E402

PG_ADMIN = os.environ.get("JUECE_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
GOAL_P95_MS = 20.0
PLACES = ["东城", "西湖", "南山", "北岭", "青石", "白河", "红旗", "新华", "永安", "太平", "长兴", "富民",
          "金水", "柳林", "松江", "杏花", "双桥", "清泉", "玉泉", "兴隆"]
# Each topic: its title, and the clauses only a draft on it would hold.
TOPICS = {
    "道路拓宽工程": ["拓宽{p}大街至双向四车道，同步实施雨污分流改造。", "交通疏导方案应当在开工前向社会公布。",
                 "沿街商户临时安置由所在街道办事处负责，安置期间给予经营补助。"],
    "供水价格调整方案": ["居民生活用水实行阶梯价格，第一阶梯水价每立方米{n}元。", "低保家庭每月减免{n}立方米水费。"],
    "乡村小学撤并规划": ["对生源不足的{p}小学实行撤并，保留必要的教学点。", "撤并后由县财政保障学生校车接送。"],
    "林地保护利用规划": ["划定公益林保护红线，禁止在保护区内新建道路。", "林地征占用实行总量控制和定额管理。"],
    "垃圾焚烧发电项目": ["焚烧厂选址距居民区不少于{n}公里，烟气排放执行欧盟标准。", "建立周边居民生态补偿机制。"],
    "公共交通票价调整": ["城区公交票价调整为每人次{n}元，老年人凭证免费乘车。", "开通{p}至县城的城乡公交线路。"],
    "老旧小区改造计划": ["改造{p}片区老旧小区{n}个，加装电梯由业主自愿申请。", "改造资金由财政补助和居民出资共同承担。"],
    "养老服务设施布局规划": ["每个街道至少建设一处综合养老服务中心。", "新建住宅小区按每百户{n}平方米配建养老用房。"],
    "农贸市场搬迁方案": ["{p}农贸市场整体搬迁至新址，原址改建为社区公园。", "搬迁商户三年内免收摊位费。"],
    "河道综合治理工程": ["清淤疏浚{p}河道{n}公里，建设生态护岸。", "沿河排污口一律封堵，截污纳管。"],
    "停车收费标准调整": ["中心城区路内停车首小时收费{n}元，夜间免费。", "新能源汽车停车费减半。"],
    "集中供热管网改造": ["更换老化供热管网{n}公里，热源厂实施超低排放改造。", "供热价格维持现行标准不变。"],
    "殡葬设施建设规划": ["新建县殡仪馆一处，配套建设生态安葬区。", "推行节地生态安葬，实行奖补政策。"],
    "学前教育资源配置方案": ["新建和改扩建公办幼儿园{n}所，普惠性幼儿园覆盖率达到百分之九十。", "幼儿园教师按编制标准配齐。"],
    "雨污分流改造工程": ["实施{p}片区雨污分流改造，完善排水防涝设施。", "改造期间分段施工，保障居民出行。"],
    "粮食储备库建设项目": ["新建粮食储备库，仓容{n}万吨。", "储备粮轮换实行公开竞价销售。"],
    "旅游发展总体规划": ["打造{p}生态旅游示范区，建设游客集散中心。", "严格保护历史文化街区风貌。"],
    "工业园区扩区方案": ["园区扩区{n}平方公里，主导产业为绿色食品加工。", "入园项目须符合环境准入负面清单。"],
}
SPONSORS = ["县住房和城乡建设局", "县发展和改革局", "县教育局", "县林业和草原局", "县交通运输局", "县民政局",
            "县生态环境局", "县水务局", "县自然资源局", "县卫生健康局"]
GENERIC = ["项目总投资约{n}亿元，其中县级财政资金{m}亿元，其余申请专项债券。", "工程分{m}期实施，预计{n}年内完成。",
           "建设单位应当落实扬尘防治措施，夜间施工须经审批。", "加强事中事后监管，建立投诉举报快速处置机制。",
           "服务半径不超过{n}公里，保障群众就近享受公共服务。", "设立专项资金{n}千万元，用于补偿受影响群众。",
           "本方案自发布之日起施行，由县人民政府负责解释。", "各乡镇人民政府、县直各部门按照职责分工抓好落实。"]
OPINIONS = ["专家认为方案必要、可行，建议补充交通影响评价。", "建议完善资金平衡方案，控制政府债务风险。",
            "应当充分听取沿线居民意见，妥善处理拆迁安置。", "方案科学合理，同意实施。", "建议分期实施，降低社会稳定风险。",
            "建议开展环境影响后评价。", "建议明确资金来源和绩效目标。"]
LEGAL = ["县政府有权作出该决策，程序完备，内容合法。", "草案第三条与上位法不一致，修改后合法。"]
MINUTES = ["会议认为，该事项经过充分论证，同意实施。", "会议决定修改后再审。", "组成人员一致同意。"]
OUTCOMES = ["approve", "approve", "approve", "reject", "revise", "postpone", "undecided"]
STAGES = ("collective_deliberation", "expert_review", "legality_review", "public_participation", "risk_assessment")
QUERIES = [
    ("雨污分流", {}), ("拆迁安置", {"year": 2026}), ("道路拓宽", {"category": "major_public_construction"}),
    ("阶梯价格", {}), ("专项债券", {"year": 2027, "outcome": "approve"}), ("扬尘防治", {"sponsor": "县住房和城乡建设局"}),
    ("交通疏导方案", {}), ("教学点", {"category": "important_plan"}), ("东城 供水", {}),
    ("水价", {}), ("安置", {"year": 2025}), ("林", {"outcome": "reject"}),
    ("投诉举报快速处置", {"date_from": "2026-01-01", "date_to": "2026-06-30"}), ("上位法", {"year": 2028}),
    ("高污染项目", {"stage": "expert_review=not_applicable"}), ("债务风险", {"sponsor": "县发展和改革局"}),
    ("公共服务", {"page": 3}), ("殡葬设施", {}), ("老旧小区 改造", {"year": 2026}), ("无此内容的词语", {}),
    ("", {"year": 2027, "category": "public_policy"}), ("同意实施", {"outcome": "postpone"}),
    ("社会稳定风险", {"stage": "risk_assessment=not_applicable", "year": 2027}), ("排水防涝", {"page": 2}),
]


def fill_text(rng: random.Random, parts: list[str], count: int, place: str = "") -> str:
    return "".join(rng.choice(parts).format(n=rng.randint(2, 9), m=rng.randint(1, 3), p=place) for _ in range(count))


def draft_of(rng: random.Random, topic: str, place: str) -> str:
    """Seven articles of several hundred characters: the topic's clauses first, then common ones."""
    own = [clause.format(n=rng.randint(2, 9), m=rng.randint(1, 3), p=place) for clause in TOPICS[topic]]
    articles = own + [fill_text(rng, GENERIC, 2, place) for _ in range(7 - len(own))]
    return "\n".join(f"第{k}条 {text}" for k, text in enumerate(articles, start=1))


def make_rows(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        year = 2024 + n % 5
        place, topic = rng.choice(PLACES), rng.choice(list(TOPICS))
        title = place + topic
        outcome = rng.choice(OUTCOMES)
        na = rng.random()
        status = {s: "recorded" for s in STAGES}
        if na < 0.2:
            status["expert_review" if na < 0.1 else "risk_assessment"] = "not_applicable"
        draft = draft_of(rng, topic, place)
        body = (f"【草案 draft】{draft}\n【公告 announcement】{title}已经县人民政府常务会议审议通过，现予公布。\n"
                f"【专家意见 expert opinion】{fill_text(rng, OPINIONS, 3)}\n【合法性审查 legality review】"
                f"{rng.choice(LEGAL)}\n【会议纪要 minutes】{rng.choice(MINUTES)}")
        decided = None if outcome == "undecided" else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append({"decision_id": f"bench-{n:05d}", "archive_no": f"J001-{year}-Y-{n:04d}", "version": 1,
                     "title": title, "title_en": "", "sponsor": rng.choice(SPONSORS),
                     "category": rng.choice(CATEGORIES), "outcome": outcome, "year": year,
                     "launched_on": f"{year}-01-05", "decided_on": decided,
                     "stage_status": ";" + ";".join(f"{k}={v}" for k, v in sorted(status.items())) + ";",
                     "lead": " ".join(draft.split())[:search.LEAD_CHARS],
                     "content": f"{title}\n\n{body}"})
    return rows


def load(engine: Any, rows: list[dict[str, Any]]) -> float:
    started = time.perf_counter()
    search.ensure(engine)
    with engine.begin() as conn:
        for at in range(0, len(rows), 1000):
            search.put_rows(conn, rows[at:at + 1000])
    search.optimize(engine)
    return time.perf_counter() - started


def pandas_search(frame: Any, query: Query) -> tuple[int, list[str]]:
    """The peer: the same semantics as juece's query, as a pandas scan."""
    terms = query.text.split()
    mask = frame["year"].notna()
    for name in ("year", "category", "sponsor", "outcome"):
        if (value := getattr(query, name)) is not None:
            mask &= frame[name] == value
    if query.stage:
        mask &= frame["stage_status"].str.contains(f";{query.stage};", regex=False)
    if query.date_from:
        mask &= frame["decided_on"].fillna("") >= query.date_from
    if query.date_to:
        mask &= frame["decided_on"].fillna("~") <= query.date_to
    for term in terms:
        mask &= frame["lower"].str.contains(term.lower(), regex=False)
    found = frame[mask]
    score = sum(found["title"].str.lower().str.contains(term.lower(), regex=False) * 10
                + found["lead"].str.lower().str.contains(term.lower(), regex=False) * 3 for term in terms) if terms else 0
    found = found.assign(score=score, decided=found["decided_on"].fillna(""))
    found = found.sort_values(["score", "decided", "archive_no"], ascending=[False, False, True], kind="stable")
    start = (query.page - 1) * query.per_page
    return len(found), list(found["decision_id"].iloc[start:start + query.per_page])


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def throwaway_pg() -> tuple[str, Any]:
    from sqlalchemy import create_engine

    name = f"juece_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", (admin, name)


def drop_pg(handle: Any) -> None:
    admin, name = handle
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


def run(args: argparse.Namespace) -> dict[str, Any]:
    import pandas as pd

    rows = make_rows(args.decisions)
    queries = [Query(text, **filters) for text, filters in QUERIES]
    folder = tempfile.mkdtemp(prefix="juece-search-bench-")
    engines = {"sqlite": get_engine(f"sqlite:///{folder}/records.db")}
    pg_url, handle = (args.pg, None) if args.pg else throwaway_pg()
    engines["pg"] = get_engine(pg_url)
    try:
        for side, engine in engines.items():
            print(f"{side}: {len(rows)} decisions loaded in {load(engine, rows):.1f} s")
        frame = pd.DataFrame(rows)
        frame["lower"] = frame["content"].str.lower()
        timings: dict[str, list[float]] = {"sqlite": [], "pg": [], "pandas": []}
        for query in queries:
            answers = {}
            for _ in range(args.repeat):
                for side, engine in engines.items():
                    started = time.perf_counter()
                    found = search.search(query, engine)
                    timings[side].append((time.perf_counter() - started) * 1000)
                    answers[side] = (found.total, [hit.decision_id for hit in found.hits])
                started = time.perf_counter()
                answers["pandas"] = pandas_search(frame, query)
                timings["pandas"].append((time.perf_counter() - started) * 1000)
            if len({json.dumps(a) for a in answers.values()}) != 1:
                raise SystemExit(f"answers differ for {query}: {answers}")
            print(f"  {query.text or '(filters)'!s:<12} {answers['sqlite'][0]:>6} found")
    finally:
        for engine in engines.values():
            engine.dispose()
        if handle:
            drop_pg(handle)
        shutil.rmtree(folder, ignore_errors=True)
    figures = {side: percentiles(samples) for side, samples in timings.items()}
    for side, (p50, p95) in figures.items():
        print(f"{side:<7} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    ratio = figures["sqlite"][1] / figures["pandas"][1]
    print(f"SQLite p95 / pandas p95 = {ratio:.3f}; goal p95 <= {GOAL_P95_MS} ms: "
          f"SQLite {'met' if figures['sqlite'][1] <= GOAL_P95_MS else 'missed'}, "
          f"PostgreSQL {'met' if figures['pg'][1] <= GOAL_P95_MS else 'missed'}")
    return {"decisions": len(rows), "queries": len(queries), "runs_each": args.repeat,
            "sqlite_p50_ms": round(figures["sqlite"][0], 2), "sqlite_p95_ms": round(figures["sqlite"][1], 2),
            "pg_p50_ms": round(figures["pg"][0], 2), "pg_p95_ms": round(figures["pg"][1], 2),
            "pandas_p50_ms": round(figures["pandas"][0], 2), "pandas_p95_ms": round(figures["pandas"][1], 2),
            "ratio_sqlite_vs_pandas": round(ratio, 3), "ratio_pg_vs_pandas": round(figures["pg"][1] / figures["pandas"][1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", help="a PostgreSQL URL to use instead of a throwaway database")
    print(json.dumps(run(parser.parse_args())))


if __name__ == "__main__":
    main()
