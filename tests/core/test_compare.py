"""core.compare: two reports aligned block by block, with the words and figures that changed."""

from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE, SEED_FILES, seed
from tests.core.compare_edits import edit, found, new_texts
from unidoreader.core.compare import ADDED, CHANGED, MOVED, REMOVED, SAME, compare
from unidoreader.core.library import read_report
from unidoreader.core.model import Block, BlockKind, Metadata, Report, block_id


@lru_cache(maxsize=None)
def report(prefix: str) -> Report:
    return read_report(seed(prefix))


@lru_cache(maxsize=None)
def donors(prefix: str) -> list[str]:
    """Paragraphs of the other seeds: the text an editor inserts."""
    return [b.text for p in SEED_FILES if not p.name.startswith(prefix)
            for b in read_report(p).blocks if b.kind is BlockKind.PARAGRAPH]


@lru_cache(maxsize=None)
def fresh(prefix: str) -> list[str]:
    return new_texts(report(prefix), donors(prefix))


def make(texts: list[str], kind: BlockKind = BlockKind.PARAGRAPH) -> Report:
    seen: dict[str, int] = {}
    blocks = tuple(Block(block_id(kind, t, seen), kind, t, "一", str(n + 1)) for n, t in enumerate(texts))
    return Report(id="x" * 16, source="made.txt", metadata=Metadata(), blocks=blocks, sections=())


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_a_report_against_itself_is_all_same(prefix: str) -> None:
    r = report(prefix)
    comparison = compare(r, r)
    assert {p.status for p in comparison.pairs} == {SAME}
    assert [b for p in comparison.pairs for b in p.new] == [b.id for b in r.blocks]
    assert comparison.summary()["figures"] == 0


# Cases per seed in the suite (x FUZZ_SCALE in bench/fuzz.py): 45 x 4 + 20 for the long 004 = 200.
CASES = {"000": 45, "001": 45, "002": 45, "003": 45, "004": 20}


def _check_case(prefix: str, case: int) -> tuple[int, int, int, list[str]]:
    """Edit a seed with a seeded random script, compare, and demand exactly the edits made.
    Returns (edits expected, found, correct) over the pairs that are not `same`."""
    original = report(prefix)
    edited = edit(original, random.Random(f"{prefix}-{case}"), donors(prefix), fresh=fresh(prefix))
    comparison = compare(original, edited.report)
    got = found(comparison)
    expected_changes = {e for e in edited.expected if e[2] != SAME}
    found_changes = {e for e in got if e[2] != SAME}
    assert got == edited.expected, (
        f"{prefix} case {case}, edits {edited.made}: missing {sorted(edited.expected - got, key=str)}, "
        f"extra {sorted(got - edited.expected, key=str)}"
    )
    for pair in comparison.pairs:
        changed = [f for f in pair.figures if f.changed]
        digits = [edited.figures[b] for b in pair.new if b in edited.figures]
        if digits:
            (old, new), = digits
            assert len(changed) == 1 and old in changed[0].old and new in changed[0].new, (prefix, case, changed)
            before, after = re.findall(r"\d+", changed[0].old), re.findall(r"\d+", changed[0].new)
            assert len(before) == len(after) and [(x, y) for x, y in zip(before, after) if x != y] == [(old, new)]
        else:
            assert changed == [], (prefix, case, pair)
    return len(expected_changes), len(found_changes), len(expected_changes & found_changes), edited.made


@pytest.mark.parametrize("prefix", sorted(CASES))
def test_edits_found_are_exactly_the_edits_made(prefix: str) -> None:
    expected = found_count = correct = 0
    kinds: set[str] = set()
    for case in range(CASES[prefix] * FUZZ_SCALE):
        e, f, c, made = _check_case(prefix, case)
        expected, found_count, correct = expected + e, found_count + f, correct + c
        kinds.update(made)
    assert expected > CASES[prefix]  # several edits a case, on average
    assert correct / found_count == 1.0 and correct / expected == 1.0  # precision, recall
    assert kinds == {"insert", "delete", "reword", "split", "merge", "move", "figure"}


@settings(max_examples=20 * FUZZ_SCALE, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(["000", "001", "002", "003"]), case=st.integers(1000, 10**9))
def test_edits_found_for_any_seeded_script(prefix: str, case: int) -> None:
    _check_case(prefix, case)


def test_renumbered_paragraphs_are_the_same_and_an_insertion_is_added() -> None:
    texts = ["第一段讲工业发展的背景和本组织的任务。", "第二段讲中等收入国家的合作伙伴关系框架。", "第三段讲理事会似宜注意到本文件所载的信息。"]
    old = make(texts)
    new = make([texts[0], "新增的一段：工发组织启动了全球清洁氢方案，支持八个国家。", texts[1], texts[2]])
    pairs = compare(old, new).pairs
    assert [p.status for p in pairs] == [SAME, ADDED, SAME, SAME]
    assert [b.label for b in new.blocks] == ["1", "2", "3", "4"]  # the old 2 and 3 are now 3 and 4


