"""Other UN documents and the parser's individual rules, on small texts written for the test."""

from __future__ import annotations

from unidoreader.core.model import BlockKind
from unidoreader.core.parse import parse_document, parse_text
from unidoreader.core.parse.cover import parse_dates

GA_REPORT = """联合国
A/75/158
大会
Distr.: General
15 July 2020
Chinese
Original: English

第七十五届会议
临时议程*项目 19(a)
可持续发展
工业发展合作
秘书长的报告
摘要
本报告是根据大会第 73/239 号决议提交的，概述了工业发展合作
的最新趋势。
__________________
* A/75/150。
20-09483 (C) 100820 110820
*2009483*

一. 导言

1. 大会在第 73/239 号决议中请秘书长向大会第七十五届会议提交一份关于
该决议执行情况的报告。本报告是应该请求提交的。1

2. 本报告借鉴了联合国各实体提供的资料。

__________________
1 见 A/74/225。

A/75/158
2/4
V.20-05432 (C)
二. 工业发展趋势
A. 全球趋势
3. 全球制造业在 2019 年增长放缓，原因包括：
(a) 贸易紧张关系；
(b) 投资下降。
4. 2019 年制造业增加值增长了 1.1%，为 2012 年以来的最低增速；² 发展中
国家的增长率为 3.1%。
B. 区域趋势
5. 非洲的制造业增加值占全球的 2%。
三. 结论和建议
6. 大会不妨：
㈠ 注意到本报告；
㈡ 请秘书长继续报告。

² 联合国工业发展组织，《2020 年国际工业统计年鉴》。
"""


def test_general_assembly_report_cover() -> None:
    meta = parse_text(GA_REPORT).metadata
    assert meta.body == "大会"
    assert meta.session == 75
    assert meta.agenda_item == "19(a)"
    assert meta.agenda_title == "可持续发展"
    assert meta.title == "工业发展合作"
    assert meta.kind == "秘书长的报告"
    assert meta.symbol == "A/75/158"
    assert meta.dates is None and meta.year is None


def test_general_assembly_report_structure() -> None:
    parsed = parse_document(GA_REPORT)
    report = parsed.report
    outline = [(s.level, s.label, s.title) for s in report.walk_sections()]
    assert outline == [
        (1, "", "摘要"),
        (1, "一", "导言"),
        (1, "二", "工业发展趋势"),
        (2, "A", "全球趋势"),
        (2, "B", "区域趋势"),
        (1, "三", "结论和建议"),
    ]
    assert [s.id for s in report.walk_sections()] == ["#1", "一", "二", "二.A", "二.B", "三"]
    assert report.paragraph_count == 6
    items = [(b.label, b.text) for b in report.blocks if b.kind is BlockKind.ITEM]
    assert items == [("a", "贸易紧张关系；"), ("b", "投资下降。"), ("㈠", "注意到本报告；"), ("㈡", "请秘书长继续报告。")]
    # page furniture: job number, barcode, the symbol as page header, "2/4"
    assert {line.strip() for line in parsed.furniture} >= {"A/75/158", "2/4", "*2009483*", "V.20-05432 (C)", "20-09483 (C) 100820 110820"}
    assert all("A/75/158" != b.text for b in report.blocks)
    # the "*" note concerns the document; numbered notes are footnotes in both styles
    assert any(b.kind is BlockKind.NOTE and b.label == "*" and b.text == "A/75/150。" for b in report.blocks)
    notes = {f.label: f for f in report.footnotes}
    assert set(notes) == {"1", "2"}
    para1 = next(b for b in report.blocks if b.label == "1" and b.kind is BlockKind.PARAGRAPH)
    assert para1.footnotes == ("1",) and para1.text.endswith("提交的。") and notes["1"].blocks == (para1.id,)
    para4 = next(b for b in report.blocks if b.label == "4")
    assert para4.footnotes == ("2",) and "最低增速；² 发展中国家" in para4.text
    # the paragraph runs across the page break, its Chinese joins without a gap
    para2 = next(b for b in report.blocks if b.label == "2")
    assert para2.text == "本报告借鉴了联合国各实体提供的资料。"
    summary = [b for b in report.blocks if b.section == "#1" and b.kind is BlockKind.PARAGRAPH]
    assert [b.text for b in summary] == ["本报告是根据大会第 73/239 号决议提交的，概述了工业发展合作的最新趋势。"]


