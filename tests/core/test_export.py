"""The briefing pack's content (core.export): what gets printed, in which order, escaped."""

from __future__ import annotations

import re

import pytest

from tests.conftest import seed
from unidoreader.core.errors import InputError
from unidoreader.core.export import (
    PrintPart,
    briefing_html,
    chinese_dates,
    chinese_number,
    english_dates,
    english_ordinal,
    parse_section_spec,
    selected_sections,
)
from unidoreader.core.model import Block, BlockKind, Footnote, Metadata, Report, Section
from unidoreader.core.parse import parse_text, read_text


@pytest.fixture(scope="module")
def r2018() -> Report:
    return parse_text(read_text(seed("000")), seed("000").name)


@pytest.fixture(scope="module")
def r2024() -> Report:
    return parse_text(read_text(seed("001")), seed("001").name)


@pytest.fixture(scope="module")
def r2020() -> Report:
    return parse_text(read_text(seed("003")), seed("003").name)


def printed_paragraph_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'text-indent: -\d+px;">(\d+)\.&nbsp;', html)]


def numbers_in(report: Report, *section_ids: str) -> list[int]:
    return [int(b.label) for s in section_ids for b in report.blocks_in(s) if b.kind is BlockKind.PARAGRAPH and b.label]


def test_chapters_print_their_paragraphs_in_order_and_nothing_else(r2018: Report) -> None:
    html = briefing_html([PrintPart(r2018, ("三", "四"))])
    assert printed_paragraph_numbers(html) == numbers_in(r2018, "三", "四") == list(range(6, 14))
    assert "三. 该战略框架所持理据" in html and "四. 战略目标和愿景" in html
    assert "A. 创造共同繁荣" in html and "D. 强化知识和机构" in html  # a chapter brings its sections
    assert "二. 将中等收入国家" not in html and "五. 干预工作优先领域" not in html


def test_sections_print_in_the_order_asked(r2018: Report) -> None:
    html = briefing_html([PrintPart(r2018, ("四", "三"))])
    assert printed_paragraph_numbers(html) == [9, 10, 11, 12, 13, 6, 7, 8]


def test_a_section_inside_a_selected_chapter_prints_once(r2018: Report) -> None:
    assert [s.id for s in selected_sections(r2018, ("四.A", "四"))] == ["四"]
    html = briefing_html([PrintPart(r2018, ("四", "四.A"))])
    assert html.count("A. 创造共同繁荣") == 1
    assert printed_paragraph_numbers(html) == list(range(9, 14))


def test_title_block_gives_title_body_session_and_dates(r2018: Report, r2024: Report) -> None:
    html = briefing_html([PrintPart(r2018, ("三",)), PrintPart(r2024, ("三",))])
    assert "<h1>与中等收入国家建立伙伴关系的战略框架</h1>" in html
    assert "第四十六届会议" in html and "2018年11月26日至28日，维也纳" in html
    assert "第五十二届会议" in html and "工业发展理事会" in html
    # the second report starts on a new page, after the first
    assert html.index("第四十六届会议") < html.index('page-break-before: always') < html.index("第五十二届会议")


def test_items_keep_their_labels(r2018: Report) -> None:
    html = briefing_html([PrintPart(r2018, ("六",))])
    assert "(a)&nbsp;伙伴关系和筹资" in html
    assert "㈠&nbsp;与商业部门" in html and "㈢&nbsp;探寻" in html
    assert "(b)&nbsp;南南合作" in html


def test_cited_footnotes_print_with_their_section(r2020: Report) -> None:
    first = briefing_html([PrintPart(r2020, ("一",))])
    notes = {n.label: n.text for n in r2020.footnotes}
    assert notes["1"] in first and notes["2"] in first  # cited by paragraphs 1 and 2
    assert notes["3"] not in first  # cited in chapter 三 only
    assert "<sup>1</sup>" in first  # the bare-digit reference gets a visible mark
    last = briefing_html([PrintPart(r2020, ("四",))])
    assert not any(text in last for text in notes.values())


def test_superscript_references_are_not_marked_twice(r2024: Report) -> None:
    html = briefing_html([PrintPart(r2024, ("三",))])
    assert "知识中心，² 这是" in html
    assert "<sup>2</sup>" in html  # the note itself
    paragraph = next(line for line in html.splitlines() if "知识中心" in line)
    assert "<sup>" not in paragraph