def test_words_and_figures_inside_a_changed_pair() -> None:
    old = make(["截至2018年11月26日，工发组织的 168 个成员国中有 97 个国家是中等收入国家，占 58 %，"
                "方案预算为1.777亿美元（GC.17/Res.6）。"])
    new = make(["截至2019年12月2日，工发组织的 172 个成员国中有 103 个国家是中等收入国家，占 60 %，"
                "方案预算为2.1亿美元（GC.18/Res.9）。"])
    (pair,) = compare(old, new).pairs
    assert pair.status == CHANGED
    figures = {(f.old, f.new, f.kind) for f in pair.figures}
    assert figures == {
        ("2018年11月26日", "2019年12月2日", "date"),
        ("168 个成员国", "172 个成员国", "count"),
        ("97 个国家", "103 个国家", "count"),
        ("58 %", "60 %", "percent"),
        ("1.777亿美元", "2.1亿美元", "money"),
        ("GC.17/Res.6", "GC.18/Res.9", "symbol"),
    }
    text = old.blocks[0].text
    for figure in pair.figures:  # "where": the span of each value in its block
        block, start, end = figure.old_at
        assert block == old.blocks[0].id and text[start:end] == figure.old


def test_chinese_changes_are_whole_words_and_latin_changes_whole_words() -> None:
    old = make(["工发组织加强了与中等收入国家的合作。The Board took note of the report."])
    new = make(["工发组织深化了与中等收入国家的伙伴关系。The Council took note of the report."])
    (pair,) = compare(old, new).pairs
    changes = {(c.old, c.new) for c in pair.changes}
    assert ("加强", "深化") in changes
    assert ("合作", "伙伴关系") in changes
    assert ("Board", "Council") in changes
    for change in pair.changes:  # spans point at the text in each block
        for block, start, end in change.new_at:
            assert new.blocks[0].text[start:end] in change.new


def test_a_split_and_a_merge_are_one_pair_each() -> None:
    a = "工发组织共同撰写了政策报告《绿色氢促进可持续工业发展》。在国家一级，工发组织通过开展工业国家诊断性研究，为可持续工业复苏奠定了基础。"
    b = "无饥饿世界会议将在亚的斯亚贝巴举行，由工发组织、非洲联盟委员会和埃塞俄比亚政府共同组织。"
    c = "沙特阿拉伯政府将在利雅得主办多边工业政策论坛。论坛将专注于制造业的人工智能、数字化和自动化领域。"
    old = make([a, b, c])
    first, second = a.split("。", 1)
    new = make([first + "。", second, b + c])
    pairs = compare(old, new).pairs
    shapes = [(len(p.old), len(p.new), p.status, p.shape) for p in pairs]
    assert shapes == [(1, 2, CHANGED, "split"), (2, 1, CHANGED, "merge")]
    assert all(p.similarity == 1.0 and not p.changes for p in pairs)  # same words, new paragraphing


def test_a_moved_section_is_moved_and_the_rest_in_order() -> None:
    texts = [f"第{n}段：工发组织在{topic}方面开展了大量工作并取得了成果。" for n, topic in
             enumerate(["能源", "环境", "农业", "贸易", "投资", "创新", "统计", "性别", "青年", "数字化"])]
    old = make(texts)
    new = make(texts[2:9] + texts[:2] + texts[9:])
    statuses = {old.blocks[i].text: p.status for p in compare(old, new).pairs for i in range(10) if old.blocks[i].id in p.old}
    assert [statuses[t] for t in texts] == [MOVED, MOVED] + [SAME] * 8


# -- 000 (IDB.46, 2018) against 001 (IDB.52, 2024), the pairs a reader makes ------------

