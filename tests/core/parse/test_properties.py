"""Property: the parser never raises on arbitrary text and never loses text.

"Never loses text" is the invariant stated in conftest.py: every character of the input
that is not whitespace, not structural punctuation of a marker ("." of "1.", brackets of
"(a)", "_" of a separator, "、" of "一、") and not on a removed furniture line reaches the
Report (metadata, a block's label/text/cited footnotes, a footnote, the contents).
`parse_document` is called directly: `parse_text` would hide a crash behind its fallback.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE
from tests.core.parse.conftest import lost_characters
from unidoreader.core.model import BlockKind
from unidoreader.core.parse import parse_document

HAN = "工业发展理事会报告中等收入国家的战略框架一二三四五六七八九十年月日至第届会议条章层附件序言简称目录"
ALPHABET = HAN + "0123456789 　.,，。；：、()（）《》“”%-_*¹²³abcAZ\t"

MARKERS = [
    "一. 导言", "二. 工业发展", "A. 创造共同繁荣", "B 段", "(a) 项目；", "(b)项目", "㈠ 伙伴关系：", "（一）环境",
    "1. 第一段。", "2. 第二段", "3.", "12. 数字", "____", "__________________", "¹ 注释。", "² <https://a.org/>。",
    "1 https://www.un.org/x。", "* 因技术原因于 2020 年 10 月 22 日重发。", "为节约起见，本文件未作印发。敬请各位代表自带文件与会。",
    "出于可持续性的原因，本文件未作印发。敬请各位代表参阅所有文件的电子版。", "74　工发组织2020年年度报告", "https://undocs.org/en/A/75/158",
    "目录", "一. 导言 ........................ 3", "第一章 总则", "第一条 本规则适用。", "第四条", "第一层：　全球工业发展背景",
    "附件：", "《综合成果和", "绩效框架》", "序言", "简称", "1", "2", "3", "12", "V.18-07433 (C)", "A/75/158", "2/4",
    "工业发展理事会", "第四十六届会议", "2018 年 11 月 26 日至 28 日，维也纳", "临时议程项目 8", "总干事的报告",
    "非洲", "12.3", "42 % 42 % 58 %", "指标 2020年", "POR.3　 进行中的项目", "合计 125 123", "（以百万美元计）",
    "第三层：　提供的方案（续）", "", " ", "\u3000",
]

line = st.one_of(st.sampled_from(MARKERS), st.text(alphabet=ALPHABET, max_size=40))
document = st.tuples(st.lists(line, max_size=60), st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\f\n"])).map(
    lambda t: t[1].join(t[0])
)


@settings(max_examples=400 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_arbitrary_text_never_raises_and_loses_nothing(text: str) -> None:
    parsed = parse_document(text, "fuzz.txt")
    assert lost_characters(text, parsed) == {}
    report = parsed.report
    ids = [b.id for b in report.blocks]
    assert len(ids) == len(set(ids))
    sections = [s.id for s in report.walk_sections()]
    assert len(sections) == len(set(sections))
    for block in report.blocks:
        if block.kind is not BlockKind.TABLE:
            assert "\n" not in block.text


@settings(max_examples=200 * FUZZ_SCALE, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises_and_loses_nothing(text: str) -> None:
    parsed = parse_document(text)
    assert lost_characters(text, parsed) == {}