RULES = """理事会议事规则

第一章 总则

第一条 本规则适用于工业发展理事会的所有会议，除非理事会另有决定。

第二条 理事会每年举行一届常会。

第二章
会议

第三条 会议应在维也纳举行。

第四条
会议日期

理事会确定每届会议的日期。
"""


def test_chapters_and_articles() -> None:
    report = parse_text(RULES)
    assert [(s.level, s.label, s.title, s.id) for s in report.walk_sections()] == [
        (1, "第一章", "总则", "第一章"),
        (1, "第二章", "会议", "第二章"),
        (2, "第四条", "会议日期", "第二章.第四条"),
    ]
    last = report.blocks[-1]
    assert (last.kind, last.text, last.section) == (BlockKind.PARAGRAPH, "理事会确定每届会议的日期。", "第二章.第四条")
    articles = {b.label: b for b in report.blocks if b.kind is BlockKind.PARAGRAPH and b.label}
    assert list(articles) == ["第一条", "第二条", "第三条"]
    assert articles["第三条"].text == "会议应在维也纳举行。" and articles["第三条"].section == "第二章"
    assert report.metadata.title == "理事会议事规则"


TOC = """目录
                                                            页次
一. 导言 ..................................................... 3
二. 工业发展趋势 ............................................. 4
    A. 全球趋势 .............................................. 4
三. 结论和建议 ............................................... 9

一. 导言

1. 本报告概述了最新情况。

二. 工业发展趋势

A. 全球趋势

2. 全球制造业增长放缓。

三. 结论和建议

3. 理事会不妨注意到本报告。
"""


def test_dotted_table_of_contents_is_not_a_second_outline() -> None:
    report = parse_text(TOC)
    assert [(s.label, s.title) for s in report.walk_sections()] == [("一", "导言"), ("二", "工业发展趋势"), ("A", "全球趋势"), ("三", "结论和建议")]
    assert report.contents[0] == "目录"
    assert any(line.startswith("二. 工业发展趋势") for line in report.contents)
    assert len(report.contents) == 6
    assert not any("....." in b.text for b in report.blocks)


NUMBERS = """一. 执行情况

1. 2014 年，工发组织在 100 个国家执行的技术合作服务总额为 17,120 万美元，
占 63.2%（10,810 万美元）。
2. 在非洲的执行额共计 5,360 万美元，占总额的 31.3%。
3. 会议日期：
2019 年 6 月 3 日
2019 年 11 月 25 日
2020 年 7 月 1 日
4. 下表列出各区域的执行额。
区域 2018 年 2019 年
非洲 53.6 49.2
亚洲 49.9 51.0
合计 103.5 100.2
5. 理事会不妨注意到上述资料。
"""


def test_tables_only_from_tables() -> None:
    report = parse_text(NUMBERS)
    tables = [b for b in report.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].text.split("\n") == ["区域 2018 年 2019 年", "非洲 53.6 49.2", "亚洲 49.9 51.0", "合计 103.5 100.2"]
    assert tables[0].lines == ("区域 2018 年 2019 年", "非洲 53.6 49.2", "亚洲 49.9 51.0", "合计 103.5 100.2")
    assert report.paragraph_count == 5
    para3 = next(b for b in report.blocks if b.label == "3")
    assert "2019 年 11 月 25 日" in para3.text


def test_dates_forms() -> None:
    assert parse_dates("2018 年 11 月 26 日至 28 日，维也纳") == (("2018-11-26", "2018-11-28"), "维也纳")
    assert parse_dates("2019年11月30日至12月2日，阿布扎比") == (("2019-11-30", "2019-12-02"), "阿布扎比")
    assert parse_dates("2019 年 12 月 30 日至 2020 年 1 月 2 日，纽约") == (("2019-12-30", "2020-01-02"), "纽约")
    assert parse_dates("2021 年 6 月 7 日") == (("2021-06-07", "2021-06-07"), None)
    assert parse_dates("2021 年 13 月 7 日") == (None, None)


