"""The rules of the statute the workflow enforces, each with its id (R-A1 … R-H6).

The procedure is the State Council's 《重大行政决策程序暂行条例》 (Decree No. 713, "Reg." below),
as restated in the county plan (the seed plan); a few rules come from the Archives Law or from
local rules. Markers: ``H`` hard rule (应当 / 不得), never silently skipped; ``S`` a default or
a discretionary practice (not using it is no breach); ``L`` a local variant, a parameter of the
decision type. Code, tests, error messages and the archive cite these ids; ``docs/rules.md`` is
generated from this table (``juece rules --markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass

MARKERS: dict[str, tuple[str, str]] = {
    "H": ("硬性规定", "hard rule"),
    "S": ("选择性规定", "default or discretionary"),
    "L": ("地方规定", "local variant"),
}
CHAPTERS: dict[str, tuple[str, str]] = {
    "A": ("决策启动", "Launch"),
    "B": ("公众参与", "Public participation"),
    "C": ("专家论证", "Expert review"),
    "D": ("风险评估", "Risk assessment"),
    "E": ("合法性审查", "Legality review"),
    "F": ("集体讨论决定", "Collective deliberation"),
    "G": ("决策公布、执行和评估", "Publication, implementation, evaluation"),
    "H": ("记录、档案和责任追究", "Record, archive, accountability"),
}


@dataclass(frozen=True)
class Rule:
    """One rule: where it comes from, what it says, the stage it governs, whether it is optional."""

    id: str
    marker: str  # H, S or L (see MARKERS)
    article: str  # where it comes from, e.g. "Reg. Art. 15"; "" where the source names none
    article_zh: str
    stage: str  # a Stage value
    title_zh: str  # a short title (the archive's compliance table)
    title_en: str
    zh: str  # the rule as it reads
    en: str
    optional: bool = False  # an [S] rule: not using it is no breach

    @property
    def chapter(self) -> str:
        return self.id[2]


def _rule(id: str, marker: str, article: tuple[str, str], stage: str, title: tuple[str, str],
          zh: str, en: str) -> Rule:
    return Rule(id, marker, article[0], article[1], stage, title[0], title[1], zh, en, optional=marker == "S")


_LAUNCH, _PP, _ER, _RA = "launch", "public_participation", "expert_review", "risk_assessment"
_LR, _CD, _PUB, _PE, _AR = "legality_review", "collective_deliberation", "publication", "post_evaluation", "archive"

RULES: dict[str, Rule] = {rule.id: rule for rule in (
    # A. Launch
    _rule("R-A1", "H", ("Reg. Arts. 3, 10-13", "《条例》第三条、第十至十三条"), _LAUNCH,
          ("决策要素齐备", "decision body, sponsor, title, category, draft, legal basis"),
          "决策应有决策机关、一个决策承办单位、标题、类别（第三条：公共政策、重要规划、资源政策、重大公共建设项目、"
          "其他重大公共利益事项）、决策草案及其起草说明，以及法律依据（第十至十三条）。",
          "A decision has a decision body, one sponsor unit, a title, a category (Reg. Art. 3: public policy / "
          "important plan / resources policy / major public construction project / other major public interest), "
          "a draft text and its explanation, and the legal basis (Reg. Arts. 10-13)."),
    _rule("R-A2", "H", ("Reg. Arts. 14, 19, 22", "《条例》第十四、十九、二十二条"), _LAUNCH,
          ("五个法定环节齐备", "all five statutory stages in the workflow"),
          "每项决策的流程都包含五个法定环节。只有公众参与（依法不予公开的事项，第十四条）、专家论证（专业性、技术性不强，"
          "第十九条）和风险评估（无社会稳定、公共安全等风险，第二十二条）可以标记为不适用，且须写明理由，记录并归档。"
          "合法性审查和集体讨论决定不得省略。",
          "All five stages exist in every decision's workflow. Only public participation (matter not to be made "
          "public by law, Art. 14), expert review (not technical, Art. 19) and risk assessment (no stability or "
          "safety risk, Art. 22) may be marked not applicable, and only with a written reason that is recorded and "
          "archived. Legality review and collective deliberation are never optional."),
    _rule("R-A3", "S", ("Heilongjiang provincial rules Art. 3", "黑龙江省规定第三条"), _LAUNCH,
          ("列入年度决策事项目录", "listed in the annual catalogue"),
          "决策可以列入年度决策事项目录（黑龙江省规定为必须列入，省规定第三条），载明目录年度和编号。",
          "A decision may be listed in the annual catalogue (mandatory in Heilongjiang, provincial rules Art. 3): "
          "catalogue year and number."),
    # B. Public participation
    _rule("R-B1", "H", ("Reg. Art. 15", "《条例》第十五条"), _PP,
          ("公布草案及征求意见方式", "draft published with how and until when to comment"),
          "公布决策草案及其说明，并写明提出意见的方式和期限（第十五条）。",
          "The draft and its explanation are published with how and until when to comment (Art. 15)."),
    _rule("R-B2", "H", ("Reg. Art. 15", "《条例》第十五条"), _PP,
          ("征求意见不少于30日", "comment period of at least 30 days"),
          "征求意见期限不少于30日；期限较短的须有紧急理由，并在公告中载明该理由（第十五条）。",
          "The comment period is at least 30 days. A shorter period needs an urgency reason, and that reason is "
          "printed in the published notice (Art. 15)."),
    _rule("R-B3", "H", ("Reg. Art. 14", "《条例》第十四条"), _PP,
          ("无需账号即可提交意见", "comments without a government account"),
          "公众提出意见的渠道无需政府账号（第十四条）。征求意见期限届满后收到的意见予以保存，并标注为逾期。",
          "Comments arrive through a channel that needs no government account (Art. 14). A comment received "
          "after the period closes is kept but marked late."),
    _rule("R-B4", "H", ("Reg. Art. 18; seed plan 二(二)", "《条例》第十八条；县规划二（二）"), _PP,
          ("逐条处理公众意见", "every comment disposed of"),
          "对每条意见归类整理、研究论证（第十八条），逐条作出处理：采纳、部分采纳或不予采纳；不予采纳的须说明理由"
          "（县规划二（二）；地方规定）。仍有意见未作处理的，本环节不得结束。",
          "Every comment is sorted and studied (Art. 18); each gets a disposition: adopted / partly adopted / not "
          "adopted, and a reason for anything not adopted (seed plan 二(二); local rules). The stage cannot finish "
          "while a comment has no disposition."),
    _rule("R-B5", "H", ("Reg. Arts. 29, 32", "《条例》第二十九、三十二条"), _PP,
          ("意见采纳情况", "adoption report"),
          "公众意见采纳情况的说明提交集体讨论会议（第二十九条），并随决策一并公布（第三十二条）。",
          "A summary of how comments were handled (采纳情况) goes to the deliberation meeting (Art. 29) and is "
          "published with the decision (Art. 32)."),
    _rule("R-B6", "S", ("Reg. Arts. 16-17", "《条例》第十六、十七条"), _PP,
          ("听证会", "hearing"),
          "直接涉及公众切身利益或者存在较大分歧的，可以举行听证会（第十六条）。举行听证的[H]：事先公布草案、时间、地点、"
          "参加人遴选办法和名单；听证材料至少提前7日送达参加人；各方均有代表；参加人核对听证笔录并签名确认"
          "（第十六、十七条）。[L] 提前30日公告，参加人不少于15人。",
          "Hearing (听证会) where people's interests are directly affected or views differ sharply (Art. 16). If "
          "held [H]: draft, time, place, participant selection method and participant list are published in "
          "advance; materials reach participants at least 7 days before; every side is represented; participants "
          "confirm and sign the hearing record (Arts. 16-17). [L] notice 30 days ahead, at least 15 participants."),
    _rule("R-B7", "S", ("Reg. Art. 14", "《条例》第十四条"), _PP,
          ("其他公众参与方式", "other channels recorded"),
          "其他方式：座谈会、实地走访、问卷调查、民意调查（第十四条），每项均予记录。",
          "Other channels: 座谈会, 实地走访, 问卷调查, 民意调查 (Art. 14), each recorded."),
    # C. Expert review
    _rule("R-C1", "H", ("Reg. Art. 19", "《条例》第十九条"), _ER,
          ("专家论证必要性、可行性、科学性", "experts assess necessity, feasibility, soundness"),
          "专家独立论证决策的必要性、可行性、科学性；每份书面意见由专家署名（第十九条）。",
          "Experts assess necessity, feasibility and soundness (必要性、可行性、科学性), independently; each "
          "written opinion is signed (署名) (Art. 19)."),
    _rule("R-C2", "H", ("Reg. Art. 20", "《条例》第二十条"), _ER,
          ("专家遴选", "experts chosen for expertise and neutrality"),
          "选择专家注重专业性、代表性、中立性，包括持不同意见的专家（第二十条）。",
          "Experts are chosen for expertise, representativeness and neutrality (专业性、代表性、中立性), "
          "including differing views (Art. 20)."),
    _rule("R-C3", "H", ("Reg. Art. 20", "《条例》第二十条"), _ER,
          ("利害关系人回避", "no interested party on the panel"),
          "与决策事项有直接利害关系的人不得选为论证专家（第二十条）：每位专家声明利害关系，声明有利害关系的即行回避。",
          "No one with a direct interest in the matter may be chosen (Art. 20): every expert declares conflicts of "
          "interest; a declared conflict removes the expert."),
    _rule("R-C4", "S", ("Reg. Arts. 21, 41", "《条例》第二十一、四十一条"), _ER,
          ("专家来自专家库", "experts from the library"),
          "专家从专家库中选取，专家库载明专业、诚信记录，并有除名制度（第二十一条）。因违规被除名的专家不再选取"
          "（第四十一条）。",
          "Experts come from an expert library (专家库) with specialties, integrity record and removal (Art. 21). "
          "Experts removed for misconduct are never selected (Art. 41)."),
    _rule("R-C5", "L", ("local rule", "地方规定"), _ER,
          ("专家人数为奇数且不少于5人", "odd panel of at least five"),
          "专家组人数为不少于5人的奇数；承办单位主管部门的公职人员不超过三分之一。",
          "Panel size odd and at least 5; officials of the sponsor's line department at most one third."),
    _rule("R-C6", "H", ("Reg. Arts. 29, 32", "《条例》第二十九、三十二条"), _ER,
          ("专家意见采纳处理", "each expert opinion disposed of"),
          "对每份专家意见作出采纳处理并说明理由，提交会议，并在公布时说明（第二十九、三十二条）。专家提交本人意见前"
          "不得查阅其他专家的意见（独立性）。",
          "Each expert opinion gets an adoption disposition with reasons, reported to the meeting and explained on "
          "publication (Arts. 29, 32). Experts do not see each other's opinions before submitting their own "
          "(independence)."),
    # D. Risk assessment
    _rule("R-D1", "H", ("Reg. Art. 22; seed plan", "《条例》第二十二条；县规划"), _RA,
          ("开展风险评估", "risk assessment carried out"),
          "决策可能对社会稳定、公共安全、生态环境或公共财政造成不利影响的，应当进行风险评估（第二十二条；县规划"
          "列明生态环境和公共财政）。",
          "Where social stability, public safety, ecology or public finance may be harmed, a risk assessment is "
          "made (Art. 22; seed plan lists ecology and public finance)."),
    _rule("R-D2", "H", ("Reg. Art. 23", "《条例》第二十三条"), _RA,
          ("风险点、防范措施和处置预案", "risk points, measures, response plan"),
          "风险评估报告写明风险点、防范措施和处置预案，并听取有关部门的意见（第二十三条）。",
          "The report states risk points, prevention measures and a response plan (风险点、防范措施、处置预案), "
          "after hearing the relevant departments (Art. 23)."),
    _rule("R-D3", "S", ("Reg. Art. 23", "《条例》第二十三条"), _RA,
          ("风险等级评定", "risk levels scored"),
          "每个风险点按可能性和影响程度评定为低、中、高；可以委托第三方评估机构（第二十三条）。",
          "Each risk point is scored by likelihood and impact into low / medium / high; a third-party assessor may "
          "be named (Art. 23)."),
    _rule("R-D4", "H", ("Reg. Art. 24", "《条例》第二十四条"), _RA,
          ("风险可控方可提交", "only a controllable risk goes on"),
          "风险不可控的（任一风险点评为高且没有可接受的防控措施），在调整决策草案并重新评估之前，不得提交集体讨论"
          "（第二十四条）。",
          "If the risk is not controllable (any point rated high without an accepted mitigation), the decision "
          "may not go to deliberation until the draft is adjusted and the risk reassessed (Art. 24)."),
    # E. Legality review
    _rule("R-E1", "H", ("Reg. Art. 25", "《条例》第二十五条"), _LR,
          ("未经合法性审查不得提交讨论", "no deliberation without a legality review"),
          "未经合法性审查或者经审查不合法的，不得提交集体讨论（第二十五条）。只有写明法律风险的探索性改革例外可以"
          "通过，并予记录。",
          "No decision goes to deliberation without a legality review, or with a review that found it unlawful "
          "(Art. 25). Only an exploratory reform override with the legal risk stated may pass, and it is recorded."),
    _rule("R-E2", "H", ("Reg. Art. 26", "《条例》第二十六条"), _LR,
          ("报送材料齐备", "complete submission"),
          "报送审查的材料包括决策草案、法律依据和已履行程序的说明；程序说明依记录生成（第二十六条）。",
          "Submission contains the draft, its legal basis and a statement of the procedures followed so far; the "
          "statement is generated from the record (Art. 26)."),
    _rule("R-E3", "H", ("Reg. Art. 26", "《条例》第二十六条"), _LR,
          ("审查期限不少于7个工作日", "at least 7 working days for the review"),
          "给予审查人员不少于7个工作日的审查时间（第二十六条；[L] 15日）。",
          "The reviewer is given at least 7 working days (Art. 26; [L] 15 days)."),
    _rule("R-E4", "H", ("Reg. Arts. 27-28", "《条例》第二十七、二十八条"), _LR,
          ("审查权限、程序和内容", "authority, procedure and content reviewed"),
          "审查决策权限、程序和内容（第二十七条）；由法律顾问或公职律师提出意见（第二十八条）。审查结论：合法、"
          "修改后合法、不合法。要求修改的，草案退回修改后再次审查。",
          "The review covers authority, procedure and content (Art. 27); a legal adviser or public-sector lawyer "
          "gives an opinion (Art. 28). Outcomes: lawful / lawful with revisions / unlawful. A revision sends the "
          "draft back, then to review again."),
    # F. Collective deliberation
    _rule("R-F1", "H", ("Reg. Art. 29", "《条例》第二十九条"), _CD,
          ("会前送达材料", "materials to members before the meeting"),
          "会议召开前，组成人员收到决策草案、公众意见和专家意见采纳情况、风险评估报告和合法性审查意见（第二十九条）。",
          "Before the meeting, its members have the draft, the comment and expert adoption reports, the risk "
          "report and the legality opinion (Art. 29)."),
    _rule("R-F2", "H", ("Reg. Art. 30", "《条例》第三十条"), _CD,
          ("常务会议或全体会议讨论", "executive or plenary meeting"),
          "由常务会议或者全体会议讨论；行政首长最后发言，在集体讨论的基础上作出决定（第三十条）。[L] 出席人数超过"
          "组成人员半数。",
          "The meeting is the executive or plenary meeting (常务会议 / 全体会议); the head of government "
          "(行政首长) speaks last and decides on the basis of the discussion (Art. 30). [L] quorum more than half "
          "of members."),
    _rule("R-F3", "H", ("Reg. Art. 30", "《条例》第三十条"), _CD,
          ("如实记录每位组成人员意见", "every member's view recorded"),
          "如实记录每位组成人员的意见；不同意见如实载明（第三十条）。",
          "Every member's view is recorded; dissent is recorded as stated (Art. 30)."),
    _rule("R-F4", "H", ("Reg. Art. 30; seed plan 二(四)", "《条例》第三十条；县规划二（四）"), _CD,
          ("行政首长决定与多数意见不一致须说明理由", "the head's reason for a different decision"),
          "行政首长的决定与多数人意见不一致的，记录其理由；没有理由的，不得记录该决定（第三十条；县规划二（四））。",
          "If the head's decision differs from the majority view, the head's reason is recorded; without a reason "
          "the decision cannot be recorded (Art. 30; seed 二(四))."),
    _rule("R-F5", "S", ("", ""), _CD,
          ("会议决定", "meeting outcome"),
          "会议结果：通过、不予通过、修改后再审、暂缓。",
          "Outcomes: approve / reject / revise and resubmit / postpone."),
    # G. Publication, implementation, evaluation
    _rule("R-G1", "H", ("Reg. Art. 32", "《条例》第三十二条"), _PUB,
          ("及时公布决策", "decision published promptly"),
          "经批准的决策应当及时公布（第三十二条；[S] 20个工作日内），并附公众意见和专家意见采纳情况的说明。",
          "An approved decision is published promptly (Art. 32; [S] within 20 working days), with the comment "
          "and expert adoption explanations."),
    _rule("R-G2", "H", ("Reg. Arts. 34-35", "《条例》第三十四、三十五条"), _PE,
          ("明确执行单位并报告执行情况", "implementing unit reports"),
          "明确决策执行单位，执行单位报告决策执行情况（第三十四、三十五条）。",
          "An implementing unit is named and reports on implementation (Arts. 34-35)."),
    _rule("R-G3", "S", ("Reg. Art. 36", "《条例》第三十六条"), _PE,
          ("决策后评估", "post-decision evaluation"),
          "实施效果未达预期、公众投诉较多或者决策机关要求的，开展决策后评估（第三十六条）；[L] 约在实施两年后。",
          "Post-decision evaluation when the effect falls short, complaints pile up, or the decision body asks "
          "(Art. 36); [L] about 2 years after implementation starts."),
    _rule("R-G4", "H", ("Reg. Art. 36", "《条例》第三十六条"), _PE,
          ("评估主体独立", "independent evaluator"),
          "评估单位不得是承担决策前主要论证评估工作的单位（第三十六条）；评估应当征求公众意见。结论：继续执行、调整、"
          "停止执行。",
          "The evaluator is not the unit that did the main pre-decision assessment (Art. 36); the evaluation "
          "seeks public views. Outcome: continue / adjust / stop."),
    _rule("R-G5", "H", ("Reg. Art. 37", "《条例》第三十七条"), _PE,
          ("依程序调整决策", "changes only through the procedure"),
          "决策不得在法定程序之外变更或者停止执行；重大调整须重新履行决策程序（第三十七条）。",
          "A decision is not changed or stopped outside the procedure; a major adjustment re-runs it (Art. 37)."),
    # H. Record, archive, accountability
    _rule("R-H1", "H", ("Reg. Art. 33; seed plan 二(六)", "《条例》第三十三条；县规划二（六）"), _AR,
          ("全过程记录并归档", "every step recorded and archived"),
          "每一步骤随办随记，及时、完整归档（第三十三条；县规划二（六）决策过程全记录）。",
          "Every step is recorded as it happens and archived promptly and completely (Art. 33; seed 二(六) "
          "决策过程全记录)."),
    _rule("R-H2", "H", ("Archives Law Art. 21", "《档案法》第二十一条"), _AR,
          ("档案不得篡改", "archive tamper-evident"),
          "档案不得篡改、损毁、伪造或者销毁（档案法第二十一条）：记录只增不改，篡改可以查出。",
          "Archives may not be altered, damaged, forged or destroyed (Archives Law Art. 21): the record is "
          "append-only and tampering is detectable."),
    _rule("R-H3", "H", ("Archives Law Arts. 37, 39; DA/T 70", "《档案法》第三十七、三十九条；DA/T 70"), _AR,
          ("电子档案真实、完整、可用、安全", "authentic, complete, usable, secure"),
          "电子档案真实、完整、可用、安全（档案法第三十七、三十九条；DA/T 70）：嵌入字体，不加密，采用长期保存格式"
          "（PDF/A，GB/T 23286），附哈希值。",
          "Electronic archives are authentic, complete, usable and secure (真实性、完整性、可用性、安全性; "
          "Archives Law Arts. 37, 39; DA/T 70): fonts embedded, not encrypted, long-term format (PDF/A, "
          "GB/T 23286), with hashes."),
    _rule("R-H4", "S", ("", ""), _AR,
          ("永久保管", "kept permanently"),
          "保管期限：决策文件永久保存。",
          "Retention: decision files are permanent (永久)."),
    _rule("R-H5", "H", ("Reg. Art. 38; seed plan 二(六)", "《条例》第三十八条；县规划二（六）"), _AR,
          ("责任可追溯", "who did what is traceable"),
          "每一步骤由谁、在何时完成，终身可追溯（第三十八条；县规划二（六）终身责任追究、责任倒查）。久拖不决的决策"
          "予以标记。",
          "Who did what, when, is traceable for every step, for life (Art. 38; seed 二(六) 终身责任追究、责任倒查). "
          "A decision left undecided too long (久拖不决) is flagged."),
    _rule("R-H6", "H", ("", ""), _AR,
          ("公开版隐去个人信息", "public edition without personal data"),
          "保护提出意见的公众的个人信息：档案公开版删去个人信息；完整版予以保留并限制调阅。",
          "Personal information of commenters is protected: a public edition of the archive omits it; the "
          "complete edition keeps it with access restricted."),
)}


def rule(rule_id: str) -> Rule:
    """The rule with this id; KeyError naming the known ids if there is none."""
    try:
        return RULES[rule_id.strip().upper()]
    except KeyError:
        raise KeyError(f"no rule {rule_id!r}; the rules are {', '.join(RULES)}") from None
