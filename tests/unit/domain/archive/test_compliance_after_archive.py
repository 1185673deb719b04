"""The archive rules as an archivist reads them (R-H1..R-H6): proven by the file once it is
archived, open before; the exact words of each proof on small hand-made records."""

from __future__ import annotations

from juece.domain.archive.compliance_after import _in_file, r_h1, r_h2, r_h3, r_h4, r_h5, r_h6
from juece.domain.archive.compliance_facts import NOT_MET, OPEN, PROVEN, Finding
from tests.unit.domain.archive.compliance_entries import CD, PUB, facts, launched, record

HEAD = "0123456789abcdef" + "f" * 48


def test_the_archive_rules_are_open_until_the_record_has_entries_and_a_chain_head() -> None:
    before = Finding(OPEN, "归档时由档案文件证明", "proven by the archive file once archived")
    rows = record(launched())
    assert _in_file(r_h4)(facts(rows)) == before
    assert _in_file(r_h4)(facts([], chain_head=HEAD)) == before
    assert _in_file(r_h4)(facts(rows, chain_head="")) == before
    assert _in_file(r_h4)(facts(rows, chain_head=HEAD)) == r_h4(facts(rows, chain_head=HEAD))


def test_the_attached_record_proves_every_entry_r_h1() -> None:
    rows = record(launched(), (CD, "head_decision", {}), (PUB, "published", {}))
    assert r_h1(facts(rows, chain_head=HEAD)) == Finding(
        PROVEN, "随附 record.json：全部3条记录（#1至#3），逐条随办随记并归档",
        "record.json attached: all 3 entries (#1 to #3), each written as the step happened, archived", rows[2])


def test_the_chain_head_printed_in_every_footer_proves_the_record_unchanged_r_h2() -> None:
    rows = record(launched(), (CD, "head_decision", {}))
    assert r_h2(facts(rows, chain_head=HEAD)) == Finding(
        PROVEN, "记录只增不改，逐条以 SHA-256 哈希相连，链头 0123456789abcdef… 印于每页页脚；全文件经决策机关数字签名"
        "（PAdES），juece verify 可查出任何改动", "append-only entries linked by SHA-256; chain head 0123456789abcdef… "
        "in every footer; the decision body's PAdES signature covers the whole file (juece verify)", rows[1])


def test_the_format_and_the_retention_are_proven_by_the_file_r_h3_r_h4() -> None:
    whole = facts(record(launched()), chain_head=HEAD)
    assert r_h3(whole) == Finding(
        PROVEN, "PDF/A-3b 长期保存格式（GB/T 23286），字体全部嵌入，未加密；每条记录附 SHA-256 哈希",
        "PDF/A-3b long-term format (GB/T 23286), every font embedded, not encrypted; every entry with its SHA-256 hash")
    assert r_h4(whole) == Finding(PROVEN, "封面载明保管期限：永久", "the cover states the retention: permanent")


def test_an_event_log_naming_who_and_when_proves_r_h5_with_the_overdue_flags() -> None:
    rows = record(launched(), (PUB, "publication_overdue", {}), (PUB, "publication_overdue", {}))
    assert r_h5(facts(rows, chain_head=HEAD)) == Finding(
        PROVEN, "事件日志逐条载明操作人和时间（3条）；逾期已标记：#2、#3",
        "the event log names who acted and when for each of 3 entries; overdue flagged: #2, #3")
    plain = record(launched())
    assert r_h5(facts(plain, chain_head=HEAD)) == Finding(
        PROVEN, "事件日志逐条载明操作人和时间（1条）", "the event log names who acted and when for each of 1 entries")


def test_entries_without_an_actor_or_a_readable_time_are_not_met_r_h5() -> None:
    rows = record(launched(), launched(), launched(), launched())
    rows[0]["actor"], rows[1]["at"], rows[2]["actor"] = " ", "someday", None
    assert r_h5(facts(rows, chain_head=HEAD)) == Finding(
        NOT_MET, "记录缺少操作人或时间：#1、#2、#3", "entries without actor or time: #1, #2, #3")


def test_each_edition_proves_how_it_treats_personal_data_r_h6() -> None:
    rows = record(launched())
    assert r_h6(facts(rows, edition="public", chain_head=HEAD, redactions=[{}, {}, {}])) == Finding(
        PROVEN, "公开版：删去个人信息3处（见删除记录），被删内容所在记录的哈希不变",
        "public edition: personal data removed in 3 place(s) (see the redaction log); the entries keep their hashes")
    assert r_h6(facts(rows, edition="full", chain_head=HEAD)) == Finding(
        PROVEN, "完整版：提出意见者的姓名和联系方式不入账本，仅附于本版 record.json；本版仅限档案管理员调阅",
        "full edition: commenters' names and contacts are not in the ledger, only in this edition's record.json; "
        "for archivists only")
    assert r_h6(facts(rows, edition="draft  copy", chain_head=HEAD)) == Finding(
        OPEN, "档案版本不明：draft copy", "unknown edition: draft copy")
