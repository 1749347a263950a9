"""Pathological inputs: every stage grows at most n log n in its input (time at n and at
8n, ratio below 12; see tests/growth.py), however hostile the text.

The classes are the ones an adversarial run found (a long run of spaces before "。", a
line of "_", 10,000 identical headings, 500,000 × "中") and their siblings: a long run of
one character of every kind, and many repeats of each structure the parser knows.
bench/fuzz.py runs the generators below at larger sizes (UNIDOREADER_FUZZ_SCALE)."""

from __future__ import annotations

import pytest

from tests.conftest import FUZZ_SCALE
from tests.growth import assert_bounded
from unidoreader.core import analysis, parse
from unidoreader.core.index import segment_blocks
from unidoreader.core.search import parse_query

#: One character of every kind the parser and jieba treat differently: space, the
#: contents-leader characters, CJK punctuation, a common and a rare Han character, Latin
#: letters and digits, full-width forms, a combining mark, a control, an emoji, a
#: character jieba's regular expressions do not know, and the footnote superscript.
RUN_CHARACTERS = [" ", "\u3000", "\t", ".", "_", "-", "…", "·", "．", "。", "，", "中", "龘", "a", "Z", "1", "Ａ",
                  "１", "\u0301", "\x07", "😀", "々", "¹", "(", "一", "*", "\u200b"]

#: Lines that each parser rule recognises, repeated: numbered paragraphs (the same number
#: too), headings of every numbering, footnotes, contents entries, items, furniture,
#: table rows, notes, quotations, cover fields.
STRUCTURES = {
    "numbered paragraph": lambda i: f"{i}. 工发组织的活动。",
    "same number": lambda i: "1. 工发组织的活动。",
    "roman heading": lambda i: "一. 导言",
    "letter heading": lambda i: "A. 导言",
    "chapter": lambda i: "第一章 导言",
    "annex": lambda i: "附件一",
    "footnote": lambda i: f"{i % 9 + 1} 见文件。",
    "contents entry": lambda i: f"一. 导言 ........ {i % 900}",
    "item": lambda i: f"(a) 项目{i}；",
    "page furniture": lambda i: f"- {i} -",
    "document symbol": lambda i: "IDB.52/2",
    "table row": lambda i: f"合计 {i} 2 3",
    "star note": lambda i: "* 因技术原因重发。",
    "quotation": lambda i: "“引文。”",
    "blank and text": lambda i: "" if i % 2 else "甲",
    "short line": lambda i: "甲",
}


def _lines(structure: str) -> "callable":
    line = STRUCTURES[structure]
    return lambda n: "\n".join(line(i) for i in range(n)) + "\n"


@pytest.mark.parametrize("char", RUN_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in RUN_CHARACTERS])
def test_parsing_a_long_run_of_one_character_is_linear(char: str) -> None:
    # the contents-leader regex was cubic on spaces ("   …   。") and quadratic on "_" and "."
    assert_bounded(lambda n: char * n + "。\n", parse.parse_text, 100 * FUZZ_SCALE, f"parsing a run of {char!r}")


@pytest.mark.parametrize("structure", sorted(STRUCTURES))
def test_parsing_many_repeats_of_a_structure_is_n_log_n(structure: str) -> None:
    # identical headings were quadratic (their section ids de-duplicated by a search from ~2)
    assert_bounded(_lines(structure), parse.parse_text, 500 * FUZZ_SCALE, f"parsing repeated {structure!r} lines")


#: The same for an English report (core.parse.english): its own contents leader and
#: heading ids had the quadratic habits of the Chinese rules'.
ENGLISH_HEADER = "Report of the Secretary-General\n\n"
ENGLISH_STRUCTURES = {
    "chapter": lambda i: "I. Introduction\n",
    "letter heading": lambda i: "A. Work of the Organization\n",
    "numbered paragraph": lambda i: f"{i % 999 + 1}. The Organization works with Member States.\n",
    "item": lambda i: "(a) The Organization;",
    "contents entry": lambda i: f"I. Introduction ........ {i % 900}",
    "annex": lambda i: "Annex\n",
    "footnote": lambda i: f"{i % 9 + 1} See document A/75/158.",
    "document symbol": lambda i: "IDB.52/2",
}


