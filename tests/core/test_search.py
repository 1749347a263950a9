"""Searching the seeds: recall like Ctrl+F, precision of phrases, ranking, filters, query
syntax (and its failures), snippets and marks, history, and the command line."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unidoreader.cli import main
from unidoreader.core import analysis
from unidoreader.core.library import Library
from unidoreader.core.search import Hit, Searcher, parse_query

from ..conftest import seed
from .search_support import all_blocks, expected_blocks, oracle_normal, seeded, write_seed_variant  # noqa: F401

BROAD_QUERIES = [
    # UN terms, symbols, figures, mixed Latin/Chinese
    "工发组织", "工业发展理事会", "中等收入国家", "国别伙伴关系方案", "可持续发展目标", "包容及可持续工业发展",
    "清洁氢", "GC.17/Res.6", "A/75/158", "1.777亿美元", "COVID-19", "covid-19", "ＣＯＶＩＤ－１９", "工业4.0", "工业 4.0",
    # cross-boundary strings and single characters
    "组织启动", "织的", "氢", "的", "。", "%", "（", "国家和", "发展合作框架", "理事会第", "年度报告",
    # numbers and dates
    "2020", "2030年", "46", "第五十二届会议", "5.598亿美元",
]


def _keys(hits: tuple[Hit, ...] | list[Hit]) -> set[tuple[str, str]]:
    return {(hit.doc, hit.block) for hit in hits}


@pytest.fixture(scope="module")
def searcher(seeded: Library) -> Searcher:  # noqa: F811 (fixture)
    return Searcher(seeded)


@pytest.mark.parametrize("query", BROAD_QUERIES)
def test_recall_every_block_containing_the_string(seeded: Library, searcher: Searcher, query: str) -> None:  # noqa: F811
    expected = expected_blocks(seeded, query)
    result = searcher.search(query, limit=100_000)
    assert expected <= _keys(result.hits)
    # plain query: the blocks that contain it exactly come first
    assert _keys(result.hits[: len(expected)]) == expected


def test_recall_on_random_substrings_of_the_reports(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    rnd = random.Random(20261121)
    blocks = [b for b in all_blocks(seeded) if b[3]]
    syntax = re.compile(r'["“”「」|]|^-|^(session|year|doc|kind):|^(or|not)$')
    checked = 0
    while checked < 250:
        _doc, _block, _kind, text = rnd.choice(blocks)
        length = rnd.choice([1, 2, 3, 4, 5, 7, 10, 16])
        start = rnd.randrange(0, max(1, len(text) - length + 1))
        needle = text[start : start + length]
        if not needle or syntax.search(needle):
            continue
        expected = expected_blocks(seeded, needle)
        result = searcher.search(needle, limit=100_000)
        assert expected <= _keys(result.hits), needle
        assert _keys(result.hits[: len(expected)]) == expected, needle
        checked += 1


@pytest.mark.parametrize("phrase", ["包容及可持续工业发展", "中等收入国家", "技术合作", "组织启动", "COVID-19 大流行"])
def test_a_quoted_phrase_returns_only_blocks_that_contain_it(seeded: Library, searcher: Searcher, phrase: str) -> None:  # noqa: F811
    result = searcher.search(f'"{phrase}"', limit=100_000)
    assert _keys(result.hits) == expected_blocks(seeded, phrase)
    assert result.total == len(result.hits)


def test_all_plain_words_must_match(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    result = searcher.search("循环经济 气候变化", limit=100_000)
    expected = expected_blocks(seeded, "循环经济") & expected_blocks(seeded, "气候变化")
    assert expected and _keys(result.hits) == expected


def test_plain_words_standing_together_rank_first(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    for query in ["工业 4.0", "中等收入 国家", "技术 合作"]:
        together = expected_blocks(seeded, query.replace(" ", ""))
        hits = searcher.search(query, limit=100_000).hits
        assert together and _keys(hits[: len(together)]) == together
        both = set.intersection(*[expected_blocks(seeded, word) for word in query.split()])
        assert _keys(hits[: len(both)]) == both  # then the words apart; then (long words) their parts


def test_a_long_plain_term_also_finds_its_words_apart_but_lower(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    query = "可持续工业发展合作"
    result = searcher.search(query, limit=100_000)
    exact = expected_blocks(seeded, query)
    hits = list(result.hits)
    assert len(hits) > len(exact)  # words apart: 可持续工业发展 … 合作
    assert _keys(hits[: len(exact)]) == exact
    for hit in hits[len(exact) :]:
        text = oracle_normal(seeded.report(hit.doc).block(hit.block).text)  # type: ignore[union-attr]
        assert "可持续工业发展" in text and "合作" in text


def test_word_matches_rank_above_character_only_matches(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    checked = 0
    for query in ["发展", "国家", "合作", "工业", "组织", "方案"]:
        hits = list(searcher.search(query, limit=100_000).hits)
        ranks_word, ranks_chars = [], []
        for rank, hit in enumerate(hits):
            seg, words = analysis.segment(seeded.report(hit.doc).block(hit.block).text)  # type: ignore[union-attr]
            cuts = {0}
            position = 0
            for piece in seg.split(analysis.BOUNDARY):
                position += len(piece)
                cuts.add(position)
            norm = seg.replace(analysis.BOUNDARY, "")
            starts = [m.start() for m in re.finditer(re.escape(query), norm)]
            if any(w == query and main for w, _s, _e, main in words):
                ranks_word.append(rank)
            elif starts and not any(s in cuts or s + len(query) in cuts for s in starts):
                ranks_chars.append(rank)
        if ranks_word and ranks_chars:
            assert max(ranks_word) < min(ranks_chars), query
            checked += 1
    assert checked >= 2


def test_headings_and_dense_blocks_rank_first(searcher: Searcher) -> None:
    hits = searcher.search("中等收入国家", limit=5).hits
    assert hits[0].score >= hits[-1].score
    assert "中等收入国家" in hits[0].snippet


def test_scores_decrease_and_iter_hits_streams_the_same_order(searcher: Searcher) -> None:
    result = searcher.search("工发组织", limit=200)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    streamed = list(searcher.iter_hits("工发组织", limit=200))
    assert [(h.doc, h.block) for h in streamed] == [(h.doc, h.block) for h in result.hits]


def test_counts_per_document_and_session(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    result = searcher.search("工发组织", limit=5)
    assert result.total == len(expected_blocks(seeded, "工发组织"))
    assert sum(result.per_document.values()) == result.total
    assert sum(result.per_session.values()) == result.total
    sessions = {e.id: e.metadata.session for e in seeded.entries()}
    for doc, count in result.per_document.items():
        assert count == len({k for k in expected_blocks(seeded, "工发组织") if k[0] == doc})
        assert sessions[doc] in result.per_session


def test_session_year_doc_and_kind_filters(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    entries = {e.id: e for e in seeded.entries()}
    everything = expected_blocks(seeded, "工发组织")
    sessions = {e.metadata.session for e in entries.values() if e.metadata.session}
    assert sessions
    for session in sessions:
        want = {k for k in everything if entries[k[0]].metadata.session == session}
        assert _keys(searcher.search(f"session:{session} 工发组织", limit=10_000).hits) == want
        assert _keys(searcher.search("工发组织", session=session, limit=10_000).hits) == want
    years = {e.metadata.year for e in entries.values() if e.metadata.year}
    for year in years:
        want = {k for k in everything if entries[k[0]].metadata.year == year}
        assert _keys(searcher.search(f"工发组织 year:{year}", limit=10_000).hits) == want
    doc = next(iter(entries))
    assert _keys(searcher.search(f"doc:{doc[:8]} 工发组织", limit=10_000).hits) == {k for k in everything if k[0] == doc}
    kinds = {(d, b): kind for d, b, kind, _t in all_blocks(seeded)}
    headings = _keys(searcher.search("kind:heading 工发组织", limit=10_000).hits)
    assert headings and headings == {k for k in everything if kinds[k] == "heading"}
    tables = {k for k, kind in kinds.items() if kind == "table"}
    assert tables and _keys(searcher.search("kind:table", limit=10_000).hits) == tables
    doc_kinds = {e.metadata.kind for e in entries.values() if e.metadata.kind}
    for doc_kind in doc_kinds:
        want = {k for k in everything if entries[k[0]].metadata.kind == doc_kind}
        got = _keys(searcher.search("工发组织", kind=doc_kind, limit=10_000).hits)
        assert want <= got and all(doc_kind in (entries[d].metadata.kind or "") for d, _b in got)


def test_not_and_minus_exclude(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    want = expected_blocks(seeded, "中等收入国家") - expected_blocks(seeded, "合作")
    assert want
    assert _keys(searcher.search("中等收入国家 -合作", limit=10_000).hits) == want
    assert _keys(searcher.search("中等收入国家 NOT 合作", limit=10_000).hits) == want


def test_or_takes_either(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    want = expected_blocks(seeded, "清洁氢") | expected_blocks(seeded, "绿色氢")
    assert _keys(searcher.search("清洁氢 OR 绿色氢", limit=10_000).hits) == want
    want = (expected_blocks(seeded, "循环经济") | expected_blocks(seeded, "清洁氢")) & expected_blocks(seeded, "工发组织")
    assert _keys(searcher.search("循环经济 OR 清洁氢 工发组织", limit=10_000).hits) == want


@pytest.mark.parametrize(
    "query",
    ['"', '""', '"""', "OR", "NOT", "-", "--", "OR OR", "a OR", "OR 工发组织", "NOT NOT", "session:", "session:abc",
     "year:２０２０", "doc:", "kind:", ":", "((", "[]", "*", "?", "\\", "工发组织 -", '"工发组织', "工发组织\"", "   ", "",
     "session:46 year:1900", "doc:nonexistent 工发组织", "\x00", "﻿工发组织"],
)
def test_malformed_queries_never_fail(searcher: Searcher, query: str) -> None:
    result = searcher.search(query, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert hit.snippet


def test_a_whole_paragraph_as_query_finds_its_block(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    doc, block, _kind, text = max((b for b in all_blocks(seeded) if not re.search('["“”「」]', b[3])), key=lambda b: len(b[3]))
    query = seeded.report(doc).block(block).text  # type: ignore[union-attr]
    assert len(query) > 300
    result = searcher.search(f'"{query}"', limit=10)
    assert (doc, block) in _keys(result.hits)


def test_malformed_syntax_falls_back_to_literal_text(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    assert _keys(searcher.search('"工发组织', limit=10_000).hits) == expected_blocks(seeded, "工发组织")
    assert _keys(searcher.search("-", limit=10_000).hits) == expected_blocks(seeded, "-")
    assert _keys(searcher.search("OR", limit=10_000).hits) == expected_blocks(seeded, "or")
    assert _keys(searcher.search("session:abc", limit=10_000).hits) == expected_blocks(seeded, "session:abc")


def test_snippet_marks_and_block_offsets_point_at_the_match(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    for query in ["清洁氢", "COVID-19", "工业4.0", "GC.17/Res.6"]:
        for hit in searcher.search(query, limit=50).hits:
            assert hit.marks
            for start, end in hit.marks:
                assert oracle_normal(hit.snippet[start:end]) in oracle_normal(query) or oracle_normal(query) in oracle_normal(hit.snippet[start:end])
            text = seeded.report(hit.doc).block(hit.block).text  # type: ignore[union-attr]
            for start, end in hit.block_offsets:
                assert oracle_normal(text[start:end]) == oracle_normal(query)
            assert "«" in hit.marked_snippet() and len(hit.snippet) <= 130


def test_hits_carry_section_and_path(seeded: Library, searcher: Searcher) -> None:  # noqa: F811
    hit = searcher.search("清洁氢", limit=1).hits[0]
    report = seeded.report(hit.doc)
    block = report.block(hit.block)
    assert block is not None and block.section == hit.section
    if hit.section:
        section = report.section(hit.section)
        assert section is not None and hit.section_path[-1].endswith(section.title)


def test_searching_does_not_load_jieba(seeded: Library, tmp_path: Path) -> None:  # noqa: F811
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from unidoreader.core.library import Library\nfrom unidoreader.core.search import Searcher\n"
        f"r = Searcher(Library.open(Path({str(seeded.root)!r}))).search('中等收入国家 工发组织')\n"
        "assert r.total > 0\nassert 'jieba' not in sys.modules, 'jieba loaded'\n"
    )
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# -- command line ----------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_search_json(seeded: Library, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    code, out, _ = _cli(capsys, "search", "清洁氢", "--json", "--library", str(seeded.root), "--limit", "50")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "清洁氢" and data["total"] == len(expected_blocks(seeded, "清洁氢"))
    hit = data["hits"][0]
    assert {"doc", "block", "section", "snippet", "score", "marks"} <= hit.keys()
    assert "«清洁氢»" in hit["snippet"]


def test_cli_search_filters_and_limit(seeded: Library, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    entry = next(e for e in seeded.entries() if e.metadata.session)
    code, out, _ = _cli(capsys, "search", "工发组织", "--json", "--library", str(seeded.root), "--session", str(entry.metadata.session), "--limit", "3")
    data = json.loads(out)
    assert code == 0 and len(data["hits"]) <= 3
    sessions = {e.id: e.metadata.session for e in seeded.entries()}
    assert all(sessions[h["doc"]] == entry.metadata.session for h in data["hits"])
    code, out, _ = _cli(capsys, "search", "工发组织", "--json", "--library", str(seeded.root), "--doc", entry.id[:6])
    assert code == 0 and {h["doc"] for h in json.loads(out)["hits"]} == {entry.id}
    code, _, err = _cli(capsys, "search", "工发组织", "--library", str(seeded.root), "--doc", "zzzzzz")
    assert code == 2 and err.count("\n") == 1


def test_cli_batch_one_line_per_query_in_order(seeded: Library, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:  # noqa: F811
    queries = ["清洁氢", "工业4.0", '"包容及可持续工业发展"', "不存在的词语组合", "中等收入国家 -合作"]
    batch = tmp_path / "queries.txt"
    batch.write_text("\n".join(queries) + "\n", encoding="utf-8")
    code, out, _ = _cli(capsys, "search", "--batch", str(batch), "--json", "--library", str(seeded.root))
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(queries)
    for query, line in zip(queries, lines):
        data = json.loads(line)
        assert data["query"] == query
    assert json.loads(lines[3])["total"] == 0


def test_cli_batch_reads_the_queries_from_standard_input_given_as_dash(seeded: Library, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """`--batch -`: the queries come through a pipe (how the GUI's start-up helper gets its query)."""
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("清洁氢\n不存在的词语组合\n".encode("utf-8"))))
    code, out, _ = _cli(capsys, "search", "--batch", "-", "--json", "--library", str(seeded.root))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["query"] for r in lines] == ["清洁氢", "不存在的词语组合"]
    assert lines[0]["total"] > 0 and lines[1]["total"] == 0


def test_cli_search_without_query_is_a_user_error(seeded: Library, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    code, _, err = _cli(capsys, "search", "--library", str(seeded.root))
    assert code == 2 and err.startswith("unidoreader:")


def test_searches_are_kept_in_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from unidoreader.core.userdata import UserData

    library = Library.open(tmp_path / "lib")
    for query in ["清洁氢", "工业4.0"]:
        assert _cli(capsys, "search", query, "--json", "--library", str(library.root), "--year", "2020")[0] == 0
    userdata = UserData.for_library(Library.open(library.root))  # a restart
    try:
        history = userdata.history()
        assert [h.query for h in history[:2]] == ["工业4.0", "清洁氢"]
        assert history[0].filters == {"year": 2020}
    finally:
        userdata.close()


def test_cli_index_reports_progress_and_import_indexes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lib"
    code, out, err = _cli(capsys, "index", "--library", str(root))
    assert code == 0 and "[5/5]" in err
    code, out, err = _cli(capsys, "index", "--library", str(root), "--json")
    assert code == 0 and json.loads(out)["changed"] is False
    marker = "导入后立即可以检索的测试段落"
    new = write_seed_variant(seed("002"), tmp_path / "new.txt", marker)
    assert _cli(capsys, "import", str(new), "--library", str(root))[0] == 0
    from unidoreader.core import index

    assert not index.needs_update(Library.open(root))
    code, out, _ = _cli(capsys, "search", marker, "--json", "--library", str(root))
    assert json.loads(out)["total"] == 1
    code, out, err = _cli(capsys, "index", "--rebuild", "--library", str(root), "--json")
    assert code == 0 and json.loads(out)["changed"] is True and "[6/6]" in err


def test_parse_query_structure() -> None:
    parsed = parse_query('清洁氢 OR 绿色氢 "工业 4.0" -合作 NOT 冠状 session:46 year:2020 doc:abcd kind:heading')
    assert parsed.filters == {"session": 46, "year": 2020, "doc": "abcd", "kind": "heading"}
    positive = [[lit.text for lit in c.alternatives] for c in parsed.clauses if not c.negated]
    negative = [[lit.text for lit in c.alternatives] for c in parsed.clauses if c.negated]
    assert positive == [["清洁氢", "绿色氢"], ["工业4.0"]]
    assert negative == [["合作"], ["冠状"]]
