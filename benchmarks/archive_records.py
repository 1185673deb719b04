"""A synthetic decision record for the archive benchmark: every stage, N public comments.

The record has the shape `juece archive` reads (``format: juece-record/1``, ``edition: full``,
``chain_head``, entries linked by the ledger's SHA-256 chain): a launched spec, the consultation
notice, N ``comment_received`` entries (receipts C-000001..., Chinese texts of 20-400 characters
built from templates and numbers, some with English or an article number, about 3 % late), one
``comment_disposed`` entry per on-time comment with a Chinese reason, the adoption report, the
expert panel's opinions, the risk register, the legality review, the deliberation and the
publication. The same N always gives the same record.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from juece.domain.record.ledger import GENESIS, entry_hash

DECISION = "bench-archive-001"
START = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
PERIOD_DAYS = 30
LATE_SHARE = 0.03
MIN_CHARS, MAX_CHARS = 20, 400
POOL = 4096

SPEC: dict[str, Any] = {
    "id": DECISION,
    "title": "东部新区综合交通与公共服务设施规划（2027—2035年）",
    "title_en": "Transport and public service facilities plan of the Eastern New District, 2027-2035",
    "category": "important_plan",
    "decision_body": "临江市人民政府",
    "sponsor_unit": "临江市自然资源和规划局",
    "sponsor_office": "sponsor_office",
    "draft": {
        "text": "第一条 规划范围为东部新区全域，面积约四十二平方公里。\n"
                "第二条 新建城市主干路十二条，公交专用道三十五公里，轨道交通站点六处。\n"
                "第三条 配建社区养老服务用房、幼儿园和社区卫生服务中心，实现十五分钟生活圈全覆盖。\n"
                "第四条 规划实施资金约八十六亿元，分三期建设。",
        "explanation": "东部新区人口增长较快，现有道路和公共服务设施不能满足需要。本规划列入市“十五五”规划。",
        "version": 2,
    },
    "legal_basis": ["《中华人民共和国城乡规划法》第二十六条",
                    "《重大行政决策程序暂行条例》第三条第一款第（二）项"],
    "stages": {
        "public_participation": {"comment_period_days": PERIOD_DAYS},
        "expert_review": {"experts": ["expert_1", "expert_2", "expert_3", "expert_4", "expert_5"]},
        "legality_review": {"reviewer": "legality_reviewer", "review_working_days": 7},
    },
}

PLACES = ("滨江路", "和平街", "东湖小区", "新华路口", "第三中学", "人民医院东院", "科技园北门",
          "长青社区", "翠屏山公园", "火车站东广场", "青年路", "银杏苑")
SENTENCES = (
    "建议在{place}附近增设公交站点，方便居民出行。",
    "{place}早晚高峰拥堵严重，希望规划中增加一条南北向的支路。",
    "规划第{art}条提到的公交专用道，建议延伸到{place}。",
    "我是{place}的居民，希望尽快建设社区养老服务中心，家里有{n}位老人需要照顾。",
    "幼儿园学位不足，去年{place}周边有{n}名适龄儿童没有就近入学。",
    "建议保留{place}现有的{n}棵大树，道路拓宽时绕行。",
    "关于第{art}条，资金安排是否考虑了后期运营维护费用？建议公开测算依据。",
    "希望在{place}设置非机动车道，并与机动车道物理隔离。",
    "新建道路应同步建设雨水管网，{place}去年夏天积水深达{n}厘米。",
    "支持本规划。希望{place}的社区卫生服务中心能配备儿科和康复科。",
    "建议参照 transit-oriented development（TOD）模式，在轨道站点{n}米范围内提高开发强度。",
    "规划未提及停车设施，{place}小区车位缺口约{n}个，请予以考虑。",
    "施工期间请合理安排工期，避免夜间施工影响{place}居民休息。",
    "建议在{place}增设无障碍设施和盲道，方便残障人士出行。",
    "第{art}条中“十五分钟生活圈”的标准是什么？请在说明中明确。",
    "希望规划充分听取{place}周边商户意见，施工期间保障正常经营。",
    "轨道交通站点的选址应尽量靠近{place}，目前步行距离超过{n}米。",
    "Please consider bike lanes along {place}; 许多年轻人骑车上班。",
    "建议增加公共厕所和垃圾分类设施，{place}一带目前严重不足。",
    "分期建设的顺序建议调整：先建学校和医院，再建道路。",
    "对第{art}条有异议：拆迁补偿标准应当公开，并听取被拆迁户意见。",
    "希望在{place}建设一处全民健身中心，配备游泳池和篮球场。",
    "公交线路调整后，{place}到市中心的换乘次数不应超过{n}次。",
    "建议规划中明确噪声防护措施，主干路两侧设置隔音屏障。",
    "应当统筹考虑{place}的历史建筑保护，不宜大拆大建。",
    "规划资金约八十六亿元，建议说明专项债券与财政资金的比例。",
    "希望增加夜间公交班次，{place}最后一班车太早，约{n}点就停运。",
    "建议在学校周边设置限速和护学岗，保障学生安全。",
    "The plan should publish a traffic impact assessment (TIA) for {place}.",
    "新区绿地率偏低，建议在{place}增加口袋公园{n}处。",
    "老旧小区加装电梯应纳入规划，{place}有{n}栋楼没有电梯。",
    "建议建立规划实施情况年度报告制度，接受公众监督。",
    "希望在{place}配建农贸市场，目前买菜要走{n}分钟。",
    "充电桩数量不足，建议新建停车场按不低于{n}%的比例配建充电设施。",
    "第{art}条的轨道交通站点建议预留与城际铁路换乘的条件。",
    "请在{place}附近规划一所高中，目前学生通学时间过长。",
)
DISPOSITIONS = (("adopted", 0.35), ("partly_adopted", 0.2), ("not_adopted", 0.25), ("noted", 0.2))
REASONS = {
    "adopted": ("已在规划第{art}条中增加相关内容。", "采纳，已调整相关站点布局。",
                "已纳入第一期建设内容，并在起草说明中补充依据。"),
    "partly_adopted": ("部分采纳：已增加相关设施，但受用地限制规模有所缩小。",
                       "部分采纳，具体位置将在控制性详细规划中确定。",
                       "已在说明中补充测算依据，资金比例待预算批复后公开。"),
    "not_adopted": ("不予采纳：该地块已列入生态保护红线，不宜建设。",
                    "不予采纳，该事项不属于本规划调整范围，已转交相关部门办理。",
                    "不予采纳：现行标准已作规定，无需在规划中重复。"),
    "noted": ("意见已收悉，将在后续设计中研究。", "已记录，将在实施阶段统筹考虑。"),
}


def comment_text(rng: random.Random) -> str:
    """A comment of MIN_CHARS..MAX_CHARS characters, mostly short, as people write them."""
    target = min(MAX_CHARS, int(MIN_CHARS + rng.expovariate(1 / 90)))
    parts: list[str] = []
    while sum(map(len, parts)) < target:
        parts.append(rng.choice(SENTENCES).format(place=rng.choice(PLACES), art=rng.randint(1, 4),
                                                  n=rng.randint(2, 900)))
    text = "".join(parts)
    return text[:MAX_CHARS - 1] + "。" if len(text) > MAX_CHARS else text


def _pick(roll: float, shares: tuple[tuple[str, float], ...]) -> str:
    total = 0.0
    for name, share in shares:
        total += share
        if roll < total:
            return name
    return shares[-1][0]


@lru_cache(maxsize=4096)
def _day(days: int) -> str:
    return (START + timedelta(days=days)).date().isoformat()


def iso(offset: int) -> str:
    """START plus offset seconds as ISO 8601 (START is at a whole hour, UTC); cheaper than datetime."""
    days, rest = divmod(offset + START.hour * 3600, 86400)
    return f"{_day(days)}T{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}+00:00"


def _received(number: int, at: int, late: bool, text: str, roll: float) -> dict[str, Any]:
    return {"receipt": f"C-{number:06d}", "text": text,
            "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
            "paragraph": int(roll * 10) % 4 + 1 if roll < 0.6 else None,
            "channel": "web" if roll < 0.8 else "letter", "received_at": iso(at),
            "late": late, "has_contact": roll < 0.4, "rule": "R-B3"}


def comment_events(n: int, seed: int = 2027) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(received, disposed) events for n comments; an event is (stage, kind, actor, data, at).

    Texts come from a pool of POOL texts; one in ten is prefixed with its own number."""
    rng = random.Random(seed)
    pool = [comment_text(rng) for _ in range(min(n, POOL))]
    reasons = {name: [text.format(art=art) for text in texts for art in range(1, 5)]
               for name, texts in REASONS.items()}
    closes = PERIOD_DAYS * 86400
    step = closes / max(n, 1)
    received, disposed = [], []
    random_ = rng.random
    for i in range(1, n + 1):
        late = random_() < LATE_SHARE
        at = closes + int(random_() * 72 * 3600) if late else int(i * step)
        text = pool[int(random_() * len(pool))]
        roll = random_()
        numbered = roll < 0.1 and len(text) < MAX_CHARS - 12
        data = _received(i, at, late, f"第{i}号意见。{text}" if numbered else text, random_())
        received.append(("public_participation", "comment_received", "public", data, at))
        if not late:
            choice = _pick(random_(), DISPOSITIONS)
            options = reasons[choice]
            disposed.append(("public_participation", "comment_disposed", "sponsor_office",
                             {"ref": data["receipt"], "disposition": choice,
                              "reason": options[int(random_() * len(options))], "rule": "R-B4"}, None))
    return sorted(received, key=lambda event: event[4]), disposed