def test_reflow_keeps_latin_spacing() -> None:
    report = parse_text("1. 工发组织在工业 4.0\n及 COVID-19 大流行期间与 World\nBank 合作，于 2013\n年通过。\n2. 完。\n3. 完。\n")
    para = next(b for b in report.blocks if b.label == "1")
    assert para.text == "工发组织在工业 4.0及 COVID-19 大流行期间与 World Bank 合作，于 2013年通过。"


def test_heading_title_wrapped_onto_two_lines() -> None:
    text = (
        "一. 导言\n1. 第一段。\n二. 联合国系统在支持中等收入国家方面的作用和\n    工作\n2. 第二段。\n"
        "A. 工发组织在中等收入国家开展的技术合作活动及其\n成果\n3. 第三段。\n三. 结论\n导言\n4. 完。\n"
    )
    assert [(s.label, s.title) for s in parse_text(text).walk_sections()] == [
        ("一", "导言"),
        ("二", "联合国系统在支持中等收入国家方面的作用和工作"),
        ("A", "工发组织在中等收入国家开展的技术合作活动及其成果"),
        ("三", "结论"),
        ("", "导言"),
    ]


def test_parse_text_never_raises(monkeypatch) -> None:
    """Should the parser have a bug, the reader still gets the text, a paragraph a line."""
    import unidoreader.core.parse as parse

    def broken(text: str, source: str = ""):
        raise RuntimeError("bug")

    monkeypatch.setattr(parse, "parse_document", broken)
    report = parse.parse_text("第一行\n\n第二行\n", "x.txt")
    assert [b.text for b in report.blocks] == ["第一行", "第二行"] and report.source == "x.txt"


def test_markers_without_text_keep_their_labels() -> None:
    """Found by the property test: a bare "㈠" line, a "01" line over a heading."""
    report = parse_text("㈠\n一. 导言\n")
    assert [(b.kind, b.label) for b in report.blocks] == [(BlockKind.ITEM, "㈠"), (BlockKind.HEADING, "一")]
    report = parse_text("01\n一. 导言\n")
    assert [(s.label, s.title) for s in report.walk_sections()] == [("一", "导言")]


def test_quotes_and_notes() -> None:
    report = parse_text("一. 导言\n“我们必须做得更好，\n共同应对挑战。”\n注：数字经四舍五入。\n“创意突尼斯”项目成效显著。\n")
    kinds = [(b.kind, b.text) for b in report.blocks[1:]]
    assert kinds == [
        (BlockKind.QUOTE, "“我们必须做得更好，共同应对挑战。”"),
        (BlockKind.NOTE, "注：数字经四舍五入。"),
        (BlockKind.PARAGRAPH, "“创意突尼斯”项目成效显著。"),
    ]


def test_annual_report_pull_quotes() -> None:
    from tests.core.parse.conftest import SEED_NAMES, parsed_seed

    name = next(n for n in SEED_NAMES if n.startswith("004"))
    quotes = [b.text for b in parsed_seed(name).report.blocks if b.kind is BlockKind.QUOTE]
    assert any(q.startswith("“COVID-19大流行扰乱了卫生系统") for q in quotes)


def test_annexes_restart_paragraph_numbers() -> None:
    text = (
        "一. 导言\n1. 第一段。\n2. 第二段。\n3. 第三段。\n"
        "附件一\n工发组织方案的执行情况\n1. 附件第一段。\n2. 附件第二段。\n"
        "附件二 统计表\n1. 只有段落。\n"
    )
    report = parse_text(text)
    assert [(s.id, s.label, s.title) for s in report.walk_sections()] == [
        ("一", "一", "导言"),
        ("附件一", "附件一", "工发组织方案的执行情况"),
        ("附件二", "附件二", "统计表"),
    ]
    paras = [(b.label, b.section) for b in report.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paras == [("1", "一"), ("2", "一"), ("3", "一"), ("1", "附件一"), ("2", "附件一"), ("1", "附件二")]
    assert report.paragraph_count == 3
