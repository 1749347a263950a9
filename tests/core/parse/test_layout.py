"""Layout rules on the seeds: double spacing, one paragraph a line, page breaks, the
annual report's chapters, regions, charts and indicator tables."""

from __future__ import annotations

from tests.core.parse.conftest import SEED_NAMES, parsed_seed
from unidoreader.core.model import BlockKind

R000, R001, R002, R003, R004 = (n for n in SEED_NAMES)


def _blocks(name: str, kind: BlockKind | None = None):
    return [b for b in parsed_seed(name).report.blocks if kind is None or b.kind is kind]


def test_double_spaced_000_keeps_paragraphs_whole() -> None:
    para1 = next(b for b in _blocks(R000, BlockKind.PARAGRAPH) if b.label == "1")
    assert para1.text.startswith("第十七次大会授权工发组织制定与中等收入国家展开合作的战略框架（GC.17/Res.6）。")
    assert para1.text.endswith("包括 17 项可持续发展目标通过两年之后。")
    summary = _blocks(R000)[1]
    assert (summary.kind, summary.label, summary.section) == (BlockKind.PARAGRAPH, None, None)
    assert summary.text.endswith("方案合作的规模和前景。")


def test_items_of_000_are_blocks_and_inline_lists_stay_in_the_sentence() -> None:
    items = [(b.label, b.section) for b in _blocks(R000, BlockKind.ITEM)]
    assert items == [("a", "六"), ("㈠", "六"), ("㈡", "六"), ("㈢", "六"), ("b", "六")]
    para3 = next(b for b in _blocks(R000) if b.label == "3")
    assert "(a)工业和经济多样化稀缺；(b)" in para3.text


def test_paragraph_across_the_page_break_of_000() -> None:
    """Paragraph 5 ends a page; the notice and heading between are no part of any block."""
    para = next(b for b in _blocks(R000) if b.label == "5")
    assert para.text.endswith("以及其他与工业有关的具体目标。")
    item = next(b for b in _blocks(R000) if b.label == "㈢")
    assert "潜在捐助方的专题和地域优先事项" in item.text  # a line with a stray leading space joins up


def test_one_paragraph_a_line_in_001() -> None:
    paras = [b for b in _blocks(R001, BlockKind.PARAGRAPH) if b.label]
    assert [int(b.label) for b in paras] == list(range(1, 24))
    assert paras[9].text.endswith("以及(二)技术合作方案。")


def test_unnumbered_subheadings_of_002_hold_their_paragraphs() -> None:
    report = parsed_seed(R002).report
    section = next(s for s in report.walk_sections() if s.title == "伙伴关系办法")
    assert section.id == "一.#3"
    labels = [b.label for b in report.blocks_in(section.id) if b.kind is BlockKind.PARAGRAPH]
    assert labels == [str(n) for n in range(12, 19)]


def test_no_tables_in_session_documents() -> None:
    for name in (R000, R001, R002, R003):
        assert _blocks(name, BlockKind.TABLE) == []


def test_annual_report_chapters_and_regions() -> None:
    report = parsed_seed(R004).report
    chapters = [(s.label, s.title) for s in report.sections if s.label]
    assert [label for label, _ in chapters] == [str(n) for n in range(1, 9)]
    regions = [c.title for c in report.section("6").children]
    for region in ("非洲", "阿拉伯区域", "亚洲及太平洋", "欧洲和中亚", "拉丁美洲和加勒比"):
        assert region in regions
    annex = next(s for s in report.sections if s.title.startswith("附件"))
    assert [c.title for c in annex.children if c.title.startswith("第")] == [
        "第一层：全球工业发展背景",
        "第二层：在工发组织支持下取得的国家和全球成果",
        "第三层：提供的方案和方案管理的有效性",
        "第四层：组织资源和效率",
    ]
    assert report.sections[0].id == "#1" and report.sections[0].title == "序言"


def test_annual_report_charts_are_single_table_blocks() -> None:
    tables = _blocks(R004, BlockKind.TABLE)
    donors = next(t for t in tables if "减去方案支助费用后捐款超过100万美元的政府捐助方" in t.text)
    lines = [line.strip() for line in donors.lines if line.strip()]
    assert lines[:2] == ["瑞士", "日本"] and lines[-2:] == ["减去方案支助费用后捐款超过100万美元的政府捐助方", "（以百万美元计）"]
    assert "" in donors.lines  # blank lines kept for table recovery
    assert donors.text == "\n".join(lines)
    # the paragraph the chart cut goes on after it, as one block
    cut = next(b for b in _blocks(R004, BlockKind.PARAGRAPH) if "多年期项目组合仍然相当可观" in b.text)
    assert cut.kind is BlockKind.PARAGRAPH
    # one-character-a-line column headers sit in the same block as the rows of POR.3
    por3 = next(t for t in tables if "创\n造\n共\n同" in t.text)
    assert "POR.3" in por3.text and "合计* 125 123 392 69 19 728" in por3.text
    # every indicator code of the annex is in a table block, none in a paragraph
    import re

    codes = re.compile(r"^(POR|FIN|HR|TCO|PAO|CPO|NOO|EXP)\.\d")
    assert not any(codes.match(b.text) for b in _blocks(R004, BlockKind.PARAGRAPH))
    assert sum(1 for t in tables for line in t.text.split("\n") if codes.match(line)) >= 25


def test_annual_report_furniture() -> None:
    parsed = parsed_seed(R004)
    removed = [line.strip() for line in parsed.furniture]
    assert "74\u3000工发组织2020年年度报告" in removed
    assert "促进包容及可持续工业发展的全球活动\u30003" in removed
    assert removed.count("1") >= 5  # the lone "1" graphic labels and page marks
    assert "第三层：\u3000提供的方案和方案管理的有效性（续）" in removed


def test_abbreviation_list_one_entry_a_block() -> None:
    report = parsed_seed(R004).report
    section = next(s for s in report.sections if s.title == "简称")
    entries = [b.text for b in report.blocks_in(section.id) if b.kind is BlockKind.PARAGRAPH]
    assert "AfDB 非洲开发银行" in entries and "GEF（环境基金） 全球环境基金" in entries
    assert not any("AfDB" in e and "AUC" in e for e in entries)