@pytest.mark.parametrize("structure", sorted(ENGLISH_STRUCTURES))
def test_parsing_many_repeats_of_an_english_structure_is_n_log_n(structure: str) -> None:
    line = ENGLISH_STRUCTURES[structure]
    make = lambda n: ENGLISH_HEADER + "\n".join(line(i) for i in range(n)) + "\n"  # noqa: E731
    # n large enough that the lines past the first 200 (where contents are looked for) dominate
    assert_bounded(make, parse.parse_text, 1000 * FUZZ_SCALE, f"parsing repeated English {structure!r} lines")


@pytest.mark.parametrize("char", [".", " ", "-", "_", "a", "1"])
def test_parsing_a_long_run_in_an_english_report_is_linear(char: str) -> None:
    make = lambda n: ENGLISH_HEADER + "Contents\n" + char * n + " x\n"  # noqa: E731
    assert_bounded(make, parse.parse_text, 300 * FUZZ_SCALE, f"parsing a run of {char!r} in an English report")


@pytest.mark.parametrize("char", ["中", "龘", "a", "1", "。", "😀", "々", "\u3000"])
def test_segmenting_a_long_run_of_one_character_is_linear(char: str) -> None:
    # jieba's HMM copies its paths at every character of an unknown run: quadratic
    assert_bounded(lambda n: [char * n], segment_blocks, 2000 * FUZZ_SCALE, f"segmenting a run of {char!r}")


def test_a_long_unknown_run_is_segmented_in_pieces_that_join_to_the_text() -> None:
    text = "中" * 5000 + "工业发展" + "龘" * 3000
    pieces = analysis.segment_pieces(text)
    assert "".join(pieces) == analysis.normalize(text)
    assert max(map(len, pieces)) <= analysis.HMM_RUN
    # short runs are untouched: the same words as jieba's accurate mode
    assert analysis.segment_pieces("工发组织支持中等收入国家的工业发展") == analysis.segment_pieces("工发组织支持中等收入国家的工业发展")


@pytest.mark.parametrize(("query", "n"), [("“", 20000), ("工业 ", 2000), ("-发展 ", 2000), ("工业 OR ", 2000)],
                         ids=["open quotes", "words", "negations", "alternatives"])
def test_parsing_a_long_query_is_linear(query: str, n: int) -> None:
    # an unclosed quote was searched for from every later position: quadratic
    assert_bounded(lambda size: query * size, parse_query, n * FUZZ_SCALE, f"parsing a query of many {query!r}")


def test_the_issue_examples_finish_and_keep_their_text() -> None:
    spaces = parse.parse_text(" " * 2000 + "。\n" + "_" * 200_000 + "\n", "spaces.txt")
    assert "。" in " ".join(block.text for block in spaces.blocks)
    headings = parse.parse_text("一. 导言\n\n" * 10_000, "headings.txt")
    ids = [s.id for s in headings.sections]
    assert len(ids) == len(set(ids)) == 10_000 and ids[:3] == ["一", "一~2", "一~3"]


def test_naming_the_csv_files_of_many_tables_of_one_caption_is_linear() -> None:
    from unidoreader.core.export import table_file_name
    from unidoreader.core.model import Table

    table = Table(id="t1", caption="表 1. 同名", section=None, block="b", header=(), rows=())

    def name_all(count: int) -> list[str]:
        taken: set[str] = set()
        counters: dict[str, int] = {}
        return [table_file_name(table, taken, counters) for _ in range(count)]

    assert_bounded(lambda n: n, name_all, 500 * FUZZ_SCALE, "naming the CSV files of tables of one caption")
    assert name_all(3) == ["表_1._同名.csv", "表_1._同名_2.csv", "表_1._同名_3.csv"]