def _untrusted_report() -> Report:
    heading = Block(id="h1", kind=BlockKind.HEADING, text="<b>标题</b>", section="一", label="一")
    para = Block(id="p1", kind=BlockKind.PARAGRAPH, text='见<script>alert("x")</script> AT&amp;T <img src=x>', section="一", label="1", footnotes=("1",))
    return Report(
        id="feedfacefeedface",
        source="evil.txt",
        metadata=Metadata(title="A & B <i>", session=3),
        blocks=(heading, para),
        sections=(Section(id="一", level=1, label="一", title="<b>标题</b>", heading="h1"),),
        footnotes=(Footnote(label="1", text="<a href='http://x'>链接</a>", blocks=("p1",)),),
    )


def test_report_text_is_escaped_never_markup() -> None:
    html = briefing_html([PrintPart(_untrusted_report(), ("一",))])
    assert "<script>" not in html and "<img" not in html and "<i>" not in html and "<a href" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "AT&amp;amp;T" in html  # "&amp;" in a report is text, printed as typed
    assert "<h1>A &amp; B &lt;i&gt;</h1>" in html
    assert "&lt;a href=&#x27;http://x&#x27;&gt;链接&lt;/a&gt;" in html


def test_tables_print_as_ruled_tables() -> None:
    annual = parse_text(read_text(seed("004")), seed("004").name)
    africa = next(s.id for s in annual.walk_sections() if s.title == "工发组织在非洲开展的工作")
    html = briefing_html([PrintPart(annual, (africa,))])
    assert '<table border="1"' in html
    assert re.search(r"<td[^>]*>成员国</td><td[^>]*>15\.24</td>", html)


def test_unknown_section_is_a_one_line_error(r2018: Report) -> None:
    with pytest.raises(InputError, match="no section '九'") as error:
        briefing_html([PrintPart(r2018, ("九",))])
    assert "\n" not in str(error.value)
    with pytest.raises(InputError):
        briefing_html([])


def test_section_spec_rule(r2018: Report, r2024: Report) -> None:
    refs = ["a2018", "b2024"]
    parts = parse_section_spec("三,四,2:三", [r2018, r2024], refs)
    assert [(p.report.id, p.section_ids) for p in parts] == [(r2018.id, ("三", "四")), (r2024.id, ("三",))]
    # a bare id goes to the first DOC that has it; DOC may be given as written or by id prefix
    parts = parse_section_spec("四.A，b2024:三.E " + r2024.id[:6] + ":四", [r2018, r2024], refs)
    assert [p.section_ids for p in parts] == [("四.A",), ("三.E", "四")]
    parts = parse_section_spec("三.E,四.A", [r2018, r2024], refs)  # 三.E only exists in 2024
    assert [p.section_ids for p in parts] == [("四.A",), ("三.E",)]
    with pytest.raises(InputError, match="no section '九'"):
        parse_section_spec("三,九", [r2018, r2024], refs)
    with pytest.raises(InputError, match="b2024: none of --sections"):
        parse_section_spec("三", [r2018, r2024], refs)
    with pytest.raises(InputError, match="not one of the documents"):
        parse_section_spec("3:三", [r2018, r2024], refs)
    with pytest.raises(InputError, match="b2024: no section '四.D'"):
        parse_section_spec("三,2:四.D", [r2018, r2024], refs)


def test_english_session_ordinals_and_dates_as_un_covers_print_them() -> None:
    assert [english_ordinal(n) for n in (1, 2, 3, 12, 20, 46, 80, 81, 100, 105, 121)] == [
        "First", "Second", "Third", "Twelfth", "Twentieth", "Forty-sixth", "Eightieth", "Eighty-first",
        "One hundredth", "One hundred and fifth", "One hundred and twenty-first"]
    assert english_dates(("2018-11-26", "2018-11-28")) == "26–28 November 2018"
    assert english_dates(("2020-11-30", "2020-12-02")) == "30 November–2 December 2020"
    assert english_dates(("2018-12-30", "2019-01-02")) == "30 December 2018–2 January 2019"
    assert english_dates(("2026-01-26", "2026-01-26")) == "26 January 2026"
    assert english_dates(None) == ""


def test_chinese_numbers_and_dates() -> None:
    assert [chinese_number(n) for n in (1, 10, 15, 46, 52, 100, 105, 120)] == ["一", "十", "十五", "四十六", "五十二", "一百", "一百零五", "一百二十"]
    assert chinese_dates(("2018-11-26", "2018-11-28")) == "2018年11月26日至28日"
    assert chinese_dates(("2020-11-30", "2020-12-02")) == "2020年11月30日至12月2日"
    assert chinese_dates(None) == ""