def _expert(number: int) -> dict[str, Any]:
    opinion = ("规划目标明确，路网布局基本合理。建议补充交通影响评价，"
               f"细化分期实施计划，并对资金平衡方案作敏感性分析（专家{number}）。")
    return {"expert": f"expert_{number}", "necessity": "必要", "feasibility": "可行",
            "soundness": "基本科学", "conclusion": "同意" if number != 4 else "修改后同意",
            "conditions": ["补充交通影响评价", "细化资金平衡方案"], "opinion": opinion,
            "opinion_sha256": hashlib.sha256(opinion.encode()).hexdigest()}


def stage_events(disposed: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(before the comments, after the comments) events of every other stage."""
    counts = Counter(event[3]["disposition"] for event in disposed)
    before = [
        ("launch", "launched", "sponsor_office", {"spec": SPEC, "clock_scale": 1}),
        ("launch", "workflow_started", "airflow", {"run_id": "manual__2027-03-01"}),
        ("public_participation", "notice_published", "sponsor_office",
         {"deadline": (START + timedelta(days=PERIOD_DAYS)).date().isoformat(),
          "how_to_comment": "网站、信函；无需账号 / web or letter, no account needed"}),
    ]
    after = [
        ("public_participation", "adoption_report", "sponsor_office",
         {"total": len(disposed), "counts": dict(counts),
          "adoption_rate": round((counts["adopted"] + counts["partly_adopted"]) / max(len(disposed), 1), 4),
          "rules": ["R-B4", "R-B5"]}),
        *(("expert_review", "opinion_submitted", f"expert_{i}", _expert(i)) for i in range(1, 6)),
        ("risk_assessment", "risk_assessed", "risk_assessor",
         {"points": [{"point": "征地拆迁引发群体性矛盾", "level": "medium", "mitigation": "公开补偿标准，设立协调小组"},
                     {"point": "专项债券发行不及预期", "level": "medium", "mitigation": "分期建设，预留备用资金"},
                     {"point": "施工期间交通拥堵", "level": "low", "mitigation": "错峰施工，临时交通疏解"}],
          "departments_heard": ["财政局", "发展改革委", "住房城乡建设局", "交通运输局"],
          "response_plan": "成立风险处置工作组，每季度评估一次。", "controllable": True}),
        ("legality_review", "legality_reviewed", "legality_reviewer",
         {"outcome": "lawful", "authority": "市人民政府有权决定", "procedure": "程序完备"}),
        ("legality_review", "gate_passed", "airflow", {"gate": "R-E1"}),
        *(("collective_deliberation", "member_view", f"member_{i}",
           {"member": f"member_{i}", "view": "agree" if i != 3 else "disagree",
            "remarks": "同意。" if i != 3 else "资金测算依据不足，建议暂缓第三期。"}) for i in range(1, 8)),
        ("collective_deliberation", "head_decision", "mayor",
         {"outcome": "approve", "reason": "多数同意；第三期实施前另行报批。"}),
        ("publication", "published", "sponsor_office", {"announcement": "临政发〔2027〕9号"}),
    ]
    return before, after


def _chain(events: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    prev, moment = GENESIS, 0
    for seq, (stage, kind, actor, data, *at) in enumerate(events, start=1):
        moment = max(moment + 7, at[0]) if at and at[0] else moment + 7
        body = {"decision_id": DECISION, "seq": seq, "stage": stage, "kind": kind, "actor": actor,
                "at": iso(moment), "data": data}
        body["prev_hash"] = prev
        body["hash"] = prev = entry_hash(prev, body)
        entries.append(body)
    return entries


def make_record(n_comments: int, seed: int = 2027) -> dict[str, Any]:
    """The whole record with n_comments public comments, its hash chain intact."""
    received, disposed = comment_events(n_comments, seed)
    before, after = stage_events(disposed)
    on_time = [event for event in received if not event[3]["late"]]
    late = [event for event in received if event[3]["late"]]
    closed = ("public_participation", "comments_closed", "airflow", {"count": len(on_time)})
    entries = _chain([*before, *on_time, closed, *late, *disposed, *after])
    return {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
            "chain_head": entries[-1]["hash"], "entries": entries}
