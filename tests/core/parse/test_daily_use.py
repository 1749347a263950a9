"""The parser as seen in the reader (issue 12, item 10): the annual report (004) and a
paragraph number printed mid-line."""

from __future__ import annotations

from tests.conftest import seed
from unidoreader.core.model import BlockKind
from unidoreader.core.parse import parse_text, read_text


def _annual():
    return parse_text(read_text(seed("004")), seed("004").name)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_a_letter_spaced_line_is_the_start_of_its_paragraph_not_a_section() -> None:
    annual = _annual()
    titles = [_flat(s.title) for s in annual.walk_sections()]
    assert not any("工发组织和劳工组织通过联合国" in t for t in titles)
    (block,) = [b for b in annual.blocks if "工发组织和劳工组织通过联合国" in _flat(b.text)]
    assert block.kind is BlockKind.PARAGRAPH
    assert "工发组织和劳工组织通过联合国COVID-19应对和恢复多伙伴信托基金" in block.text  # one sentence, no letter spaces


def test_a_regional_heading_is_a_section_and_not_glued_to_its_paragraph() -> None:
    annual = _annual()
    europe = [s for s in annual.walk_sections() if s.title == "工发组织在欧洲和中亚开展的工作"]
    assert len(europe) == 1
    first = next(b for b in annual.blocks_in(europe[0].id) if b.kind is BlockKind.PARAGRAPH)
    assert first.text.startswith("工发组织帮助该区域以不同方式应对和适应疫情")


def test_a_photo_caption_is_not_part_of_the_next_heading() -> None:
    annual = _annual()
    titles = [s.title for s in annual.walk_sections()]
    assert not any("楠格哈尔十年级学生的期中考试" in t for t in titles)
    assert "工发组织在日内瓦" in titles


NUMBERED = """工业发展理事会

第九十九届会议

  测试报告

 一. 导言

1. 第一段的正文。

2. 第二段的正文。

3. 本组织将继续发挥其作为专门机构的长处。 4. 此外，本组织还将加强伙伴关系，
见第 7. 段所述的安排。

5. 最后一段。 9. 不是下一个编号的数字留在段内。
"""


def test_a_paragraph_number_printed_mid_line_starts_its_paragraph_when_next_in_sequence() -> None:
    report = parse_text(NUMBERED, "numbered.txt")
    paragraphs = {b.label: b.text for b in report.blocks if b.kind is BlockKind.PARAGRAPH and b.label}
    assert list(paragraphs) == ["1", "2", "3", "4", "5"]
    assert paragraphs["3"] == "本组织将继续发挥其作为专门机构的长处。"
    assert paragraphs["4"].startswith("此外，本组织还将加强伙伴关系，") and "见第 7. 段所述的安排。" in paragraphs["4"]
    assert paragraphs["5"] == "最后一段。 9. 不是下一个编号的数字留在段内。"


def test_the_country_map_keeps_its_labels_apart() -> None:
    text = " ".join(b.text for b in _annual().blocks)
    assert "主流化赞比亚" not in text and "工业4.0埃塞俄比亚" not in text
    assert "主流化 赞比亚" in text and "工业4.0 埃塞俄比亚" in text


def test_a_sentence_broken_after_a_blank_line_is_not_a_section() -> None:
    """"其中一个试点项目是在乌拉圭卡" / "内隆斯 (Canelones)省…": a short line after a blank,
    but it goes on from the sentence before ("其中", of the pilot projects just named)."""
    annual = _annual()
    titles = [_flat(s.title) for s in annual.walk_sections()]
    assert not any(t.startswith("其中") for t in titles)
    (block,) = [b for b in annual.blocks if "乌拉圭卡内隆斯" in b.text]
    assert block.kind is BlockKind.PARAGRAPH and block.text.startswith("其中一个试点项目是在乌拉圭卡内隆斯 (Canelones)省")