# Read from both reports: the same item six years apart, largely rewritten. Old paragraph
# (label or first words) -> new paragraph, or None where the other report has nothing like it.
READER_PAIRS = [
    ("工业发展理事会 第四十六届会议", "工业发展理事会 第五十二届会议"),  # the cover: session, dates, agenda item
    ("根据 GC.17/Res.6 号决议，本文件提出了", "本文件报告工发组织与中等收入国家"),  # the summary under the title
    ("目前工发组织的 168 个成员国", "世界银行称，目前工发组织有103个成员国"),  # how many members are MICs
    ("根据 GC.17/Res.6 号决议赋予的任务", "2019年大会第十八届会议经由GC.18/Res.9"),  # the framework's mandate
    ("需请理事会采取的行动", "需请理事会采取的行动"),  # the last chapter's heading, unchanged
    ("理事会不妨注意本文件所载信息", "理事会似宜注意到本文件所载信息"),  # the decision asked for
    ("《2030 年议程》提供了", None),  # the characterisation of MICs: gone
    ("与此同时，它们包括通过南南合作模式", None),
    ("中等收入国家通过南南合作实践", None),
    ("在这一优先主题框架内", None),  # the priorities of the 2018-2021 MTPF
    ("工发组织将通过其与环境和能源有关的方案", None),
    ("关于同中等收入国家建立伙伴关系的战略框架承认", None),
    ("与商业部门、发展金融机构", None),
    ("联合国系统内的伙伴关系建设", None),
    ("将由工发组织独立评价处评价", None),
    (None, "工发组织启动了全球清洁氢方案"),  # the new initiatives of 2024
    (None, "通过在拉丁美洲实施一个区域电子废物项目"),
    (None, "工发组织与中国共同发起了新的全球工业与制造业人工智能联盟"),
    (None, "工发组织与全球水泥和混凝土协会签署了"),
    (None, "沙特阿拉伯政府将于2024年10月在利雅得"),
    (None, "无饥饿世界会议将于2024年11月5日至7日"),
]


def _find(r: Report, start: str) -> str:
    (block,) = [b for b in r.blocks if start in b.text]
    return block.id


def test_000_against_001_matches_what_a_reader_matches() -> None:
    old, new = report("000"), report("001")
    comparison = compare(old, new)
    for old_start, new_start in READER_PAIRS:
        if old_start and new_start:
            a, b = _find(old, old_start), _find(new, new_start)
            pair = comparison.pairs[comparison.pair_of_old(a)]
            assert pair.new == (b,), (old_start, new_start, pair)
            assert pair.status in (SAME, CHANGED, MOVED)
        elif old_start:
            assert comparison.pairs[comparison.pair_of_old(_find(old, old_start))].status == REMOVED, old_start
        else:
            assert comparison.pairs[comparison.pair_of_new(_find(new, new_start))].status == ADDED, new_start


def test_000_against_001_lists_the_member_count_session_and_dates_as_changed_figures() -> None:
    comparison = compare(report("000"), report("001"))
    changed = {(f.old, f.new) for _n, f in comparison.changed_figures}
    assert ("168 个成员国", "103个成员国") in changed
    assert ("第四十六届", "第五十二届") in changed
    assert ("2018 年 11 月 26 日至 28 日", "2024年11月25日至27日") in changed
    assert ("GC.17/Res.6", "GC.18/Res.9") in changed


def test_the_predecessor_is_the_same_topic_at_the_nearest_earlier_session_or_the_original() -> None:
    from unidoreader.core.compare import propose_predecessor
    from unidoreader.core.library import Entry

    def entry(doc: str, **meta: object) -> Entry:
        return Entry(doc, doc + ".txt", 0.0, Metadata(**meta), 0, 0, 1)

    body = "工业发展理事会"
    mic46 = entry("a", body=body, session=46, agenda_title="中等收入国家的可持续工业发展", title="与中等收入国家建立伙伴关系的战略框架")
    mic50 = entry("b", body=body, session=50, agenda_title="中等收入国家的包容可持续发展", title="中等收入国家")
    mic52 = entry("c", body=body, session=52, agenda_title="中等收入国家的包容可持续发展", title="中等收入国家的包容可持续发展")
    budget51 = entry("d", body=body, session=51, agenda_title="方案和预算", title="2024-2025年方案和预算")
    rev = entry("e", body=body, session=52, agenda_title="方案和预算", title="方案和预算", symbol="IDB.52/5/Rev.1")
    original = entry("f", body=body, session=52, agenda_title="方案和预算", title="方案和预算", symbol="IDB.52/5")
    annual19 = entry("g", kind="年度报告", year=2019, title="工发组织2019年年度报告")
    annual20 = entry("h", kind="年度报告", year=2020, title="工发组织2020年年度报告")
    english = entry("i", body=body, session=52, agenda_title="方案和预算", title="方案和预算", symbol="IDB.52/5", language="en")
    rev = entry("e", body=body, session=52, agenda_title="方案和预算", title="方案和预算", symbol="IDB.52/5/Rev.1", language="zh")
    original = entry("f", body=body, session=52, agenda_title="方案和预算", title="方案和预算", symbol="IDB.52/5", language="zh")
    everything = [mic46, mic50, mic52, budget51, english, rev, original, annual19, annual20]
    assert propose_predecessor("c", everything) is mic50  # nearest earlier session, same topic (not the budget at 51)
    assert propose_predecessor("b", everything) is mic46
    assert propose_predecessor("a", everything) is None
    assert propose_predecessor("e", everything) is original
    assert propose_predecessor("h", everything) is annual19
