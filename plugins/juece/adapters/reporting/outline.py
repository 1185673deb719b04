"""The appendix's tables of the process record: the compliance table and the redaction log
(public edition). The volume's order is in `dossier.assemble`, the appendix's in `dossier.appendix`."""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting import labels, persons
from juece.adapters.reporting.chunks import clip
from juece.adapters.reporting.layout import FRAME_WIDTH, para, tables
from juece.domain.archive.compliance import compliance


def compliance_rows(record: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The compliance table as text: rule, requirement, status (Chinese first, with English; a due
    date; answers refused under the rule) and the reason or proof in words with its entry."""
    rows = []
    for item in compliance(record):
        zh, en = item.label
        status = f"{zh}\n{en}"
        if item.due:
            status += f"\n到期 due {item.due}"
        if item.refusals:
            status += f"\n拒绝 {item.refusals} 次 refused {item.refusals}×"
        proof = item.proof or {}
        where = (f"\n#{proof.get('seq')} {labels.kind_label(clip(proof.get('kind', ''), 40))} {str(proof.get('hash', ''))[:16]}"
                 if proof else "")
        rows.append((item.rule, f"{item.title_zh}\n{item.title_en}", status,
                     persons.in_text(f"{item.note_zh}\n{item.note_en}") + where))
    return rows


def compliance_table(record: dict[str, Any]) -> list[Any]:
    header = ("规则 Rule", "要求 Requirement", "结果 Status", "理由或证明 Reason or proof (entry, hash)")
    rows = [[para(rule, "cell"), para(title, "cell"), para(status, "cell"), para(basis, "cell")]
            for rule, title, status, basis in compliance_rows(record)]
    note = para("每条规则按其要求逐项核对本记录：“符合”附证明该项的记录；“未符合”说明原因；“依规拒绝通过”指规则在此阻止了"
                "决策继续；“由本档案证明”指本文件自身的链头、签名、PDF/A 格式或删除记录；“公布后到期”为公布后才须履行的"
                "义务及其到期日；“公开版不载”指证明材料因保护个人信息未收入公开版；拒绝次数为因违反该规则而被退回的答复。/ Each "
                "rule is checked against this record for what it requires: met, with the entry that proves it; not "
                "met, with why; refused, where the rule stopped the decision; proven by this file (its chain head, "
                "signature, PDF/A, redaction log); due after publication, with the due date; withheld, where the "
                "proof is kept out of the public edition (R-H6); refused answers are those sent back for breaking "
                "the rule.",
                "note")
    return [note, *tables(header, rows, (40, 120, 84, FRAME_WIDTH - 244))]


def redaction_log(record: dict[str, Any]) -> list[Any]:
    log = record.get("redactions") or []
    intro = para(f"本公开版共删除 {len(log)} 处个人信息；被删除内容所在记录的哈希保持不变，"
                 "可凭账本核对。/ This public edition removes personal data in "
                 f"{len(log)} places; the entries keep their ledger hashes and can be checked "
                 "against the ledger.", "body")
    if not log:
        return [intro]
    rows = [[para(str(item.get("seq", "")), "cell"), para(labels.kind_label(clip(item.get("kind", ""), 40)), "cell"),
             para(labels.path_text(clip(item.get("path", ""), 120)), "cell"),
             para(f"{item.get('what_zh', '')} {item.get('what_en', '')}", "cell"),
             para(str(item.get("rule", "")), "cell")] for item in log]
    header = ("序号 #", "事项 Event", "位置 Where", "删除内容 What", "依据 Rule")
    return [intro, *tables(header, rows, (36, 100, 180, 130, FRAME_WIDTH - 446))]
